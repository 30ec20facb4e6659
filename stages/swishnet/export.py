"""Stage `export@<clip>`: TFLite float and full-integer int8 SwishNet and its frame model (first training
seed), with parity checks on the MUSAN test clips."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

from audiolab.core.errors import AudiolabError, run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import write_json
from audiolab.swishnet.dataset import load_clips, sample_clips
from audiolab.swishnet.export import export_with_parity
from audiolab.swishnet.model import load_model


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--float-out", required=True)
    parser.add_argument("--int8-out", required=True)
    parser.add_argument("--frames-out", required=True, help="the frame model the command line segments with")
    parser.add_argument("--metrics", required=True)
    args = parser.parse_args()
    params = load_params()
    p = params["export"]
    representative = sample_clips(args.features, "train", p["representative_clips"], params["seed"])
    flatbuffers, metrics = export_with_parity(load_model(args.model), load_clips(args.features, "test"),
                                              representative, p["float_tolerance"], p["max_accuracy_drop"],
                                              p["max_int8_bytes"])
    for kind, out in (("float", args.float_out), ("int8", args.int8_out), ("frames", args.frames_out)):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_bytes(flatbuffers[kind])
    write_json(args.metrics, metrics)
    failed = [f"{model}.{check}" for model in ("float", "int8", "frames") for check in ("parity_ok", "size_ok")
              if metrics[model].get(check) == 0]
    if failed:
        raise AudiolabError(f"TFLite export check failed for {args.model}: {', '.join(failed)} ({metrics})")


if __name__ == "__main__":
    run_stage(main)
