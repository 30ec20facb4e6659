"""GTZAN transfer: Log-MMSE, the fine-tuning/test split, the two-class rule and its metrics."""

import time

import numpy as np
import pandas as pd
import pytest
import soundfile as sf

from audiolab.swishnet.denoise import denoise_files, log_mmse
from audiolab.core.metrics import classification_metrics, two_class_predictions
from audiolab.core.splits import split_groups


def _snr_db(clean, signal):
    return 10 * np.log10(np.sum(clean ** 2) / np.sum((signal - clean) ** 2))


def test_log_mmse_raises_the_snr_of_a_tone_in_white_noise():
    sr = 16000
    rng = np.random.default_rng(0)
    t = np.arange(3 * sr) / sr
    clean = 0.3 * np.sin(2 * np.pi * 440 * t) * (t > 0.5)  # the first 0.5 s is noise only
    noisy = (clean + 0.05 * rng.standard_normal(t.size)).astype(np.float32)
    denoised = log_mmse(noisy, sr)
    assert denoised.shape == noisy.shape  # the dropped tail comes back as zeros
    assert _snr_db(clean, denoised) > _snr_db(clean, noisy) + 5
    assert np.geterr()["divide"] == "warn"  # importing logmmse must not leave numpy raising


def test_denoise_files_keeps_the_layout_and_lists_bad_files(tmp_path, tone_writer):
    tone_writer(tmp_path / "in/music_wav/a.wav", seconds=1.0, sample_rate=22050)
    (tmp_path / "in/speech_wav").mkdir()
    (tmp_path / "in/speech_wav/b.wav").write_bytes(b"not audio")
    skipped = denoise_files(["music_wav/a.wav", "speech_wav/b.wav"], tmp_path / "in", tmp_path / "out", 16000,
                            workers=1)
    assert [s["path"] for s in skipped] == ["speech_wav/b.wav"]
    info = sf.info(tmp_path / "out/music_wav/a.wav")
    assert info.samplerate == 16000 and info.frames == 16000
    first = (tmp_path / "out/music_wav/a.wav").read_bytes()
    time.sleep(1.1)  # libsndfile's PEAK chunk would carry another second
    denoise_files(["music_wav/a.wav"], tmp_path / "in", tmp_path / "again", 16000, workers=1)
    assert (tmp_path / "again/music_wav/a.wav").read_bytes() == first  # no time stamp in the file


def test_finetune_test_split_is_stratified_25_75():
    files = [f"{label}_{i:02d}" for label in ("music", "speech") for i in range(64)]
    labels = [f.split("_")[0] for f in files]
    split = split_groups(files, labels, {"finetune": 0.25, "test": 0.75}, seed=3)
    table = pd.DataFrame({"file": files, "label": labels, "split": split})
    assert table.groupby(["label", "split"]).size().to_dict() == {
        ("music", "finetune"): 16, ("music", "test"): 48, ("speech", "finetune"): 16, ("speech", "test"): 48}


def test_two_class_rule_ignores_the_noise_score():
    # columns: music, speech, noise (MUSAN order)
    probabilities = np.array([[0.30, 0.20, 0.50],   # noise wins overall, music wins of the two
                              [0.10, 0.15, 0.75],   # speech wins of the two
                              [0.60, 0.40, 0.00]])
    assert two_class_predictions(probabilities, [0, 1]).tolist() == [0, 1, 0]
    assert two_class_predictions(probabilities, [1, 0]).tolist() == [1, 0, 1]  # positions in class_ids


def test_two_class_metrics_against_hand_computed_values():
    # music: 3 items, 2 right; speech: 2 items, 2 right
    y_true = [0, 0, 0, 1, 1]
    y_pred = [0, 0, 1, 1, 1]
    metrics = classification_metrics(y_true, y_pred, ("music", "speech"))
    assert metrics["accuracy"] == pytest.approx(4 / 5)
    assert metrics["recall_music"] == pytest.approx(2 / 3)
    assert metrics["recall_speech"] == pytest.approx(1.0)
    assert metrics["recall_macro"] == pytest.approx((2 / 3 + 1) / 2)  # the paper's average recall
    f1_music = 2 * 1.0 * (2 / 3) / (1.0 + 2 / 3)           # precision 2/2, recall 2/3
    f1_speech = 2 * (2 / 3) * 1.0 / (2 / 3 + 1.0)           # precision 2/3, recall 2/2
    assert metrics["f1_macro"] == pytest.approx((f1_music + f1_speech) / 2)
    assert metrics["n_test"] == 5
