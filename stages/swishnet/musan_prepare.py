"""Stage `musan_prepare`: MUSAN manifest and a split (65/10/25) by artist or by file, stratified per class or per
class and source."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import split_summary, write_json
from audiolab.core.splits import split_groups
from audiolab.corpora import musan
from audiolab.swishnet.splits import split_groups_of, split_strata_of


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--counts", required=True, help="files and hours per split and class, JSON")
    args = parser.parse_args()
    params = load_params()
    scan = musan.scan(args.corpus)
    manifest = scan.manifest
    manifest["group"] = split_groups_of(manifest, params["musan"]["group_by"])
    strata = split_strata_of(manifest, params["musan"]["stratify_by"])
    manifest["split"] = split_groups(manifest["group"], strata, params["musan"]["split"], params["seed"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    manifest.to_csv(out / "manifest.csv", index=False)
    scan.skipped.to_csv(out / "skipped.csv", index=False)
    write_json(args.counts, split_summary(manifest, len(scan.skipped)))
    print(f"musan: {len(manifest)} files, {len(scan.skipped)} skipped (listed in {out / 'skipped.csv'})")


if __name__ == "__main__":
    run_stage(main)
