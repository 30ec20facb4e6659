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


def write_clip_features(manifest, corpus_root, out_dir, params, classes, splits):
    """The clip HDF5 of every clip length of params.yaml under ``out_dir``, plus skipped.csv."""
    import pandas as pd

    from audiolab.clipdata import write_clip_files

    out_dir = Path(out_dir)
    out_paths = {s: out_dir / f"{clip_file('clips', s)}.h5" for s in params["clips"]["clip_seconds"]}
    skipped = write_clip_files(manifest, corpus_root, out_paths, clip_config(params), classes, splits)
    pd.DataFrame(skipped, columns=["path", "reason"]).to_csv(out_dir / "skipped.csv", index=False)
    print(f"clip features: {len(manifest)} files, {len(skipped)} skipped or short "
          f"(listed in {out_dir / 'skipped.csv'})")


def clip_file(prefix, clip_s):
    """The name used for everything of one clip length: ``{prefix}_{clip_s}s``."""
    return f"{prefix}_{clip_s:g}s"
