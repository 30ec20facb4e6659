"""Stage `teacher_train@<clip>`: the distillation teacher (a Keras-applications CNN on the MFCC clip as an image) on
one clip length's MUSAN clips, once per training seed, and its class scores for every clip (the soft targets)."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

import h5py

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.core.training import save_model, set_seed, train_classifier, training_log
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.dataset import sample_clips
from audiolab.swishnet.stream import ClipStream
from audiolab.swishnet.teacher import build_teacher, teacher_logits


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--models", required=True, help="folder for seed_<seed>.keras")
    parser.add_argument("--logits", required=True, help="HDF5 of every clip's class scores, one dataset per seed")
    parser.add_argument("--log", required=True, help="DVCLive folder (one run per seed)")
    args = parser.parse_args()
    params = load_params()
    t, window = params["teacher"], params["musan"]["shuffle_window_clips"]
    sample = sample_clips(args.features, "train", 4096, params["seed"])
    val = ClipStream(args.features, "val", batch_size=1024).dataset()
    logits = {}
    with training_log(args.log) as live:
        for seed in params["train_seeds"]:
            set_seed(seed)
            train = ClipStream(args.features, "train", t["batch_size"], seed, window)
            model = build_teacher(train.clip_shape, len(LABELS), t["network"], t["weights"], t["alpha"],
                                  t["image_size"], float(sample.mean()), float(sample.var()), t["dropout"],
                                  t["bn_momentum"])
            train_classifier(model, train.dataset(), val, learning_rate=t["lr"], epochs=t["epochs"],
                             batch_size=t["batch_size"], patience=t["patience"], live=live, run=f"seed_{seed}")
            save_model(model, seed_path(args.models, seed, ".keras"))
            logits[seed] = teacher_logits(model, args.features)
    Path(args.logits).parent.mkdir(parents=True, exist_ok=True)
    with h5py.File(args.logits, "w") as h5:
        for seed, scores in logits.items():
            h5.create_dataset(f"seed_{seed}", data=scores)


if __name__ == "__main__":
    run_stage(main)
