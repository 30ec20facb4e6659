"""Stage `musan_train@<clip>`: train SwishNet on one clip length's MUSAN clips."""

import argparse
import math
from pathlib import Path

from audiolab import stage
from audiolab.clipdata import load_clips
from audiolab.corpora.musan import LABELS
from audiolab.nets.swishnet import build_swishnet
from audiolab.params import load_params
from audiolab.training import cosine_restarts, set_seed, train_classifier


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clip-seconds", type=float, required=True)
    args = parser.parse_args()
    params = load_params()
    p = params["musan"]
    name = stage.clip_file("swishnet", args.clip_seconds)
    features = f"data/features/musan/{stage.clip_file('clips', args.clip_seconds)}.h5"
    train, val = load_clips(features, "train"), load_clips(features, "val")

    set_seed(params["seed"])
    model = build_swishnet(train[0].shape[1:], len(LABELS), p["width"])
    steps_per_epoch = math.ceil(len(train[1]) / p["batch_size"])
    schedule = cosine_restarts(p["lr_max"], p["lr_min"], p["restart_epochs"] * steps_per_epoch)
    train_classifier(model, train, val, learning_rate=schedule, epochs=p["epochs"],
                     batch_size=p["batch_size"], patience=p["patience"],
                     history_csv=f"plots/musan/{stage.clip_file('history', args.clip_seconds)}.csv")
    Path("models/musan").mkdir(parents=True, exist_ok=True)
    model.save(f"models/musan/{name}.keras")


if __name__ == "__main__":
    stage.run(main)
