"""`dvc repro`, with as many stages at once as this process has cores.

Each stage runs as `dvc --wait-for-lock repro --single-item <stage>`, started as soon as every
stage it reads from has finished, at most `--jobs` at once (default: the cores this process
may use). Among the stages ready to start, the one with the longest chain of stages below it
goes first, then the one with the most stages below it, then dvc.yaml's order. DVC releases
its repository lock while a stage's command runs and takes it again to write `dvc.lock`,
which it re-reads before each write, and `audiolab.core.runtime` fixes TensorFlow's kernels
and thread split whatever the cores a process gets, so the outputs and `dvc.lock` are those
of a plain `dvc repro`, byte for byte.

Before it starts, it names the stages that `dvc status` finds out of date and about how long
they take on a 2-core machine (from the CPU time each stage took in a recorded run,
`--estimates`); as stages end, it counts them. At the end it compares `dvc.lock` with the
committed one: which stages wrote the committed bytes, which did not, on which CPU, and for
each metric that moved, its new value against the committed mean ± std.

    python tools/repro.py [--jobs N]     # from the repository root, `dvc` on PATH
"""

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

from audiolab.core.machine import cpu_name

ESTIMATES = Path("results/performance/stage_cpu_seconds.json")
LOCK_MACHINE = Path("results/cross_cpu/lock_machine.yaml")
NEXT_STEPS = """Results: metrics/ (mean ± std over training seeds), plots/, models/. Next:
  dvc metrics show                      # every metric of this run
  dvc plots show                        # training curves and confusion matrices (dvc_plots/index.html)
  python -m audiolab segment FILE       # speech / music / noise segments of your own recording"""


def priorities(graph):
    """{stage: sort key}, lowest first; `graph` is DVC's, with an edge from each stage to each
    stage it reads from."""
    import networkx as nx

    chain = {}
    for stage in nx.topological_sort(graph):  # every stage after the stages that read from it
        chain[stage] = 1 + max((chain[reader] for reader in graph.predecessors(stage)), default=0)
    return {stage: (-chain[stage], -len(nx.ancestors(graph, stage)), position)
            for position, stage in enumerate(graph)}


def last_redraw(raw):
    """A line of output as a terminal leaves it: a progress bar's carriage-return redraws
    collapse to the last one."""
    return raw.decode(errors="replace").rstrip("\r\n").rsplit("\r", 1)[-1]


def _relay(stage, process, finished):
    started = time.monotonic()
    for raw in process.stdout:
        sys.stdout.write(f"[{stage.addressing}] {last_redraw(raw)}\n")
        sys.stdout.flush()
    _, status, usage = os.wait4(process.pid, 0)  # the CPU time of the stage's process and what it waited for
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds, cpu_seconds = time.monotonic() - started, usage.ru_utime + usage.ru_stime
    sys.stdout.write(f"[{stage.addressing}] took {seconds:.1f} s, CPU {cpu_seconds:.1f} s\n")
    finished.put((stage, process.returncode, cpu_seconds))


def run(graph, jobs, command, spent=None):
    """Run `command(stage)` (an argv) for every stage of `graph`, each after the stages it reads
    from, at most `jobs` at once, output lines prefixed with the stage (progress bars as their
    last redraw), then its wall-clock and CPU time; at the end the totals. After a failure no
    stage starts; True if every stage ran and succeeded. `spent`, a dict, gets each stage's CPU
    seconds by its address."""
    reads = {stage: set(graph.successors(stage)) for stage in graph}
    key = priorities(graph)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # DVC's lines and its stage's in the order written
    waiting, running, succeeded, failed = set(graph), set(), set(), []
    finished = queue.Queue()
    started, cpu_seconds = time.monotonic(), 0.0
    spent = {} if spent is None else spent
    while True:
        if not failed:
            ready = sorted((stage for stage in waiting if reads[stage] <= succeeded), key=key.get)
            for stage in ready[:jobs - len(running)]:
                process = subprocess.Popen(command(stage), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                           env=env)
                threading.Thread(target=_relay, args=(stage, process, finished)).start()
                waiting.remove(stage)
                running.add(stage)
        if not running:
            break
        stage, code, stage_cpu_seconds = finished.get()
        running.remove(stage)
        cpu_seconds += stage_cpu_seconds
        spent[stage.addressing] = round(stage_cpu_seconds, 1)
        print(f"tools/repro.py: {len(graph) - len(waiting) - len(running)} of {len(graph)} stages done,"
              f" {(time.monotonic() - started) / 60:.1f} min", flush=True)
        if code:
            failed.append(stage)
            print(f"tools/repro.py: stage {stage.addressing} failed (exit {code}); see its lines above",
                  file=sys.stderr)
        else:
            succeeded.add(stage)
    if failed and waiting:
        print(f"tools/repro.py: {len(waiting)} stages not run", file=sys.stderr)
    ran = len(succeeded) + len(failed)
    print(f"tools/repro.py: {ran} stages in {(time.monotonic() - started) / 60:.1f} min, CPU {cpu_seconds / 60:.1f} min")
    return not failed and not waiting


