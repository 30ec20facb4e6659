"""Stage `export@<clip>`: TFLite float and dynamic-range quantised SwishNet and its frame model (first training
seed), with parity checks on the MUSAN test clips."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

import keras

from audiolab.core.errors import AudiolabError, run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import write_json
from audiolab.swishnet.dataset import load_clips
from audiolab.swishnet.export import export_with_parity


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--float-out", required=True)
    parser.add_argument("--quantised-out", required=True)
    parser.add_argument("--frames-out", required=True, help="the frame model the command line segments with")
    parser.add_argument("--metrics", required=True)
    args = parser.parse_args()
    p = load_params()["export"]
    flatbuffers, metrics = export_with_parity(keras.models.load_model(args.model), load_clips(args.features, "test"),
                                              p["float_tolerance"], p["max_accuracy_drop"])
    for kind, out in (("float", args.float_out), ("quantised", args.quantised_out), ("frames", args.frames_out)):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_bytes(flatbuffers[kind])
    write_json(args.metrics, metrics)
    if not (metrics["float_parity_ok"] and metrics["quantised_parity_ok"] and metrics["frames_parity_ok"]):
        raise AudiolabError(f"TFLite parity check failed for {args.model}: {metrics}")


if __name__ == "__main__":
    run_stage(main)
