"""Stage `demo`: write the four demo corpora in their real layouts under data/demo/."""

import argparse
import shutil

from audiolab import stage
from audiolab.corpora.demo import write_demo
from audiolab.params import load_params


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="data/demo")
    args = parser.parse_args()
    params = load_params()
    shutil.rmtree(args.out, ignore_errors=True)
    counts = write_demo(args.out, params["demo"], params["seed"])
    print("demo corpora:", ", ".join(f"{name} {count} files" for name, count in sorted(counts.items())))


if __name__ == "__main__":
    stage.run(main)
