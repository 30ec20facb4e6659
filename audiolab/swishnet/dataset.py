"""Reading the clip HDF5 files that ``clips.write_clip_files`` writes."""

import h5py
import numpy as np


def load_clips(path, split, block_clips=65536):
    """(features, labels) of one split from a clip HDF5 file, read a block at a time."""
    with h5py.File(path, "r") as h5:
        mask = h5["split"][:] == list(h5.attrs["splits"]).index(split)
        labels = h5["labels"][:][mask].astype(np.int64)
        features = np.empty((int(mask.sum()),) + h5["features"].shape[1:], np.float32)
        filled = 0
        for start in range(0, mask.size, block_clips):
            block_mask = mask[start:start + block_clips]
            if block_mask.any():
                block = h5["features"][start:start + block_clips][block_mask]
                features[filled:filled + len(block)] = block
                filled += len(block)
    return features, labels


def clip_files(path, split):
    """The file (path relative to the corpus root) each clip of one split was cut from, in file order."""
    with h5py.File(path, "r") as h5:
        mask = h5["split"][:] == list(h5.attrs["splits"]).index(split)
        return h5["files"].asstr()[:][h5["file_index"][:][mask]]


def sample_clips(path, split, n_clips, seed):
    """Features of ``n_clips`` clips of one split drawn at random (all of them if fewer), in file order."""
    with h5py.File(path, "r") as h5:
        indices = np.flatnonzero(h5["split"][:] == list(h5.attrs["splits"]).index(split))
        chosen = np.sort(np.random.default_rng(seed).choice(indices, min(n_clips, len(indices)), replace=False))
        return h5["features"][chosen]

