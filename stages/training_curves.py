"""Stage `training_curves`: the README's training curves from the DVCLive logs (MUSAN SwishNet, emotion CNN)."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import plot_panels, read_logged
from audiolab.corpora import corpus_title


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--musan-logs", required=True, help="DVCLive folders of musan_train, one per clip length")
    parser.add_argument("--emotion-logs", required=True, help="DVCLive folders of emotion_train, one per variant")
    parser.add_argument("--musan-corpus", required=True)
    parser.add_argument("--ravdess-corpus", required=True)
    parser.add_argument("--out", required=True, help="PNG")
    args = parser.parse_args()
    params = load_params()
    seeds, clips = params["train_seeds"], [f"{clip:g}s" for clip in params["clips"]["clip_seconds"]]
    first = f"seed_{seeds[0]}"
    musan = {f"{clip}, seed {seed}": read_logged(f"{args.musan_logs}/{clip}", f"seed_{seed}", "eval/accuracy")
             for clip in clips for seed in seeds}
    lr = {f"{clip}, seed {seeds[0]}": read_logged(f"{args.musan_logs}/{clip}", first, "train/lr") for clip in clips[:1]}
    emotion = {variant: read_logged(f"{args.emotion_logs}/{variant}", first, "eval/loss")
               for variant in params["emotion"]["variants"]}
    plot_panels([(f"SwishNet, {corpus_title('musan', args.musan_corpus)}", "validation accuracy", musan),
                 ("SwishNet, SGDR schedule", "learning rate", lr),
                 (f"Emotion CNN, {corpus_title('ravdess', args.ravdess_corpus)}, seed {seeds[0]}", "validation loss",
                  emotion)],
                args.out, "Training curves (DVCLive logs)")


if __name__ == "__main__":
    run_stage(main)
