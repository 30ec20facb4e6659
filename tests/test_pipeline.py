"""End to end: `dvc repro` in a copy of the repository, on a tiny demo."""

import contextlib
import functools
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

# One clip length and two of the five emotion variants keep the run short (every `foreach`
# item runs the same code; the unit tests cover each clip length's layout).
CLIPS = (1,)
VARIANTS = ("clean", "aggregate")

TINY_DEMO = {
    "musan": {"music_files_per_source": 4, "speech_files_per_source": 2,  # 4: artists with two files
              "noise_files_per_source": 2, "min_seconds": 4, "max_seconds": 6},
    "gtzan": {"files_per_class": 3, "seconds": 6},
    "ravdess": {"actors": 8, "repetitions": 1},
    "urbansound8k": {"fold1_clips": 6, "other_fold_clips": 1},
}
GENDER_SPLIT = {"train": 4, "val": 2, "test": 2}  # actors of the tiny demo's 8, half of them female


def _stage_env():
    """The environment stage commands need: this interpreter's `python` and `dvc` first on PATH."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}


def _stages_run(output):
    """The stages a `dvc repro` output says it ran."""
    return set(re.findall(r"Running stage '([^']+)'", output))


def _run(args, cwd, env):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def repro_copy(tmp_path_factory):
    """A copy of the working tree (tracked and new files) with tiny params, reproduced as `make
    repro` does (tools/repro.py: `dvc repro`, one stage per core at once)."""
    work = tmp_path_factory.mktemp("repo")
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    for relative in listed:
        if (REPO / relative).is_file():
            (work / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / relative, work / relative)
    params = yaml.safe_load((work / "params.yaml").read_text())
    params["demo"] = TINY_DEMO
    params["clips"]["clip_seconds"] = list(CLIPS)
    params["emotion"]["variants"] = list(VARIANTS)
    params["train_seeds"] = [1, 2]
    params["musan"].update(epochs=3, restart_epochs=1, t_mul=2)
    params["gtzan"].update(epochs=2)
    params["emotion"].update(epochs=2)
    params["gender"].update(epochs=2, steps_per_epoch=2, split=GENDER_SPLIT)
    params["fusion"].update(seeds=[1, 2], init_seeds=[1], gender_folds=2)
    params["teacher"].update(epochs=2, image_size=32)
    (work / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    env = _stage_env()
    _run(["git", "init", "-q"], work, env)
    # DVCLive reads the current commit: a fresh clone has one, a bare `git init` does not
    _run(["git", "add", "-A"], work, env)
    _run(["git", "-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-qm", "copy"], work, env)
    output = _run(["python", "tools/repro.py"], work, env)  # what `make repro` runs
    return work, env, output


SHARED = (".dvc/cache", "data/demo")  # nothing writes into them: DVC's read-only cache objects, the demo corpora


def _link_or_copy(work, source, target):
    """A hard link for a file under SHARED (most of a copy's bytes), where the file system
    allows one; a copy otherwise."""
    if any(Path(source).is_relative_to(work / folder) for folder in SHARED):
        with contextlib.suppress(OSError):
            return os.link(source, target)
    return shutil.copy2(source, target)


class SideRun:
    """A DVC command in its own copy of the reproduced repository, running while the checks
    that only read the repository run on the original: the command and its checks cost the
    suite the longer of the two, not their sum."""

    def __init__(self, work, copy, args, env, prepare=None):
        shutil.copytree(work, copy, symlinks=True, copy_function=functools.partial(_link_or_copy, work))
        if prepare:
            prepare(copy)
        self.work, self.args = copy, args
        self.process = subprocess.Popen(args, cwd=copy, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)

    def output(self):
        """The command's standard output, once it has succeeded."""
        stdout, stderr = self.process.communicate()
        assert self.process.returncode == 0, f"{' '.join(self.args)} failed:\n{stdout}\n{stderr}"
        return stdout


FORCED = ("musan_train@1", "emotion_train@clean")  # training stages forced to run again


def _hostile_gtzan(work):
    """The GTZAN corpus copied with a broken symlink and a byte-identical duplicate added, and
    corpora.gtzan pointed at it."""
    corpus = work / "hostile/music_speech"
    shutil.copytree(work / "data/demo/music_speech", corpus)
    (corpus / "music_wav/broken.wav").symlink_to(corpus / "music_wav/gone.wav")
    shutil.copy(sorted((corpus / "speech_wav").iterdir())[0], corpus / "speech_wav/zz_copy.wav")
    params = yaml.safe_load((work / "params.yaml").read_text())
    params["corpora"]["gtzan"] = "hostile/music_speech"
    (work / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))


