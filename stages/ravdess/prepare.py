"""Stage `ravdess_prepare`: RAVDESS and UrbanSound8K fold1 manifests, each split 60/20/20 so that no
utterance (or actor) and no noise source crosses splits; noise clips that do not decode or are silent
are listed, never drawn."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import CorpusNotFoundError, run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import split_summary, write_json
from audiolab.corpora import Scan, ravdess, urbansound8k
from audiolab.ravdess.mel import MelConfig
from audiolab.ravdess.meldata import usable_noise
from audiolab.ravdess.splits import emotion_split, noise_split


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True, help="the RAVDESS root")
    parser.add_argument("--noise", required=True, help="the UrbanSound8K root")
    parser.add_argument("--out", required=True, help="folder for manifest.csv, noise.csv and their skipped lists")
    parser.add_argument("--counts", required=True, help="files per split and emotion, JSON")
    args = parser.parse_args()
    params = load_params()
    p = params["emotion"]
    speech, noise = ravdess.scan(args.corpus), urbansound8k.scan(args.noise, folds=(1,))
    noise_manifest, unusable = usable_noise(noise.manifest, args.noise, MelConfig(**params["mel"]))
    noise = Scan(noise_manifest, pd.concat([noise.skipped, pd.DataFrame(unusable, columns=["path", "reason"])])
                 .sort_values("path", ignore_index=True))
    if noise.manifest.empty:
        raise CorpusNotFoundError("urbansound8k", args.noise, "no usable fold1 clip")
    speech.manifest["split"] = emotion_split(speech.manifest, p["split"], p["split_by"], params["seed"])
    noise.manifest["split"] = noise_split(noise.manifest, p["split"], params["seed"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, table in (("manifest", speech.manifest), ("skipped", speech.skipped), ("noise", noise.manifest),
                        ("noise_skipped", noise.skipped)):
        table.to_csv(out / f"{name}.csv", index=False)
    write_json(args.counts, split_summary(speech.manifest, len(speech.skipped)))
    print(f"ravdess: {len(speech.manifest)} files, {len(speech.skipped)} skipped; urban noise: "
          f"{len(noise.manifest)} fold1 clips, {len(noise.skipped)} skipped (listed in {out})")


if __name__ == "__main__":
    run_stage(main)
