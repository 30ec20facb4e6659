"""Training batches streamed from a clip HDF5 file, so that memory does not grow with the corpus."""

import h5py
import keras
import numpy as np


class ClipStream(keras.utils.PyDataset):
    """(features, labels) batches of one split of a clip HDF5 file, read a window at a time.

    The split's clips, in file order, are cut into blocks of ``block_clips``. With a
    ``seed``, each epoch visits the blocks in an order drawn from (seed, epoch), reads
    them ``window_clips`` at a time and shuffles the clips within each window: the same
    seed gives the same batches, and memory holds one window whatever the corpus size.
    Without a seed (validation) the clips come in file order. Only a window's last batch
    can be short. Give ``fit`` ``shuffle=False``: Keras would otherwise reorder the batches.
    """

    def __init__(self, path, split, batch_size, seed=None, window_clips=16384, block_clips=1024):
        super().__init__()
        self.h5 = h5py.File(path, "r")
        splits = self.h5["split"][:]
        indices = np.flatnonzero(splits == list(self.h5.attrs["splits"]).index(split))
        self.labels = self.h5["labels"][:].astype(np.int64)
        self.blocks = [indices[start:start + block_clips] for start in range(0, len(indices), block_clips)]
        self.batch_size, self.seed, self.n_clips = batch_size, seed, len(indices)
        self.clip_shape = self.h5["features"].shape[1:]
        self.window_blocks = max(1, window_clips // block_clips)
        self.epoch, self.window, self.cache = 0, None, None
        self._plan()

    def _plan(self):
        """This epoch's windows (file rows) and its batches (window number, positions in the window)."""
        order = np.arange(len(self.blocks))
        rng = None if self.seed is None else np.random.default_rng([self.seed, self.epoch])
        if rng is not None:
            order = rng.permutation(order)
        self.windows, self.batches = [], []
        for start in range(0, len(order), self.window_blocks):
            rows = np.sort(np.concatenate([self.blocks[b] for b in order[start:start + self.window_blocks]]))
            positions = np.arange(len(rows)) if rng is None else rng.permutation(len(rows))
            self.batches += [(len(self.windows), positions[i:i + self.batch_size])
                             for i in range(0, len(rows), self.batch_size)]
            self.windows.append(rows)
        self.window, self.cache = None, None

    def _read(self, rows):
        """Features of the sorted file ``rows``, one contiguous read per block."""
        features = np.empty((len(rows),) + self.h5["features"].shape[1:], np.float32)
        filled = 0
        for block in np.split(rows, np.flatnonzero(np.diff(rows) > 1024) + 1):
            span = self.h5["features"][block[0]:block[-1] + 1]
            features[filled:filled + len(block)] = span[block - block[0]]
            filled += len(block)
        return features

    def __len__(self):
        return len(self.batches)

    def __getitem__(self, index):
        window, positions = self.batches[index]
        if window != self.window:
            self.window, self.cache = window, self._read(self.windows[window])
        return self.cache[positions], self.labels[self.windows[window][positions]]

    def on_epoch_end(self):
        self.epoch += 1
        self._plan()
