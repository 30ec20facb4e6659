"""Stage `gtzan_scan`: the GTZAN music/speech manifest (every file checked and hashed) and its skipped files."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

from audiolab.core.errors import run_stage
from audiolab.corpora import gtzan


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", required=True, help="folder for manifest.csv and skipped.csv")
    args = parser.parse_args()
    scan = gtzan.scan(args.corpus)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scan.manifest.to_csv(out / "manifest.csv", index=False)
    scan.skipped.to_csv(out / "skipped.csv", index=False)
    print(f"gtzan: {len(scan.manifest)} files, {len(scan.skipped)} skipped (listed in {out / 'skipped.csv'})")


if __name__ == "__main__":
    run_stage(main)