@pytest.fixture(scope="module")
def side_runs(repro_copy, tmp_path_factory):
    """The checks that change a repository (forced training, a second repro, a hostile corpus),
    each started at once in a copy of the reproduced one."""
    work, env, _ = repro_copy
    root = tmp_path_factory.mktemp("side")
    runs = {
        "forced": SideRun(work, root / "forced", ["dvc", "repro", "--force", "--single-item", *FORCED], env),
        "again": SideRun(work, root / "again", ["dvc", "repro"], env),
        "hostile": SideRun(work, root / "hostile", ["dvc", "repro", "gtzan_denoise"], env, _hostile_gtzan),
    }
    yield runs
    for run in runs.values():
        if run.process.poll() is None:
            run.process.kill()
            run.process.communicate()


def test_repro_writes_the_demo_corpora(repro_copy, side_runs):
    work, _, _ = repro_copy
    assert len(list((work / "data/demo/ravdess").glob("Actor_*"))) == TINY_DEMO["ravdess"]["actors"]
    assert (work / "data/demo/UrbanSound8K/metadata/UrbanSound8K.csv").is_file()
    assert (work / "dvc.lock").is_file()


SCANS = {"musan_prepare", "gtzan_scan", "ravdess_prepare"}  # read the corpora on every repro (always_changed)


def _status(work):
    """{stage: its `dvc status` entries} for every stage `dvc status` reports (DVC's API, as
    `dvc status --json` gives it, without a process per call)."""
    from dvc.repo import Repo

    with contextlib.chdir(work), Repo(".") as repo:  # stage names as the command line, run there, gives them
        return repo.status(targets=["dvc.yaml"])  # the demo's pipeline, as `dvc repro` picks it


def _summary(work, path):
    """A summary metrics file as {key: (mean, std)}."""
    summary = json.loads((work / path).read_text())
    assert summary["n_runs"] == 2
    return {key: (value["mean"], value["std"]) for key, value in summary.items() if key != "n_runs"}


def test_musan_models_and_metrics_over_seeds(repro_copy):
    work, _, _ = repro_copy
    for clip in (f"{c:g}s" for c in CLIPS):
        runs = json.loads((work / f"metrics/runs/musan_{clip}.json").read_text())
        assert set(runs) == {"seed_1", "seed_2"}
        summary = _summary(work, f"metrics/musan_{clip}.json")
        accuracies = [runs[s]["accuracy"] for s in ("seed_1", "seed_2")]
        assert summary["accuracy"] == pytest.approx((sum(accuracies) / 2, abs(accuracies[0] - accuracies[1]) / 2 ** 0.5))
        assert 0 <= summary["accuracy"][0] <= summary["sns_accuracy"][0] <= 1
        for seed in (1, 2):
            assert (work / f"models/musan/swishnet_{clip}/seed_{seed}.keras").is_file()
            assert "lr" in pd.read_csv(work / f"dvclive/musan_train/{clip}/plots/metrics/seed_{seed}/train/lr.tsv", sep="\t")
        confusion = pd.read_csv(work / f"plots/musan/confusion_{clip}.csv")
        assert len(confusion) == 2 * runs["seed_1"]["n_test"]  # both seeds' predictions
        by_source = pd.read_csv(work / f"plots/musan/recall_by_source_{clip}.csv")
        manifest = pd.read_csv(work / "data/prepared/musan/manifest.csv")
        assert set(by_source["source"]) <= set(manifest["label"] + "/" + manifest["source"])
        assert by_source["test_clips"].sum() == runs["seed_1"]["n_test"]


