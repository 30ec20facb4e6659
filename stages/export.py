"""Stage `export@<clip>`: TFLite float and dynamic-range quantised SwishNet, with a parity check on the MUSAN test clips."""

import argparse
from pathlib import Path

import keras

from audiolab import stage
from audiolab.clipdata import load_clips
from audiolab.errors import AudiolabError
from audiolab.export import export_with_parity
from audiolab.params import load_params


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clip-seconds", type=float, required=True)
    args = parser.parse_args()
    p = load_params()["export"]
    name = stage.clip_file("swishnet", args.clip_seconds)
    test = load_clips(f"data/features/musan/{stage.clip_file('clips', args.clip_seconds)}.h5", "test")
    flatbuffers, metrics = export_with_parity(keras.models.load_model(f"models/musan/{name}.keras"), test,
                                              p["float_tolerance"], p["max_accuracy_drop"])
    out = Path("models/tflite")
    out.mkdir(parents=True, exist_ok=True)
    for kind, flatbuffer in flatbuffers.items():
        (out / f"{name}_{kind}.tflite").write_bytes(flatbuffer)
    stage.write_json(f"metrics/{stage.clip_file('export', args.clip_seconds)}.json", metrics)
    if not (metrics["float_parity_ok"] and metrics["quantised_parity_ok"]):
        raise AudiolabError(f"TFLite parity check failed for {name}: {metrics}")


if __name__ == "__main__":
    stage.run(main)
