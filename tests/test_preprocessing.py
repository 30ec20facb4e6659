import numpy as np

from audiolab.core.levels import equalise_loudness, remove_silence, window_level_db
from audiolab.swishnet.mfcc import clip_starts


def test_window_level_is_db_re_one_16_bit_step():
    sr = 16000
    one_step = np.full(4000, 1 / 32768)
    full_scale = np.ones(4000)
    levels, window = window_level_db(np.concatenate([one_step, full_scale]), sr, 0.25)
    assert window == 4000
    np.testing.assert_allclose(levels, [0.0, 20 * np.log10(32768)], atol=1e-9)


def test_remove_silence_drops_quiet_windows_only():
    sr = 16000
    loud = 0.1 * np.ones(4000)          # 70.3 dB
    quiet = 0.001 * np.ones(4000)       # 30.3 dB, below 40
    signal = np.concatenate([loud, quiet, loud, quiet[:1000]])
    kept = remove_silence(signal, sr, window_s=0.25, threshold_db=40)
    assert kept.size == 8000 and np.all(kept == 0.1)
    assert remove_silence(quiet, sr).size == 0


def test_loudness_equalisation_reaches_target_without_steps():
    sr = 16000
    t = np.arange(sr * 2) / sr
    signal = np.sin(2 * np.pi * 440 * t) * np.where(t < 1, 0.01, 0.5)
    out = equalise_loudness(signal, sr, window_s=0.25, target_dbfs=-20)
    for part in (out[2000:6000], out[-6000:-2000]):  # windows away from the change
        assert abs(20 * np.log10(np.sqrt(np.mean(part ** 2))) + 20) < 0.5
    amplitude = np.where(t < 1, 0.01, 0.5)
    usable = np.flatnonzero(np.abs(signal) > 0.5 * amplitude)  # away from zero crossings
    gain_db = 20 * np.log10(out[usable] / signal[usable])
    slope_db = np.abs(np.diff(gain_db)) / np.diff(usable)
    change_db = gain_db.max() - gain_db.min()  # about 34 dB: +23 for the quiet, -11 for the loud part
    assert change_db > 30
    # A switch at the window edge would jump ~34 dB in one sample; the gain is spread over a window.
    assert slope_db.max() <= change_db / 4000 * 1.01


def test_clip_starts_have_50_percent_overlap():
    np.testing.assert_array_equal(clip_starts(20000, 8000, 4000), [0, 4000, 8000, 12000])
    assert clip_starts(7999, 8000, 4000).size == 0
