"""Scoring a segmenter on a labelled real recording, such as the held-out programme that
bench/heldout.py builds: its spans, the frames that are sound, and frame scores over them."""

import csv

import numpy as np

from audiolab.core.levels import window_level_db
from audiolab.swishnet.segment import SILENCE
from audiolab.swishnet.segment_eval import frame_truth


def read_spans(path):
    """[(label, start_s, stop_s)] of a TSV with ``label``, ``start_s`` and ``stop_s`` columns."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [(row["label"], float(row["start_s"]), float(row["stop_s"]))
                for row in csv.DictReader(handle, delimiter="\t")]


def sound_frames(samples, sample_rate, spans, step_s, threshold_db):
    """(the span label of each ``step_s`` frame, mask of the frames that are sound): frames
    inside a labelled span whose own level is at least ``threshold_db``, so that the pauses
    inside a spoken prompt are not scored as speech."""
    levels, _ = window_level_db(samples, sample_rate, step_s)
    truth = frame_truth(spans, levels.size, step_s, step_s)
    return truth, (truth != SILENCE) & (levels >= threshold_db)


def segment_frames(segments, n_frames_total, step_s):
    """The label of each ``step_s`` frame from segments [{"label", "start", "stop", ...}]."""
    return frame_truth([(s["label"], s["start"], s["stop"]) for s in segments], n_frames_total, step_s, step_s)


def programme_scores(predicted, truth, sound, classes, speech="speech"):
    """Frame scores over the sound frames: ``sns_accuracy`` (speech / non-speech; a frame the
    segmenter calls silence counts as non-speech, as a voice detector's would), 3-class
    ``accuracy``, ``recall_<class>`` of each class present, ``speech_share`` and ``n_frames``."""
    predicted = np.asarray(predicted, dtype=object)[sound]
    truth = np.asarray(truth, dtype=object)[sound]
    scores = {"sns_accuracy": float(np.mean((predicted == speech) == (truth == speech))),
              "accuracy": float(np.mean(predicted == truth)),
              "speech_share": float(np.mean(truth == speech)), "n_frames": int(truth.size)}
    for name in classes:
        if np.any(truth == name):
            scores[f"recall_{name}"] = float(np.mean(predicted[truth == name] == name))
    return scores
