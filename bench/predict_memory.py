"""Benchmark: peak memory of `python -m audiolab predict` on one long file, per task.

Writes a long 44.1 kHz 16-bit mono wav (tones, noise and silent minutes), then runs the
command line once per task in a child process and reads the child's peak resident memory
(ru_maxrss), TensorFlow and the model included. Needs the trained models (`make repro`).
Usage: python bench/predict_memory.py [--hours 2]
Ends with one line: ``predict: peak M MiB (speech-music-noise), N MiB (emotion) on an H h file``.
"""

import argparse
import tempfile
from pathlib import Path

from common import run_cli, write_long_file

RATE = 44100


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.wav"
        write_long_file(path, args.hours, RATE)
        print(f"{path.stat().st_size / 2**30:.2f} GiB wav, {args.hours:g} h at {RATE} Hz")
        peaks = {}
        for task in ("speech-music-noise", "emotion"):
            peaks[task], seconds, answer = run_cli(["predict", "--task", task, str(path)])
            print(f"{task}: {answer.split(chr(9))[1]} in {seconds:.1f} s, peak {peaks[task]:.0f} MiB")
    print(f"predict: peak {peaks['speech-music-noise']:.0f} MiB (speech-music-noise), {peaks['emotion']:.0f} MiB "
          f"(emotion) on a {args.hours:g} h file")


if __name__ == "__main__":
    main()
