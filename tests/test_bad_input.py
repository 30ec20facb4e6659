"""Hostile corpora: every kind of bad file, in each corpus layout, through the scan and feature code.

Each case has one expected outcome: kept (and featurised), skipped by the scan with a reason,
skipped by the feature step with a reason, or ignored (not audio). Every case file must end up
in exactly one of these places: nothing is dropped silently and nothing crashes.
"""

import itertools
import os
import shutil

import h5py
import numpy as np
import pandas as pd
import pytest
import soundfile as sf

from audiolab.corpora import gtzan, musan, ravdess, urbansound8k
from audiolab.ravdess.mel import MelConfig
from audiolab.ravdess.meldata import usable_noise, write_mel_file
from audiolab.swishnet.clips import ClipConfig, write_clip_files
from audiolab.swishnet.denoise import denoise_files

ROOT = os.geteuid() == 0  # root reads a chmod-000 file: for root it is a good file


def _tone(path, seconds=3.0, rate=16000, freq_hz=440.0, amplitude=0.3, subtype="PCM_16", channels=1,
          container="WAV"):
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * rate)) / rate
    mono = amplitude * np.sin(2 * np.pi * freq_hz * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))
    data = np.stack([mono] * channels, axis=1) if channels > 1 else mono
    sf.write(path, data, rate, subtype=subtype, format=container)


def _truncated(path):
    _tone(path, freq_hz=523.0)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])


def _nan(path):
    signal = np.full(48000, 0.1, np.float32)
    signal[1000:1100] = np.nan
    signal[2000] = np.inf
    sf.write(path, signal, 16000, subtype="FLOAT")


def _unreadable(path):
    _tone(path, freq_hz=587.0)
    path.chmod(0)


# case: (file name, writer, where it ends: "kept", "ignored" or the step that lists it, reason fragment)
def cases(name_of):
    """The bad-file cases, named by ``name_of(case)``, a layout's valid and distinct file name for the case."""
    good = name_of("good")
    return {
        "good": (good, lambda p: _tone(p), "kept", ""),
        "truncated": (name_of("truncated"), _truncated, "kept", ""),
        "clipped": (name_of("clipped"), lambda p: sf.write(p, np.sign(np.sin(np.arange(48000) / 9)), 16000),
                    "kept", ""),
        "upper_case": (name_of("upper_case")[:-4] + ".WAV", lambda p: _tone(p, freq_hz=330.0), "kept", ""),
        "wavex_96k_24bit_stereo": (name_of("wavex"), lambda p: _tone(p, 3.0, 96000, 659.0, subtype="PCM_24",
                                                                       channels=2, container="WAVEX"), "kept", ""),
        "unicode": (name_of("ünïcødé"), lambda p: _tone(p, freq_hz=698.0), "kept", ""),
        "unreadable": (name_of("unreadable"), _unreadable, *(("kept", "") if ROOT else ("scan", "permission denied"))),
        "empty": (name_of("empty"), lambda p: p.write_bytes(b""), "scan", "empty file"),
        "text": (name_of("text"), lambda p: p.write_text("this is not audio\n"), "scan", "unreadable header"),
        "header_only": (name_of("header_only"), lambda p: sf.write(p, np.zeros(0), 16000), "scan", "no audio samples"),
        "broken_symlink": (name_of("broken"), lambda p: p.symlink_to(p.parent / "nowhere.wav"), "scan",
                           "broken symbolic link"),
        "symlink": (name_of("zz_link"), lambda p: p.symlink_to(p.parent / good), "scan", "same content as"),
        "copy": (name_of("zz_copy"), lambda p: shutil.copy(p.parent / good, p), "scan", "same content as"),
        "apple_double": ("._" + good, lambda p: p.write_bytes(b"\x00\x05\x16\x07" + bytes(80)), "scan",
                         "AppleDouble"),
        "macosx_folder": ("__MACOSX", lambda p: (p.mkdir(), _tone(p / good, freq_hz=740.0)), "scan",
                          "macOS archive folder"),
        "ds_store": (".DS_Store", lambda p: p.write_bytes(b"Bud1" + bytes(60)), "ignored", ""),
        "silent": (name_of("silent"), lambda p: sf.write(p, np.zeros(48000), 16000), "features", "silent"),
        "nan_inf": (name_of("nan"), _nan, "features", "non-finite"),
        "tiny_0.05s": (name_of("tiny"), lambda p: _tone(p, 0.05, freq_hz=784.0), "features", "short"),
    }


