"""Every key of every committed metrics file is defined in one place, and the document is current."""

import json
from pathlib import Path

import pytest

from audiolab.core.comparisons import paired_differences
from audiolab.core.definitions import definitions_markdown, undefined_keys
from audiolab.core.metrics import summarise_runs

REPO = Path(__file__).resolve().parents[1]


def test_every_committed_metrics_key_is_defined():
    files = sorted((REPO / "metrics").rglob("*.json")) + sorted((REPO / "dvclive").rglob("metrics.json"))
    assert files
    undefined = {str(f.relative_to(REPO)): undefined_keys(json.loads(f.read_text())) for f in files}
    assert {name: keys for name, keys in undefined.items() if keys} == {}


def test_an_undefined_key_is_caught_and_defined_patterns_match():
    assert undefined_keys({"accuracy": 1, "f1": 0.5, "zero_shot": {"average_recall": 0.9}}) == [
        "f1", "zero_shot.average_recall"]
    defined = {"recall_angry": 1, "zero_shot": {"recall_macro": 1, "study_comparable": {"auc": 1}},
               "clean": {"white_urban": {"f1_macro": 1}}, "init_2": {"gain": {"accuracy": 1}},
               "gain.accuracy": {"mean": 1, "std": 0, "split_3": 1}, "finetuned.f1_macro": {"mean": 1, "std": 0}}
    assert undefined_keys(defined) == []


def test_the_definitions_document_is_generated_from_the_code():
    assert (REPO / "metrics/DEFINITIONS.md").read_text(encoding="utf-8") == definitions_markdown()


def test_runs_are_summarised_as_mean_and_sample_std():
    summary = summarise_runs([{"accuracy": 0.8, "model": {"f1_macro": 0.6}}, {"accuracy": 0.9, "model": {"f1_macro": 0.7}}])
    assert summary["n_runs"] == 2
    assert summary["accuracy"]["mean"] == pytest.approx(0.85)
    assert summary["model.f1_macro"]["std"] == pytest.approx(0.1 / 2 ** 0.5)  # ddof 1: |a - b| / sqrt(2)


def test_paired_differences_pair_seed_by_seed_on_the_seeds_both_have():
    a = {1: {"accuracy": 0.9, "x": 1.0}, 2: {"accuracy": 0.7, "x": 1.0}, 3: {"accuracy": 0.5, "x": 1.0}}
    b = {1: {"accuracy": 0.8}, 2: {"accuracy": 0.8}, 4: {"accuracy": 0.0}}
    pairs = paired_differences(a, b)
    assert pairs["seeds"] == [1, 2] and set(pairs) == {"accuracy", "seeds"}
    assert pairs["accuracy"]["mean"] == pytest.approx(0.0)
    assert pairs["accuracy"]["std"] == pytest.approx(0.1 * 2 ** 0.5)  # differences 0.1 and -0.1
    assert (pairs["accuracy"]["gains"], pairs["accuracy"]["n"]) == (1, 2)
    with pytest.raises(ValueError, match="no seed in common"):
        paired_differences(a, {9: {"accuracy": 1.0}})
