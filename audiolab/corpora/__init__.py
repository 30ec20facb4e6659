"""Corpus readers: each walks one corpus's real on-disk layout and returns a Scan.

A manifest has one row per usable file with at least ``path`` (relative to the corpus
root, so manifests do not depend on where the corpus lives), ``label``, ``group`` (the
unit no split may cut: source file, recording or actor) and ``duration_s``. Files that
are found but cannot be used are never dropped silently: they are in ``skipped`` with
their reason.
"""

import hashlib
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from audiolab.core.audio import audio_info, check_file
from audiolab.core.errors import AudioLoadError, CorpusNotFoundError


class Scan(NamedTuple):
    manifest: pd.DataFrame
    skipped: pd.DataFrame


AUDIO_SUFFIX = ".wav"  # what the real corpora ship, matched in any letter case (.WAV too)
MACOS_FOLDER = "__MACOSX"


def require_root(corpus, root, expected_children):
    """The corpus root as a Path; CorpusNotFoundError unless every expected child exists."""
    root = Path(root)
    missing = [child for child in expected_children if not (root / child).exists()]
    if missing:
        raise CorpusNotFoundError(corpus, root, f"expected {', '.join(missing)}")
    return root


def subfolders(root, folder):
    """(the sub-folders of ``root/folder`` a corpus is made of, skipped rows): sorted, without
    hidden folders; ``__MACOSX`` folders (macOS archive litter) are listed as skipped."""
    folders, skipped = [], []
    for child in sorted((Path(root) / folder).iterdir()):
        if child.name == MACOS_FOLDER:
            skipped.append({"path": str(child.relative_to(root)), "reason": "macOS archive folder, not corpus data"})
        elif child.is_dir() and not child.name.startswith("."):
            folders.append(child)
    return folders, skipped


def audio_files(root, folder):
    """(relative paths of the audio files in ``root/folder``, skipped rows), sorted.

    A file is audio by its ``.wav`` suffix in any letter case. AppleDouble ``._*`` files
    (macOS metadata beside each file) and ``__MACOSX`` folders are listed as skipped;
    other hidden files such as ``.DS_Store`` are not audio and are left out.
    """
    paths, skipped = [], []
    for child in sorted((Path(root) / folder).iterdir()):
        relative = str(child.relative_to(root))
        if child.name == MACOS_FOLDER:
            skipped.append({"path": relative, "reason": "macOS archive folder, not corpus data"})
        elif child.name.startswith("._"):
            skipped.append({"path": relative, "reason": "AppleDouble macOS metadata, not audio"})
        elif child.suffix.lower() == AUDIO_SUFFIX and not child.name.startswith("."):
            paths.append(relative)
    return paths, skipped


def content_md5(path, chunk_bytes=1 << 20):
    """MD5 of a file's bytes, read in chunks."""
    digest = hashlib.md5()
    with open(path, "rb") as file:
        while chunk := file.read(chunk_bytes):
            digest.update(chunk)
    return digest.hexdigest()


def _file_facts(root, relative):
    path = Path(root) / relative
    check_file(path)
    try:
        md5 = content_md5(path)
    except OSError as error:
        raise AudioLoadError(path, (error.strerror or str(error)).lower()) from None
    info = audio_info(path)
    if info["duration_s"] == 0:
        raise AudioLoadError(path, "no audio samples (header only)")
    return {**info, "md5": md5}


def make_scan(root, rows, skipped):
    """The Scan of ``rows`` (dicts with a ``path`` relative to ``root``), in path order.

    Each file is checked (a readable regular file, its header, at least one sample) and
    hashed: a file with the same bytes as an earlier one (a copy or a symlink) is listed
    as a duplicate, so that it can never land in a second split. The manifest gains the
    header facts and ``md5``, which makes it a record of the corpus's content: stages
    depend on it rather than on the raw tree.
    """
    kept, skipped, first_of = [], list(skipped), {}
    for row in sorted(rows, key=lambda row: row["path"]):
        try:
            facts = _file_facts(root, row["path"])
        except AudioLoadError as error:
            skipped.append({"path": row["path"], "reason": error.reason})
            continue
        if facts["md5"] in first_of:
            skipped.append({"path": row["path"], "reason": f"same content as {first_of[facts['md5']]}"})
            continue
        first_of[facts["md5"]] = row["path"]
        kept.append({**row, **facts})
    skipped = pd.DataFrame(skipped, columns=["path", "reason"]).sort_values("path", ignore_index=True)
    return Scan(pd.DataFrame(kept), skipped)


TITLES = {"musan": "MUSAN", "gtzan": "GTZAN", "ravdess": "RAVDESS", "urbansound8k": "UrbanSound8K"}


def corpus_title(corpus, root):
    """How figures name the corpus at ``root``: ``demo MUSAN`` for the synthetic demo (a
    ``demo.json`` beside it, written by the demo stage), ``MUSAN stand-in`` for the real
    recordings of tools/realcorpus.py (a ``PROVENANCE.tsv`` beside it), else ``MUSAN``."""
    parent = Path(root).resolve().parent
    if (parent / "demo.json").is_file():
        return f"demo {TITLES[corpus]}"
    if (parent / "PROVENANCE.tsv").is_file():
        return f"{TITLES[corpus]} stand-in"
    return TITLES[corpus]
