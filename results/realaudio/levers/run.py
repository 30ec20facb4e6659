"""The real-audio lever screen on the validation split: realaudio/params.yaml with the params a
variant names changed, `dvc repro musan_validate@1` (corpus, prepare, features, three training seeds,
validation scores; the test split is never scored), its outputs copied to results/realaudio/levers/<name>/:
params.yaml, metrics.json (mean and sample std over seeds), runs.json (per seed), by_source.csv (recall
per source), train_metrics.json and curves/ (DVCLive: the last epoch's training and validation figures).

    cd realaudio && python ../results/realaudio/levers/run.py NAME KEY=VALUE...   # e.g. musan.weight_decay=0

params.yaml is restored afterwards, so the pipeline's own run is untouched.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

OUT = Path("../results/realaudio/levers")
COPIED = {"params.yaml": "params.yaml", "metrics/val_1s.json": "metrics.json", "metrics/runs/val_1s.json": "runs.json",
          "plots/recall_by_source_val_1s.csv": "by_source.csv", "dvclive/musan_train/1s/metrics.json": "train_metrics.json"}


def main():
    name, changes = sys.argv[1], [arg.split("=", 1) for arg in sys.argv[2:]]
    original = Path("params.yaml").read_text()
    params = yaml.safe_load(original)
    for key, value in changes:
        *path, last = key.split(".")
        node = params
        for part in path:
            node = node[part]
        if last not in node:
            raise SystemExit(f"{key}: no such param")
        node[last] = yaml.safe_load(value)
    try:
        Path("params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
        subprocess.run(["dvc", "repro", "musan_validate@1"], check=True)
        out = OUT / name
        out.mkdir(parents=True, exist_ok=True)
        for path, name in COPIED.items():
            shutil.copy(path, out / name)
        shutil.copytree("dvclive/musan_train/1s/plots/metrics", out / "curves", dirs_exist_ok=True)
    finally:
        Path("params.yaml").write_text(original)


if __name__ == "__main__":
    main()
