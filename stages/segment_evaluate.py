"""Stage `segment_evaluate@<clip>`: frame-wise segmentation accuracy on the mixtures (paper Table V)."""

import argparse
from pathlib import Path

import keras
import numpy as np
import pandas as pd

from audiolab import stage
from audiolab.corpora.musan import LABELS
from audiolab.nets.swishnet import frame_model
from audiolab.params import load_params
from audiolab.segment import SILENCE, frame_probabilities, frame_truth, label_frames, score_frames


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clip-seconds", type=float, required=True)
    parser.add_argument("--mixtures", default="data/prepared/segment_eval")
    args = parser.parse_args()
    params = load_params()
    config = stage.clip_config(params)
    frames = frame_model(keras.models.load_model(f"models/musan/{stage.clip_file('swishnet', args.clip_seconds)}.keras"))
    truth_table = pd.read_csv(Path(args.mixtures) / "truth.csv")
    predicted = {"smoothed": [], "raw": []}
    truth = []
    for name, spans in truth_table.groupby("file", sort=True):
        probabilities, silent = frame_probabilities(Path(args.mixtures) / name, frames, config)
        truth.append(frame_truth(spans[["label", "start", "stop"]].itertuples(index=False), len(probabilities),
                                 config.step_s, config.window_s))
        for kind, median in (("smoothed", params["segment"]["median_frames"]), ("raw", 1)):
            labels = label_frames(probabilities, silent, median)
            predicted[kind].append(np.where(labels < 0, SILENCE, np.asarray(LABELS, dtype=object)[labels]))
    truth = np.concatenate(truth)
    metrics = score_frames(np.concatenate(predicted["smoothed"]), truth)
    raw = score_frames(np.concatenate(predicted["raw"]), truth)
    metrics.update(unsmoothed_accuracy=raw["accuracy"], unsmoothed_sns_accuracy=raw["sns_accuracy"])
    stage.write_json(f"metrics/{stage.clip_file('segment', args.clip_seconds)}.json", metrics)


if __name__ == "__main__":
    stage.run(main)
