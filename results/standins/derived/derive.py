"""Figures of the research notes that combine tracked per-seed files: runs pooled over two
folders (seeds 1-3 and 4-6), paired differences by seed, corpus totals, the learning curve's
subsample sizes, the GTZAN-style fine-tuning screen by setting, and the refused export.

Reads only files under results/standins/; writes the JSON files beside this script. Every value
that is a fraction stays a fraction (the notes print it in %); a {mean, std} pair is over seeds
(sample standard deviation), a paired difference is `a - b` seed by seed.

    python results/standins/derived/derive.py
"""

import ast
import csv
import json
import re
import statistics
from pathlib import Path

from audiolab.core.comparisons import paired_differences

HERE = Path(__file__).resolve().parent
STANDINS = HERE.parent
LEVERS, PIPELINE = STANDINS / "levers", STANDINS / "pipeline"

MUSAN_KEYS = ["accuracy", "sns_accuracy", "recall_music", "recall_noise", "recall_speech"]


def load_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def load_csv(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def source_key(source):
    return "source_" + source.replace("/", "_").replace("-", "_")


def folder_seeds(folder):
    """seed -> {metric: value} of one run folder (a lever folder or a whole-pipeline folder)."""
    seeds = {}
    if (folder / "runs.json").is_file():  # lever screen: musan_train + musan_evaluate
        for seed, metrics in load_json(folder / "runs.json").items():
            seeds[int(seed.split("_")[1])] = {k: metrics[k] for k in MUSAN_KEYS}
        by_source = folder / "by_source.csv"
    else:  # the whole pipeline
        runs = folder / "metrics" / "runs"
        for seed, metrics in load_json(runs / "musan_1s.json").items():
            seeds[int(seed.split("_")[1])] = {k: metrics[k] for k in MUSAN_KEYS}
        for seed, metrics in load_json(runs / "gtzan_1s.json").items():
            seeds[int(seed.split("_")[1])].update(
                gtzan_zero_shot=metrics["zero_shot"]["accuracy"], gtzan_finetuned=metrics["finetuned"]["accuracy"])
        for seed, metrics in load_json(runs / "segment_1s.json").items():
            seeds[int(seed.split("_")[1])].update(
                segment_accuracy=metrics["accuracy"], segment_sns_accuracy=metrics["sns_accuracy"])
        by_source = folder / "recall_by_source_1s.csv"
    if by_source.is_file():
        for row in load_csv(by_source):
            for seed in seeds:
                seeds[seed][source_key(row["source"])] = float(row[f"recall_seed_{seed}"])
    return seeds


def pooled(*folders):
    """The seeds of several folders together (their seeds must not overlap)."""
    seeds = {}
    for folder in folders:
        for seed, metrics in folder_seeds(folder).items():
            assert seed not in seeds, (folder, seed)
            seeds[seed] = metrics
    return seeds


def mean_std(values):
    return {"mean": statistics.mean(values), "std": statistics.stdev(values) if len(values) > 1 else 0.0}


def summary(seeds):
    keys = set.intersection(*(set(m) for m in seeds.values()))
    out = {key: mean_std([seeds[s][key] for s in sorted(seeds)]) for key in sorted(keys)}
    out["worst_accuracy"] = min(seeds[s]["accuracy"] for s in seeds)
    out["seeds"] = sorted(seeds)
    out["n_seeds"] = len(seeds)
    return out


def check_against_summary(seeds, metrics_file):
    """The pooled figures of a single folder agree with the stage's own mean and std."""
    stored = load_json(metrics_file)
    for key in MUSAN_KEYS:
        ours = mean_std([seeds[s][key] for s in sorted(seeds)])
        assert abs(ours["mean"] - stored[key]["mean"]) < 1e-9 and abs(ours["std"] - stored[key]["std"]) < 1e-9, (metrics_file, key)


def lever(name):
    return LEVERS / name


def pipe(name):
    return PIPELINE / name


def main():
    for folder in sorted(LEVERS.iterdir()):
        check_against_summary(folder_seeds(folder), folder / "metrics.json")
    for folder in sorted(PIPELINE.iterdir()):
        check_against_summary(folder_seeds(folder), folder / "metrics" / "musan_1s.json")

    # Run sets: one folder of six seeds, or two folders pooled.
    sets = {
        "keep_best": pooled(lever("keep_best"), lever("keep_best_seeds456")),
        "keep_last": pooled(lever("keep_last"), lever("keep_last_seeds456")),
        "noise_mixing": pooled(lever("noise_mixing"), lever("noise_mixing_seeds456")),
        "noise_mixing_keep_last": pooled(lever("noise_mixing_keep_last"), lever("noise_mixing_keep_last_seeds456")),
        "wide_keep_last": pooled(lever("wide_keep_last"), lever("wide_keep_last_seeds456")),
        "masks": pooled(lever("masks"), lever("masks_seeds456")),
        "keep_last_56epochs": pooled(lever("keep_last_56epochs")),
        "distill_keep_last": pooled(lever("distill_keep_last")),
        "keep_last_masks": pooled(lever("keep_last_masks")),
        "keep_last_mixup": pooled(lever("keep_last_mixup")),
        "keep_last_balance_class": pooled(lever("keep_last_balance_class")),
        "weight_decay3_keep_last": pooled(lever("weight_decay3_keep_last")),
        "weight_decay10_keep_last": pooled(lever("weight_decay10_keep_last")),
        "weight_decay30_keep_last": pooled(lever("weight_decay30_keep_last")),
        "weight_decay3_keep_last_mixup": pooled(lever("weight_decay3_keep_last_mixup")),
        "wide_weight_decay3_keep_last": pooled(lever("wide_weight_decay3_keep_last")),
        "weight_decay3_keep_last_120epochs": pooled(pipe("weight_decay3_keep_last_120epochs"),
                                                      lever("weight_decay3_keep_last_120epochs_seeds456")),
        "per_clip_mean": pooled(lever("weight_decay3_keep_last_per_clip_mean")),
        "running_mean": pooled(lever("weight_decay3_keep_last_running_mean")),
        "cumulative_mean": pooled(lever("weight_decay3_keep_last_cumulative_mean"),
                                  lever("weight_decay3_keep_last_cumulative_mean_seeds456")),
        "cumulative_mean_120epochs": pooled(lever("weight_decay3_keep_last_cumulative_mean_120epochs_seeds12"),
                                            lever("weight_decay3_keep_last_cumulative_mean_120epochs_seeds45")),
        "without_lincity_noise": pooled(lever("weight_decay3_keep_last_without_lincity_noise")),
        "channel6db": pooled(lever("weight_decay3_keep_last_channel6db")),
        "channel12db": pooled(lever("weight_decay3_keep_last_channel12db")),
        "stratify_source": pooled(lever("weight_decay3_keep_last_stratify_source")),
    }
    # The first screen (seeds 1-3), each lever against keep_best on the same seeds.
    first_screen = ["keep_last", "noise_mixing", "masks", "mixup", "balance_class", "weight_decay1", "weight_decay10",
                    "noise_mixing_keep_last", "wide_keep_last", "keep_last_56epochs", "masks_strong", "balance_source",
                    "distill_keep_last"]
    keep_best_123 = folder_seeds(lever("keep_best"))
    pairs = {f"seeds123_{name}-keep_best": paired_differences(folder_seeds(lever(name)), keep_best_123) for name in first_screen}
    pairs["keep_last_56epochs-keep_last"] = paired_differences(sets["keep_last_56epochs"], sets["keep_last"])
    pairs["distill_keep_last-keep_last"] = paired_differences(sets["distill_keep_last"], sets["keep_last"])
    # Six seeds.
    for a, b in [("keep_last", "keep_best"), ("noise_mixing", "keep_best"), ("masks", "keep_best"),
                 ("noise_mixing_keep_last", "keep_last"), ("wide_keep_last", "keep_last"),
                 ("keep_last_masks", "keep_last"), ("keep_last_mixup", "keep_last"),
                 ("keep_last_balance_class", "keep_last"), ("weight_decay3_keep_last", "keep_last"),
                 ("weight_decay10_keep_last", "keep_last"), ("weight_decay30_keep_last", "keep_last"),
                 ("weight_decay3_keep_last_mixup", "keep_last"), ("wide_weight_decay3_keep_last", "keep_last"),
                 ("weight_decay3_keep_last_120epochs", "keep_last"),
                 ("weight_decay10_keep_last", "weight_decay3_keep_last"),
                 ("weight_decay3_keep_last_mixup", "weight_decay3_keep_last"),
                 ("wide_weight_decay3_keep_last", "weight_decay3_keep_last"),
                 ("wide_weight_decay3_keep_last", "wide_keep_last"),
                 ("weight_decay3_keep_last_120epochs", "weight_decay3_keep_last"),
                 ("per_clip_mean", "weight_decay3_keep_last"), ("running_mean", "weight_decay3_keep_last"),
                 ("cumulative_mean", "weight_decay3_keep_last"), ("cumulative_mean", "per_clip_mean"),
                 ("without_lincity_noise", "weight_decay3_keep_last"),
                 ("cumulative_mean_120epochs", "weight_decay3_keep_last_120epochs"),
                 ("cumulative_mean_120epochs", "cumulative_mean"),
                 ("channel6db", "weight_decay3_keep_last"), ("channel12db", "weight_decay3_keep_last"),
                 ("stratify_source", "weight_decay3_keep_last")]:
        pairs[f"{a}-{b}"] = paired_differences(sets[a], sets[b])
    # The whole pipeline, seeds 1-3: GTZAN-style and segmentation figures too.
    pipelines = {path.name: folder_seeds(path) for path in sorted(PIPELINE.iterdir())}
    for a, b in [("keep_last", "keep_best"), ("weight_decay3_keep_last", "keep_last"),
                 ("weight_decay10_keep_last", "keep_last"),
                 ("weight_decay3_keep_last_120epochs", "weight_decay3_keep_last"),
                 ("weight_decay3_keep_last_running_mean", "weight_decay3_keep_last"),
                 ("weight_decay3_keep_last_cumulative_mean", "weight_decay3_keep_last")]:
        pairs[f"pipeline_{a}-{b}"] = paired_differences(pipelines[a], pipelines[b])

    write("run_sets.json", {name: summary(seeds) for name, seeds in sets.items()})
    write("paired.json", pairs)
    write("corpus.json", corpus())
    write("learning_curve.json", learning_curve(sets["weight_decay3_keep_last"]))
    write("gtzan_finetune.json", gtzan_finetune())
    write("export_refused.json", export_refused())


def corpus():
    """Files and hours of the MUSAN-layout and GTZAN-style stand-ins per class, over the splits."""
    out = {}
    for name, splits in [("musan", ["train", "val", "test"]), ("gtzan", ["finetune", "test"])]:
        counts = load_json(PIPELINE / "keep_best" / "metrics" / "counts" / f"{name}.json")
        classes = sorted({key.rsplit("_", 1)[1] for key in counts if key.startswith("files_") and key != "files_skipped"})
        out[name] = {label: {"files": sum(counts[f"files_{s}_{label}"] for s in splits),
                             "hours": sum(counts[f"hours_{s}_{label}"] for s in splits)} for label in classes}
        out[name]["all"] = {"files": counts["files"], "hours": sum(out[name][c]["hours"] for c in classes),
                            "files_skipped": counts["files_skipped"]}
    sources = load_csv(LEVERS / "keep_best" / "by_source.csv")
    out["musan_test_sources"] = len(sources)
    music = [r for r in sources if r["source"].startswith("music/")]
    unseen = sum(int(r["test_clips"]) for r in music if int(r["train_clips"]) == 0)
    out["musan_test_music_unseen_share"] = unseen / sum(int(r["test_clips"]) for r in music)
    return out


def learning_curve(full):
    """Training groups and clips kept per class (mean over seeds), from subsample.txt, and each
    fraction's paired difference to the next larger one."""
    folder = STANDINS / "learning_curve"
    out, fractions = {}, sorted(p.name for p in folder.iterdir() if p.is_dir())
    for name in fractions:
        kept = {}
        for line in (folder / name / "subsample.txt").read_text(encoding="utf-8").splitlines():
            found = re.match(r"(\w+): (\d+) of (\d+) training groups, (\d+) of (\d+) clips", line)
            if found:
                kept.setdefault(found[1], []).append([int(found[i]) for i in range(2, 6)])
        out[name.replace(".", "_")] = {
            label: {"groups_kept": statistics.mean(r[0] for r in rows), "groups": rows[0][1],
                    "clips_kept": statistics.mean(r[2] for r in rows), "clips": rows[0][3]}
            for label, rows in kept.items()}
    steps = [folder_seeds(folder / name) for name in fractions] + [full]
    names = [name.replace(".", "_") for name in fractions] + ["fraction_1"]
    out["paired"] = {f"{names[i + 1]}-{names[i]}": paired_differences(steps[i + 1], steps[i]) for i in range(len(steps) - 1)}
    return out


SETTINGS = {  # the screen's rows, by what they change
    ("slim, keep: last", "5e-4", "50"): "default",
    ("slim, keep: last", "1e-3", "50"): "lr_double",
    ("slim, keep: last", "5e-4", "100"): "epochs_double",
    ("slim, keep: last", "2.5e-4", "50"): "lr_half",
    ("slim, keep: last", "5e-4", "25"): "epochs_half",
    ("wide, keep: last", "5e-4", "50"): "wide_keep_last",
    ("slim, keep: last, weight decay 3", "5e-4", "50"): "weight_decay3_keep_last",
    ("wide, keep: last, weight decay 3", "5e-4", "50"): "wide_weight_decay3_keep_last",
}


def gtzan_finetune():
    """finetuned_accuracy.csv by setting (fractions), checked against its own mean and std; the
    share of all test errors that the three files with the most errors hold."""
    folder = STANDINS / "gtzan_finetune"
    rows = load_csv(folder / "finetuned_accuracy.csv")
    seeds = [f"seed_{k}" for k in range(1, 7)]
    out, default = {}, None
    for row in rows:
        name = SETTINGS[(row["pretrained"], row["gtzan.lr"], row["gtzan.epochs"])]
        values = [float(row[s]) / 100 for s in seeds]
        default = values if name == "default" else default
        stats = mean_std(values)
        assert abs(stats["mean"] * 100 - float(row["mean"])) < 0.006 and abs(stats["std"] * 100 - float(row["std"])) < 0.006
        out[name] = {"finetuned": stats, "lr": float(row["gtzan.lr"]), "epochs": int(row["gtzan.epochs"]),
                     "paired_to_default": mean_std([v - d for v, d in zip(values, default)])}
    errors = load_csv(folder / "errors_by_file.csv")
    wrong = sorted(((float(r["error_mean"]) * int(r["test_clips"]), r["file"]) for r in errors), reverse=True)
    out["errors"] = {"test_files": len(errors),
                     "top3_share": sum(w for w, _ in wrong[:3]) / sum(w for w, _ in wrong),
                     "top3_files": [f for _, f in wrong[:3]]}
    return out


def export_refused():
    """The measurement in export_refused.txt, the export stage's error line, as JSON."""
    path = PIPELINE / "weight_decay3_keep_last_cumulative_mean" / "export_refused.txt"
    text = path.read_text(encoding="utf-8")
    measured = ast.literal_eval(text[text.index("({") + 1:text.rindex("})") + 1])
    measured["source"] = str(path.relative_to(STANDINS.parent.parent))
    return measured


def write(name, data):
    (HERE / name).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
