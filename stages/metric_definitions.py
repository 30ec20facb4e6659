"""Stage `metric_definitions`: metrics/DEFINITIONS.md from the definitions in audiolab/core/definitions.py."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

from audiolab.core.errors import run_stage
from audiolab.core.definitions import definitions_markdown


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    Path(args.out).write_text(definitions_markdown(), encoding="utf-8")


if __name__ == "__main__":
    run_stage(main)
