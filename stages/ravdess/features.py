"""Stage `ravdess_features`: log-mel inputs of every RAVDESS speech file, clean and with white, urban and both noises."""

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import CorpusNotFoundError, run_stage
from audiolab.core.params import load_params
from audiolab.corpora import ravdess, urbansound8k
from audiolab.ravdess.mel import MelConfig
from audiolab.ravdess.meldata import write_mel_file


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True, help="the RAVDESS root")
    parser.add_argument("--noise", required=True, help="the UrbanSound8K root")
    parser.add_argument("--out", required=True, help="folder for mel.h5, manifest.csv and skipped.csv")
    args = parser.parse_args()
    params = load_params()
    speech = ravdess.scan(args.corpus)
    noise_root = Path(args.noise)
    noise = urbansound8k.scan(noise_root, folds=(1,))
    if noise.manifest.empty:
        raise CorpusNotFoundError("urbansound8k", noise_root, "no readable fold1 clip")
    out = Path(args.out)
    kept, failed = write_mel_file(list(speech.manifest["path"]), args.corpus,
                                  [noise_root / p for p in noise.manifest["path"]], out / "mel.h5",
                                  MelConfig(**params["mel"]), params["augment"], params["seed"])
    speech.manifest[speech.manifest["path"].isin(kept)].to_csv(out / "manifest.csv", index=False)
    skipped = pd.concat([speech.skipped, pd.DataFrame(failed, columns=["path", "reason"])], ignore_index=True)
    skipped.to_csv(out / "skipped.csv", index=False)
    print(f"ravdess: {len(kept)} files, {len(skipped)} skipped (listed in {out / 'skipped.csv'}); "
          f"{len(noise.manifest)} urban noise clips, {len(noise.skipped)} unreadable")


if __name__ == "__main__":
    run_stage(main)
