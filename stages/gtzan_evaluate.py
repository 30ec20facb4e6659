"""Stage `gtzan_evaluate@<clip>`: the MUSAN model zero-shot and fine-tuned on the GTZAN test split."""

import argparse

from audiolab import stage
from audiolab.clipdata import load_clips
from audiolab.corpora.musan import LABELS
from audiolab.evaluation import evaluate_transfer


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clip-seconds", type=float, required=True)
    args = parser.parse_args()
    clip = args.clip_seconds
    model = stage.clip_file("swishnet", clip)
    evaluate_transfer(
        models={"zero_shot": f"models/musan/{model}.keras", "finetuned": f"models/gtzan/{model}.keras"},
        test=load_clips(f"data/features/gtzan/{stage.clip_file('clips', clip)}.h5", "test"),
        all_classes=LABELS, classes=("music", "speech"),
        metrics_json=f"metrics/{stage.clip_file('gtzan', clip)}.json",
        confusion_prefix=f"plots/gtzan/{stage.clip_file('confusion', clip)}",
        title=f"SwishNet, {clip:g} s clips (demo GTZAN test split)")


if __name__ == "__main__":
    stage.run(main)
