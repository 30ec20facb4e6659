"""Stage `musan_features`: MFCC clips of every length, one HDF5 per clip length."""

import argparse
from pathlib import Path

import pandas as pd

from audiolab import stage
from audiolab.clipdata import write_clip_files
from audiolab.corpora.musan import LABELS
from audiolab.params import load_params


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", default="data/prepared/musan/manifest.csv")
    parser.add_argument("--out", default="data/features/musan")
    args = parser.parse_args()
    params = load_params()
    manifest = pd.read_csv(args.manifest)
    out = Path(args.out)
    out_paths = {s: out / f"{stage.clip_file('clips', s)}.h5" for s in params["clips"]["clip_seconds"]}
    skipped = write_clip_files(manifest, params["corpora"]["musan"], out_paths, stage.clip_config(params), LABELS)
    pd.DataFrame(skipped, columns=["path", "reason"]).to_csv(out / "skipped.csv", index=False)
    print(f"musan features: {len(manifest)} files, {len(skipped)} skipped or short (listed in {out / 'skipped.csv'})")


if __name__ == "__main__":
    stage.run(main)
