"""Stage `gtzan_finetune@<clip>`: fine-tune each training seed's MUSAN SwishNet on the GTZAN fine-tuning split."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.core.training import save_model, set_seed, train_classifier, training_log
from audiolab.swishnet.dataset import load_clips
from audiolab.swishnet.model import load_model


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--pretrained", required=True, help="folder of the MUSAN seed_<seed>.keras")
    parser.add_argument("--models", required=True, help="folder for seed_<seed>.keras")
    parser.add_argument("--log", required=True, help="DVCLive folder (one run per seed: seed_<seed>/...)")
    args = parser.parse_args()
    params = load_params()
    p = params["gtzan"]
    finetune = load_clips(args.features, "finetune")
    with training_log(args.log) as live:
        for seed in params["train_seeds"]:
            set_seed(seed)
            model = load_model(seed_path(args.pretrained, seed, ".keras"))
            train_classifier(model, finetune, None, learning_rate=p["lr"], epochs=p["epochs"],
                             batch_size=p["batch_size"], live=live, run=f"seed_{seed}")
            save_model(model, seed_path(args.models, seed, ".keras"))


if __name__ == "__main__":
    run_stage(main)
