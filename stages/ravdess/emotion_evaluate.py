"""Stage `emotion_evaluate@<variant>`: one variant's emotion model on that variant's test split."""

import argparse

import keras
import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.corpora import corpus_title
from audiolab.corpora.ravdess import EMOTIONS
from audiolab.ravdess.evaluate import evaluate_probability_model
from audiolab.ravdess.dataset import VARIANTS, dataset


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variant", choices=VARIANTS, required=True)
    parser.add_argument("--corpus", required=True, help="the RAVDESS root, for the figure's title")
    parser.add_argument("--mel", required=True)
    parser.add_argument("--split", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--metrics", required=True)
    parser.add_argument("--confusion-csv", required=True)
    parser.add_argument("--confusion-png", required=True)
    args = parser.parse_args()
    inputs, labels = dataset(args.mel, pd.read_csv(args.split), "test", VARIANTS[args.variant], "emotion", EMOTIONS)
    evaluate_probability_model(
        keras.models.load_model(args.model), inputs, labels, EMOTIONS, metrics_json=args.metrics,
        confusion_csv=args.confusion_csv, confusion_png=args.confusion_png,
        title=f"emotion CNN, {args.variant} ({corpus_title('ravdess', args.corpus)} test split)")


if __name__ == "__main__":
    run_stage(main)
