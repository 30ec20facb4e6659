"""Stage `segment_evaluate@<clip>`: frame-wise segmentation accuracy on the mixtures (paper Table V), mean ± std over seeds."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import write_runs
from audiolab.corpora import corpus_title
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.segment_eval import plot_mixture, score_mixture_frames


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", required=True, help="the segment_frames HDF5")
    parser.add_argument("--truth", required=True, help="the mixtures' truth.csv")
    parser.add_argument("--runs", required=True, help="per-seed metrics JSON")
    parser.add_argument("--metrics", required=True, help="mean and std over seeds, JSON")
    parser.add_argument("--clip-seconds", type=float, required=True)
    parser.add_argument("--corpus", required=True, help="the MUSAN root, for the example's title")
    parser.add_argument("--example-png", required=True, help="the first mixture as the first seed segments it")
    args = parser.parse_args()
    params = load_params()
    truth = pd.read_csv(args.truth)
    runs = {seed: score_mixture_frames(args.frames, seed, truth, LABELS, params["segment"]["median_frames"],
                                       params["clips"]["step_s"], params["clips"]["window_s"])
            for seed in params["train_seeds"]}
    write_runs(runs, args.runs, args.metrics)
    seed = params["train_seeds"][0]
    plot_mixture(args.frames, seed, truth, LABELS, params["segment"]["median_frames"], params["clips"]["step_s"],
                 params["clips"]["window_s"], args.example_png,
                 f"Segmentation, {args.clip_seconds:g} s SwishNet, seed {seed}: a mixture of "
                 f"{corpus_title('musan', args.corpus)} test files")


if __name__ == "__main__":
    run_stage(main)
