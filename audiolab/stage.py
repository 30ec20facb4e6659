"""Helpers shared by the stage scripts: error reporting and small output writers."""

import json
import sys
from pathlib import Path

from audiolab.errors import AudiolabError


def run(main):
    """Run a stage's ``main``; a user-input error becomes one line on stderr and exit status 2."""
    try:
        main()
    except AudiolabError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)


def write_json(path, data):
    """Write ``data`` as indented JSON, creating parent folders."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def split_summary(manifest, n_skipped):
    """Flat counts of files and hours per split and label, and of skipped files."""
    summary = {"files_skipped": int(n_skipped), "files": int(len(manifest))}
    for (split, label), part in manifest.groupby(["split", "label"]):
        summary[f"files_{split}_{label}"] = int(len(part))
        summary[f"hours_{split}_{label}"] = round(float(part["duration_s"].sum()) / 3600, 4)
    return summary


def clip_config(params):
    """The ClipConfig of params.yaml's ``clips`` section."""
    from audiolab.clipdata import ClipConfig

    settings = {k: v for k, v in params["clips"].items() if k != "clip_seconds"}
    return ClipConfig(**settings)


def clip_file(prefix, clip_s):
    """The name used for everything of one clip length: ``{prefix}_{clip_s}s``."""
    return f"{prefix}_{clip_s:g}s"
