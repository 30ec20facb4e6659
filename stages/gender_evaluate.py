"""Stage `gender_evaluate`: the gender model on its test actors."""

import argparse

import keras
import pandas as pd

from audiolab import stage
from audiolab.evaluation import evaluate_probability_model
from audiolab.ravdess_tasks import GENDERS, dataset


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="data/prepared/ravdess/gender_split.csv")
    args = parser.parse_args()
    inputs, labels = dataset("data/features/ravdess/mel.h5", pd.read_csv(args.split), "test", ("clean",), "gender",
                             GENDERS)
    evaluate_probability_model(
        keras.models.load_model("models/gender/gender.keras"), inputs["mel"], labels, GENDERS,
        metrics_json="metrics/gender.json", confusion_csv="plots/gender/confusion.csv",
        confusion_png="plots/gender/confusion.png", title="gender CNN (demo RAVDESS test actors)")


if __name__ == "__main__":
    stage.run(main)
