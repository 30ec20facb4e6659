"""RAVDESS: the shared mel input, noise augmentation, leak-free splits and the metrics."""

import numpy as np
import pandas as pd
import pytest

from audiolab.core.rng import item_rng
from audiolab.ravdess.augment import fit_length, scaled_noise
from audiolab.corpora import ravdess
from audiolab.core.metrics import probability_metrics
from audiolab.ravdess.augment import noisy_inputs
from audiolab.ravdess.dataset import CONDITIONS, dataset, load_mel
from audiolab.ravdess.meldata import write_mel_file
from audiolab.ravdess.mel import MelConfig, excerpt, file_mel_input, mel_input
from audiolab.ravdess.splits import actor_split, emotion_split

CONFIG = MelConfig()


def test_excerpt_crops_and_pads_to_one_length():
    sr = 100
    signal = np.arange(500, dtype=np.float32)
    assert excerpt(signal, sr, 0.5, 2.0).tolist() == list(range(50, 250))
    short = excerpt(signal[:120], sr, 0.5, 2.0)
    assert short.size == 200 and short[:70].tolist() == list(range(50, 120)) and not short[70:].any()


def test_every_file_gives_the_same_shape_whatever_its_format(tmp_path, tone_writer):
    for name, seconds, rate, subtype, channels in (("long.wav", 5.0, 48000, "PCM_24", 2),
                                                  ("short.wav", 0.7, 8000, "PCM_U8", 1),
                                                  ("mid.flac", 3.0, 22050, "PCM_16", 1)):
        container = "FLAC" if name.endswith("flac") else "WAV"
        tone_writer(tmp_path / name, seconds, rate, subtype, channels, container)
        assert file_mel_input(tmp_path / name, CONFIG).shape == CONFIG.shape == (40, 79)


def test_a_file_silent_where_the_model_listens_is_silence(tmp_path, tone_writer):
    tone_writer(tmp_path / "ends_early.wav", 0.4, 16000)  # sound, but all of it before the 0.5 s offset
    tone_writer(tmp_path / "quiet.wav", 4.0, 16000, amplitude=1e-5)
    assert file_mel_input(tmp_path / "ends_early.wav", CONFIG) is None
    assert file_mel_input(tmp_path / "quiet.wav", CONFIG) is None


def test_scaled_noise_hits_the_snr():
    rng = np.random.default_rng(0)
    signal = np.sin(np.linspace(0, 200, 16000)).astype(np.float32)
    noise = scaled_noise(signal, rng.standard_normal(16000) * 7, snr_db=10)
    assert 10 * np.log10(np.mean(signal ** 2) / np.mean(noise ** 2)) == pytest.approx(10, abs=1e-3)
    assert not scaled_noise(np.zeros(10), np.ones(10), 10).any()


def test_fit_length_loops_short_noise_and_crops_long_noise():
    rng = np.random.default_rng(0)
    assert fit_length(np.array([1.0, 2.0, 3.0]), 7, rng).tolist() == [1, 2, 3, 1, 2, 3, 1]
    long = np.arange(100.0)
    cropped = fit_length(long, 10, rng)
    assert cropped.size == 10 and np.all(np.diff(cropped) == 1)


def test_noisy_inputs_are_seeded_and_differ_by_condition():
    rng = np.random.default_rng(1)
    speech = (0.3 * np.sin(np.arange(48000) * 0.05)).astype(np.float32)
    urban = rng.standard_normal(20000).astype(np.float32)
    first = noisy_inputs(speech, CONFIG, urban, 15, 5, item_rng(42, "a.wav"))
    again = noisy_inputs(speech, CONFIG, urban, 15, 5, item_rng(42, "a.wav"))
    assert set(first) == set(CONDITIONS)
    for condition in CONDITIONS:
        assert np.array_equal(first[condition], again[condition])
    assert np.array_equal(first["clean"], mel_input(speech, CONFIG))  # the prediction path
    assert not np.allclose(first["white"], first["clean"]) and not np.allclose(first["urban"], first["white"])


@pytest.fixture(scope="module")
def mel_file(small_demo, tmp_path_factory):
    root, _ = small_demo
    scan = ravdess.scan(root / "ravdess")
    paths = list(scan.manifest["path"][:12]) + ["Actor_01/missing.wav"]
    noise = [f"audio/fold1/{p.name}" for p in sorted((root / "UrbanSound8K/audio/fold1").glob("*.wav"))]
    out = tmp_path_factory.mktemp("mel") / "mel.h5"
    kept, skipped = write_mel_file(paths, root / "ravdess", [noise] * len(paths), root / "UrbanSound8K", out, CONFIG,
                                   {"white_snr_db": 15, "urban_snr_db": 5}, seed=3, workers=2)
    return out, kept, skipped, scan.manifest[scan.manifest["path"].isin(kept)]


