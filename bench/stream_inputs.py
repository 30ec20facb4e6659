"""Benchmark: where streamed training loses time, input by input.

Writes a synthetic clip file of ``--clips`` 0.5 s clips (``train_scale.write_clip_file``),
then trains slim SwishNet for ``--steps`` batches of 128 after a warm-up, in a fresh process
per input, from:
  * memory: numpy arrays of the first ``--memory-clips`` clips (Keras' array adapter);
  * tensor_slices: the same arrays through ``tf.data.Dataset.from_tensor_slices``, batched;
  * stream: ``ClipStream.dataset()``, what ``musan_train`` uses (windows from HDF5 through
    ``tf.numpy_function``);
  * batch_generator: ``from_generator`` over ``ClipStream.batches``, one batch per call;
  * memory_windows: ``from_generator`` over windows of the in-memory arrays (no HDF5).
Training speed on this machine flips between runs for the same input, so every input runs
``--repeats`` times, the inputs in turn. Prints each input's clips/s and their median, and how
fast ``ClipStream.windows`` alone delivers clips.
Usage: python bench/stream_inputs.py [--clips 200000] [--steps 300] [--memory-clips 100000] [--repeats 3]
"""

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

INPUTS = ("memory", "tensor_slices", "stream", "batch_generator", "memory_windows")
WINDOW_CLIPS, BATCH = 16384, 128


def fit_input(name, path, memory_clips):
    """The ``model.fit`` keyword arguments of one input."""
    import h5py
    import numpy as np
    import tensorflow as tf

    from audiolab.swishnet.stream import ClipStream

    stream = ClipStream(path, "train", BATCH, seed=1)
    with h5py.File(path, "r") as h5:
        x, y = h5["features"][:memory_clips], h5["labels"][:memory_clips].astype(np.int64)
    spec = (tf.TensorSpec((None, *x.shape[1:]), tf.float32), tf.TensorSpec((None,), tf.int64))
    epochs = itertools.count()
    if name == "memory":
        return {"x": x, "y": y, "batch_size": BATCH}
    if name == "tensor_slices":
        dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(BATCH)
    elif name == "stream":
        dataset = stream.dataset()
    elif name == "batch_generator":
        dataset = tf.data.Dataset.from_generator(lambda: stream.batches(next(epochs)), output_signature=spec)
    else:
        windows = tf.data.Dataset.from_generator(
            lambda: ((x[i:i + WINDOW_CLIPS], y[i:i + WINDOW_CLIPS]) for i in range(0, len(x), WINDOW_CLIPS)),
            output_signature=spec)
        dataset = windows.flat_map(lambda *window: tf.data.Dataset.from_tensor_slices(window).batch(BATCH))
    return {"x": dataset.repeat().prefetch(2)}


def child(name, path, steps, memory_clips):
    """In a fresh process: clips per second of one input."""
    import audiolab.core.runtime  # noqa: F401
    import keras

    from audiolab.core.training import set_seed
    from audiolab.swishnet.model import build_swishnet

    set_seed(1)
    inputs = fit_input(name, path, memory_clips)
    model = build_swishnet((49, 20))
    model.compile(keras.optimizers.Adam(5e-4), "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(**inputs, epochs=1, steps_per_epoch=30, verbose=0)
    start = time.perf_counter()
    model.fit(**inputs, epochs=1, steps_per_epoch=steps, verbose=0)
    print(steps * BATCH / (time.perf_counter() - start))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=200_000)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--memory-clips", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("INPUT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.steps, args.memory_clips)
        return
    from train_scale import write_clip_file

    from audiolab.swishnet.stream import ClipStream

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "clips.h5"
        write_clip_file(path, args.clips)
        stream = ClipStream(path, "train", BATCH, seed=1)
        start = time.perf_counter()
        n = sum(len(window[0]) for window in stream.windows(0))
        print(f"ClipStream.windows alone: {n / (time.perf_counter() - start):.0f} clips/s")
        speeds = {name: [] for name in INPUTS}
        for _ in range(args.repeats):
            for name in INPUTS:
                result = subprocess.run([sys.executable, __file__, "--child", name, str(path), "--steps",
                                         str(args.steps), "--memory-clips", str(args.memory_clips)],
                                        capture_output=True, text=True, check=True)
                speeds[name].append(float(result.stdout.strip().splitlines()[-1]))
        for name, runs in speeds.items():
            print(f"{name}: median {statistics.median(runs):.0f} clips/s (runs: {', '.join(f'{speed:.0f}' for speed in runs)})")

if __name__ == "__main__":
    main()
