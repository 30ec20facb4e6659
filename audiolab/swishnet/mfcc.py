"""MFCC frames equal to python_speech_features, and MFCC clips cut from them."""

import functools
import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _samples(seconds, sample_rate):
    """Seconds to samples, rounding halves up as python_speech_features does."""
    return int(math.floor(seconds * sample_rate + 0.5))


def n_frames(n_samples, sample_rate, window_s=0.025, step_s=0.01):
    """Frames python_speech_features makes of ``n_samples``: the last one is zero-padded."""
    frame, step = _samples(window_s, sample_rate), _samples(step_s, sample_rate)
    return 1 if n_samples <= frame else 1 + math.ceil((n_samples - frame) / step)


@functools.lru_cache(maxsize=8)
def _mel_power_matrix(n_mels, n_fft, sample_rate):
    """python_speech_features' mel filterbank, with the power spectrum's 1 / n_fft folded in."""
    from python_speech_features import get_filterbanks

    return get_filterbanks(n_mels, n_fft, sample_rate).T / n_fft


@functools.lru_cache(maxsize=8)
def _dct_lifter_matrix(n_mels, n_mfcc, lifter):
    """The orthonormal DCT-II's first ``n_mfcc`` basis vectors, each scaled by its lifter weight."""
    k = np.arange(n_mfcc)
    weights = 1 + (lifter / 2.0) * np.sin(np.pi * k / lifter) if lifter > 0 else np.ones(n_mfcc)
    basis = np.cos(np.pi * k * (2 * np.arange(n_mels)[:, None] + 1) / (2 * n_mels))
    scale = np.where(k == 0, np.sqrt(1 / n_mels), np.sqrt(2 / n_mels))
    return basis * scale * weights


def cepstral_offset(log_gain, n_mfcc=20, lifter=22):
    """How a fixed filter moves every MFCC frame: its natural-log power gain per mel band
    (..., n_mels) through the DCT and lifter of ``mfcc``. c0, the frame's log energy, stays:
    loudness equalisation restores it. Close for a filter smooth over each band's triangle; with
    pre-emphasis the lowest bands hold mostly leakage from above and move less."""
    offset = log_gain @ _dct_lifter_matrix(log_gain.shape[-1], n_mfcc, lifter)
    offset[..., 0] = 0
    return offset


def _emphasised(signal, first, length, preemphasis):
    """``length`` pre-emphasised samples from sample ``first`` (float64), 0 past the signal's
    end; the signal's first sample is kept as it is."""
    samples = np.zeros(length + 1)
    before = signal[max(first - 1, 0):first + length].astype(np.float64)
    samples[(first == 0):(first == 0) + before.size] = before
    emphasised = samples[1:] - preemphasis * samples[:-1]
    emphasised[max(signal.size - first, 0):] = 0.0
    return emphasised


def _emphasised_rows(signal, starts, frame, preemphasis, first_sample_raw):
    """Rows of ``frame`` pre-emphasised samples from each start (float64). ``first_sample_raw``:
    each row's first sample is the signal's own, as where a signal starts. Samples past the
    signal's end repeat its last: callers zero what lies past their own end."""
    index = np.minimum(starts[:, None] + np.arange(frame), signal.size - 1)
    previous = signal[np.maximum(index - 1, 0)].astype(np.float64)
    previous[index == 0] = 0.0
    if first_sample_raw:
        previous[:, 0] = 0.0
    return signal[index] - preemphasis * previous


def _cepstra(frames, sample_rate, n_mfcc, n_mels, n_fft, lifter):
    """MFCC of rows of emphasised samples: power spectrum, mel, log, DCT, lifter, c0 = log energy."""
    eps = np.finfo(float).eps
    padded = np.zeros((len(frames), n_fft))  # contiguous and zero-padded: numpy's FFT is fastest on that
    padded[:, :frames.shape[1]] = frames
    spectrum = np.fft.rfft(padded)
    power = np.square(spectrum.real) + np.square(spectrum.imag)
    mel = power @ _mel_power_matrix(n_mels, n_fft, sample_rate)
    cepstra = np.log(np.maximum(mel, eps)) @ _dct_lifter_matrix(n_mels, n_mfcc, lifter)
    cepstra[:, 0] = np.log(np.maximum(power.sum(axis=1) / n_fft, eps))
    return cepstra


