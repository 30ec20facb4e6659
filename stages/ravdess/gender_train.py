"""Stage `gender_train`: the gender CNN on a 12 / 6 / 6 actor split (each half male, half female), once per training seed."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.core.training import save_model, training_log
from audiolab.corpora.ravdess import GENDERS
from audiolab.ravdess.dataset import dataset
from audiolab.ravdess.splits import actor_split
from audiolab.ravdess.train import train_gender


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--mel", required=True)
    parser.add_argument("--split-out", required=True)
    parser.add_argument("--models", required=True, help="folder for seed_<seed>.keras")
    parser.add_argument("--log", required=True, help="DVCLive folder (one run per seed: seed_<seed>/...)")
    args = parser.parse_args()
    params = load_params()
    p = params["gender"]
    table = pd.read_csv(args.manifest)
    table["split"] = actor_split(table, p["split"], params["seed"])
    Path(args.split_out).parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.split_out, index=False)
    train, val = (dataset(args.mel, table, split, ("clean",), "gender", GENDERS) for split in ("train", "val"))
    with training_log(args.log) as live:
        for seed in params["train_seeds"]:
            model = train_gender(train, val, p, seed, live, f"seed_{seed}")
            save_model(model, seed_path(args.models, seed, ".keras"))


if __name__ == "__main__":
    run_stage(main)
