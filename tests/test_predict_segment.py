"""Single-file prediction and long-recording segmentation, on models trained for the test."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import yaml

from audiolab.cli.formats import FORMATS, format_segments, parse_segments
from audiolab.swishnet.clips import ClipConfig
from audiolab.swishnet.segment import frame_probabilities, label_frames, running_median, to_segments

CONFIG = ClipConfig()
SR = 16000


REPO = Path(__file__).resolve().parents[1]


def _tilt_frame_model():
    """A fixed-weight frame model on MFCC c1 (spectral tilt): a low tone has c1 near +22,
    white noise near -39, so class 0 wins for tones and class 1 for noise; class 2 never."""
    import keras

    inputs = keras.Input((None, 20))
    tilt = keras.layers.Lambda(lambda x: x[..., 1:2])(inputs)
    scores = keras.layers.Dense(3, kernel_initializer=keras.initializers.Constant([[0.2, -0.2, 0.0]]),
                                bias_initializer=keras.initializers.Constant([0.0, 0.0, -100.0]))(tilt)
    return keras.Model(inputs, keras.layers.Softmax()(scores))


def _constructed(tmp_path, rng):
    """Tone 4 s, silence 2 s, white noise 4 s, silence 1 s, tone 3 s at 16 kHz."""
    def tone(seconds, amplitude):
        return amplitude * np.sin(2 * np.pi * 300 * np.arange(int(seconds * SR)) / SR)

    parts = [tone(4, 0.5), np.zeros(2 * SR), 0.02 * rng.standard_normal(4 * SR), np.zeros(SR), tone(3, 0.5)]
    path = tmp_path / "constructed.wav"
    sf.write(path, np.concatenate(parts).astype(np.float32), SR, subtype="FLOAT")
    return path, [("tone", 0, 4), ("silence", 4, 6), ("noise", 6, 10), ("silence", 10, 11), ("tone", 11, 14)]


def _running_mean_frame_model():
    """SwishNet's frame model with the longest running mean (2 s), random weights: the
    widest context a block needs."""
    from audiolab.swishnet.model import build_swishnet, frame_model

    return frame_model(build_swishnet((199, 20), mean_frames=199))


@pytest.mark.parametrize("make_model", [_tilt_frame_model, _running_mean_frame_model])
def test_blocks_give_the_same_frames_as_one_pass(tmp_path, make_model):
    path, _ = _constructed(tmp_path, np.random.default_rng(0))
    model = make_model()
    whole, whole_silent = frame_probabilities(path, model, CONFIG, block_s=60)
    blocks, blocks_silent = frame_probabilities(path, model, CONFIG, block_s=0.7)
    assert whole.shape == blocks.shape == (1399, 3)  # 14 s at 10 ms, psf's frame count
    np.testing.assert_allclose(whole, blocks, atol=1e-5)
    assert np.array_equal(whole_silent, blocks_silent)


def test_segmentation_recovers_the_constructed_spans(tmp_path):
    path, truth = _constructed(tmp_path, np.random.default_rng(1))
    probabilities, silent = frame_probabilities(path, _tilt_frame_model(), CONFIG, block_s=3.3)
    labels = label_frames(probabilities, silent, median_frames=51)
    segments = to_segments(labels, probabilities, ("tone", "noise", "unused"), CONFIG.step_s)
    assert [s["label"] for s in segments] == [t[0] for t in truth]
    tolerance = 0.25 + 51 * CONFIG.step_s / 2  # one silence window plus half the median filter
    for segment, (_, start, stop) in zip(segments, truth):
        assert abs(segment["start"] - start) <= tolerance and abs(segment["stop"] - stop) <= tolerance
        expected = 0 if segment["label"] == "silence" else 1  # the network never runs on gated silence
        assert sum(segment["probabilities"].values()) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_segment_format_parses_back(fmt):
    segments = [{"label": "speech", "start": 0.0, "stop": 1.25, "probabilities": {"music": 0.1, "speech": 0.9}},
                {"label": "silence", "start": 1.25, "stop": 3.5, "probabilities": {"music": 0.5, "speech": 0.5}}]
    text = format_segments(segments, fmt)
    assert parse_segments(text, fmt) == [("speech", 0.0, 1.25), ("silence", 1.25, 3.5)]
    if fmt == "csv":
        assert text.splitlines()[0].split("\t") == ["speech", "0.000", "1.250", "music=0.1000;speech=0.9000"]


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory):
    """Untrained models of every task saved where the command line looks for them."""
    from audiolab.corpora.ravdess import EMOTIONS
    from audiolab.ravdess.mel import MelConfig
    from audiolab.ravdess.models import build_emotion_cnn, build_gender_cnn
    from audiolab.swishnet.export import to_tflite
    from audiolab.swishnet.model import build_swishnet, frame_model

    from audiolab.cli.registry import frame_model_path, model_path

    root = tmp_path_factory.mktemp("work")
    seed = yaml.safe_load((REPO / "params.yaml").read_text())["train_seeds"][0]
    for (task, clip_s), model in ((("speech-music-noise", 1.0), build_swishnet((99, 20))),
                                  (("speech-music-noise", 0.5), build_swishnet((49, 20))),
                                  (("emotion", 1.0), build_emotion_cnn(MelConfig().shape, len(EMOTIONS))),
                                  (("gender", 1.0), build_gender_cnn(MelConfig().shape))):
        path = model_path(root / "models", task, seed, clip_s)
        path.parent.mkdir(parents=True, exist_ok=True)
        model.save(path)
        if task == "speech-music-noise":
            frame_model_path(root / "models", clip_s).parent.mkdir(parents=True, exist_ok=True)
            frame_model_path(root / "models", clip_s).write_bytes(to_tflite(frame_model(model)))
    return root


def _with_params(work):
    """``work`` with a copy of the repository's params.yaml, the folder the command line runs in."""
    (work / "params.yaml").write_text((REPO / "params.yaml").read_text())
    return work