def mfcc(signal, sample_rate=16000, window_s=0.025, step_s=0.01, n_mfcc=20, n_mels=32,
         n_fft=512, preemphasis=0.97, lifter=22, block_frames=1024):
    """MFCC frames equal to ``python_speech_features.mfcc`` with the same arguments.

    Pre-emphasis, rectangular frames zero-padded at the end, power spectrum / n_fft,
    mel filterbank, log, orthonormal DCT-II, lifter, and c0 replaced by the log frame
    energy. Frames are processed ``block_frames`` at a time, in float64 only within a
    block, so memory stays bounded for any signal length. Returns (frames, n_mfcc) float32.
    """
    signal = np.asarray(signal)
    frame, step = _samples(window_s, sample_rate), _samples(step_s, sample_rate)
    total = n_frames(signal.size, sample_rate, window_s, step_s)
    out = np.empty((total, n_mfcc), dtype=np.float32)
    for start in range(0, total, block_frames):
        stop = min(start + block_frames, total)
        first = start * step
        emphasised = _emphasised(signal, first, (stop - 1 - start) * step + frame, preemphasis)
        frames = sliding_window_view(emphasised, frame)[::step]
        out[start:stop] = _cepstra(frames, sample_rate, n_mfcc, n_mels, n_fft, lifter)
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


def clip_edge_frames(signal, clip_s, sample_rate=16000, window_s=0.025, step_s=0.01,
                     n_mfcc=20, n_mels=32, n_fft=512, preemphasis=0.97, lifter=22, block_clips=1024):
    """MFCC of the first and of the last frame of every clip of ``clip_s`` (50 % overlap), each
    as ``mfcc`` of the clip's own samples makes it: (2, clips, n_mfcc) float32.

    These are the only frames where a clip differs from the whole signal's frames: pre-emphasis
    of its first sample would reach into the sample before, and the clip alone zero-pads its
    last frame. Computed ``block_clips`` clips at a time, so memory stays bounded.
    """
    signal = np.asarray(signal)
    clip_frames, _ = clip_frame_layout(clip_s, sample_rate, window_s, step_s)
    frame, step = _samples(window_s, sample_rate), _samples(step_s, sample_rate)
    clip = _samples(clip_s, sample_rate)
    starts = clip_starts(signal.size, clip, clip // 2)
    if starts.size == 0:
        return np.zeros((2, 0, n_mfcc), dtype=np.float32)
    last_start = (clip_frames - 1) * step
    past_clip = np.arange(frame) + last_start >= clip
    edges = np.empty((2, starts.size, n_mfcc), dtype=np.float32)
    for block in range(0, starts.size, block_clips):
        block_starts = starts[block:block + block_clips]
        first = _emphasised_rows(signal, block_starts, frame, preemphasis, first_sample_raw=True)
        last = _emphasised_rows(signal, block_starts + last_start, frame, preemphasis, first_sample_raw=False)
        last[:, past_clip] = 0.0
        edges[0, block:block + block_clips] = _cepstra(first, sample_rate, n_mfcc, n_mels, n_fft, lifter)
        edges[1, block:block + block_clips] = _cepstra(last, sample_rate, n_mfcc, n_mels, n_fft, lifter)
    return edges


def clips_from_frames(file_frames, edges, clip_s, sample_rate=16000, window_s=0.025, step_s=0.01):
    """Every clip of ``clip_s`` (50 % overlap) as (clips, frames, n_mfcc) float32: the signal's
    frames ``file_frames`` (``mfcc``) sliced per clip, with the clip's own first and last
    frames ``edges`` (``clip_edge_frames``)."""
    clip_frames, hop_frames = clip_frame_layout(clip_s, sample_rate, window_s, step_s)
    n_clips = edges.shape[1]
    if n_clips == 0:
        return np.zeros((0, clip_frames, edges.shape[2]), dtype=np.float32)
    clips = sliding_window_view(file_frames, clip_frames, axis=0)[::hop_frames][:n_clips].transpose(0, 2, 1).copy()
    clips[:, 0], clips[:, -1] = edges
    return clips


def mfcc_clips(signal, clip_s, file_frames, sample_rate=16000, window_s=0.025, step_s=0.01, **mfcc_args):
    """MFCC of every clip of ``clip_s`` (50 % overlap): (clips, frames, n_mfcc) float32.

    Equal to ``mfcc`` of each clip's own samples, but computed from ``file_frames`` (``mfcc``
    of the whole signal, with the same arguments): a clip's inner frames are the file's
    frames, and only its first and last frames are computed from its own samples, two frames
    per clip instead of all of them.
    """
    layout = {"sample_rate": sample_rate, "window_s": window_s, "step_s": step_s}
    return clips_from_frames(file_frames, clip_edge_frames(signal, clip_s, **layout, **mfcc_args), clip_s, **layout)
