"""Stage `gtzan_features`: a stratified split by file (fine-tuning / test) and MFCC clips of the denoised files."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import split_summary, write_json
from audiolab.core.splits import split_groups
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.clips import clip_config, write_clip_features


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prepared", required=True, help="the gtzan_denoise folder")
    parser.add_argument("--out", required=True, help="folder for manifest.csv, clips_<clip>s.h5 and skipped.csv")
    parser.add_argument("--counts", required=True, help="files and hours per split and class, JSON")
    args = parser.parse_args()
    params = load_params()
    fractions = params["gtzan"]["split"]
    prepared, out = Path(args.prepared), Path(args.out)
    manifest = pd.read_csv(prepared / "manifest.csv")
    manifest["split"] = split_groups(manifest["group"], manifest["label"], fractions, params["seed"])
    out.mkdir(parents=True, exist_ok=True)
    manifest.to_csv(out / "manifest.csv", index=False)
    write_clip_features(manifest, prepared / "denoised", out, clip_config(params), params["clips"]["clip_seconds"],
                        LABELS, tuple(fractions))
    write_json(args.counts, split_summary(manifest, len(pd.read_csv(prepared / "skipped.csv"))))


if __name__ == "__main__":
    run_stage(main)
