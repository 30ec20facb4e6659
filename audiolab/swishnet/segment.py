"""Frame-wise speech / music / noise / silence segmentation of long recordings with SwishNet.

The file is decoded, resampled and processed a block at a time, so memory is bounded
by the block length whatever the file's duration; only the per-frame probabilities
(12 bytes per 10 ms frame) are kept for the whole file. Each block is preceded by
enough context for the causal network and the loudness windows, and frames are only
emitted once the loudness window after them is known, so block edges change nothing.
"""

from pathlib import Path

import numpy as np
import soundfile as sf

from audiolab.core.audio import DECODE_ERRORS
from audiolab.core.errors import AudioLoadError
from audiolab.core.levels import equalise_loudness, window_level_db
from audiolab.swishnet.mfcc import mfcc, n_frames

SILENCE = "silence"
CONTEXT_FRAMES = 64  # more than SwishNet's receptive field (about 35 frames)


def _resampled_blocks(path, sample_rate, block_s):
    """Mono float32 blocks at ``sample_rate`` from any file libsndfile reads, streamed."""
    import soxr

    try:
        source = sf.SoundFile(str(path))
    except DECODE_ERRORS as error:
        raise AudioLoadError(path, f"not readable as audio ({error})") from None
    with source:
        stream = soxr.ResampleStream(source.samplerate, sample_rate, 1, dtype="float32")
        frames_per_block = max(int(block_s * source.samplerate), 1)
        while True:
            data = source.read(frames_per_block, dtype="float32", always_2d=True)
            last = len(data) < frames_per_block
            yield stream.resample_chunk(data.mean(axis=1), last=last)
            if last:
                return


def frame_probabilities(path, frame_model, config, block_s=60.0):
    """(per-frame class probabilities (frames, classes), per-frame silence mask) of a file.

    Frame ``i`` starts at ``i * config.step_s`` seconds. A frame is silent when the
    ``config.silence_window_s`` window holding its centre is below
    ``config.silence_threshold_db`` (the energy gate of training).
    """
    sr = config.sample_rate
    hop = int(round(config.step_s * sr))
    frame = int(round(config.window_s * sr))
    window = int(round(config.loudness_window_s * sr))
    lookahead = 2 * window + frame
    probabilities, silent = [], []
    state = {"buffer": np.zeros(0, np.float32), "start": 0, "next": 0, "total": 0}

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
        levels, _ = window_level_db(part, sr, config.silence_window_s)
        windows = (np.arange(next_frame, last) * hop + frame // 2 - start) // window
        silent.append(levels[np.minimum(windows, levels.size - 1)] < config.silence_threshold_db)
        keep_from = max(0, (last - CONTEXT_FRAMES) * hop) // window * window
        state.update(buffer=buffer[keep_from - buffer_start:], start=keep_from, next=last)

    for block in _resampled_blocks(path, sr, block_s):
        state["buffer"] = np.concatenate([state["buffer"], block])
        state["total"] += block.size
        emit(final=False)
    if state["total"] == 0:
        raise AudioLoadError(path, "no audio samples")
    emit(final=True)
    return np.concatenate(probabilities), np.concatenate(silent)


def label_frames(probabilities, silent, median_frames):
    """Per-frame class index after a median filter of ``median_frames`` over each class's
    probability track; silent frames get -1."""
    from scipy.ndimage import median_filter

    smoothed = median_filter(probabilities, size=(max(int(median_frames), 1), 1), mode="nearest")
    labels = smoothed.argmax(axis=1)
    labels[silent] = -1
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


def segment_file(path, model, config, classes, median_frames=200, block_s=60.0):
    """Segments of a file (see ``to_segments``) from a clip SwishNet's per-frame outputs."""
    from audiolab.swishnet.model import frame_model

    probabilities, silent = frame_probabilities(path, frame_model(model), config, block_s)
    return to_segments(label_frames(probabilities, silent, median_frames), probabilities, classes, config.step_s)
