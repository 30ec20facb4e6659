"""Benchmark: peak memory of `python -m audiolab predict` on one long file, per task.

Writes a long 44.1 kHz 16-bit mono wav (tones, noise and silent minutes), then runs the
command line once per task in a child process and reads the child's peak resident memory
(ru_maxrss), TensorFlow and the model included. Needs the trained models (`make repro`).
Usage: python bench/predict_memory.py [--hours 2]
Ends with one line: ``predict: peak M MiB (speech-music-noise), N MiB (emotion) on an H h file``.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

RATE = 44100


def write_long_file(path, hours):
    """A mono 16-bit wav of ``hours``: a minute at a time of tone and noise, every fifth minute silent."""
    rng = np.random.default_rng(0)
    t = np.arange(60 * RATE) / RATE
    with sf.SoundFile(path, "w", RATE, 1, "PCM_16") as out:
        for minute in range(int(round(hours * 60))):
            tone = np.sin(2 * np.pi * rng.uniform(100, 800) * t) * (1 + np.sin(2 * np.pi * 3 * t))
            out.write((0.2 * tone + 0.05 * rng.standard_normal(t.size)) * (minute % 5 != 4))


def child_peak_mib(args):
    """(peak resident MiB, seconds, stdout) of ``python -m audiolab *args`` in its own process tree."""
    script = ("import resource, subprocess, sys; "
              "r = subprocess.run([sys.executable, '-m', 'audiolab', *sys.argv[1:]], capture_output=True, text=True); "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode); print(r.stdout.strip())")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    first, answer = result.stdout.splitlines()[:2]
    peak_kib, status = map(int, first.split())
    if status != 0:
        raise SystemExit(f"predict failed on the long file: {answer}")
    return peak_kib / 1024, seconds, answer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.wav"
        write_long_file(path, args.hours)
        print(f"{path.stat().st_size / 2**30:.2f} GiB wav, {args.hours:g} h at {RATE} Hz")
        peaks = {}
        for task in ("speech-music-noise", "emotion"):
            peaks[task], seconds, answer = child_peak_mib(["predict", "--task", task, str(path)])
            print(f"{task}: {answer.split(chr(9))[1]} in {seconds:.1f} s, peak {peaks[task]:.0f} MiB")
    print(f"predict: peak {peaks['speech-music-noise']:.0f} MiB (speech-music-noise), {peaks['emotion']:.0f} MiB "
          f"(emotion) on a {args.hours:g} h file")


if __name__ == "__main__":
    main()
