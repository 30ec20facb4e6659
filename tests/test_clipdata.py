import h5py
import numpy as np
import pandas as pd
import pytest

from audiolab.core.errors import AudiolabError
from audiolab.swishnet.augment import NoiseMix
from audiolab.swishnet.clips import ClipConfig, write_clip_files
from audiolab.swishnet.dataset import clip_files, load_clips

CLASSES = ("speech", "music", "noise")


@pytest.fixture
def corpus(tmp_path, tone_writer):
    rows = []
    for i, (label, split, seconds) in enumerate([("speech", "train", 3.0), ("music", "train", 2.2),
                                                 ("noise", "val", 1.6), ("speech", "test", 2.0),
                                                 ("music", "test", 0.7)]):
        path = f"{label}/{label}-{i}.wav"
        tone_writer(tmp_path / path, seconds, 16000, freq_hz=200 + 100 * i)
        rows.append({"path": path, "label": label, "split": split})
    (tmp_path / "noise").mkdir(exist_ok=True)
    (tmp_path / "noise/broken.wav").write_text("not audio")
    (tmp_path / "noise/silent.wav").write_bytes(b"")
    tone_writer(tmp_path / "noise/quiet.wav", 1.0, 16000, amplitude=1e-4)  # below 40 dB: all silent
    rows += [{"path": p, "label": "noise", "split": "train"} for p in ("noise/broken.wav", "noise/silent.wav", "noise/quiet.wav")]
    return tmp_path, pd.DataFrame(rows)


def _write(root, manifest, out_dir, workers):
    out = {s: out_dir / f"clips_{s}s.h5" for s in (0.5, 1, 2)}
    return out, write_clip_files(manifest, root, out, ClipConfig(), CLASSES, workers=workers)


def test_clip_files_hold_every_clip_with_its_file_label_and_split(corpus, tmp_path):
    root, manifest = corpus
    out, skipped = _write(root, manifest, tmp_path / "f1", workers=2)
    reasons = {row["path"]: row["reason"] for row in skipped}
    assert "not readable" in reasons["noise/broken.wav"]
    assert "empty" in reasons["noise/silent.wav"]
    assert "all silent" in reasons["noise/quiet.wav"]
    assert any("music-4.wav" in r["path"] and "shorter than a 1 s clip" in r["reason"] for r in skipped)
    with h5py.File(out[0.5], "r") as h5:
        assert h5["features"].shape[1:] == (49, 20)
        files, index = h5["files"].asstr()[:], h5["file_index"][:]
        # 3 s of speech gives 11 half-second clips, 2.2 s of music 7
        assert np.bincount(index, minlength=len(files))[:2].tolist() == [11, 7]
        per_file_split = pd.DataFrame({"file": index, "split": h5["split"][:]}).groupby("file")["split"].nunique()
        assert (per_file_split == 1).all()
        assert set(h5["labels"][index == 2]) == {CLASSES.index("noise")}
    x, y = load_clips(out[2], "test")
    assert x.shape == (1, 199, 20) and y.tolist() == [0]  # only the 2 s speech file gives a 2 s clip
    assert clip_files(out[2], "test").tolist() == ["speech/speech-3.wav"]
    assert clip_files(out[0.5], "train").tolist() == ["speech/speech-0.wav"] * 11 + ["music/music-1.wav"] * 7


def test_same_output_whatever_the_worker_count(corpus, tmp_path):
    root, manifest = corpus
    out1, _ = _write(root, manifest, tmp_path / "a", workers=1)
    out2, _ = _write(root, manifest, tmp_path / "b", workers=2)
    for clip_s in out1:
        with h5py.File(out1[clip_s], "r") as a, h5py.File(out2[clip_s], "r") as b:
            for name in ("features", "labels", "split", "file_index"):
                np.testing.assert_array_equal(a[name][:], b[name][:])


@pytest.fixture
def noisy_corpus(tmp_path, tone_writer):
    """Speech and music in every split, and a noise file in every split: a noise pool that took
    validation or test noise would be caught."""
    rows = []
    for split in ("train", "val", "test"):
        for label, freq_hz in (("speech", 300), ("music", 500), ("noise", 900)):
            path = f"{label}/{split}.wav"
            tone_writer(tmp_path / path, 2.0, 16000, freq_hz=freq_hz + 37 * len(rows))
            rows.append({"path": path, "label": label, "split": split})
    return tmp_path, pd.DataFrame(rows)


def test_noisy_copies_come_from_training_files_and_training_noise_only(noisy_corpus, tmp_path):
    root, manifest = noisy_corpus
    plain = {1: tmp_path / "plain.h5"}
    noisy = {1: tmp_path / "noisy.h5"}
    write_clip_files(manifest, root, plain, ClipConfig(), CLASSES, workers=1)
    skipped = write_clip_files(manifest, root, noisy, ClipConfig(), CLASSES, workers=2,
                               noise_mix=NoiseMix(copies=8, snr_db=(0, 10), seed=1))
    assert skipped == []
    with h5py.File(plain[1], "r") as a, h5py.File(noisy[1], "r") as b:
        n_plain = len(a["labels"])
        copy, noise = b["noise_copy"][:], b["noise_file_index"][:]
        assert (copy[:n_plain] == 0).all() and (noise[:n_plain] == -1).all()
        for name in ("features", "labels", "split", "file_index"):  # the originals are untouched
            np.testing.assert_array_equal(b[name][:n_plain], a[name][:])
        copies = slice(n_plain, None)
        assert sorted(set(copy[copies])) == list(range(1, 9))
        split_names, file_of = list(b.attrs["splits"]), manifest.iloc[b["file_index"][copies]]
        assert set(file_of["split"]) == {"train"} and set(file_of["label"]) == {"speech", "music"}
        assert (b["split"][copies] == split_names.index("train")).all()
        assert set(manifest.iloc[noise[copies]]["path"]) == {"noise/train.wav"}
        first_copy = b["features"][copies][copy[copies] == 1]
        assert not np.allclose(first_copy, a["features"][:][a["split"][:] == 0][:len(first_copy)], atol=1e-3)


def test_noise_mixing_without_training_noise_is_a_clear_error(noisy_corpus, tmp_path):
    root, manifest = noisy_corpus
    manifest = manifest[~((manifest["label"] == "noise") & (manifest["split"] == "train"))]
    with pytest.raises(AudiolabError, match="training noise file"):
        write_clip_files(manifest, root, {1: tmp_path / "x.h5"}, ClipConfig(), CLASSES, workers=1,
                         noise_mix=NoiseMix(copies=1, seed=1))
