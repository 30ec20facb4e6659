import numpy as np
import pytest
from python_speech_features import mfcc as psf_mfcc

from audiolab.swishnet.mfcc import cepstral_offset, clip_edge_frames, clip_frame_layout, mfcc, mfcc_clips, n_frames

PSF_ARGS = dict(winlen=0.025, winstep=0.01, numcep=20, nfilt=32, nfft=512)
# float32 output of values up to about 45: this is float32 rounding, nothing more.
TOLERANCE = 1e-5


def psf_mfcc64(samples, sample_rate):
    """python_speech_features on the samples in float64: given float32, it pre-emphasises and (under
    numpy 2) takes the FFT in float32, and its own rounding reaches 1.5e-4 on demo audio."""
    return psf_mfcc(np.asarray(samples, np.float64), sample_rate, **PSF_ARGS)


@pytest.fixture(scope="module")
def signal():
    rng = np.random.default_rng(3)
    t = np.arange(int(3.3 * 16000)) / 16000
    x = 0.3 * np.sin(2 * np.pi * 220 * t) * (1 + np.sin(2 * np.pi * 3 * t)) + 0.05 * rng.standard_normal(t.size)
    x[8000:9000] = 0.0  # a digitally silent stretch exercises the log(eps) floor
    return x.astype(np.float32)


def test_mfcc_equals_python_speech_features(signal):
    ours = mfcc(signal, 16000)
    reference = psf_mfcc64(signal, 16000)
    assert ours.shape == reference.shape == (n_frames(signal.size, 16000), 20)
    np.testing.assert_allclose(ours, reference, atol=TOLERANCE, rtol=0)


def test_mfcc_blocks_do_not_change_the_result(signal):
    np.testing.assert_array_equal(mfcc(signal, 16000, block_frames=7), mfcc(signal, 16000))
    # the matrix products may round differently for another number of rows: nothing more
    np.testing.assert_allclose(clip_edge_frames(signal, 0.5, block_clips=3), clip_edge_frames(signal, 0.5), atol=1e-9)


@pytest.mark.parametrize("clip_s,frames", [(0.5, 49), (1, 99), (2, 199)])
def test_clips_equal_per_clip_python_speech_features(signal, clip_s, frames):
    clips = mfcc_clips(signal, clip_s, mfcc(signal, 16000))
    clip = int(clip_s * 16000)
    starts = range(0, signal.size - clip + 1, clip // 2)
    assert clips.shape == (len(starts), frames, 20)
    for k, start in enumerate(starts):
        reference = psf_mfcc64(signal[start:start + clip], 16000)
        np.testing.assert_allclose(clips[k], reference, atol=TOLERANCE, rtol=0)


def test_plain_slicing_would_differ_at_clip_edges(signal):
    """Why mfcc_clips recomputes the first and last frame: slicing alone is off there."""
    frames = mfcc(signal, 16000)
    clip = 8000
    reference = psf_mfcc64(signal[clip // 2:clip // 2 + clip], 16000)
    sliced = frames[25:25 + 49]
    np.testing.assert_allclose(sliced[1:-1], reference[1:-1], atol=TOLERANCE, rtol=0)
    assert np.abs(sliced[0] - reference[0]).max() > 10 * TOLERANCE
    assert np.abs(sliced[-1] - reference[-1]).max() > 10 * TOLERANCE


def test_short_signal_has_no_clips():
    assert mfcc_clips(np.ones(100, np.float32), 0.5, mfcc(np.ones(100), 16000)).shape == (0, 49, 20)


def test_clip_hop_must_be_whole_frames():
    assert clip_frame_layout(1, 16000) == (99, 50)
    with pytest.raises(ValueError, match="not a multiple"):
        clip_frame_layout(0.33, 16000)


@pytest.mark.parametrize("taps", [[1, 0.5], [1, -0.3]])
def test_cepstral_offset_is_how_a_filter_moves_the_mfcc_frames(taps):
    from python_speech_features import get_filterbanks
    from scipy.signal import freqz, lfilter

    noise = np.random.default_rng(0).normal(size=10 * 16000) * 0.1
    # Without pre-emphasis white noise fills every band, so no band is left to leakage.
    moved = (mfcc(lfilter(taps, [1], noise), preemphasis=0) - mfcc(noise, preemphasis=0)).mean(axis=0)
    bands = get_filterbanks(32, 512, 16000)
    _, response = freqz(taps, [1], worN=np.linspace(0, np.pi, 257))
    log_gain = np.log(bands @ np.abs(response) ** 2 / bands.sum(axis=1))
    offset = cepstral_offset(log_gain)
    assert offset[0] == 0 and np.abs(offset).max() > 4  # c0 is the log energy; the rest moves by up to 6.5
    np.testing.assert_allclose(moved[1:], offset[1:], atol=0.05)
