"""What each lever contributed on the real-audio corpus's validation split: paired differences, seed by
seed, between the screen's variants (results/realaudio/levers/<name>/runs.json) and of the shipped
pipeline's 56 epochs (realaudio/metrics/runs/val_1s.json) against the same levers at 24 epochs.
Writes paired.json beside this script; fractions stay fractions (the notes print them in %).

    python results/realaudio/levers/derive.py
"""

import json
from pathlib import Path

from audiolab.core.comparisons import paired_differences

HERE = Path(__file__).resolve().parent
SHIPPED = HERE.parents[2] / "realaudio" / "metrics" / "runs" / "val_1s.json"
KEYS = ("accuracy", "sns_accuracy", "recall_music", "recall_noise", "recall_speech")
# (name in paired.json, variant, the variant it differs from by one lever)
PAIRS = (
    ("keep_last", "last_24ep", "none_24ep"),
    ("weight_decay3", "wd3_last_24ep", "last_24ep"),
    ("levers", "wd3_last_24ep", "none_24ep"),
    ("telephone_band", "none_8khz_24ep", "none_24ep"),
    ("telephone_band_levers", "wd3_last_8khz_24ep", "wd3_last_24ep"),
    ("levers_8khz", "wd3_last_8khz_24ep", "none_8khz_24ep"),
    ("epochs56", SHIPPED, "wd3_last_8khz_24ep"),
)


def seeds(source):
    """{seed: {metric: value}} of a variant folder's runs.json, or of a runs file's path."""
    path = source if isinstance(source, Path) else HERE / source / "runs.json"
    runs = json.loads(path.read_text(encoding="utf-8"))
    return {int(name.removeprefix("seed_")): {key: run[key] for key in KEYS} for name, run in runs.items()}


def main():
    pairs = {name: paired_differences(seeds(a), seeds(b)) for name, a, b in PAIRS}
    (HERE / "paired.json").write_text(json.dumps(pairs, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
