"""Stage `musan_train@<clip>`: train SwishNet on one clip length's MUSAN clips."""

import argparse
import math
from pathlib import Path

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.training import cosine_restarts, set_seed, train_classifier
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.dataset import load_clips
from audiolab.swishnet.model import build_swishnet


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--history", required=True)
    args = parser.parse_args()
    params = load_params()
    p = params["musan"]
    train, val = load_clips(args.features, "train"), load_clips(args.features, "val")

    set_seed(params["seed"])
    model = build_swishnet(train[0].shape[1:], len(LABELS), p["width"])
    steps_per_epoch = math.ceil(len(train[1]) / p["batch_size"])
    schedule = cosine_restarts(p["lr_max"], p["lr_min"], p["restart_epochs"] * steps_per_epoch)
    train_classifier(model, train, val, learning_rate=schedule, epochs=p["epochs"],
                     batch_size=p["batch_size"], patience=p["patience"], history_csv=args.history)
    Path(args.model).parent.mkdir(parents=True, exist_ok=True)
    model.save(args.model)


if __name__ == "__main__":
    run_stage(main)