DEMO = ("--models", "models", "--params", "params.yaml")  # the test's models, not the shipped real-audio one


def _cli(work, *args):
    args = args if "--models" in args else (*DEMO, *args)
    return subprocess.run([sys.executable, "-m", "audiolab", *args], cwd=_with_params(work), capture_output=True,
                          text=True, timeout=300)


def test_predict_every_format_and_a_short_file(models_dir, tmp_path, tone_writer):
    files = []
    for name, container, subtype, rate, channels in (("a.wav", "WAV", "PCM_24", 44100, 2),
                                                     ("b.flac", "FLAC", "PCM_16", 22050, 1),
                                                     ("c.ogg", "OGG", "VORBIS", 48000, 2),
                                                     ("d.mp3", "MP3", "MPEG_LAYER_III", 16000, 1)):
        tone_writer(tmp_path / name, 2.5, rate, subtype, channels, container)
        files.append(str(tmp_path / name))
    tone_writer(tmp_path / "short.wav", 0.2, 8000, "PCM_U8")
    files.append(str(tmp_path / "short.wav"))
    for task in ("speech-music-noise", "emotion", "gender"):
        result = _cli(models_dir, "predict", "--task", task, "--json", *files)
        assert result.returncode == 0, result.stderr
        import json

        answers = json.loads(result.stdout)
        assert [a["file"] for a in answers] == files
        assert all(sum(a["probabilities"].values()) == pytest.approx(1, abs=1e-3) for a in answers[:4])
        if task == "speech-music-noise":
            assert "short.wav" in result.stderr and "zero-padded" in result.stderr
            assert sum(answers[4]["probabilities"].values()) == pytest.approx(1, abs=1e-3)
        else:  # 0.2 s ends before the excerpt the emotion and gender models hear
            assert answers[4]["label"] == "silence" and answers[4]["probabilities"] == {}


