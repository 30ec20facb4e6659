"""Stage `segment_frames@<clip>`: each training seed's segmenter, per-frame probabilities on every evaluation mixture."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.swishnet.clips import clip_config
from audiolab.swishnet.segment_eval import write_mixture_frames


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mixtures", required=True, help="the segment_mixtures folder")
    parser.add_argument("--models", required=True, help="folder of seed_<seed>.keras")
    parser.add_argument("--out", required=True, help="the frames HDF5 (a group per seed)")
    args = parser.parse_args()
    params = load_params()
    names = pd.read_csv(Path(args.mixtures) / "truth.csv")["file"].unique()
    write_mixture_frames(args.mixtures, names, {seed: seed_path(args.models, seed, ".keras")
                                                for seed in params["train_seeds"]}, clip_config(params), args.out)


if __name__ == "__main__":
    run_stage(main)
