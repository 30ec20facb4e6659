"""Benchmark: SwishNet inference speed on one CPU core, against the paper's Table I.

  * batch-1 latency per clip (0.5 / 1 / 2 s) with Keras (a compiled ``model(x)`` call)
    and with the exported TFLite float and int8 models (one interpreter thread), median of
    many calls after a warm-up;
  * segmentation throughput on a one-hour 44.1 kHz file, in times real time: steady state
    (``segment_file`` with the exported frame model on LiteRT: decoding, streaming
    resampling, loudness, MFCC, the frame model, median filter, segments) with its peak
    memory, and `python -m audiolab segment` end to end, start-up included.

The process is pinned to one core first. Needs the trained models (`make repro`).
Usage: python bench/inference.py [--hours 1] [--calls 2000]
"""

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

from common import run_cli, write_long_file

FRAMES = {0.5: 49, 1: 99, 2: 199}


def pin_to_one_core():
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    os.environ["OMP_NUM_THREADS"] = "1"
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)


def median_ms(call, calls):
    for _ in range(min(50, calls)):
        call()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return 1000 * float(np.median(times))


def latencies(calls):
    """(clip, Keras ms, exported float ms, exported int8 ms) per clip length."""
    import tensorflow as tf

    from audiolab.swishnet.export import tflite_interpreter
    from audiolab.swishnet.model import load_model

    def invoke(flatbuffer, x):
        interpreter = tflite_interpreter(flatbuffer, num_threads=1)
        source, target = interpreter.get_input_details()[0], interpreter.get_output_details()[0]["index"]
        if source["dtype"] == np.int8:  # the int8 model takes the quantised clip
            scale, zero_point = source["quantization"]
            x = np.clip(np.round(x / scale + zero_point), -128, 127).astype(np.int8)

        def call():
            interpreter.set_tensor(source["index"], x)
            interpreter.invoke()
            interpreter.get_tensor(target)
        return call

    rows = []
    for clip_s, frames in FRAMES.items():
        model = load_model(f"models/musan/swishnet_{clip_s:g}s/seed_1.keras")
        x = np.random.default_rng(0).normal(size=(1, frames, 20)).astype(np.float32)
        compiled = tf.function(model, jit_compile=False)
        exported = {kind: Path(f"models/tflite/swishnet_{clip_s:g}s_{kind}.tflite").read_bytes()
                    for kind in ("float", "int8")}
        rows.append((clip_s, median_ms(lambda: compiled(x), calls),
                     *(median_ms(invoke(exported[kind], x), calls) for kind in ("float", "int8"))))
    return rows


def segmentation(hours):
    """(steady-state seconds, segments, peak MiB before and after) of ``segment_file`` with the exported
    frame model in this process, and (seconds, child peak MiB) of the command line end to end."""
    from audiolab.corpora.musan import LABELS
    from audiolab.swishnet.clips import ClipConfig
    from audiolab.swishnet.export import LiteRTModel
    from audiolab.swishnet.segment import segment_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.wav"
        write_long_file(path, hours)
        model = LiteRTModel.load("models/tflite/swishnet_1s_frames.tflite")
        warm_up = Path(tmp) / "warm_up.wav"
        sf.write(warm_up, 0.1 * np.random.default_rng(1).standard_normal(5 * 44100), 44100)
        segment_file(warm_up, model, ClipConfig(), LABELS)
        before = peak_mib()
        start = time.perf_counter()
        segments = segment_file(path, model, ClipConfig(), LABELS)
        steady = time.perf_counter() - start
        after = peak_mib()
        child_peak, end_to_end, _ = run_cli(["segment", str(path), "--out", str(Path(tmp) / "out.csv")])
    return steady, len(segments), before, after, end_to_end, child_peak


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=1.0)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    pin_to_one_core()
    print(f"one core ({os.cpu_count()} on the machine), batch 1, median of {args.calls} calls")
    print("clip   Keras ms   TFLite float ms   TFLite int8 ms   paper Table I (i7-8700K, Keras)")
    paper = {0.5: 0.77, 1: 0.88, 2: 1.12}
    for clip_s, keras_ms, float_ms, int8_ms in latencies(args.calls):
        print(f"{clip_s:<5g}  {keras_ms:8.3f}   {float_ms:15.3f}   {int8_ms:14.3f}   {paper[clip_s]:.2f}")
    steady, n_segments, before, after, end_to_end, child_peak = segmentation(args.hours)
    audio_s = args.hours * 3600
    print(f"segmentation of {args.hours:g} h (44.1 kHz 16-bit wav, {n_segments} segments), one core, exported "
          f"frame model on LiteRT: steady state {steady:.1f} s = {audio_s / steady:.0f} x real time (process peak "
          f"{before:.0f} MiB before, {after:.0f} MiB after); `python -m audiolab segment` end to end, start-up "
          f"included: {end_to_end:.1f} s = {audio_s / end_to_end:.0f} x real time, peak {child_peak:.0f} MiB")

if __name__ == "__main__":
    main()
