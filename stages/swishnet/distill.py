"""Stage `distill@<clip>`: slim SwishNet trained on one clip length's MUSAN clips from the teacher's soft targets
and the labels (Hinton distillation), once per training seed, each seed from its own teacher; schedule, weight decay
and the weights kept (`musan.keep`) as in `musan_train`."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

import h5py

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.core.training import save_model, set_seed, sgdr_schedule, sgdr_stops, train_classifier, training_log
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.distill import DistillationLoss, class_scores, distillation_targets, label_accuracy
from audiolab.swishnet.model import build_swishnet
from audiolab.swishnet.stream import ClipStream


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--teacher-logits", required=True, help="the teacher_train HDF5 of class scores per seed")
    parser.add_argument("--models", required=True, help="folder for seed_<seed>.keras")
    parser.add_argument("--log", required=True, help="DVCLive folder (one run per seed)")
    args = parser.parse_args()
    params = load_params()
    p, d, classes = params["musan"], params["distill"], len(LABELS)
    with h5py.File(args.features, "r") as h5:
        labels = h5["labels"][:]
    stops = sgdr_stops(p["keep"], p["restart_epochs"], p["t_mul"], p["epochs"])
    with training_log(args.log) as live:
        for seed in params["train_seeds"]:
            with h5py.File(args.teacher_logits, "r") as h5:
                targets = distillation_targets(labels, h5[f"seed_{seed}"][:], classes)
            set_seed(seed)
            train = ClipStream(args.features, "train", p["batch_size"], seed, p["shuffle_window_clips"], targets=targets)
            val = ClipStream(args.features, "val", batch_size=1024, targets=targets).dataset()
            student = build_swishnet(train.clip_shape, classes, p["width"],
                                     mean_frames=train.clip_shape[0] if p["mean_normalise"] else 0)
            schedule = sgdr_schedule(p["lr_max"], p["lr_min"], p["restart_epochs"] * train.n_batches, p["t_mul"])
            train_classifier(class_scores(student), train.dataset(), val, learning_rate=schedule,
                             weight_decay=p["weight_decay"], loss=DistillationLoss(d["temperature"], d["weight"], classes),
                             metrics=[label_accuracy(classes)], epochs=p["epochs"], batch_size=p["batch_size"],
                             cycle_ends=stops, live=live, run=f"seed_{seed}")
            save_model(student, seed_path(args.models, seed, ".keras"))


if __name__ == "__main__":
    run_stage(main)
