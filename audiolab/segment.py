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

from audiolab.audio import DECODE_ERRORS, equalise_loudness, window_level_db
from audiolab.errors import AudioLoadError
from audiolab.features import mfcc, n_frames

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
    from audiolab.nets.swishnet import frame_model

    probabilities, silent = frame_probabilities(path, frame_model(model), config, block_s)
    return to_segments(label_frames(probabilities, silent, median_frames), probabilities, classes, config.step_s)


FORMATS = ("csv", "textgrid", "audacity")


def format_segments(segments, fmt):
    """Segments as text: csv (label, start, stop, probabilities; tab-separated), Praat TextGrid or Audacity labels."""
    if fmt == "csv":
        return "".join(f"{s['label']}\t{s['start']:.3f}\t{s['stop']:.3f}\t"
                       + ";".join(f"{k}={v:.4f}" for k, v in s["probabilities"].items()) + "\n" for s in segments)
    if fmt == "audacity":
        return "".join(f"{s['start']:.6f}\t{s['stop']:.6f}\t{s['label']}\n" for s in segments)
    if fmt == "textgrid":
        end = segments[-1]["stop"] if segments else 0.0
        lines = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "", "xmin = 0", f"xmax = {end}",
                 "tiers? <exists>", "size = 1", "item []:", "    item [1]:", '        class = "IntervalTier"',
                 '        name = "swishnet"', "        xmin = 0", f"        xmax = {end}",
                 f"        intervals: size = {len(segments)}"]
        for i, s in enumerate(segments, 1):
            lines += [f"        intervals [{i}]:", f"            xmin = {s['start']}", f"            xmax = {s['stop']}",
                      f'            text = "{s["label"]}"']
        return "\n".join(lines) + "\n"
    raise ValueError(f"format must be one of {', '.join(FORMATS)}")


def parse_segments(text, fmt):
    """[(label, start, stop)] back from ``format_segments`` output."""
    import re

    if fmt == "csv":
        return [(f[0], float(f[1]), float(f[2])) for f in (line.split("\t") for line in text.splitlines() if line)]
    if fmt == "audacity":
        return [(f[2], float(f[0]), float(f[1])) for f in (line.split("\t") for line in text.splitlines() if line)]
    if fmt == "textgrid":
        found = re.findall(r'xmin = ([\d.]+)\s+xmax = ([\d.]+)\s+text = "([^"]*)"', text)
        return [(label, float(start), float(stop)) for start, stop, label in found]
    raise ValueError(f"format must be one of {', '.join(FORMATS)}")


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
