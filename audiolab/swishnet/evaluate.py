"""Scoring saved SwishNet clip classifiers, one per training seed: MUSAN test clips and the two-class GTZAN transfer."""

import numpy as np

from audiolab.core.metrics import binary_accuracy, classification_metrics, two_class_predictions
from audiolab.core.reports import write_confusion, write_runs


def _probabilities(model_path, features):
    import keras

    return keras.models.load_model(model_path).predict(features, batch_size=1024, verbose=0)


def _clip_metrics(labels, y_pred, classes):
    """Classification metrics and speech / non-speech accuracy of clip predictions."""
    return {**classification_metrics(labels, y_pred, classes),
            "sns_accuracy": binary_accuracy(labels, y_pred, positive=list(classes).index("speech"))}


def evaluate_clip_models(model_paths, test, classes, runs_json, summary_json, confusion_csv, confusion_png, title):
    """Score the saved clip classifier of each seed ({seed: path}) on (features, labels): each
    seed's metrics and their mean ± std (``write_runs``), and the confusion rows and matrix of
    every seed's predictions pooled. Returns the summary."""
    features, labels = test
    runs, predicted = {}, []
    for seed, path in model_paths.items():
        y_pred = _probabilities(path, features).argmax(axis=1)
        runs[seed] = _clip_metrics(labels, y_pred, classes)
        predicted.append(y_pred)
    write_confusion(np.tile(labels, len(predicted)), np.concatenate(predicted), classes, confusion_csv, confusion_png,
                    title)
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
