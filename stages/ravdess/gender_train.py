"""Stage `gender_train`: the gender CNN on a 12 / 6 / 6 actor split (each half male, half female)."""

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.corpora.ravdess import GENDERS
from audiolab.ravdess.dataset import dataset
from audiolab.ravdess.splits import actor_split
from audiolab.ravdess.train import train_gender


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--mel", required=True)
    parser.add_argument("--split-out", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--history", required=True)
    args = parser.parse_args()
    params = load_params()
    p = params["gender"]
    table = pd.read_csv(args.manifest)
    table["split"] = actor_split(table, p["split"], params["seed"])
    Path(args.split_out).parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.split_out, index=False)
    train, val = (dataset(args.mel, table, split, ("clean",), "gender", GENDERS) for split in ("train", "val"))
    model = train_gender(train, val, p, params["seed"], args.history)
    Path(args.model).parent.mkdir(parents=True, exist_ok=True)
    model.save(args.model)


if __name__ == "__main__":
    run_stage(main)
