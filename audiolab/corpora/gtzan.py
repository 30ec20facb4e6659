"""GTZAN music/speech: music_speech/{music_wav,speech_wav}/*.wav."""

from pathlib import Path

from audiolab.corpora import audio_files, make_scan, require_root

FOLDERS = {"music_wav": "music", "speech_wav": "speech"}


def scan(root):
    """Manifest of every GTZAN music/speech wav; the label comes from the folder."""
    root = require_root("gtzan", root, FOLDERS)
    rows, skipped = [], []
    for folder, label in FOLDERS.items():
        paths, litter = audio_files(root, folder)
        rows += [{"path": path, "label": label, "group": Path(path).stem} for path in paths]
        skipped += litter
    return make_scan(root, rows, skipped)
