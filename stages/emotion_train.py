"""Stage `emotion_train@<variant>`: the emotion CNN on one noise variant's training split."""

import argparse
from pathlib import Path

import pandas as pd

from audiolab import stage
from audiolab.corpora.ravdess import EMOTIONS
from audiolab.params import load_params
from audiolab.ravdess_tasks import VARIANTS, dataset, train_emotion

MEL = "data/features/ravdess/mel.h5"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variant", choices=VARIANTS, required=True)
    parser.add_argument("--split", default="data/prepared/ravdess/emotion_split.csv")
    args = parser.parse_args()
    params = load_params()
    table = pd.read_csv(args.split)
    train, val = (dataset(MEL, table, split, VARIANTS[args.variant], "emotion", EMOTIONS) for split in ("train", "val"))
    model = train_emotion(train, val, params["emotion"], params["seed"], f"plots/emotion/history_{args.variant}.csv")
    Path("models/emotion").mkdir(parents=True, exist_ok=True)
    model.save(f"models/emotion/{args.variant}.keras")


if __name__ == "__main__":
    stage.run(main)
