"""tools/realcorpus.py and bench/heldout.py: the reserved and held-out packages, DEP-5 licences, the
corpus definitions (stand-ins, realaudio), and the sources' naming, selection and provenance, on a fake
unpacked package (no network, no apt)."""

import collections
import dataclasses
import importlib.util
import json
import struct
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import soundfile as sf

from audiolab.core.errors import run_stage
from audiolab.corpora import debian
from audiolab.corpora.debian import (HELDOUT, RESERVED, PackageError, check_not_heldout, check_not_reserved,
                                     dep5_match, dep5_stanzas, first_license, unpack)
from audiolab.corpora.musan import read_annotations
from audiolab.swishnet.splits import split_groups_of

REPO = Path(__file__).resolve().parents[1]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, REPO / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


realcorpus = _load("realcorpus_tool", "tools/realcorpus.py")
heldout = _load("heldout_bench", "bench/heldout.py")


# ------------------------------------------------------------------------------- reserved packages

def test_no_builder_uses_a_reserved_package():
    assert set(realcorpus.PACKAGES) & RESERVED == set()
    assert set(heldout.PACKAGES) & RESERVED == set()
    used = {heldout.SPEECH[0]} | {part[0] for part in heldout.MUSIC + heldout.NOISE}
    assert used <= set(heldout.PACKAGES)


def test_the_held_out_programme_shares_no_package_with_the_stand_ins():
    assert set(heldout.PACKAGES) & set(realcorpus.PACKAGES) == set()


def test_a_reserved_package_is_refused_by_name():
    check_not_reserved({"tuxpaint-stamps-default": "2022.06.04-1"})
    with pytest.raises(PackageError, match="asterisk-core-sounds-en-wav"):
        check_not_reserved({"pingus-data": "0.7.6-5.1", "asterisk-core-sounds-en-wav": "1.6.1-1"})
    with pytest.raises(PackageError, match="drascula-music, oxygen-sounds"):
        check_not_reserved(["oxygen-sounds", "drascula-music"])


@pytest.fixture
def no_download(monkeypatch):
    """Any download fails the test (and never reaches the network)."""
    def download(package, version, debs):
        raise AssertionError(f"tried to download {package}={version}")
    monkeypatch.setattr(debian, "download", download)


