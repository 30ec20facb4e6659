"""Stage `gtzan_finetune@<clip>`: fine-tune one clip length's MUSAN SwishNet on the GTZAN fine-tuning split."""

import argparse
from pathlib import Path

import keras

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.training import set_seed, train_classifier
from audiolab.swishnet.dataset import load_clips


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--pretrained", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--history", required=True)
    args = parser.parse_args()
    params = load_params()
    p = params["gtzan"]
    finetune = load_clips(args.features, "finetune")

    set_seed(params["seed"])
    model = keras.models.load_model(args.pretrained)
    train_classifier(model, finetune, None, learning_rate=p["lr"], epochs=p["epochs"], batch_size=p["batch_size"],
                     patience=None, history_csv=args.history)
    Path(args.model).parent.mkdir(parents=True, exist_ok=True)
    model.save(args.model)


if __name__ == "__main__":
    run_stage(main)
