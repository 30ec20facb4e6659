"""Scoring the RAVDESS models: probability metrics per model, and every emotion model on every noise condition."""

import numpy as np

from audiolab.core.metrics import PROBABILITY_DEFINITIONS, classification_metrics, probability_metrics
from audiolab.core.reports import plot_heatmap, write_confusion, write_json


def evaluate_probability_model(model, inputs, labels, classes, metrics_json, confusion_csv, confusion_png, title):
    """Score a Keras model with ``probability_metrics``; write the metrics (with their
    definitions), the confusion rows and the normalised confusion PNG. Returns the metrics."""
    probabilities = model.predict(inputs, batch_size=256, verbose=0)
    if probabilities.shape[1] == 1:
        probabilities = probabilities[:, 0]
    metrics = probability_metrics(labels, probabilities, classes)
    write_json(metrics_json, {**metrics, "definitions": PROBABILITY_DEFINITIONS})
    predicted = (probabilities > 0.5).astype(int) if probabilities.ndim == 1 else probabilities.argmax(axis=1)
    write_confusion(labels, predicted, classes, confusion_csv, confusion_png, title)
    return metrics


def robustness_matrix(models, test_sets, classes, metrics_json, heatmap_png, title):
    """Every model on every test set: {model: {test set: {accuracy, f1}}} as JSON, accuracy as a heatmap.

    ``models`` maps names to Keras models, ``test_sets`` maps names to (inputs, labels).
    """
    scores = {}
    for model_name, model in models.items():
        scores[model_name] = {}
        for set_name, (inputs, labels) in test_sets.items():
            predicted = model.predict(inputs, batch_size=256, verbose=0).argmax(axis=1)
            metrics = classification_metrics(labels, predicted, classes)
            scores[model_name][set_name] = {"accuracy": metrics["accuracy"], "f1": metrics["f1_macro"]}
    write_json(metrics_json, scores)
    accuracy = np.array([[scores[m][t]["accuracy"] for t in test_sets] for m in models])
    plot_heatmap(accuracy, list(models), list(test_sets), heatmap_png, title, "test set", "trained on")
    return scores
