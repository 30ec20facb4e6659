"""Stage `musan_train@<clip>`: train SwishNet on one clip length's MUSAN clips, once per training seed, streaming
batches from the clip file (memory holds one shuffle window, whatever the corpus size)."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

import h5py
import keras
import numpy as np

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.core.training import save_model, set_seed, sgdr_schedule, sgdr_stops, train_classifier, training_log
from audiolab.corpora.musan import LABELS, source_of
from audiolab.swishnet.augment import balancing_weights, clip_augmenter
from audiolab.swishnet.model import build_swishnet
from audiolab.swishnet.stream import ClipStream


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--models", required=True, help="folder for seed_<seed>.keras")
    parser.add_argument("--log", required=True, help="DVCLive folder (one run per seed: seed_<seed>/...)")
    args = parser.parse_args()
    params = load_params()
    p, a = params["musan"], params["musan"]["augment"]
    with h5py.File(args.features, "r") as h5:
        labels = h5["labels"][:]
        sources = np.array([source_of(f) for f in h5["files"].asstr()[:]])[h5["file_index"][:]]  # per file, then per clip
    weights = None if p["balance"] == "none" else balancing_weights(labels, sources, p["balance"])
    augment = clip_augmenter(a["mask_frames"], a["mask_coefficients"], a["mixup_alpha"], a["channel_db"],
                             params["clips"]["n_mels"])
    # Mixup blends targets: one-hot targets and the categorical loss; integer labels otherwise.
    targets = np.eye(len(LABELS), dtype=np.float32)[labels] if a["mixup_alpha"] else None
    loss, metrics = (("categorical_crossentropy", [keras.metrics.CategoricalAccuracy(name="accuracy")]) if a["mixup_alpha"]
                     else ("sparse_categorical_crossentropy", ["accuracy"]))
    stops = sgdr_stops(p["keep"], p["restart_epochs"], p["t_mul"], p["epochs"])
    val = ClipStream(args.features, "val", batch_size=1024, targets=targets).dataset()
    with training_log(args.log) as live:
        for seed in params["train_seeds"]:
            set_seed(seed)
            train = ClipStream(args.features, "train", p["batch_size"], seed, p["shuffle_window_clips"],
                               targets=targets, weights=weights, augment=augment)
            model = build_swishnet(train.clip_shape, len(LABELS), p["width"],
                                   mean_frames=train.clip_shape[0] if p["mean_normalise"] else 0)
            schedule = sgdr_schedule(p["lr_max"], p["lr_min"], p["restart_epochs"] * train.n_batches, p["t_mul"])
            train_classifier(model, train.dataset(), val, learning_rate=schedule, weight_decay=p["weight_decay"],
                             loss=loss, metrics=metrics,
                             epochs=p["epochs"], batch_size=p["batch_size"],
                             cycle_ends=stops, live=live, run=f"seed_{seed}")
            save_model(model, seed_path(args.models, seed, ".keras"))


if __name__ == "__main__":
    run_stage(main)