LITTER = ("apple_double", "macosx_folder", "ds_store")


def write_cases(folder, table):
    """Write every case into ``folder`` (the good file first: links and copies point at it)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, writer, _, _ in sorted(table.values(), key=lambda case: case[0] != table["good"][0]):
        writer(folder / name)


def check_outcomes(table, folder, root, kept, **listed):
    """Every case where ``table`` says, with its reason, and in one place only; ``listed`` maps each
    step to the rows ({"path", "reason"}) it skipped. No reason holds the corpus's absolute path."""
    places = {"kept": dict.fromkeys(kept, "")}
    places.update({step: {row["path"]: row["reason"] for row in pd.DataFrame(rows, columns=["path", "reason"])
                          .to_dict("records")} for step, rows in listed.items()})
    for case, (name, _, where, reason) in table.items():
        path = f"{folder}/{name}"
        found = [place for place, paths in places.items() if path in paths]
        assert found == ([] if where == "ignored" else [where]), (case, found)
        if found:
            assert reason in places[where][path] and str(root) not in places[where][path], (case, places[where][path])


def test_musan_bad_files_are_kept_or_listed(tmp_path):
    root = tmp_path / "musan"
    table = cases(lambda case: f"music-src-{case}.wav")
    table["long_20min"] = ("music-src-long.wav", lambda p: _tone(p, 20 * 60, 8000, 880.0), "kept", "")
    write_cases(root / "music/src", table)
    _tone(root / "speech/spk/speech-spk-0000.wav", freq_hz=200.0)
    _tone(root / "noise/src/noise-src-0000.wav", freq_hz=1000.0)
    (root / "music/__MACOSX/src").mkdir(parents=True)
    _tone(root / "music/__MACOSX/src/music-src-good.wav", freq_hz=1200.0)

    scan = musan.scan(root)
    assert "music/__MACOSX" in set(scan.skipped["path"])  # not read as a source
    manifest = scan.manifest.assign(split="train")
    out = tmp_path / "clips_0.5s.h5"
    skipped = write_clip_files(manifest, root, {0.5: out}, ClipConfig(), musan.LABELS, workers=2)
    featurised = set(manifest["path"]) - {row["path"] for row in skipped}
    check_outcomes(table, "music/src", root, featurised, scan=scan.skipped, features=skipped)
    with h5py.File(out) as h5:
        assert np.isfinite(h5["features"][:]).all()
        files = h5["files"].asstr()[:]
        assert {files[i] for i in set(h5["file_index"][:])} == featurised


def test_gtzan_bad_files_are_kept_or_listed(tmp_path):
    root = tmp_path / "music_speech"
    table = cases(lambda case: f"{case}.wav")
    table["tiny_0.05s"] = table["tiny_0.05s"][:3] + ("shorter than the 0.12 s",)  # Log-MMSE's noise estimate
    write_cases(root / "music_wav", table)
    _tone(root / "speech_wav/talk.wav", freq_hz=200.0)

    scan = gtzan.scan(root)
    failed = denoise_files(list(scan.manifest["path"]), root, tmp_path / "denoised", 16000, workers=2)
    denoised = scan.manifest[~scan.manifest["path"].isin([row["path"] for row in failed])].assign(split="train")
    skipped = failed + write_clip_files(denoised, tmp_path / "denoised", {0.5: tmp_path / "clips.h5"}, ClipConfig(),
                                        ("music", "speech"), workers=2)
    featurised = set(scan.manifest["path"]) - {row["path"] for row in skipped}
    check_outcomes(table, "music_wav", root, featurised, scan=scan.skipped, features=skipped)


def _numbered(make_name):
    """A name_of giving each case the next number, through ``make_name(number)``."""
    counter = itertools.count()
    return lambda case: make_name(next(counter))


