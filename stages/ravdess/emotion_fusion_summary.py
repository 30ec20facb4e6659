"""Stage `emotion_fusion_summary`: the fusion gain's mean and spread over the seeds."""

import argparse
import json
from pathlib import Path

from audiolab.core.errors import run_stage
from audiolab.core.metrics import PROBABILITY_DEFINITIONS
from audiolab.core.params import load_params
from audiolab.core.reports import write_json
from audiolab.ravdess.fusion import summarise_gains


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-seed", required=True, help="folder of the per-seed seed_<n>.json")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    seeds = load_params()["fusion"]["seeds"]
    per_seed = {seed: json.loads((Path(args.per_seed) / f"seed_{seed}.json").read_text()) for seed in seeds}
    summary = summarise_gains(per_seed)
    summary["definitions"] = {
        "gain_<metric>": "fused minus unfused emotion <metric> on the test actors of one seed's split; "
                         "mean, sample std, min and max over the seeds",
        **{key: PROBABILITY_DEFINITIONS[key] for key in ("accuracy", "f1")},
    }
    write_json(args.out, summary)


if __name__ == "__main__":
    run_stage(main)
