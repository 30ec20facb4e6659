"""Stage `musan_train@<clip>`: train SwishNet on one clip length's MUSAN clips, once per training seed, streaming
batches from the clip file (memory holds one shuffle window, whatever the corpus size)."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.core.training import cycle_ends, save_model, set_seed, sgdr_schedule, train_classifier, training_log
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.model import build_swishnet
from audiolab.swishnet.stream import ClipStream


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--models", required=True, help="folder for seed_<seed>.keras")
    parser.add_argument("--log", required=True, help="DVCLive folder (one run per seed: seed_<seed>/...)")
    args = parser.parse_args()
    params = load_params()
    p = params["musan"]
    val = ClipStream(args.features, "val", batch_size=1024).dataset()
    with training_log(args.log) as live:
        for seed in params["train_seeds"]:
            set_seed(seed)
            train = ClipStream(args.features, "train", p["batch_size"], seed, p["shuffle_window_clips"])
            model = build_swishnet(train.clip_shape, len(LABELS), p["width"])
            schedule = sgdr_schedule(p["lr_max"], p["lr_min"], p["restart_epochs"] * train.n_batches, p["t_mul"])
            train_classifier(model, train.dataset(), val, learning_rate=schedule, epochs=p["epochs"],
                             batch_size=p["batch_size"], cycle_ends=cycle_ends(p["restart_epochs"], p["t_mul"], p["epochs"]),
                             live=live, run=f"seed_{seed}")
            save_model(model, seed_path(args.models, seed, ".keras"))


if __name__ == "__main__":
    run_stage(main)
