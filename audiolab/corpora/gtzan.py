"""GTZAN music/speech: music_speech/{music_wav,speech_wav}/*.wav."""

from audiolab.corpora import make_scan, require_root

FOLDERS = {"music_wav": "music", "speech_wav": "speech"}


def scan(root):
    """Manifest of every GTZAN music/speech wav; the label comes from the folder."""
    root = require_root("gtzan", root, FOLDERS)
    rows = [
        {"path": str(wav.relative_to(root)), "label": label, "group": wav.stem}
        for folder, label in FOLDERS.items()
        for wav in sorted((root / folder).glob("*.wav"))
    ]
    return make_scan(root, rows, [])
