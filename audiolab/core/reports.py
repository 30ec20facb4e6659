"""Reports written the same way for every task: JSON, confusion rows, figures, split counts."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix

from audiolab.core.metrics import summarise_runs


def write_json(path, data):
    """Write ``data`` as indented JSON with sorted keys, creating parent folders."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def write_runs(runs, runs_json, summary_json):
    """Each training seed's metrics ({seed: metrics}) to ``runs_json`` and their mean and sample
    standard deviation (``summarise_runs``) to ``summary_json``. Returns the summary."""
    write_json(runs_json, {f"seed_{seed}": metrics for seed, metrics in runs.items()})
    summary = summarise_runs(list(runs.values()))
    write_json(summary_json, summary)
    return summary


def split_summary(manifest, n_skipped):
    """Flat counts of files and hours per split and label, and of skipped files."""
    summary = {"files_skipped": int(n_skipped), "files": int(len(manifest))}
    for (split, label), part in manifest.groupby(["split", "label"]):
        summary[f"files_{split}_{label}"] = int(len(part))
        summary[f"hours_{split}_{label}"] = round(float(part["duration_s"].sum()) / 3600, 4)
    return summary


def confusion_rows(y_true, y_pred, classes):
    """One ``actual,predicted`` row per item, for DVC's confusion template."""
    names = np.asarray(classes)
    return pd.DataFrame({"actual": names[np.asarray(y_true)], "predicted": names[np.asarray(y_pred)]})


def read_logged(folder, run, metric):
    """One run's ``metric`` (``train/loss``, ``eval/accuracy``, ...) from a DVCLive folder
    (``core.training.training_log``), indexed by epoch."""
    table = pd.read_csv(Path(folder) / "plots" / "metrics" / run / f"{metric}.tsv", sep="\t")
    return table.set_index("step")[Path(metric).name]


def plot_panels(panels, path, title):
    """Line charts side by side as a PNG: ``panels`` is [(panel title, y label, {line label:
    Series indexed by epoch})]."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.4), squeeze=False)
    for ax, (panel_title, ylabel, lines) in zip(axes[0], panels):
        for label, series in lines.items():
            ax.plot(series.index + 1, series.values, linewidth=1, label=label)
        ax.set_title(panel_title, fontsize=9)
        ax.set_xlabel("epoch")
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=6)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_heatmap(matrix, row_labels, col_labels, path, title, xlabel, ylabel):
    """A matrix of values in [0, 1] as an annotated heatmap PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(4.6, 2.2 + 0.6 * len(col_labels)), 1.6 + 0.6 * len(row_labels)))
    image = ax.imshow(matrix, vmin=0, vmax=1, cmap="Blues")
    for (row, col), value in np.ndenumerate(matrix):
        ax.text(col, row, f"{value:.2f}", ha="center", va="center",
                color="white" if value > 0.6 else "black", fontsize=8)
    ax.set_xticks(range(len(col_labels)), col_labels, rotation=45, ha="right")
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    fig.colorbar(image, ax=ax, fraction=0.046)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def normalised_confusion(y_true, y_pred, classes):
    """The row-normalised confusion matrix (rows actual, recall on the diagonal) and its class
    names, in alphabetical order: the order `dvc plots` draws the confusion rows in."""
    order = np.argsort(classes)
    matrix = confusion_matrix(y_true, y_pred, labels=order).astype(float)
    return matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1), [classes[i] for i in order]


def plot_confusion(y_true, y_pred, classes, path, title):
    """``normalised_confusion`` as a PNG."""
    matrix, names = normalised_confusion(y_true, y_pred, classes)
    plot_heatmap(matrix, names, names, path, title, "predicted", "actual")


def write_confusion(y_true, y_pred, classes, confusion_csv, confusion_png, title):
    """The confusion rows as CSV (for `dvc plots`) and the normalised matrix as PNG."""
    Path(confusion_csv).parent.mkdir(parents=True, exist_ok=True)
    confusion_rows(y_true, y_pred, classes).to_csv(confusion_csv, index=False)
    plot_confusion(y_true, y_pred, classes, confusion_png, title)