def test_unpack_refuses_a_reserved_package_before_downloading_anything(tmp_path, no_download):
    with pytest.raises(PackageError, match="hyperrogue-music"):
        unpack({"pingus-data": "0.7.6-5.1", "hyperrogue-music": "12.1a-1"}, tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("module,corpus", [(realcorpus, []), (realcorpus, ["--corpus", "realaudio"]), (heldout, [])],
                         ids=["standins", "realaudio", "heldout"])
def test_both_builders_stop_with_one_line_on_a_reserved_package(module, corpus, tmp_path, monkeypatch, capsys,
                                                                 no_download):
    packages = realcorpus.CORPORA[corpus[-1]].packages if corpus else module.PACKAGES
    monkeypatch.setitem(packages, "colobot-common-sounds", "0.2.0-1")
    monkeypatch.setattr(sys, "argv", ["builder", str(tmp_path / "out"), *corpus, "--cache", str(tmp_path / "cache")])
    with pytest.raises(SystemExit) as stopped:
        run_stage(module.main)
    assert stopped.value.code == 2
    assert "colobot-common-sounds must never be used" in capsys.readouterr().err
    assert not (tmp_path / "cache").exists() and not (tmp_path / "out").exists()


# ------------------------------------------------------------------------------------ licences

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: fake

Files: *
Copyright: 2001 Someone
License: GPL-2+

Files: data/sounds/*.ogg
       data/sounds/extra/*
Copyright: 2005 A Recorder
 .
 2006 Another Recorder
License: CC-BY-SA-3.0
 Attribution-ShareAlike text,
 more text.

Files: data/sounds/loud.ogg
Copyright: 2007 The Loud One
License: CC0-1.0

Files: debian/*
Copyright: 2010 The Packager
License: MIT

License: GPL-2+
 The licence's full text.
"""


def test_dep5_stanzas_keep_the_files_paragraphs_with_their_short_licence_name():
    stanzas = dep5_stanzas(COPYRIGHT)
    assert [s.patterns for s in stanzas] == [["*"], ["data/sounds/*.ogg", "data/sounds/extra/*"],
                                            ["data/sounds/loud.ogg"], ["debian/*"]]
    assert stanzas[1].license == "CC-BY-SA-3.0"
    assert stanzas[1].copyright == "2005 A Recorder; 2006 Another Recorder"


def test_dep5_the_last_matching_stanza_wins_on_any_tail_of_an_installed_path():
    stanzas = dep5_stanzas(COPYRIGHT)
    assert dep5_match(stanzas, "usr/share/games/fake/data/sounds/wind.ogg") == (
        "CC-BY-SA-3.0", "2005 A Recorder; 2006 Another Recorder")
    assert dep5_match(stanzas, "usr/share/games/fake/data/sounds/loud.ogg") == ("CC0-1.0", "2007 The Loud One")
    assert dep5_match(stanzas, "usr/share/games/fake/data/sounds/extra/a/b.wav")[0] == "CC-BY-SA-3.0"
    assert dep5_match(stanzas, "usr/share/games/fake/music/song.ogg")[0] == "GPL-2+"
    assert dep5_match(stanzas, "debian/rules")[0] == "GPL-2+"  # the packaging stanza is never used
    assert dep5_match([s for s in stanzas if s.patterns != ["*"]], "music/song.ogg") is None


def test_a_licence_rewrites_paths_to_the_source_tree_and_falls_back_to_its_default():
    licence = realcorpus.Licence("GPL-2", "Fallback Holder", dep5_stanzas(COPYRIGHT), [("usr/share/fake/", "data/")])
    assert licence("usr/share/fake/sounds/loud.ogg") == ("CC0-1.0", "2007 The Loud One")
    unrewritten = realcorpus.Licence("GPL-2", "Fallback Holder", dep5_stanzas(COPYRIGHT))
    assert unrewritten("usr/share/fake/sounds/loud.ogg") == ("GPL-2+", "2001 Someone")
    plain = realcorpus.Licence("GPL-2", "Fallback Holder")
    assert plain("usr/share/fake/sounds/loud.ogg") == ("GPL-2", "Fallback Holder")


def test_first_license_reads_the_packages_copyright_file(tmp_path):
    doc = tmp_path / "usr/share/doc/fake-sounds"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT)
    assert first_license(tmp_path, "fake-sounds") == "GPL-2+"
    (doc / "copyright").write_text("no fields here\n")
    assert first_license(tmp_path, "fake-sounds") == "see usr/share/doc/fake-sounds/copyright"


# -------------------------------------------------------------------------- a fake unpacked package

VERSION = "1:2.0-1"


def _tone(path, seconds, freq_hz, rate=8000, amplitude=0.3):
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * rate)) / rate
    sf.write(path, amplitude * np.sin(2 * np.pi * freq_hz * t), rate, subtype="PCM_16")


@pytest.fixture
def corpus(tmp_path):
    """A Corpus writing to tmp_path/out, reading the unpacked package ``fake-sounds``."""
    root = tmp_path / "unpacked" / "fake-sounds_1%3a2.0-1"
    doc = root / "usr/share/doc/fake-sounds"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT)
    (tmp_path / "out").mkdir()
    return realcorpus.Corpus(tmp_path / "out", realcorpus.Packages({"fake-sounds": root}, {"fake-sounds": VERSION}))


def _provenance(corpus):
    realcorpus.write_provenance(corpus)
    lines = (corpus.out / "PROVENANCE.tsv").read_text().splitlines()
    assert lines[0].split("\t") == realcorpus.PROVENANCE_COLUMNS
    return [dict(zip(realcorpus.PROVENANCE_COLUMNS, line.split("\t"))) for line in lines[1:]]


def test_speech_prompts_are_selected_named_annotated_and_recorded(corpus):
    root = corpus.packages.roots["fake-sounds"]
    voice = root / "usr/share/asterisk/sounds/xx_f_Test"
    _tone(voice / "b-hello.wav", 4.0, 220)
    _tone(voice / "a-goodbye.wav", 3.5, 250, rate=16000)
    _tone(voice / "c-copy.wav", 4.0, 220)          # the same audio as b-hello
    _tone(voice / "d-short.wav", 2.0, 300)         # under 3 s
    _tone(voice / "e-quiet.wav", 4.0, 300, amplitude=0.001)
    _tone(voice / "silence/1.wav", 5.0, 300)       # the silence folder is never used
    (voice / "f-readme.txt").write_text("not audio")
    (voice / "g-link.wav").symlink_to(voice / "b-hello.wav")

    realcorpus.speech_source(corpus, "fake", "fake-sounds", "xx_f_Test", "testish", "f", "GPL-2", "A Holder")

    folder = corpus.out / "musan/speech/fake"
    assert sorted(p.name for p in folder.iterdir()) == ["ANNOTATIONS", "LICENSE", "speech-fake-0000.wav", "speech-fake-0001.wav"]
    first, second = (sf.info(folder / f"speech-fake-000{i}.wav") for i in (0, 1))
    assert (first.samplerate, first.channels, first.subtype) == (16000, 1, "PCM_16")
    assert (first.duration, second.duration) == (3.5, 4.0)  # in name order: a-goodbye, then b-hello (or c-copy)
    assert read_annotations(folder / "ANNOTATIONS", "speech") == {
        "speech-fake-0000": {"gender": "f", "language": "testish"},
        "speech-fake-0001": {"gender": "f", "language": "testish"}}
    duplicates = [s for s in corpus.skipped if s.endswith("(duplicate)")]
    assert len(duplicates) == 1 and ("/b-hello.wav" in duplicates[0] or "/c-copy.wav" in duplicates[0])
    assert any(s.endswith("/e-quiet.wav (silent/near-empty)") for s in corpus.skipped)
    assert len(corpus.skipped) == 2  # neither the symlink nor the silence folder was looked at
    assert corpus.summary == [("musan", "speech", "fake", "fake-sounds", 2, 7.5)]
    assert "version 1:2.0-1" in (folder / "LICENSE").read_text()

    rows = _provenance(corpus)
    assert [row["path"] for row in rows] == ["musan/speech/fake/speech-fake-0000.wav", "musan/speech/fake/speech-fake-0001.wav"]
    assert rows[0] == {"path": "musan/speech/fake/speech-fake-0000.wav", "package": "fake-sounds", "version": VERSION,
                            "original_file": "usr/share/asterisk/sounds/xx_f_Test/a-goodbye.wav",
                            "start_s": "0.000", "end_s": "3.500", "license": "GPL-2",
                            "original_recording": "fake-sounds:usr/share/asterisk/sounds/xx_f_Test/a-goodbye.wav",
                            "note": ""}


def test_the_selection_is_the_same_whatever_order_the_files_are_listed_in(corpus):
    root = corpus.packages.roots["fake-sounds"]
    for i, freq in enumerate((200, 260, 330, 410)):
        _tone(root / f"sounds/p{i}.wav", 4.0, freq)
    recordings = [corpus.packages.recording("fake-sounds", f"sounds/p{i}.wav") for i in range(4)]
    picked = [r.original for r, _, _ in corpus.select(recordings, 7.0, 3.0)]
    corpus.seen.clear()
    again = [r.original for r, _, _ in corpus.select(recordings[::-1], 7.0, 3.0)]
    assert picked == again and len(picked) == 2 and picked == sorted(picked)  # 2 x 4 s reach the 7 s cap


def test_long_music_is_cut_into_equal_pieces_that_keep_their_recording(corpus):
    root = corpus.packages.roots["fake-sounds"]
    _tone(root / "usr/share/games/fake/data/sounds/song.wav", 400.0, 440, rate=4000)
    track = corpus.packages.recording("fake-sounds", "usr/share/games/fake/data/sounds/song.wav")
    licence = corpus.licence("fake-sounds", "GPL-2", "A Holder", dep5=True)
    realcorpus.music_source(corpus, "fakemusic", "fake-sounds", [(track, "Jazz", "N", "Some Band")], licence)
    folder = corpus.out / "musan/music/fakemusic"
    lengths = [sf.info(folder / f"music-fakemusic-000{i}.wav").frames for i in range(3)]
    assert lengths == [2133333, 2133334, 2133333] and not (folder / "music-fakemusic-0003.wav").exists()
    rows = _provenance(corpus)
    assert [(row["start_s"], row["end_s"]) for row in rows] == [("0.000", "133.333"), ("133.333", "266.667"),
                                                                ("266.667", "400.000")]
    assert {row["original_recording"] for row in rows} == {"fake-sounds:usr/share/games/fake/data/sounds/song.wav"}
    assert {row["license"] for row in rows} == {"GPL-2+"}  # DEP-5: data/sounds/*.ogg does not match a .wav
    annotations = read_annotations(folder / "ANNOTATIONS", "music")
    assert annotations["music-fakemusic-0002"] == {"genres": "Jazz", "vocals": "N", "artist": "Some Band"}


def test_equal_pieces():
    assert realcorpus.equal_pieces(180 * 10, 10) == [(0, 1800)]
    assert realcorpus.equal_pieces(181 * 10, 10) == [(0, 905), (905, 1810)]
    assert realcorpus.equal_pieces(3, 10) == [(0, 3)]


def test_short_effects_are_joined_into_reels_and_a_short_remainder_joins_the_last_reel(corpus):
    root = corpus.packages.roots["fake-sounds"]
    for i in range(12):
        _tone(root / f"fx/e{i:02d}.wav", 1.0, 150 + 40 * i, rate=16000)
    _tone(root / "fx/long.wav", 4.0, 900, rate=16000)
    _tone(root / "fx/tiny.wav", 0.3, 700, rate=16000)   # under 0.5 s: never used
    effects = [corpus.packages.recording("fake-sounds", path) for path in corpus.packages.files("fake-sounds", "fx")]
    realcorpus.noise_source(corpus, "fakefx", "fake-sounds", effects, corpus.licence("fake-sounds", "CC0-1.0", "Nobody"))
    folder = corpus.out / "musan/noise/fakefx"
    assert sorted(p.name for p in folder.glob("*.wav")) == ["noise-fakefx-0000.wav", "noise-fakefx-0001.wav"]
    assert sf.info(folder / "noise-fakefx-0000.wav").frames == 4 * 16000           # the long effect alone
    reel, _ = sf.read(folder / "noise-fakefx-0001.wav")
    assert len(reel) == 12 * 16000 + 11 * 4000                                      # 10 + 2 effects, 0.25 s apart
    assert np.all(reel[16000:20000] == 0) and np.any(reel[20000:36000] != 0)
    assert (folder / "ANNOTATIONS").read_text() == "noise-fakefx-0000\nnoise-fakefx-0001\n"
    rows = _provenance(corpus)
    reel_rows = [row for row in rows if row["path"].endswith("0001.wav")]
    assert [Path(row["original_file"]).name for row in reel_rows] == [f"e{i:02d}.wav" for i in range(12)]
    assert {row["note"] for row in reel_rows} == {"short effect, part of a reel of 12 effects"}


def test_an_openttd_catalogue_gives_its_wav_entries_with_their_own_licences(corpus, tmp_path):
    def wav(seconds):
        t = np.arange(int(seconds * 11025)) / 11025
        sf.write(tmp_path / "entry.wav", 0.3 * np.sin(2 * np.pi * 300 * t), 11025, subtype="PCM_16")
        return (tmp_path / "entry.wav").read_bytes()

    def entry(title, payload):
        return bytes([len(title)]) + title + payload

    entries = [entry(b"Unused/Nothing\0", b"\0" * 4), entry(b'"Crash" License: CC-BY-3.0.', wav(0.5))]
    table_size = 8 * len(entries)
    offsets, data = [], b""
    for entry in entries:
        offsets.append(table_size + len(data))
        data += entry
    table = b"".join(struct.pack("<II", offset | 0x80000000, len(entry)) for offset, entry in zip(offsets, entries))
    path = corpus.packages.roots["fake-sounds"] / "sfx.cat"
    path.write_bytes(table + data)
    [crash] = corpus.packages.catalogue("fake-sounds", "sfx.cat")
    assert crash.original == "sfx.cat#01" and crash.meta["item_license"] == "CC-BY-3.0"
    assert crash.duration == pytest.approx(5512 / 11025)
    signal, rate = crash.load()
    assert rate == 11025 and len(signal) == 5512


def test_a_gtzan_file_must_be_thirty_seconds(corpus):
    with pytest.raises(ValueError, match="30 s"):
        realcorpus.gtzan_write(corpus, "music_wav", "short", np.zeros(1000), [], realcorpus.Licence("GPL-2", "x"))


def test_only_an_empty_folder_or_earlier_stand_ins_are_replaced(tmp_path):
    out = tmp_path / "standins"
    assert realcorpus.built_here(out)
    out.mkdir()
    assert realcorpus.built_here(out)
    (out / "notes.txt").write_text("mine")
    assert not realcorpus.built_here(out)
    (out / "README.txt").write_text("Real-recording stand-ins ..., built by tools/realcorpus.py\n")
    assert realcorpus.built_here(out)


def test_heldout_files_match_paths_below_the_folder(tmp_path):
    root = tmp_path / "pkg"
    for name in ("a/x_desc_el.ogg", "b/c/y_desc_el.ogg", "z_desc_fr.ogg", "boom.wav", "sub/boom.wav"):
        (root / "top" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "top" / name).write_bytes(b"")
    roots = {"pkg": root}
    assert [p.relative_to(root / "top").as_posix() for p in heldout.files(roots, "pkg", "top", r".+_desc_el\.ogg")] == [
        "a/x_desc_el.ogg", "b/c/y_desc_el.ogg"]
    assert [p.name for p in heldout.files(roots, "pkg", "top", r"boom\.wav")] == ["boom.wav"]  # no slash: top folder only


# ------------------------------------------------------------------ corpus definitions: selection

def test_the_corpora_are_chosen_by_name_and_the_stand_ins_are_the_default():
    assert set(realcorpus.CORPORA) == {"standins", "realaudio"}
    assert realcorpus.DEFAULT_CORPUS == "standins"
    assert realcorpus.corpus_definition("standins") is realcorpus.STANDINS
    assert realcorpus.corpus_definition("realaudio") is realcorpus.REALAUDIO
    assert realcorpus.STANDINS.packages is realcorpus.PACKAGES
    with pytest.raises(realcorpus.BuildError, match="no corpus 'musan': choose one of standins, realaudio"):
        realcorpus.corpus_definition("musan")


def test_an_unknown_corpus_is_one_line_and_downloads_nothing(tmp_path, monkeypatch, capsys, no_download):
    monkeypatch.setattr(sys, "argv", ["builder", str(tmp_path / "out"), "--corpus", "nope", "--cache", str(tmp_path / "cache")])
    with pytest.raises(SystemExit) as stopped:
        realcorpus.main()
    assert stopped.value.code == 2
    assert capsys.readouterr().err == "error: no corpus 'nope': choose one of standins, realaudio\n"
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("name", ["standins", "realaudio"])
def test_every_package_a_corpus_reads_is_pinned_and_read_and_the_transfer_set_is_apart(name):
    definition = realcorpus.CORPORA[name]
    realcorpus.check_definition(definition)
    assert definition.musan_packages | definition.gtzan_packages == set(definition.packages)
    assert not definition.musan_packages & definition.gtzan_packages
    assert not set(definition.packages) & RESERVED


def test_check_definition_refuses_an_unpinned_package_and_a_transfer_set_sharing_musan_packages():
    standins = realcorpus.STANDINS
    unpinned = dataclasses.replace(standins, packages={p: v for p, v in standins.packages.items() if p != "wordwarvi-sound"})
    with pytest.raises(realcorpus.BuildError, match=r"read but not pinned: \['wordwarvi-sound'\]"):
        realcorpus.check_definition(unpinned)
    shared = dataclasses.replace(standins, gtzan_speech=("fillets-ng-data-cs", "cs", 30),
                                 packages={p: v for p, v in standins.packages.items() if p != "fillets-ng-data-nl"})
    with pytest.raises(realcorpus.BuildError, match="music_speech/ must not use packages of musan/: fillets-ng-data-cs"):
        realcorpus.check_definition(shared)


def test_realaudio_meets_its_targets_by_definition():
    realaudio = realcorpus.REALAUDIO
    speech_names = [spec.name for spec in realaudio.speech]
    assert len(speech_names) == len(set(speech_names)) >= 10          # one speaker per source folder
    assert len({spec.language for spec in realaudio.speech}) >= 5
    assert all(getattr(spec, "speaker", "one") is not None for spec in realaudio.speech)  # no two-actor source
    assert len({spec.name for spec in realaudio.noise}) >= 10
    assert realaudio.gtzan_music == realcorpus.STANDINS.gtzan_music     # the stand-ins' transfer set, unchanged
    assert realaudio.gtzan_speech == realcorpus.STANDINS.gtzan_speech
    names = [spec.name for spec in realaudio.speech + realaudio.music + realaudio.noise]
    assert all(n == n.lower() and " " not in n for n in names)



def test_realaudio_leaves_the_held_out_and_transfer_languages_unseen_and_takes_a_kde_language_once():
    speech = realcorpus.REALAUDIO.speech
    assert not {spec.language for spec in speech} & {"greek", "dutch"}   # bench/heldout.py's and music_speech/'s
    kde = collections.defaultdict(set)
    for spec in speech:
        if spec.package in ("ktuberling-data", "klettres-data"):
            kde[spec.language].add(spec.package)
    assert kde and all(len(packages) == 1 for packages in kde.values())   # one voice could record for both games
    folders = [folder for spec in speech for folder in getattr(spec, "folders", ())]
    assert len(folders) == len(set(folders))
    assert all(" " not in spec.language for spec in speech)                # ANNOTATIONS fields are space-separated

# ------------------------------------------------------------------ the held-out programme's packages

def test_the_held_out_packages_are_listed_in_one_place():
    assert heldout.PACKAGES is HELDOUT
    for definition in realcorpus.CORPORA.values():
        assert not set(definition.packages) & set(HELDOUT)


def test_a_held_out_package_is_refused_by_name():
    check_not_heldout({"wesnoth-1.16-music": "1:1.16.9-1"})
    with pytest.raises(PackageError, match=r"pingus-data, xmoto-data of the held-out programme .* must not be used "
                                           r"in corpus realaudio"):
        check_not_heldout(["xmoto-data", "pingus-data", "nexuiz-music"], "corpus realaudio")


@pytest.mark.parametrize("corpus", ["standins", "realaudio"])
def test_a_corpus_with_a_held_out_package_stops_before_downloading(corpus, tmp_path, monkeypatch, capsys, no_download):
    monkeypatch.setitem(realcorpus.CORPORA[corpus].packages, "pingus-data", "0.7.6-5.1")
    monkeypatch.setattr(sys, "argv", ["builder", str(tmp_path / "out"), "--corpus", corpus, "--cache", str(tmp_path / "cache")])
    with pytest.raises(SystemExit) as stopped:
        run_stage(realcorpus.main)
    assert stopped.value.code == 2
    assert f"pingus-data of the held-out programme (bench/heldout.py) must not be used in corpus {corpus}" in (
        capsys.readouterr().err)
    assert not (tmp_path / "cache").exists() and not (tmp_path / "out").exists()


# ------------------------------------------------------------------ DEP-5: spaced names, anchored paths

SPACED = """\
Files: *
Copyright: Everyone
License: GPL-2+

Files: sounds/*
Copyright: Various
License: public-domain

Files: sounds/heavy rocket hit.wav
Copyright: Mike Koenig
License: CC-BY-SA-3.0

Files: game/*
Copyright: The Coders
License: MIT
"""


def test_dep5_a_files_line_with_spaces_is_also_tried_whole():
    stanzas = dep5_stanzas(SPACED)
    assert dep5_match(stanzas, "usr/share/games/x/sounds/heavy rocket hit.wav") == ("CC-BY-SA-3.0", "Mike Koenig")
    assert dep5_match(stanzas, "usr/share/games/x/sounds/rocket.wav") == ("public-domain", "Various")


def test_dep5_an_anchored_path_is_not_matched_by_its_tails():
    stanzas = dep5_stanzas(SPACED)
    assert dep5_match(stanzas, "share/game/sounds/boom.wav")[0] == "MIT"              # the tail game/... matches
    assert dep5_match(stanzas, "share/game/sounds/boom.wav", anchored=True)[0] == "GPL-2+"
    licence = realcorpus.Licence("X", "Y", stanzas, [("usr/share/games/game/", "share/game/")], anchored=True)
    assert licence("usr/share/games/game/sounds/boom.wav")[0] == "GPL-2+"


# ------------------------------------------------------------------ realaudio's source kinds

def _ogg(path, seconds, freq_hz, rate=16000, amplitude=0.3):
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * rate)) / rate
    sf.write(path, amplitude * np.sin(2 * np.pi * freq_hz * t), rate, format="OGG", subtype="VORBIS")


def test_one_fish_fillets_hero_is_a_source_of_its_own(corpus):
    root = corpus.packages.roots["fake-sounds"]
    for i in range(3):
        _ogg(root / f"{realcorpus.FILLETS_SOUNDS}/level{i}/cs/lev{i}-m-hello.ogg", 3.5, 260 + 10 * i)
        _ogg(root / f"{realcorpus.FILLETS_SOUNDS}/level{i}/cs/lev{i}-v-hello.ogg", 3.5, 120 + 10 * i)
    _ogg(root / f"{realcorpus.FILLETS_SOUNDS}/level0/nl/lev0-m-hallo.ogg", 3.5, 300)   # another dubbing
    realcorpus.Dialogue("fish-v", "fake-sounds", "cs", "czech", None, speaker="v").build(corpus)
    rows = _provenance(corpus)
    assert [Path(row["original_file"]).name for row in rows] == [f"lev{i}-v-hello.ogg" for i in range(3)]
    annotations = read_annotations(corpus.out / "musan/speech/fish-v/ANNOTATIONS", "speech")
    assert set(map(tuple, (a.values() for a in annotations.values()))) == {("m", "czech")}   # 120-140 Hz
    assert list(corpus.f0) == ["fish-v speaker 'v'"]


def test_words_are_joined_into_reels_with_the_voice_s_gender_from_its_f0(corpus):
    root = corpus.packages.roots["fake-sounds"]
    for i in range(20):
        _tone(root / f"words/xx/w{i:02d}.wav", 0.8, 200 + 3 * i, rate=16000)
    _tone(root / "words/xx/tiny.wav", 0.2, 250, rate=16000)     # under 0.3 s: not used
    _tone(root / "words/yy/other.wav", 0.8, 210, rate=16000)    # another folder
    realcorpus.Words("words-xx", "fake-sounds", ("words/xx",), "testish", "GPL-2+", "A Holder").build(corpus)
    folder = corpus.out / "musan/speech/words-xx"
    reels = sorted(folder.glob("*.wav"))
    assert len(reels) == 2   # 12 words reach 12 s (12 x 0.8 + 11 x 0.25), the other 8 (6.4 s) make a reel of their own
    assert sf.info(reels[0]).frames == 12 * 12800 + 11 * 4000
    assert read_annotations(folder / "ANNOTATIONS", "speech")["speech-words-xx-0000"] == {"gender": "f", "language": "testish"}
    rows = _provenance(corpus)
    assert len(rows) == 20 and {row["note"] for row in rows} == {"short word, part of a reel of 12 words",
                                                                 "short word, part of a reel of 8 words"}
    assert corpus.f0["words-xx (fake-sounds)"][1:] == ("f", 20)


def _tagged_wav(path, seconds, freq_hz, artist=None, genre=None, rate=2000):
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * rate)) / rate
    with sf.SoundFile(path, "w", rate, 1, "PCM_16") as out:
        if artist:
            out.artist = artist
        if genre:
            out.genre = genre
        out.write(0.3 * np.sin(2 * np.pi * freq_hz * t))


def test_tagged_music_takes_the_credited_artist_per_track_with_aliases_and_a_cap_per_artist(corpus):
    root = corpus.packages.roots["fake-sounds"]
    _tagged_wav(root / "music/a1.wav", 40, 300, "Ann Artist", "Film Score")
    _tagged_wav(root / "music/a2.wav", 40, 310, "ann", "Film Score")       # an alias of Ann Artist
    _tagged_wav(root / "music/b1.wav", 200, 320, "Bob")
    _tagged_wav(root / "music/nobody.wav", 40, 330)                         # no artist credited
    _tagged_wav(root / "music/short.wav", 20, 340, "Bob")                   # under 30 s
    spec = realcorpus.Tagged("fakemusic", "fake-sounds", realcorpus.Files(("music",), (".wav",)), "GPL-2", "Holders",
                             artist_cap_s=30, aliases=(("ann", "Ann Artist"),))
    spec.build(corpus)
    annotations = read_annotations(corpus.out / "musan/music/fakemusic/ANNOTATIONS", "music")
    artists = [a["artist"] for a in annotations.values()]
    assert artists.count("Ann Artist") == 1 and artists.count("Bob") == 2    # one 40 s track each; Bob's cut in two
    assert {a["genres"] for a in annotations.values() if a["artist"] == "Ann Artist"} == {"Film-Score"}
    assert {a["genres"] for a in annotations.values() if a["artist"] == "Bob"} == {"Unknown"}
    assert any(s.endswith("music/nobody.wav (no composer or artist credited)") for s in corpus.skipped)
    realcorpus.check_artists(corpus)


def test_tagged_music_can_take_its_artists_from_an_album_json(corpus):
    root = corpus.packages.roots["fake-sounds"]
    _tagged_wav(root / "albums/one/t1.wav", 35, 300)
    _tagged_wav(root / "albums/one/t2.wav", 35, 350)
    (root / "albums/one/album.json").write_text(json.dumps(
        {"tracks": [{"filename": "t1.wav", "author": "Composer One"}, {"filename": "t2.wav", "author": "Composer Two"}]}))
    realcorpus.Tagged("album", "fake-sounds", realcorpus.Files(("albums",), (".wav",)), "GPL-2", "Holders",
                      album_json=True).build(corpus)
    annotations = read_annotations(corpus.out / "musan/music/album/ANNOTATIONS", "music")
    assert [a["artist"] for a in annotations.values()] == ["Composer One", "Composer Two"]


def test_one_artist_in_two_music_sources_is_refused(corpus):
    corpus.files += [("music", "one", ["Pop", "N", "Same Person"], 10.0, {"p:a"}),
                     ("music", "two", ["Pop", "N", "Same Person"], 10.0, {"q:b"}),
                     ("speech", "x", ["f", "french"], 3.0, {"r:c"})]
    with pytest.raises(realcorpus.BuildError, match=r"Same Person \(one, two\)"):
        realcorpus.check_artists(corpus)


def test_effects_keep_what_include_matches_and_exclude_does_not(corpus):
    root = corpus.packages.roots["fake-sounds"]
    for i, name in enumerate(("boom", "crash", "voice_yes", "jingle")):
        _tone(root / f"sfx/{name}.wav", 4.0, 200 + 50 * i, rate=16000)
    spec = realcorpus.Effects("fakefx", "fake-sounds", realcorpus.Files(("sfx",), (".wav",)), "CC0-1.0", "Nobody",
                              "fake-sounds: voices and jingles", include=r"/(boom|crash|voice_yes)\.wav$",
                              exclude=r"/voice_")
    spec.build(corpus)
    assert [Path(row["original_file"]).name for row in _provenance(corpus)] == ["boom.wav", "crash.wav"]
    assert corpus.excluded == ["fake-sounds: voices and jingles"]


def test_a_source_that_takes_no_audio_stops_the_build(corpus):
    with pytest.raises(realcorpus.BuildError, match="musan/noise/empty: no audio taken from fake-sounds"):
        realcorpus.Effects("empty", "fake-sounds", realcorpus.Files(("nowhere",), (".wav",)), "CC0-1.0", "Nobody",
                           "nothing").build(corpus)


# ------------------------------------------------------------------ splits: a speaker per speech source

def test_group_by_speaker_keeps_each_speech_source_whole_and_music_by_artist():
    manifest = pd.DataFrame({
        "label": ["speech", "speech", "speech", "music", "music", "noise"],
        "source": ["asterisk-fr", "asterisk-fr", "fillets-cs-m", "wesnoth", "wesnoth", "ufoai"],
        "group": ["s1", "s2", "s3", "m1", "m2", "n1"],
        "artist": [None, None, None, "Doug Kaufman", "Doug Kaufman", None]})
    assert split_groups_of(manifest, "speaker").tolist() == [
        "speaker:asterisk-fr", "speaker:asterisk-fr", "speaker:fillets-cs-m",
        "artist:wesnoth/Doug Kaufman", "artist:wesnoth/Doug Kaufman", "n1"]
    assert split_groups_of(manifest, "artist").tolist()[:3] == ["s1", "s2", "s3"]   # unchanged: speech per file


def test_the_totals_count_hours_tracks_artists_speakers_and_languages():
    from types import SimpleNamespace

    corpus = SimpleNamespace(
        summary=[("musan", "music", "opsound", "p", 2, 3600.0), ("musan", "music", "lincity", "q", 1, 1800.0),
                 ("musan", "speech", "fr", "r", 2, 720.0), ("musan", "noise", "ufoai", "s", 3, 360.0),
                 ("music_speech", "music", "asc", "t", 30, 900.0)],
        files=[("music", "opsound", ("Ambient", "N", "Kevin"), 1800.0, {"a.ogg"}),
               ("music", "opsound", ("Ambient", "N", "Kevin"), 1800.0, {"a.ogg"}),  # two pieces of one track
               ("music", "lincity", ("Game", "N", "Ann"), 1800.0, {"b.ogg"}),
               ("speech", "fr", ("f", "french"), 360.0, {"c.wav"}), ("speech", "it", ("m", "italian"), 360.0, {"d.wav"})])
    found = realcorpus.totals(corpus)
    assert found["music"] == {"files": 3, "hours": 1.5, "sources": 2, "tracks": 2, "artists": 2}
    assert found["speech"] == {"files": 2, "hours": 0.2, "sources": 1, "speakers": 2, "languages": 2}
    assert found["noise"] == {"files": 3, "hours": 0.1, "sources": 1}
