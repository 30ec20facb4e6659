"""repro_timing.log and cpu_by_stage_family.txt (what tools/repro.py printed for the smaller
demo) as timing.json: the run's totals, the CPU minutes per stage family, and the export check
that stopped six stages.

    python results/performance/smaller_demo/derive.py
"""

import ast
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    log = (HERE / "repro_timing.log").read_text(encoding="utf-8").splitlines()
    out = {"source": "repro_timing.log, cpu_by_stage_family.txt", "families": {}}
    for number, line in enumerate(log, 1):
        if found := re.search(r"(\d+) stages in ([\d.]+) min, CPU ([\d.]+) min", line):
            out.update(stages_run=int(found[1]), wall_minutes=float(found[2]), cpu_minutes=float(found[3]),
                       totals_line=number)
        if found := re.search(r"(\d+) stages not run", line):
            out["stages_not_run"] = int(found[1])
        if "export check failed" in line:
            measured = ast.literal_eval(line[line.index("({") + 1:line.rindex("})") + 1])
            out["export_0_5s"] = {"keras_accuracy": measured["keras"]["accuracy"], "int8_accuracy": measured["int8"]["accuracy"],
                                  "int8_accuracy_drop": measured["int8"]["accuracy_drop"], "n_test": measured["n_test"],
                                  "line": number}
    for number, line in enumerate((HERE / "cpu_by_stage_family.txt").read_text(encoding="utf-8").splitlines(), 1):
        if found := re.match(r"(\w+)\s+(\d+) stages\s+CPU\s+([\d.]+) min \(\s*([\d.]+) %\)\s+wall sum\s+([\d.]+) min", line):
            out["families"][found[1]] = {"stages": int(found[2]), "cpu_minutes": float(found[3]),
                                         "cpu_share": float(found[4]) / 100, "wall_sum_minutes": float(found[5]),
                                         "line": number}
    fusion = out["families"]["emotion_fusion"]["cpu_minutes"] + out["families"]["emotion_fusion_summary"]["cpu_minutes"]
    out["cpu_minutes_without_fusion"] = round(out["cpu_minutes"] - fusion, 1)
    (HERE / "timing.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
