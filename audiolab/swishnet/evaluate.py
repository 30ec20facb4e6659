"""Scoring saved SwishNet clip classifiers, one per training seed: MUSAN test clips and the two-class GTZAN transfer."""

import numpy as np
import pandas as pd

from audiolab.core.metrics import binary_accuracy, classification_metrics, two_class_predictions
from audiolab.core.reports import write_confusion, write_runs


def _probabilities(model_path, features):
    from audiolab.swishnet.model import load_model

    return load_model(model_path).predict(features, batch_size=1024, verbose=0)


def _clip_metrics(labels, y_pred, classes):
    """Classification metrics and speech / non-speech accuracy of clip predictions."""
    return {**classification_metrics(labels, y_pred, classes),
            "sns_accuracy": binary_accuracy(labels, y_pred, positive=list(classes).index("speech"))}


def recall_by_source(labels, predicted, test_sources, train_sources, split="test"):
    """Recall of each source's clips of the scored ``split`` (every clip of a source has one
    class): one row per source with its ``<split>_clips`` and training clip counts (0 training
    clips: a source the models never saw), the mean and sample std over seeds, and each seed's
    recall (``predicted``: {seed: predictions})."""
    correct = pd.DataFrame({f"recall_seed_{seed}": y_pred == labels for seed, y_pred in predicted.items()})
    per_seed = correct.groupby(np.asarray(test_sources)).mean()
    table = pd.DataFrame({
        f"{split}_clips": pd.Series(test_sources).value_counts(),
        "train_clips": pd.Series(train_sources).value_counts().reindex(per_seed.index, fill_value=0),
        "recall_mean": per_seed.mean(axis=1),
        "recall_std": per_seed.std(axis=1, ddof=1) if len(predicted) > 1 else 0.0,
    }).join(per_seed)
    return table.rename_axis("source").reset_index()


def evaluate_clip_models(model_paths, test, classes, sources, runs_json, summary_json, confusion_csv, confusion_png,
                         by_source_csv, title, split="test"):
    """Score the saved clip classifier of each seed ({seed: path}) on the (features, labels) of
    ``split``: each seed's metrics and their mean ± std (``write_runs``), the confusion rows and
    matrix of every seed's predictions pooled, and ``recall_by_source`` (``sources``: the scored
    clips' sources, the training clips' sources) to ``by_source_csv``. Returns the summary."""
    features, labels = test
    runs, predicted = {}, {}
    for seed, path in model_paths.items():
        predicted[seed] = _probabilities(path, features).argmax(axis=1)
        runs[seed] = _clip_metrics(labels, predicted[seed], classes)
    write_confusion(np.tile(labels, len(predicted)), np.concatenate(list(predicted.values())), classes,
                    confusion_csv, confusion_png, title)
    recall_by_source(labels, predicted, *sources, split=split).to_csv(by_source_csv, index=False, float_format="%.6f")
    return write_runs(runs, runs_json, summary_json)


def compare_clip_models(models, test, classes, runs_json, summary_json):
    """Score several kinds of clip classifier side by side: ``models`` maps a name (teacher,
    plain, distilled) to {seed: saved model}. Per seed a section per name, and ``gain``
    (distilled minus plain) where both are given; then mean ± std over seeds
    (``write_runs``). Returns the summary."""
    features, labels = test
    seeds = list(next(iter(models.values())))
    runs = {seed: {name: _clip_metrics(labels, _probabilities(paths[seed], features).argmax(axis=1), classes)
                   for name, paths in models.items()} for seed in seeds}
    if {"plain", "distilled"} <= set(models):
        for run in runs.values():
            run["gain"] = {key: run["distilled"][key] - run["plain"][key] for key in ("accuracy", "sns_accuracy")}
    return write_runs(runs, runs_json, summary_json)


def evaluate_transfer_models(models, test, all_classes, classes, runs_json, summary_json, confusion_prefix, title):
    """Score clip classifiers on a corpus with fewer classes than they were trained on.

    ``models`` maps a name (e.g. zero_shot, finetuned) to {seed: saved model}; ``test``
    holds labels indexed in ``all_classes``; predictions are the arg-max over ``classes``
    only. Per seed: a section per model and ``gain`` (last model minus first); then mean
    ± std over seeds (``write_runs``), and ``{confusion_prefix}_{name}.csv/.png`` per model
    with every seed's predictions pooled. Returns the summary.
    """
    features, labels = test
    class_ids = [list(all_classes).index(name) for name in classes]
    y_true = np.array([class_ids.index(label) for label in labels], dtype=int)
    names, seeds = list(models), list(next(iter(models.values())))
    runs, predicted = {seed: {} for seed in seeds}, {name: [] for name in names}
    for name in names:
        for seed in seeds:
            y_pred = two_class_predictions(_probabilities(models[name][seed], features), class_ids)
            runs[seed][name] = classification_metrics(y_true, y_pred, classes)
            predicted[name].append(y_pred)
        write_confusion(np.tile(y_true, len(seeds)), np.concatenate(predicted[name]), classes,
                        f"{confusion_prefix}_{name}.csv", f"{confusion_prefix}_{name}.png",
                        f"{title}, {name.replace('_', '-')}")
    for run in runs.values():
        run["gain"] = {key: run[names[-1]][key] - run[names[0]][key] for key in ("accuracy", "recall_macro", "f1_macro")}
    return write_runs(runs, runs_json, summary_json)
