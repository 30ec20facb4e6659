"""UrbanSound8K: audio/fold1..fold10/*.wav described by metadata/UrbanSound8K.csv."""

import pandas as pd

from audiolab.core.errors import CorpusError
from audiolab.corpora import audio_files, make_scan, require_root

METADATA = "metadata/UrbanSound8K.csv"
METADATA_COLUMNS = ("slice_file_name", "fsID", "start", "end", "salience", "fold", "classID", "class")


def read_metadata(root):
    """The metadata table; CorpusError naming the file when it is empty or lacks a column.

    Accepts both spellings of the class column (``class`` and ``class_name``).
    """
    path = root / METADATA
    try:
        metadata = pd.read_csv(path).rename(columns={"class_name": "class"})
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise CorpusError("urbansound8k", root, f"{METADATA} is not a readable CSV table: {error}") from None
    missing = [column for column in METADATA_COLUMNS if column not in metadata.columns]
    if missing:
        raise CorpusError("urbansound8k", root, f"{METADATA} has no {', '.join(missing)} column")
    return metadata


def scan(root, folds=(1,)):
    """Manifest of the clips of ``folds`` listed in the metadata. Files listed but missing, and
    files in a fold folder that the metadata does not list, are skipped."""
    root = require_root("urbansound8k", root, [METADATA, "audio"])
    metadata = read_metadata(root)
    metadata = metadata[metadata["fold"].isin(folds)]
    rows, skipped = [], []
    listed = set()
    for record in metadata.to_dict("records"):
        relative = f"audio/fold{record['fold']}/{record['slice_file_name']}"
        listed.add(relative)
        if not ((root / relative).exists() or (root / relative).is_symlink()):
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
    for fold in folds:
        if (root / f"audio/fold{fold}").is_dir():
            paths, litter = audio_files(root, f"audio/fold{fold}")
            skipped += litter + [{"path": path, "reason": "not listed in the metadata"}
                                 for path in paths if path not in listed]
    return make_scan(root, rows, skipped)
