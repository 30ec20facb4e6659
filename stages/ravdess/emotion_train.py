"""Stage `emotion_train@<variant>`: the emotion CNN on one noise variant's training split, once per training seed."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.core.training import save_model, training_log
from audiolab.corpora.ravdess import EMOTIONS
from audiolab.ravdess.dataset import VARIANTS, dataset
from audiolab.ravdess.train import train_emotion


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variant", choices=VARIANTS, required=True)
    parser.add_argument("--mel", required=True)
    parser.add_argument("--manifest", required=True, help="one row per recording with its split")
    parser.add_argument("--models", required=True, help="folder for seed_<seed>.keras")
    parser.add_argument("--log", required=True, help="DVCLive folder (one run per seed: seed_<seed>/...)")
    args = parser.parse_args()
    params = load_params()
    table = pd.read_csv(args.manifest)
    train, val = (dataset(args.mel, table, split, VARIANTS[args.variant], "emotion", EMOTIONS)
                  for split in ("train", "val"))
    with training_log(args.log) as live:
        for seed in params["train_seeds"]:
            model = train_emotion(train, val, dict(params["emotion"], lr=params["lr"]), seed, live, f"seed_{seed}")
            save_model(model, seed_path(args.models, seed, ".keras"))


if __name__ == "__main__":
    run_stage(main)