def test_bad_files_exit_2_and_good_files_still_answered(models_dir, tmp_path, tone_writer):
    tone_writer(tmp_path / "good.wav", 1.5)
    (tmp_path / "empty.wav").write_bytes(b"")
    (tmp_path / "text.wav").write_text("not audio")
    result = _cli(models_dir, "predict", str(tmp_path / "missing.wav"), str(tmp_path / "empty.wav"),
                  str(tmp_path / "text.wav"), str(tmp_path / "good.wav"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3 and "no such file" in errors[0] and "empty" in errors[1]
    assert result.stdout.startswith(str(tmp_path / "good.wav"))


def test_segment_command_writes_each_format(models_dir, tmp_path):
    path, _ = _constructed(tmp_path, np.random.default_rng(2))
    for fmt in FORMATS:
        out = tmp_path / f"out.{fmt}"
        result = _cli(models_dir, "segment", str(path), "--format", fmt, "--out", str(out), "--median-frames", "21")
        assert result.returncode == 0, result.stderr
        parsed = parse_segments(out.read_text(), fmt)
        assert parsed[0][1] == 0.0 and parsed[-1][2] == pytest.approx(13.99, abs=0.02)
        assert all(a[2] == b[1] for a, b in zip(parsed, parsed[1:]))  # contiguous
    missing = _cli(models_dir, "segment", str(tmp_path / "nope.wav"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def _main(work, monkeypatch, capsys, *args):
    """The command line in this process (no interpreter start-up per call): (exit status, stdout, stderr)."""
    from audiolab.cli.main import main

    monkeypatch.chdir(_with_params(work))
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_segment_a_folder_into_one_output_per_file_skipping_existing_ones(models_dir, tmp_path, monkeypatch, capsys):
    for name in ("a", "b"):
        (tmp_path / "in" / name).mkdir(parents=True)
        _constructed(tmp_path / "in" / name, np.random.default_rng(7))
        (tmp_path / "in" / name / "constructed.wav").rename(tmp_path / "in" / f"{name}.wav")
    (tmp_path / "in" / "notes.txt").write_text("not audio, not listed")
    status, _, err = _main(models_dir, monkeypatch, capsys, *DEMO, "segment", str(tmp_path / "in"))
    assert status == 2 and "--out-dir" in err
    out = tmp_path / "out"
    status, _, err = _main(models_dir, monkeypatch, capsys, *DEMO, "segment", str(tmp_path / "in"),
                           "--out-dir", str(out), "--median-frames", "21")
    assert status == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["a.tsv", "b.tsv"]
    assert (out / "a.tsv").read_text() == (out / "b.tsv").read_text()  # the same audio
    expected = (out / "b.tsv").read_text()
    (out / "a.tsv").write_text("kept")
    (out / "b.tsv").unlink()
    status, _, err = _main(models_dir, monkeypatch, capsys, *DEMO, "segment", str(tmp_path / "in"),
                           "--out-dir", str(out), "--skip-existing", "--median-frames", "21")
    assert status == 0 and (out / "a.tsv").read_text() == "kept" and (out / "b.tsv").read_text() == expected
    assert "1 of 2 files segmented; 1 skipped (output exists), 0 failed" in err
    assert f"skipped {tmp_path / 'in' / 'a.wav'}: output exists" in err


def test_segment_frames_and_a_speech_threshold(models_dir, tmp_path, monkeypatch, capsys):
    path, truth = _constructed(tmp_path, np.random.default_rng(8))
    status, out, err = _main(models_dir, monkeypatch, capsys, *DEMO, "segment", str(path), "--frames",
                             "--median-frames", "21")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == "start_s,label,music,speech,noise" and len(lines) - 1 == pytest.approx(1400, abs=2)
    rows = [line.split(",") for line in lines[1:]]
    assert rows[450][1] == "silence" and [float(v) for v in rows[450][2:]] == [0, 0, 0]  # 4.5 s: the gap
    sums = [sum(map(float, row[2:])) for row in rows if row[1] != "silence"]
    assert sums and all(abs(total - 1) < 2e-3 for total in sums)
    labels = {}
    for threshold in ("0.001", "0.999"):
        _, out, _ = _main(models_dir, monkeypatch, capsys, *DEMO, "segment", str(path), "--frames",
                          "--threshold", threshold, "--median-frames", "21")
        labels[threshold] = {row.split(",")[1] for row in out.splitlines()[1:]}
    assert labels["0.001"] == {"speech", "silence"}  # every sound frame reaches the lowest threshold
    assert "speech" not in labels["0.999"]
    status, _, err = _main(models_dir, monkeypatch, capsys, *DEMO, "segment", str(path), "--threshold", "1.5")
    assert status == 2 and "between 0 and 1" in err


def test_the_shipped_model_answers_by_default_and_the_demo_models_say_what_they_are(models_dir, tmp_path,
                                                                                    monkeypatch, capsys):
    from audiolab.cli.registry import shipped_model

    path, _ = _constructed(tmp_path, np.random.default_rng(9))
    status, out, err = _main(models_dir, monkeypatch, capsys, "segment", str(path))
    assert status == 0 and out, err
    if shipped_model():
        assert err == ""
    else:
        assert "trained on the synthetic demo corpus" in err
    status, _, err = _main(models_dir, monkeypatch, capsys, "--models", "models", "predict", "--task", "gender",
                           str(path))
    assert status == 0 and err == ""  # the user's own models: no note
    status, _, err = _main(models_dir, monkeypatch, capsys, "predict", "--task", "gender", str(path))
    assert status == 0 and "gender model was trained on the synthetic demo corpus" in err and "RAVDESS" in err


def test_mixture_spans_and_frame_truth():
    from audiolab.swishnet.segment_eval import concatenate_with_gaps, frame_truth

    signal, spans = concatenate_with_gaps([("speech", np.ones(300)), ("music", np.ones(200))], 100, gap_s=0.5)
    assert signal.size == 300 + 50 + 200 + 50
    assert spans == [("speech", 0.0, 3.0), ("silence", 3.0, 3.5), ("music", 3.5, 5.5), ("silence", 5.5, 6.0)]
    truth = frame_truth(spans, 600, step_s=0.01, window_s=0.02)  # frame i centred at i/100 + 0.01
    assert truth[0] == "speech" and truth[298] == "speech" and truth[299] == "silence"
    assert truth[349] == "music" and truth[548] == "music" and truth[549] == "silence"


def test_frame_scores_against_hand_computed_values():
    from audiolab.swishnet.segment_eval import score_frames

    truth = ["speech", "speech", "music", "noise", "silence", "music"]
    predicted = ["speech", "music", "noise", "noise", "speech", "silence"]
    scores = score_frames(predicted, truth)
    # scored frames: 0-3 (frame 4 is silent in truth, frame 5 gated as silence)
    assert scores["n_frames"] == 4
    assert scores["accuracy"] == pytest.approx(2 / 4)
    assert scores["sns_accuracy"] == pytest.approx(3 / 4)  # only frame 1 crosses speech/non-speech
    assert scores["gated_fraction"] == pytest.approx(1 / 5)
    # all five sound frames, the gated frame 5 an error: 2/5 right, 3/5 on the speech / non-speech side
    assert (scores["accuracy_all_sound"], scores["sns_accuracy_all_sound"]) == pytest.approx((2 / 5, 3 / 5))


def test_the_fused_export_graph_computes_the_same_function():
    import keras

    from audiolab.swishnet.export import fused_swishnet
    from audiolab.swishnet.model import build_swishnet, frame_model

    rng = np.random.default_rng(0)
    features = rng.normal(size=(8, 49, 20)).astype(np.float32)
    for width in (1, 2):
        keras.utils.set_random_seed(width)
        model = build_swishnet((49, 20), width=width)
        model.set_weights([rng.normal(scale=0.3, size=w.shape).astype(np.float32) for w in model.get_weights()])
        np.testing.assert_allclose(fused_swishnet(model).predict(features, verbose=0),
                                   model.predict(features, verbose=0), atol=1e-6)
        sequence = features.reshape(1, -1, 20)  # any length
        np.testing.assert_allclose(fused_swishnet(model, frames=True).predict(sequence, verbose=0),
                                   frame_model(model).predict(sequence, verbose=0), atol=1e-6)


@pytest.mark.parametrize("mean_frames", [0, 49])
def test_tflite_export_keeps_the_probabilities_and_the_int8_model_fits_22_kb(mean_frames):
    import keras

    from audiolab.swishnet.export import LiteRTModel, export_with_parity
    from audiolab.swishnet.model import build_swishnet

    rng = np.random.default_rng(0)
    features = rng.normal(size=(40, 49, 20)).astype(np.float32)
    labels = rng.integers(0, 3, 40)
    keras.utils.set_random_seed(3)
    model = build_swishnet((49, 20), mean_frames=mean_frames)
    flatbuffers, metrics = export_with_parity(model, (features, labels), features[:20])
    assert metrics["float"]["max_probability_difference"] <= 1e-5 and metrics["float"]["parity_ok"] == 1
    assert metrics["frames"]["max_probability_difference"] <= 1e-5 and metrics["frames"]["parity_ok"] == 1
    assert metrics["float"]["accuracy"] == metrics["keras"]["accuracy"]
    assert metrics["float"]["bytes"] == len(flatbuffers["float"]) > 0
    assert metrics["int8"]["bytes"] == len(flatbuffers["int8"]) <= 22528 and metrics["int8"]["size_ok"] == 1
    int8 = LiteRTModel(flatbuffers["int8"])
    assert int8.source["dtype"] == np.int8 and int8.target["dtype"] == np.int8  # full-integer, input to output
    probabilities = int8.predict(features)
    np.testing.assert_allclose(probabilities, model.predict(features, verbose=0), atol=0.05)
    assert metrics["int8"]["accuracy"] == np.mean(probabilities.argmax(axis=1) == labels)


class _Identity:
    """A stand-in frame model whose per-frame output is its input: it exposes the features."""

    output_shape = (None, None, 20)

    def predict(self, features, verbose=0):
        return features


def test_segmenter_features_for_the_sound_of_a_file_with_pauses_equal_the_clip_pipelines(tmp_path):
    from audiolab.swishnet.clips import preprocess
    from audiolab.swishnet.mfcc import mfcc

    config, window = ClipConfig(), 4000  # 250 ms at 16 kHz
    rng = np.random.default_rng(0)
    t = np.arange(8 * window) / 16000
    signal = np.concatenate([0.3 * rng.standard_normal(6 * window), np.zeros(3 * window),
                             0.05 * rng.standard_normal(5 * window), np.zeros(2 * window),
                             0.2 * np.sin(2 * np.pi * 330 * t)]).astype(np.float32)
    sf.write(tmp_path / "pauses.wav", signal, 16000, subtype="FLOAT")
    probabilities, silent = frame_probabilities(tmp_path / "pauses.wav", _Identity(), config, block_s=1.3)
    expected = mfcc(preprocess(signal, config), **config.mfcc_args)  # training: silence out, then loudness, MFCC
    assert silent.sum() == 5 * 25  # the five silent windows' frames
    sound = probabilities[~silent]
    assert len(sound) == len(expected)
    np.testing.assert_allclose(sound, expected, atol=1e-4)
    assert not probabilities[silent].any()


def test_smoothing_never_mixes_silent_frames_and_repeats_no_edge_frame():
    a, b = [1.0, 0.0], [0.0, 1.0]
    probabilities = np.array([a] * 40 + [b] * 160 + [b] * 30 + [a] * 100, dtype=np.float32)
    silent = np.zeros(len(probabilities), bool)
    silent[200:230] = True  # silence that a model scored as b
    labels = label_frames(probabilities, silent, 200)
    assert labels[0] == 1  # its window holds 40 a and 60 b; repeating frame 0 a hundred times would make it a
    assert (labels[200:230] == -1).all()
    assert (labels[230:] == 0).all()  # the sound after the pause: the silent frames' b never enters its median


@pytest.mark.parametrize("frames,size", [(1000, 200), (1000, 7), (150, 200), (5, 200), (10, 1)])
def test_running_median_is_the_median_of_the_frames_each_window_holds(frames, size):
    values = np.random.default_rng(frames + size).random((frames, 3)).astype(np.float32)
    wide = values.astype(np.float64)
    expected = np.array([np.median(wide[max(0, i - size // 2):i - size // 2 + size], axis=0) for i in range(frames)])
    np.testing.assert_array_equal(running_median(values, size), expected)


def test_running_median_windows_stay_within_their_runs():
    values = np.random.default_rng(5).random((300, 3))
    runs = np.repeat([0, 1, 2], [50, 200, 50])
    expected = np.concatenate([running_median(values[runs == run], 51) for run in range(3)])
    np.testing.assert_array_equal(running_median(values, 51, runs=runs), expected)


def test_predict_prints_no_tensorflow_log_lines(models_dir, tmp_path, tone_writer):
    import os

    tone_writer(tmp_path / "tone.wav", 1.5)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_", "OPENBLAS_"))}
    (models_dir / "params.yaml").write_text((REPO / "params.yaml").read_text())
    result = subprocess.run([sys.executable, "-m", "audiolab", *DEMO, "predict", str(tmp_path / "tone.wav")], cwd=models_dir,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no oneDNN, absl or cpu_feature_guard lines


class _MeanFeatureModel:
    """A stand-in clip model: softmax of each clip's mean first three coefficients."""

    def predict(self, clips, batch_size=None, verbose=0):
        z = clips.mean(axis=1)[:, :3].astype(np.float64)
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("clip_s", [0.5, 1.0, 2.0])
def test_streamed_prediction_equals_the_whole_file_preprocessing(tmp_path, clip_s):
    from audiolab.cli.predict import clip_probabilities
    from audiolab.core.audio import load_audio
    from audiolab.swishnet.clips import preprocess, signal_clips

    path, _ = _constructed(tmp_path, np.random.default_rng(5))
    model = _MeanFeatureModel()
    clips = signal_clips(preprocess(load_audio(path, SR), CONFIG), [clip_s], CONFIG)[clip_s]
    whole_file = model.predict(clips).mean(axis=0)
    for block_s in (0.7, 3.3, 60.0):
        np.testing.assert_allclose(clip_probabilities(path, model, clip_s, CONFIG, block_s), whole_file, rtol=1e-5)


def _bad_cli_files(folder):
    """{name: what the command line must say}: a label, ``silence``, or an error fragment."""
    import os

    folder.mkdir()
    t = np.arange(int(1.5 * SR)) / SR
    tone = 0.3 * np.sin(2 * np.pi * 440 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))
    sf.write(folder / "good.wav", tone, SR)
    sf.write(folder / "UPPER.WAV", tone[::-1], SR)
    sf.write(folder / "tab\tand\nnewline.wav", tone, SR)
    sf.write(folder / "ünïcødé.wav", tone, SR)
    sf.write(folder / "wavex.wav", np.stack([tone, tone], axis=1), SR, subtype="PCM_24", format="WAVEX")
    sf.write(folder / "clipped.wav", np.sign(tone), SR)
    sf.write(folder / "silent.wav", np.zeros(10 * SR), SR)
    sf.write(folder / "tiny.wav", tone[:800], SR)
    nan = tone.astype(np.float32)
    nan[100:200] = np.nan
    sf.write(folder / "nan.wav", nan, SR, subtype="FLOAT")
    (folder / "empty.wav").write_bytes(b"")
    (folder / "text.wav").write_text("not audio\n")
    sf.write(folder / "header_only.wav", np.zeros(0), SR)
    (folder / "directory.wav").mkdir()
    os.mkfifo(folder / "fifo.wav")
    (folder / "broken.wav").symlink_to(folder / "gone.wav")
    return {"good.wav": "label", "UPPER.WAV": "label", "tab\tand\nnewline.wav": "label", "ünïcødé.wav": "label",
            "wavex.wav": "label", "clipped.wav": "label", "silent.wav": "silence", "tiny.wav": "label or silence",
            "nan.wav": "non-finite samples", "empty.wav": "empty file", "text.wav": "not readable as audio",
            "header_only.wav": "no audio samples", "directory.wav": "is a directory", "fifo.wav": "not a regular file",
            "broken.wav": "broken symbolic link", "missing.wav": "no such file", "/dev/null": "not a regular file"}


@pytest.mark.parametrize("task", ["speech-music-noise", "emotion"])
def test_predict_answers_every_hostile_file_with_a_label_silence_or_one_error(models_dir, tmp_path, task):
    from audiolab.cli.main import _field

    expected = _bad_cli_files(tmp_path / "in")
    paths = {name: name if name.startswith("/") else str(tmp_path / "in" / name) for name in expected}
    result = _cli(models_dir, "predict", "--task", task, *paths.values())  # a FIFO would hang a careless reader
    assert result.returncode == 2 and "Traceback" not in result.stderr and "nan" not in result.stdout
    answers = {}
    for line in result.stdout.splitlines():
        fields = line.split("\t")
        assert len(fields) == 3, line  # names with tabs and newlines are escaped
        answers[fields[0]] = fields[1]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(answers) + len(errors) == len(expected)
    for name, outcome in expected.items():
        if outcome in ("label", "silence", "label or silence"):
            label = answers[_field(paths[name])]
            silence_expected = outcome == "silence" or (outcome == "label or silence" and task == "emotion")
            assert (label == "silence") == silence_expected, (name, label)
        else:
            assert [e for e in errors if paths[name] in e and outcome in e], (name, outcome, errors)
    if task == "speech-music-noise":  # 0.05 s of sound is padded to a clip, and says so
        assert "tiny.wav: 0.05 s of sound is shorter than a 1 s clip: zero-padded" in result.stderr


def test_a_bad_file_is_reported_before_any_model_is_loaded(tmp_path):
    result = _cli(tmp_path, "--models", str(tmp_path / "no_models"), "predict", str(tmp_path / "missing.wav"))
    assert result.returncode == 2 and result.stderr.strip().endswith("missing.wav: no such file")


def test_segment_refuses_hostile_files_with_one_error_and_answers_silence(models_dir, tmp_path):
    expected = _bad_cli_files(tmp_path / "in")
    for name in ("nan.wav", "fifo.wav", "missing.wav", "directory.wav", "broken.wav", "text.wav"):
        result = subprocess.run([sys.executable, "-m", "audiolab", *DEMO, "segment", str(tmp_path / "in" / name)],
                                cwd=_with_params(models_dir), capture_output=True, text=True, timeout=120)
        assert result.returncode == 2 and result.stdout == "", name
        message = "a folder with no audio files" if name == "directory.wav" else expected[name]  # segment reads folders
        assert result.stderr.count("\n") == 1 and message in result.stderr, (name, result.stderr)
    silent = _cli(models_dir, "segment", str(tmp_path / "in/silent.wav"))
    assert silent.returncode == 0 and [line.split("\t")[0] for line in silent.stdout.splitlines()] == ["silence"]


def test_segment_runs_the_exported_frame_model_without_tensorflow(models_dir, tmp_path):
    """The command line segments with LiteRT, never importing TensorFlow, and gives the segments of the
    Keras frame model it was exported from."""
    import keras

    from audiolab.cli.formats import format_segments
    from audiolab.cli.registry import model_path
    from audiolab.corpora.musan import LABELS
    from audiolab.swishnet.model import frame_model
    from audiolab.swishnet.segment import segment_file

    path, _ = _constructed(tmp_path, np.random.default_rng(4))
    probe = ("import sys; from audiolab.cli.main import main; status = main(sys.argv[1:]); "
             "print('tensorflow' in sys.modules, 'keras' in sys.modules, file=sys.stderr); sys.exit(status)")
    result = subprocess.run([sys.executable, "-c", probe, *DEMO, "segment", str(path), "--median-frames", "21"],
                            cwd=_with_params(models_dir), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stderr.strip() == "False False", result.stderr
    seed = yaml.safe_load((REPO / "params.yaml").read_text())["train_seeds"][0]
    keras_frames = frame_model(keras.models.load_model(model_path(models_dir / "models", "speech-music-noise", seed)))
    assert result.stdout == format_segments(segment_file(path, keras_frames, CONFIG, LABELS, median_frames=21), "csv")
