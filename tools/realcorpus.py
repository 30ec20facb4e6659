"""Real-recording corpora in the on-disk layouts of MUSAN and GTZAN music/speech, from freely
licensed audio shipped in Debian 12 (bookworm, main) packages:

    python tools/realcorpus.py OUT [--corpus standins|realaudio] [--cache DIR]

builds one of two corpus definitions (``CORPORA``), made by the same code from their own tables
of packages and sources:

- ``standins`` (the default): the real-recording stand-ins, 2.6 h (0.9 h of music from a handful
  of tracks), the corpus the research notes cite; its bytes do not change;
- ``realaudio``: a larger corpus, 7.7 h: 3.8 h of music (61 tracks by 32 composers/artists), 2.6 h
  of speech by 30 speakers in 22 languages (each speaker a source folder of their own; 7 telephone
  prompt voices at 8 kHz, 23 wideband) and 1.2 h of noise from 13 sources, with the same GTZAN-style
  transfer set as the stand-ins.

Either writes

- ``OUT/musan/{music,speech,noise}/<source>/<label>-<source>-NNNN.wav``: 16 kHz mono 16-bit PCM,
  with MUSAN's ANNOTATIONS (the stand-ins' speech/es-co has none on purpose, like MUSAN's
  speech/us-gov) and a LICENSE file;
- ``OUT/music_speech/{music_wav,speech_wav}/*.wav``: 22,050 Hz mono 16-bit PCM, 30 s each, from
  packages not used under musan/ (a true transfer test);
- ``OUT/PROVENANCE.tsv``: one row per piece of audio taken (package, version, original file,
  seconds, licence);
- ``OUT/README.txt``: totals per class and source (realaudio: and per language), and notes;
  ``OUT/totals.json`` the same totals per class as numbers.

Packages are fetched at pinned versions with ``apt-get download`` (nothing is installed) and
unpacked with ``dpkg -x`` into the cache (``data/cache`` of the repository unless ``--cache``).
The reserved packages and the held-out programme's (audiolab/corpora/debian.py) are refused
before anything is downloaded. Deterministic: every list is sorted and nothing is random, so a
rebuild gives the same bytes. OUT is built beside itself and then replaces it; a non-empty OUT
that this builder did not write is refused. The audio never goes into the repository.
"""

import argparse
import collections
import hashlib
import io
import json
import math
import os
import re
import shutil
import struct
import sys
import time
import wave
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import numpy as np
import soundfile as sf
import soxr

from audiolab.core.errors import AudiolabError
from audiolab.corpora.debian import check_not_heldout, copyright_text, dep5_match, dep5_stanzas, unpack

BUILDER = "tools/realcorpus.py"
DEFAULT_CACHE = Path(__file__).resolve().parents[1] / "data" / "cache"

# The GTZAN-style transfer set's packages (pinned: Debian 12 bookworm, main), which no musan/ source uses.
GTZAN_PACKAGES = {
    "fillets-ng-data-nl": "1.0.1-1.1",
    "asc-music": "1.3-6",
    "noiz2sa-data": "0.51a-13",
    "torus-trooper-data": "0.22.dfsg1-13",
    "neverball-common": "1.6.0+git20180603-3",
    "tuxmath-data": "2.0.3-9",
    "blockout2": "2.5+dfsg1-1",
    "powermanga-data": "0.93.1-5",
    "solarwolf": "1.5+dfsg1-6",
}

# The stand-ins' speech packages (telephone prompts in four languages, Czech game dialogue), which
# the real-audio corpus takes too.
SPEECH_PACKAGES = {
    "asterisk-core-sounds-fr-wav": "1.6.1-1",
    "asterisk-core-sounds-es-wav": "1.6.1-1",
    "asterisk-core-sounds-it-wav": "1.6.1-1",
    "asterisk-core-sounds-ru-wav": "1.6.1-1",
    "asterisk-prompt-it-menardi-wav": "1:1.4.22+mm20110907-3.1",
    "asterisk-prompt-fr-armelle": "20070613-2.2",
    "asterisk-prompt-es-co": "0.20070403-2.1",
    "fillets-ng-data-cs": "1.0.1-1.1",
}

PACKAGES = {  # the stand-ins' packages: version (Debian 12 bookworm, main), in download order
    # musan/speech
    **SPEECH_PACKAGES,
    # musan/music (lincity-ng-data gives musan/noise too)
    "asterisk-moh-opsound-wav": "2.03-1.1",
    "fretsonfire-songs-muldjord": "2.dfsg-2.1",
    "wordwarvi-sound": "1.0.4-2",
    "lincity-ng-data": "2.9~git20150314-5",
    # musan/noise
    "ufoai-sound": "2.5-2",
    "scorched3d-data": "44+dfsg-8",
    "openttd-opensfx": "1.0.3-2",
    "minetest-data": "5.6.1+dfsg+~1.9.0mt8+dfsg-2",
    # music_speech (the GTZAN stand-in)
    **GTZAN_PACKAGES,
}

MUSAN_RATE, GTZAN_RATE = 16000, 22050
MAX_PIECE_S = 180.0     # longer recordings are cut into equal pieces of at most this
GTZAN_S = 30.0          # the length of every GTZAN file
SPEECH_CAP_S = 7 * 60   # speech taken from each telephone-prompt package
MIN_SPEECH_S, MIN_EFFECT_S, MIN_SINGLE_EFFECT_S = 3.0, 0.5, 3.0
REEL_S, REEL_GAP_S = 12.0, 0.25   # short effects are joined into reels of about REEL_S
LINE_GAP_S = 0.4        # between the dialogue lines of a GTZAN speech file
AUDIO_SUFFIXES = (".wav", ".ogg", ".oga", ".mp3", ".flac", ".gsm")


class BuildError(AudiolabError):
    """An output folder the builder must not replace."""


# ---------------------------------------------------------------------------------------------- audio

def read(source, **options):
    """(float64 samples, shape (n, channels); rate) of a path or file-like object."""
    return sf.read(source, always_2d=True, dtype="float64", **options)


@dataclass
class Recording:
    """One recording in a package. ``original`` names it inside the package: a file, a zip member
    (``archive!member``), a catalogue entry (``catalogue#NN``) or stems summed (``a+b``)."""
    package: str
    original: str
    decode: Callable   # () -> (samples (n, channels), rate)
    duration: float
    meta: dict = field(default_factory=dict)

    def load(self):
        """(mono float64 signal, rate): the mean of the channels."""
        samples, rate = self.decode()
        return samples.mean(axis=1), rate

    @property
    def key(self):
        """A fixed pseudo-random order of recordings: the sha1 of package and name."""
        return hashlib.sha1(f"{self.package}/{self.original}".encode()).hexdigest()


def resample(signal, rate, to):
    return signal if rate == to else soxr.resample(signal, rate, to, quality="HQ")


