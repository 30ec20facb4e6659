"""Real-recording stand-ins for MUSAN and GTZAN music/speech, from freely licensed audio shipped
in Debian 12 (bookworm, main) packages, in the real corpora's on-disk layouts:

    python tools/realcorpus.py OUT [--cache DIR]

writes

- ``OUT/musan/{music,speech,noise}/<source>/<label>-<source>-NNNN.wav``: 16 kHz mono 16-bit PCM,
  one source folder per package, with MUSAN's ANNOTATIONS (speech/es-co has none on purpose,
  like MUSAN's speech/us-gov) and a LICENSE file;
- ``OUT/music_speech/{music_wav,speech_wav}/*.wav``: 22,050 Hz mono 16-bit PCM, 30 s each, from
  packages not used under musan/ (a true transfer test);
- ``OUT/PROVENANCE.tsv``: one row per piece of audio taken (package, version, original file,
  seconds, licence);
- ``OUT/README.txt``: totals per class and source, and notes.

Packages are fetched at pinned versions with ``apt-get download`` (nothing is installed) and
unpacked with ``dpkg -x`` into the cache (``data/cache`` of the repository unless ``--cache``).
Deterministic: every list is sorted and nothing is random, so a rebuild gives the same bytes.
OUT is built beside itself and then replaces it; a non-empty OUT that this builder did not
write is refused. The audio never goes into the repository.
"""

import argparse
import collections
import hashlib
import io
import math
import os
import re
import shutil
import struct
import sys
import time
import wave
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import soundfile as sf
import soxr

from audiolab.core.errors import AudiolabError
from audiolab.corpora.debian import copyright_text, dep5_match, dep5_stanzas, unpack

BUILDER = "tools/realcorpus.py"
DEFAULT_CACHE = Path(__file__).resolve().parents[1] / "data" / "cache"

