"""Stage `emotion_split`: 60/20/20 split of the RAVDESS recordings, grouped by recording (or actor)."""

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import split_summary, write_json
from audiolab.ravdess.splits import emotion_split


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--skipped", required=True, help="the feature stage's skipped.csv, for the counts")
    parser.add_argument("--out", required=True)
    parser.add_argument("--summary", required=True)
    args = parser.parse_args()
    params = load_params()
    p = params["emotion"]
    manifest = pd.read_csv(args.manifest)
    manifest["split"] = emotion_split(manifest, p["split"], p["split_by"], params["seed"])
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    manifest.to_csv(args.out, index=False)
    write_json(args.summary, split_summary(manifest, len(pd.read_csv(args.skipped))))


if __name__ == "__main__":
    run_stage(main)
