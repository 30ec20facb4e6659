import pytest

from audiolab.corpora import gtzan, musan, ravdess, urbansound8k
from audiolab.core.errors import CorpusNotFoundError


def test_musan_layout_with_and_without_annotations(tmp_path, tone_writer):
    root = tmp_path / "musan"
    for i, rel in enumerate(["music/fma/music-fma-0000.wav", "music/hd-classical/music-hd-0001.wav",
                "speech/librivox/speech-librivox-0166.wav", "speech/us-gov/speech-us-gov-0001.wav",
                "noise/free-sound/noise-free-sound-0842.wav"]):
        tone_writer(root / rel, 0.5, freq_hz=200 + 100 * i)  # distinct content: copies are duplicates
    (root / "music/fma/ANNOTATIONS").write_text("music-fma-0000 Rock,Pop Y The Big Band\n")
    (root / "music/fma/LICENSE").write_text("cc\n")
    (root / "speech/librivox/ANNOTATIONS").write_text("speech-librivox-0166 f english\n")
    (root / "noise/free-sound/ANNOTATIONS").write_text("noise-free-sound-0842\n")
    (root / "README").write_text("not audio\n")

    scan = musan.scan(root)
    m = scan.manifest.set_index("group")
    assert len(m) == 5 and scan.skipped.empty
    assert m.loc["music-fma-0000", "label"] == "music"
    assert m.loc["music-fma-0000", "artist"] == "The Big Band"
    assert m.loc["music-fma-0000", "vocals"] == "Y"
    assert m.loc["speech-librivox-0166", "gender"] == "f"
    assert m.loc["speech-us-gov-0001", "source"] == "us-gov"  # no ANNOTATIONS: still listed
    assert m.loc["noise-free-sound-0842", "path"] == "noise/free-sound/noise-free-sound-0842.wav"
    assert m["duration_s"].round(3).eq(0.5).all()


def test_musan_unreadable_file_is_listed_not_dropped(tmp_path, tone_writer):
    root = tmp_path / "musan"
    for i, label in enumerate(("music", "speech", "noise")):
        tone_writer(root / f"{label}/src/{label}-src-0000.wav", 0.2, freq_hz=200 + 100 * i)
    (root / "noise/src/noise-src-0001.wav").write_text("garbage")
    scan = musan.scan(root)
    assert len(scan.manifest) == 3
    assert scan.skipped["path"].tolist() == ["noise/src/noise-src-0001.wav"]


def test_missing_corpus_names_the_param(tmp_path):
    with pytest.raises(CorpusNotFoundError, match="corpora.musan"):
        musan.scan(tmp_path / "nowhere")
    with pytest.raises(CorpusNotFoundError, match="corpora.ravdess"):
        ravdess.scan(tmp_path)
    with pytest.raises(CorpusNotFoundError, match="corpora.urbansound8k"):
        urbansound8k.scan(tmp_path)
    with pytest.raises(CorpusNotFoundError, match="corpora.gtzan"):
        gtzan.scan(tmp_path)


def test_gtzan_counts_files(tmp_path, tone_writer):
    root = tmp_path / "music_speech"
    for i, name in enumerate(["music_wav/bagpipe.wav", "music_wav/blues.wav", "music_wav/jazz.wav",
                 "speech_wav/acomic.wav", "speech_wav/allison.wav"]):
        tone_writer(root / name, 0.3, 22050, freq_hz=200 + 100 * i)
    m = gtzan.scan(root).manifest
    assert m["label"].value_counts().to_dict() == {"music": 3, "speech": 2}
    assert set(m["group"]) == {"bagpipe", "blues", "jazz", "acomic", "allison"}
    assert (m["sample_rate"] == 22050).all()


def test_ravdess_parses_every_field_and_keeps_speech_only(tmp_path, tone_writer):
    root = tmp_path / "ravdess"
    tone_writer(root / "Actor_01/03-01-05-02-01-02-01.wav", 0.3, 48000, freq_hz=200)  # angry strong, male
    tone_writer(root / "Actor_12/03-01-01-01-02-01-12.wav", 0.3, 48000, freq_hz=300)  # neutral, female
    tone_writer(root / "Actor_12/03-02-03-01-01-01-12.wav", 0.3, 48000)  # song
    tone_writer(root / "Actor_12/01-01-03-01-01-01-12.wav", 0.3, 48000)  # audio-video
    tone_writer(root / "Actor_12/readme.wav", 0.3, 48000)
    scan = ravdess.scan(root)
    m = scan.manifest.set_index("recording")
    assert list(m.index) == ["03-01-05-02-01-02-01", "03-01-01-01-02-01-12"]
    angry = m.loc["03-01-05-02-01-02-01"]
    assert (angry["emotion"], angry["intensity"], angry["statement"], angry["repetition"],
            angry["actor"], angry["gender"], angry["label"]) == ("angry", "strong", 1, 2, 1, "male", "angry")
    assert m.loc["03-01-01-01-02-01-12", "gender"] == "female"
    assert sorted(scan.skipped["path"]) == ["Actor_12/01-01-03-01-01-01-12.wav",
                                            "Actor_12/03-02-03-01-01-01-12.wav", "Actor_12/readme.wav"]


def test_ravdess_file_name_round_trip():
    name = ravdess.file_name(emotion_id=8, intensity=2, statement=2, repetition=1, actor=24)
    assert name == "03-01-08-02-02-01-24.wav"
    fields = ravdess.parse_name(name[:-4])
    assert fields["emotion"] == "surprised" and fields["gender"] == "female"


@pytest.mark.parametrize("class_column", ["class", "class_name"])
def test_urbansound8k_fold1_and_both_column_names(tmp_path, tone_writer, class_column):
    root = tmp_path / "UrbanSound8K"
    tone_writer(root / "audio/fold1/101415-3-0-2.wav", 0.5, 44100, "PCM_24", 2, "WAVEX")
    tone_writer(root / "audio/fold1/7061-6-0-0.wav", 0.5, 8000, "PCM_U8")
    tone_writer(root / "audio/fold2/100652-3-0-0.wav", 0.5, 22050)
    (root / "metadata").mkdir()
    (root / "metadata/UrbanSound8K.csv").write_text(
        f"slice_file_name,fsID,start,end,salience,fold,classID,{class_column}\n"
        "101415-3-0-2.wav,101415,1.0,1.5,1,1,3,dog_bark\n"
        "7061-6-0-0.wav,7061,0.0,0.5,2,1,6,gun_shot\n"
        "99812-1-2-0.wav,99812,0.0,0.5,2,1,1,car_horn\n"
        "100652-3-0-0.wav,100652,0.0,0.5,1,2,3,dog_bark\n"
    )
    scan = urbansound8k.scan(root)
    m = scan.manifest.set_index("path")
    assert list(m.index) == ["audio/fold1/101415-3-0-2.wav", "audio/fold1/7061-6-0-0.wav"]
    assert m.loc["audio/fold1/7061-6-0-0.wav", "label"] == "gun_shot"
    assert m.loc["audio/fold1/101415-3-0-2.wav", "channels"] == 2
    assert scan.skipped["path"].tolist() == ["audio/fold1/99812-1-2-0.wav"]
