"""Build a held-out real recording: speech, music and noise from Debian packages that neither
the stand-ins (tools/realcorpus.py) nor the demo use, as one 16 kHz programme with its
labelled spans.

    python bench/heldout.py OUT [--cache DIR]

writes ``OUT/programme.wav``, ``OUT/spans.tsv`` (label, start_s, stop_s, package, file) and
``OUT/PROVENANCE.tsv`` (package, version, license of every package used). It needs
``apt-get download`` only (nothing is installed; the packages are kept in the cache, the
repository's ``data/cache`` unless ``--cache``, shared with tools/realcorpus.py), refuses the
reserved packages (audiolab/corpora/debian.py), and gives the same bytes every time: pinned
package versions, parts drawn with a fixed seed, no level normalisation (a part is only
scaled down where resampling would clip). The audio never goes into the repository.
"""

import argparse
import csv
import re
import sys
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from audiolab.core.errors import run_stage
from audiolab.corpora.debian import HELDOUT, first_license, unpack
from audiolab.swishnet.segment_eval import concatenate_with_gaps

SAMPLE_RATE = 16000
DEFAULT_CACHE = Path(__file__).resolve().parents[1] / "data" / "cache"
# package: version (Debian 12 bookworm, main); kept in audiolab/corpora/debian.py so that the
# training corpora (tools/realcorpus.py) can refuse them
PACKAGES = HELDOUT
# Each part: (package, folder, pattern); the pattern matches a file's path below the folder, so a
# pattern without a slash takes the folder's own files only.
# Speech: Tux Paint's spoken stamp descriptions in Greek (recorded by Kiriaki Serafeim): a language,
# a voice and a kind of recording (wideband read sentences, not telephone prompts) the stand-ins lack.
SPEECH = ("tuxpaint-stamps-default", "usr/share/tuxpaint/stamps", r".+_desc_el\.ogg")
# Music: game soundtracks; tracks of at least MUSIC_EXCERPT_S, one excerpt from the middle of each.
MUSIC = [("extremetuxracer-data", "usr/share/games/etr/music", r"[^/]+\.ogg"),
         ("xmoto-data", "usr/share/games/xmoto/Textures/Musics", r"[^/]+\.ogg")]
# Noise: effects without voice or melody (cues, jingles, voices and tonal pickups left out by name).
NOISE = [("extremetuxracer-data", "usr/share/games/etr/sounds", r"(grass|ice|leaves|mud|rock|snow)_slide\.wav|tree_hit\.wav"),
         ("chromium-bsu-data", "usr/share/games/chromium-bsu/wav", r"boom\.wav|explo\w+\.wav"),
         ("bzflag-data", "usr/share/games/bzflag",
          r"(boom|bounce|burrow|explosion|fire|jump|land|laser|missile|phantom|pop|ricochet|shock|steamroller|teleport)\.wav"),
         ("stormbaancoureur-data", "usr/share/games/stormbaancoureur/sounds", r"\w+_s16_le\.wav"),
         ("pingus-data", "usr/share/games/pingus/data/sounds", r"(chink|digger|plop|splash)\.wav")]
SPEECH_SECONDS, MIN_PROMPT_S, MUSIC_EXCERPT_S, GAP_S, SEED = 240.0, 2.0, 20.0, 0.5, 7


def files(roots, package, folder, pattern):
    """Files below ``folder`` of an unpacked package whose path relative to ``folder`` matches
    ``pattern``, sorted."""
    top = roots[package] / folder
    return sorted(p for p in top.rglob("*") if p.is_file() and re.fullmatch(pattern, p.relative_to(top).as_posix()))


def load(path):
    """Mono float32 at SAMPLE_RATE, scaled down only if resampling made it clip."""
    signal, rate = sf.read(path, dtype="float32", always_2d=True)
    signal = soxr.resample(signal.mean(axis=1), rate, SAMPLE_RATE).astype(np.float32)
    peak = np.abs(signal).max(initial=0.0)
    return signal / peak if peak > 1 else signal


def parts(roots):
    """[(label, signal, package, file)] of the programme, in no particular order."""
    rng = np.random.default_rng(SEED)
    chosen, total = [], 0.0
    prompts = files(roots, *SPEECH)
    for index in rng.permutation(len(prompts)):
        if total >= SPEECH_SECONDS:
            break
        signal = load(prompts[index])
        if signal.size >= MIN_PROMPT_S * SAMPLE_RATE:
            chosen.append(("speech", signal, SPEECH[0], prompts[index]))
            total += signal.size / SAMPLE_RATE
    excerpt = int(MUSIC_EXCERPT_S * SAMPLE_RATE)
    for package, folder, pattern in MUSIC:
        for path in files(roots, package, folder, pattern):
            signal = load(path)
            if signal.size >= excerpt:
                start = (signal.size - excerpt) // 2
                chosen.append(("music", signal[start:start + excerpt], package, path))
    for package, folder, pattern in NOISE:
        chosen += [("noise", load(path), package, path) for path in files(roots, package, folder, pattern)]
    return chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="where the .debs are downloaded and unpacked, kept between runs (default: %(default)s)")
    args = parser.parse_args()
    out = args.out
    roots = unpack(PACKAGES, args.cache)
    out.mkdir(parents=True, exist_ok=True)
    pieces = parts(roots)
    order = np.random.default_rng(SEED + 1).permutation(len(pieces))
    pieces = [pieces[i] for i in order]
    signal, spans = concatenate_with_gaps([(label, s) for label, s, _, _ in pieces], SAMPLE_RATE, GAP_S)
    sf.write(out / "programme.wav", signal, SAMPLE_RATE, subtype="PCM_16")
    sounds = [span for span in spans if span[0] != "silence"]
    with open(out / "spans.tsv", "w", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["label", "start_s", "stop_s", "package", "file"])
        for (label, start, stop), (_, _, package, path) in zip(sounds, pieces):
            writer.writerow([label, f"{start:.4f}", f"{stop:.4f}", package, path.relative_to(roots[package])])
    with open(out / "PROVENANCE.tsv", "w", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["package", "version", "license"])
        for package, version in PACKAGES.items():
            writer.writerow([package, version, first_license(roots[package], package)])
    seconds = {label: sum(stop - start for lab, start, stop in sounds if lab == label) for label in ("speech", "music", "noise")}
    print(f"{out / 'programme.wav'}: {signal.size / SAMPLE_RATE / 60:.1f} min, "
          + ", ".join(f"{label} {s / 60:.1f} min" for label, s in seconds.items()), file=sys.stderr)


if __name__ == "__main__":
    run_stage(main)
