"""Pieces the benchmarks share: a long test recording, and a child process's peak memory."""

import subprocess
import sys
import time

import numpy as np
import soundfile as sf


def write_long_file(path, hours, rate=44100):
    """A mono 16-bit wav of ``hours``: a minute at a time of tone and noise, every fifth minute silent."""
    rng = np.random.default_rng(0)
    t = np.arange(60 * rate) / rate
    with sf.SoundFile(path, "w", rate, 1, "PCM_16") as out:
        for minute in range(int(round(hours * 60))):
            tone = np.sin(2 * np.pi * rng.uniform(100, 800) * t) * (1 + np.sin(2 * np.pi * 3 * t))
            out.write((0.2 * tone + 0.05 * rng.standard_normal(t.size)) * (minute % 5 != 4))


def run_cli(args):
    """(peak resident MiB, wall seconds, stdout) of ``python -m audiolab *args``.

    The command runs under a small launcher whose ``RUSAGE_CHILDREN`` is read: a child forked
    from this (large) process would count this process's pages in its peak.
    """
    launcher = ("import resource, subprocess, sys; "
                "r = subprocess.run([sys.executable, '-m', 'audiolab', *sys.argv[1:]], capture_output=True, text=True); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode); print(r.stdout.strip())")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", launcher, *args], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    lines = result.stdout.splitlines()
    peak_kib, status = map(int, lines[0].split())
    if status != 0:
        raise SystemExit(f"python -m audiolab {' '.join(args)} failed")
    return peak_kib / 1024, seconds, "\n".join(lines[1:])
