"""Stage `musan_prepare`: MUSAN manifest and a per-class split by file (65/10/25)."""

import argparse
from pathlib import Path

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import split_summary, write_json
from audiolab.core.splits import split_groups
from audiolab.corpora import musan


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--summary", required=True)
    args = parser.parse_args()
    params = load_params()
    scan = musan.scan(args.corpus)
    manifest = scan.manifest
    manifest["split"] = split_groups(manifest["group"], manifest["label"], params["musan"]["split"], params["seed"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    manifest.to_csv(out / "manifest.csv", index=False)
    scan.skipped.to_csv(out / "skipped.csv", index=False)
    write_json(args.summary, split_summary(manifest, len(scan.skipped)))
    print(f"musan: {len(manifest)} files, {len(scan.skipped)} skipped (listed in {out / 'skipped.csv'})")


if __name__ == "__main__":
    run_stage(main)
