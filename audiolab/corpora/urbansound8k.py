"""UrbanSound8K: audio/fold1..fold10/*.wav described by metadata/UrbanSound8K.csv."""

import pandas as pd

from audiolab.corpora import make_scan, require_root

METADATA = "metadata/UrbanSound8K.csv"


def scan(root, folds=(1,)):
    """Manifest of the clips of ``folds`` listed in the metadata; listed but missing files are skipped.

    Accepts both spellings of the class column (``class`` and ``class_name``).
    """
    root = require_root("urbansound8k", root, [METADATA, "audio"])
    metadata = pd.read_csv(root / METADATA).rename(columns={"class_name": "class"})
    metadata = metadata[metadata["fold"].isin(folds)]
    rows, skipped = [], []
    for record in metadata.to_dict("records"):
        relative = f"audio/fold{record['fold']}/{record['slice_file_name']}"
        if not (root / relative).is_file():
            skipped.append({"path": relative, "reason": "listed in metadata but missing"})
            continue
        rows.append({
            "path": relative,
            "label": record["class"],
            "class_id": record["classID"],
            "fold": record["fold"],
            "group": str(record["fsID"]),
            "start_s": record["start"],
            "end_s": record["end"],
            "salience": record["salience"],
        })
    return make_scan(root, rows, skipped)
