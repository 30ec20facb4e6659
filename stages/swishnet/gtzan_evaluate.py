"""Stage `gtzan_evaluate@<clip>`: each seed's MUSAN model zero-shot and fine-tuned on the GTZAN test split."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.corpora import corpus_title
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.dataset import load_clips
from audiolab.swishnet.evaluate import evaluate_transfer_models


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clip-seconds", type=float, required=True)
    parser.add_argument("--corpus", required=True, help="the corpus root, for the figures' titles")
    parser.add_argument("--features", required=True)
    parser.add_argument("--zero-shot", required=True, help="folder of the MUSAN seed_<seed>.keras")
    parser.add_argument("--finetuned", required=True, help="folder of the fine-tuned seed_<seed>.keras")
    parser.add_argument("--runs", required=True, help="per-seed metrics JSON")
    parser.add_argument("--metrics", required=True, help="mean and std over seeds, JSON")
    parser.add_argument("--confusion-prefix", required=True, help="writes <prefix>_<model>.csv and .png")
    args = parser.parse_args()
    seeds = load_params()["train_seeds"]
    evaluate_transfer_models(
        {name: {seed: seed_path(folder, seed, ".keras") for seed in seeds}
         for name, folder in (("zero_shot", args.zero_shot), ("finetuned", args.finetuned))},
        load_clips(args.features, "test"), all_classes=LABELS, classes=("music", "speech"), runs_json=args.runs,
        summary_json=args.metrics, confusion_prefix=args.confusion_prefix,
        title=f"SwishNet, {args.clip_seconds:g} s clips\n{corpus_title('gtzan', args.corpus)} test split, {len(seeds)} seeds")


if __name__ == "__main__":
    run_stage(main)
