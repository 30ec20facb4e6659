"""Build a held-out real recording: speech, music and noise from Debian packages that neither
the stand-ins (../shared/realcorpus.sh) nor the demo use, as one 16 kHz programme with its
labelled spans.

    python bench/heldout.py OUT

writes ``OUT/programme.wav``, ``OUT/spans.tsv`` (label, start_s, stop_s, package, file) and
``OUT/PROVENANCE.tsv`` (package, version, license, file of every part). It needs
``apt-get download`` only (nothing is installed), and gives the same bytes every time: pinned
package versions, parts drawn with a fixed seed, no level normalisation (a part is only
scaled down where resampling would clip). The audio never goes into the repository.
"""

import argparse
import csv
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from audiolab.swishnet.segment_eval import concatenate_with_gaps

SAMPLE_RATE = 16000
PACKAGES = {  # package: version (Debian 12 bookworm, main)
    "asterisk-core-sounds-en-wav": "1.6.1-1",
    "extremetuxracer-data": "0.8.2-1",
    "xmoto-data": "0.6.1+repack-9",
    "chromium-bsu-data": "0.9.16.1-3",
    "bzflag-data": "2.4.26-1",
    "stormbaancoureur-data": "2.1.6-3.1",
    "pingus-data": "0.7.6-5.1",
}
# Speech: US English telephone prompts (Allison), a language and voice the stand-ins lack.
SPEECH = ("asterisk-core-sounds-en-wav", "usr/share/asterisk/sounds/en_US_f_Allison", r"[^/]+\.wav")
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


def unpack(out):
    """Download and unpack every package (kept in OUT/debs and OUT/root between runs)."""
    debs, root = out / "debs", out / "root"
    debs.mkdir(parents=True, exist_ok=True)
    for package, version in PACKAGES.items():
        if not list(debs.glob(f"{package}_*.deb")):
            subprocess.run(["apt-get", "download", "-qq", f"{package}={version}"], cwd=debs, check=True)
        deb = next(debs.glob(f"{package}_*.deb"))
        if not (root / package).is_dir():
            (root / package).mkdir(parents=True)
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root / package)], check=True)
    return root


def license_of(root, package):
    """The first License field of the package's copyright file."""
    text = (root / package / "usr/share/doc" / package / "copyright").read_text(errors="replace")
    found = re.search(r"^License:[ \t]*(\S.*)$", text, re.M)
    return found.group(1).strip() if found else f"see usr/share/doc/{package}/copyright"


def files(root, package, folder, pattern):
    """Files of ``folder`` whose name matches ``pattern``, sorted."""
    return sorted(p for p in (root / package / folder).iterdir() if re.fullmatch(pattern, p.name))


def load(path):
    """Mono float32 at SAMPLE_RATE, scaled down only if resampling made it clip."""
    signal, rate = sf.read(path, dtype="float32", always_2d=True)
    signal = soxr.resample(signal.mean(axis=1), rate, SAMPLE_RATE).astype(np.float32)
    peak = np.abs(signal).max(initial=0.0)
    return signal / peak if peak > 1 else signal


def parts(root):
    """[(label, signal, package, file)] of the programme, in no particular order."""
    rng = np.random.default_rng(SEED)
    chosen, total = [], 0.0
    prompts = files(root, *SPEECH)
    for index in rng.permutation(len(prompts)):
        if total >= SPEECH_SECONDS:
            break
        signal = load(prompts[index])
        if signal.size >= MIN_PROMPT_S * SAMPLE_RATE:
            chosen.append(("speech", signal, SPEECH[0], prompts[index]))
            total += signal.size / SAMPLE_RATE
    excerpt = int(MUSIC_EXCERPT_S * SAMPLE_RATE)
    for package, folder, pattern in MUSIC:
        for path in files(root, package, folder, pattern):
            signal = load(path)
            if signal.size >= excerpt:
                start = (signal.size - excerpt) // 2
                chosen.append(("music", signal[start:start + excerpt], package, path))
    for package, folder, pattern in NOISE:
        chosen += [("noise", load(path), package, path) for path in files(root, package, folder, pattern)]
    return chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    out = parser.parse_args().out
    root = unpack(out)
    pieces = parts(root)
    order = np.random.default_rng(SEED + 1).permutation(len(pieces))
    pieces = [pieces[i] for i in order]
    signal, spans = concatenate_with_gaps([(label, s) for label, s, _, _ in pieces], SAMPLE_RATE, GAP_S)
    sf.write(out / "programme.wav", signal, SAMPLE_RATE, subtype="PCM_16")
    sounds = [span for span in spans if span[0] != "silence"]
    with open(out / "spans.tsv", "w", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["label", "start_s", "stop_s", "package", "file"])
        for (label, start, stop), (_, _, package, path) in zip(sounds, pieces):
            writer.writerow([label, f"{start:.4f}", f"{stop:.4f}", package, path.relative_to(root / package)])
    with open(out / "PROVENANCE.tsv", "w", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["package", "version", "license"])
        for package, version in PACKAGES.items():
            writer.writerow([package, version, license_of(root, package)])
    seconds = {label: sum(stop - start for lab, start, stop in sounds if lab == label) for label in ("speech", "music", "noise")}
    print(f"{out / 'programme.wav'}: {signal.size / SAMPLE_RATE / 60:.1f} min, "
          + ", ".join(f"{label} {s / 60:.1f} min" for label, s in seconds.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
