"""tools/repro.py: `dvc repro` with as many stages at once as there are cores."""

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("repro_tool", REPO / "tools/repro.py")
repro_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(repro_tool)

# A stage's command: logs its start and end, prints a line, fails when its name starts with "bad".
_STEP = """import sys, time
name, log = sys.argv[1:]
open(log, "a").write(f"start {name}\\n")
time.sleep(0.2)
print(f"hello from {name}")
print("\\r 10%\\r 50%\\r100% done")
open(log, "a").write(f"end {name}\\n")
sys.exit(3 if name.startswith("bad") else 0)
"""


@dataclass(frozen=True)
class Stage:
    addressing: str


def _graph(reads):
    """DVC's graph shape: an edge from each stage to each stage it reads from."""
    graph = nx.DiGraph()
    for stage, upstream in reads.items():
        graph.add_node(Stage(stage))
        graph.add_edges_from((Stage(stage), Stage(source)) for source in upstream)
    return graph


def _run(graph, jobs, tmp_path):
    log = tmp_path / "log"
    ok = repro_tool.run(graph, jobs, lambda stage: [sys.executable, "-c", _STEP, stage.addressing, str(log)])
    return ok, [tuple(line.split()) for line in log.read_text().splitlines()] if log.exists() else []


def _check_order(graph, events):
    """Every stage ran once, each after every stage it reads from ended; the most at once."""
    position = {event: index for index, event in enumerate(events)}
    assert sorted(name for kind, name in events if kind == "start") == sorted(s.addressing for s in graph)
    for stage in graph:
        for source in graph.successors(stage):
            assert position["end", source.addressing] < position["start", stage.addressing]
    at_once = most = 0
    for kind, _ in events:
        at_once += 1 if kind == "start" else -1
        most = max(most, at_once)
    return most


def test_stages_run_after_what_they_read_and_at_most_jobs_at_once(tmp_path, capsys):
    graph = _graph({"demo": [], "a1": ["demo"], "a2": ["a1"], "b1": ["demo"], "b2": ["demo"],
                    "curves": ["a2", "b1"], "definitions": []})
    ok, events = _run(graph, 2, tmp_path)
    assert ok
    assert _check_order(graph, events) == 2
    out = capsys.readouterr().out.splitlines()
    assert all(f"[{name}] hello from {name}" in out for name in ("demo", "a2", "curves"))
    assert out.count("[demo] 100% done") == 1 and not any("10%" in line for line in out)
    assert sum(line.startswith("[a1] took ") and line.endswith(" s") for line in out) == 1
    assert out[-1].startswith("tools/repro.py: 7 stages in ")


def test_each_stage_is_charged_its_own_cpu_time(tmp_path, capsys):
    """A stage's CPU time is its process's, wherever the other stages run."""
    work = {"busy": "sum(i * i for i in range(6_000_000))", "idle": "import time; time.sleep(0.5)"}
    graph = _graph({"busy": [], "idle": []})
    assert repro_tool.run(graph, 2, lambda stage: [sys.executable, "-c", work[stage.addressing]])
    cpu = {}
    for line in capsys.readouterr().out.splitlines():
        if " took " in line:
            name, _, rest = line.partition(" took ")
            cpu[name.strip("[]")] = float(rest.split("CPU ")[1].removesuffix(" s"))
    assert cpu["busy"] > 0.2 and cpu["busy"] > 3 * cpu["idle"]


def test_one_job_runs_the_stages_one_by_one(tmp_path):
    graph = _graph({"demo": [], "a": ["demo"], "b": ["demo"], "c": []})
    ok, events = _run(graph, 1, tmp_path)
    assert ok and _check_order(graph, events) == 1


def test_the_longest_chain_starts_first(tmp_path):
    graph = _graph({"short": [], "long1": [], "long2": ["long1"], "long3": ["long2"]})
    ok, events = _run(graph, 1, tmp_path)
    assert ok and events[0] == ("start", "long1")


def test_after_a_failure_nothing_below_it_or_new_starts(tmp_path, capsys):
    graph = _graph({"bad": [], "after_bad": ["bad"], "other": [], "late": ["other"]})
    ok, events = _run(graph, 2, tmp_path)
    assert not ok
    started = {name for kind, name in events if kind == "start"}
    assert "after_bad" not in started and "bad" in started
    err = capsys.readouterr().err
    assert "stage bad failed (exit 3)" in err and "not run" in err


def test_the_pipelines_stages_each_run_once_after_their_inputs(tmp_path):
    from dvc.repo import Repo

    with Repo(str(REPO)) as repo:
        graph = repo.index.graph
    ok, events = _run(graph, 2, tmp_path)
    assert ok
    assert _check_order(graph, events) == 2


def _lock(**outs):
    return {"schema": "2.0", "stages": {stage: {"cmd": "x", "outs": [{"path": p, "md5": h} for p, h in files.items()]}
                                        for stage, files in outs.items()}}


def test_the_verdict_names_the_stages_with_other_bytes_and_places_each_moved_metric_in_the_spread():
    committed = _lock(demo={"data/demo": "a"}, train={"models/m": "b"}, evaluate={"metrics/m.json": "c"})
    produced = _lock(demo={"data/demo": "a"}, train={"models/m": "B"}, evaluate={"metrics/m.json": "C"})
    metrics = ({"metrics/m.json": {"accuracy": {"mean": 0.84, "std": 0.04}, "loss": {"mean": 0.4, "std": 0.01},
                                   "n_runs": 3}},
               {"metrics/m.json": {"accuracy": {"mean": 0.83, "std": 0.05}, "loss": {"mean": 0.5, "std": 0.02},
                                   "n_runs": 3}})
    lines = repro_tool.verdict(committed, produced, *metrics, "AMD EPYC, 32K L1d per core", "Intel Xeon, 48K L1d per core")
    text = "\n".join(lines)
    assert lines[0].endswith("1 stages wrote the same bytes, 2 other bytes")
    assert "other bytes: train, evaluate" in text and "AMD EPYC, 32K" in text and "Intel Xeon, 48K" in text
    assert "metrics/m.json: accuracy: 0.83, committed 0.84 ± 0.04: within the spread" in text
    assert "metrics/m.json: loss: 0.5, committed 0.4 ± 0.01: OUTSIDE the spread" in text
    assert "2 metrics moved, 1 of them outside the committed spread" in text and "n_runs" not in text
    same = repro_tool.verdict(committed, committed, metrics[0], metrics[0], "AMD", "AMD")
    assert same[-1].endswith("every output is byte for byte as committed")


def test_the_plan_names_the_stages_to_run_and_estimates_their_time():
    lines = repro_tool.plan(["demo", "train"], {"demo": 60.0, "train": 540.0}, 2)
    assert lines[0] == "tools/repro.py: 2 stages to run: demo, train"
    assert "about 10 CPU-min, so about 5 min on 2 cores" in lines[1]
    assert repro_tool.plan(["demo"], {}, 2) == ["tools/repro.py: 1 stages to run: demo"]  # no record: no guess
    assert "up to date" in repro_tool.plan([], {}, 2)[0]


def test_each_stage_s_cpu_seconds_are_handed_back_for_the_record(tmp_path):
    spent = {}
    graph = _graph({"a": [], "b": ["a"]})
    assert repro_tool.run(graph, 2, lambda stage: [sys.executable, "-c", "pass"], spent)
    assert set(spent) == {"a", "b"} and all(seconds >= 0 for seconds in spent.values())
