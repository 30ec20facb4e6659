"""Scoring saved SwishNet clip classifiers: MUSAN test clips and the two-class GTZAN transfer."""

import numpy as np

from audiolab.core.metrics import binary_accuracy, classification_metrics, transfer_metrics, two_class_predictions
from audiolab.core.reports import write_confusion, write_json


def evaluate_clip_classifier(model_path, test, classes, metrics_json, confusion_csv, confusion_png, title):
    """Score a saved clip classifier on (features, labels): metrics JSON, confusion CSV and PNG."""
    import keras

    features, labels = test
    model = keras.models.load_model(model_path)
    predicted = model.predict(features, batch_size=1024, verbose=0).argmax(axis=1)
    metrics = classification_metrics(labels, predicted, classes)
    metrics["sns_accuracy"] = binary_accuracy(labels, predicted, positive=list(classes).index("speech"))
    write_json(metrics_json, metrics)
    write_confusion(labels, predicted, classes, confusion_csv, confusion_png, title)
    return metrics


def evaluate_transfer(models, test, all_classes, classes, metrics_json, confusion_prefix, title):
    """Score clip classifiers on a corpus with fewer classes than they were trained on.

    ``models`` maps a name (e.g. zero_shot, finetuned) to a saved model; ``test`` holds
    labels indexed in ``all_classes``; predictions are restricted to ``classes``. Writes
    one metrics JSON with a section per model and a ``gain`` section (last model minus
    first), and ``{confusion_prefix}_{name}.csv/.png`` per model.
    """
    import keras

    features, labels = test
    class_ids = [list(all_classes).index(name) for name in classes]
    y_true = np.array([class_ids.index(label) for label in labels], dtype=int)
    metrics = {}
    for name, model_path in models.items():
        probabilities = keras.models.load_model(model_path).predict(features, batch_size=1024, verbose=0)
        y_pred = two_class_predictions(probabilities, class_ids)
        metrics[name] = transfer_metrics(y_true, y_pred, classes)
        write_confusion(y_true, y_pred, classes, f"{confusion_prefix}_{name}.csv", f"{confusion_prefix}_{name}.png",
                        f"{title}, {name.replace('_', '-')}")
    first, last = metrics[next(iter(models))], metrics[list(models)[-1]]
    metrics["gain"] = {key: last[key] - first[key] for key in ("accuracy", "average_recall", "f1")}
    write_json(metrics_json, metrics)
    return metrics
