"""End to end: `dvc repro` in a copy of the repository, on a tiny demo."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import h5py
import pandas as pd
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]

TINY_DEMO = {
    "musan": {"music_files_per_source": 1, "speech_files_per_source": 2,
              "noise_files_per_source": 2, "min_seconds": 4, "max_seconds": 6},
    "gtzan": {"files_per_class": 3, "seconds": 6},
    "ravdess": {"actors": 24, "repetitions": 1},
    "urbansound8k": {"fold1_clips": 6, "other_fold_clips": 1},
}


def _run(args, cwd, env):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def repro_copy(tmp_path_factory):
    """A copy of the working tree (tracked and new files) with tiny params, after `dvc repro`."""
    work = tmp_path_factory.mktemp("repo")
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    for relative in listed:
        if (REPO / relative).is_file():
            (work / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / relative, work / relative)
    params = yaml.safe_load((work / "params.yaml").read_text())
    params["demo"] = TINY_DEMO
    params["musan"].update(epochs=3, patience=2)
    params["gtzan"].update(epochs=2)
    params["emotion"].update(epochs=2)
    params["gender"].update(epochs=2, steps_per_epoch=2)
    params["fusion"]["seeds"] = [1, 2]
    (work / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    _run(["git", "init", "-q"], work, env)
    output = _run(["dvc", "repro"], work, env)
    return work, env, output


def test_repro_writes_the_demo_corpora(repro_copy):
    work, _, _ = repro_copy
    assert len(list((work / "data/demo/ravdess").glob("Actor_*"))) == 24
    assert (work / "data/demo/UrbanSound8K/metadata/UrbanSound8K.csv").is_file()
    assert (work / "dvc.lock").is_file()


def test_second_repro_has_nothing_to_do(repro_copy):
    work, env, _ = repro_copy
    assert "up to date" in _run(["dvc", "status"], work, env)
    assert "didn't change, skipping" in _run(["dvc", "repro"], work, env)


def test_musan_models_and_metrics(repro_copy):
    work, _, _ = repro_copy
    for clip in ("0.5s", "1s", "2s"):
        assert (work / f"models/musan/swishnet_{clip}.keras").is_file()
        metrics = yaml.safe_load((work / f"metrics/musan_{clip}.json").read_text())
        assert metrics["n_test"] > 0 and 0 <= metrics["accuracy"] <= metrics["sns_accuracy"] <= 1
        confusion = pd.read_csv(work / f"plots/musan/confusion_{clip}.csv")
        assert len(confusion) == metrics["n_test"]
        assert len(pd.read_csv(work / f"plots/musan/history_{clip}.csv")) >= 1


def test_no_musan_file_has_clips_in_two_splits(repro_copy):
    work, _, _ = repro_copy
    for clip in ("0.5s", "1s", "2s"):
        with h5py.File(work / f"data/features/musan/clips_{clip}.h5", "r") as h5:
            clips = pd.DataFrame({"file": h5["file_index"][:], "split": h5["split"][:]})
        assert (clips.groupby("file")["split"].nunique() == 1).all()
        assert set(clips["split"]) == {0, 1, 2}


def test_gtzan_metrics_zero_shot_and_finetuned(repro_copy):
    work, _, _ = repro_copy
    for clip in ("0.5s", "1s", "2s"):
        assert (work / f"models/gtzan/swishnet_{clip}.keras").is_file()
        metrics = json.loads((work / f"metrics/gtzan_{clip}.json").read_text())
        for model in ("zero_shot", "finetuned"):
            scores = metrics[model]
            assert set(scores) >= {"accuracy", "speech_recall", "music_recall", "average_recall", "f1"}
            assert scores["average_recall"] == pytest.approx((scores["speech_recall"] + scores["music_recall"]) / 2)
            confusion = pd.read_csv(work / f"plots/gtzan/confusion_{clip}_{model}.csv")
            assert len(confusion) == scores["n_test"] and set(confusion["predicted"]) <= {"music", "speech"}
        assert metrics["gain"]["f1"] == pytest.approx(metrics["finetuned"]["f1"] - metrics["zero_shot"]["f1"])
        assert len(pd.read_csv(work / f"plots/gtzan/history_{clip}.csv")) == 2  # fixed epochs


def test_gtzan_test_files_are_not_fine_tuned_on(repro_copy):
    work, _, _ = repro_copy
    manifest = pd.read_csv(work / "data/features/gtzan/manifest.csv")
    assert manifest["path"].is_unique
    assert manifest.groupby("label")["split"].value_counts().unstack().gt(0).all().all()
    with h5py.File(work / "data/features/gtzan/clips_1s.h5", "r") as h5:
        clips = pd.DataFrame({"file": h5["file_index"][:], "split": h5["split"][:]})
        assert list(h5.attrs["splits"]) == ["finetune", "test"]
    assert (clips.groupby("file")["split"].nunique() == 1).all()


def _downstream(work, env, stages):
    """``stages`` and every stage that depends on them, from `dvc dag --dot`."""
    edges = re.findall(r'"([^"]+)" -> "([^"]+)"', _run(["dvc", "dag", "--dot"], work, env))
    reached, frontier = set(stages), set(stages)
    while frontier:
        frontier = {after for before, after in edges if before in frontier} - reached
        reached |= frontier
    return reached


def _changed_stages(work, env, section, key, value):
    """Stages `dvc status` reports after setting params[section][key] = value (then restored)."""
    original = (work / "params.yaml").read_text()
    params = yaml.safe_load(original)
    params[section][key] = value
    (work / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    try:
        status = _run(["dvc", "status", "--json"], work, env)
    finally:
        (work / "params.yaml").write_text(original)
    return set(json.loads(status))


def test_musan_lr_change_leaves_the_feature_stages_untouched(repro_copy):
    """Only the training stages are dirty; evaluation follows through the changed models."""
    work, env, _ = repro_copy
    changed = _changed_stages(work, env, "musan", "lr_max", 0.001)
    assert changed == {f"musan_train@{c}" for c in ("0.5", "1", "2")}


def test_musan_training_change_reaches_gtzan_but_gtzan_change_stays_in_gtzan(repro_copy):
    work, env, _ = repro_copy
    musan_changed = _changed_stages(work, env, "musan", "epochs", 4)
    assert {f"gtzan_{step}@{c}" for step in ("finetune", "evaluate") for c in ("0.5", "1", "2")} <= \
        _downstream(work, env, musan_changed)
    for key, value in (("lr", 0.001), ("epochs", 3), ("split", {"finetune": 0.5, "test": 0.5})):
        affected = _downstream(work, env, _changed_stages(work, env, "gtzan", key, value))
        assert affected and all(name.startswith("gtzan_") for name in affected), (key, affected)


VARIANTS = ("clean", "white", "urban", "white_urban", "aggregate")


def test_emotion_metrics_per_variant_and_robustness_matrix(repro_copy):
    work, _, _ = repro_copy
    for variant in VARIANTS:
        metrics = json.loads((work / f"metrics/emotion_{variant}.json").read_text())
        assert set(metrics) >= {"loss", "accuracy", "auc", "precision", "recall", "f1", "recall_angry"}
        assert set(metrics["definitions"]) >= {"loss", "accuracy", "auc", "precision", "recall", "f1"}
        assert len(pd.read_csv(work / f"plots/emotion/confusion_{variant}.csv")) == metrics["n_test"]
        assert (work / f"plots/emotion/confusion_{variant}.png").is_file()
    robustness = json.loads((work / "metrics/emotion_robustness.json").read_text())
    assert set(robustness) == set(VARIANTS)
    assert all(set(row) == set(VARIANTS[:4]) for row in robustness.values())
    assert (work / "plots/emotion/robustness.png").is_file()


def test_emotion_test_recordings_never_heard_in_training(repro_copy):
    work, _, _ = repro_copy
    table = pd.read_csv(work / "data/prepared/ravdess/emotion_split.csv")
    assert (table.groupby("recording")["split"].nunique() == 1).all()
    with h5py.File(work / "data/features/ravdess/mel.h5", "r") as h5:
        assert set(h5["files"].asstr()[:]) == set(table["path"])  # every noisy copy is looked up by its file


def test_gender_metrics_and_fusion_gain(repro_copy):
    work, _, _ = repro_copy
    gender = json.loads((work / "metrics/gender.json").read_text())
    assert set(gender) >= {"loss", "accuracy", "auc", "precision", "recall", "f1", "definitions"}
    split = pd.read_csv(work / "data/prepared/ravdess/gender_split.csv").drop_duplicates("actor")
    assert split.groupby(["split", "gender"]).size().to_dict() == {
        (s, g): n for s, n in (("test", 3), ("train", 6), ("val", 3)) for g in ("female", "male")}
    fusion = json.loads((work / "metrics/fusion.json").read_text())
    per_seed = [json.loads((work / f"metrics/fusion/seed_{s}.json").read_text()) for s in (1, 2)]
    assert fusion["n_seeds"] == 2
    assert fusion["gain_f1"]["mean"] == pytest.approx(sum(r["gain"]["f1"] for r in per_seed) / 2)


def test_emotion_lr_experiment_reruns_only_emotion_training_and_evaluation(repro_copy):
    work, env, _ = repro_copy
    affected = _downstream(work, env, _changed_stages(work, env, "emotion", "lr", 0.0022))
    assert {f"emotion_train@{v}" for v in VARIANTS} <= affected
    assert all(name.startswith("emotion_") for name in affected), affected
    assert not {"ravdess_features", "emotion_split"} & affected


def test_gender_change_reruns_gender_and_fusion_only(repro_copy):
    work, env, _ = repro_copy
    affected = _downstream(work, env, _changed_stages(work, env, "gender", "dense_units", 128))
    assert {"gender_train", "gender_evaluate", "emotion_fusion@1", "emotion_fusion_summary"} <= affected
    assert all(name.startswith(("gender_", "emotion_fusion")) for name in affected), affected


def test_export_parity_and_segmentation_metrics(repro_copy):
    work, _, _ = repro_copy
    for clip in ("0.5s", "1s", "2s"):
        export = json.loads((work / f"metrics/export_{clip}.json").read_text())
        assert export["float_parity_ok"] == 1 and export["float_max_probability_difference"] <= 1e-5
        assert (work / f"models/tflite/swishnet_{clip}_float.tflite").stat().st_size == export["float_bytes"]
        segment = json.loads((work / f"metrics/segment_{clip}.json").read_text())
        assert segment["n_frames"] > 0 and 0 <= segment["accuracy"] <= segment["sns_accuracy"] <= 1
    truth = pd.read_csv(work / "data/prepared/segment_eval/truth.csv")
    assert set(truth["label"]) == {"speech", "music", "noise", "silence"}
