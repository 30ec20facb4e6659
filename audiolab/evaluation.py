"""Metrics, confusion tables and figures, written the same way for every task."""

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, f1_score, recall_score

# Definitions of the metric keys, quoted in the README beside the results.
DEFINITIONS = {
    "accuracy": "categorical accuracy: fraction of test items whose arg-max class is the true class",
    "f1_macro": "unweighted mean over classes of the per-class F1 score",
    "recall_<class>": "fraction of the items of <class> predicted as <class>",
    "n_test": "number of test items scored",
    "sns_accuracy": "speech/non-speech accuracy: accuracy after merging music and noise into one class",
}


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


def binary_accuracy(y_true, y_pred, positive):
    """Accuracy after merging every class but ``positive`` into one (e.g. speech / non-speech)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return float(np.mean((y_true == positive) == (y_pred == positive)))


def confusion_rows(y_true, y_pred, classes):
    """One ``actual,predicted`` row per item, for DVC's confusion template."""
    names = np.asarray(classes)
    return pd.DataFrame({"actual": names[np.asarray(y_true)], "predicted": names[np.asarray(y_pred)]})


def plot_confusion(y_true, y_pred, classes, path, title):
    """Row-normalised confusion matrix (recall on the diagonal) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matrix = confusion_matrix(y_true, y_pred, labels=np.arange(len(classes))).astype(float)
    matrix /= np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    size = 1.2 + 0.6 * len(classes)
    fig, ax = plt.subplots(figsize=(size + 1, size))
    image = ax.imshow(matrix, vmin=0, vmax=1, cmap="Blues")
    for (row, col), value in np.ndenumerate(matrix):
        ax.text(col, row, f"{value:.2f}", ha="center", va="center",
                color="white" if value > 0.6 else "black", fontsize=8)
    ax.set_xticks(range(len(classes)), classes, rotation=45, ha="right")
    ax.set_yticks(range(len(classes)), classes)
    ax.set_xlabel("predicted")
    ax.set_ylabel("actual")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, fraction=0.046)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)


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
    Path(confusion_csv).parent.mkdir(parents=True, exist_ok=True)
    confusion_rows(labels, predicted, classes).to_csv(confusion_csv, index=False)
    plot_confusion(labels, predicted, classes, confusion_png, title)
    return metrics
