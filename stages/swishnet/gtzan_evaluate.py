"""Stage `gtzan_evaluate@<clip>`: the MUSAN model zero-shot and fine-tuned on the GTZAN test split."""

import argparse

from audiolab.core.errors import run_stage
from audiolab.corpora import corpus_title
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.dataset import load_clips
from audiolab.swishnet.evaluate import evaluate_transfer


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clip-seconds", type=float, required=True)
    parser.add_argument("--corpus", required=True, help="the corpus root, for the figures' titles")
    parser.add_argument("--features", required=True)
    parser.add_argument("--zero-shot", required=True, help="the MUSAN model")
    parser.add_argument("--finetuned", required=True)
    parser.add_argument("--metrics", required=True)
    parser.add_argument("--confusion-prefix", required=True, help="writes <prefix>_<model>.csv and .png")
    args = parser.parse_args()
    evaluate_transfer(
        models={"zero_shot": args.zero_shot, "finetuned": args.finetuned},
        test=load_clips(args.features, "test"), all_classes=LABELS, classes=("music", "speech"),
        metrics_json=args.metrics, confusion_prefix=args.confusion_prefix,
        title=f"SwishNet, {args.clip_seconds:g} s clips ({corpus_title('gtzan', args.corpus)} test split)")


if __name__ == "__main__":
    run_stage(main)
