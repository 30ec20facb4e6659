"""Audio I/O and signal-level preprocessing on numpy arrays."""

from pathlib import Path

import numpy as np
import soundfile as sf

from audiolab.errors import AudioLoadError


# What libsndfile (through soundfile) raises for a file it cannot open or decode.
DECODE_ERRORS = (sf.LibsndfileError, RuntimeError, TypeError)


def resample(signal, orig_rate, target_rate):
    """Resample a 1-D float signal with librosa's default high-quality soxr filter."""
    if orig_rate == target_rate:
        return signal
    import librosa

    return librosa.resample(signal, orig_sr=orig_rate, target_sr=target_rate)


def _decode(path):
    """Decode to (frames, channels) float32 and the file's rate with libsndfile.

    libsndfile (>= 1.1, bundled with soundfile) reads every WAV variant, FLAC, Ogg
    Vorbis/Opus and MP3, which covers the corpora and what librosa would read.
    """
    try:
        return sf.read(path, dtype="float32", always_2d=True)
    except DECODE_ERRORS as error:
        raise AudioLoadError(path, f"not readable as audio ({error})") from None


def load_audio(path, sample_rate):
    """Load any file libsndfile decodes as mono float32 at ``sample_rate``.

    Channels are averaged. Raises AudioLoadError for a missing, empty, undecodable or
    non-finite file.
    """
    path = Path(path)
    if not path.is_file():
        raise AudioLoadError(path, "no such file")
    if path.stat().st_size == 0:
        raise AudioLoadError(path, "empty file")
    data, file_rate = _decode(path)
    if data.shape[0] == 0:
        raise AudioLoadError(path, "no audio samples")
    mono = data.mean(axis=1)
    if not np.all(np.isfinite(mono)):
        raise AudioLoadError(path, "non-finite samples")
    return resample(mono, file_rate, sample_rate).astype(np.float32)


def write_audio(path, data, sample_rate, subtype="PCM_16", container="WAV"):
    """Write (frames,) or (frames, channels) audio, creating parent folders, byte for byte
    the same for the same data: libsndfile's PEAK chunk, which holds the wall-clock time
    in float WAVs, is switched off."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    channels = 1 if np.ndim(data) == 1 else np.shape(data)[1]
    with sf.SoundFile(path, "w", sample_rate, channels, subtype, format=container) as out:
        set_add_peak_chunk, false = 0x1050, 0
        sf._snd.sf_command(out._file, set_add_peak_chunk, sf._ffi.NULL, false)
        out.write(data)


def audio_info(path):
    """Header facts without decoding: duration_s, sample_rate, channels, subtype."""
    try:
        info = sf.info(str(path))
    except DECODE_ERRORS as error:
        raise AudioLoadError(path, f"unreadable header ({error})") from None
    return {
        "duration_s": info.frames / info.samplerate if info.samplerate else 0.0,
        "sample_rate": info.samplerate,
        "channels": info.channels,
        "subtype": info.subtype,
    }


def window_level_db(signal, sample_rate, window_s):
    """Level of each non-overlapping window in dB relative to one 16-bit sample unit.

    ``20 * log10(rms * 32768)``: 0 dB is an RMS of one 16-bit step, 90.3 dB full scale.
    The last, partial window counts as a window. Returns (levels, window_samples).
    """
    window = max(int(round(window_s * sample_rate)), 1)
    n_windows = int(np.ceil(signal.size / window))
    padded = np.zeros(n_windows * window, dtype=np.float64)
    padded[: signal.size] = signal
    power = np.square(padded).reshape(n_windows, window).sum(axis=1)
    lengths = np.full(n_windows, window)
    if n_windows:
        lengths[-1] = signal.size - (n_windows - 1) * window
    rms = np.sqrt(power / lengths)
    with np.errstate(divide="ignore"):
        return 20 * np.log10(rms * 32768.0), window


def remove_silence(signal, sample_rate, window_s=0.25, threshold_db=40.0):
    """Drop the non-overlapping windows whose level is below ``threshold_db`` (see window_level_db)."""
    levels, window = window_level_db(signal, sample_rate, window_s)
    keep = np.repeat(levels >= threshold_db, window)[: signal.size]
    return signal[keep]


def equalise_loudness(signal, sample_rate, window_s=0.25, target_dbfs=-20.0, max_gain_db=40.0):
    """Bring each window's RMS to ``target_dbfs`` with a gain that moves smoothly.

    Gains are computed per non-overlapping window and interpolated linearly between
    window centres, so there is no step (click) at window edges.
    """
    if signal.size == 0:
        return signal
    levels, window = window_level_db(signal, sample_rate, window_s)
    level_dbfs = levels - 20 * np.log10(32768.0)
    gain_db = np.clip(target_dbfs - level_dbfs, -max_gain_db, max_gain_db)
    centres = (np.arange(levels.size) + 0.5) * window
    gain = 10 ** (np.interp(np.arange(signal.size), centres, gain_db) / 20)
    return (signal * gain).astype(signal.dtype)


def clip_starts(n_samples, clip_samples, hop_samples):
    """Start samples of every whole clip of ``clip_samples`` taken each ``hop_samples``."""
    if n_samples < clip_samples:
        return np.zeros(0, dtype=np.int64)
    return np.arange(0, n_samples - clip_samples + 1, hop_samples, dtype=np.int64)
