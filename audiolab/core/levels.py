"""Signal levels on numpy arrays: window levels, silence removal, loudness equalisation."""

import numpy as np

BLOCK_WINDOWS = 256  # windows processed at once: memory stays bounded for any signal length
DB_TO_LOG_GAIN = np.float32(np.log(10) / 20)  # gain = exp(dB * this) = 10 ** (dB / 20)


def window_level_db(signal, sample_rate, window_s):
    """Level of each non-overlapping window in dB relative to one 16-bit sample unit.

    ``20 * log10(rms * 32768)``: 0 dB is an RMS of one 16-bit step, 90.3 dB full scale.
    The last, partial window counts as a window. Returns (levels, window_samples).
    """
    window = max(int(round(window_s * sample_rate)), 1)
    n_windows = int(np.ceil(signal.size / window))
    power = np.zeros(n_windows)
    for first in range(0, n_windows, BLOCK_WINDOWS):  # float64 a block at a time, not a copy of the signal
        padded = np.zeros(min(BLOCK_WINDOWS, n_windows - first) * window)
        samples = signal[first * window:first * window + padded.size]
        padded[:samples.size] = samples
        power[first:first + padded.size // window] = np.square(padded).reshape(-1, window).sum(axis=1)
    lengths = np.full(n_windows, window)
    if n_windows:
        lengths[-1] = signal.size - (n_windows - 1) * window
    rms = np.sqrt(power / lengths)
    with np.errstate(divide="ignore"):
        return 20 * np.log10(rms * 32768.0), window


def remove_silence(signal, sample_rate, window_s=0.25, threshold_db=40.0):
    """A new array of the non-overlapping windows at or above ``threshold_db`` (see window_level_db)."""
    levels, window = window_level_db(signal, sample_rate, window_s)
    keep = np.repeat(levels >= threshold_db, window)[: signal.size]
    return signal[keep]


def equalise_loudness(signal, sample_rate, window_s=0.25, target_dbfs=-20.0, max_gain_db=40.0, out=None):
    """Bring each window's RMS to ``target_dbfs`` with a gain that moves smoothly.

    Gains are computed per non-overlapping window and interpolated linearly between
    window centres, so there is no step (click) at window edges. ``out``: an array of the
    signal's shape to write the result to (``signal`` itself works: it is read a block
    ahead of the writing).
    """
    if signal.size == 0:
        return signal
    levels, window = window_level_db(signal, sample_rate, window_s)
    level_dbfs = levels - 20 * np.log10(32768.0)
    gain_db = np.clip(target_dbfs - level_dbfs, -max_gain_db, max_gain_db)
    centres = (np.arange(levels.size) + 0.5) * window
    out = np.empty_like(signal) if out is None else out
    for start in range(0, signal.size, BLOCK_WINDOWS * window):
        positions = np.arange(start, min(start + BLOCK_WINDOWS * window, signal.size))
        gain_db_here = np.interp(positions, centres, gain_db).astype(np.float32)
        out[start:start + positions.size] = signal[start:start + positions.size] * np.exp(gain_db_here * DB_TO_LOG_GAIN)
    return out


def is_silent(signal, sample_rate, window_s=0.25, threshold_db=40.0):
    """True when no ``window_s`` window of ``signal`` reaches ``threshold_db`` (see window_level_db),
    an empty signal included."""
    levels, _ = window_level_db(signal, sample_rate, window_s)
    return not np.any(levels >= threshold_db)
