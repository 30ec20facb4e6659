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


def dataset(mel_path, table, split, conditions, label, classes):
    """(inputs, labels) of one split's recordings under ``conditions``: inputs is {"mel": array}.

    ``table`` has one row per recording (``path``, ``split`` and the ``label`` column);
    every noisy copy of a recording is looked up by its path, so it always lands in its
    original's split.
    """
    part = table[table["split"] == split].set_index("path")
    mel, files = load_mel(mel_path, conditions, part.index)
    labels = part.loc[files, label].map({name: i for i, name in enumerate(classes)}).to_numpy()
    return {"mel": mel}, labels
