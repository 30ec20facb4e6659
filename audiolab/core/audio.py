"""Audio I/O: checking and decoding any file libsndfile reads, resampling, and byte-stable writing."""

import itertools
import os
import stat
from pathlib import Path

import numpy as np
import soundfile as sf

from audiolab.core.errors import AudioLoadError


# What libsndfile (through soundfile) raises for a file it cannot open or decode.
DECODE_ERRORS = (sf.LibsndfileError, RuntimeError, TypeError)


def _decode_reason(error):
    """libsndfile's own words, without the path it quotes (so reasons do not depend on where files live)."""
    return (getattr(error, "error_string", "") or type(error).__name__).strip()


def check_file(path):
    """Raise AudioLoadError unless ``path`` is a readable, non-empty regular file.

    Runs before any decoding, so that a pipe, a device or a directory is refused instead
    of being opened (a FIFO with no writer would block forever).
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise AudioLoadError(path, "broken symbolic link" if path.is_symlink() else "no such file") from None
    except OSError as error:
        raise AudioLoadError(path, (error.strerror or str(error)).lower()) from None
    if stat.S_ISDIR(info.st_mode):
        raise AudioLoadError(path, "is a directory, not an audio file")
    if not stat.S_ISREG(info.st_mode):
        raise AudioLoadError(path, "not a regular file (a pipe, socket or device)")
    if info.st_size == 0:
        raise AudioLoadError(path, "empty file")
    if not os.access(path, os.R_OK):
        raise AudioLoadError(path, "permission denied")


def resample(signal, orig_rate, target_rate):
    """Resample a 1-D float signal with librosa's default high-quality soxr filter."""
    if orig_rate == target_rate:
        return signal
    import librosa

    return librosa.resample(signal, orig_sr=orig_rate, target_sr=target_rate)


def _open(path):
    check_file(path)
    try:
        return sf.SoundFile(str(path))
    except DECODE_ERRORS as error:
        raise AudioLoadError(path, f"not readable as audio ({_decode_reason(error)})") from None


def _finite_mono(path, data):
    mono = data[:, 0] if data.shape[1] == 1 else data.mean(axis=1)
    if not np.all(np.isfinite(mono)):
        raise AudioLoadError(path, "non-finite samples (NaN or Inf)")
    return mono


def load_audio(path, sample_rate, max_s=None):
    """Load any file libsndfile decodes as mono float32 at ``sample_rate``.

    Channels are averaged; ``max_s`` reads only the first seconds. Raises AudioLoadError
    for a missing, empty, non-regular, undecodable or non-finite file.
    """
    with _open(path) as source:
        frames = -1 if max_s is None else int(np.ceil(max_s * source.samplerate))
        try:
            data = source.read(frames, dtype="float32", always_2d=True)
        except DECODE_ERRORS as error:
            raise AudioLoadError(path, f"not readable as audio ({_decode_reason(error)})") from None
        file_rate = source.samplerate
    if data.shape[0] == 0:
        raise AudioLoadError(path, "no audio samples")
    return resample(_finite_mono(path, data), file_rate, sample_rate).astype(np.float32, copy=False)


def audio_blocks(path, sample_rate, block_s=60.0):
    """Mono float32 blocks of about ``block_s`` seconds at ``sample_rate``, decoded and resampled
    a block at a time, so memory does not grow with the file. AudioLoadError as ``load_audio``."""
    import soxr

    with _open(path) as source:
        stream = soxr.ResampleStream(source.samplerate, sample_rate, 1, dtype="float32")
        frames_per_block = max(int(block_s * source.samplerate), 1)
        for block in itertools.count():
            try:
                data = source.read(frames_per_block, dtype="float32", always_2d=True)
            except DECODE_ERRORS as error:
                raise AudioLoadError(path, f"not readable as audio ({_decode_reason(error)})") from None
            last = len(data) < frames_per_block
            if last and block == 0 and len(data) == 0:
                raise AudioLoadError(path, "no audio samples")
            yield stream.resample_chunk(_finite_mono(path, data), last=last)
            if last:
                return


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
        raise AudioLoadError(path, f"unreadable header ({_decode_reason(error)})") from None
    return {
        "duration_s": info.frames / info.samplerate if info.samplerate else 0.0,
        "sample_rate": info.samplerate,
        "channels": info.channels,
        "subtype": info.subtype,
    }
