"""Benchmark: SwishNet training at MUSAN scale in bounded memory.

Writes a synthetic clip file in the schema of the feature stage with ``--clips`` 0.5 s clips
(real MUSAN at 0.5 s is about 1.57 M; the default 1.6 M is 6.3 GB), then trains slim
SwishNet on its training split as `musan_train` does, streaming batches from the file
(``swishnet.stream.ClipStream``, through tf.data), for ``--steps`` batches, in a child process whose peak
memory is measured. For comparison it also trains the same way from memory on a part of
the file small enough to load (``--memory-clips``). Training speed on this machine flips
between runs (by up to a factor of 2 for the same input), so each is run
``--repeats`` times, alternately, and the median is given. Ends with one line:
``training: C clips/s, peak M MiB at N clips`` (median speed, largest peak).

Usage: python bench/train_scale.py [--clips 1600000] [--steps 1500] [--memory-clips 200000] [--repeats 3]
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np

FRAMES, COEFFICIENTS, SPLITS = 49, 20, ["train", "val", "test"]


def write_clip_file(path, n_clips, block=65536):
    """``n_clips`` clips of noise around a per-class mean, labels and splits (65 / 10 / 25 %) at random."""
    rng = np.random.default_rng(0)
    with h5py.File(path, "w") as h5:
        features = h5.create_dataset("features", (n_clips, FRAMES, COEFFICIENTS), np.float32,
                                     chunks=(256, FRAMES, COEFFICIENTS))
        labels = rng.integers(0, 3, n_clips).astype(np.int8)
        for start in range(0, n_clips, block):
            stop = min(start + block, n_clips)
            noise = rng.standard_normal((stop - start, FRAMES, COEFFICIENTS), dtype=np.float32)
            features[start:stop] = noise + labels[start:stop, None, None]
        h5.create_dataset("labels", data=labels)
        h5.create_dataset("split", data=rng.choice(3, n_clips, p=[0.65, 0.10, 0.25]).astype(np.int8))
        h5.attrs["splits"] = SPLITS


def train(path, steps, memory_clips):
    """Child process: clips per second over ``steps`` batches (after a warm-up) and the peak memory."""
    import resource
    import time

    import audiolab.core.runtime  # noqa: F401
    import keras

    from audiolab.core.training import set_seed
    from audiolab.swishnet.model import build_swishnet
    from audiolab.swishnet.stream import ClipStream

    set_seed(1)
    model = build_swishnet((FRAMES, COEFFICIENTS))
    model.compile(keras.optimizers.Adam(5e-4), "sparse_categorical_crossentropy", metrics=["accuracy"])
    if memory_clips:
        with h5py.File(path, "r") as h5:
            x, y = h5["features"][:memory_clips], h5["labels"][:memory_clips].astype(np.int64)
        model.fit(x, y, batch_size=128, epochs=1, steps_per_epoch=50, verbose=0)
        start = time.perf_counter()
        model.fit(x, y, batch_size=128, epochs=1, steps_per_epoch=steps, verbose=0)
        n_clips = memory_clips
    else:
        stream = ClipStream(path, "train", 128, seed=1)
        batches = stream.dataset().repeat()
        model.fit(batches, epochs=1, steps_per_epoch=50, verbose=0)
        start = time.perf_counter()
        model.fit(batches, epochs=1, steps_per_epoch=steps, verbose=0)
        n_clips = stream.n_clips
    seconds = time.perf_counter() - start
    print(json.dumps({"clips_per_s": steps * 128 / seconds, "n_clips": n_clips,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_child(path, steps, memory_clips):
    result = subprocess.run([sys.executable, __file__, "--child", str(path), str(steps), str(memory_clips)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=1_600_000)
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--memory-clips", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        train(Path(args.child[0]), int(args.child[1]), int(args.child[2]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "clips_0.5s.h5"
        write_clip_file(path, args.clips)
        print(f"synthetic clip file: {args.clips:,} clips of 0.5 s, {path.stat().st_size / 2**30:.1f} GiB", flush=True)
        runs = {"memory": [], "streamed": []}
        for _ in range(args.repeats):
            runs["memory"].append(run_child(path, args.steps, args.memory_clips))
            runs["streamed"].append(run_child(path, args.steps, 0))
        speeds = {name: [run["clips_per_s"] for run in child_runs] for name, child_runs in runs.items()}
        memory, streamed = (statistics.median(speeds[name]) for name in ("memory", "streamed"))
        peak = {name: max(run["peak_mib"] for run in child_runs) for name, child_runs in runs.items()}
        n_clips = {name: child_runs[0]["n_clips"] for name, child_runs in runs.items()}
        for name, label in (("memory", "in memory (Keras array adapter)"), ("streamed", "streamed (ClipStream)")):
            print(f"{label} at {n_clips[name]:,} clips: {', '.join(f'{speed:.0f}' for speed in speeds[name])} "
                  f"clips/s, peak {peak[name]:.0f} MiB", flush=True)
        print(f"streamed / in memory, medians: {streamed / memory:.2f}; one epoch of {n_clips['streamed']:,} training "
              f"clips streamed: about {n_clips['streamed'] / streamed / 60:.1f} min", flush=True)
        print(f"training: {streamed:.0f} clips/s, peak {peak['streamed']:.0f} MiB at {n_clips['streamed']:,} clips")

if __name__ == "__main__":
    main()
