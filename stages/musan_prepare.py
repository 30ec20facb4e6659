"""Stage `musan_prepare`: MUSAN manifest and a per-class split by file (65/10/25)."""

import argparse
from pathlib import Path

from audiolab import stage
from audiolab.corpora import musan
from audiolab.params import load_params
from audiolab.splits import split_groups


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="data/prepared/musan")
    parser.add_argument("--summary", default="metrics/musan_data.json")
    args = parser.parse_args()
    params = load_params()
    scan = musan.scan(params["corpora"]["musan"])
    manifest = scan.manifest
    manifest["split"] = split_groups(manifest["group"], manifest["label"], params["musan"]["split"], params["seed"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    manifest.to_csv(out / "manifest.csv", index=False)
    scan.skipped.to_csv(out / "skipped.csv", index=False)
    stage.write_json(args.summary, stage.split_summary(manifest, len(scan.skipped)))
    print(f"musan: {len(manifest)} files, {len(scan.skipped)} skipped (listed in {out / 'skipped.csv'})")


if __name__ == "__main__":
    stage.run(main)
