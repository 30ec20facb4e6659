"""Stage `emotion_fusion_summary`: the fusion gain's mean and spread over every split and initialisation seed."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
import json
from pathlib import Path

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import write_json
from audiolab.ravdess.fusion import summarise_fusion


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-seed", required=True, help="folder of the per-split seed_<n>.json")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    seeds = load_params()["fusion"]["seeds"]
    write_json(args.out, summarise_fusion({seed: json.loads((Path(args.per_seed) / f"seed_{seed}.json").read_text())
                                           for seed in seeds}))


if __name__ == "__main__":
    run_stage(main)