PACKAGES = {  # package: version (Debian 12 bookworm, main), in download order
    # musan/speech
    "asterisk-core-sounds-fr-wav": "1.6.1-1",
    "asterisk-core-sounds-es-wav": "1.6.1-1",
    "asterisk-core-sounds-it-wav": "1.6.1-1",
    "asterisk-core-sounds-ru-wav": "1.6.1-1",
    "asterisk-prompt-it-menardi-wav": "1:1.4.22+mm20110907-3.1",
    "asterisk-prompt-fr-armelle": "20070613-2.2",
    "asterisk-prompt-es-co": "0.20070403-2.1",
    "fillets-ng-data-cs": "1.0.1-1.1",
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
    to the source tree's first)."""

    def __init__(self, default, holder, stanzas=None, rewrite=()):
        self.default, self.holder, self.stanzas, self.rewrite = default, holder, stanzas, rewrite

    def __call__(self, original):
        """(licence, copyright holders) of a file of the package."""
        if self.stanzas is not None:
            path = original
            for old, new in self.rewrite:
                path = path.replace(old, new)
            found = dep5_match(self.stanzas, path)
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
        self.f0 = {}           # speaker: (median F0, gender, files)
        self.excluded, self.skipped = [], []
        self.seen = set()

    def licence(self, package, default, holder, dep5=False, rewrite=()):
        stanzas = dep5_stanzas(copyright_text(self.packages.roots[package], package)) if dep5 else None
        return Licence(default, holder, stanzas, rewrite)

    def take(self, signal):
        """Whether ``signal`` is audio not taken before (it is remembered as taken)."""
        mark = fingerprint(signal)
        if mark in self.seen:
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
            mark = fingerprint(signal)
            if mark in self.seen or not is_active(signal, rate):
                self.skipped.append(f"{recording.package}:{recording.original} "
                                    f"({'duplicate' if mark in self.seen else 'silent/near-empty'})")
                continue
            self.seen.add(mark)
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
        annotations, licence_lines, seconds = [], [], 0.0
        for index, (signal, parts, annotation) in enumerate(self.files):
            utterance = f"{self.label}-{self.name}-{index:04d}"
            path = f"{folder}/{utterance}.wav"
            write_wav(corpus.out / path, signal, MUSAN_RATE)
            seconds += len(signal) / MUSAN_RATE
            annotations.append(" ".join([utterance] + annotation))
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


# --------------------------------------------------------------------------------- MUSAN speech

PROMPTS = "usr/share/asterisk/sounds/"
TELEPHONE_SPEECH = [  # (source, package, voice folder, language, gender, licence, copyright holders)
    ("asterisk-fr", "asterisk-core-sounds-fr-wav", "fr_CA_f_June", "french", "f",
     "CC-BY-SA-3.0", "June Wallack (voice, 2006-2008); Digium"),
    ("asterisk-es", "asterisk-core-sounds-es-wav", "es_MX_f_Allison", "spanish", "f",
     "CC-BY-SA-3.0", "Allison Smith (voice, 2003-2010); Digium"),
    ("asterisk-it", "asterisk-core-sounds-it-wav", "it_IT_m_Carlo", "italian", "m",
     "CC-BY-3.0", "Carlo Flora (voice, 2012)"),
    ("asterisk-ru", "asterisk-core-sounds-ru-wav", "ru_RU_f_IvrvoiceRU", "russian", "f",
     "CC-BY-3.0", "Maxim Topal / ivrvoice.ru (2010)"),
    ("menardi", "asterisk-prompt-it-menardi-wav", "it_IT_f_Menardi", "italian", "f",
     "CC-BY-SA-3.0 (Italy)", "Marco Menardi, Paola Dal Zot (voice), 2006-2011"),
    ("armelle", "asterisk-prompt-fr-armelle", "fr", "french", "f",
     "BSD-style (redistribution with or without modification, notice kept)",
     "Michel Gutierrez 2006; voice Armelle Desjardins"),
]
# es-co has no ANNOTATIONS (as MUSAN's speech/us-gov) and gives all of its prompts of 3 s or more.
UNANNOTATED_SPEECH = ("es-co", "asterisk-prompt-es-co", "es", "spanish", "f", "GPL-2", "Avatar Ltda. / July E. Jimenez")
FILLETS_SOUNDS = "usr/share/games/fillets-ng/sound"
FILLETS_HOLDERS = "Ivo Danihelka, Pavel Danihelka, ALTAR interactive"
FILLETS_CAP_S = 14 * 60
FEMALE_F0_HZ = 165.0   # a Fish Fillets speaker above this median F0 is labelled f


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


def fillets_speech(corpus):
    """Czech Fish Fillets dialogue (wideband, two actors) until 14 min; each speaker's gender from
    their median F0."""
    package = "fillets-ng-data-cs"
    source = Source(corpus, "speech", "fillets-cs", package, corpus.licence(package, "GPL-2", FILLETS_HOLDERS))
    chosen = corpus.select(fillets_lines(corpus.packages, package, "cs"), FILLETS_CAP_S, MIN_SPEECH_S)
    signals = [below_clipping(resample(signal, rate, MUSAN_RATE)) for _, signal, rate in chosen]
    f0s = collections.defaultdict(list)
    for (recording, _, _), signal16 in zip(chosen, signals):
        f0s[recording.meta["speaker"]].append(median_f0(signal16))
    gender = {speaker: "f" if np.nanmedian(values) > FEMALE_F0_HZ else "m" for speaker, values in f0s.items()}
    for speaker, values in sorted(f0s.items()):
        corpus.f0[f"fillets-cs speaker '{speaker}'"] = (float(np.nanmedian(values)), gender[speaker], len(values))
    for (recording, signal, rate), signal16 in zip(chosen, signals):
        source.add(signal16, [(recording, 0.0, len(signal) / rate)], [gender[recording.meta["speaker"]], "czech"])
    source.write()


def musan_speech(corpus):
    for name, package, folder, language, gender, licence, holder in TELEPHONE_SPEECH:
        speech_source(corpus, name, package, folder, language, gender, licence, holder)
    name, package, folder, language, gender, licence, holder = UNANNOTATED_SPEECH
    speech_source(corpus, name, package, folder, language, gender, licence, holder, cap_s=None, annotate=False)
    fillets_speech(corpus)


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


LINCITY = ("GPL-2+", "I J Peters, Greg Sharp, lincity-ng developers (upstream: GPL or CC-BY-SA-2.0)")


def musan_music(corpus):
    packages = corpus.packages
    package, folder = "asterisk-moh-opsound-wav", "usr/share/asterisk/moh/"
    opsound = [("macroform-cold_day", "Macroform"), ("macroform-robot_dity", "Macroform"),
               ("macroform-the_simplicity", "Macroform"), ("manolo_camp-morning_coffee", "Manolo Camp"),
               ("reno_project-system", "Reno Project")]
    music_source(corpus, "opsound", package,
                 [(packages.recording(package, f"{folder}{title}.wav"), "Unknown", "N", artist) for title, artist in opsound],
                 corpus.licence(package, "CC-BY-SA-3.0", "Paul Shuler (Macroform), Manolo Camp, Reno Project (2008-2009)"))

    package, folder = "fretsonfire-songs-muldjord", "usr/share/games/fretsonfire/data/songs/muldjord/"
    songs = sorted({os.path.dirname(path) for path in packages.files(package, folder, (".ogg",))})
    note = {"note": "Frets on Fire stems guitar.ogg + song.ogg summed"}
    stems = [packages.stems(package, [f"{song}/guitar.ogg", f"{song}/song.ogg"], dict(note)) for song in songs]
    music_source(corpus, "muldjord", package, [(song, "Death-Metal", "N", "Muldjord") for song in stems],
                 corpus.licence(package, "CC-BY-SA-3.0", "El Senator (Muldjord), 2009"))

    package, folder = "wordwarvi-sound", "usr/share/wordwarvi/sounds/"
    wordwarvi = [("dtox3monomix.ogg", "Unknown"), ("lucky-holiday-cornbread-stuffing-mono.ogg", "Instrumental-Rock"),
                 ("lucky13-steve-mono-mix.ogg", "Instrumental-Rock"), ("destiny_facedown.ogg", "Unknown"),
                 ("highscoremusic.ogg", "Unknown")]
    music_source(corpus, "wordwarvi", package,
                 [(packages.recording(package, folder + name), genre, "N", "Stephen M. Cameron") for name, genre in wordwarvi],
                 corpus.licence(package, "CC-BY-SA-3.0", "Stephen M. Cameron", dep5=True,
                                rewrite=[("usr/share/wordwarvi/", "")]))

    package, folder = "lincity-ng-data", "usr/share/games/lincity-ng/music/default/"
    lincity = [("01 - pronobozo - lincity.ogg", "pronobozo"), ("02 - Robert van Herk - City Blues.ogg", "Robert van Herk"),
               ("03 - Robert van Herk - Architectural Contemplations.ogg", "Robert van Herk")]
    music_source(corpus, "lincity", package,
                 [(packages.recording(package, folder + name), "Unknown", "N", artist) for name, artist in lincity],
                 corpus.licence(package, *LINCITY))


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
    reels, reel = [], []
    for recording, signal, rate in shorts:
        reel.append((recording, below_clipping(resample(signal, rate, MUSAN_RATE)), len(signal) / rate))
        if sum(len(s) for _, s, _ in reel) / MUSAN_RATE + REEL_GAP_S * (len(reel) - 1) >= REEL_S:
            reels.append(reel)
            reel = []
    if reel:
        if reels and sum(len(s) for _, s, _ in reel) / MUSAN_RATE < MIN_SINGLE_EFFECT_S:
            reels[-1].extend(reel)
        else:
            reels.append(reel)
    gap = np.zeros(int(REEL_GAP_S * MUSAN_RATE))
    for reel in reels:
        signal16 = np.concatenate([part for _, s, _ in reel for part in (s, gap)][:-1])
        for recording, _, _ in reel:
            recording.meta["note"] = f"short effect, part of a reel of {len(reel)} effects"
        source.add(signal16, [(recording, 0.0, seconds) for recording, _, seconds in reel], [])
    source.write()


UFOAI_EXCLUDED = re.compile(r"!sound/(aliens|civilians|soldiers|geoscape|ui)/"
                            r"|/(radiomessage|tv_newswav|disco|jingle2?|talk|lobbyprivmsg|popup|roundstart)\.ogg$")
SCORCHED3D_EXCLUDED = re.compile(r"/(scream\d?|screaming|cheeringloop|fight4life|extralife|beep2?|text|play|lockon)\.wav$")
LINCITY_EXCLUDED = re.compile(r"/(School|University|Market|SportsCroud|Residential|Shanty|Commune|Health|Monument\d"
                              r"|Substation|Click|Window)[^/]*\.wav$")
OPENSFX_EXCLUDED = re.compile(r'^"(Good Year|Bad Year|Beep|Morse|Oooh sound|Unused/Nothing)')


def musan_noise(corpus):
    packages = corpus.packages
    package = "ufoai-sound"
    effects = [r for r in packages.zip_members(package, "usr/share/games/ufoai/base/0snd.pk3", "base/")
               if not UFOAI_EXCLUDED.search(r.original)]
    corpus.excluded.append("ufoai-sound: aliens/civilians/soldiers (voices, screams), geoscape/ui (interface cues), "
                           "ambience radiomessage + tv_newswav (speech), disco + jingle + jingle2 (music), "
                           "misc talk/lobbyprivmsg/popup/roundstart (cues)")
    noise_source(corpus, "ufoai", package, effects, corpus.licence(package, "GPL-2+", "The UFO:AI Team", dep5=True))

    package = "scorched3d-data"
    effects = [packages.recording(package, path)
               for path in packages.files(package, "usr/share/games/scorched3d/data/globalmods/", (".wav",))
               if not SCORCHED3D_EXCLUDED.search(path)]
    corpus.excluded.append("scorched3d-data: scream*/screaming/cheeringloop (voices), "
                           "fight4life/extralife/beep/beep2/lockon/play/text (tonal cues or empty); music/ not used")
    noise_source(corpus, "scorched3d", package, effects, corpus.licence(package, "GPL-2+", "Gavin Camp", dep5=True))

    package = "lincity-ng-data"
    effects = [packages.recording(package, path)
               for path in packages.files(package, "usr/share/games/lincity-ng/sounds/", (".wav",))
               if not LINCITY_EXCLUDED.search(path)]
    corpus.excluded.append("lincity-ng-data sounds: School, University, Market*, SportsCroud, Residential*, Shanty, "
                           "Commune, Health, Monument1-3, Substation* (crowds, voices or tonal/musical content seen in "
                           "spectrograms), Click/Window* (UI)")
    noise_source(corpus, "lincity", package, effects, corpus.licence(package, *LINCITY))

    package = "openttd-opensfx"
    effects = [r for r in packages.catalogue(package, "usr/share/games/openttd/baseset/opensfx/opensfx.cat")
               if not OPENSFX_EXCLUDED.search(r.meta["title"])]
    corpus.excluded.append('openttd-opensfx: "Good Year"/"Bad Year" (jingles), "Beep", "Morse" (tones), '
                           '"Oooh sound" (voice), empty entries')
    noise_source(corpus, "opensfx", package, effects,
                 corpus.licence(package, "CC-BY-SA-3.0", "OpenSFX authors (originals from freesound.org, see item)"))

    package = "minetest-data"
    effects = [packages.recording(package, path)
               for path in packages.files(package, "usr/share/games/minetest/games/minetest_game/mods/", (".ogg",))
               if "player_damage" not in path]
    corpus.excluded.append("minetest-data: player_damage (voice), devtest game not used")
    noise_source(corpus, "minetest", package, effects,
                 corpus.licence(package, "CC-BY-SA-3.0", "celeron55 (Perttu Ahola) and minetest_game contributors",
                                dep5=True, rewrite=[("usr/share/games/minetest/games/minetest_game/", "mtg/")]))


# ------------------------------------------------------------------- GTZAN music/speech stand-in

GTZAN_MUSIC = [  # (short name, package, folder, suffix, licence, holders[, DEP-5 path rewrite])
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
]
GTZAN_SPEECH_FILES = 30


def gtzan_write(corpus, folder, name, signal, parts, licence):
    path = f"music_speech/{folder}/{name}.wav"
    if len(signal) != int(GTZAN_S * GTZAN_RATE):
        raise ValueError(f"{path}: {len(signal)} samples, not {GTZAN_S:g} s")
    write_wav(corpus.out / path, signal, GTZAN_RATE)
    for recording, start_s, stop_s in parts:
        corpus.record(path, recording, start_s, stop_s, licence(recording.original)[0])


def gtzan_music(corpus):
    """30 s from the middle of every new music track of at least 31 s."""
    n = int(GTZAN_S * GTZAN_RATE)
    for short, package, folder, suffix, licence, holder, *rewrite in GTZAN_MUSIC:
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


def gtzan_speech(corpus):
    """The two heroes' lines (Dutch) of 30 Fish Fillets levels: per level, its lines in name order
    0.4 s apart, the first 30 s. The levels are those with enough dialogue, in their sha1 order."""
    package = "fillets-ng-data-nl"
    licence = corpus.licence(package, "GPL-2", FILLETS_HOLDERS)
    levels = collections.defaultdict(list)
    for recording in fillets_lines(corpus.packages, package, "nl"):
        levels[recording.meta["level"]].append(recording)
    long_enough = [level for level in levels
                   if sum(r.duration for r in levels[level]) + LINE_GAP_S * len(levels[level]) >= GTZAN_S + 2]
    picked = sorted(sorted(long_enough, key=lambda level: hashlib.sha1(level.encode()).hexdigest())[:GTZAN_SPEECH_FILES])
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
        gtzan_write(corpus, "speech_wav", f"fillets_nl_{level}", np.concatenate(pieces), parts, licence)
    corpus.summary.append(("music_speech", "speech", "fillets-nl", package, len(picked), len(picked) * GTZAN_S))
    print(f"music_speech/speech_wav fillets-nl: {len(picked)} files", flush=True)


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


NOTES = """\
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


def readme_lines(corpus):
    versions = corpus.packages.versions
    lines = [f"Real-recording stand-ins for MUSAN and GTZAN music/speech, built by {BUILDER}",
             "from audio shipped in Debian 12 (bookworm, main) packages. Layouts are those of the real corpora:",
             "point a MUSAN root at musan/ and a GTZAN music/speech root at music_speech/.",
             "", "MUSAN stand-in (16 kHz, mono, 16-bit PCM WAV)", ""]
    musan = [row for row in corpus.summary if row[0] == "musan"]
    for label in ("music", "speech", "noise"):
        rows = [row for row in musan if row[1] == label]
        lines.append(f"{label}: {sum(r[4] for r in rows)} files, {hours(sum(r[5] for r in rows))}, {len(rows)} sources")
        for _, _, source, package, files, seconds in rows:
            lines.append(f"  {label}/{source:<12} {files:4d} files  {hours(seconds):<22} {package} {versions[package]}")
    lines += [f"total: {sum(r[4] for r in musan)} files, {hours(sum(r[5] for r in musan))}", "",
              "GTZAN music/speech stand-in (22,050 Hz, mono, 16-bit PCM WAV, 30 s each; packages not used in musan/)", ""]
    for label in ("music", "speech"):
        rows = [row for row in corpus.summary if row[0] == "music_speech" and row[1] == label]
        lines.append(f"{label}_wav: {sum(r[4] for r in rows)} files, {hours(sum(r[5] for r in rows))}")
        for _, _, source, package, files, _ in rows:
            lines.append(f"  {source:<13} {files:3d} files  {package} {versions[package]}")
    lines += ["", "Speaker check: median F0 of the chosen files (gender label used in ANNOTATIONS)"]
    for speaker, (f0, gender, files) in corpus.f0.items():
        lines.append(f"  {speaker:<52} {f0:6.1f} Hz  {gender}  ({files} files)")
    lines += ["", "Notes", *NOTES.splitlines(), "", "Excluded clips (by name, before conversion)"]
    lines += [f"- {line}" for line in corpus.excluded]
    if corpus.skipped:
        lines += ["", f"Skipped automatically ({len(corpus.skipped)}):"] + [f"- {line}" for line in corpus.skipped]
    return lines


# ------------------------------------------------------------------------------------------ build

def build(corpus):
    """Every file of the stand-ins into ``corpus.out``; the order matters (audio taken by an
    earlier source is never taken again)."""
    musan_speech(corpus)
    musan_music(corpus)
    musan_noise(corpus)
    gtzan_music(corpus)
    gtzan_speech(corpus)
    write_provenance(corpus)
    lines = readme_lines(corpus)
    (corpus.out / "README.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:40]))


def built_here(out):
    """Whether ``out`` may be replaced: missing, empty, or stand-ins (their README names the builder)."""
    if not out.exists() or not any(out.iterdir()):
        return True
    readme = out / "README.txt"
    return readme.is_file() and "built by tools/realcorpus" in readme.read_text(errors="replace")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the folder to build the stand-ins in (replaced)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="where the .debs are downloaded and unpacked, kept between runs (default: %(default)s)")
    args = parser.parse_args()
    started = time.perf_counter()
    out = args.out.resolve()
    try:
        if not built_here(out):
            raise BuildError(f"refusing to replace {out}: not empty and not built by {BUILDER}")
        roots = unpack(PACKAGES, args.cache)
        partial = out.with_name(out.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        build(Corpus(partial, Packages(roots, PACKAGES)))
    except AudiolabError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    shutil.rmtree(out, ignore_errors=True)
    partial.rename(out)
    print(f"built {out} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
