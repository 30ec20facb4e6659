"""Stage `gtzan_features`: a stratified split by file (fine-tuning / test) and MFCC clips of the denoised files."""

import argparse
from pathlib import Path

import pandas as pd

from audiolab import stage
from audiolab.corpora.musan import LABELS
from audiolab.params import load_params
from audiolab.splits import split_groups


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prepared", default="data/prepared/gtzan")
    parser.add_argument("--out", default="data/features/gtzan")
    parser.add_argument("--summary", default="metrics/gtzan_data.json")
    args = parser.parse_args()
    params = load_params()
    fractions = params["gtzan"]["split"]
    manifest = pd.read_csv(Path(args.prepared) / "manifest.csv")
    manifest["split"] = split_groups(manifest["group"], manifest["label"], fractions, params["seed"])
    Path(args.out).mkdir(parents=True, exist_ok=True)
    manifest.to_csv(Path(args.out) / "manifest.csv", index=False)
    stage.write_clip_features(manifest, Path(args.prepared) / "denoised", args.out, params, LABELS, tuple(fractions))
    stage.write_json(args.summary, stage.split_summary(manifest, len(pd.read_csv(Path(args.prepared) / "skipped.csv"))))


if __name__ == "__main__":
    stage.run(main)