def test_every_training_stage_logs_through_dvclive_into_dvc_metrics(repro_copy):
    work, env, _ = repro_copy
    shown = json.loads(_run(["dvc", "metrics", "show", "--json"], work, env))[""]["data"]
    logs = {path: entry["data"] for path, entry in shown.items() if path.startswith("dvclive/")}
    stages = {*(f"{stage}/{clip}" for stage in ("musan_train", "gtzan_finetune", "teacher_train", "distill")
                for clip in (f"{c:g}s" for c in CLIPS)), "gender_train", "emotion_fusion/seed_1", "emotion_fusion/seed_2",
              *(f"emotion_train/{variant}" for variant in VARIANTS)}
    assert set(logs) == {f"dvclive/{stage}/metrics.json" for stage in stages}
    for stage in stages - {"emotion_fusion/seed_1", "emotion_fusion/seed_2"}:
        assert set(logs[f"dvclive/{stage}/metrics.json"]) == {"seed_1", "seed_2"}
    epochs = logs["dvclive/emotion_train/clean/metrics.json"]["seed_1"]["epochs"]
    loss = pd.read_csv(work / "dvclive/emotion_train/clean/plots/metrics/seed_1/eval/loss.tsv", sep="\t")
    assert list(loss["step"]) == list(range(epochs))
    assert set(logs["dvclive/emotion_fusion/seed_1/metrics.json"]) == {
        "gender", "gender_fold_0", "gender_fold_1", "unfused_init_1", "fused_init_1"}
    assert (work / "plots/training_curves.png").stat().st_size > 0  # drawn from the DVCLive logs


def test_teacher_plain_and_distilled_side_by_side(repro_copy):
    work, _, _ = repro_copy
    for clip in (f"{c:g}s" for c in CLIPS):
        runs = json.loads((work / f"metrics/runs/distill_{clip}.json").read_text())
        for run in runs.values():
            assert run["gain"]["accuracy"] == pytest.approx(run["distilled"]["accuracy"] - run["plain"]["accuracy"])
        summary = _summary(work, f"metrics/distill_{clip}.json")
        for model in ("teacher", "plain", "distilled"):
            assert 0 <= summary[f"{model}.accuracy"][0] <= summary[f"{model}.sns_accuracy"][0] <= 1
        plain = json.loads((work / f"metrics/runs/musan_{clip}.json").read_text())
        assert runs["seed_1"]["plain"]["accuracy"] == plain["seed_1"]["accuracy"]  # the same models, the same clips
        with h5py.File(work / f"data/features/teacher/logits_{clip}.h5", "r") as logits, \
                h5py.File(work / f"data/features/musan/clips_{clip}.h5", "r") as clips:
            assert set(logits) == {"seed_1", "seed_2"} and logits["seed_1"].shape == (len(clips["labels"]), 3)
    # the soft targets are stored: a temperature change re-runs the students, not the teachers
    assert _changed_stages(work, "distill", "temperature", 2.0) == {f"distill@{c:g}" for c in CLIPS}
    # GTZAN fine-tuning and the segmentation evaluation can start from the distilled students
    changed = _downstream(work, _changed_stages(work, None, "swishnet_source", "distilled"))
    assert {f"{stage}@{c:g}" for stage in ("gtzan_finetune", "gtzan_evaluate", "segment_frames")
            for c in CLIPS} <= changed
    assert all(name.startswith(("gtzan_", "segment_")) for name in changed), changed


def test_no_musan_file_has_clips_in_two_splits(repro_copy):
    work, _, _ = repro_copy
    for clip in (f"{c:g}s" for c in CLIPS):
        with h5py.File(work / f"data/features/musan/clips_{clip}.h5", "r") as h5:
            clips = pd.DataFrame({"file": h5["file_index"][:], "split": h5["split"][:]})
        assert (clips.groupby("file")["split"].nunique() == 1).all()
        assert set(clips["split"]) == {0, 1, 2}


