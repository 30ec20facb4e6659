"""Stage `distill_evaluate@<clip>`: teacher, plain and distilled SwishNet side by side on the MUSAN test clips,
mean ± std over training seeds."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.dataset import load_clips
from audiolab.swishnet.evaluate import compare_clip_models


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--teacher", required=True, help="folder of the teachers' seed_<seed>.keras")
    parser.add_argument("--plain", required=True, help="folder of musan_train's seed_<seed>.keras")
    parser.add_argument("--distilled", required=True, help="folder of distill's seed_<seed>.keras")
    parser.add_argument("--runs", required=True, help="per-seed metrics JSON")
    parser.add_argument("--metrics", required=True, help="mean and std over seeds, JSON")
    args = parser.parse_args()
    seeds = load_params()["train_seeds"]
    models = {name: {seed: seed_path(folder, seed, ".keras") for seed in seeds}
              for name, folder in (("teacher", args.teacher), ("plain", args.plain), ("distilled", args.distilled))}
    compare_clip_models(models, load_clips(args.features, "test"), LABELS, args.runs, args.metrics)


if __name__ == "__main__":
    run_stage(main)
