"""The RAVDESS model input: a fixed-length excerpt as a log-power mel spectrogram.

One format for emotion and gender (so their models can be fused), built by one
function, ``mel_input``, that feature extraction, evaluation and single-file
prediction all call.
"""

from dataclasses import dataclass

import numpy as np

from audiolab.core.audio import load_audio
from audiolab.core.levels import is_silent


@dataclass(frozen=True)
class MelConfig:
    """Mel settings (params.yaml ``mel``)."""

    sample_rate: int = 16000
    offset_s: float = 0.5
    duration_s: float = 2.5
    n_fft: int = 1024
    hop_samples: int = 512
    n_mels: int = 40
    silence_threshold_db: float = 40.0

    @property
    def shape(self):
        """(n_mels, frames) of every input."""
        return self.n_mels, 1 + int(round(self.duration_s * self.sample_rate)) // self.hop_samples


def excerpt(signal, sample_rate, offset_s, duration_s):
    """``duration_s`` seconds from ``offset_s`` on; zero-padded at the end when the signal is shorter."""
    start = int(round(offset_s * sample_rate))
    length = int(round(duration_s * sample_rate))
    out = np.zeros(length, dtype=np.float32)
    part = signal[start:start + length]
    out[:part.size] = part
    return out


def excerpt_is_silent(signal, config):
    """True when the excerpt the model hears has no 0.25 s window at ``config.silence_threshold_db``
    (see ``levels.window_level_db``): an all-silent file, or one that ends before ``offset_s``."""
    clip = excerpt(signal, config.sample_rate, config.offset_s, config.duration_s)
    return is_silent(clip, config.sample_rate, 0.25, config.silence_threshold_db)


def log_mel(signal, sample_rate, n_fft, hop_samples, n_mels):
    """Log-power mel spectrogram (n_mels, frames) in dB re 1.0, floored at -100 dB, float32."""
    import librosa

    power = librosa.feature.melspectrogram(y=signal, sr=sample_rate, n_fft=n_fft, hop_length=hop_samples,
                                           n_mels=n_mels, power=2.0)
    return librosa.power_to_db(power, ref=1.0, amin=1e-10, top_db=None).astype(np.float32)


def mel_input(signal, config, augment=None):
    """The model input of a mono signal at ``config.sample_rate``: its excerpt, passed through
    ``augment`` (a function of the excerpt, e.g. adding noise) if given, as a log-mel of
    ``config.shape``."""
    clip = excerpt(signal, config.sample_rate, config.offset_s, config.duration_s)
    if augment is not None:
        clip = augment(clip)
    return log_mel(clip, config.sample_rate, config.n_fft, config.hop_samples, config.n_mels)


def file_mel_input(path, config):
    """``mel_input`` of an audio file of any rate, channel count, bit depth and length, or None when
    its excerpt is silent. Only the excerpt (and a little after it, for the resampler) is decoded."""
    signal = load_audio(path, config.sample_rate, max_s=config.offset_s + config.duration_s + 0.1)
    return None if excerpt_is_silent(signal, config) else mel_input(signal, config)
