"""Stage `gtzan_denoise`: Log-MMSE-denoised copies of every GTZAN music/speech file."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.corpora import gtzan
from audiolab.swishnet.denoise import denoise_files


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", required=True, help="folder for denoised/, manifest.csv and skipped.csv")
    args = parser.parse_args()
    params = load_params()
    scan = gtzan.scan(args.corpus)
    out = Path(args.out)
    failed = denoise_files(list(scan.manifest["path"]), args.corpus, out / "denoised",
                           params["clips"]["sample_rate"], **params["gtzan"]["denoise"])
    skipped = pd.concat([scan.skipped, pd.DataFrame(failed, columns=["path", "reason"])], ignore_index=True)
    scan.manifest[~scan.manifest["path"].isin(skipped["path"])].to_csv(out / "manifest.csv", index=False)
    skipped.to_csv(out / "skipped.csv", index=False)
    print(f"gtzan: {len(scan.manifest) - len(failed)} files denoised, {len(skipped)} skipped "
          f"(listed in {out / 'skipped.csv'})")


if __name__ == "__main__":
    run_stage(main)
