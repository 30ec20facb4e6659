"""Metrics, confusion tables and figures, written the same way for every task."""

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import (confusion_matrix, f1_score, log_loss, precision_recall_fscore_support, recall_score,
                             roc_auc_score)

# Definitions of the metric keys, quoted in the README beside the results.
DEFINITIONS = {
    "accuracy": "categorical accuracy: fraction of test items whose arg-max class is the true class",
    "f1_macro": "unweighted mean over classes of the per-class F1 score",
    "recall_<class>": "fraction of the items of <class> predicted as <class>",
    "n_test": "number of test items scored",
    "sns_accuracy": "speech/non-speech accuracy: accuracy after merging music and noise into one class",
    "<class>_recall": "(GTZAN) fraction of the items of <class> predicted as <class>, the prediction "
                      "being the arg-max over the music and speech probabilities only",
    "average_recall": "(GTZAN) unweighted mean of music_recall and speech_recall",
    "f1": "(GTZAN) unweighted mean of the music and speech F1 scores",
}


# Definitions written into the RAVDESS metrics files, under `definitions`.
PROBABILITY_DEFINITIONS = {
    "loss": "mean cross-entropy of the predicted class probabilities (natural log)",
    "accuracy": "categorical accuracy: fraction of test items whose arg-max class is the true class "
                "(not Keras' per-label binary accuracy, which scores 0.875 for an all-zero 8-class guess)",
    "auc": "area under the ROC curve; multi-class: unweighted mean of the one-vs-rest AUCs",
    "precision": "multi-class: unweighted mean of per-class precision; two classes: precision of the second class",
    "recall": "multi-class: unweighted mean of per-class recall; two classes: recall of the second class",
    "f1": "multi-class: unweighted mean of per-class F1; two classes: F1 of the second class",
    "recall_<class>": "fraction of the items of <class> predicted as <class>",
    "n_test": "number of test items scored",
}


def probability_metrics(y_true, probabilities, classes):
    """Loss, accuracy, AUC, precision, recall, F1, per-class recall and count from class probabilities.

    ``probabilities`` is (items, classes), or (items,) for the second of two classes.
    With two classes precision, recall and F1 are those of the second class (e.g. male
    in female/male); with more they are macro averages.
    """
    y_true = np.asarray(y_true)
    probabilities = np.asarray(probabilities, dtype=np.float64)
    if probabilities.ndim == 1:
        probabilities = np.stack([1 - probabilities, probabilities], axis=1)
    labels = np.arange(len(classes))
    y_pred = probabilities.argmax(axis=1)
    binary = len(classes) == 2
    precision, recall, f1, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=None if binary else labels, average="binary" if binary else "macro",
        pos_label=1, zero_division=0)
    per_class = recall_score(y_true, y_pred, labels=labels, average=None, zero_division=0)
    metrics = {
        "loss": float(log_loss(y_true, np.clip(probabilities, 1e-7, 1), labels=labels)),
        "accuracy": float(np.mean(y_true == y_pred)),
        "auc": float(roc_auc_score(y_true, probabilities[:, 1]) if binary else
                     roc_auc_score(y_true, probabilities, labels=labels, multi_class="ovr", average="macro")),
        "precision": float(precision),
        "recall": float(recall),
        "f1": float(f1),
        "n_test": int(y_true.size),
    }
    metrics.update({f"recall_{name}": float(r) for name, r in zip(classes, per_class)})
    return metrics


def classification_metrics(y_true, y_pred, classes):
    """Accuracy, macro F1, per-class recall and the item count, as a flat dict."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = np.arange(len(classes))
    recalls = recall_score(y_true, y_pred, labels=labels, average=None, zero_division=0)
    metrics = {
        "accuracy": float(np.mean(y_true == y_pred)) if y_true.size else float("nan"),
        "f1_macro": float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)),
        "n_test": int(y_true.size),
    }
    metrics.update({f"recall_{name}": float(r) for name, r in zip(classes, recalls)})
    return metrics


def two_class_predictions(probabilities, class_ids):
    """Arg-max over the columns ``class_ids`` only, as positions in ``class_ids``.

    GTZAN has only music and speech: a 3-class model's noise score is ignored rather
    than letting it take a prediction that can never be right.
    """
    return np.asarray(probabilities)[:, list(class_ids)].argmax(axis=1)


def transfer_metrics(y_true, y_pred, classes):
    """``accuracy``, ``<class>_recall``, ``average_recall``, ``f1`` (macro) and ``n_test``."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = np.arange(len(classes))
    recalls = recall_score(y_true, y_pred, labels=labels, average=None, zero_division=0)
    metrics = {f"{name}_recall": float(r) for name, r in zip(classes, recalls)}
    metrics.update(
        accuracy=float(np.mean(y_true == y_pred)),
        average_recall=float(np.mean(recalls)),
        f1=float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)),
        n_test=int(y_true.size),
    )
    return metrics


def binary_accuracy(y_true, y_pred, positive):
    """Accuracy after merging every class but ``positive`` into one (e.g. speech / non-speech)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return float(np.mean((y_true == positive) == (y_pred == positive)))


def confusion_rows(y_true, y_pred, classes):
    """One ``actual,predicted`` row per item, for DVC's confusion template."""
    names = np.asarray(classes)
    return pd.DataFrame({"actual": names[np.asarray(y_true)], "predicted": names[np.asarray(y_pred)]})


def plot_heatmap(matrix, row_labels, col_labels, path, title, xlabel, ylabel):
    """A matrix of values in [0, 1] as an annotated heatmap PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2.2 + 0.6 * len(col_labels), 1.2 + 0.6 * len(row_labels)))
    image = ax.imshow(matrix, vmin=0, vmax=1, cmap="Blues")
    for (row, col), value in np.ndenumerate(matrix):
        ax.text(col, row, f"{value:.2f}", ha="center", va="center",
                color="white" if value > 0.6 else "black", fontsize=8)
    ax.set_xticks(range(len(col_labels)), col_labels, rotation=45, ha="right")
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    fig.colorbar(image, ax=ax, fraction=0.046)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_confusion(y_true, y_pred, classes, path, title):
    """Row-normalised confusion matrix (recall on the diagonal) as a PNG."""
    matrix = confusion_matrix(y_true, y_pred, labels=np.arange(len(classes))).astype(float)
    matrix /= np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    plot_heatmap(matrix, classes, classes, path, title, "predicted", "actual")


def write_confusion(y_true, y_pred, classes, confusion_csv, confusion_png, title):
    """The confusion rows as CSV (for `dvc plots`) and the normalised matrix as PNG."""
    Path(confusion_csv).parent.mkdir(parents=True, exist_ok=True)
    confusion_rows(y_true, y_pred, classes).to_csv(confusion_csv, index=False)
    plot_confusion(y_true, y_pred, classes, confusion_png, title)


def evaluate_clip_classifier(model_path, test, classes, metrics_json, confusion_csv, confusion_png, title):
    """Score a saved clip classifier on (features, labels): metrics JSON, confusion CSV and PNG."""
    import keras

    from audiolab.stage import write_json

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

    from audiolab.stage import write_json

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


def evaluate_probability_model(model, inputs, labels, classes, metrics_json, confusion_csv, confusion_png, title):
    """Score a Keras model with ``probability_metrics``; write the metrics (with their
    definitions), the confusion rows and the normalised confusion PNG. Returns the metrics."""
    from audiolab.stage import write_json

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
    from audiolab.stage import write_json

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
