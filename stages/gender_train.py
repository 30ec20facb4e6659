"""Stage `gender_train`: the gender CNN on a 12 / 6 / 6 actor split (each half male, half female)."""

import argparse
from pathlib import Path

import pandas as pd

from audiolab import stage
from audiolab.params import load_params
from audiolab.ravdess_tasks import GENDERS, actor_split, dataset, train_gender

MEL = "data/features/ravdess/mel.h5"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--manifest", default="data/features/ravdess/manifest.csv")
    parser.add_argument("--split-out", default="data/prepared/ravdess/gender_split.csv")
    args = parser.parse_args()
    params = load_params()
    p = params["gender"]
    table = pd.read_csv(args.manifest)
    table["split"] = actor_split(table, p["split"], params["seed"])
    Path(args.split_out).parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.split_out, index=False)
    train, val = (dataset(MEL, table, split, ("clean",), "gender", GENDERS) for split in ("train", "val"))
    model = train_gender(train, val, p, params["seed"], "plots/gender/history.csv")
    Path("models/gender").mkdir(parents=True, exist_ok=True)
    model.save("models/gender/gender.keras")


if __name__ == "__main__":
    stage.run(main)
