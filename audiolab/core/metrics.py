"""Pure metrics on labels and probabilities, the study's own definitions, and summaries over training seeds."""

import numpy as np
from sklearn.metrics import log_loss, precision_recall_fscore_support, recall_score, roc_auc_score


def classification_metrics(y_true, y_pred, classes):
    """``accuracy``, ``precision_macro``, ``recall_macro``, ``f1_macro``, ``recall_<class>`` and
    ``n_test`` of integer labels and predictions (indices into ``classes``)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = np.arange(len(classes))
    precision, recall, f1, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, average="macro",
                                                               zero_division=0)
    per_class = recall_score(y_true, y_pred, labels=labels, average=None, zero_division=0)
    metrics = {"accuracy": float(np.mean(y_true == y_pred)), "precision_macro": float(precision),
               "recall_macro": float(recall), "f1_macro": float(f1), "n_test": int(y_true.size)}
    metrics.update({f"recall_{name}": float(r) for name, r in zip(classes, per_class)})
    return metrics


def _as_columns(probabilities):
    """(items, classes) probabilities; a 1-D array is the second of two classes."""
    probabilities = np.asarray(probabilities, dtype=np.float64)
    return np.stack([1 - probabilities, probabilities], axis=1) if probabilities.ndim == 1 else probabilities


def probability_metrics(y_true, probabilities, classes):
    """``classification_metrics`` of the arg-max, plus ``loss`` and ``auc_macro``, and the study's
    own definitions under ``study_comparable`` (see ``keras_style_metrics``).

    ``probabilities`` is (items, classes), or (items,) for the second of two classes.
    """
    y_true = np.asarray(y_true)
    columns = _as_columns(probabilities)
    labels = np.arange(len(classes))
    metrics = classification_metrics(y_true, columns.argmax(axis=1), classes)
    metrics["loss"] = float(log_loss(y_true, np.clip(columns, 1e-7, 1), labels=labels))
    metrics["auc_macro"] = float(roc_auc_score(y_true, columns[:, 1]) if len(classes) == 2 else
                                 roc_auc_score(y_true, columns, labels=labels, multi_class="ovr", average="macro"))
    metrics["study_comparable"] = keras_style_metrics(y_true, probabilities, len(classes))
    return metrics


def keras_style_metrics(y_true, probabilities, n_classes):
    """The study's metrics, as Keras computes them with ``metrics=["accuracy", Precision(),
    Recall(), AUC()]`` on its outputs: over every (item, class) pair of one-hot targets for a
    softmax output, over the positive class for one sigmoid output (1-D ``probabilities``).

    ``binary_accuracy``: share of pairs whose output is on the right side of 0.5;
    ``precision``, ``recall``: micro-averaged over pairs at threshold 0.5; ``f1``: their
    harmonic mean; ``auc``: ROC AUC over pairs (Keras interpolates it over 200 thresholds).
    """
    probabilities = np.asarray(probabilities, dtype=np.float64)
    y_true = np.asarray(y_true)
    targets = y_true.astype(float) if probabilities.ndim == 1 else np.eye(n_classes)[y_true]
    predicted = probabilities > 0.5
    true_positive = float(np.sum(predicted & (targets == 1)))
    precision = true_positive / max(float(predicted.sum()), 1.0)
    recall = true_positive / max(float(targets.sum()), 1.0)
    return {
        "binary_accuracy": float(np.mean(predicted == (targets == 1))),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "auc": float(roc_auc_score(targets.ravel(), probabilities.ravel())),
    }


def binary_accuracy(y_true, y_pred, positive):
    """Accuracy after merging every class but ``positive`` into one (e.g. speech / non-speech)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return float(np.mean((y_true == positive) == (y_pred == positive)))


def two_class_predictions(probabilities, class_ids):
    """Arg-max over the columns ``class_ids`` only, as positions in ``class_ids``.

    GTZAN has only music and speech: a 3-class model's noise score is ignored rather
    than letting it take a prediction that can never be right.
    """
    return np.asarray(probabilities)[:, list(class_ids)].argmax(axis=1)


def flatten(metrics, prefix=""):
    """{"a": {"b": 1}} as {"a.b": 1}, the way `dvc metrics show` names nested keys."""
    flat = {}
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        flat.update(flatten(value, f"{name}.") if isinstance(value, dict) else {name: value})
    return flat


def summarise_runs(runs):
    """Mean and sample standard deviation over runs (e.g. training seeds) of every numeric key:
    {"accuracy": {"mean", "std"}, ...} with nested keys flattened (``zero_shot.accuracy``),
    and ``n_runs``."""
    flat = [flatten(run) for run in runs]
    summary = {"n_runs": len(runs)}
    for key in flat[0]:
        values = np.array([run[key] for run in flat], dtype=float)
        summary[key] = {"mean": float(values.mean()), "std": float(values.std(ddof=1)) if len(values) > 1 else 0.0}
    return summary
