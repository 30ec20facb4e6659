"""Stage `emotion_evaluate@<variant>`: each seed's emotion model on that variant's test split; mean ± std over seeds."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.corpora import corpus_title
from audiolab.corpora.ravdess import EMOTIONS
from audiolab.ravdess.dataset import VARIANTS, dataset
from audiolab.ravdess.evaluate import evaluate_probability_models


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variant", choices=VARIANTS, required=True)
    parser.add_argument("--corpus", required=True, help="the RAVDESS root, for the figure's title")
    parser.add_argument("--mel", required=True)
    parser.add_argument("--manifest", required=True, help="one row per recording with its split")
    parser.add_argument("--models", required=True, help="folder of seed_<seed>.keras")
    parser.add_argument("--runs", required=True, help="per-seed metrics JSON")
    parser.add_argument("--metrics", required=True, help="mean and std over seeds, JSON")
    parser.add_argument("--confusion-csv", required=True)
    parser.add_argument("--confusion-png", required=True)
    args = parser.parse_args()
    seeds = load_params()["train_seeds"]
    inputs, labels = dataset(args.mel, pd.read_csv(args.manifest), "test", VARIANTS[args.variant], "emotion", EMOTIONS)
    evaluate_probability_models(
        {seed: seed_path(args.models, seed, ".keras") for seed in seeds}, inputs, labels, EMOTIONS,
        runs_json=args.runs, summary_json=args.metrics, confusion_csv=args.confusion_csv,
        confusion_png=args.confusion_png,
        title=f"emotion CNN, {args.variant}\n{corpus_title('ravdess', args.corpus)} test split, {len(seeds)} seeds")


if __name__ == "__main__":
    run_stage(main)
