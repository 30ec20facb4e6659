"""A copy of a clip HDF5 file with part of its training split set aside, for learning curves.

Keeps ``--fraction`` of each class's training groups (the split groups of the manifest:
artists, or files) and moves the clips of the others to a fourth split, ``unused``, which no
stage reads; validation and test clips stay as they are. The groups kept are drawn with
``--seed`` by the same grouped, stratified draw as the corpus split. Prints each class's groups
kept and clips kept.

Usage: python tools/subsample_training.py --features data/features/musan/clips_1s.h5
    --manifest data/prepared/musan/manifest.csv --fraction 0.5 --seed 1 --out clips_half.h5
"""

import argparse
import shutil

import h5py
import numpy as np
import pandas as pd

from audiolab.core.splits import split_groups

UNUSED = "unused"


def training_groups_kept(manifest, fraction, seed):
    """A boolean per manifest row: a training file whose group is kept (``fraction`` of each
    class's training groups; at least one, and at least one left out, in a class of two or more)."""
    training = (manifest["split"] == "train").to_numpy()
    if fraction >= 1:
        return training
    rows = manifest[training]
    kept = np.zeros(len(manifest), bool)
    kept[training] = split_groups(rows["group"], rows["label"], {"keep": fraction, "drop": 1 - fraction}, seed) == "keep"
    return kept


def subsample_training(features, manifest, fraction, seed, out):
    """Write ``out``: ``features`` with the clips of the training files not kept moved to the
    ``unused`` split. Returns (class, groups kept, groups, clips kept, clips) rows."""
    shutil.copyfile(features, out)
    training = (manifest["split"] == "train").to_numpy()
    kept = training_groups_kept(manifest, fraction, seed)
    with h5py.File(out, "r+") as h5:
        splits = list(h5.attrs["splits"])
        clip_rows = pd.Index(manifest["path"]).get_indexer(h5["files"].asstr()[:])[h5["file_index"][:]]
        split = h5["split"][:]
        training_clips = split == splits.index("train")
        split[training_clips & ~kept[clip_rows]] = len(splits)
        h5["split"][:] = split
        h5.attrs["splits"] = splits + [UNUSED]
    labels = manifest["label"].to_numpy()
    clip_labels = labels[clip_rows]
    return [(label, manifest["group"][kept & (labels == label)].nunique(),
             manifest["group"][training & (labels == label)].nunique(),
             int((training_clips & kept[clip_rows] & (clip_labels == label)).sum()),
             int((training_clips & (clip_labels == label)).sum()))
            for label in sorted(set(labels[training]))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--features", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--fraction", type=float, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    manifest = pd.read_csv(args.manifest)
    for label, groups_kept, groups, clips_kept, clips in subsample_training(
            args.features, manifest, args.fraction, args.seed, args.out):
        print(f"{label}: {groups_kept} of {groups} training groups, {clips_kept} of {clips} clips")


if __name__ == "__main__":
    main()
