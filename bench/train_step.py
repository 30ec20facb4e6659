"""Benchmark: how fast one training step of each demo network runs, and whether it is compute or overhead.

Trains slim SwishNet on random 1 s clips (99 x 20) at batch sizes 1 and 128, with and without
XLA (``jit_compile``), and the emotion CNN on random log-mel inputs (40 x 79) at the study's
batch of 50, in this process, with the runtime settings of every stage (``core.runtime``).
Prints each one's time per step, clips per second and the arithmetic rate: the forward pass's
multiply-adds of the convolution and dense layers, counted from the layer shapes, times 2, times 3
for the forward and backward passes. A step whose time barely grows from batch 1 to 128 is
overhead; one that grows with the batch is compute. Ends with one line:
``train step: SwishNet C clips/s (G GFLOP/s), emotion CNN E clips/s (F GFLOP/s)``.

Usage: python bench/train_step.py [--steps 24] [--repeats 5]
"""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
import statistics
import time

import keras
import numpy as np

from audiolab.core.training import set_seed
from audiolab.ravdess.models import build_emotion_cnn
from audiolab.swishnet.model import build_swishnet


def forward_flops(model):
    """Floating-point operations of one example's forward pass through the model's convolution and
    dense layers (2 per multiply-add); elementwise layers are left out."""
    flops = 0
    for layer in model.layers:
        if isinstance(layer, (keras.layers.Conv1D, keras.layers.Conv2D)):
            kernel = layer.kernel.shape  # (*window, in, out)
            flops += 2 * int(np.prod(layer.output.shape[1:-1])) * int(np.prod(kernel))
        elif isinstance(layer, keras.layers.Dense):
            flops += 2 * int(np.prod(layer.kernel.shape))
    return flops


def seconds_per_step(model, input_shape, classes, batch_size, steps, repeats, jit_compile=False):
    """Seconds per training step once traced: one untimed epoch of ``steps`` batches, then the
    median of ``repeats`` timed ones (this machine's speed flips between runs)."""
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", jit_compile=jit_compile)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch_size * steps,) + input_shape).astype(np.float32)
    y = rng.integers(0, classes, batch_size * steps)
    model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0)
        times.append((time.perf_counter() - start) / steps)
    return statistics.median(times)


def report(name, build, input_shape, classes, batch_size, steps, repeats, jit_compile=False):
    set_seed(1)
    model = build()
    step = seconds_per_step(model, input_shape, classes, batch_size, steps, repeats, jit_compile)
    clips = batch_size / step
    gflops = 3 * forward_flops(model) * clips / 1e9
    print(f"{name:>28}, batch {batch_size:3d}{', XLA' if jit_compile else '':5}: {step * 1000:6.1f} ms per step, "
          f"{clips:6.0f} clips/s, {gflops:5.1f} GFLOP/s", flush=True)
    return clips, gflops


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=24)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    timing = dict(steps=args.steps, repeats=args.repeats)
    swishnet_shape, emotion_shape = (99, 20), (40, 79)
    print(f"forward pass: SwishNet {forward_flops(build_swishnet(swishnet_shape)) / 1e6:.2f} MFLOP per 1 s clip, "
          f"emotion CNN {forward_flops(build_emotion_cnn(emotion_shape)) / 1e6:.1f} MFLOP per file")
    swishnet_args = ("SwishNet (slim, 1 s clips)", lambda: build_swishnet(swishnet_shape), swishnet_shape, 3)
    report(*swishnet_args, 1, **timing)
    swishnet = report(*swishnet_args, 128, **timing)
    report(*swishnet_args, 128, **timing, jit_compile=True)
    emotion = report("emotion CNN", lambda: build_emotion_cnn(emotion_shape), emotion_shape, 8, 50, **timing)
    print(f"train step: SwishNet {swishnet[0]:.0f} clips/s ({swishnet[1]:.1f} GFLOP/s), "
          f"emotion CNN {emotion[0]:.0f} clips/s ({emotion[1]:.1f} GFLOP/s)")


if __name__ == "__main__":
    main()
