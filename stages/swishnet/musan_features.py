"""Stage `musan_features`: MFCC clips of every length, one HDF5 per clip length."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.augment import NoiseMix
from audiolab.swishnet.clips import SPLITS, clip_config, write_clip_features


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--out", required=True, help="folder for clips_<clip>s.h5 and skipped.csv")
    args = parser.parse_args()
    params = load_params()
    augment = params["musan"]["augment"]
    noise_mix = NoiseMix(augment["noise_copies"], tuple(augment["noise_snr_db"]), seed=params["seed"])
    write_clip_features(pd.read_csv(args.manifest), args.corpus, args.out, clip_config(params),
                        params["clips"]["clip_seconds"], LABELS, SPLITS, noise_mix)


if __name__ == "__main__":
    run_stage(main)
