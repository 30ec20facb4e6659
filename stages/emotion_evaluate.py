"""Stage `emotion_evaluate@<variant>`: one variant's emotion model on that variant's test split."""

import argparse

import keras
import pandas as pd

from audiolab import stage
from audiolab.corpora.ravdess import EMOTIONS
from audiolab.evaluation import evaluate_probability_model
from audiolab.ravdess_tasks import VARIANTS, dataset

MEL = "data/features/ravdess/mel.h5"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variant", choices=VARIANTS, required=True)
    parser.add_argument("--split", default="data/prepared/ravdess/emotion_split.csv")
    args = parser.parse_args()
    inputs, labels = dataset(MEL, pd.read_csv(args.split), "test", VARIANTS[args.variant], "emotion", EMOTIONS)
    evaluate_probability_model(
        keras.models.load_model(f"models/emotion/{args.variant}.keras"), inputs, labels, EMOTIONS,
        metrics_json=f"metrics/emotion_{args.variant}.json",
        confusion_csv=f"plots/emotion/confusion_{args.variant}.csv",
        confusion_png=f"plots/emotion/confusion_{args.variant}.png",
        title=f"emotion CNN, {args.variant} (demo RAVDESS test split)")


if __name__ == "__main__":
    stage.run(main)
