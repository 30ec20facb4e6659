"""Stage `emotion_fusion_summary`: the fusion gain's mean and spread over the seeds."""

import json
from pathlib import Path

from audiolab import stage
from audiolab.evaluation import PROBABILITY_DEFINITIONS
from audiolab.params import load_params
from audiolab.ravdess_tasks import summarise_gains


def main():
    seeds = load_params()["fusion"]["seeds"]
    per_seed = {seed: json.loads(Path(f"metrics/fusion/seed_{seed}.json").read_text()) for seed in seeds}
    summary = summarise_gains(per_seed)
    summary["definitions"] = {
        "gain_<metric>": "fused minus unfused emotion <metric> on the test actors of one seed's split; "
                         "mean, sample std, min and max over the seeds",
        **{key: PROBABILITY_DEFINITIONS[key] for key in ("accuracy", "f1")},
    }
    stage.write_json("metrics/fusion.json", summary)


if __name__ == "__main__":
    stage.run(main)
