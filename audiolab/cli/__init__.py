"""The command line (``python -m audiolab``): single-file prediction and segmentation with trained models."""
