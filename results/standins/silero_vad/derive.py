"""peers.txt (the printed output of bench/peers.py on the held-out programme) as peers.json:
each group of runs (one model, one machine state) with its accuracies, each run's speeds,
and the mean and sample standard deviation over a group's runs.

    python results/standins/silero_vad/derive.py
"""

import json
import re
import statistics
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOG = HERE / "peers.txt"

# (first line, last line) of each group in peers.txt, 1-based, what ran, and how the machine was.
# Machines A, B and C: the runs of one letter were made on one machine, one after the other.
GROUPS = {
    "keep_best_quiet_a": (1, 8, "results/standins/pipeline/keep_best", "quiet, machine A (2 cores, CPU model not recorded)"),
    "noise_mixing_quiet_a": (9, 12, "results/standins/levers/noise_mixing", "quiet, machine A (2 cores, CPU model not recorded)"),
    "keep_best_shared": (14, 19, "results/standins/pipeline/keep_best", "machine A, both cores shared with three training runs"),
    "noise_mixing_shared": (20, 24, "results/standins/levers/noise_mixing", "machine A, both cores shared with three training runs"),
    "keep_last_quiet_b": (26, 32, "results/standins/pipeline/keep_last", "quiet, machine B (2 cores, CPU model not recorded)"),
    "keep_best_quiet_b": (33, 35, "results/standins/pipeline/keep_best", "quiet, machine B (2 cores, CPU model not recorded)"),
    "weight_decay10_keep_last_busy": (37, 42, "results/standins/pipeline/weight_decay10_keep_last",
                                      "machine C, the other core busy with a training run"),
    "weight_decay3_keep_last_quiet_c": (44, 50, "results/standins/pipeline/weight_decay3_keep_last",
                                        "quiet, machine C (2 cores, CPU model not recorded)"),
    "weight_decay3_keep_last_120epochs_xeon": (52, 58, "results/standins/pipeline/weight_decay3_keep_last_120epochs",
                                               "quiet, 2-core Intel Xeon, 48 KiB L1d"),
}
PEERS = re.compile(r"peers: SNS ours (?P<ours_sns>[\d.]+) % vs silero (?P<silero_sns>[\d.]+) %; speed in process ours "
                   r"(?P<ours_x>\d+) x vs silero (?P<silero_x>\d+) x real time \((?P<ratio>[\d.]+) times\); "
                   r"ours end to end (?P<end_to_end_x>\d+) x")
OURS = re.compile(r"ours: SNS [\d.]+ %, 3-class (?P<three_class>[\d.]+) %")
HEADER = re.compile(r": (?P<minutes>[\d.]+) min, (?P<frames>\d+) sound frames \((?P<speech>\d+)% speech\)")


def main():
    lines = LOG.read_text(encoding="utf-8").splitlines()
    groups, programme = {}, None
    for name, (first, last, folder, machine) in GROUPS.items():
        group = {"model": folder, "seed": 1, "machine": machine, "source": f"{LOG.name} lines {first}-{last}", "runs": {}}
        for number in range(first, last + 1):
            line = lines[number - 1]
            if (found := HEADER.search(line)) and programme is None:
                programme = {"minutes": float(found["minutes"]), "sound_frames": int(found["frames"]),
                             "speech_share": int(found["speech"]) / 100, "source": f"{LOG.name} line {number}"}
            if found := OURS.match(line):
                group["three_class_accuracy"] = float(found["three_class"]) / 100
            if found := PEERS.match(line):
                run = {key: float(value) for key, value in found.groupdict().items()}
                group["runs"][f"run_{len(group['runs']) + 1}"] = dict(run, line=number)
        runs = list(group["runs"].values())
        assert runs, name
        group["sns_accuracy"] = runs[0]["ours_sns"] / 100
        group["silero_sns_accuracy"] = runs[0]["silero_sns"] / 100
        assert all(r["ours_sns"] == runs[0]["ours_sns"] and r["silero_sns"] == runs[0]["silero_sns"] for r in runs)
        for key in ["ours_x", "silero_x", "ratio", "end_to_end_x"]:
            values = [r[key] for r in runs]
            group[key] = {"mean": statistics.mean(values),
                          "std": statistics.stdev(values) if len(values) > 1 else 0.0,
                          "min": min(values), "max": max(values), "n": len(values)}
        groups[name] = group
    out = {"programme": programme, "groups": groups}
    (HERE / "peers.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
