"""MFCC frames equal to python_speech_features, and MFCC clips cut from them."""

import functools
import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy.fft import dct


def _samples(seconds, sample_rate):
    """Seconds to samples, rounding halves up as python_speech_features does."""
    return int(math.floor(seconds * sample_rate + 0.5))


def n_frames(n_samples, sample_rate, window_s=0.025, step_s=0.01):
    """Frames python_speech_features makes of ``n_samples``: the last one is zero-padded."""
    frame, step = _samples(window_s, sample_rate), _samples(step_s, sample_rate)
    return 1 if n_samples <= frame else 1 + math.ceil((n_samples - frame) / step)


@functools.lru_cache(maxsize=8)
def _mel_filterbank(n_mels, n_fft, sample_rate):
    from python_speech_features import get_filterbanks

    return get_filterbanks(n_mels, n_fft, sample_rate).T.copy()


@functools.lru_cache(maxsize=8)
def _lifter(n_mfcc, lifter):
    n = np.arange(n_mfcc)
    return 1 + (lifter / 2.0) * np.sin(np.pi * n / lifter) if lifter > 0 else np.ones(n_mfcc)


def _emphasise(signal, preemphasis, length):
    """Pre-emphasised signal (first sample kept), zero-padded to ``length`` samples."""
    out = np.zeros(max(length, signal.size))
    if signal.size:
        out[0] = signal[0]
        out[1:signal.size] = signal[1:] - preemphasis * signal[:-1]
    return out


def _cepstra(frames, sample_rate, n_mfcc, n_mels, n_fft, lifter):
    """MFCC of rows of emphasised samples: power spectrum, mel, log, DCT, lifter, c0 = log energy."""
    eps = np.finfo(float).eps
    power = np.square(np.abs(np.fft.rfft(frames, n_fft))) / n_fft
    energy = power.sum(axis=1)
    mel = power @ _mel_filterbank(n_mels, n_fft, sample_rate)
    cepstra = dct(np.log(np.where(mel == 0, eps, mel)), type=2, axis=1, norm="ortho")[:, :n_mfcc]
    cepstra *= _lifter(n_mfcc, lifter)
    cepstra[:, 0] = np.log(np.where(energy == 0, eps, energy))
    return cepstra


def mfcc(signal, sample_rate=16000, window_s=0.025, step_s=0.01, n_mfcc=20, n_mels=32,
         n_fft=512, preemphasis=0.97, lifter=22, block_frames=4096):
    """MFCC frames equal to ``python_speech_features.mfcc`` with the same arguments.

    Pre-emphasis, rectangular frames zero-padded at the end, power spectrum / n_fft,
    mel filterbank, log, orthonormal DCT-II, lifter, and c0 replaced by the log frame
    energy. Frames are processed ``block_frames`` at a time so memory stays bounded for
    any signal length. Returns (frames, n_mfcc) float32.
    """
    signal = np.asarray(signal, dtype=np.float64)
    frame, step = _samples(window_s, sample_rate), _samples(step_s, sample_rate)
    total = n_frames(signal.size, sample_rate, window_s, step_s)
    frames = sliding_window_view(_emphasise(signal, preemphasis, (total - 1) * step + frame), frame)[::step]
    out = np.empty((total, n_mfcc), dtype=np.float32)
    for start in range(0, total, block_frames):
        out[start:start + block_frames] = _cepstra(
            frames[start:start + block_frames], sample_rate, n_mfcc, n_mels, n_fft, lifter)
    return out


def clip_starts(n_samples, clip_samples, hop_samples):
    """Start samples of every whole clip of ``clip_samples`` taken each ``hop_samples``."""
    if n_samples < clip_samples:
        return np.zeros(0, dtype=np.int64)
    return np.arange(0, n_samples - clip_samples + 1, hop_samples, dtype=np.int64)


def clip_frame_layout(clip_s, sample_rate, window_s=0.025, step_s=0.01):
    """(frames per clip, hop in frames) for clips of ``clip_s`` with 50 % overlap.

    Raises ValueError unless the clip hop is a whole number of frame steps, the
    condition for slicing clips out of a file's frames.
    """
    clip, step = _samples(clip_s, sample_rate), _samples(step_s, sample_rate)
    hop = clip // 2
    if hop % step:
        raise ValueError(f"a {clip_s} s clip hop of {hop} samples is not a multiple of the {step}-sample frame step")
    return n_frames(clip, sample_rate, window_s, step_s), hop // step


def mfcc_clips(signal, clip_s, file_frames, sample_rate=16000, window_s=0.025, step_s=0.01,
               n_mfcc=20, n_mels=32, n_fft=512, preemphasis=0.97, lifter=22):
    """MFCC of every clip of ``clip_s`` (50 % overlap): (clips, frames, n_mfcc) float32.

    Equal to ``mfcc`` of each clip's own samples, but computed from ``file_frames``
    (``mfcc`` of the whole signal, with the same arguments): a clip's inner frames are
    the file's frames. Only its first frame (where pre-emphasis would reach into the
    previous sample) and last frame (which a clip alone zero-pads) are recomputed from
    the clip's samples, two frames per clip instead of all of them.
    """
    signal = np.asarray(signal, dtype=np.float64)
    clip_frames, hop_frames = clip_frame_layout(clip_s, sample_rate, window_s, step_s)
    frame, step = _samples(window_s, sample_rate), _samples(step_s, sample_rate)
    clip = _samples(clip_s, sample_rate)
    starts = clip_starts(signal.size, clip, clip // 2)
    if starts.size == 0:
        return np.zeros((0, clip_frames, n_mfcc), dtype=np.float32)
    clips = sliding_window_view(file_frames, clip_frames, axis=0)[starts // step].transpose(0, 2, 1).copy()

    emphasised = _emphasise(signal, preemphasis, signal.size + clip)
    offsets = np.arange(frame)
    first = emphasised[starts[:, None] + offsets]
    first[:, 0] = signal[starts]
    last_start = (clip_frames - 1) * step
    last = emphasised[starts[:, None] + last_start + offsets]
    last[:, offsets + last_start >= clip] = 0.0
    edges = _cepstra(np.concatenate([first, last]), sample_rate, n_mfcc, n_mels, n_fft, lifter)
    clips[:, 0] = edges[: starts.size]
    clips[:, -1] = edges[starts.size:]
    return clips
