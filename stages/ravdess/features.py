"""Stage `ravdess_features`: log-mel inputs of every RAVDESS speech file, clean and with white, urban and
both noises; each recording's urban noise comes from its split's own noise clips."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import CorpusNotFoundError, run_stage
from audiolab.core.params import load_params
from audiolab.ravdess.mel import MelConfig
from audiolab.ravdess.meldata import write_mel_file


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True, help="the RAVDESS root")
    parser.add_argument("--noise", required=True, help="the UrbanSound8K root")
    parser.add_argument("--prepared", required=True, help="the ravdess_prepare folder")
    parser.add_argument("--out", required=True, help="folder for mel.h5, manifest.csv and skipped.csv")
    args = parser.parse_args()
    params = load_params()
    prepared, out = Path(args.prepared), Path(args.out)
    manifest, noise = pd.read_csv(prepared / "manifest.csv"), pd.read_csv(prepared / "noise.csv")
    pools = {split: list(part["path"]) for split, part in noise.groupby("split")}
    missing = sorted(set(manifest["split"]) - set(pools))
    if missing:
        raise CorpusNotFoundError("urbansound8k", args.noise, f"no fold1 noise clip for the {', '.join(missing)} split")
    kept, failed = write_mel_file(list(manifest["path"]), args.corpus, [pools[s] for s in manifest["split"]], args.noise,
                                  out / "mel.h5", MelConfig(**params["mel"]), params["augment"], params["seed"])
    manifest[manifest["path"].isin(kept)].to_csv(out / "manifest.csv", index=False)
    skipped = pd.concat([pd.read_csv(prepared / "skipped.csv"), pd.DataFrame(failed, columns=["path", "reason"])],
                        ignore_index=True)
    skipped.to_csv(out / "skipped.csv", index=False)
    print(f"ravdess: {len(kept)} files, {len(skipped)} skipped (listed in {out / 'skipped.csv'})")


if __name__ == "__main__":
    run_stage(main)
