"""The documents a researcher reads: links that resolve, names that exist, figures that come
from the metrics files, no path outside the repository, no development history."""

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("doc_tables", REPO / "tools/doc_tables.py")
doc_tables = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(doc_tables)

LYCHEE = shutil.which("lychee") or str(Path(sys.executable).parent / "lychee")


def _tracked(*patterns):
    listed = subprocess.run(["git", "ls-files", "--", *patterns], cwd=REPO, capture_output=True,
                            text=True, check=True).stdout.split()
    return [REPO / name for name in listed if (REPO / name).is_file()]


DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md")), REPO / "realaudio/README.md"]


def _prose(text):
    """The text outside fenced code blocks and outside generated tables and figures."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    text = doc_tables.TABLE.sub("", text)
    return doc_tables.FIGURE.sub("", text)


def _lychee(*paths, cwd=REPO):
    return subprocess.run([LYCHEE, "--offline", "--include-fragments", "--no-progress", *map(str, paths)],
                          cwd=cwd, capture_output=True, text=True)


# --- links ------------------------------------------------------------------------------------

def test_every_relative_link_and_anchor_in_the_documents_resolves():
    documents = [*DOCUMENTS, *_tracked("results/*.md", "metrics/*.md")]
    result = _lychee(*documents)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_link_checker_sees_a_broken_link_and_a_broken_anchor(tmp_path):
    (tmp_path / "there.md").write_text("# There\n")
    (tmp_path / "README.md").write_text("# Top\n\n[a](there.md) [b](#top)\n")
    assert _lychee("README.md", cwd=tmp_path).returncode == 0
    (tmp_path / "README.md").write_text("# Top\n\n[a](gone.md) [b](#nowhere)\n")
    result = _lychee("README.md", cwd=tmp_path)
    assert result.returncode != 0
    assert "gone.md" in result.stdout and "nowhere" in result.stdout


# --- figures ----------------------------------------------------------------------------------

def test_every_table_and_figure_matches_the_metrics_files():
    assert doc_tables.main(["--check"]) == 0, "run: python tools/doc_tables.py"


def test_a_figure_that_differs_from_its_metrics_file_fails_the_check(tmp_path):
    (tmp_path / "docs/tables").mkdir(parents=True)
    (tmp_path / "m.json").write_text('{"accuracy": {"mean": 0.8653, "std": 0.0262}, "bytes": 19936}')
    (tmp_path / "docs/tables/t.yaml").write_text(yaml.safe_dump(
        {"t": {"header": ["acc", "size"], "rows": [["{m.json:accuracy|pm%.1f}", "{m.json:bytes|,d}"]]}}))
    (tmp_path / "README.md").write_text("<!-- table: t -->\n<!-- /table -->\n"
                                        "Accuracy <!-- fig: m.json:accuracy|%.1f --><!-- /fig --> %.\n")
    assert doc_tables.main(["--root", str(tmp_path)]) == 0
    written = (tmp_path / "README.md").read_text()
    assert "| 86.5 ± 2.6 | 19,936 |" in written and "Accuracy <!-- fig: m.json:accuracy|%.1f -->86.5<!--" in written
    assert doc_tables.main(["--root", str(tmp_path), "--check"]) == 0
    assert doc_tables.render_value({"mean": 0.95, "std": 0.01}, "met>=0.95") == "met"
    assert doc_tables.render_value(19936, "met<=22528") == "met" and doc_tables.render_value(0.89, "met>=0.9") == "not met"
    (tmp_path / "README.md").write_text(written.replace("86.5 ± 2.6", "91.1 ± 0.5"))  # a hand-edited table
    assert doc_tables.main(["--root", str(tmp_path), "--check"]) == 1
    (tmp_path / "README.md").write_text(written)
    (tmp_path / "m.json").write_text('{"accuracy": {"mean": 0.9, "std": 0.01}, "bytes": 19936}')  # new metrics
    assert doc_tables.main(["--root", str(tmp_path), "--check"]) == 1
    (tmp_path / "m.json").write_text('{"bytes": 19936}')  # a key the document needs is gone
    assert doc_tables.main(["--root", str(tmp_path), "--check"]) == 2
    assert doc_tables.main(["--root", str(tmp_path), "--lenient"]) == 0  # as the docs stage runs it
    assert "| n/a | 19,936 |" in (tmp_path / "README.md").read_text()


# A decimal percentage, a figure ± its spread, or a real-time factor: a result, which must come through the generator.
RESULT = re.compile(r"\d\s*±\s*\d|\b\d+\.\d+\s?%|\b\d[\d,.]*\s?x real time")


def _typed_results(text):
    return [line.strip()[:90] for line in _prose(text).splitlines() if RESULT.search(line)]


def test_no_result_is_typed_by_hand_outside_the_generated_tables_and_figures():
    found = [f"{path.relative_to(REPO)}: {line}" for path in DOCUMENTS
             for line in _typed_results(path.read_text(encoding="utf-8"))]
    assert found == []


def test_no_generated_figure_sits_in_a_code_block_where_its_markers_would_show():
    fenced = [f"{path.relative_to(REPO)}" for path in DOCUMENTS
              for block in re.findall(r"^```.*?^```", path.read_text(encoding="utf-8"), flags=re.S | re.M)
              if doc_tables.FIGURE.search(block) or doc_tables.TABLE.search(block)]
    assert fenced == []


def test_the_hand_typed_result_check_sees_one():
    assert _typed_results("Accuracy 86.5 ± 2.6 on the demo.\n") != []
    assert _typed_results("It runs at 973 x real time.\n") != []
    assert _typed_results("Accuracy <!-- fig: m.json:a|pm%.1f -->86.5 ± 2.6<!-- /fig --> on the demo.\n") == []
    assert _typed_results("```\n86.5 %\n```\n") == []


# --- names the README gives --------------------------------------------------------------------

README = (REPO / "README.md").read_text(encoding="utf-8")
CODE = "\n".join(re.findall(r"`([^`\n]+)`", README) + re.findall(r"^```[^\n]*\n(.*?)^```", README, re.S | re.M))


def test_the_readme_is_short_and_starts_with_the_two_commands():
    lines = README.splitlines()
    assert len(lines) <= 400
    head = "\n".join(lines[:8])
    assert "make repro" in head and "make test" in head


def test_every_make_target_the_readme_names_exists():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.M))
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", CODE))
    assert named and named - targets == set()


def test_every_cli_command_the_readme_names_exists():
    from audiolab.cli.main import build_parser

    parser = build_parser()
    commands = set(next(a for a in parser._actions if a.choices and hasattr(a, "_name_parser_map")).choices)
    named = set(re.findall(r"python -m audiolab ([a-z]+)", CODE))
    assert named and named - commands == set()


def test_every_stage_the_readme_names_exists():
    stages = set(yaml.safe_load((REPO / "dvc.yaml").read_text())["stages"])
    named = {name for name in re.findall(r"`([a-z]+_[a-z_]+)(?:@[\w.]+)?`", README)
             if not name.startswith(("train_", "clip_", "study_", "recall_", "max_", "n_"))}
    assert named and named - stages == set()


def test_every_repository_path_the_readme_names_exists_or_is_built():
    outputs = {o for stage in yaml.safe_load((REPO / "dvc.yaml").read_text())["stages"].values()
               for o in stage.get("outs", []) + stage.get("metrics", []) + stage.get("plots", [])
               if isinstance(o, str)}
    outputs |= {line.strip("/") for line in (REPO / ".gitignore").read_text().splitlines()  # built by make targets
                if line.startswith("/data/")}
    roots = {"audiolab", "stages", "tools", "bench", "tests", "docs", "results", "metrics", "plots",
             "models", "dvclive", "data"}
    named = {p.rstrip("/.,") for p in re.findall(r"(?<![/\w.-])[\w.-]+(?:/[\w.<>*-]+)+/?", CODE + "\n" + README)
             if p.split("/")[0] in roots and "<" not in p and "*" not in p}
    missing = [p for p in named if not (REPO / p).exists()
               and not any(p == o or p.startswith(o.rstrip("/") + "/") or o.startswith(p + "/") for o in outputs)]
    assert named and missing == []


# --- the repository stands alone, and describes itself as it is ---------------------------------

TEXT_FILES = _tracked("*.md", "*.py", "*.yaml", "*.yml", "*.sh", "*.toml", "*.txt", "*.tsv", "Makefile", ".ci/*")


def test_nothing_points_outside_the_repository():
    outside = re.compile(r"\.\./shared|/work/")
    pointing = [str(p.relative_to(REPO)) for p in TEXT_FILES
                if p.name != "test_docs.py" and outside.search(p.read_text(encoding="utf-8", errors="replace"))]
    assert pointing == []
    links = [(str(path.relative_to(REPO)), target) for path in DOCUMENTS
             for target in re.findall(r"\]\(([^)#\s]+)", path.read_text(encoding="utf-8"))
             if "://" not in target and REPO not in (path.parent / target).resolve().parents
             and (path.parent / target).resolve() != REPO]
    assert links == []


HISTORY = re.compile(r"\bsessions?\b|\buntil now\b|\bfor the record\b|\bin my diagnosis\b|\bthis machine\b|"
                     r"\bcommit [0-9a-f]{7,40}\b|\b[0-9a-f]{7,40} commit\b", re.I)


def test_the_documents_describe_the_project_not_its_history():
    found = [f"{path.relative_to(REPO)}: {match.group(0)}"
             for path in [*DOCUMENTS, *_tracked("results/*.md")]
             for match in HISTORY.finditer(path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("text", ["As measured in session 12.", "For the record, it was slower.",
                                  "The tool (commit 1d9ddf2) kept a quarter."])
def test_the_history_check_sees_a_diary_line(text):
    assert HISTORY.search(text)
