"""Stage `musan_evaluate@<clip>`: test-set metrics, confusion rows and figure for one clip length."""

import argparse

from audiolab import stage
from audiolab.clipdata import load_clips
from audiolab.corpora.musan import LABELS
from audiolab.evaluation import evaluate_clip_classifier


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clip-seconds", type=float, required=True)
    args = parser.parse_args()
    clip = args.clip_seconds
    test = load_clips(f"data/features/musan/{stage.clip_file('clips', clip)}.h5", "test")
    evaluate_clip_classifier(
        model_path=f"models/musan/{stage.clip_file('swishnet', clip)}.keras", test=test, classes=LABELS,
        metrics_json=f"metrics/{stage.clip_file('musan', clip)}.json",
        confusion_csv=f"plots/musan/{stage.clip_file('confusion', clip)}.csv",
        confusion_png=f"plots/musan/{stage.clip_file('confusion', clip)}.png",
        title=f"SwishNet, {clip:g} s clips (demo MUSAN test split)")


if __name__ == "__main__":
    stage.run(main)
