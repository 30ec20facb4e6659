"""Pure metrics on labels and probabilities, and the definitions of their keys."""

import numpy as np
from sklearn.metrics import (f1_score, log_loss, precision_recall_fscore_support, recall_score,
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