def test_gtzan_metrics_zero_shot_and_finetuned(repro_copy):
    work, _, _ = repro_copy
    for clip in (f"{c:g}s" for c in CLIPS):
        runs = json.loads((work / f"metrics/runs/gtzan_{clip}.json").read_text())
        for run in runs.values():
            for model in ("zero_shot", "finetuned"):
                assert run[model]["recall_macro"] == pytest.approx(
                    (run[model]["recall_speech"] + run[model]["recall_music"]) / 2)
            assert run["gain"]["f1_macro"] == pytest.approx(run["finetuned"]["f1_macro"] - run["zero_shot"]["f1_macro"])
        summary = _summary(work, f"metrics/gtzan_{clip}.json")
        assert summary["gain.accuracy"][0] == pytest.approx(
            summary["finetuned.accuracy"][0] - summary["zero_shot.accuracy"][0])
        for model in ("zero_shot", "finetuned"):
            confusion = pd.read_csv(work / f"plots/gtzan/confusion_{clip}_{model}.csv")
            assert len(confusion) == 2 * runs["seed_1"][model]["n_test"]
            assert set(confusion["predicted"]) <= {"music", "speech"}
        loss = pd.read_csv(work / f"dvclive/gtzan_finetune/{clip}/plots/metrics/seed_1/train/loss.tsv", sep="\t")
        assert len(loss) == 2  # fixed epochs


def test_gtzan_test_files_are_not_fine_tuned_on(repro_copy):
    work, _, _ = repro_copy
    manifest = pd.read_csv(work / "data/features/gtzan/manifest.csv")
    assert manifest["path"].is_unique
    assert manifest.groupby("label")["split"].value_counts().unstack().gt(0).all().all()
    with h5py.File(work / "data/features/gtzan/clips_1s.h5", "r") as h5:
        clips = pd.DataFrame({"file": h5["file_index"][:], "split": h5["split"][:]})
        assert list(h5.attrs["splits"]) == ["finetune", "test"]
    assert (clips.groupby("file")["split"].nunique() == 1).all()


@functools.cache
def _edges(work):
    """The (stage, stage that depends on it) pairs of `dvc dag --dot` for the repository's own
    params (every caller restores them first)."""
    return tuple(re.findall(r'"([^"]+)" -> "([^"]+)"', _run(["dvc", "dag", "--dot"], work, _stage_env())))


def _downstream(work, stages):
    """``stages`` and every stage that depends on them, from `dvc dag --dot`, but the `docs` stage,
    which reads every metrics file to render the documents' figures."""
    edges = _edges(work)
    reached, frontier = set(stages), set(stages)
    while frontier:
        frontier = {after for before, after in edges if before in frontier} - reached
        reached |= frontier
    return reached - {"docs"}


