"""Corpus readers: each walks one corpus's real on-disk layout and returns a Scan.

A manifest has one row per usable file with at least ``path`` (relative to the corpus
root, so manifests do not depend on where the corpus lives), ``label``, ``group`` (the
unit no split may cut: source file, recording or actor) and ``duration_s``. Files that
are found but cannot be used are never dropped silently: they are in ``skipped`` with
their reason.
"""

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from audiolab.core.audio import audio_info
from audiolab.core.errors import AudioLoadError, CorpusNotFoundError


class Scan(NamedTuple):
    manifest: pd.DataFrame
    skipped: pd.DataFrame


def require_root(corpus, root, expected_children):
    """The corpus root as a Path; CorpusNotFoundError unless every expected child exists."""
    root = Path(root)
    missing = [child for child in expected_children if not (root / child).exists()]
    if missing:
        raise CorpusNotFoundError(corpus, root, f"expected {', '.join(missing)}")
    return root


def make_scan(root, rows, skipped):
    """Add header facts to ``rows`` (dicts with a relative ``path``); unreadable headers go to skipped."""
    kept = []
    skipped = list(skipped)
    for row in rows:
        try:
            kept.append({**row, **audio_info(Path(root) / row["path"])})
        except AudioLoadError as error:
            skipped.append({"path": row["path"], "reason": error.reason})
    manifest = pd.DataFrame(kept)
    if not manifest.empty:
        manifest = manifest.sort_values("path", ignore_index=True)
    return Scan(manifest, pd.DataFrame(skipped, columns=["path", "reason"]))


TITLES = {"musan": "MUSAN", "gtzan": "GTZAN", "ravdess": "RAVDESS", "urbansound8k": "UrbanSound8K"}


def corpus_title(corpus, root):
    """How figures name the corpus at ``root``: ``demo MUSAN`` for the synthetic demo (a
    ``demo.json`` beside it, written by the demo stage), ``MUSAN stand-in`` for the real
    recordings of realcorpus.sh (a ``PROVENANCE.tsv`` beside it), else ``MUSAN``."""
    parent = Path(root).resolve().parent
    if (parent / "demo.json").is_file():
        return f"demo {TITLES[corpus]}"
    if (parent / "PROVENANCE.tsv").is_file():
        return f"{TITLES[corpus]} stand-in"
    return TITLES[corpus]