def is_active(signal, rate):
    """Not digital silence nor near-empty: a peak of at least 0.01 and at least 20% of the 20 ms
    frames above -50 dBFS."""
    n = int(0.02 * rate)
    frames = signal[:len(signal) // n * n].reshape(-1, n)
    if not len(frames) or np.abs(signal).max() < 0.01:
        return False
    return float((10 * np.log10((frames ** 2).mean(1) + 1e-12) > -50).mean()) >= 0.2


def fingerprint(signal):
    """The md5 of a signal at 16-bit resolution: the same audio in two files has one fingerprint."""
    return hashlib.md5(np.round(signal * 32767).astype("<i2").tobytes()).hexdigest()


def below_clipping(signal):
    """The signal scaled down to a peak of 0.999 where it would clip; never scaled up."""
    peak = float(np.abs(signal).max()) if len(signal) else 0.0
    return signal * (0.999 / peak) if peak > 0.999 else signal


def write_wav(path, signal, rate):
    """A mono 16-bit PCM wav, creating its folder."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.clip(np.round(signal * 32768), -32768, 32767).astype("<i2").tobytes())


def equal_pieces(n, rate, max_s=MAX_PIECE_S):
    """[(start, stop)] sample bounds of the fewest equal pieces of at most ``max_s`` seconds."""
    k = max(1, math.ceil(n / rate / max_s - 1e-9))
    bounds = [round(i * n / k) for i in range(k + 1)]
    return list(zip(bounds[:-1], bounds[1:]))


def median_f0(signal, rate=MUSAN_RATE):
    """Median F0 (Hz) of the voiced 40 ms frames (10 ms hop) by normalised autocorrelation over
    70-400 Hz; NaN with fewer than five voiced frames. Used to label a speaker's gender."""
    n, hop = int(0.04 * rate), int(0.01 * rate)
    if len(signal) < n:
        return float("nan")
    frames = np.lib.stride_tricks.sliding_window_view(signal, n)[::hop]
    frames = frames - frames.mean(1, keepdims=True)
    energy = (frames ** 2).mean(1)
    frames = frames[energy > max(1e-7, energy.max() * 1e-3)]
    if not len(frames):
        return float("nan")
    window = np.hanning(n)
    ac = np.fft.irfft(np.abs(np.fft.rfft(frames * window, 2 * n, axis=1)) ** 2, axis=1)[:, :n]
    ac_window = np.fft.irfft(np.abs(np.fft.rfft(window, 2 * n)) ** 2)[:n]
    ac = (ac / (ac[:, :1] + 1e-12)) / (ac_window / ac_window[0])
    low, high = int(rate / 400), int(rate / 70)
    lags = ac[:, low:high]
    peak = lags.max(1)
    local = np.zeros_like(lags, bool)
    local[:, 1:-1] = (lags[:, 1:-1] >= lags[:, :-2]) & (lags[:, 1:-1] >= lags[:, 2:])
    near_peak = local & (lags >= 0.9 * peak[:, None])
    lag = np.where(near_peak.any(1), near_peak.argmax(1), lags.argmax(1)) + low
    voiced = peak > 0.5
    return float(np.median(rate / lag[voiced])) if voiced.sum() >= 5 else float("nan")


# -------------------------------------------------------------------------------------- the packages

class Packages:
    """The unpacked packages: their recordings, listed and decoded where the package keeps them."""

    def __init__(self, roots, versions):
        self.roots, self.versions = roots, versions

    def path(self, package, relative):
        return os.path.join(self.roots[package], relative)

    def files(self, package, folder="", suffixes=AUDIO_SUFFIXES):
        """Package-relative paths of the regular files (no symlinks) under ``folder`` whose name
        ends in one of ``suffixes`` (any letter case), sorted."""
        root = str(self.roots[package])
        found = []
        for directory, _, names in os.walk(os.path.join(root, folder)):
            for name in names:
                path = os.path.join(directory, name)
                if not os.path.islink(path) and name.lower().endswith(suffixes):
                    found.append(os.path.relpath(path, root))
        return sorted(found)

    def recording(self, package, relative, meta=None):
        """A file of the package; ``.gsm`` files are raw GSM 06.10 at 8 kHz."""
        path = self.path(package, relative)
        if relative.endswith(".gsm"):
            return Recording(package, relative,
                             lambda: read(path, format="RAW", subtype="GSM610", samplerate=8000, channels=1),
                             os.path.getsize(path) // 33 * 160 / 8000, meta or {})
        return Recording(package, relative, lambda: read(path), sf.info(path).duration, meta or {})

    def stems(self, package, relatives, meta=None):
        """One song from the stems it ships as (Frets on Fire's guitar.ogg + song.ogg), summed."""
        paths = [self.path(package, relative) for relative in relatives]

        def decode():
            stems = [read(path) for path in paths]
            rate = stems[0][1]
            if any(stem_rate != rate for _, stem_rate in stems):
                raise ValueError(f"stems of {package}:{'+'.join(relatives)} differ in sample rate")
            n = max(len(samples) for samples, _ in stems)
            channels = max(samples.shape[1] for samples, _ in stems)
            mix = np.zeros((n, channels))
            for samples, _ in stems:
                mix[:len(samples), :] += samples if samples.shape[1] == channels else samples.mean(1, keepdims=True)
            return mix, rate

        return Recording(package, "+".join(relatives), decode, max(sf.info(path).duration for path in paths), meta or {})

    def zip_members(self, package, relative, prefix):
        """The .ogg and .wav members of a zip archive (a .pk3), in name order. Their licence is
        looked up as ``prefix + member``, the path the source tree has them at."""
        recordings = []
        with zipfile.ZipFile(self.path(package, relative)) as archive:
            for name in sorted(n for n in archive.namelist() if not n.endswith("/")):
                if name.lower().endswith((".ogg", ".wav")):
                    data = archive.read(name)
                    recordings.append(Recording(package, f"{relative}!{name}", lambda data=data: read(io.BytesIO(data)),
                                                sf.info(io.BytesIO(data)).duration, {"virtual": prefix + name}))
        return recordings

    def catalogue(self, package, relative):
        """The RIFF WAV entries of an OpenTTD sound catalogue (.cat): a table of (offset | 0x80000000,
        size) pairs, each entry a name (length byte, name) followed by its wav. The name carries
        the entry's title and, after ``License:``, its own licence."""
        data = Path(self.path(package, relative)).read_bytes()
        recordings = []
        for index in range((struct.unpack_from("<I", data, 0)[0] & 0x7FFFFFFF) // 8):
            offset, size = struct.unpack_from("<II", data, index * 8)
            offset &= 0x7FFFFFFF
            length = data[offset]
            title = data[offset + 1:offset + 1 + length].rstrip(b"\0").decode("latin-1")
            wav = data[offset + 1 + length:offset + size]
            if not wav.startswith(b"RIFF"):
                continue
            own = re.search(r"License: (.*?)\.?$", title)
            recordings.append(Recording(package, f"{relative}#{index:02d}", lambda wav=wav: read(io.BytesIO(wav)),
                                        sf.info(io.BytesIO(wav)).duration,
                                        {"title": title, "item_license": own.group(1) if own else ""}))
        return recordings


class Licence:
    """The licence of a package's audio: ``default`` and ``holder``, or, given its DEP-5
    ``stanzas``, the stanza matching each file (its path rewritten by ``rewrite`` [(old, new)]
    to the source tree's first; with ``anchored``, matched as a whole path, not by its tails)."""

    def __init__(self, default, holder, stanzas=None, rewrite=(), anchored=False):
        self.default, self.holder, self.stanzas, self.rewrite, self.anchored = default, holder, stanzas, rewrite, anchored

    def __call__(self, original):
        """(licence, copyright holders) of a file of the package."""
        if self.stanzas is not None:
            path = original
            for old, new in self.rewrite:
                path = path.replace(old, new)
            found = dep5_match(self.stanzas, path, self.anchored)
            if found and found[0]:
                return found[0], found[1] or self.holder
        return self.default, self.holder


# ------------------------------------------------------------------------------------- the corpus

class Corpus:
    """The corpus being written to ``out``: its provenance rows, totals per source, speaker F0s,
    notes, and the fingerprints of the audio taken so far (no audio is taken twice)."""

    def __init__(self, out, packages):
        self.out, self.packages = Path(out), packages
        self.provenance = []   # rows of PROVENANCE.tsv
        self.summary = []      # (section, label, source, package, files, seconds)
        self.files = []        # (label, source, annotation fields, seconds, original recordings) per MUSAN file
        self.f0 = {}           # speaker: (median F0, gender, files)
        self.excluded, self.skipped = [], []
        self.seen = set()

    def licence(self, package, default, holder, dep5=False, rewrite=(), anchored=False):
        stanzas = dep5_stanzas(copyright_text(self.packages.roots[package], package)) if dep5 else None
        return Licence(default, holder, stanzas, rewrite, anchored)

    def take(self, signal):
        """Whether ``signal`` is audio not taken before (it is remembered as taken)."""
        mark = fingerprint(signal)
        if mark in self.seen:
            return False
        self.seen.add(mark)
        return True

    def admit(self, recording, signal, rate):
        """Whether ``signal``, the audio of ``recording``, is active and not taken before (it is
        remembered as taken); noted as skipped if not."""
        mark = fingerprint(signal)
        if mark in self.seen or not is_active(signal, rate):
            self.skipped.append(f"{recording.package}:{recording.original} "
                                f"({'duplicate' if mark in self.seen else 'silent/near-empty'})")
            return False
        self.seen.add(mark)
        return True

    def select(self, recordings, cap_s, min_s):
        """[(recording, signal, rate)] of the recordings of at least ``min_s`` that are active and
        new, taken in their fixed pseudo-random order (``Recording.key``) until ``cap_s`` seconds
        (all with None); returned in name order. Those passed over are noted as skipped."""
        chosen, total = [], 0.0
        for recording in sorted((r for r in recordings if r.duration >= min_s), key=lambda r: r.key):
            if cap_s is not None and total >= cap_s:
                break
            signal, rate = recording.load()
            if not self.admit(recording, signal, rate):
                continue
            chosen.append((recording, signal, rate))
            total += recording.duration
        return sorted(chosen, key=lambda c: c[0].original)

    def record(self, path, recording, start_s, stop_s, licence):
        """One PROVENANCE.tsv row: ``path`` holds ``start_s``-``stop_s`` of ``recording``."""
        self.provenance.append([path, recording.package, self.packages.versions[recording.package], recording.original,
                                f"{start_s:.3f}", f"{stop_s:.3f}", licence, f"{recording.package}:{recording.original}",
                                recording.meta.get("note", "")])


class Source:
    """One MUSAN source folder ``musan/<label>/<name>``: the audio of one package."""

    def __init__(self, corpus, label, name, package, licence):
        self.corpus, self.label, self.name, self.package, self.licence = corpus, label, name, package, licence
        self.files = []   # (signal, [(recording, start_s, stop_s)], annotation fields)

    def add(self, signal, parts, annotation):
        self.files.append((signal, parts, annotation))

    def write(self, annotate=True):
        """The source's wavs, ANNOTATIONS (unless ``annotate`` is false) and LICENSE."""
        corpus, folder = self.corpus, f"musan/{self.label}/{self.name}"
        if not self.files:
            raise BuildError(f"{folder}: no audio taken from {self.package} (has the package's layout changed?)")
        annotations, licence_lines, seconds = [], [], 0.0
        for index, (signal, parts, annotation) in enumerate(self.files):
            utterance = f"{self.label}-{self.name}-{index:04d}"
            path = f"{folder}/{utterance}.wav"
            write_wav(corpus.out / path, signal, MUSAN_RATE)
            seconds += len(signal) / MUSAN_RATE
            annotations.append(" ".join([utterance] + annotation))
            corpus.files.append((self.label, self.name, annotation, len(signal) / MUSAN_RATE,
                                 {f"{recording.package}:{recording.original}" for recording, _, _ in parts}))
            for recording, start_s, stop_s in parts:
                licence, holder = self.licence(recording.meta.get("virtual", recording.original))
                if recording.meta.get("item_license"):
                    licence = f"{licence} (item: {recording.meta['item_license']})"
                corpus.record(path, recording, start_s, stop_s, licence)
                licence_lines.append(f"{utterance}\t{recording.original}\t{start_s:.3f}-{stop_s:.3f}s\t{licence}\t{holder}")
        (corpus.out / folder).mkdir(parents=True, exist_ok=True)
        if annotate:
            (corpus.out / folder / "ANNOTATIONS").write_text("\n".join(annotations) + "\n")
        used = sorted({line.split("\t")[3] for line in licence_lines})
        version = corpus.packages.versions[self.package]
        (corpus.out / folder / "LICENSE").write_text(
            f"Source folder {self.label}/{self.name}: recordings from the Debian package {self.package}, version {version}\n"
            f"(Debian 12 bookworm, section main). License(s) of the audio here: {'; '.join(used)}.\n"
            f"Copyright: {self.licence.holder} (per file below).\n"
            "See the package's debian/copyright for the full text. Converted to 16 kHz mono 16-bit PCM WAV;\n"
            "long recordings cut into pieces of at most 180 s. Per file (utterance, original file in the package,\n"
            "seconds taken, license, copyright holders):\n" + "\n".join(licence_lines) + "\n")
        corpus.summary.append(("musan", self.label, self.name, self.package, len(self.files), seconds))
        print(f"{folder}: {len(self.files)} files, {seconds / 60:.1f} min", flush=True)


def join_reels(pieces, what):
    """Short recordings [(recording, 16 kHz signal, seconds)], in their order, joined with 0.25 s of
    silence between them into reels of about 12 s (a last reel under 3 s joins the one before):
    [(reel signal, [(recording, 0, seconds)])]. Each recording is noted as part of its reel."""
    reels, reel = [], []
    for piece in pieces:
        reel.append(piece)
        if sum(len(s) for _, s, _ in reel) / MUSAN_RATE + REEL_GAP_S * (len(reel) - 1) >= REEL_S:
            reels.append(reel)
            reel = []
    if reel:
        if reels and sum(len(s) for _, s, _ in reel) / MUSAN_RATE < MIN_SINGLE_EFFECT_S:
            reels[-1].extend(reel)
        else:
            reels.append(reel)
    gap = np.zeros(int(REEL_GAP_S * MUSAN_RATE))
    joined = []
    for reel in reels:
        signal16 = np.concatenate([part for _, s, _ in reel for part in (s, gap)][:-1])
        for recording, _, _ in reel:
            recording.meta["note"] = f"short {what}, part of a reel of {len(reel)} {what}s"
        joined.append((signal16, [(recording, 0.0, seconds) for recording, _, seconds in reel]))
    return joined


class Spec:
    """One source of a corpus definition: ``build(corpus)`` writes it; ``packages`` are the
    packages it reads."""

    @property
    def packages(self):
        return {self.package}


# --------------------------------------------------------------------------------- MUSAN speech

PROMPTS = "usr/share/asterisk/sounds/"
FILLETS_SOUNDS = "usr/share/games/fillets-ng/sound"
FILLETS_HOLDERS = "Ivo Danihelka, Pavel Danihelka, ALTAR interactive"
FEMALE_F0_HZ = 165.0   # a speaker whose gender no package states is labelled f above this median F0
MIN_WORD_S = 0.3


def speech_source(corpus, name, package, folder, language, gender, licence, holder, cap_s=SPEECH_CAP_S, annotate=True):
    """Prompts of at least 3 s (but the digital-silence ones) until ``cap_s``, each a file."""
    packages = corpus.packages
    recordings = [packages.recording(package, path) for path in packages.files(package, PROMPTS + folder)
                  if "/silence/" not in path]
    source = Source(corpus, "speech", name, package, corpus.licence(package, licence, holder))
    f0s = []
    for recording, signal, rate in corpus.select(recordings, cap_s, MIN_SPEECH_S):
        signal16 = below_clipping(resample(signal, rate, MUSAN_RATE))
        f0s.append(median_f0(signal16))
        source.add(signal16, [(recording, 0.0, len(signal) / rate)], [gender, language])
    corpus.f0[f"{name} ({package})"] = (float(np.nanmedian(f0s)), gender, len(f0s))
    source.write(annotate)


@dataclass(frozen=True)
class Prompts(Spec):
    """Telephone prompts of one voice (an Asterisk sound set, ``folder`` below usr/share/asterisk/sounds/):
    those of at least 3 s until ``cap_s`` (all with None), each a file; gender as the package states it."""
    name: str
    package: str
    folder: str
    language: str
    gender: str
    licence: str
    holder: str
    cap_s: float = SPEECH_CAP_S
    annotate: bool = True

    def build(self, corpus):
        speech_source(corpus, self.name, self.package, self.folder, self.language, self.gender, self.licence,
                      self.holder, self.cap_s, self.annotate)


def fillets_lines(packages, package, language):
    """The two heroes' dialogue lines of a Fish Fillets dubbing: ``<level>/<language>/<level>-m-*.ogg``
    (the small fish) and ``-v-`` (the big one)."""
    lines = []
    for path in packages.files(package, FILLETS_SOUNDS, (".ogg",)):
        if f"/{language}/" not in path:
            continue
        name = os.path.basename(path)[:-4].split("-")
        if len(name) >= 3 and name[1] in ("m", "v"):
            lines.append(packages.recording(package, path, {"speaker": name[1], "level": path.split("/")[-3]}))
    return lines


def fillets_speech(corpus, name, package, code, language, cap_s, speaker=None):
    """Fish Fillets dialogue (wideband, two actors) of the dubbing ``code``, both heroes' lines or
    only ``speaker``'s, until ``cap_s``; each speaker's gender from their median F0."""
    source = Source(corpus, "speech", name, package, corpus.licence(package, "GPL-2", FILLETS_HOLDERS))
    lines = [line for line in fillets_lines(corpus.packages, package, code) if speaker in (None, line.meta["speaker"])]
    chosen = corpus.select(lines, cap_s, MIN_SPEECH_S)
    signals = [below_clipping(resample(signal, rate, MUSAN_RATE)) for _, signal, rate in chosen]
    f0s = collections.defaultdict(list)
    for (recording, _, _), signal16 in zip(chosen, signals):
        f0s[recording.meta["speaker"]].append(median_f0(signal16))
    gender = {who: "f" if np.nanmedian(values) > FEMALE_F0_HZ else "m" for who, values in f0s.items()}
    for who, values in sorted(f0s.items()):
        corpus.f0[f"{name} speaker '{who}'"] = (float(np.nanmedian(values)), gender[who], len(values))
    for (recording, signal, rate), signal16 in zip(chosen, signals):
        source.add(signal16, [(recording, 0.0, len(signal) / rate)], [gender[recording.meta["speaker"]], language])
    source.write()


@dataclass(frozen=True)
class Dialogue(Spec):
    """Fish Fillets dialogue: the two heroes' lines of the dubbing ``code`` (``speaker`` None), or one
    hero's ('m', the small fish, or 'v', the big one: one actor), until ``cap_s``, each line a file."""
    name: str
    package: str
    code: str
    language: str
    cap_s: float
    speaker: str = None

    def build(self, corpus):
        fillets_speech(corpus, self.name, self.package, self.code, self.language, self.cap_s, self.speaker)


@dataclass(frozen=True)
class Words(Spec):
    """Single words, letters or syllables spoken by one voice (one language of a KDE teaching game):
    those in ``folders`` until ``cap_s`` (all with None), joined in name order into reels of about
    12 s with 0.25 s of silence between them; the voice's gender from its median F0."""
    name: str
    package: str
    folders: tuple
    language: str
    licence: str
    holder: str
    cap_s: float = None
    suffixes: tuple = (".ogg", ".wav", ".opus")

    def build(self, corpus):
        packages = corpus.packages
        recordings = [packages.recording(self.package, path) for folder in self.folders
                      for path in packages.files(self.package, folder, self.suffixes)]
        pieces = [(recording, below_clipping(resample(signal, rate, MUSAN_RATE)), len(signal) / rate)
                  for recording, signal, rate in corpus.select(recordings, self.cap_s, MIN_WORD_S)]
        f0s = [median_f0(signal16) for _, signal16, _ in pieces]
        gender = "f" if np.nanmedian(f0s) > FEMALE_F0_HZ else "m"
        corpus.f0[f"{self.name} ({self.package})"] = (float(np.nanmedian(f0s)), gender, len(f0s))
        source = Source(corpus, "speech", self.name, self.package,
                        corpus.licence(self.package, self.licence, self.holder, dep5=True))
        for signal16, parts in join_reels(pieces, "word"):
            source.add(signal16, parts, [gender, self.language])
        source.write()


# ---------------------------------------------------------------------------------- MUSAN music

def music_source(corpus, name, package, tracks, licence):
    """Whole tracks [(recording, genre, vocals, artist)], cut into pieces of at most 180 s."""
    source = Source(corpus, "music", name, package, licence)
    for recording, genre, vocals, artist in tracks:
        signal, rate = recording.load()
        if not corpus.take(signal):
            continue
        signal16 = below_clipping(resample(signal, rate, MUSAN_RATE))
        for start, stop in equal_pieces(len(signal16), MUSAN_RATE):
            source.add(signal16[start:stop], [(recording, start / MUSAN_RATE, stop / MUSAN_RATE)], [genre, vocals, artist])
    source.write()


@dataclass(frozen=True)
class Tracks(Spec):
    """Named tracks [(file below ``folder``, genre, artist)], whole, cut into pieces of at most 180 s."""
    name: str
    package: str
    folder: str
    tracks: tuple
    licence: str
    holder: str
    dep5: bool = False
    rewrite: tuple = ()

    def build(self, corpus):
        packages = corpus.packages
        music_source(corpus, self.name, self.package,
                     [(packages.recording(self.package, self.folder + file), genre, "N", artist)
                      for file, genre, artist in self.tracks],
                     corpus.licence(self.package, self.licence, self.holder, dep5=self.dep5, rewrite=self.rewrite))


@dataclass(frozen=True)
class Stems(Spec):
    """Frets on Fire songs: every song folder below ``folder``, its ``stems`` summed, by one artist."""
    name: str
    package: str
    folder: str
    genre: str
    artist: str
    licence: str
    holder: str
    stems: tuple = ("guitar.ogg", "song.ogg")

    def build(self, corpus):
        packages = corpus.packages
        songs = sorted({os.path.dirname(path) for path in packages.files(self.package, self.folder, (".ogg",))})
        note = {"note": f"Frets on Fire stems {' + '.join(self.stems)} summed"}
        recordings = [packages.stems(self.package, [f"{song}/{stem}" for stem in self.stems], dict(note)) for song in songs]
        music_source(corpus, self.name, self.package, [(song, self.genre, "N", self.artist) for song in recordings],
                     corpus.licence(self.package, self.licence, self.holder))


@dataclass(frozen=True)
class Files:
    """The audio files below ``folders`` of a package whose name ends in one of ``suffixes``."""
    folders: tuple
    suffixes: tuple

    def recordings(self, packages, package):
        return [packages.recording(package, path) for folder in self.folders
                for path in packages.files(package, folder, self.suffixes)]


@dataclass(frozen=True)
class Zip:
    """The .ogg and .wav members of a zip archive (a .pk3); ``prefix`` + member is the source tree's path."""
    path: str
    prefix: str

    def recordings(self, packages, package):
        return packages.zip_members(package, self.path, self.prefix)


@dataclass(frozen=True)
class Catalogue:
    """The wav entries of an OpenTTD sound catalogue (.cat)."""
    path: str

    def recordings(self, packages, package):
        return packages.catalogue(package, self.path)


def credits(packages, recording, album_json):
    """(artist, genre) a recording is credited with: its tags' artist and genre, or, with
    ``album_json``, the author the album.json beside it names (Warzone 2100's albums); '' where none."""
    if album_json:
        folder = os.path.dirname(recording.original)
        album = json.loads(Path(packages.path(recording.package, f"{folder}/album.json")).read_text(encoding="utf-8"))
        authors = {track["filename"]: track.get("author", "") for track in album["tracks"]}
        return authors.get(os.path.basename(recording.original), "").strip(), ""
    if "!" in recording.original:
        archive, member = recording.original.split("!", 1)
        with zipfile.ZipFile(packages.path(recording.package, archive)) as opened:
            source = io.BytesIO(opened.read(member))
    else:
        source = packages.path(recording.package, recording.original)
    with sf.SoundFile(source) as tagged:
        return (tagged.artist or "").strip(), (tagged.genre or "").strip()


@dataclass(frozen=True)
class Tagged(Spec):
    """Tracks credited to a composer or artist by the package itself (their tags, or ``album_json``),
    of at least ``min_s`` and not matching ``exclude``; per artist, in artist order, taken in their
    fixed pseudo-random order (``Recording.key``) until ``artist_cap_s`` (all with None); whole, cut
    into pieces of at most 180 s, written in name order. ``aliases`` ((credited as, artist), ...)
    join the spellings of one artist. Tracks no artist is credited for are left out (noted as
    skipped). The genre is the tags' (spaces made dashes), else Unknown."""
    name: str
    package: str
    listing: object
    licence: str
    holder: str
    artist_cap_s: float = None
    min_s: float = 30.0
    exclude: str = None
    aliases: tuple = ()
    album_json: bool = False
    dep5: bool = False
    rewrite: tuple = ()

    def build(self, corpus):
        packages, aliases = corpus.packages, dict(self.aliases)
        by_artist = collections.defaultdict(list)
        for recording in self.listing.recordings(packages, self.package):
            if recording.duration < self.min_s or (self.exclude and re.search(self.exclude, recording.original)):
                continue
            artist, genre = credits(packages, recording, self.album_json)
            artist = aliases.get(artist, artist)
            if not artist:
                corpus.skipped.append(f"{recording.package}:{recording.original} (no composer or artist credited)")
                continue
            recording.meta["genre"] = re.sub(r"\s+", "-", genre) or "Unknown"
            by_artist[artist].append(recording)
        chosen = []
        for artist in sorted(by_artist):
            total = 0.0
            for recording in sorted(by_artist[artist], key=lambda r: r.key):
                if self.artist_cap_s is not None and total >= self.artist_cap_s:
                    break
                signal, rate = recording.load()
                if not corpus.admit(recording, signal, rate):
                    continue
                chosen.append((recording, artist, below_clipping(resample(signal, rate, MUSAN_RATE))))
                total += recording.duration
        source = Source(corpus, "music", self.name, self.package,
                        corpus.licence(self.package, self.licence, self.holder, dep5=self.dep5, rewrite=self.rewrite))
        for recording, artist, signal16 in sorted(chosen, key=lambda c: c[0].original):
            for start, stop in equal_pieces(len(signal16), MUSAN_RATE):
                source.add(signal16[start:stop], [(recording, start / MUSAN_RATE, stop / MUSAN_RATE)],
                           [recording.meta["genre"], "N", artist])
        source.write()


# ---------------------------------------------------------------------------------- MUSAN noise

def noise_source(corpus, name, package, recordings, licence):
    """Effects of at least 3 s are files of their own (cut at 180 s); effects of 0.5-3 s are joined,
    in name order with 0.25 s of silence between them, into reels of about 12 s (a last reel
    under 3 s joins the one before)."""
    source = Source(corpus, "noise", name, package, licence)
    singles = corpus.select(recordings, None, MIN_SINGLE_EFFECT_S)
    shorts = corpus.select([r for r in recordings if MIN_EFFECT_S <= r.duration < MIN_SINGLE_EFFECT_S], None, MIN_EFFECT_S)
    for recording, signal, rate in singles:
        signal16 = below_clipping(resample(signal, rate, MUSAN_RATE))
        for start, stop in equal_pieces(len(signal16), MUSAN_RATE):
            source.add(signal16[start:stop], [(recording, start / MUSAN_RATE, stop / MUSAN_RATE)], [])
    pieces = [(recording, below_clipping(resample(signal, rate, MUSAN_RATE)), len(signal) / rate)
              for recording, signal, rate in shorts]
    for signal16, parts in join_reels(pieces, "effect"):
        source.add(signal16, parts, [])
    source.write()


@dataclass(frozen=True)
class Effects(Spec):
    """Sound effects of a package (``listing``): those that ``include`` matches (all with None) and
    ``exclude`` does not, both regular expressions searched in the file's path in the package (a
    catalogue entry's title); made into noise files by ``noise_source``. ``excluded`` says in words,
    for the README, what was left out and why."""
    name: str
    package: str
    listing: object
    licence: str
    holder: str
    excluded: str
    exclude: str = None
    include: str = None
    dep5: bool = False
    rewrite: tuple = ()
    anchored: bool = False

    def build(self, corpus):
        def text(recording):
            return recording.meta.get("title", recording.original)

        effects = [r for r in self.listing.recordings(corpus.packages, self.package)
                   if (self.include is None or re.search(self.include, text(r)))
                   and not (self.exclude and re.search(self.exclude, text(r)))]
        corpus.excluded.append(self.excluded)
        noise_source(corpus, self.name, self.package, effects, corpus.licence(
            self.package, self.licence, self.holder, dep5=self.dep5, rewrite=self.rewrite, anchored=self.anchored))


# ------------------------------------------------------------------- GTZAN music/speech

GTZAN_SPEECH_FILES = 30


def gtzan_write(corpus, folder, name, signal, parts, licence):
    path = f"music_speech/{folder}/{name}.wav"
    if len(signal) != int(GTZAN_S * GTZAN_RATE):
        raise ValueError(f"{path}: {len(signal)} samples, not {GTZAN_S:g} s")
    write_wav(corpus.out / path, signal, GTZAN_RATE)
    for recording, start_s, stop_s in parts:
        corpus.record(path, recording, start_s, stop_s, licence(recording.original)[0])


def gtzan_music(corpus, rows):
    """30 s from the middle of every new music track of at least 31 s, of the packages of ``rows``
    [(short name, package, folder, suffix, licence, holders[, DEP-5 path rewrite])]."""
    n = int(GTZAN_S * GTZAN_RATE)
    for short, package, folder, suffix, licence, holder, *rewrite in rows:
        licence = corpus.licence(package, licence, holder, dep5=bool(rewrite), rewrite=rewrite[0] if rewrite else ())
        files = 0
        for path in corpus.packages.files(package, folder, (suffix,)):
            recording = corpus.packages.recording(package, path)
            if recording.duration < GTZAN_S + 1:
                continue
            signal, rate = recording.load()
            if not corpus.take(signal):
                continue
            signal = below_clipping(resample(signal, rate, GTZAN_RATE))
            start = (len(signal) - n) // 2
            stem = re.sub(r"[^a-z0-9]+", "_", os.path.basename(path).rsplit(".", 1)[0].lower()).strip("_")
            gtzan_write(corpus, "music_wav", f"{short}_{stem}", signal[start:start + n],
                        [(recording, start / GTZAN_RATE, (start + n) / GTZAN_RATE)], licence)
            files += 1
        corpus.summary.append(("music_speech", "music", short, package, files, files * GTZAN_S))
        print(f"music_speech/music_wav {short}: {files} files", flush=True)


def gtzan_speech(corpus, package, code, files=GTZAN_SPEECH_FILES):
    """The two heroes' lines of ``files`` Fish Fillets levels of the dubbing ``code``: per level, its
    lines in name order 0.4 s apart, the first 30 s. The levels are those with enough dialogue, in
    their sha1 order."""
    licence = corpus.licence(package, "GPL-2", FILLETS_HOLDERS)
    levels = collections.defaultdict(list)
    for recording in fillets_lines(corpus.packages, package, code):
        levels[recording.meta["level"]].append(recording)
    long_enough = [level for level in levels
                   if sum(r.duration for r in levels[level]) + LINE_GAP_S * len(levels[level]) >= GTZAN_S + 2]
    picked = sorted(sorted(long_enough, key=lambda level: hashlib.sha1(level.encode()).hexdigest())[:files])
    n, gap = int(GTZAN_S * GTZAN_RATE), np.zeros(int(LINE_GAP_S * GTZAN_RATE))
    for level in picked:
        pieces, parts, length = [], [], 0
        for recording in sorted(levels[level], key=lambda r: r.original):
            signal, rate = recording.load()
            signal = below_clipping(resample(signal, rate, GTZAN_RATE))
            take = min(len(signal), n - length)
            pieces.append(signal[:take])
            parts.append((recording, 0.0, take / GTZAN_RATE))
            length += take
            recording.meta["note"] = f"line of level {level}, joined with 0.4 s gaps"
            if length >= n:
                break
            pause = min(len(gap), n - length)
            pieces.append(gap[:pause])
            length += pause
            if length >= n:
                break
        gtzan_write(corpus, "speech_wav", f"fillets_{code}_{level}", np.concatenate(pieces), parts, licence)
    corpus.summary.append(("music_speech", "speech", f"fillets-{code}", package, len(picked), len(picked) * GTZAN_S))
    print(f"music_speech/speech_wav fillets-{code}: {len(picked)} files", flush=True)


# ------------------------------------------------------------------ corpus definitions (data)

@dataclass(frozen=True)
class Definition:
    """One corpus this builder makes: its pinned packages and, per class, its sources, built in
    this order (audio taken by an earlier source is never taken again)."""
    name: str
    title: str             # the README's first line, before ", built by ..."
    noun: str              # what the README calls each part: "MUSAN <noun>", "GTZAN music/speech <noun>"
    packages: dict         # package: pinned version (Debian 12 bookworm, main), in download order
    speech: tuple
    music: tuple
    noise: tuple
    gtzan_music: tuple     # rows of gtzan_music
    gtzan_speech: tuple    # (package, dubbing code, files): gtzan_speech
    notes: str
    details: bool = False  # README: totals per language, artists and tracks, speakers

    @property
    def musan_packages(self):
        return set().union(*(spec.packages for spec in self.speech + self.music + self.noise))

    @property
    def gtzan_packages(self):
        return {row[1] for row in self.gtzan_music} | {self.gtzan_speech[0]}


def check_definition(definition):
    """BuildError unless every package a source reads is pinned, every pinned package is read, and
    the GTZAN transfer set shares no package with musan/."""
    used = definition.musan_packages | definition.gtzan_packages
    if used != set(definition.packages):
        raise BuildError(f"corpus {definition.name}: packages read but not pinned: "
                         f"{sorted(used - set(definition.packages)) or 'none'}; pinned but not read: "
                         f"{sorted(set(definition.packages) - used) or 'none'}")
    shared = definition.musan_packages & definition.gtzan_packages
    if shared:
        raise BuildError(f"corpus {definition.name}: music_speech/ must not use packages of musan/: {', '.join(sorted(shared))}")


def check_artists(corpus):
    """BuildError if one artist names music in two sources: the split groups by source and artist,
    so such an artist could land in two splits."""
    sources = collections.defaultdict(set)
    for label, source, annotation, _, _ in corpus.files:
        if label == "music":
            sources[annotation[2]].add(source)
    shared = {artist: names for artist, names in sources.items() if len(names) > 1}
    if shared:
        raise BuildError("artist(s) in more than one music source: "
                         + "; ".join(f"{artist} ({', '.join(sorted(names))})" for artist, names in sorted(shared.items())))


# The stand-ins ------------------------------------------------------------------------------------

TELEPHONE_SPEECH = (  # one voice each; gender and voice as the package names them
    Prompts("asterisk-fr", "asterisk-core-sounds-fr-wav", "fr_CA_f_June", "french", "f",
            "CC-BY-SA-3.0", "June Wallack (voice, 2006-2008); Digium"),
    Prompts("asterisk-es", "asterisk-core-sounds-es-wav", "es_MX_f_Allison", "spanish", "f",
            "CC-BY-SA-3.0", "Allison Smith (voice, 2003-2010); Digium"),
    Prompts("asterisk-it", "asterisk-core-sounds-it-wav", "it_IT_m_Carlo", "italian", "m",
            "CC-BY-3.0", "Carlo Flora (voice, 2012)"),
    Prompts("asterisk-ru", "asterisk-core-sounds-ru-wav", "ru_RU_f_IvrvoiceRU", "russian", "f",
            "CC-BY-3.0", "Maxim Topal / ivrvoice.ru (2010)"),
    Prompts("menardi", "asterisk-prompt-it-menardi-wav", "it_IT_f_Menardi", "italian", "f",
            "CC-BY-SA-3.0 (Italy)", "Marco Menardi, Paola Dal Zot (voice), 2006-2011"),
    Prompts("armelle", "asterisk-prompt-fr-armelle", "fr", "french", "f",
            "BSD-style (redistribution with or without modification, notice kept)",
            "Michel Gutierrez 2006; voice Armelle Desjardins"),
)
# es-co has no ANNOTATIONS in the stand-ins (as MUSAN's speech/us-gov) and gives all of its prompts of 3 s or more.
ES_CO = Prompts("es-co", "asterisk-prompt-es-co", "es", "spanish", "f", "GPL-2", "Avatar Ltda. / July E. Jimenez",
                cap_s=None, annotate=False)
FILLETS_CAP_S = 14 * 60

LINCITY = ("GPL-2+", "I J Peters, Greg Sharp, lincity-ng developers (upstream: GPL or CC-BY-SA-2.0)")
STANDINS_MUSIC = (
    Tracks("opsound", "asterisk-moh-opsound-wav", "usr/share/asterisk/moh/",
           (("macroform-cold_day.wav", "Unknown", "Macroform"), ("macroform-robot_dity.wav", "Unknown", "Macroform"),
            ("macroform-the_simplicity.wav", "Unknown", "Macroform"),
            ("manolo_camp-morning_coffee.wav", "Unknown", "Manolo Camp"), ("reno_project-system.wav", "Unknown", "Reno Project")),
           "CC-BY-SA-3.0", "Paul Shuler (Macroform), Manolo Camp, Reno Project (2008-2009)"),
    Stems("muldjord", "fretsonfire-songs-muldjord", "usr/share/games/fretsonfire/data/songs/muldjord/", "Death-Metal",
          "Muldjord", "CC-BY-SA-3.0", "El Senator (Muldjord), 2009"),
    Tracks("wordwarvi", "wordwarvi-sound", "usr/share/wordwarvi/sounds/",
           tuple((file, genre, "Stephen M. Cameron") for file, genre in (
               ("dtox3monomix.ogg", "Unknown"), ("lucky-holiday-cornbread-stuffing-mono.ogg", "Instrumental-Rock"),
               ("lucky13-steve-mono-mix.ogg", "Instrumental-Rock"), ("destiny_facedown.ogg", "Unknown"),
               ("highscoremusic.ogg", "Unknown"))),
           "CC-BY-SA-3.0", "Stephen M. Cameron", dep5=True, rewrite=(("usr/share/wordwarvi/", ""),)),
    Tracks("lincity", "lincity-ng-data", "usr/share/games/lincity-ng/music/default/",
           (("01 - pronobozo - lincity.ogg", "Unknown", "pronobozo"),
            ("02 - Robert van Herk - City Blues.ogg", "Unknown", "Robert van Herk"),
            ("03 - Robert van Herk - Architectural Contemplations.ogg", "Unknown", "Robert van Herk")),
           *LINCITY),
)

UFOAI_EXCLUDED = (r"!sound/(aliens|civilians|soldiers|geoscape|ui)/"
                  r"|/(radiomessage|tv_newswav|disco|jingle2?|talk|lobbyprivmsg|popup|roundstart)\.ogg$")
SCORCHED3D_EXCLUDED = r"/(scream\d?|screaming|cheeringloop|fight4life|extralife|beep2?|text|play|lockon)\.wav$"
LINCITY_EXCLUDED = (r"/(School|University|Market|SportsCroud|Residential|Shanty|Commune|Health|Monument\d"
                    r"|Substation|Click|Window)[^/]*\.wav$")
OPENSFX_EXCLUDED = r'^"(Good Year|Bad Year|Beep|Morse|Oooh sound|Unused/Nothing)'
STANDINS_NOISE = (
    Effects("ufoai", "ufoai-sound", Zip("usr/share/games/ufoai/base/0snd.pk3", "base/"), "GPL-2+", "The UFO:AI Team",
            "ufoai-sound: aliens/civilians/soldiers (voices, screams), geoscape/ui (interface cues), "
            "ambience radiomessage + tv_newswav (speech), disco + jingle + jingle2 (music), "
            "misc talk/lobbyprivmsg/popup/roundstart (cues)", exclude=UFOAI_EXCLUDED, dep5=True),
    Effects("scorched3d", "scorched3d-data", Files(("usr/share/games/scorched3d/data/globalmods/",), (".wav",)),
            "GPL-2+", "Gavin Camp",
            "scorched3d-data: scream*/screaming/cheeringloop (voices), "
            "fight4life/extralife/beep/beep2/lockon/play/text (tonal cues or empty); music/ not used",
            exclude=SCORCHED3D_EXCLUDED, dep5=True),
    Effects("lincity", "lincity-ng-data", Files(("usr/share/games/lincity-ng/sounds/",), (".wav",)), *LINCITY,
            "lincity-ng-data sounds: School, University, Market*, SportsCroud, Residential*, Shanty, "
            "Commune, Health, Monument1-3, Substation* (crowds, voices or tonal/musical content seen in "
            "spectrograms), Click/Window* (UI)", exclude=LINCITY_EXCLUDED),
    Effects("opensfx", "openttd-opensfx", Catalogue("usr/share/games/openttd/baseset/opensfx/opensfx.cat"),
            "CC-BY-SA-3.0", "OpenSFX authors (originals from freesound.org, see item)",
            'openttd-opensfx: "Good Year"/"Bad Year" (jingles), "Beep", "Morse" (tones), '
            '"Oooh sound" (voice), empty entries', exclude=OPENSFX_EXCLUDED),
    Effects("minetest", "minetest-data", Files(("usr/share/games/minetest/games/minetest_game/mods/",), (".ogg",)),
            "CC-BY-SA-3.0", "celeron55 (Perttu Ahola) and minetest_game contributors",
            "minetest-data: player_damage (voice), devtest game not used", exclude="player_damage",
            dep5=True, rewrite=(("usr/share/games/minetest/games/minetest_game/", "mtg/"),)),
)

GTZAN_MUSIC = (  # (short name, package, folder, suffix, licence, holders[, DEP-5 path rewrite])
    ("asc", "asc-music", "usr/share", ".mp3", "GPL-2+", "Michael Kievernagel (2002)"),
    ("noiz2sa", "noiz2sa-data", "usr/share", ".ogg", "BSD-2-Clause", "Kenta Cho (2002)"),
    ("torustrooper", "torus-trooper-data", "usr/share", ".ogg", "BSD-2-Clause", "Kenta Cho (2004)"),
    ("neverball", "neverball-common", "usr/share/games/neverball/bgm", ".ogg", "GPL-2+",
     "Robert Kooima and Neverball contributors"),
    ("tuxmath", "tuxmath-data", "usr/share/tuxmath/sounds", ".ogg", "Public-Domain", "Emmett Plant (tuxi.ogg)",
     [("usr/share/tuxmath/", "data/")]),
    ("blockout", "blockout2", "usr/share/games/blockout2/sounds", ".ogg", "GPL-2+", "Jean-Luc Pons (2007)"),
    ("powermanga", "powermanga-data", "usr/share/games/powermanga", ".ogg", "GPL-3+", "TLK Games"),
    ("solarwolf", "solarwolf", "usr/share/games/solarwolf/data/music", ".ogg", "LGPL-2.1", "Pete Shinners"),
)
GTZAN_SPEECH = ("fillets-ng-data-nl", "nl", GTZAN_SPEECH_FILES)  # the two heroes' lines, Dutch

STANDINS_NOTES = """\
- Each source folder is one Debian package (one recording set). Long tracks are cut into equal pieces of
  at most 180 s; pieces of one track stay in one source and share original_recording in PROVENANCE.tsv,
  so a split by original recording is possible (the project's MUSAN split is by file).
- speech: asterisk-* / menardi / armelle / es-co are telephone prompts recorded or shipped at 8 kHz
  (band-limited to 4 kHz, upsampled here); armelle and es-co are GSM 06.10 coded. fillets-cs is wideband
  (22.05/44.1 kHz game dialogue, two actors). Prompts shorter than 3 s are not used; digital-silence files
  (sounds/*/silence/) are dropped. Gender: from the upstream voice folder (fr_CA_f_June, es_MX_f_Allison,
  it_IT_m_Carlo, ru_RU_f_IvrvoiceRU, it_IT_f_Menardi) or the credited voice (Armelle Desjardins); for
  fillets-cs from each speaker's median F0 (> 165 Hz: f). Carlo is labelled m upstream although his median
  F0 is high (see above). speech/es-co has no ANNOTATIONS on purpose, like MUSAN's speech/us-gov.
- music: vocals are N everywhere: no package documents vocals and nothing was checked by listening; only
  wordwarvi's two Lucky 13 tracks are documented instrumental (genre tag). Genres come from the files' tags
  where present, else 'Unknown'. opsound is 8 kHz (telephone music-on-hold). muldjord songs are the sum of
  the Frets on Fire stems guitar.ogg + song.ogg. Levels are never normalised, only scaled down where a mix
  or resampling would clip.
- noise: effects of 3 s or more are files of their own; effects of 0.5-3 s are joined into reels of about
  12 s with 0.25 s of silence between effects (PROVENANCE.tsv lists every effect of a reel).
- music_speech: one 30 s excerpt from the middle of every music track of at least 31 s; speech files are the
  two heroes' lines (Dutch, two actors) of one Fish Fillets level each, joined with 0.4 s gaps, first 30 s."""

STANDINS = Definition(
    "standins", "Real-recording stand-ins for MUSAN and GTZAN music/speech", "stand-in", PACKAGES,
    speech=(*TELEPHONE_SPEECH, ES_CO, Dialogue("fillets-cs", "fillets-ng-data-cs", "cs", "czech", FILLETS_CAP_S)),
    music=STANDINS_MUSIC, noise=STANDINS_NOISE, gtzan_music=GTZAN_MUSIC, gtzan_speech=GTZAN_SPEECH,
    notes=STANDINS_NOTES)


# realaudio ----------------------------------------------------------------------------------------
# The stand-ins' musan/ sources (speech taken longer, each speaker a source folder of their own),
# more music by credited composers, more speakers and languages, eight more noise sources, and the
# stand-ins' GTZAN transfer set unchanged. No package of the held-out programme (checked).

REALAUDIO_PACKAGES = {  # package: version (Debian 12 bookworm, main), in download order
    # musan/speech
    **SPEECH_PACKAGES,
    "ktuberling-data": "4:22.12.3-1",
    "klettres-data": "4:22.12.3-1",
    # musan/music (lincity-ng-data, wesnoth-1.16 and supertux-data give musan/noise too)
    "asterisk-moh-opsound-wav": "2.03-1.1",
    "fretsonfire-songs-muldjord": "2.dfsg-2.1",
    "wordwarvi-sound": "1.0.4-2",
    "lincity-ng-data": "2.9~git20150314-5",
    "wesnoth-1.16-music": "1:1.16.9-1",
    "nexuiz-music": "2.5.2-12",
    "supertux-data": "0.6.3-2",
    "warzone2100-music": "4.3.3-3",
    "singularity-music": "007-2",
    # musan/noise
    "ufoai-sound": "2.5-2",
    "scorched3d-data": "44+dfsg-8",
    "openttd-opensfx": "1.0.3-2",
    "minetest-data": "5.6.1+dfsg+~1.9.0mt8+dfsg-2",
    "megaglest-data": "3.13.0-3",
    "flare-game": "1.14-1",
    "endless-sky-data": "0.9.8-1.2",
    "wesnoth-1.16-data": "1:1.16.9-1",
    "lugaru-data": "1.2-6",
    "hedgewars-data": "1.0.2-6",
    "warmux-data": "1:11.04.1+repack2-4",
    # music_speech (the GTZAN-style transfer set: the stand-ins')
    **GTZAN_PACKAGES,
}

REALAUDIO_PROMPT_CAP_S = 12 * 60
REALAUDIO_DIALOGUE_CAP_S = 15 * 60
KDE_HOLDER = "KDE contributors (voice not credited)"
REALAUDIO_SPEECH = (
    *(replace(spec, cap_s=REALAUDIO_PROMPT_CAP_S) for spec in TELEPHONE_SPEECH),
    replace(ES_CO, annotate=True),
    # Fish Fillets' two heroes, one actor each: a source folder per speaker.
    Dialogue("fillets-cs-m", "fillets-ng-data-cs", "cs", "czech", REALAUDIO_DIALOGUE_CAP_S, speaker="m"),
    Dialogue("fillets-cs-v", "fillets-ng-data-cs", "cs", "czech", REALAUDIO_DIALOGUE_CAP_S, speaker="v"),
    # Words (KTuberling) and letters/syllables (KLettres), one voice per language folder; a language in one
    # package only (KTuberling's and KLettres' Ukrainian or Lithuanian voices could be one person).
    Words("ktuberling-nn", "ktuberling-data", ("usr/share/ktuberling/sounds/nn",), "norwegian", "GPL-2+", KDE_HOLDER),
    Words("ktuberling-uk", "ktuberling-data", ("usr/share/ktuberling/sounds/uk",), "ukrainian", "GPL-2+", KDE_HOLDER),
    Words("klettres-hu", "klettres-data", ("usr/share/klettres/hu",), "hungarian", "GPL-2+", KDE_HOLDER),
    Words("klettres-lt", "klettres-data", ("usr/share/klettres/lt",), "lithuanian", "GPL-2+", KDE_HOLDER),
    Words("klettres-ml", "klettres-data", ("usr/share/klettres/ml",), "malayalam", "GPL-2+", KDE_HOLDER, cap_s=5 * 60),
    # Every other wideband voice of the two packages with at least 40 s of words, so that most speakers are
    # wideband, not telephone prompts; a language both packages voice is taken from the longer one. Greek
    # (the held-out programme's speech) and Dutch (the GTZAN-style transfer set's) stay out, unseen.
    *(Words(f"ktuberling-{code}", "ktuberling-data", (f"usr/share/ktuberling/sounds/{code}",), language, "GPL-2+",
            KDE_HOLDER)
      for code, language in (("ca", "catalan"), ("da", "danish"), ("fr", "french"), ("gl", "galician"),
                             ("ru", "russian"), ("sl", "slovenian"), ("wa", "walloon"))),
    *(Words(f"klettres-{code.replace('_', '-').lower()}", "klettres-data", (f"usr/share/klettres/{code}",), language,
            "GPL-2+", KDE_HOLDER)
      for code, language in (("ar", "arabic"), ("de", "german"), ("en", "english"), ("es", "spanish"),
                             ("he", "hebrew"), ("it", "italian"), ("nds", "low-german"), ("pt_BR", "portuguese"),
                             ("tn", "setswana"))),
)

REALAUDIO_MUSIC = STANDINS_MUSIC + (
    # Composer per track from the files' tags (the package's copyright names none per file).
    Tagged("wesnoth", "wesnoth-1.16-music", Files(("usr/share/games/wesnoth/1.16/data/core/music",), (".ogg",)),
           "GPL-2+", "David White and the Battle for Wesnoth contributors; composer per file (tags)", artist_cap_s=5 * 60),
    Tagged("nexuiz", "nexuiz-music", Zip("usr/share/games/nexuiz/data/music.pk3", "data/"), "GPL-2+",
           "Alientrap (Lee Vermeulen) and Nexuiz contributors; composer per file (tags)", artist_cap_s=8 * 60,
           aliases=(("elysis", "Gerd (elysis) Raudenbusch"), ("www.elysis.de", "Gerd (elysis) Raudenbusch"))),
    # retro/ holds old versions of tracks, partly by an artist (zhaymusic) who may be Wesnoth's Zhaytee.
    Tagged("supertux", "supertux-data", Files(("usr/share/games/supertux2/music",), (".ogg",)), "GPL-2+",
           "Marek Moeckel (Wansti) per debian/copyright; composer per file (tags)", artist_cap_s=4 * 60,
           exclude=r"/retro/", dep5=True, rewrite=(("usr/share/games/supertux2/", "data/"),)),
    # The *_enhanced tracks are LupusMechanicus' versions of Martin Severn's: left out, so that no
    # composition is in two artists' groups.
    Tagged("warzone2100", "warzone2100-music",
           Files(tuple(f"usr/share/games/warzone2100/music/albums/{album}" for album in
                       ("aftermath_soundtrack", "legacy_soundtrack", "original_soundtrack")), (".opus",)),
           "GPL-2+", "Martin Severn (original soundtrack, 1999, Eidos Interactive); LupusMechanicus (legacy and "
           "aftermath soundtracks, 2019-2022, also CC-BY-SA-3.0+)", artist_cap_s=12 * 60,
           exclude=r"_enhanced\.opus$", album_json=True),
    Tagged("singularity", "singularity-music", Files(("usr/share/games/singularity/music",), (".ogg",)),
           "CC-BY-SA-3.0", "Max McCracken (Maxstack), 2007-2012", artist_cap_s=15 * 60,
           aliases=(("Maxstack", "Max McCracken (Maxstack)"),)),
)

MEGAGLEST_INCLUDE = (r"/tilesets/[^/]+/sounds/|/water_sounds/"
                     r"|/commondata/sounds/(air_(attack|hit)|anvil|arrow_hit|catapult_(attack|die|hit|walk)"
                     r"|defense_tower_attack|golem_walk|horseman_walk|tech_building_fall|technician_build"
                     r"|tower_(attack|hit)|worker_(build|harvest_wood|mine|work_end))\d+\.wav$")
WESNOTH_INCLUDE = (r"/ambient/(birds\d|campfire|morning|night|ship)\.ogg$"
                   r"|/sounds/(axe|bat-flapping|bite(-small)?|bow(-puny)?(-fire)?(-miss)?|cave-in|claws|club(-miss)?"
                   r"|crossbow(-fire)?(-miss)?|dagger-swish|dart|dragonstick(-miss)?|entangle|explosion|fire"
                   r"|fist|flail(-miss)?|flame-big(-miss)?|fuse|gunshot|hatchet(-miss)?|horse(-elf)?-canter|ink(-miss)?"
                   r"|knife|lightning(-miss)?|mace(-miss)?|magic-(dark|missile|thorns)[-a-z0-9]*|melee-fire|miss-\d"
                   r"|mud-(fist|glob)(-miss)?|net|open-chest|pincers|poison|potion|rumble|sling(-big)?(-miss)?"
                   r"|spear(-miss)?|squishy-(hit|miss|strike)|staff(-miss)?|sword-\d|tail|throw-\d|throwing-knife(-miss)?"
                   r"|thunderstick(-miss)?|torch(-miss)?|water-blast)\.(wav|ogg)$")
HEDGEWARS_INCLUDE = (r"/Sounds/(airmine_impact|baseballbat|bee|beewater|blowtorch|bump|cake2|Droplet\d|drillgun|egg"
                     r"|explosion|firepunch_hit|flamethrower|frozen_hog_impact|graveimpact|grenadeimpact|gun|hammer"
                     r"|hog_freeze|ice_beam|ice_beam_idle|jetpackboost|knife_impact|landgun|melonimpact|mineimpact"
                     r"|minetick|minigun|molotov|mortar|parachute|pickhammer|plane|planewater|portalopen|portalshot"
                     r"|portalswitch|rcplane|ropeattach|roperelease|ropeshot|shotgunfire|shotgunreload|shutterclick"
                     r"|sniperreload|splash|steam|steps|throwpowerup|throwrelease|warp|whipcrack)\.ogg$")
SUPERTUX_INCLUDE = (r"/sounds/(brick|cracking|crystallo-(shardhit|shatter)|darthit|dartfire|door|explosion|fire"
                    r"|firecracker|fireworks|fizz|flame|icecrash|kick|lava|lightning|rain|saw|sizzle|skid|splash|splat"
                    r"|squish|stomp|thud|thunder|waterfall|wood)\.(wav|ogg)$")
REALAUDIO_NOISE = STANDINS_NOISE + (
    Effects("megaglest", "megaglest-data",
            Files(("usr/share/games/megaglest/tilesets", "usr/share/games/megaglest/data/core/water_sounds",
                   "usr/share/games/megaglest/techs/megapack/commondata/sounds"), (".wav", ".ogg")),
            "CC-BY-SA-3.0", "The Glest Team, The MegaGlest Team",
            "megaglest-data: only tileset ambiences (but hell's good_morning), water sounds and the common unit "
            "sounds of machines, tools, walking and impacts; unit acknowledgements/selections/deaths/attacks "
            "(voices, battle cries), faction music and menu sounds not used",
            include=MEGAGLEST_INCLUDE, exclude=r"/good_morning\.wav$", dep5=True),
    Effects("flare", "flare-game",
            Files(("usr/share/games/flare/mods/fantasycore/soundfx", "usr/share/games/flare/mods/empyrean_campaign/soundfx"),
                  (".ogg",)),
            "CC-BY-SA-3.0+", "Clint Bellanger and others",
            "flare-game: npcs/ and enemies/ (voices, creature cries), male_/female_ hit/die (voices), level_up, "
            "no_mana, heartbeat, powers warcry/heal (voices or tonal cues); music not used",
            exclude=r"/(npcs|enemies)/|/(fe)?male_(hit|die)\.ogg$|/(level_up|no_mana|heartbeat)\.ogg$"
                    r"|/powers/(warcry|heal)\.ogg$", dep5=True),
    Effects("endless-sky", "endless-sky-data", Files(("usr/share/games/endless-sky/sounds",), (".wav", ".mp3")),
            "public-domain", "Various (freesound.org)",
            "endless-sky-data: alarm, fail (interface cues)", exclude=r"/(alarm|fail)\.wav$", dep5=True),
    Effects("wesnoth", "wesnoth-1.16-data", Files(("usr/share/games/wesnoth/1.16/data/core/sounds",), (".wav", ".ogg")),
            "GPL-2+", "David White and the Battle for Wesnoth contributors",
            "wesnoth-1.16-data: only weapons, magic, impacts and the ambiences birds/campfire/morning/night/ship; "
            "every creature's hit/die/growl/laugh (voices), wail/groan/ugg, heal/slowed/petrified/gold/magic-holy/"
            "faeriefire (tonal cues), fanfare, horn-signals and wardrums (music), interface sounds not used",
            include=WESNOTH_INCLUDE),
    Effects("lugaru", "lugaru-data", Files(("usr/share/games/lugaru/Sounds",), (".ogg",)), "CC-BY-SA-3.0",
            "Wolfire Games", "lugaru-data: Music* (music), Rabbit* (the rabbits' voices), Console*, Alarm (cues)",
            exclude=r"/(Music\w*|Rabbit\w*|Console\w*|Alarm)\.ogg$", dep5=True,
            rewrite=(("usr/share/games/lugaru/", "Data/"),)),
    Effects("hedgewars", "hedgewars-data", Files(("usr/share/games/hedgewars/Data/Sounds",), (".ogg",)), "GFDL-1.3",
            "Andrey Korotaev and Hedgewars contributors",
            "hedgewars-data: only weapons, impacts, machines and water; voices/ (the hogs' voice packs), "
            "hogchant, Yoohoo, Kiss, hell_* (voices), the notes 1C-9D, countdown, custom*, beep, Whistle, "
            "ride_of_the_valkyries and other jingles and cues not used",
            include=HEDGEWARS_INCLUDE, dep5=True, rewrite=(("usr/share/games/hedgewars/", "share/hedgewars/"),),
            anchored=True),  # a tail would match the stanza of the game's source folder hedgewars/
    Effects("supertux", "supertux-data", Files(("usr/share/games/supertux2/sounds",), (".wav", ".ogg")), "GPL-3+",
            "SuperTux contributors",
            "supertux-data sounds: only fire, water, weather, impacts and breakage; coins, bells, jingles, "
            "jumps, voices (grunts, yeti, hurt, speech/) and other cues not used",
            include=SUPERTUX_INCLUDE, dep5=True, rewrite=(("usr/share/games/supertux2/", "data/"),)),
    Effects("warmux", "warmux-data",
            Files(("usr/share/games/warmux/sound/default/weapons", "usr/share/games/warmux/sound/default/misc"), (".ogg",)),
            "GPL-2+", "The Warmux team",
            "warmux-data: voices/ (voices), weapons disco_grenade_music/homerun/lowgravity/suicide/syringe/mine_beep "
            "(music, voices or tones), misc but box_hitting_ground/box_falling/step/sink (cues, jingles)",
            exclude=r"/(disco_grenade_music|homerun|lowgravity|suicide|syringe|mine_beep)\.ogg$"
                    r"|/misc/(?!(box_hitting_ground|box_falling|step|sink)\.ogg$)"),
)

REALAUDIO_NOTES = """\
- Built by the same code as the stand-ins from its own table of packages and sources; it holds the
  stand-ins' musan/ sources (speech taken longer: the first minutes of each are the stand-ins' files) and
  the stand-ins' music_speech/ set unchanged. No package of the held-out programme (bench/heldout.py) nor
  a reserved one is used (checked before downloading).
- Splits: speech/<source> is ONE speaker each (fillets-cs-m and fillets-cs-v are Fish Fillets' two
  heroes, one actor each; the others are one voice per package or per language folder), so grouping
  speech by source keeps a speaker in one split (musan.group_by: speaker). music ANNOTATIONS name the
  composer/artist (group_by artist or speaker keeps an artist's tracks, and the pieces of a track,
  together); no artist names music in two sources (checked).
- speech: asterisk-* / menardi / armelle / es-co are telephone prompts at 8 kHz (armelle and es-co GSM
  coded), at most 12 min each, prompts of 3 s or more, digital silence dropped; gender from the upstream
  voice folder or the credited voice. fillets-cs-m/-v: Czech game dialogue (wideband), at most 15 min each,
  gender from the actor's median F0 (> 165 Hz: f). ktuberling-*/klettres-*: single words (KTuberling)
  or letters and syllables (KLettres) of one language each, at most 5 min (klettres-ml), joined into reels
  of about 12 s with 0.25 s of silence; gender from median F0; one voice per language folder is assumed
  (no package credits the voices; each folder's per-file F0s were checked to form one narrow cluster).
- music: composer/artist per track from the package: the stand-ins' tables, the files' tags (wesnoth,
  nexuiz, supertux, singularity; tracks with no artist tag left out) or Warzone 2100's album.json. Per
  artist at most 5 min (wesnoth), 8 min (nexuiz), 4 min (supertux), 12 min (warzone2100), 15 min
  (singularity) of tracks of 30 s or more, taken in a fixed sha1 order (a track that passes the cap is
  taken whole). Vocals are N everywhere (not checked by listening; a few Wesnoth pieces may have choir).
  Genres from the tags (spaces made dashes), else Unknown. Long tracks are cut into equal pieces of at
  most 180 s; the pieces of a track share their artist and original_recording.
- noise: effects of 3 s or more are files of their own, shorter ones (0.5-3 s) joined into reels of about
  12 s; voices, music, jingles and tonal interface cues left out by file name (listed below; names only,
  nothing was checked by listening).
- music_speech: the stand-ins' GTZAN-style set (packages not used under musan/, checked)."""

REALAUDIO = Definition(
    "realaudio", "Real-audio corpus 'realaudio' (larger than the stand-ins) in the layouts of MUSAN and GTZAN "
    "music/speech", "layout", REALAUDIO_PACKAGES, speech=REALAUDIO_SPEECH, music=REALAUDIO_MUSIC,
    noise=REALAUDIO_NOISE, gtzan_music=GTZAN_MUSIC, gtzan_speech=GTZAN_SPEECH, notes=REALAUDIO_NOTES, details=True)

CORPORA = {definition.name: definition for definition in (STANDINS, REALAUDIO)}
DEFAULT_CORPUS = "standins"


def corpus_definition(name):
    """The definition of the corpus called ``name``; BuildError naming the corpora if there is none."""
    if name not in CORPORA:
        raise BuildError(f"no corpus '{name}': choose one of {', '.join(CORPORA)}")
    return CORPORA[name]


# ------------------------------------------------------------------------ PROVENANCE.tsv, README

PROVENANCE_COLUMNS = ["path", "package", "version", "original_file", "start_s", "end_s", "license",
                      "original_recording", "note"]


def write_provenance(corpus):
    with open(corpus.out / "PROVENANCE.tsv", "w") as out:
        out.write("\t".join(PROVENANCE_COLUMNS) + "\n")
        for row in corpus.provenance:
            out.write("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row) + "\n")


def hours(seconds):
    return f"{seconds / 3600:.3f} h ({seconds / 60:.1f} min)"


def detail_lines(corpus):
    """Totals per speech language, the speakers (one per speech source) and the music's tracks and
    artists, from the files written."""
    lines = ["", "Speech per language (each speech source is one speaker)", ""]
    speech = [row for row in corpus.files if row[0] == "speech"]
    languages = collections.defaultdict(list)
    for _, source, annotation, seconds, _ in speech:
        languages[annotation[1]].append((source, seconds))
    for language, rows in sorted(languages.items()):
        sources = sorted({source for source, _ in rows})
        lines.append(f"  {language:<12} {len(rows):4d} files  {hours(sum(s for _, s in rows)):<22} "
                     f"{len(sources)} speaker(s): {', '.join(sources)}")
    genders = collections.Counter(annotation[0] for _, annotation in {row[1]: row[2] for row in speech}.items())
    lines.append(f"speakers: {len({row[1] for row in speech})} ({genders['f']} f, {genders['m']} m), "
                 f"languages: {len(languages)}")
    music = [row for row in corpus.files if row[0] == "music"]
    artists = collections.defaultdict(lambda: [set(), 0.0, set()])
    for _, source, annotation, seconds, recordings in music:
        entry = artists[annotation[2]]
        entry[0].update(recordings)
        entry[1] += seconds
        entry[2].add(source)
    tracks = set().union(*(row[4] for row in music)) if music else set()
    lines += ["", f"Music per composer/artist (ANNOTATIONS' artist column): {len(tracks)} tracks by {len(artists)} "
                  "composers/artists", ""]
    for artist, (recordings, seconds, sources) in sorted(artists.items(), key=lambda item: item[0].lower()):
        lines.append(f"  {artist:<34} {len(recordings):3d} tracks  {hours(seconds):<22} {', '.join(sorted(sources))}")
    noise_sources = sorted({row[1] for row in corpus.files if row[0] == "noise"})
    lines += ["", f"Noise: {len(noise_sources)} sources: {', '.join(noise_sources)}"]
    return lines


def totals(corpus):
    """The MUSAN layout's totals, for documents that cite them: hours, files and sources per class,
    music tracks and composers/artists, speakers (one per speech source) and languages."""
    musan = [row for row in corpus.summary if row[0] == "musan"]
    found = {label: {"files": sum(r[4] for r in musan if r[1] == label),
                     "hours": round(sum(r[5] for r in musan if r[1] == label) / 3600, 4),
                     "sources": sum(1 for r in musan if r[1] == label)} for label in ("music", "speech", "noise")}
    music = [row for row in corpus.files if row[0] == "music"]
    speech = [row for row in corpus.files if row[0] == "speech"]
    found["music"]["tracks"] = len(set().union(*(row[4] for row in music))) if music else 0
    found["music"]["artists"] = len({row[2][2] for row in music})
    found["speech"]["speakers"] = len({row[1] for row in speech})
    found["speech"]["languages"] = len({row[2][1] for row in speech})
    return found


def readme_lines(corpus, definition=None):
    definition = definition or STANDINS
    versions = corpus.packages.versions
    lines = [f"{definition.title}, built by {BUILDER}",
             "from audio shipped in Debian 12 (bookworm, main) packages. Layouts are those of the real corpora:",
             "point a MUSAN root at musan/ and a GTZAN music/speech root at music_speech/.",
             "", f"MUSAN {definition.noun} (16 kHz, mono, 16-bit PCM WAV)", ""]
    musan = [row for row in corpus.summary if row[0] == "musan"]
    for label in ("music", "speech", "noise"):
        rows = [row for row in musan if row[1] == label]
        lines.append(f"{label}: {sum(r[4] for r in rows)} files, {hours(sum(r[5] for r in rows))}, {len(rows)} sources")
        for _, _, source, package, files, seconds in rows:
            lines.append(f"  {label}/{source:<12} {files:4d} files  {hours(seconds):<22} {package} {versions[package]}")
    lines += [f"total: {sum(r[4] for r in musan)} files, {hours(sum(r[5] for r in musan))}", "",
              f"GTZAN music/speech {definition.noun} (22,050 Hz, mono, 16-bit PCM WAV, 30 s each; "
              "packages not used in musan/)", ""]
    for label in ("music", "speech"):
        rows = [row for row in corpus.summary if row[0] == "music_speech" and row[1] == label]
        lines.append(f"{label}_wav: {sum(r[4] for r in rows)} files, {hours(sum(r[5] for r in rows))}")
        for _, _, source, package, files, _ in rows:
            lines.append(f"  {source:<13} {files:3d} files  {package} {versions[package]}")
    if definition.details:
        lines += detail_lines(corpus)
    lines += ["", "Speaker check: median F0 of the chosen files (gender label used in ANNOTATIONS)"]
    for speaker, (f0, gender, files) in corpus.f0.items():
        lines.append(f"  {speaker:<52} {f0:6.1f} Hz  {gender}  ({files} files)")
    lines += ["", "Notes", *definition.notes.splitlines(), "", "Excluded clips (by name, before conversion)"]
    lines += [f"- {line}" for line in corpus.excluded]
    if corpus.skipped:
        lines += ["", f"Skipped automatically ({len(corpus.skipped)}):"] + [f"- {line}" for line in corpus.skipped]
    return lines


# ------------------------------------------------------------------------------------------ build

def build(corpus, definition=None):
    """Every file of the corpus ``definition`` (the stand-ins by default) into ``corpus.out``; the
    order matters (audio taken by an earlier source is never taken again)."""
    definition = definition or STANDINS
    check_definition(definition)
    for spec in definition.speech + definition.music:
        spec.build(corpus)
    check_artists(corpus)
    for spec in definition.noise:
        spec.build(corpus)
    gtzan_music(corpus, definition.gtzan_music)
    gtzan_speech(corpus, *definition.gtzan_speech)
    write_provenance(corpus)
    lines = readme_lines(corpus, definition)
    (corpus.out / "README.txt").write_text("\n".join(lines) + "\n")
    (corpus.out / "totals.json").write_text(json.dumps(totals(corpus), indent=1, sort_keys=True) + "\n")
    print("\n".join(lines[:40]))


def built_here(out):
    """Whether ``out`` may be replaced: missing, empty, or a corpus of this builder (its README names it)."""
    if not out.exists() or not any(out.iterdir()):
        return True
    readme = out / "README.txt"
    return readme.is_file() and "built by tools/realcorpus" in readme.read_text(errors="replace")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the folder to build the corpus in (replaced)")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS,
                        help=f"which corpus definition to build: {', '.join(CORPORA)} (default: %(default)s)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="where the .debs are downloaded and unpacked, kept between runs (default: %(default)s)")
    args = parser.parse_args()
    started = time.perf_counter()
    out = args.out.resolve()
    try:
        definition = corpus_definition(args.corpus)
        packages = definition.packages
        check_not_heldout(packages, f"corpus {definition.name}")
        if not built_here(out):
            raise BuildError(f"refusing to replace {out}: not empty and not built by {BUILDER}")
        roots = unpack(packages, args.cache)
        partial = out.with_name(out.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        build(Corpus(partial, Packages(roots, packages)), definition)
    except AudiolabError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    shutil.rmtree(out, ignore_errors=True)
    partial.rename(out)
    print(f"built {out} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
