"""Audio I/O: decoding any file libsndfile reads, resampling, and byte-stable writing."""

from pathlib import Path

import numpy as np
import soundfile as sf

from audiolab.core.errors import AudioLoadError


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
