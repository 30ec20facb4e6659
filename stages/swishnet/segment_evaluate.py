"""Stage `segment_evaluate@<clip>`: frame-wise segmentation accuracy on the mixtures (paper Table V)."""

import argparse
from pathlib import Path

import keras
import pandas as pd

from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.core.reports import write_json
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.clips import clip_config
from audiolab.swishnet.model import frame_model
from audiolab.swishnet.segment_eval import evaluate_mixtures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mixtures", required=True, help="the segment_mixtures folder")
    parser.add_argument("--model", required=True)
    parser.add_argument("--metrics", required=True)
    args = parser.parse_args()
    params = load_params()
    metrics = evaluate_mixtures(args.mixtures, pd.read_csv(Path(args.mixtures) / "truth.csv"),
                                frame_model(keras.models.load_model(args.model)), clip_config(params), LABELS,
                                params["segment"]["median_frames"])
    write_json(args.metrics, metrics)


if __name__ == "__main__":
    run_stage(main)
