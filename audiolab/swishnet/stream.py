"""Training batches streamed from a clip HDF5 file, so that memory does not grow with the corpus."""

import itertools

import h5py
import numpy as np


class ClipStream:
    """Batches of one split of a clip HDF5 file, read a window at a time.

    The split's clips, in file order, are cut into blocks of ``block_clips``. With a
    ``seed``, epoch ``e`` visits the blocks in an order drawn from (seed, e), reads them
    ``window_clips`` at a time and shuffles the clips within each window: the same seed
    gives the same batches, and memory holds a few windows whatever the corpus size.
    Without a seed (validation) the clips come in file order. The last block (the short
    one) always comes last, so every epoch has the same number of batches, and only a
    window's last batch can be short. The targets are the clips' labels, or ``targets``:
    an array with a row per clip of the file (all splits), such as distillation targets.
    ``weights`` (a row per clip of the file) adds each clip's loss weight to its batch.
    ``augment``, a ``(features, targets, rng) -> (features, targets)`` function
    (``swishnet.augment.clip_augmenter``), transforms each window, with its own random
    stream drawn from (seed, epoch): the shuffle is the same with or without it.
    """

    def __init__(self, path, split, batch_size, seed=None, window_clips=16384, block_clips=1024, targets=None,
                 weights=None, augment=None):
        self.path, self.batch_size, self.seed, self.augment = path, batch_size, seed, augment
        self.weights = None if weights is None else np.asarray(weights, np.float32)
        with h5py.File(path, "r") as h5:
            indices = np.flatnonzero(h5["split"][:] == list(h5.attrs["splits"]).index(split))
            self.targets = h5["labels"][:].astype(np.int64) if targets is None else np.asarray(targets)
            self.clip_shape = h5["features"].shape[1:]
        self.blocks = [indices[start:start + block_clips] for start in range(0, len(indices), block_clips)]
        self.window_blocks = max(1, window_clips // block_clips)
        self.n_clips = len(indices)
        self.n_batches = sum(-(-len(rows) // batch_size) for rows in self._windows(np.arange(len(self.blocks))))

    def _windows(self, order):
        """File rows of each window, for blocks in ``order``."""
        return [np.sort(np.concatenate([self.blocks[b] for b in order[start:start + self.window_blocks]]))
                for start in range(0, len(order), self.window_blocks)]

    def windows(self, epoch):
        """(features, targets[, weights]) of each window of ``epoch``, its clips shuffled (in file
        order without a seed) and augmented."""
        rng = None if self.seed is None else np.random.default_rng([self.seed, epoch])
        augment_rng = np.random.default_rng([self.seed or 0, epoch, 1])
        order = np.arange(len(self.blocks))
        if rng is not None:
            order = np.append(rng.permutation(order[:-1]), order[-1:])
        with h5py.File(self.path, "r") as h5:
            for rows in self._windows(order):
                if rng is not None:
                    rows = rows[rng.permutation(len(rows))]
                features, targets = self._read(h5["features"], rows), self.targets[rows]
                if self.augment is not None:
                    features, targets = self.augment(features, targets, augment_rng)
                yield (features, targets) if self.weights is None else (features, targets, self.weights[rows])

    @staticmethod
    def _read(features, rows):
        """Features of file ``rows`` (any order), one contiguous read per run of nearby rows."""
        ascending = np.argsort(rows, kind="stable")
        sorted_rows = rows[ascending]
        out = np.empty((len(rows),) + features.shape[1:], np.float32)
        for run in np.split(np.arange(len(rows)), np.flatnonzero(np.diff(sorted_rows) > 1024) + 1):
            first, last = sorted_rows[run[0]], sorted_rows[run[-1]]
            out[ascending[run]] = features[first:last + 1][sorted_rows[run] - first]
        return out

    def batches(self, epoch):
        """The batches of ``epoch`` as (features, targets[, weights]) arrays."""
        for window in self.windows(epoch):
            for start in range(0, len(window[0]), self.batch_size):
                yield tuple(part[start:start + self.batch_size] for part in window)

    def dataset(self):
        """A ``tf.data.Dataset`` of the batches for ``fit``: each pass over it is the next epoch.

        Windows come through ``tf.numpy_function`` in a sequential ``map`` over window numbers:
        ``from_generator`` made training 2 to 3 times slower (``bench/stream_inputs.py``).
        """
        import tensorflow as tf

        epochs, current = itertools.count(), {}

        def window(number):
            if number == 0:  # a new pass: the next epoch's windows
                current["windows"] = self.windows(next(epochs))
            parts = next(current["windows"])
            if number == n_windows - 1:
                current.pop("windows").close()
            return tuple(part.astype(dtype.as_numpy_dtype, copy=False) for part, dtype in zip(parts, dtypes))

        n_windows = len(self._windows(np.arange(len(self.blocks))))
        shapes = [(None, *self.clip_shape), (None, *self.targets.shape[1:])] + [(None,)] * (self.weights is not None)
        dtypes = [tf.float32, tf.as_dtype(self.targets.dtype)] + [tf.float32] * (self.weights is not None)
        windows = tf.data.Dataset.range(n_windows).map(
            lambda number: tuple(tf.ensure_shape(part, shape) for part, shape in
                                 zip(tf.numpy_function(window, [number], dtypes), shapes)))
        batches = windows.flat_map(lambda *parts: tf.data.Dataset.from_tensor_slices(parts).batch(self.batch_size))
        return batches.apply(tf.data.experimental.assert_cardinality(self.n_batches)).prefetch(2)
