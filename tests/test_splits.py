import numpy as np
import pandas as pd

from audiolab.core.splits import allocate, split_groups

FRACTIONS = {"train": 0.65, "val": 0.10, "test": 0.25}


def test_allocate_by_largest_remainder():
    assert allocate(16, [0.65, 0.10, 0.25]).tolist() == [10, 2, 4]
    assert allocate(100, [0.65, 0.10, 0.25]).tolist() == [65, 10, 25]
    assert allocate(3, [0.65, 0.10, 0.25]).tolist() == [1, 1, 1]  # no empty split


def test_clips_of_one_file_never_cross_splits():
    rng = np.random.default_rng(0)
    files = np.repeat([f"f{i:02d}" for i in range(40)], rng.integers(1, 30, 40))
    labels = pd.Series(files).map(lambda f: ["speech", "music", "noise"][int(f[1:]) % 3]).to_numpy()
    split = split_groups(files, labels, FRACTIONS, seed=1)
    per_file = pd.DataFrame({"file": files, "split": split}).groupby("file")["split"].nunique()
    assert (per_file == 1).all()
    counts = pd.DataFrame({"file": files, "label": labels, "split": split}).drop_duplicates("file")
    table = counts.groupby(["label", "split"]).size().unstack()
    assert (table["train"] > table["test"]).all() and (table["val"] >= 1).all()  # stratified per class


def test_same_seed_same_split_other_seed_other_split():
    files = [f"f{i}" for i in range(30)]
    labels = ["a", "b", "c"] * 10
    first = split_groups(files, labels, FRACTIONS, seed=5)
    assert (first == split_groups(files, labels, FRACTIONS, seed=5)).all()
    assert (first != split_groups(files, labels, FRACTIONS, seed=6)).any()