def test_mel_file_holds_every_condition_and_lists_the_bad_file(mel_file):
    out, kept, skipped, _ = mel_file
    assert len(kept) == 12 and [s["path"] for s in skipped] == ["Actor_01/missing.wav"]
    mel, files = load_mel(out, ("clean", "white"))
    assert mel.shape == (24,) + CONFIG.shape and list(files[:12]) == kept == list(files[12:])
    assert not np.allclose(mel[:12], mel[12:])


def test_noisy_copies_stay_in_their_recordings_split(mel_file):
    out, _, _, manifest = mel_file
    table = manifest.assign(split=["train", "val", "test"] * 4)
    inputs, labels = dataset(out, table, "test", tuple(CONDITIONS), "emotion", ravdess.EMOTIONS)
    assert len(labels) == 4 * 4
    _, files = load_mel(out, tuple(CONDITIONS), table.loc[table["split"] == "test", "path"])
    assert set(files) == set(table.loc[table["split"] == "test", "path"])


@pytest.fixture(scope="module")
def full_manifest():
    rows = [{"path": ravdess.file_name(e, i, s, r, a), "recording": ravdess.file_name(e, i, s, r, a)[:-4],
             "utterance": ravdess.parse_name(ravdess.file_name(e, i, s, r, a)[:-4])["utterance"],
             "actor": a, "gender": "male" if a % 2 else "female", "emotion": ravdess.EMOTIONS[e - 1]}
            for a in range(1, 25) for e in range(1, 9) for i in (1, 2) for s in (1, 2) for r in (1, 2)
            if not (e == 1 and i == 2)]
    return pd.DataFrame(rows)


def test_emotion_split_by_utterance_keeps_both_repetitions_together_and_is_stratified(full_manifest):
    split = emotion_split(full_manifest, {"train": 0.6, "val": 0.2, "test": 0.2}, "utterance", seed=42)
    table = full_manifest.assign(split=split)
    assert table.groupby("utterance").size().eq(2).all()  # two takes per utterance: the check below can fail
    assert (table.groupby("utterance")["split"].nunique() == 1).all()
    shares = table.groupby("emotion")["split"].value_counts(normalize=True).unstack()
    assert ((shares["test"] - 0.2).abs() < 0.03).all() and ((shares["train"] - 0.6).abs() < 0.03).all()


def test_a_split_by_recording_lets_repetitions_of_one_utterance_cross(full_manifest):
    split = emotion_split(full_manifest, {"train": 0.6, "val": 0.2, "test": 0.2}, "recording", seed=42)
    assert (full_manifest.assign(split=split).groupby("utterance")["split"].nunique() > 1).any()


