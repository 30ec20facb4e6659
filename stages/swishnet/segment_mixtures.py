"""Stage `segment_mixtures`: long recordings made of MUSAN test files (speech, music, noise) with silence gaps."""

import audiolab.core.runtime  # noqa: F401  (first: settings numpy and TensorFlow read when they load)

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from audiolab.core.audio import load_audio, write_audio
from audiolab.core.errors import run_stage
from audiolab.core.params import load_params
from audiolab.corpora.musan import LABELS
from audiolab.swishnet.segment_eval import concatenate_with_gaps


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--out", required=True, help="folder for mixture_<n>.wav and truth.csv")
    args = parser.parse_args()
    params = load_params()
    p, sr = params["segment"], params["clips"]["sample_rate"]
    manifest = pd.read_csv(args.manifest)
    test = {label: manifest.loc[(manifest["split"] == "test") & (manifest["label"] == label), "path"].tolist()
            for label in LABELS}
    rng = np.random.default_rng(params["seed"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for index in range(p["mixtures"]):
        labels = [LABELS[i] for i in rng.permutation(len(LABELS))]
        parts = [(label, load_audio(Path(args.corpus) / test[label][rng.integers(len(test[label]))],
                                    sr)[:int(p["max_part_s"] * sr)]) for label in labels]
        signal, spans = concatenate_with_gaps(parts, sr, p["gap_s"])
        name = f"mixture_{index}.wav"
        write_audio(out / name, signal, sr, subtype="FLOAT")
        rows += [{"file": name, "label": label, "start": start, "stop": stop} for label, start, stop in spans]
    pd.DataFrame(rows).to_csv(out / "truth.csv", index=False)


if __name__ == "__main__":
    run_stage(main)
