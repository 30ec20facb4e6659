"""Stage `emotion_train@<variant>`: the emotion CNN on one noise variant's training split."""

import argparse
from pathlib import Path

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.corpora.ravdess import EMOTIONS
from audiolab.ravdess.dataset import VARIANTS, dataset
from audiolab.ravdess.train import train_emotion


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variant", choices=VARIANTS, required=True)
    parser.add_argument("--mel", required=True)
    parser.add_argument("--split", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--history", required=True)
    args = parser.parse_args()
    params = load_params()
    table = pd.read_csv(args.split)
    train, val = (dataset(args.mel, table, split, VARIANTS[args.variant], "emotion", EMOTIONS)
                  for split in ("train", "val"))
    model = train_emotion(train, val, params["emotion"], params["seed"], args.history)
    Path(args.model).parent.mkdir(parents=True, exist_ok=True)
    model.save(args.model)


if __name__ == "__main__":
    run_stage(main)
