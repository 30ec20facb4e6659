"""Stage `musan_features`: MFCC clips of every length, one HDF5 per clip length."""

import argparse

import pandas as pd

from audiolab import stage
from audiolab.clipdata import SPLITS
from audiolab.corpora.musan import LABELS
from audiolab.params import load_params


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", default="data/prepared/musan/manifest.csv")
    parser.add_argument("--out", default="data/features/musan")
    args = parser.parse_args()
    params = load_params()
    stage.write_clip_features(pd.read_csv(args.manifest), params["corpora"]["musan"], args.out, params,
                              LABELS, SPLITS)


if __name__ == "__main__":
    stage.run(main)