def test_noise_clips_of_one_source_stay_in_one_split():
    from audiolab.ravdess.splits import noise_split

    noise = pd.DataFrame({"path": [f"fold1/{i}.wav" for i in range(40)], "group": [str(i // 4) for i in range(40)],
                          "label": [f"class_{i % 10 // 4}" for i in range(40)]})
    table = noise.assign(split=noise_split(noise, {"train": 0.6, "val": 0.2, "test": 0.2}, seed=1))
    assert noise.groupby("group").size().gt(1).all()
    assert (table.groupby("group")["split"].nunique() == 1).all()
    assert set(table["split"]) == {"train", "val", "test"}
    few = noise.iloc[::4].reset_index(drop=True)  # one clip per source: too few to stratify by class
    assert set(noise_split(few, {"train": 0.6, "val": 0.2, "test": 0.2}, seed=1)) == {"train", "val", "test"}


def test_emotion_split_by_actor_is_speaker_independent(full_manifest):
    split = emotion_split(full_manifest, {"train": 0.6, "val": 0.2, "test": 0.2}, "actor", seed=42)
    table = full_manifest.assign(split=split)
    assert (table.groupby("actor")["split"].nunique() == 1).all()
    actors = table.drop_duplicates("actor").groupby("split")["actor"].count().to_dict()
    assert sum(actors.values()) == 24 and min(actors.values()) >= 4
    with pytest.raises(ValueError, match="split_by"):
        emotion_split(full_manifest, {"train": 1.0}, "speaker", seed=1)


def test_gender_split_is_12_6_6_actors_half_male(full_manifest):
    for seed in (1, 2, 3):
        table = full_manifest.assign(split=actor_split(full_manifest, {"train": 12, "val": 6, "test": 6}, seed))
        assert (table.groupby("actor")["split"].nunique() == 1).all()
        per_split = table.drop_duplicates("actor").groupby(["split", "gender"]).size().unstack()
        assert per_split.to_dict() == {"female": {"test": 3, "train": 6, "val": 3},
                                       "male": {"test": 3, "train": 6, "val": 3}}


def test_probability_metrics_against_hand_computed_values():
    y = [0, 1, 2, 2]
    p = np.array([[.7, .2, .1], [.1, .8, .1], [.2, .2, .6], [.5, .3, .2]])
    m = probability_metrics(y, p, ("a", "b", "c"))
    assert m["accuracy"] == pytest.approx(0.75)
    assert m["loss"] == pytest.approx(-np.mean(np.log([.7, .8, .6, .2])))
    # per class precision: a 1/2, b 1, c 1; recall: a 1, b 1, c 1/2
    assert m["precision_macro"] == pytest.approx((0.5 + 1 + 1) / 3)
    assert m["recall_macro"] == pytest.approx((1 + 1 + 0.5) / 3)
    assert m["f1_macro"] == pytest.approx((2 / 3 + 1 + 2 / 3) / 3)
    assert m["recall_c"] == pytest.approx(0.5)
    # class a: positive score .7 against negatives .1 .2 .5 -> 1; b: .8 vs .2 .2 .3 -> 1;
    # c: positives .6 .2 against negatives .1 .1 -> 1
    assert m["auc_macro"] == pytest.approx(1.0)
    binary = probability_metrics([0, 1, 1, 0], np.array([.2, .9, .4, .6]), ("female", "male"))
    # predictions 0 1 0 1: precision and recall 1/2 for both classes; AUC: (.9>.2, .9>.6, .4>.2, .4<.6) = 3/4
    assert (binary["precision_macro"], binary["recall_macro"], binary["auc_macro"]) == pytest.approx((0.5, 0.5, 0.75))
    study = binary["study_comparable"]  # one sigmoid output: the positive (male) class
    assert (study["binary_accuracy"], study["precision"], study["recall"], study["auc"]) == pytest.approx(
        (0.5, 0.5, 0.5, 0.75))


def test_the_studys_metrics_score_an_all_zero_guess_0875_and_pair_precision_with_recall():
    from audiolab.core.metrics import keras_style_metrics

    zeros = keras_style_metrics(np.arange(8), np.zeros((8, 8)), 8)
    assert zeros["binary_accuracy"] == pytest.approx(0.875)  # 56 of 64 pairs are right: the study's "accuracy"
    assert (zeros["precision"], zeros["recall"], zeros["f1"]) == (0.0, 0.0, 0.0)
    p = np.array([[.7, .2, .1], [.1, .8, .1], [.2, .2, .6], [.5, .3, .2]])
    study = keras_style_metrics([0, 1, 2, 2], p, 3)
    # pairs above 0.5: (0,a) right, (1,b) right, (2,c) right; item 3 has none: P 3/3, R 3/4
    assert (study["precision"], study["recall"]) == pytest.approx((1.0, 0.75))
    assert study["f1"] == pytest.approx(2 * 0.75 / 1.75)  # harmonic mean, as the study's 0.856 of 0.911 and 0.807


def test_fused_model_gets_the_gender_models_prediction_not_the_label():
    from audiolab.ravdess.models import build_emotion_cnn, build_gender_cnn
    from audiolab.ravdess.fusion import fused_inputs, male_probability

    rng = np.random.default_rng(0)
    mel = rng.normal(size=(6,) + CONFIG.shape).astype(np.float32)
    gender_model = build_gender_cnn(CONFIG.shape)
    inputs = fused_inputs({"mel": mel}, male_probability(gender_model, mel))
    expected = gender_model.predict(mel, verbose=0)
    np.testing.assert_allclose(inputs["gender"], expected, rtol=1e-6)
    assert not np.isin(inputs["gender"], [0.0, 1.0]).all()  # probabilities, not 0/1 labels
    fused = build_emotion_cnn(CONFIG.shape, fused=True)
    assert [i.name for i in fused.inputs] == ["mel", "gender"]
    assert fused.predict(inputs, verbose=0).shape == (6, 8)


def test_fusion_gain_summary_against_hand_computed_values():
    from audiolab.ravdess.fusion import summarise_fusion

    def run(unfused, fused):
        return {"unfused": {"accuracy": unfused, "f1_macro": unfused}, "fused": {"accuracy": fused, "f1_macro": fused},
                "gain": {"accuracy": fused - unfused, "f1_macro": fused - unfused}}

    def split(*runs):
        results = {f"init_{i}": r for i, r in enumerate(runs, 1)}
        results["gain"] = {k: float(np.mean([r["gain"][k] for r in runs])) for k in ("accuracy", "f1_macro")}
        return results

    summary = summarise_fusion({1: split(run(0.5, 0.6), run(0.5, 0.5)), 2: split(run(0.6, 0.5), run(0.5, 0.5))})
    assert (summary["n_splits"], summary["n_runs"]) == (2, 4)
    assert summary["gain.f1_macro"]["mean"] == pytest.approx(0.0)
    assert summary["gain.f1_macro"]["std"] == pytest.approx(np.std([0.1, 0, -0.1, 0], ddof=1))
    assert (summary["gain.accuracy"]["split_1"], summary["gain.accuracy"]["split_2"]) == pytest.approx((0.05, -0.05))
    assert summary["unfused.accuracy"]["mean"] == pytest.approx(2.1 / 4)
