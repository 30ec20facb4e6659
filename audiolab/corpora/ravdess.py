"""RAVDESS audio-only speech: Actor_01..Actor_24/MM-VV-EE-II-SS-RR-AA.wav."""

import re
from pathlib import Path

from audiolab.corpora import audio_files, make_scan, require_root

EMOTIONS = ("neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised")
GENDERS = ("female", "male")
INTENSITIES = ("normal", "strong")
STATEMENTS = ("Kids are talking by the door", "Dogs are sitting by the door")
AUDIO_ONLY, SPEECH = 3, 1
_NAME = re.compile(r"^(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)-(\d\d)$")


def parse_name(stem):
    """Every field of a RAVDESS file name; ValueError if it is not one."""
    match = _NAME.match(stem)
    if not match:
        raise ValueError("not a RAVDESS name MM-VV-EE-II-SS-RR-AA")
    modality, channel, emotion, intensity, statement, repetition, actor = map(int, match.groups())
    if not (1 <= emotion <= 8 and 1 <= intensity <= 2 and 1 <= statement <= 2 and 1 <= actor <= 24):
        raise ValueError("field out of range")
    return {
        "modality": modality,
        "vocal_channel": channel,
        "emotion_id": emotion,
        "emotion": EMOTIONS[emotion - 1],
        "intensity": INTENSITIES[intensity - 1],
        "statement": statement,
        "repetition": repetition,
        "actor": actor,
        "gender": "male" if actor % 2 else "female",
        "utterance": "-".join(f"{f:02d}" for f in (modality, channel, emotion, intensity, statement, actor)),
    }


def file_name(emotion_id, intensity, statement, repetition, actor, modality=AUDIO_ONLY, vocal_channel=SPEECH):
    """The RAVDESS file name for these fields (intensity 1 normal, 2 strong)."""
    fields = (modality, vocal_channel, emotion_id, intensity, statement, repetition, actor)
    return "-".join(f"{f:02d}" for f in fields) + ".wav"


def scan(root):
    """Manifest of the audio-only speech files; songs, other modalities and odd names are skipped."""
    root = require_root("ravdess", root, [])
    actor_dirs = sorted(p for p in root.glob("Actor_*") if p.is_dir())
    if not actor_dirs:
        root = require_root("ravdess", root, ["Actor_01"])
    rows, skipped = [], []
    for actor_dir in actor_dirs:
        paths, litter = audio_files(root, actor_dir.name)
        skipped += litter
        for relative in paths:
            stem = Path(relative).stem
            try:
                fields = parse_name(stem)
            except ValueError as error:
                skipped.append({"path": relative, "reason": str(error)})
                continue
            if fields["modality"] != AUDIO_ONLY or fields["vocal_channel"] != SPEECH:
                skipped.append({"path": relative, "reason": "not audio-only speech (song or video)"})
                continue
            rows.append({"path": relative, "label": fields["emotion"], "group": stem,
                         "recording": stem, **fields})
    return make_scan(root, rows, skipped)
