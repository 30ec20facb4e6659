"""Segmentation evaluation: recordings made of labelled parts with silent gaps, and frame-wise scores."""

from pathlib import Path

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
    """Frame accuracy and speech/non-speech accuracy over the frames that are sound in both
    the truth and the prediction (silence frames excluded), and the share of sound frames
    the energy gate called silence. ``predicted`` and ``truth`` are label arrays."""
    predicted, truth = np.asarray(predicted, dtype=object), np.asarray(truth, dtype=object)
    sound = truth != SILENCE
    scored = sound & (predicted != SILENCE)
    return {
        "accuracy": float(np.mean(predicted[scored] == truth[scored])),
        "sns_accuracy": float(np.mean((predicted[scored] == speech) == (truth[scored] == speech))),
        "gated_fraction": float(1 - scored.sum() / max(sound.sum(), 1)),
        "n_frames": int(scored.sum()),
    }


def evaluate_mixtures(mixtures_dir, truth, frame_model, config, classes, median_frames):
    """Frame scores (``score_frames``) of the segmenter on every mixture of ``truth`` (rows
    file, label, start, stop), smoothed with ``median_frames``, plus the unsmoothed
    accuracies as ``unsmoothed_accuracy`` and ``unsmoothed_sns_accuracy``."""
    names = np.asarray(classes, dtype=object)
    predicted, truths = {"smoothed": [], "raw": []}, []
    for name, spans in truth.groupby("file", sort=True):
        probabilities, silent = frame_probabilities(Path(mixtures_dir) / name, frame_model, config)
        truths.append(frame_truth(spans[["label", "start", "stop"]].itertuples(index=False), len(probabilities),
                                  config.step_s, config.window_s))
        for kind, median in (("smoothed", median_frames), ("raw", 1)):
            labels = label_frames(probabilities, silent, median)
            predicted[kind].append(np.where(labels < 0, SILENCE, names[labels]))
    truths = np.concatenate(truths)
    metrics = score_frames(np.concatenate(predicted["smoothed"]), truths)
    raw = score_frames(np.concatenate(predicted["raw"]), truths)
    metrics.update(unsmoothed_accuracy=raw["accuracy"], unsmoothed_sns_accuracy=raw["sns_accuracy"])
    return metrics
