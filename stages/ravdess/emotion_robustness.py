"""Stage `emotion_robustness`: every variant's emotion models on the clean, white, urban and white_urban test sets."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.corpora import corpus_title
from audiolab.corpora.ravdess import EMOTIONS
from audiolab.ravdess.dataset import CONDITIONS, dataset
from audiolab.ravdess.evaluate import robustness_matrix


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True, help="the RAVDESS root, for the figure's title")
    parser.add_argument("--mel", required=True)
    parser.add_argument("--manifest", required=True, help="one row per recording with its split")
    parser.add_argument("--models", required=True, help="folder of <variant>/seed_<seed>.keras")
    parser.add_argument("--runs", required=True, help="per-seed metrics JSON")
    parser.add_argument("--metrics", required=True, help="mean and std over seeds, JSON")
    parser.add_argument("--heatmap", required=True)
    args = parser.parse_args()
    params = load_params()
    table = pd.read_csv(args.manifest)
    robustness_matrix(
        models={seed: {v: seed_path(f"{args.models}/{v}", seed, ".keras") for v in params["emotion"]["variants"]}
                for seed in params["train_seeds"]},
        test_sets={c: dataset(args.mel, table, "test", (c,), "emotion", EMOTIONS) for c in CONDITIONS},
        classes=EMOTIONS, runs_json=args.runs, summary_json=args.metrics, heatmap_png=args.heatmap,
        title=f"emotion accuracy, {corpus_title('ravdess', args.corpus)}, mean of "
              f"{len(params['train_seeds'])} seeds\ntrained on (rows) x tested on (columns)")


if __name__ == "__main__":
    run_stage(main)
