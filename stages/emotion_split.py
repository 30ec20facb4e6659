"""Stage `emotion_split`: 60/20/20 split of the RAVDESS recordings, grouped by recording (or actor)."""

import argparse
from pathlib import Path

import pandas as pd

from audiolab import stage
from audiolab.params import load_params
from audiolab.ravdess_tasks import emotion_split


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", default="data/features/ravdess/manifest.csv")
    parser.add_argument("--out", default="data/prepared/ravdess/emotion_split.csv")
    parser.add_argument("--summary", default="metrics/emotion_data.json")
    args = parser.parse_args()
    params = load_params()
    p = params["emotion"]
    manifest = pd.read_csv(args.manifest)
    manifest["split"] = emotion_split(manifest, p["split"], p["split_by"], params["seed"])
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    manifest.to_csv(args.out, index=False)
    skipped = pd.read_csv(Path(args.manifest).with_name("skipped.csv"))
    stage.write_json(args.summary, stage.split_summary(manifest, len(skipped)))


if __name__ == "__main__":
    stage.run(main)
