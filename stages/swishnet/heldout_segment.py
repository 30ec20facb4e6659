"""Stage `heldout_segment@<clip>`: segment a labelled real recording (the held-out programme) with the
exported frame model, as `python -m audiolab segment` does, and score its sound frames against the spans."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
import csv
from pathlib import Path

import soundfile as sf

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import write_json
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.clips import clip_config
from audiolab.swishnet.export import LiteRTModel
from audiolab.swishnet.heldout import programme_scores, read_spans, segment_frames, sound_frames
from audiolab.swishnet.segment import segment_file


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recording", required=True, help="the labelled recording (wav)")
    parser.add_argument("--spans", required=True, help="its spans: TSV with label, start_s, stop_s")
    parser.add_argument("--frame-model", required=True, help="the exported frame model (TFLite)")
    parser.add_argument("--segments", required=True, help="the segments written, TSV")
    parser.add_argument("--metrics", required=True)
    args = parser.parse_args()
    params = load_params()
    config = clip_config(params)
    segments = segment_file(args.recording, LiteRTModel.load(args.frame_model), config, LABELS,
                            params["segment"]["median_frames"])
    samples, rate = sf.read(args.recording, dtype="float32")
    truth, sound = sound_frames(samples, rate, read_spans(args.spans), config.step_s, config.silence_threshold_db)
    predicted = segment_frames(segments, truth.size, config.step_s)
    scores = programme_scores(predicted, truth, sound, LABELS)
    write_json(args.metrics, scores)
    Path(args.segments).parent.mkdir(parents=True, exist_ok=True)
    with open(args.segments, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["label", "start_s", "stop_s"])
        writer.writerows([s["label"], f"{s['start']:.3f}", f"{s['stop']:.3f}"] for s in segments)
    print(f"held-out programme: SNS {100 * scores['sns_accuracy']:.1f} %, 3-class {100 * scores['accuracy']:.1f} %"
          f" over {scores['n_frames']} sound frames")


if __name__ == "__main__":
    run_stage(main)
