"""The SwishNet study: MFCC clips, the network, MUSAN training, GTZAN transfer, export and segmentation."""
