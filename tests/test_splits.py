import numpy as np
import pandas as pd
import pytest

from audiolab.core.errors import run_stage
from audiolab.core.splits import allocate, split_groups
from audiolab.swishnet.splits import split_groups_of, split_strata_of

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


def _music_by_artist():
    """Music in the stand-ins' shape: source a with two artists, c with three, b and d with one; three
    files per artist."""
    artists = [("a", "a1"), ("a", "a2"), ("b", "b1"), ("c", "c1"), ("c", "c2"), ("c", "c3"), ("d", "d1")]
    rows = [(source, artist, f"{artist}_{i}") for source, artist in artists for i in range(3)]
    manifest = pd.DataFrame(rows, columns=["source", "artist", "group"]).assign(label="music")
    manifest["group"] = split_groups_of(manifest, "artist")
    return manifest


def _sources_per_split(manifest, stratify_by, seed):
    split = split_groups(manifest["group"], split_strata_of(manifest, stratify_by), FRACTIONS, seed)
    table = manifest.assign(split=split)
    assert (table.groupby("artist")["split"].nunique() == 1).all()  # no artist cut
    return table.groupby("source")["split"].agg(set)


def test_stratify_by_source_puts_each_source_with_enough_artists_in_every_split():
    manifest = _music_by_artist()
    by_class = [_sources_per_split(manifest, "class", seed) for seed in range(20)]
    assert any("train" not in splits["a"] for splits in by_class)  # per class, a whole source can miss training
    for seed in range(20):
        splits = _sources_per_split(manifest, "source", seed)
        assert splits["a"] == {"train", "test"} and splits["c"] == {"train", "val", "test"}
        assert splits["b"] == splits["d"] == {"train"}


def test_stratify_by_class_is_the_split_per_label():
    manifest = _music_by_artist().assign(label=lambda m: np.where(m["source"] == "a", "noise", "music"))
    assert (split_groups(manifest["group"], split_strata_of(manifest, "class"), FRACTIONS, 3)
            == split_groups(manifest["group"], manifest["label"], FRACTIONS, 3)).all()
    with pytest.raises(ValueError, match="musan.stratify_by"):
        split_strata_of(manifest, "artist")


def test_a_bad_stratify_by_is_one_line_for_the_user(capsys):
    manifest = _music_by_artist()
    with pytest.raises(SystemExit) as exit_:
        run_stage(lambda: split_strata_of(manifest, "artist"))
    assert exit_.value.code == 2
    assert capsys.readouterr().err == "error: musan.stratify_by must be one of class, source, not 'artist'\n"
