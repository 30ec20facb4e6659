import numpy as np
import pytest

from audiolab.swishnet.evaluate import recall_by_source


def test_recall_by_source_per_seed_with_mean_std_and_clip_counts():
    labels = np.array([0, 0, 0, 0, 1, 1])
    test_sources = ["music/a", "music/a", "music/b", "music/b", "speech/c", "speech/c"]
    predicted = {1: np.array([0, 0, 2, 0, 1, 1]), 2: np.array([0, 2, 2, 2, 1, 1])}
    table = recall_by_source(labels, predicted, test_sources, ["music/a", "speech/c", "speech/c"]).set_index("source")
    assert table["recall_seed_1"].to_dict() == {"music/a": 1.0, "music/b": 0.5, "speech/c": 1.0}
    assert table["recall_seed_2"].to_dict() == {"music/a": 0.5, "music/b": 0.0, "speech/c": 1.0}
    assert table["recall_mean"].to_dict() == {"music/a": 0.75, "music/b": 0.25, "speech/c": 1.0}
    assert table.loc["music/a", "recall_std"] == pytest.approx(0.5 / 2 ** 0.5)
    assert table["test_clips"].to_dict() == {"music/a": 2, "music/b": 2, "speech/c": 2}
    assert table["train_clips"].to_dict() == {"music/a": 1, "music/b": 0, "speech/c": 2}  # b: never seen in training


def test_recall_by_source_of_one_seed_has_no_spread():
    table = recall_by_source(np.array([1, 1]), {7: np.array([1, 0])}, ["x", "x"], ["x"])
    assert table[["recall_mean", "recall_std", "recall_seed_7"]].values.tolist() == [[0.5, 0.0, 0.5]]


def test_recall_by_source_names_the_split_it_scored():
    table = recall_by_source(np.array([1, 1]), {7: np.array([1, 1])}, ["x", "x"], ["x"], split="val")
    assert table["val_clips"].tolist() == [2] and "test_clips" not in table
