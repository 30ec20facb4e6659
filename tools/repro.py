"""`dvc repro`, with as many stages at once as this process has cores.

Each stage runs as `dvc --wait-for-lock repro --single-item <stage>`, started as soon as every
stage it reads from has finished, at most `--jobs` at once (default: the cores this process
may use). Among the stages ready to start, the one with the longest chain of stages below it
goes first, then the one with the most stages below it, then dvc.yaml's order. DVC releases
its repository lock while a stage's command runs and takes it again to write `dvc.lock`,
which it re-reads before each write, and `audiolab.core.runtime` fixes TensorFlow's kernels
and thread split whatever the cores a process gets, so the outputs and `dvc.lock` are those
of a plain `dvc repro`, byte for byte.

    python tools/repro.py [--jobs N]     # from the repository root, `dvc` on PATH
"""

import argparse
import os
import queue
import subprocess
import sys
import threading
import time


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


def run(graph, jobs, command):
    """Run `command(stage)` (an argv) for every stage of `graph`, each after the stages it reads
    from, at most `jobs` at once, output lines prefixed with the stage (progress bars as their
    last redraw), then its wall-clock and CPU time; at the end the totals. After a failure no
    stage starts; True if every stage ran and succeeded."""
    reads = {stage: set(graph.successors(stage)) for stage in graph}
    key = priorities(graph)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # DVC's lines and its stage's in the order written
    waiting, running, succeeded, failed = set(graph), set(), set(), []
    finished = queue.Queue()
    started, cpu_seconds = time.monotonic(), 0.0
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


def dvc_repro(stage):
    return ["dvc", "--wait-for-lock", "repro", "--single-item", stage.addressing]


def main():
    from dvc.repo import Repo

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                        help="stages at once (default: the cores this process may use)")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    with Repo(".") as repo:
        graph = repo.index.graph
    return 0 if run(graph, args.jobs, dvc_repro) else 1


if __name__ == "__main__":
    sys.exit(main())
