"""Stage `emotion_fusion@<seed>`: unfused and gender-fused emotion models on one seed's speaker-independent split."""

import argparse

import pandas as pd

from audiolab import stage
from audiolab.params import load_params
from audiolab.ravdess_tasks import actor_split, fusion_experiment


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--manifest", default="data/features/ravdess/manifest.csv")
    args = parser.parse_args()
    params = load_params()
    table = pd.read_csv(args.manifest)
    table["split"] = actor_split(table, params["gender"]["split"], args.seed)
    results = fusion_experiment("data/features/ravdess/mel.h5", table, params["emotion"], params["gender"],
                                args.seed, f"plots/fusion/seed_{args.seed}")
    stage.write_json(f"metrics/fusion/seed_{args.seed}.json", results)


if __name__ == "__main__":
    stage.run(main)
