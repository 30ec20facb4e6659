"""Stage `demo`: write the four demo corpora in their real layouts."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
import shutil

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.corpora.demo.generator import write_demo


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    params = load_params()
    shutil.rmtree(args.out, ignore_errors=True)
    counts = write_demo(args.out, params["demo"], params["seed"])
    print("demo corpora:", ", ".join(f"{name} {count} files" for name, count in sorted(counts.items())))


if __name__ == "__main__":
    run_stage(main)
