"""Frame-wise speech / music / noise / silence segmentation of long recordings with SwishNet.

The segmenter sees what the classifier was trained on: the file's silent 250 ms windows
are removed first (the energy gate of training), and loudness equalisation, MFCC and
the network run on what remains, the voiced stream. Each voiced frame is then put back
at its place in the file; frames of silent windows are silence.

The file is decoded, resampled, gated and processed a block at a time, so memory is
bounded by the block length whatever the file's duration; only the per-frame
probabilities (12 bytes per 10 ms frame) are kept for the whole file. Each block is
preceded by enough context for the causal network and the loudness windows, and frames
are only emitted once the loudness window after them is known, so block edges change
nothing.
"""

import numpy as np
import pandas as pd

from audiolab.core.audio import audio_blocks
from audiolab.core.levels import equalise_loudness, window_level_db
from audiolab.swishnet.mfcc import mfcc, n_frames

SILENCE = "silence"
# More than SwishNet's receptive field: 34 frames, plus up to 198 for a running mean over a 2 s clip.
CONTEXT_FRAMES = 256


def _keep_voiced(samples, sample_rate, window_s, threshold_db, windows):
    """The samples of the windows at or above ``threshold_db``; appends (each window's verdict,
    the number of samples) to ``windows``."""
    levels, window = window_level_db(samples, sample_rate, window_s)
    voiced = levels >= threshold_db
    windows.append((voiced, samples.size))
    return samples[np.repeat(voiced, window)[:samples.size]]


def voiced_blocks(blocks, sample_rate, window_s, threshold_db, windows):
    """The voiced part of a stream of blocks: its non-overlapping ``window_s`` windows, counted
    from the stream's start, without those below ``threshold_db``, exactly as
    ``remove_silence`` keeps them from the whole signal."""
    window = max(int(round(window_s * sample_rate)), 1)
    carry = np.zeros(0, np.float32)
    for block in blocks:
        carry = np.concatenate([carry, block])
        whole = carry.size // window * window
        if whole:
            yield _keep_voiced(carry[:whole], sample_rate, window_s, threshold_db, windows)
            carry = carry[whole:]
    if carry.size:
        yield _keep_voiced(carry, sample_rate, window_s, threshold_db, windows)


