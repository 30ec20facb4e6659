"""Stage `emotion_robustness`: every variant's emotion model on the clean, white, urban and white_urban test sets."""

import argparse

import keras
import pandas as pd

from audiolab import stage
from audiolab.corpora.ravdess import EMOTIONS
from audiolab.evaluation import robustness_matrix
from audiolab.meldata import CONDITIONS
from audiolab.params import load_params
from audiolab.ravdess_tasks import dataset

MEL = "data/features/ravdess/mel.h5"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="data/prepared/ravdess/emotion_split.csv")
    args = parser.parse_args()
    table = pd.read_csv(args.split)
    robustness_matrix(
        models={v: keras.models.load_model(f"models/emotion/{v}.keras") for v in load_params()["emotion"]["variants"]},
        test_sets={c: dataset(MEL, table, "test", (c,), "emotion", EMOTIONS) for c in CONDITIONS},
        classes=EMOTIONS, metrics_json="metrics/emotion_robustness.json",
        heatmap_png="plots/emotion/robustness.png",
        title="emotion accuracy: trained on (rows) x tested on (columns)")


if __name__ == "__main__":
    stage.run(main)
