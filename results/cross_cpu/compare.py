"""The demo pipeline on two CPUs: which stages' outputs and which metrics files are the same
bytes in the AMD EPYC lock (amd_epyc_l1d32k/dvc.lock) and in the repository's dvc.lock (Intel
Xeon, 48 KiB L1d), from the output hashes the two locks record. Writes comparison.json.

    python results/cross_cpu/compare.py
"""

import json
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TRAINING = ("musan_train", "gtzan_finetune", "teacher_train", "distill@", "emotion_train", "gender_train", "emotion_fusion@")


def outputs(lock):
    stages = yaml.safe_load(lock.read_text(encoding="utf-8"))["stages"]
    return {name: {o["path"]: o.get("md5") for o in stage.get("outs", [])} for name, stage in stages.items()}


def main():
    amd, intel = outputs(HERE / "amd_epyc_l1d32k" / "dvc.lock"), outputs(ROOT / "dvc.lock")
    assert set(amd) == set(intel)
    differ = sorted(name for name in amd if amd[name] != intel[name])
    training = sorted(name for name in amd if name.startswith(TRAINING))
    metrics = {path: amd[name][path] == intel[name][path] for name in amd for path in amd[name]
               if path.startswith("metrics/") and not path.startswith("metrics/runs")}
    out = {
        "stages": len(amd),
        "stages_same_outputs": len(amd) - len(differ),
        "training_stages": len(training),
        "training_stages_other_outputs": sorted(set(training) & set(differ)),
        "n_training_stages_other_outputs": len(set(training) & set(differ)),
        "training_stages_same_outputs": sorted(set(training) - set(differ)),
        "metrics_files_same": sorted(p for p, same in metrics.items() if same),
        "metrics_files_other": sorted(p for p, same in metrics.items() if not same),
        "n_metrics_files_same": sum(metrics.values()),
        "n_metrics_files": len(metrics),
    }
    (HERE / "comparison.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