def frame_probabilities(path, frame_model, config, block_s=60.0):
    """(per-frame class probabilities (frames, classes), per-frame silence mask) of a file.

    Frame ``i`` starts at ``i * config.step_s`` seconds. A frame is silent when the
    ``config.silence_window_s`` window holding its centre is below
    ``config.silence_threshold_db``; silent frames have probabilities 0. The others carry
    the network's output for that frame of the voiced stream (see the module doc).
    """
    sr = config.sample_rate
    hop = int(round(config.step_s * sr))
    frame = int(round(config.window_s * sr))
    window = int(round(config.loudness_window_s * sr))
    lookahead = 2 * window + frame
    probabilities, windows = [], []
    state = {"buffer": np.zeros(0, np.float32), "start": 0, "next": 0}

    def emit(final):
        buffer, buffer_start, next_frame = state["buffer"], state["start"], state["next"]
        end = buffer_start + buffer.size
        last = n_frames(end, sr, config.window_s, config.step_s) if final else max(0, (end - lookahead - frame) // hop + 1)
        if last <= next_frame:
            return
        start = max(0, (next_frame - CONTEXT_FRAMES) * hop) // window * window
        part = buffer[start - buffer_start:]
        features = mfcc(equalise_loudness(part, sr, config.loudness_window_s, config.loudness_target_dbfs),
                        **config.mfcc_args)
        first = (next_frame * hop - start) // hop
        probabilities.append(frame_model.predict(features[None], verbose=0)[0][first:first + last - next_frame])
        keep_from = max(0, (last - CONTEXT_FRAMES) * hop) // window * window
        state.update(buffer=buffer[keep_from - buffer_start:], start=keep_from, next=last)

    blocks = audio_blocks(path, sr, block_s)
    for voiced in voiced_blocks(blocks, sr, config.silence_window_s, config.silence_threshold_db, windows):
        state["buffer"] = np.concatenate([state["buffer"], voiced])
        emit(final=False)
    total = sum(size for _, size in windows)
    if state["start"] + state["buffer"].size:
        emit(final=True)
    return _place_in_file(probabilities, windows, total, frame_model, config)


def _place_in_file(voiced_probabilities, windows, total_samples, frame_model, config):
    """The voiced stream's frame probabilities put back on the file's frames, and the silence mask."""
    sr = config.sample_rate
    hop, frame = int(round(config.step_s * sr)), int(round(config.window_s * sr))
    gate = max(int(round(config.silence_window_s * sr)), 1)
    voiced = np.concatenate([flags for flags, _ in windows])
    n_total = n_frames(total_samples, sr, config.window_s, config.step_s)
    starts = np.arange(n_total) * hop
    holding = np.minimum((starts + frame // 2) // gate, voiced.size - 1)
    silent = ~voiced[holding]
    removed_before = np.cumsum(~voiced) - ~voiced
    if voiced_probabilities:
        voiced_frames = np.concatenate(voiced_probabilities)
    else:
        voiced_frames = np.zeros((1, frame_model.output_shape[-1]), np.float32)
    in_voiced = np.clip((starts - removed_before[holding] * gate) // hop, 0, len(voiced_frames) - 1)
    probabilities = np.where(silent[:, None], np.float32(0), voiced_frames[in_voiced])
    return probabilities.astype(np.float32), silent


def running_median(values, size, runs=None):
    """Median of each column over ``size`` frames centred on each frame; near either end the
    window holds only the frames that exist (no frame is repeated or mirrored). An even window
    takes the mean of its two middle values, as ``np.median`` does. ``runs``: a run number per
    frame, equal numbers contiguous; no window reaches across two runs."""
    size = max(int(size), 1)
    if size == 1 or len(values) == 0:
        return values
    columns = pd.DataFrame(np.asarray(values, np.float64).reshape(len(values), -1))
    windows = (columns if runs is None else columns.groupby(np.asarray(runs), sort=False)).rolling(
        size, center=True, min_periods=1)
    return windows.median().to_numpy().reshape(np.shape(values))


def label_frames(probabilities, silent, median_frames, threshold=None, speech_index=None):
    """Per-frame class index after a ``median_frames`` running median of each class's
    probability, taken within each run of sound frames between pauses (a silent frame never
    enters it, and a window never reaches across a pause); silent frames get -1. A frame is
    its most probable class; with a ``threshold``, it is class ``speech_index`` where that
    class's smoothed probability is at least ``threshold``, else the most probable other class."""
    labels = np.full(len(probabilities), -1)
    sound = ~np.asarray(silent, bool)
    run_starts = np.diff(np.concatenate([[False], sound]).astype(np.int8)) == 1
    smoothed = running_median(probabilities[sound], median_frames, runs=np.cumsum(run_starts)[sound])
    if threshold is not None and len(smoothed):
        others = np.where(np.arange(smoothed.shape[1]) == speech_index, -np.inf, smoothed)
        labels[sound] = np.where(smoothed[:, speech_index] >= threshold, speech_index, np.argmax(others, axis=1))
    else:
        labels[sound] = np.argmax(smoothed, axis=1) if len(smoothed) else []
    return labels


def to_segments(labels, probabilities, classes, step_s):
    """Runs of equal labels as [{"label", "start", "stop", "probabilities": {class: mean p}}], times in s."""
    changes = np.flatnonzero(np.diff(labels)) + 1
    bounds = np.concatenate([[0], changes, [labels.size]])
    segments = []
    for start, stop in zip(bounds[:-1], bounds[1:]):
        label = SILENCE if labels[start] < 0 else classes[labels[start]]
        mean = probabilities[start:stop].mean(axis=0)
        segments.append({"label": label, "start": round(start * step_s, 3), "stop": round(stop * step_s, 3),
                         "probabilities": {name: round(float(p), 4) for name, p in zip(classes, mean)}})
    return segments


def segment_file(path, frame_model, config, classes, median_frames=200, block_s=60.0):
    """Segments of a file (see ``to_segments``) from a frame model's per-frame outputs: Keras'
    ``model.frame_model`` of a trained SwishNet, or its export run by LiteRT."""
    probabilities, silent = frame_probabilities(path, frame_model, config, block_s)
    return to_segments(label_frames(probabilities, silent, median_frames), probabilities, classes, config.step_s)