def plan(out_of_date, estimates, jobs):
    """The lines printed before the run: the stages to run and about how long they take."""
    if not out_of_date:
        return ["tools/repro.py: every stage is up to date; DVC will only check them"]
    known = [estimates[name] for name in out_of_date if name in estimates]
    lines = [f"tools/repro.py: {len(out_of_date)} stages to run: {', '.join(out_of_date)}"]
    if known:
        minutes = sum(known) / 60
        lines.append(f"tools/repro.py: about {minutes:.0f} CPU-min, so about {minutes / jobs:.0f} min on"
                     f" {jobs} cores (a 2-core machine's recorded run; stages whose outputs come out"
                     " as committed end in seconds)")
    return lines


def lock_outputs(lock):
    """{stage: {output path: hash}} of a parsed dvc.lock."""
    return {stage: {out["path"]: out.get("md5") for out in entry.get("outs", [])}
            for stage, entry in (lock or {}).get("stages", {}).items()}


def flat_metrics(data, prefix=""):
    """{key: (mean, std or None)} of a metrics file: a `{mean, std}` pair or a bare number."""
    flat = {}
    for key, value in data.items():
        if isinstance(value, dict) and {"mean", "std"} <= set(value):
            flat[prefix + key] = (value["mean"], value["std"])
        elif isinstance(value, dict):
            flat.update(flat_metrics(value, f"{prefix}{key}."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            flat[prefix + key] = (value, None)
    return flat


def metric_changes(committed, produced):
    """Lines, one per metric whose value moved: the new value, the committed mean ± std, and
    whether the new value lies within that spread."""
    lines = []
    old, new = flat_metrics(committed), flat_metrics(produced)
    for key in sorted(set(old) & set(new)):
        (mean, std), (value, _) = old[key], new[key]
        if value == mean:
            continue
        if std is None:
            lines.append(f"{key}: {value:.4g}, committed {mean:.4g}")
        else:
            verdict = "within the spread" if abs(value - mean) <= std else "OUTSIDE the spread"
            lines.append(f"{key}: {value:.4g}, committed {mean:.4g} ± {std:.4g}: {verdict}")
    return lines


def verdict(committed_lock, lock, committed_metrics, metrics, this_cpu, lock_cpu):
    """What the run gave against the committed dvc.lock and metrics files (dicts of parsed
    files by path), as lines to print."""
    old, new = lock_outputs(committed_lock), lock_outputs(lock)
    same = [stage for stage in new if stage in old and new[stage] == old[stage]]
    other = [stage for stage in new if stage in old and new[stage] != old[stage]]
    lines = [f"tools/repro.py: against the committed dvc.lock, {len(same)} stages wrote the same bytes,"
             f" {len(other)} other bytes"]
    if not other:
        return lines + ["tools/repro.py: every output is byte for byte as committed"]
    lines += [f"  other bytes: {', '.join(other)}",
              f"  this run's CPU: {this_cpu}; the committed dvc.lock's: {lock_cpu}."]
    if this_cpu != lock_cpu:
        lines.append("  Training on another kind of CPU gives other weights in their last bits (its cache"
                     " sizes set how TensorFlow blocks long sums); see docs/research/reproducibility.md.")
    moved = {path: metric_changes(committed_metrics[path], metrics[path])
             for path in sorted(set(committed_metrics) & set(metrics))}
    for path, changes in moved.items():
        lines += [f"  {path}: {change}" for change in changes]
    outside = sum("OUTSIDE" in change for changes in moved.values() for change in changes)
    lines.append(f"  {sum(map(len, moved.values()))} metrics moved, {outside} of them outside the committed spread.")
    lines.append("  `git status` shows the changed files; `dvc metrics diff` compares them with HEAD, and"
                 " `git checkout .` restores the committed ones (`dvc pull` fetches the committed"
                 " models where a DVC remote holds them).")
    return lines


def committed_files(paths):
    """{path: parsed content at HEAD} for the given paths git tracks; {} outside a git checkout."""
    found = {}
    for path in paths:
        shown = subprocess.run(["git", "show", f"HEAD:{path}"], capture_output=True, text=True)
        if shown.returncode == 0:
            found[str(path)] = yaml.safe_load(shown.stdout)
    return found


def dvc_repro(stage, pull=False):
    return ["dvc", "--wait-for-lock", "repro", "--single-item", *(["--pull"] if pull else []), stage.addressing]


# Prints "none", or the default remote's name and URL once its storage answered.
_REMOTE_PROBE = """
from dvc.repo import Repo
with Repo(".") as repo:
    name = repo.config["core"].get("remote")
    if not name:
        print("none")
    else:
        remote = repo.cloud.get_remote()
        if not remote.fs.exists(remote.path):
            raise SystemExit(f"{remote.path} does not exist")
        print(name, repo.config["remote"][name]["url"])
"""


def remote_check(cwd=".", env=None, timeout_s=45):
    """(pull, line): whether the stages should pull what the default DVC remote holds, and one
    line that says so, or says why not."""
    try:
        probe = subprocess.run([sys.executable, "-c", _REMOTE_PROBE], cwd=cwd, env=env, capture_output=True,
                               text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return False, f"tools/repro.py: the DVC remote did not answer in {timeout_s} s; every stage computes here"
    answer = probe.stdout.strip().splitlines()[-1:] if probe.returncode == 0 else []
    if answer == ["none"]:
        return False, ("tools/repro.py: no DVC remote configured, so every stage computes here"
                       " (README: Share results through a DVC remote)")
    if not answer:
        error = (probe.stderr.strip().splitlines() or ["no answer"])[-1]
        return False, f"tools/repro.py: the DVC remote cannot be reached ({error[:160]}); every stage computes here"
    name, url = answer[0].split(" ", 1)
    return True, f"tools/repro.py: pulling what DVC remote '{name}' ({url}) holds; only what it lacks computes"


def main():
    from dvc.repo import Repo

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                        help="stages at once (default: the cores this process may use)")
    parser.add_argument("--pipeline", default="dvc.yaml",
                        help="the dvc.yaml whose stages run, as `dvc repro` picks it (default: %(default)s)")
    parser.add_argument("--estimates", type=Path, default=ESTIMATES,
                        help="each stage's CPU seconds in a recorded run (JSON), for the time estimate")
    parser.add_argument("--record", type=Path, help="write each stage's CPU seconds of this run here (JSON)")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    with Repo(".") as repo:
        graph = repo.index.graph
        graph = graph.subgraph([stage for stage in graph if stage.path_in_repo == args.pipeline])
        out_of_date = sorted(repo.status(targets=[args.pipeline]))
    estimates = json.loads(args.estimates.read_text()) if args.estimates.is_file() else {}
    pull, line = remote_check()
    print("\n".join([line, *plan(out_of_date, estimates, args.jobs)]), flush=True)
    spent = {}  # each stage's CPU seconds, for --record
    ok = run(graph, args.jobs, lambda stage: dvc_repro(stage, pull), spent)
    if args.record:
        args.record.write_text(json.dumps(spent, indent=1, sort_keys=True) + "\n")
    if not ok:
        return 1
    metrics = sorted(str(p) for p in Path("metrics").rglob("*.json"))
    committed_lock = committed_files(["dvc.lock"]).get("dvc.lock")
    if committed_lock is not None:
        lock_cpu = (yaml.safe_load(LOCK_MACHINE.read_text()) or {}).get("cpu", "not recorded") \
            if LOCK_MACHINE.is_file() else "not recorded"
        produced = {path: json.loads(Path(path).read_text()) for path in metrics}
        print("\n".join(verdict(committed_lock, yaml.safe_load(Path("dvc.lock").read_text()),
                                committed_files(metrics), produced, cpu_name(), lock_cpu)))
    print(NEXT_STEPS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