def _ravdess_name(i):
    return ravdess.file_name(emotion_id=1 + i % 8, intensity=1 + i // 8 % 2, statement=1 + i // 16 % 2,
                             repetition=1 + i // 32 % 2, actor=1)


def _noise_corpus(root):
    """An UrbanSound8K fold1 of the bad cases as noise clips, plus a metadata row without a file and a
    file without a row."""
    table = cases(_numbered(lambda i: f"{100 + i}-1-0-0.wav"))
    table["silent"] = table["silent"][:2] + ("noise_check", "silent")
    table["nan_inf"] = table["nan_inf"][:2] + ("noise_check", "non-finite")
    table["tiny_0.05s"] = table["tiny_0.05s"][:2] + ("kept", "")  # audible: looped to length
    table["unlisted"] = ("999-1-0-0.wav", lambda p: _tone(p, freq_hz=950.0), "scan", "not listed in the metadata")
    write_cases(root / "audio/fold1", table)
    names = [name for case, (name, _, _, _) in table.items() if case not in LITTER + ("unlisted",)]
    (root / "metadata").mkdir()
    pd.DataFrame({"slice_file_name": names + ["555-1-0-0.wav"], "fsID": range(len(names) + 1), "start": 0.0,
                  "end": 1.0, "salience": 1, "fold": 1, "classID": 1, "class": "car_horn"}
                 ).to_csv(root / "metadata/UrbanSound8K.csv", index=False)
    return table


def test_ravdess_and_noise_bad_files_are_listed_and_cost_no_good_speech(tmp_path):
    corpus, noise_root = tmp_path / "ravdess", tmp_path / "UrbanSound8K"
    table = cases(_numbered(_ravdess_name))
    table["unicode"] = ("ünïcødé.wav",) + table["unicode"][1:2] + ("scan", "not a RAVDESS name")
    for case in ("silent", "tiny_0.05s"):
        table[case] = table[case][:3] + ("no sound in the 0.5-3 s excerpt",)
    write_cases(corpus / "Actor_01", table)
    noise_table = _noise_corpus(noise_root)

    config = MelConfig()
    speech, noise = ravdess.scan(corpus), urbansound8k.scan(noise_root)
    assert "audio/fold1/555-1-0-0.wav: listed in metadata but missing" in {
        f"{row.path}: {row.reason}" for row in noise.skipped.itertuples()}
    pool, unusable = usable_noise(noise.manifest, noise_root, config, workers=2)
    check_outcomes(noise_table, "audio/fold1", noise_root, set(pool["path"]), scan=noise.skipped,
                   noise_check=unusable)

    paths = list(speech.manifest["path"])
    kept, skipped = write_mel_file(paths, corpus, [list(pool["path"])] * len(paths), noise_root,
                                   tmp_path / "mel.h5", config, {"white_snr_db": 15, "urban_snr_db": 5}, seed=1,
                                   workers=2)
    check_outcomes(table, "Actor_01", corpus, kept, scan=speech.skipped, features=skipped)
    with h5py.File(tmp_path / "mel.h5") as h5:
        assert all(np.isfinite(h5[condition][:]).all() for condition in ("clean", "white", "urban", "white_urban"))
        assert not any(np.allclose(c, u) for c, u in zip(h5["clean"][:], h5["urban"][:]))  # every copy is noisy


def test_an_unreadable_file_is_listed_even_for_root(tmp_path, monkeypatch):
    root = tmp_path / "music_speech"
    _tone(root / "music_wav/a.wav", freq_hz=300.0)
    _tone(root / "speech_wav/b.wav", freq_hz=400.0)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: not str(path).endswith("b.wav") and real_access(path, mode))
    scan = gtzan.scan(root)
    assert list(scan.manifest["path"]) == ["music_wav/a.wav"]
    assert scan.skipped.to_dict("records") == [{"path": "speech_wav/b.wav", "reason": "permission denied"}]


def test_urbansound8k_metadata_problems_are_one_clear_error(tmp_path):
    from audiolab.core.errors import CorpusError

    root = tmp_path / "UrbanSound8K"
    (root / "audio/fold1").mkdir(parents=True)
    (root / "metadata").mkdir()
    (root / "metadata/UrbanSound8K.csv").write_text("slice_file_name,fsID,start,end,salience,classID,class\n")
    with pytest.raises(CorpusError, match="UrbanSound8K.csv has no fold column"):
        urbansound8k.scan(root)
    (root / "metadata/UrbanSound8K.csv").write_text("")
    with pytest.raises(CorpusError, match="UrbanSound8K.csv is not a readable CSV"):
        urbansound8k.scan(root)
