"""Stage `emotion_fusion@<seed>`: unfused and gender-fused emotion models on one seed's speaker-independent split."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import write_json
from audiolab.core.training import training_log
from audiolab.ravdess.fusion import fusion_experiment
from audiolab.ravdess.splits import actor_split


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--mel", required=True)
    parser.add_argument("--metrics", required=True)
    parser.add_argument("--log", required=True, help="DVCLive folder (one run per model trained)")
    args = parser.parse_args()
    params = load_params()
    table = pd.read_csv(args.manifest)
    table["split"] = actor_split(table, params["gender"]["split"], args.seed)
    p = params["fusion"]
    with training_log(args.log) as live:
        results = fusion_experiment(args.mel, table, dict(params["emotion"], lr=params["lr"]), params["gender"],
                                    args.seed, p["init_seeds"], p["gender_folds"], live)
    write_json(args.metrics, results)


if __name__ == "__main__":
    run_stage(main)
