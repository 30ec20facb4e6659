"""Stage `musan_evaluate@<clip>`: test-set metrics, confusion rows and figure for one clip length."""

import argparse

from audiolab.core.errors import run_stage
from audiolab.corpora import corpus_title
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.dataset import load_clips
from audiolab.swishnet.evaluate import evaluate_clip_classifier


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clip-seconds", type=float, required=True)
    parser.add_argument("--corpus", required=True, help="the corpus root, for the figure's title")
    parser.add_argument("--features", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--metrics", required=True)
    parser.add_argument("--confusion-csv", required=True)
    parser.add_argument("--confusion-png", required=True)
    args = parser.parse_args()
    evaluate_clip_classifier(
        model_path=args.model, test=load_clips(args.features, "test"), classes=LABELS,
        metrics_json=args.metrics, confusion_csv=args.confusion_csv, confusion_png=args.confusion_png,
        title=f"SwishNet, {args.clip_seconds:g} s clips ({corpus_title('musan', args.corpus)} test split)")


if __name__ == "__main__":
    run_stage(main)