def _changed_stages(work, section, key, value):
    """Stages `dvc status` reports after setting params[section][key] (or params[key] for
    section None) to value, then restored; the corpus scans, always changed, only when a param
    of theirs changed."""
    original = (work / "params.yaml").read_text()
    params = yaml.safe_load(original)
    (params[section] if section else params)[key] = value
    (work / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    try:
        status = _status(work)
    finally:
        (work / "params.yaml").write_text(original)
    return {name for name, entries in status.items() if entries != ["always changed"]}


def test_make_repro_says_what_it_runs_and_ends_with_its_verdict(repro_copy):
    """tools/repro.py's first and last lines: the remote, the plan, progress, then the comparison
    with the committed dvc.lock (the copy's tiny params give other bytes) and the next commands."""
    _, _, output = repro_copy
    assert "no DVC remote configured" in output and re.search(r"\d+ stages to run: ", output)
    assert re.search(r"tools/repro.py: 1 of \d+ stages done", output)
    assert re.search(r"against the committed dvc.lock, \d+ stages wrote the same bytes, \d+ other bytes", output)
    assert "this run's CPU:" in output and ("within the spread" in output or "OUTSIDE the spread" in output)
    assert output.rstrip().endswith("python -m audiolab segment FILE       # speech / music / noise segments of your own recording")


def test_musan_lr_change_leaves_the_feature_stages_untouched(repro_copy):
    """Only the training stages are dirty; evaluation follows through the changed models."""
    work, _, _ = repro_copy
    changed = _changed_stages(work, "musan", "lr_max", 0.001)
    assert changed == {f"{stage}@{c:g}" for stage in ("musan_train", "distill") for c in CLIPS}


def test_a_smoothing_change_rescores_segmentation_without_running_the_network(repro_copy):
    work, _, _ = repro_copy
    assert _changed_stages(work, "segment", "median_frames", 101) == {
        f"segment_evaluate@{c:g}" for c in CLIPS}


def test_musan_training_change_reaches_gtzan_but_gtzan_change_stays_in_gtzan(repro_copy):
    work, _, _ = repro_copy
    musan_changed = _changed_stages(work, "musan", "epochs", 4)
    assert {f"gtzan_{step}@{c:g}" for step in ("finetune", "evaluate") for c in CLIPS} <= \
        _downstream(work, musan_changed)
    for key, value in (("lr", 0.001), ("epochs", 3), ("split", {"finetune": 0.5, "test": 0.5})):
        affected = _downstream(work, _changed_stages(work, "gtzan", key, value))
        assert affected and all(name.startswith("gtzan_") for name in affected), (key, affected)


CONDITIONS = ("clean", "white", "urban", "white_urban")  # every model is tested under each


def test_emotion_metrics_per_variant_and_robustness_matrix(repro_copy):
    work, _, _ = repro_copy
    for variant in VARIANTS:
        summary = _summary(work, f"metrics/emotion_{variant}.json")
        assert {"loss", "accuracy", "auc_macro", "precision_macro", "recall_macro", "f1_macro", "recall_angry",
                "study_comparable.binary_accuracy", "study_comparable.f1"} <= set(summary)
        assert len(pd.read_csv(work / f"plots/emotion/confusion_{variant}.csv")) == 2 * summary["n_test"][0]
        assert (work / f"plots/emotion/confusion_{variant}.png").is_file()
    robustness = _summary(work, "metrics/emotion_robustness.json")
    assert set(robustness) == {f"{v}.{c}.{m}" for v in VARIANTS for c in CONDITIONS for m in ("accuracy", "f1_macro")}
    assert (work / "plots/emotion/robustness.png").is_file()


def _split_items(work, conditions):
    from audiolab.ravdess.dataset import split_items

    table = pd.read_csv(work / "data/features/ravdess/manifest.csv")
    with h5py.File(work / "data/features/ravdess/mel.h5", "r") as h5:
        noise = dict(zip(h5["files"].asstr()[:], h5["noise_files"].asstr()[:]))
    items = {}
    for split in ("train", "val", "test"):
        _, rows = split_items(work / "data/features/ravdess/mel.h5", table, split, conditions)
        items[split] = rows.assign(noise=rows["path"].map(noise))
    return items


def test_emotion_splits_share_no_recording_utterance_or_noise_clip(repro_copy):
    work, _, _ = repro_copy
    items = _split_items(work, ("clean", "white", "urban", "white_urban"))
    assert all(len(part) for part in items.values())
    for column in ("recording", "utterance", "noise"):
        sets = {split: set(part[column]) for split, part in items.items()}
        assert not (sets["train"] & sets["test"] or sets["train"] & sets["val"] or sets["val"] & sets["test"]), column


def test_musan_splits_share_no_artist_or_file(repro_copy):
    work, _, _ = repro_copy
    manifest = pd.read_csv(work / "data/prepared/musan/manifest.csv")
    artists = manifest.dropna(subset=["artist"]).assign(key=lambda m: m["source"] + "/" + m["artist"])
    assert artists.groupby("key").size().max() >= 2  # some artist has several files: the check below can fail
    assert (artists.groupby("key")["split"].nunique() == 1).all()


def test_gender_metrics_and_fusion_gain(repro_copy):
    work, _, _ = repro_copy
    gender = _summary(work, "metrics/gender.json")
    assert {"loss", "accuracy", "auc_macro", "f1_macro", "study_comparable.f1"} <= set(gender)
    split = pd.read_csv(work / "data/prepared/gender_split.csv").drop_duplicates("actor")
    assert split.groupby(["split", "gender"]).size().to_dict() == {
        (s, g): n // 2 for s, n in GENDER_SPLIT.items() for g in ("female", "male")}
    fusion = json.loads((work / "metrics/fusion.json").read_text())
    per_split = [json.loads((work / f"metrics/fusion/seed_{s}.json").read_text()) for s in (1, 2)]
    assert (fusion["n_splits"], fusion["n_runs"]) == (2, 2)
    assert fusion["gain.f1_macro"]["mean"] == pytest.approx(sum(r["init_1"]["gain"]["f1_macro"] for r in per_split) / 2)


def test_emotion_lr_experiment_reruns_only_emotion_training_and_evaluation(repro_copy):
    work, _, _ = repro_copy
    affected = _downstream(work, _changed_stages(work, None, "lr", 0.0022))  # dvc exp run -S lr=0.0022
    assert {f"emotion_train@{v}" for v in VARIANTS} <= affected
    assert all(name.startswith("emotion_") or name == "training_curves" for name in affected), affected
    assert not {"ravdess_prepare", "ravdess_features"} & affected


def test_gender_change_reruns_gender_and_fusion_only(repro_copy):
    work, _, _ = repro_copy
    affected = _downstream(work, _changed_stages(work, "gender", "dense_units", 128))
    assert {"gender_train", "gender_evaluate", "emotion_fusion@1", "emotion_fusion_summary"} <= affected
    assert all(name.startswith(("gender_", "emotion_fusion")) for name in affected), affected


def test_export_parity_and_segmentation_metrics(repro_copy):
    work, _, _ = repro_copy
    for clip in (f"{c:g}s" for c in CLIPS):
        export = json.loads((work / f"metrics/export_{clip}.json").read_text())
        assert export["float"]["parity_ok"] == 1 and export["float"]["max_probability_difference"] <= 1e-5
        assert export["frames"]["parity_ok"] == 1
        for model in ("float", "int8", "frames"):
            assert (work / f"models/tflite/swishnet_{clip}_{model}.tflite").stat().st_size == export[model]["bytes"]
        assert export["int8"]["bytes"] <= 22528 and export["int8"]["size_ok"] == 1
        assert export["int8"]["accuracy_drop"] == pytest.approx(export["keras"]["accuracy"] - export["int8"]["accuracy"])
        segment = _summary(work, f"metrics/segment_{clip}.json")
        assert segment["n_frames"][0] > 0 and 0 <= segment["accuracy"][0] <= segment["sns_accuracy"][0] <= 1
        assert (work / f"plots/segment/example_{clip}.png").stat().st_size > 0
    truth = pd.read_csv(work / "data/prepared/segment_eval/truth.csv")
    assert set(truth["label"]) == {"speech", "music", "noise", "silence"}


def test_every_metrics_key_is_defined_and_the_definitions_are_current(repro_copy):
    from audiolab.core.definitions import definitions_markdown, undefined_keys

    work, _, _ = repro_copy
    files = sorted((work / "metrics").rglob("*.json"))
    assert len(files) > 20
    assert {str(f.relative_to(work)): undefined_keys(json.loads(f.read_text())) for f in files
            if undefined_keys(json.loads(f.read_text()))} == {}
    assert (work / "metrics/DEFINITIONS.md").read_text() == definitions_markdown()


def test_a_broken_symlink_or_a_duplicate_in_a_corpus_is_listed_not_fatal(side_runs):
    """DVC never hashes a corpus tree (a broken symlink or an unreadable file made it fail before
    any stage ran): the scan stage reads it and lists what it cannot use."""
    run = side_runs["hostile"]
    run.output()
    first = sorted((run.work / "hostile/music_speech/speech_wav").iterdir())[0]
    skipped = pd.read_csv(run.work / "data/prepared/gtzan/skipped.csv").set_index("path")["reason"].to_dict()
    assert skipped == {"music_wav/broken.wav": "broken symbolic link",
                       "speech_wav/zz_copy.wav": f"same content as speech_wav/{first.name}"}


def test_forcing_training_stages_reproduces_their_outputs_byte_for_byte(repro_copy, side_runs):
    work, _, _ = repro_copy
    run = side_runs["forced"]
    assert _stages_run(run.output()) == set(FORCED)
    outputs = ("models/musan/swishnet_1s/seed_1.keras", "models/musan/swishnet_1s/seed_2.keras",
               "dvclive/musan_train/1s/plots/metrics/seed_2/eval/accuracy.tsv", "models/emotion/clean/seed_1.keras",
               "dvclive/emotion_train/clean/metrics.json")
    assert [path for path in outputs if (run.work / path).read_bytes() != (work / path).read_bytes()] == []


def test_second_repro_rescans_the_corpora_and_changes_nothing(repro_copy, side_runs):
    work, _, _ = repro_copy
    assert _status(work) == dict.fromkeys(SCANS, ["always changed"])
    run = side_runs["again"]
    assert _stages_run(run.output()) == SCANS
    assert (run.work / "dvc.lock").read_bytes() == (work / "dvc.lock").read_bytes()
    assert _status(run.work) == dict.fromkeys(SCANS, ["always changed"])
