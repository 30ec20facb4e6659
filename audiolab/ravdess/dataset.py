"""Reading the mel HDF5 that ``meldata.write_mel_file`` writes: inputs per noise condition and per split."""

import h5py
import numpy as np

# condition: the noises added to the clean excerpt (one HDF5 dataset each)
CONDITIONS = {"clean": (), "white": ("white",), "urban": ("urban",), "white_urban": ("white", "urban")}
# training variant: the conditions it trains and is tested on
VARIANTS = {**{condition: (condition,) for condition in CONDITIONS}, "aggregate": tuple(CONDITIONS)}


def load_mel(path, conditions, files=None):
    """(inputs, files) of ``conditions`` stacked one after another, optionally only ``files``.

    Rows come condition by condition: all files of the first condition, then the next.
    """
    with h5py.File(path, "r") as h5:
        names = h5["files"].asstr()[:]
        rows = np.arange(names.size) if files is None else np.flatnonzero(np.isin(names, list(files)))
        inputs = np.concatenate([h5[condition][:][rows] for condition in conditions])
    return inputs, np.tile(names[rows], len(conditions))


def split_items(mel_path, table, split, conditions):
    """(mel inputs, rows) of one split's recordings under ``conditions``: row i of the table
    describes input i.

    ``table`` has one row per recording (``path``, ``split`` and labels); every noisy copy
    of a recording is looked up by its path, so it always lands in its original's split.
    """
    part = table[table["split"] == split].set_index("path")
    mel, files = load_mel(mel_path, conditions, part.index)
    return mel, part.loc[files].reset_index()


def dataset(mel_path, table, split, conditions, label, classes):
    """(inputs, labels) of one split's recordings under ``conditions``: inputs is {"mel": array},
    labels are indices into ``classes`` of the ``label`` column (see ``split_items``)."""
    mel, rows = split_items(mel_path, table, split, conditions)
    return {"mel": mel}, class_indices(rows[label], classes)


def class_indices(names, classes):
    """Indices into ``classes`` of each name."""
    return names.map({name: i for i, name in enumerate(classes)}).to_numpy()
