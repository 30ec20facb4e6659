"""Scoring the RAVDESS models of every training seed: probability metrics, the robustness matrix."""

import numpy as np

from audiolab.core.metrics import classification_metrics, probability_metrics
from audiolab.core.reports import plot_heatmap, write_confusion, write_runs


def _load(path):
    import keras

    return keras.models.load_model(path)


def evaluate_probability_models(model_paths, inputs, labels, classes, runs_json, summary_json, confusion_csv,
                                confusion_png, title):
    """Score the saved model of each seed ({seed: path}) with ``probability_metrics``: each
    seed's metrics and their mean ± std (``write_runs``), and the confusion rows and matrix
    of every seed's predictions pooled. A one-unit (sigmoid) output is the probability of
    the second class. Returns the summary."""
    runs, predicted = {}, []
    for seed, path in model_paths.items():
        probabilities = _load(path).predict(inputs, batch_size=256, verbose=0)
        if probabilities.shape[1] == 1:
            probabilities = probabilities[:, 0]
        runs[seed] = probability_metrics(labels, probabilities, classes)
        predicted.append((probabilities > 0.5).astype(int) if probabilities.ndim == 1 else probabilities.argmax(axis=1))
    write_confusion(np.tile(labels, len(predicted)), np.concatenate(predicted), classes, confusion_csv, confusion_png,
                    title)
    return write_runs(runs, runs_json, summary_json)


def robustness_matrix(models, test_sets, classes, runs_json, summary_json, heatmap_png, title):
    """Every model on every test set, per seed: {seed: {model: {test set: {accuracy, f1_macro}}}},
    their mean ± std over seeds (``write_runs``), and the mean accuracy as a heatmap.

    ``models`` maps seeds to {name: saved model}, ``test_sets`` maps names to (inputs, labels).
    """
    runs = {}
    for seed, named in models.items():
        runs[seed] = {}
        for name, path in named.items():
            model = _load(path)
            runs[seed][name] = {}
            for set_name, (inputs, labels) in test_sets.items():
                metrics = classification_metrics(labels, model.predict(inputs, batch_size=256, verbose=0).argmax(axis=1),
                                                 classes)
                runs[seed][name][set_name] = {key: metrics[key] for key in ("accuracy", "f1_macro")}
    summary = write_runs(runs, runs_json, summary_json)
    names = list(next(iter(models.values())))
    accuracy = np.array([[summary[f"{m}.{t}.accuracy"]["mean"] for t in test_sets] for m in names])
    plot_heatmap(accuracy, names, list(test_sets), heatmap_png, title, "test set", "trained on")
    return summary
