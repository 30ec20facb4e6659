import numpy as np
import pytest
import soundfile as sf

from audiolab.core.audio import audio_info, load_audio
from audiolab.core.errors import AudioLoadError

FORMATS = [
    ("PCM_U8", 1, "WAV"),
    ("PCM_16", 1, "WAV"),
    ("PCM_24", 1, "WAV"),
    ("PCM_32", 1, "WAV"),
    ("FLOAT", 1, "WAV"),
    ("PCM_16", 2, "WAV"),
    ("PCM_24", 2, "WAVEX"),
    ("FLOAT", 2, "WAVEX"),
]


@pytest.mark.parametrize("subtype,channels,container", FORMATS)
def test_wav_formats_load_as_mono_float32(tmp_path, tone_writer, subtype, channels, container):
    path = tmp_path / f"{subtype}_{channels}_{container}.wav"
    written = tone_writer(path, 0.5, 16000, subtype, channels, container)
    signal = load_audio(path, 16000)
    assert signal.dtype == np.float32 and signal.ndim == 1
    assert signal.shape == written.shape
    tolerance = 1 / 64 if subtype == "PCM_U8" else 1e-3
    np.testing.assert_allclose(signal, written, atol=tolerance)


def test_extensible_header_is_really_written(tmp_path, tone_writer):
    path = tmp_path / "x.wav"
    tone_writer(path, 0.1, 48000, "PCM_24", 2, "WAVEX")
    header = path.read_bytes()[:40]
    assert header[20:22] == (0xFFFE).to_bytes(2, "little")  # WAVE_FORMAT_EXTENSIBLE
    assert audio_info(path)["channels"] == 2


@pytest.mark.parametrize("container,suffix", [("FLAC", "flac"), ("OGG", "ogg"), ("MP3", "mp3")])
def test_compressed_formats(tmp_path, tone_writer, container, suffix):
    path = tmp_path / f"tone.{suffix}"
    subtype = {"FLAC": "PCM_16", "OGG": "VORBIS", "MP3": "MPEG_LAYER_III"}[container]
    tone_writer(path, 1.0, 44100, subtype, 1, container)
    signal = load_audio(path, 16000)
    assert abs(signal.size - 16000) < 0.05 * 16000  # mp3 pads with encoder delay
    assert 0.2 < np.abs(signal).max() < 0.7


def test_resampling_keeps_frequency(tmp_path, tone_writer):
    path = tmp_path / "tone.wav"
    tone_writer(path, 1.0, 44100, freq_hz=1000.0)
    signal = load_audio(path, 16000)
    assert signal.size == 16000
    peak_bin = np.argmax(np.abs(np.fft.rfft(signal)))
    assert abs(peak_bin - 1000) <= 1  # 1 Hz bins for a 1 s signal


def test_truncated_header_is_an_error(tmp_path, tone_writer):
    path = tmp_path / "cut.wav"
    tone_writer(path, 0.5)
    path.write_bytes(path.read_bytes()[:30])
    with pytest.raises(AudioLoadError):
        load_audio(path, 16000)


def test_truncated_data_keeps_the_samples_present(tmp_path, tone_writer):
    path = tmp_path / "cut.wav"
    written = tone_writer(path, 0.5)
    full = path.read_bytes()
    path.write_bytes(full[: 44 + 2 * 1000])  # header + 1000 16-bit samples
    signal = load_audio(path, 16000)
    assert signal.size == 1000
    np.testing.assert_allclose(signal, written[:1000], atol=1e-3)


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    with pytest.raises(AudioLoadError, match="empty"):
        load_audio(path, 16000)


def test_header_without_samples_is_an_error(tmp_path):
    path = tmp_path / "silent.wav"
    sf.write(path, np.zeros(0), 16000)
    with pytest.raises(AudioLoadError, match="no audio samples"):
        load_audio(path, 16000)


def test_text_renamed_wav_is_an_error(tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("these are not samples\n" * 50)
    with pytest.raises(AudioLoadError, match="not readable as audio"):
        load_audio(path, 16000)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(AudioLoadError, match="no such file"):
        load_audio(tmp_path / "nope.wav", 16000)
