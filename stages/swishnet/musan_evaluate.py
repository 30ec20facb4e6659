"""Stage `musan_evaluate@<clip>`: every training seed's model on the MUSAN test clips (or, with
``--split val``, the validation clips levers are chosen on); mean ± std over seeds."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse

import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.runs import seed_path
from audiolab.corpora import corpus_title
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.dataset import clip_files, load_clips
from audiolab.swishnet.evaluate import evaluate_clip_models


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clip-seconds", type=float, required=True)
    parser.add_argument("--corpus", required=True, help="the corpus root, for the figure's title")
    parser.add_argument("--features", required=True)
    parser.add_argument("--models", required=True, help="folder of seed_<seed>.keras")
    parser.add_argument("--runs", required=True, help="per-seed metrics JSON")
    parser.add_argument("--metrics", required=True, help="mean and std over seeds, JSON")
    parser.add_argument("--confusion-csv", required=True)
    parser.add_argument("--confusion-png", required=True)
    parser.add_argument("--manifest", required=True, help="the prepared manifest: each file's class and source")
    parser.add_argument("--by-source-csv", required=True, help="recall per source of the scored split, CSV")
    parser.add_argument("--split", choices=("test", "val"), default="test",
                        help="the clips scored: test (looked at once, at the end) or val (to choose levers on)")
    args = parser.parse_args()
    seeds = load_params()["train_seeds"]
    manifest = pd.read_csv(args.manifest).set_index("path")
    source_of = manifest["label"] + "/" + manifest["source"]
    sources = [source_of.reindex(clip_files(args.features, split)).to_numpy() for split in (args.split, "train")]
    evaluate_clip_models(
        {seed: seed_path(args.models, seed, ".keras") for seed in seeds}, load_clips(args.features, args.split), LABELS,
        sources, runs_json=args.runs, summary_json=args.metrics, confusion_csv=args.confusion_csv,
        confusion_png=args.confusion_png, by_source_csv=args.by_source_csv, split=args.split,
        title=f"SwishNet, {args.clip_seconds:g} s clips\n{corpus_title('musan', args.corpus)} {args.split} split, {len(seeds)} seeds")


if __name__ == "__main__":
    run_stage(main)
