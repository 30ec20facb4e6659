"""Stage `gtzan_denoise`: Log-MMSE-denoised copies of every scanned GTZAN music/speech file."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.swishnet.denoise import denoise_files


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--scan", required=True, help="the gtzan_scan folder")
    parser.add_argument("--out", required=True, help="folder for denoised/, manifest.csv and skipped.csv")
    args = parser.parse_args()
    params = load_params()
    scan, out = Path(args.scan), Path(args.out)
    manifest = pd.read_csv(scan / "manifest.csv")
    failed = denoise_files(list(manifest["path"]), args.corpus, out / "denoised",
                           params["clips"]["sample_rate"], **params["gtzan"]["denoise"])
    skipped = pd.concat([pd.read_csv(scan / "skipped.csv"), pd.DataFrame(failed, columns=["path", "reason"])],
                        ignore_index=True)
    manifest[~manifest["path"].isin(skipped["path"])].to_csv(out / "manifest.csv", index=False)
    skipped.to_csv(out / "skipped.csv", index=False)
    print(f"gtzan: {len(manifest) - len(failed)} files denoised, {len(skipped)} skipped "
          f"(listed in {out / 'skipped.csv'})")


if __name__ == "__main__":
    run_stage(main)
