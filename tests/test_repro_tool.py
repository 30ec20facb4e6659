"""tools/repro.py: the plan that runs each study's stages in a `dvc repro` process of its own."""

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("repro_tool", REPO / "tools/repro.py")
repro_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(repro_tool)


@dataclass(frozen=True)
class Stage:
    addressing: str
    cmd: str


def _graph(reads):
    """DVC's graph shape: an edge from each stage to each stage it reads from."""
    graph = nx.DiGraph()
    for stage, upstream in reads.items():
        graph.add_node(stage)
        graph.add_edges_from((stage, source) for source in upstream)
    return graph


DEMO = Stage("demo", "python stages/demo.py --out data/demo")
A1 = Stage("prepare", "python stages/alpha/prepare.py --corpus data/demo/a")
A2 = Stage("train@1", "python stages/alpha/train.py --features f.h5")
B1 = Stage("fit", "python stages/beta/fit.py\n  --mel m.h5")
REPORT = Stage("curves", "python stages/curves.py --logs dvclive")
LONE = Stage("definitions", "python stages/definitions.py")


def test_the_plan_runs_shared_stages_first_then_each_study_in_order_then_the_rest():
    graph = _graph({DEMO: [], A1: [DEMO], A2: [A1], B1: [DEMO], REPORT: [A2, B1], LONE: []})
    shared, studies, rest = repro_tool.plan(graph)
    assert shared == [DEMO]
    assert studies == {"alpha": [A1, A2], "beta": [B1]}
    assert set(rest) == {REPORT, LONE}
    planned = shared + [stage for stages in studies.values() for stage in stages] + rest
    assert sorted(planned, key=str) == sorted(graph, key=str)  # every stage once


def test_a_study_reading_another_studys_output_is_refused():
    graph = _graph({DEMO: [], A1: [DEMO], B1: [A1]})
    with pytest.raises(SystemExit, match="beta stages read from prepare"):
        repro_tool.plan(graph)


def test_a_shared_stage_between_two_stages_of_one_study_is_refused():
    graph = _graph({DEMO: [], A1: [DEMO], REPORT: [A1], A2: [REPORT]})
    with pytest.raises(SystemExit, match="curves, which a study reads from, reads from prepare"):
        repro_tool.plan(graph)


def test_the_pipelines_plan_splits_swishnet_from_ravdess():
    from dvc.repo import Repo

    with Repo(str(REPO)) as repo:
        graph = repo.index.graph
        shared, studies, rest = repro_tool.plan(graph)
    assert [stage.addressing for stage in shared] == ["demo"]
    assert set(studies) == {"swishnet", "ravdess"}
    for stages in studies.values():  # each stage after every stage of its study it reads from
        for index, stage in enumerate(stages):
            assert not set(nx.descendants(graph, stage)) & set(stages[index:])
    assert len(shared) + sum(map(len, studies.values())) + len(rest) == len(graph)


def test_concurrent_runs_prefix_their_lines_and_a_failure_is_reported(capsys):
    ok = repro_tool.run_concurrently({"good": [sys.executable, "-c", "print('one'); print('two')"],
                                      "bad": [sys.executable, "-c", "import sys; print('oops'); sys.exit(3)"]})
    assert not ok
    out, err = capsys.readouterr()
    assert out.splitlines().count("[good] one") == 1 and "[good] two" in out.splitlines()
    assert "[bad] oops" in out.splitlines()
    assert "the bad stages failed (exit 3)" in err and "good" not in err
    assert repro_tool.run_concurrently({"good": [sys.executable, "-c", "pass"]})
