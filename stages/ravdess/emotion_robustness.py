"""Stage `emotion_robustness`: every variant's emotion model on the clean, white, urban and white_urban test sets."""

import argparse
from pathlib import Path

import keras
import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.corpora import corpus_title
from audiolab.corpora.ravdess import EMOTIONS
from audiolab.ravdess.evaluate import robustness_matrix
from audiolab.ravdess.dataset import CONDITIONS, dataset


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True, help="the RAVDESS root, for the figure's title")
    parser.add_argument("--mel", required=True)
    parser.add_argument("--split", required=True)
    parser.add_argument("--models", required=True, help="folder of <variant>.keras")
    parser.add_argument("--metrics", required=True)
    parser.add_argument("--heatmap", required=True)
    args = parser.parse_args()
    table = pd.read_csv(args.split)
    variants = load_params()["emotion"]["variants"]
    robustness_matrix(
        models={v: keras.models.load_model(Path(args.models) / f"{v}.keras") for v in variants},
        test_sets={c: dataset(args.mel, table, "test", (c,), "emotion", EMOTIONS) for c in CONDITIONS},
        classes=EMOTIONS, metrics_json=args.metrics, heatmap_png=args.heatmap,
        title=f"emotion accuracy, {corpus_title('ravdess', args.corpus)}\ntrained on (rows) x tested on (columns)")


if __name__ == "__main__":
    run_stage(main)
