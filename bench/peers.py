"""Benchmark: our segmenter against Silero VAD on the same real recording, on one core.

Silero VAD is the detector users pick for speech / non-speech. Its ONNX model ships in the
``silero-vad`` wheel and runs here on ``onnxruntime`` alone (``make bench-setup`` installs
both, pinned in bench/requirements.txt, without torch): 512-sample chunks with 64 samples of
context and the recurrent state carried over, as the wheel's own ONNX wrapper feeds it; a
chunk is speech at probability >= 0.5.

Ours is timed twice, with the models and params given: in this process as Silero is (loading
the exported frame model, reading the file, ``segment_file``; the libraries already imported),
and as ``python -m audiolab segment`` end to end (a fresh Python, start-up included). Both
peers run on the same core; both are scored on the same frames: 10 ms frames inside a
labelled part of the recording whose own level is at least ``clips.silence_threshold_db``
(sound, not the pauses inside a prompt). Prints the SNS (speech / non-speech) frame accuracy
of both, our 3-class accuracy, and the speeds.

    python bench/heldout.py data/heldout        # or the stand-ins' GTZAN-style files
    python bench/peers.py data/heldout/programme.wav data/heldout/spans.tsv [--models DIR --params FILE]
"""

import argparse
import json
import importlib.util
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import onnxruntime
import soundfile as sf

from common import run_cli

from audiolab.cli.formats import format_segments, parse_segments
from audiolab.cli.predict import segment_recording
from audiolab.core.machine import cpu_name
from audiolab.core.params import load_params
from audiolab.swishnet.heldout import read_spans, sound_frames
from audiolab.swishnet.segment_eval import frame_truth

SILERO_RATE, SILERO_CHUNK, SILERO_CONTEXT = 16000, 512, 64


def silero_model_path():
    """The ONNX model inside the installed silero-vad wheel (found without importing the package,
    whose ``__init__`` needs torch)."""
    spec = importlib.util.find_spec("silero_vad")
    if spec is None:
        raise SystemExit("silero-vad is not installed: run `make bench-setup`")
    return Path(spec.submodule_search_locations[0]) / "data" / "silero_vad.onnx"


def silero_probabilities(path):
    """Silero VAD's speech probability of each 32 ms chunk of a 16 kHz file."""
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(silero_model_path()), sess_options=options,
                                           providers=["CPUExecutionProvider"])
    samples, rate = sf.read(path, dtype="float32")
    if rate != SILERO_RATE:
        raise SystemExit(f"{path}: Silero VAD needs {SILERO_RATE} Hz here, not {rate}")
    samples = np.pad(samples, (0, -samples.size % SILERO_CHUNK))
    state, context = np.zeros((2, 1, 128), np.float32), np.zeros((1, SILERO_CONTEXT), np.float32)
    rate_input = np.array(SILERO_RATE, np.int64)
    probabilities = np.empty(samples.size // SILERO_CHUNK, np.float32)
    for i in range(probabilities.size):
        chunk = np.concatenate([context, samples[None, i * SILERO_CHUNK:(i + 1) * SILERO_CHUNK]], axis=1)
        out, state = session.run(None, {"input": chunk, "state": state, "sr": rate_input})
        probabilities[i], context = out[0, 0], chunk[:, -SILERO_CONTEXT:]
    return probabilities


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("recording", help="16 kHz wav")
    parser.add_argument("spans", help="TSV with label, start_s, stop_s columns (bench/heldout.py writes one)")
    parser.add_argument("--models", default="realaudio/models", help="default: the shipped real-audio model")
    parser.add_argument("--params", default="realaudio/params.yaml")
    parser.add_argument("--clip-seconds", default="1")
    parser.add_argument("--json", help="also write the figures here (JSON)")
    args = parser.parse_args()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    os.environ["OMP_NUM_THREADS"] = "1"

    params = load_params(args.params)
    clips = params["clips"]
    step_s = clips["step_s"]
    samples, rate = sf.read(args.recording, dtype="float32")
    truth, sound = sound_frames(samples, rate, read_spans(args.spans), step_s, clips["silence_threshold_db"])
    seconds = sf.info(args.recording).duration

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "segments.csv"
        peak, ours_s, _ = run_cli(["--models", args.models, "--params", args.params, "segment", args.recording,
                                   "--clip-seconds", args.clip_seconds, "--out", str(out)])
        ours = frame_truth(parse_segments(out.read_text(), "csv"), truth.size, step_s, step_s)
    start = time.perf_counter()
    in_process, _ = segment_recording(args.recording, args.models, params, float(args.clip_seconds))
    in_process_s = time.perf_counter() - start
    in_process_frames = frame_truth(parse_segments(format_segments(in_process, "csv"), "csv"), truth.size, step_s, step_s)
    if not np.array_equal(in_process_frames, ours):
        raise SystemExit("the in-process segments differ from the command line's")
    start = time.perf_counter()
    chunk_speech = silero_probabilities(args.recording) >= 0.5
    silero_s = time.perf_counter() - start
    centres = (np.arange(truth.size) + 0.5) * step_s
    silero = chunk_speech[np.minimum((centres * SILERO_RATE // SILERO_CHUNK).astype(int), chunk_speech.size - 1)]

    is_speech = truth[sound] == "speech"
    ours_sns = np.mean((ours[sound] == "speech") == is_speech)
    silero_sns = np.mean(silero[sound] == is_speech)
    ours_accuracy = np.mean(ours[sound] == truth[sound])
    print(f"{args.recording}: {seconds / 60:.1f} min, {sound.sum()} sound frames "
          f"({is_speech.mean():.0%} speech), one core")
    print(f"silero-vad: SNS {100 * silero_sns:.1f} %, {seconds / silero_s:.0f} x real time (ONNX model, onnxruntime, 1 thread)")
    print(f"ours: SNS {100 * ours_sns:.1f} %, 3-class {100 * ours_accuracy:.1f} %, {seconds / in_process_s:.0f} x real "
          f"time in process as silero ({args.clip_seconds} s SwishNet on LiteRT), {seconds / ours_s:.0f} x end to end "
          f"(`python -m audiolab segment`, start-up included, peak {peak:.0f} MiB)")
    print(f"peers: SNS ours {100 * ours_sns:.1f} % vs silero {100 * silero_sns:.1f} %; speed in process ours "
          f"{seconds / in_process_s:.0f} x vs silero {seconds / silero_s:.0f} x real time "
          f"({silero_s / in_process_s:.1f} times); ours end to end {seconds / ours_s:.0f} x")
    if args.json:
        figures = {"recording_minutes": seconds / 60, "sound_frames": int(sound.sum()), "speech_share": float(is_speech.mean()),
                   "ours": {"sns_accuracy": float(ours_sns), "accuracy": float(ours_accuracy),
                            "x_real_time": seconds / in_process_s, "end_to_end_x_real_time": seconds / ours_s,
                            "peak_mib": peak},
                   "silero": {"sns_accuracy": float(silero_sns), "x_real_time": seconds / silero_s},
                   "speed_ratio": silero_s / in_process_s, "sns_difference": float(ours_sns - silero_sns),
                   "cpu": cpu_name()}
        Path(args.json).write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
