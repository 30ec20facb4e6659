"""Stage `gtzan_finetune@<clip>`: fine-tune one clip length's MUSAN SwishNet on the GTZAN fine-tuning split."""

import argparse
from pathlib import Path

import keras

from audiolab import stage
from audiolab.clipdata import load_clips
from audiolab.params import load_params
from audiolab.training import set_seed, train_classifier


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clip-seconds", type=float, required=True)
    args = parser.parse_args()
    params = load_params()
    p = params["gtzan"]
    name = stage.clip_file("swishnet", args.clip_seconds)
    finetune = load_clips(f"data/features/gtzan/{stage.clip_file('clips', args.clip_seconds)}.h5", "finetune")

    set_seed(params["seed"])
    model = keras.models.load_model(f"models/musan/{name}.keras")
    train_classifier(model, finetune, None, learning_rate=p["lr"], epochs=p["epochs"], batch_size=p["batch_size"],
                     patience=None, history_csv=f"plots/gtzan/{stage.clip_file('history', args.clip_seconds)}.csv")
    Path("models/gtzan").mkdir(parents=True, exist_ok=True)
    model.save(f"models/gtzan/{name}.keras")


if __name__ == "__main__":
    stage.run(main)
