"""Segmentation evaluation: recordings made of labelled parts with silent gaps, and frame-wise scores."""

from pathlib import Path

import h5py
import numpy as np

from audiolab.swishnet.segment import SILENCE, frame_probabilities, label_frames


def concatenate_with_gaps(parts, sample_rate, gap_s):
    """One signal of ``parts`` [(label, mono signal)] separated by ``gap_s`` of digital silence.

    Returns (signal, spans [(label, start_s, stop_s)]) with the gaps as ``silence`` spans.
    """
    gap = np.zeros(int(round(gap_s * sample_rate)), np.float32)
    pieces, spans, position = [], [], 0
    for label, signal in parts:
        for span_label, piece in ((label, signal), (SILENCE, gap)):
            pieces.append(np.asarray(piece, np.float32))
            spans.append((span_label, position / sample_rate, (position + piece.size) / sample_rate))
            position += piece.size
    return np.concatenate(pieces), spans


def frame_truth(spans, n_frames_total, step_s, window_s):
    """The span label at each frame's centre (``silence`` outside every span)."""
    centres = np.arange(n_frames_total) * step_s + window_s / 2
    truth = np.full(n_frames_total, SILENCE, dtype=object)
    for label, start, stop in spans:
        truth[(centres >= start) & (centres < stop)] = label
    return truth


def score_frames(predicted, truth, speech="speech"):
    """Frame scores over the frames that are sound in the truth (``predicted`` and ``truth``
    are label arrays): ``accuracy`` and ``sns_accuracy`` (speech / non-speech) over those the
    energy gate also calls sound (silence excluded, as the paper scores), the same over all
    of them with the gated frames counted as errors (``*_all_sound``), the share gated
    (``gated_fraction``) and the number scored (``n_frames``)."""
    predicted, truth = np.asarray(predicted, dtype=object), np.asarray(truth, dtype=object)
    sound = truth != SILENCE
    scored = sound & (predicted != SILENCE)
    right = predicted == truth
    sns_right = ((predicted == speech) == (truth == speech)) & (predicted != SILENCE)
    return {
        "accuracy": float(np.mean(right[scored])),
        "sns_accuracy": float(np.mean(sns_right[scored])),
        "accuracy_all_sound": float(np.mean(right[sound])),
        "sns_accuracy_all_sound": float(np.mean(sns_right[sound])),
        "gated_fraction": float(1 - scored.sum() / max(sound.sum(), 1)),
        "n_frames": int(scored.sum()),
    }


def write_mixture_frames(mixtures_dir, names, model_paths, config, out_path):
    """Each seed's segmenter ({seed: saved clip model}): per-frame class probabilities and the
    silence mask of each mixture, in one HDF5 file (group ``seed_<seed>/<mixture>``), so that
    scoring can change without running the network."""
    from audiolab.swishnet.model import frame_model, load_model

    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    with h5py.File(out_path, "w") as h5:
        for seed, model_path in model_paths.items():
            frames = frame_model(load_model(model_path))
            for name in sorted(names):
                probabilities, silent = frame_probabilities(Path(mixtures_dir) / name, frames, config)
                group = h5.create_group(f"seed_{seed}/{name}")
                group.create_dataset("probabilities", data=probabilities)
                group.create_dataset("silent", data=silent)


def _mixture_frames(group, spans, step_s, window_s):
    """A mixture's stored frame group, read once: its probabilities, silence mask and truth per frame."""
    probabilities, silent = group["probabilities"][:], group["silent"][:]
    truth = frame_truth(spans[["label", "start", "stop"]].itertuples(index=False), len(probabilities), step_s, window_s)
    return probabilities, silent, truth


def _predicted_labels(probabilities, silent, names, median_frames):
    """Label names per frame (``silence`` where gated) after ``median_frames`` smoothing."""
    labels = label_frames(probabilities, silent, median_frames)
    return np.where(labels < 0, SILENCE, names[labels])


def score_mixture_frames(frames_path, seed, truth, classes, median_frames, step_s, window_s):
    """Frame scores (``score_frames``) of one seed's frames from ``write_mixture_frames`` against
    ``truth`` (rows file, label, start, stop), smoothed with ``median_frames``, plus the
    unsmoothed accuracies as ``unsmoothed_accuracy`` and ``unsmoothed_sns_accuracy``."""
    names = np.asarray(classes, dtype=object)
    predicted, truths = {"smoothed": [], "raw": []}, []
    with h5py.File(frames_path, "r") as h5:
        for name, spans in truth.groupby("file", sort=True):
            probabilities, silent, frame_labels = _mixture_frames(h5[f"seed_{seed}/{name}"], spans, step_s, window_s)
            for kind, median in (("smoothed", median_frames), ("raw", 1)):
                predicted[kind].append(_predicted_labels(probabilities, silent, names, median))
            truths.append(frame_labels)
    truths = np.concatenate(truths)
    metrics = score_frames(np.concatenate(predicted["smoothed"]), truths)
    raw = score_frames(np.concatenate(predicted["raw"]), truths)
    metrics.update(unsmoothed_accuracy=raw["accuracy"], unsmoothed_sns_accuracy=raw["sns_accuracy"])
    return metrics


def plot_mixture(frames_path, seed, truth, classes, median_frames, step_s, window_s, path, title):
    """The first mixture of ``truth`` as segmented by one seed: each class's frame probability
    over time, and the true and the predicted label bands beneath, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    name, spans = next(iter(truth.groupby("file", sort=True)))
    with h5py.File(frames_path, "r") as h5:
        probabilities, silent, truth_labels = _mixture_frames(h5[f"seed_{seed}/{name}"], spans, step_s, window_s)
    predicted = _predicted_labels(probabilities, silent, np.asarray(classes, dtype=object), median_frames)
    times = np.arange(len(probabilities)) * step_s + window_s / 2
    colours = dict(zip([*classes, SILENCE], ["tab:blue", "tab:orange", "tab:green", "lightgrey"]))
    fig, (top, bands) = plt.subplots(2, 1, figsize=(8, 3.6), sharex=True, height_ratios=[3, 1])
    for index, label in enumerate(classes):
        top.plot(times, probabilities[:, index], color=colours[label], linewidth=0.8, label=label)
    top.set_ylabel("frame probability")
    top.set_ylim(-0.02, 1.3)  # room for the legend above the tracks
    top.legend(loc="upper right", fontsize=7, ncols=len(classes))
    top.set_title(title, fontsize=10)
    for row, labels in enumerate((truth_labels, predicted)):
        for label, colour in colours.items():
            bands.fill_between(times, row, row + 0.8, where=labels == label, color=colour, step="mid", linewidth=0)
    bands.set_yticks([0.4, 1.4], ["truth", f"predicted\n(median {median_frames})"], fontsize=7)
    bands.set_xlabel("time (s)")
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
