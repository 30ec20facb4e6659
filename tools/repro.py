"""`dvc repro`, with each study's stages in a `dvc repro` process of its own.

The SwishNet and RAVDESS stages share only the stages above them (the demo corpora) and the
reports below them (training curves). This runs the shared stages above first, then each
study's stages in dependency order, `--single-item`, in concurrent processes, then every
other stage. DVC releases its repository lock while a stage's command runs, and
`audiolab.core.runtime` fixes TensorFlow's kernel and thread split whatever the cores, so
the outputs and `dvc.lock` are those of a plain `dvc repro`, byte for byte. A stage's study
is the folder of its script (`stages/<study>/`).

    python tools/repro.py            # from the repository root, `dvc` on PATH
"""

import os
import re
import subprocess
import sys
import threading

STUDY_SCRIPT = re.compile(r"\bstages/(\w+)/\w+\.py\b")


def study_of(stage):
    """The study folder a stage's script is in, or None for a shared stage."""
    found = STUDY_SCRIPT.search(stage.cmd if isinstance(stage.cmd, str) else " ".join(stage.cmd))
    return found.group(1) if found else None


def plan(graph):
    """(shared stages above the studies, {study: its stages}, every other stage), each list in
    dependency order; `graph` is DVC's, with edges from a stage to the stages it reads from."""
    import networkx as nx

    order = list(reversed(list(nx.topological_sort(graph))))  # every stage after those it reads from
    studies = {}
    for stage in order:
        if study := study_of(stage):
            studies.setdefault(study, []).append(stage)
    for study, stages in studies.items():
        upstream = set().union(*(nx.descendants(graph, stage) for stage in stages))
        crossing = [s for s in upstream if study_of(s) not in (None, study)]
        if crossing:
            raise SystemExit(f"tools/repro.py: {study} stages read from {crossing[0].addressing}, "
                             "another study's stage; run `dvc repro` instead")
    in_study = {stage for stages in studies.values() for stage in stages}
    above = set().union(*(nx.descendants(graph, stage) for stage in in_study)) - in_study
    for stage in above:
        if reads := [s for s in nx.descendants(graph, stage) if s in in_study]:
            raise SystemExit(f"tools/repro.py: {stage.addressing}, which a study reads from, reads from "
                             f"{reads[0].addressing}, a study's stage; run `dvc repro` instead")
    shared = [stage for stage in order if stage in above]
    rest = [stage for stage in order if stage not in above and stage not in in_study]
    return shared, studies, rest


def _relay(process, prefix):
    for line in process.stdout:
        sys.stdout.write(f"{prefix}{line}")
        sys.stdout.flush()


def run_concurrently(commands):
    """Run {name: argv} at once, each output line prefixed with its name; True if all succeed."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # DVC's lines and its stages' in the order written
    processes = {name: subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
                 for name, argv in commands.items()}
    relays = [threading.Thread(target=_relay, args=(process, f"[{name}] ")) for name, process in processes.items()]
    for relay in relays:
        relay.start()
    codes = {name: process.wait() for name, process in processes.items()}
    for relay in relays:
        relay.join()
    failed = [name for name, code in codes.items() if code]
    for name in failed:
        print(f"tools/repro.py: the {name} stages failed (exit {codes[name]}); see the lines above", file=sys.stderr)
    return not failed


def _repro(stages):
    return ["dvc", "--wait-for-lock", "repro", "--single-item", *(stage.addressing for stage in stages)]


def main():
    from dvc.repo import Repo

    with Repo(".") as repo:
        shared, studies, rest = plan(repo.index.graph)
    for step in ({"shared": shared}, studies, {"reports": rest}):
        if not run_concurrently({name: _repro(stages) for name, stages in step.items() if stages}):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
