"""tools/subsample_training.py: part of the training split set aside by whole groups, per class."""

import importlib.util
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from audiolab.swishnet.dataset import clip_files, load_clips

_spec = importlib.util.spec_from_file_location("subsample_tool", Path(__file__).parents[1] / "tools/subsample_training.py")
subsample_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(subsample_tool)


def _corpus(tmp_path):
    """A manifest of 60 files (two classes; artists of three files in class a, single files in b;
    a fifth in test) and a clip file with three clips per file."""
    files = pd.DataFrame({"path": [f"f{i:02d}.wav" for i in range(60)], "label": ["a"] * 30 + ["b"] * 30})
    files["group"] = [f"artist{i // 3}" for i in range(30)] + list(files["path"][30:])
    files["split"] = np.where(np.arange(60) % 5 == 0, "test", "train")
    files.loc[files["label"] == "a", "split"] = np.repeat(np.where(np.arange(10) % 5 == 0, "test", "train"), 3)
    path = tmp_path / "clips.h5"
    with h5py.File(path, "w") as h5:
        h5.create_dataset("features", data=np.arange(180, dtype=np.float32).reshape(180, 1, 1))
        h5.create_dataset("labels", data=np.repeat(files["label"] == "b", 3).astype(np.int8))
        h5.create_dataset("split", data=np.repeat(files["split"] == "test", 3).astype(np.int8) * 2)
        h5.create_dataset("file_index", data=np.repeat(np.arange(60), 3).astype(np.int32))
        h5.create_dataset("files", data=files["path"].to_numpy().astype(object), dtype=h5py.string_dtype())
        h5.attrs["splits"] = ["train", "val", "test"]
    return files, path


def test_keeps_a_fraction_of_each_class_by_whole_groups_and_leaves_the_test_alone(tmp_path):
    manifest, path = _corpus(tmp_path)
    out = tmp_path / "half.h5"
    rows = subsample_tool.subsample_training(path, manifest, 0.5, 3, out)
    assert [(label, kept, groups) for label, kept, groups, _, _ in rows] == [("a", 4, 8), ("b", 12, 24)]
    kept = manifest.set_index("path").loc[clip_files(out, "train"), "group"]
    all_training = manifest.set_index("path").loc[clip_files(path, "train"), "group"]
    assert len(kept) < len(all_training)
    # a group is kept whole or not at all: every kept group has all its training clips
    assert (kept.value_counts() == all_training.value_counts()[kept.unique()]).all()
    assert (load_clips(out, "test")[0] == load_clips(path, "test")[0]).all()
    unused = clip_files(out, subsample_tool.UNUSED)
    assert len(unused) + len(kept) == len(all_training)


def test_the_draw_follows_the_seed_and_fraction_one_keeps_everything(tmp_path):
    manifest, path = _corpus(tmp_path)

    def kept_files(fraction, seed):
        out = tmp_path / f"{fraction}_{seed}.h5"
        subsample_tool.subsample_training(path, manifest, fraction, seed, out)
        return list(clip_files(out, "train"))

    assert kept_files(0.5, 1) == kept_files(0.5, 1) != kept_files(0.5, 2)
    assert kept_files(1.0, 1) == list(clip_files(path, "train"))
