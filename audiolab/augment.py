"""Noise augmentation: white and recorded noise mixed at a set signal-to-noise ratio."""

import zlib

import numpy as np


def item_rng(seed, key):
    """A generator that depends on the seed and one item's key only, whatever the processing order."""
    return np.random.default_rng([seed, zlib.crc32(str(key).encode())])


def scaled_noise(signal, noise, snr_db):
    """``noise`` scaled so that mean signal power / mean noise power is ``snr_db``; add it to ``signal``.

    ``signal`` and ``noise`` have the same length. A silent signal or noise gives zeros.
    """
    signal_power = np.mean(np.square(signal, dtype=np.float64))
    noise_power = np.mean(np.square(noise, dtype=np.float64))
    if signal_power == 0 or noise_power == 0:
        return np.zeros(len(noise), dtype=np.float32)
    return (noise * np.sqrt(signal_power / (noise_power * 10 ** (snr_db / 10)))).astype(np.float32)


def fit_length(noise, n_samples, rng):
    """``noise`` looped (if shorter) or cropped at a random start (if longer) to ``n_samples``."""
    if noise.size == 0:
        return np.zeros(n_samples, dtype=np.float32)
    if noise.size >= n_samples:
        start = rng.integers(0, noise.size - n_samples + 1)
        return noise[start:start + n_samples]
    return np.resize(noise, n_samples)
