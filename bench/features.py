"""Benchmark: the MUSAN feature stage against the original study's per-clip MFCC.

Writes N hours of synthetic 16 kHz audio (one-minute files of speech-like modulated
tones over noise), then measures
  * the feature stage (`write_clip_files`: load, silence removal, loudness, MFCC once
    per file, all three clip lengths to HDF5, all cores) in a fresh process, with its
    peak memory (the largest of the process and its workers), at 1 h and at 4 h, and on
    a single file of 3 h (one worker holds it all);
  * the naive approach: python_speech_features.mfcc on every clip of every length,
    one core, on the same preprocessed signals.
Prints times real time and the ratio, and ends with one line: ``features: X x real time, peak M MiB``
(X: the last corpus; M: the largest peak, the single long file's included).
Usage: python bench/features.py [--hours 1 4] [--long-file-hours 3]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import soundfile as sf

CLIP_SECONDS = (0.5, 1, 2)
FILE_SECONDS = 60
SAMPLE_RATE = 16000


def synthetic_minutes(rng, minutes):
    """One minute of speech-like modulated tone over noise at a time."""
    t = np.arange(FILE_SECONDS * SAMPLE_RATE) / SAMPLE_RATE
    for _ in range(minutes):
        tone = np.sin(2 * np.pi * rng.uniform(100, 800) * t) * (1 + np.sin(2 * np.pi * rng.uniform(2, 6) * t))
        yield (0.2 * tone + 0.05 * rng.standard_normal(t.size)).astype(np.float32)


def write_corpus(root, hours):
    """One-minute files; their manifest."""
    rows = []
    for i, signal in enumerate(synthetic_minutes(np.random.default_rng(0), int(hours * 60))):
        path = f"file{i:04d}.wav"
        sf.write(root / path, signal, SAMPLE_RATE, subtype="PCM_16")
        rows.append({"path": path, "label": "speech", "split": "train"})
    return pd.DataFrame(rows)


def write_long_file(root, hours):
    """A single file of ``hours``, written a minute at a time; its manifest."""
    with sf.SoundFile(root / "long.wav", "w", SAMPLE_RATE, 1, subtype="PCM_16") as out:
        for signal in synthetic_minutes(np.random.default_rng(1), int(hours * 60)):
            out.write(signal)
    return pd.DataFrame([{"path": "long.wav", "label": "speech", "split": "train"}])


def peak_memory_mib():
    self_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(self_kib, children_kib) / 1024


def run_stage(root, manifest_csv):
    """In this (fresh) process: the feature stage; prints JSON with seconds and peak memory."""
    from audiolab.swishnet.clips import ClipConfig, write_clip_files

    manifest = pd.read_csv(manifest_csv)
    out = {s: Path(root) / f"clips_{s:g}s.h5" for s in CLIP_SECONDS}
    start = time.perf_counter()
    write_clip_files(manifest, root, out, ClipConfig(), ("speech", "music", "noise"))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mib": peak_memory_mib()}))


def naive_seconds(root, manifest):
    """The original study's way: python_speech_features.mfcc on each clip of each length."""
    from python_speech_features import mfcc

    from audiolab.core.audio import load_audio
    from audiolab.swishnet.clips import ClipConfig, preprocess

    config = ClipConfig()
    start = time.perf_counter()
    for path in manifest["path"]:
        signal = preprocess(load_audio(root / path, SAMPLE_RATE), config)
        for clip_s in CLIP_SECONDS:
            clip = int(clip_s * SAMPLE_RATE)
            for begin in range(0, signal.size - clip + 1, clip // 2):
                mfcc(signal[begin:begin + clip], SAMPLE_RATE, winlen=0.025, winstep=0.01,
                     numcep=20, nfilt=32, nfft=512)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, nargs="+", default=[1.0, 4.0])
    parser.add_argument("--long-file-hours", type=float, default=3.0, help="a single file this long (0: none)")
    parser.add_argument("--stage-only", nargs=2, metavar=("ROOT", "MANIFEST"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage_only:
        run_stage(*args.stage_only)
        return
    print(f"machine: {os.cpu_count()} cores; the feature stage uses the {len(os.sched_getaffinity(0))} this "
          f"process may run on, the naive approach one")
    runs = [(f"{hours:g} h in one-minute files", hours, write_corpus) for hours in args.hours]
    if args.long_file_hours:
        runs.append((f"one file of {args.long_file_hours:g} h", args.long_file_hours, write_long_file))
    peaks = []
    for name, hours, write in runs:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            manifest = write(root, hours)
            manifest_csv = root / "manifest.csv"
            manifest.to_csv(manifest_csv, index=False)
            result = subprocess.run([sys.executable, __file__, "--stage-only", str(root), str(manifest_csv)],
                                    capture_output=True, text=True, check=True)
            stage = json.loads(result.stdout.strip().splitlines()[-1])
            peaks.append(stage["peak_mib"])
            audio_s = hours * 3600
            line = (f"{name}: feature stage {stage['seconds']:.1f} s = {audio_s / stage['seconds']:.0f} x real time, "
                    f"peak memory {stage['peak_mib']:.0f} MiB")
            if hours == args.hours[0] and write is write_corpus:
                naive = naive_seconds(root, manifest)
                line += (f"; naive per-clip python_speech_features {naive:.1f} s = {audio_s / naive:.0f} x real time; "
                         f"ratio {naive / stage['seconds']:.1f}; MUSAN (109 h) projected "
                         f"{109 * 3600 / (audio_s / stage['seconds']) / 60:.1f} min")
            if write is write_corpus:
                speed = audio_s / stage["seconds"]
            print(line, flush=True)
    print(f"features: {speed:.0f} x real time, peak {max(peaks):.0f} MiB ({args.hours[-1]:g} h, all 3 clip lengths, "
          f"{len(os.sched_getaffinity(0))} cores; the peak of every run above)")


if __name__ == "__main__":
    main()
