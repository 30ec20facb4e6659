import numpy as np

from audiolab.core.audio import load_audio
from audiolab.core.params import load_params
from audiolab.corpora import gtzan, musan, ravdess, urbansound8k
from audiolab.corpora.demo.generator import write_demo
from import_closure import REPO


def _scans(root):
    return {
        "musan": musan.scan(root / "musan"),
        "gtzan": gtzan.scan(root / "music_speech"),
        "ravdess": ravdess.scan(root / "ravdess"),
        "urbansound8k": urbansound8k.scan(root / "UrbanSound8K"),
    }


def test_every_demo_file_is_found_and_readable(small_demo):
    root, counts = small_demo
    scans = _scans(root)
    for name, scan in scans.items():
        assert scan.skipped.empty, name
    assert len(scans["musan"].manifest) == counts["musan"]
    assert len(scans["gtzan"].manifest) == counts["gtzan"]
    assert len(scans["ravdess"].manifest) == counts["ravdess"]
    assert len(scans["urbansound8k"].manifest) == 10  # fold1 only; fold2 clips are in the CSV too
    for name, scan in scans.items():
        corpus_root = root / {"musan": "musan", "gtzan": "music_speech", "ravdess": "ravdess",
                              "urbansound8k": "UrbanSound8K"}[name]
        for relative in scan.manifest["path"][:40]:
            signal = load_audio(corpus_root / relative, 16000)
            assert signal.size > 0 and np.abs(signal).max() > 0.01


def test_demo_layouts_match_the_real_corpora(small_demo):
    root, _ = small_demo
    m = _scans(root)["musan"].manifest
    assert set(m["label"]) == {"music", "speech", "noise"}
    assert set(m["source"]) == {"fma", "fma-western-art", "hd-classical", "jamendo", "rfm",
                                "librivox", "us-gov", "free-sound", "sound-bible"}
    assert (root / "musan/speech/librivox/ANNOTATIONS").is_file()
    assert not (root / "musan/speech/us-gov/ANNOTATIONS").exists()
    assert (m["sample_rate"] == 16000).all()
    assert (_scans(root)["gtzan"].manifest["sample_rate"] == 22050).all()
    urban = _scans(root)["urbansound8k"].manifest
    assert urban["sample_rate"].nunique() >= 5
    assert {"PCM_U8", "PCM_16", "PCM_24", "FLOAT"} <= set(urban["subtype"])
    assert urban["channels"].max() == 2
    assert (urban["duration_s"] <= 4.0 + 1e-6).all()
    extensible = [p for p in urban["path"]
                  if (root / "UrbanSound8K" / p).read_bytes()[20:22] == b"\xfe\xff"]
    assert extensible


def test_ravdess_demo_has_every_actor_all_emotions_and_gender_parity(small_demo, small_demo_sizes):
    root, _ = small_demo
    m = _scans(root)["ravdess"].manifest
    assert m["actor"].nunique() == small_demo_sizes["ravdess"]["actors"]
    assert load_params(REPO / "params.yaml")["demo"]["ravdess"]["actors"] == 24  # the pipeline's demo has RAVDESS' 24
    assert set(m["emotion"]) == set(ravdess.EMOTIONS)
    assert set(m.loc[m["emotion"] == "neutral", "intensity"]) == {"normal"}
    assert (m.groupby("actor").size() == 30).all()  # 60 per actor with two repetitions
    assert ((m["actor"] % 2 == 1) == (m["gender"] == "male")).all()
    assert m["duration_s"].between(2.9, 5.3).all()
    assert (m["sample_rate"] == 48000).all()


def test_emotions_differ_in_prosody(small_demo):
    """Loud anger and quiet sadness: the demo gives the classifiers something real to learn."""
    root, _ = small_demo
    m = _scans(root)["ravdess"].manifest
    def mean_rms(emotion):
        paths = m.loc[(m["emotion"] == emotion) & (m["intensity"] == "strong"), "path"]
        return np.mean([np.sqrt(np.mean(load_audio(root / "ravdess" / p, 16000) ** 2)) for p in paths])
    assert mean_rms("angry") > 1.5 * mean_rms("sad")


def test_same_seed_same_bytes_whatever_the_worker_count(small_demo, small_demo_sizes, tmp_path):
    root, _ = small_demo
    sizes = {**small_demo_sizes, "ravdess": {"actors": 2, "repetitions": 1}}
    write_demo(tmp_path, sizes, seed=7, workers=1)
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.name != "demo.json")  # records the sizes
    assert len(files) > 60
    for path in files:
        assert path.read_bytes() == (root / path.relative_to(tmp_path)).read_bytes(), path


def test_another_seed_gives_other_audio(small_demo, small_demo_sizes, tmp_path):
    root, _ = small_demo
    sizes = {**small_demo_sizes, "ravdess": {"actors": 1, "repetitions": 1}}
    write_demo(tmp_path, sizes, seed=8, workers=1)
    relative = "ravdess/Actor_01/03-01-05-02-01-01-01.wav"
    assert (tmp_path / relative).read_bytes() != (root / relative).read_bytes()
