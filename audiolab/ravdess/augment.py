"""Noise augmentation: white and recorded noise mixed at a set signal-to-noise ratio, four conditions per file."""

import numpy as np

from audiolab.ravdess.dataset import CONDITIONS
from audiolab.ravdess.mel import excerpt, mel_input


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


def noisy_inputs(signal, config, urban_noise, white_snr_db, urban_snr_db, rng):
    """{condition: mel input} of one signal; ``urban_noise`` is a mono clip at the same rate.

    Each noise is scaled against the clean excerpt, so in ``white_urban`` both are at
    their own SNR; the same noise samples serve every condition that uses them.
    """
    clip = excerpt(signal, config.sample_rate, config.offset_s, config.duration_s)
    noises = {"white": scaled_noise(clip, rng.standard_normal(clip.size), white_snr_db),
              "urban": scaled_noise(clip, fit_length(urban_noise, clip.size, rng), urban_snr_db)}
    inputs = {}
    for condition, added in CONDITIONS.items():
        augment = (lambda c, added=added: c + sum(noises[name] for name in added)) if added else None
        inputs[condition] = mel_input(signal, config, augment)
    return inputs
