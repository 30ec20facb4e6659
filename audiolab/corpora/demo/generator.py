"""Demo corpora: small synthetic MUSAN, GTZAN music/speech, RAVDESS and UrbanSound8K.

Each is written in its real corpus's on-disk layout and formats, so that the corpus
readers and every later stage run on them unchanged. Everything follows from ``seed``:
each file has its own generator seeded by (seed, relative path), so files come out the
same whatever the number of worker processes.
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd

from audiolab.core.audio import resample, write_audio
from audiolab.core.parallel import map_ordered
from audiolab.core.rng import item_rng
from audiolab.corpora import ravdess
from audiolab.corpora.demo import synth

# IEEE "Harvard" sentences (1969, public domain), read by the demo's speakers.
SENTENCES = (
    "The birch canoe slid on the smooth planks.",
    "Glue the sheet to the dark blue background.",
    "It's easy to tell the depth of a well.",
    "These days a chicken leg is a rare dish.",
    "Rice is often served in round bowls.",
    "The juice of lemons makes fine punch.",
    "The box was thrown beside the parked truck.",
    "The hogs were fed chopped corn and garbage.",
    "Four hours of steady work faced us.",
    "A large size in stockings is hard to sell.",
    "The boy was there when the sun rose.",
    "A rod is used to catch pink salmon.",
    "The source of the huge river is the clear spring.",
    "Kick the ball straight and follow through.",
    "Help the woman get back to her feet.",
    "A pot of tea helps to pass the evening.",
    "Smoky fires lack flame and heat.",
    "The soft cushion broke the man's fall.",
    "The salt breeze came across from the sea.",
    "The girl at the booth sold fifty bonds.",
    "The small pup gnawed a hole in the sock.",
    "The fish twisted and turned on the bent hook.",
    "Press the pants and sew a button on the vest.",
    "The swan dive was far short of perfect.",
    "The beauty of the view stunned the young boy.",
    "Two blue fish swam in the tank.",
    "Her purse was full of useless trash.",
    "The colt reared and threw the tall rider.",
    "It snowed, rained, and hailed the same morning.",
    "Read verse out loud for pleasure.",
)
MALE_VOICES = ("m1", "m2", "m3", "m4", "m5", "m6", "m7")
FEMALE_VOICES = ("f1", "f2", "f3", "f4", "f5")

MUSAN_SOURCES = {
    "music": ("fma", "fma-western-art", "hd-classical", "jamendo", "rfm"),
    "speech": ("librivox", "us-gov"),
    "noise": ("free-sound", "sound-bible"),
}
MUSAN_UNANNOTATED = ("speech", "us-gov")  # as in the real corpus
CLASSICAL_SOURCES = ("fma-western-art", "hd-classical")
MUSAN_RATE = 16000
GTZAN_RATE = 22050
RAVDESS_RATE = 48000

# Prosody per emotion, relative to the actor's neutral voice:
# (rate factor, pitch offset, pitch range, volume, closing punctuation).
EMOTION_PROSODY = {
    "neutral": (1.00, 0, 40, 100, "."),
    "calm": (0.85, -5, 25, 80, "."),
    "happy": (1.10, 12, 75, 120, "!"),
    "sad": (0.75, -10, 10, 70, "."),
    "angry": (1.15, 5, 65, 170, "!"),
    "fearful": (1.25, 18, 55, 95, "."),
    "disgust": (0.80, -6, 55, 110, "."),
    "surprised": (1.05, 20, 95, 130, "?"),
}
STRONG_FACTOR = 1.6

URBAN_CLASSES = tuple(synth.URBAN_KINDS)
# UrbanSound8K keeps each Freesound upload's format: (rate, subtype, channels, container).
URBAN_FORMATS = (
    (44100, "PCM_16", 2, "WAV"),
    (48000, "PCM_24", 2, "WAVEX"),
    (96000, "PCM_24", 1, "WAV"),
    (22050, "PCM_U8", 1, "WAV"),
    (11025, "PCM_16", 1, "WAV"),
    (8000, "PCM_U8", 1, "WAV"),
    (192000, "FLOAT", 2, "WAVEX"),
    (16000, "FLOAT", 1, "WAV"),
    (32000, "PCM_32", 1, "WAVEX"),
    (44100, "PCM_24", 2, "WAV"),
)


def _write(path, signal, sample_rate, subtype="PCM_16", container="WAV", channels=1):
    data = np.clip(signal, -1.0, 1.0).astype(np.float32)
    if channels > 1:
        data = np.stack([data, 0.9 * data], axis=1)
    write_audio(path, data, sample_rate, subtype, container)


def speech_passage(duration_s, sample_rate, voice, rate_wpm, pitch, rng):
    """One speaker reading Harvard sentences with pauses, about ``duration_s`` long."""
    parts, total = [], 0
    target = int(duration_s * synth.ESPEAK_SAMPLE_RATE)
    while total < target:
        sentence = SENTENCES[rng.integers(len(SENTENCES))]
        spoken = synth.speak(sentence, voice, rate_wpm * rng.uniform(0.9, 1.1),
                             pitch + rng.integers(-5, 6), rng.integers(30, 80))
        pause = np.zeros(int(rng.uniform(0.2, 0.9) * synth.ESPEAK_SAMPLE_RATE), np.float32)
        parts += [spoken, pause]
        total += spoken.size + pause.size
    passage = np.concatenate(parts)[:target]
    return resample(passage, synth.ESPEAK_SAMPLE_RATE, sample_rate) * rng.uniform(0.5, 1.8)


def _random_speaker(rng):
    male = rng.random() < 0.5
    variant = rng.choice(MALE_VOICES if male else FEMALE_VOICES)
    return {"voice": f"en+{variant}", "rate_wpm": rng.uniform(140, 190),
            "pitch": rng.uniform(35, 50) if male else rng.uniform(50, 70), "gender": "m" if male else "f"}


def _noise_floor(n_samples, rng, level_dbfs=-65.0):
    return synth.coloured_noise(n_samples, rng, 1.0) * 10 ** (level_dbfs / 20)


# ---------------------------------------------------------------- one file per job

def _make_musan(job):
    rng = item_rng(job["seed"], job["path"])
    duration_s = rng.uniform(job["min_seconds"], job["max_seconds"])
    if job["label"] == "music":
        signal = synth.music(duration_s, MUSAN_RATE, rng, drums=job["source"] not in CLASSICAL_SOURCES)
    elif job["label"] == "speech":
        signal = speech_passage(duration_s, MUSAN_RATE, job["voice"], job["rate_wpm"], job["pitch"], rng)
    else:
        signal = synth.noise(job["kind"], duration_s, MUSAN_RATE, rng)
    return signal, MUSAN_RATE, {}


def _make_gtzan(job):
    rng = item_rng(job["seed"], job["path"])
    if job["label"] == "music":
        signal = synth.music(job["seconds"], GTZAN_RATE, rng, drums=rng.random() < 0.7)
    else:
        speaker = _random_speaker(rng)
        signal = speech_passage(job["seconds"], GTZAN_RATE, speaker["voice"], speaker["rate_wpm"],
                                speaker["pitch"], rng)
        if rng.random() < 0.5:  # broadcast-style background noise, what Log-MMSE is for
            background = synth.noise(str(rng.choice(["pink", "hum", "white"])), job["seconds"], GTZAN_RATE, rng)
            signal = signal[: background.size] + background[: signal.size] * rng.uniform(0.05, 0.2)
    return signal, GTZAN_RATE, {}


def _apply_emotion_texture(signal, emotion, strength, sample_rate):
    """Voice-quality cues eSpeak lacks: tremor (fear), pressed voice (anger), dull voice (sadness)."""
    if emotion == "fearful":
        t = np.arange(signal.size) / sample_rate
        return signal * (1 + 0.35 * strength * np.sin(2 * np.pi * 7 * t))
    if emotion == "angry":
        drive = 1 + 2 * strength
        return np.tanh(drive * signal) / np.tanh(drive)
    if emotion == "sad":
        width = 2 + int(3 * strength)
        return np.convolve(signal, np.ones(width) / width, "same")
    return signal


def ravdess_utterance(fields, actor_voice, rng):
    """One RAVDESS recording: a statement said with the emotion's prosody, 48 kHz, 2.9-5.3 s."""
    rate_factor, pitch_offset, pitch_range, volume, punctuation = EMOTION_PROSODY[fields["emotion"]]
    strength = STRONG_FACTOR if fields["intensity"] == "strong" else 1.0
    neutral_range, neutral_volume = EMOTION_PROSODY["neutral"][2:4]
    jitter = rng.uniform(0.95, 1.05)
    spoken = synth.speak(
        ravdess.STATEMENTS[fields["statement"] - 1] + punctuation,
        actor_voice["voice"],
        rate_wpm=actor_voice["rate_wpm"] * (1 + (rate_factor - 1) * strength) * jitter,
        pitch=np.clip(actor_voice["pitch"] + pitch_offset * strength + rng.integers(-2, 3), 0, 99),
        pitch_range=np.clip(neutral_range + (pitch_range - neutral_range) * strength, 0, 99),
        volume=np.clip(neutral_volume + (volume - neutral_volume) * strength, 10, 200),
    )
    spoken = _apply_emotion_texture(spoken, fields["emotion"], strength - 0.6, synth.ESPEAK_SAMPLE_RATE)
    spoken = resample(spoken, synth.ESPEAK_SAMPLE_RATE, RAVDESS_RATE)
    total_s = rng.uniform(max(2.9, spoken.size / RAVDESS_RATE + 1.0), 5.3)
    lead = int(rng.uniform(0.4, 0.9) * RAVDESS_RATE)
    out = _noise_floor(int(total_s * RAVDESS_RATE), rng)
    end = min(lead + spoken.size, out.size)
    out[lead:end] += spoken[: end - lead]
    return out


def _make_ravdess(job):
    rng = item_rng(job["seed"], job["path"])
    return ravdess_utterance(job["fields"], job["actor_voice"], rng), RAVDESS_RATE, {}


def _make_urban(job):
    rng = item_rng(job["seed"], job["path"])
    rate, subtype, channels, container = job["format"]
    signal = synth.noise(job["label"], job["seconds"], rate, rng)
    return signal, rate, {"subtype": subtype, "channels": channels, "container": container}


_MAKERS = {"musan": _make_musan, "gtzan": _make_gtzan, "ravdess": _make_ravdess, "urban": _make_urban}


def _run_job(job):
    signal, rate, options = _MAKERS[job["corpus"]](job)
    _write(Path(job["out_dir"]) / job["path"], signal, rate, **options)
    return job["path"]


# ---------------------------------------------------------------- jobs and metadata files

def _musan_jobs(sizes, seed):
    jobs, annotations = [], {}
    for label, sources in MUSAN_SOURCES.items():
        for source in sources:
            lines = []
            for index in range(sizes[f"{label}_files_per_source"]):
                name = f"{label}-{source}-{index:04d}"
                path = f"musan/{label}/{source}/{name}.wav"
                job = {"corpus": "musan", "path": path, "label": label, "source": source,
                       "min_seconds": sizes["min_seconds"], "max_seconds": sizes["max_seconds"]}
                meta_rng = item_rng(seed, path + "#meta")
                if label == "speech":
                    speaker = _random_speaker(meta_rng)
                    job.update(speaker)
                    lines.append(f"{name} {speaker['gender']} english")
                elif label == "music":
                    genre = "Classical" if source in CLASSICAL_SOURCES else meta_rng.choice(["Pop", "Rock", "Electronic", "Folk"])
                    lines.append(f"{name} {genre} N Demo Ensemble {source} {index % 3 + 1}")
                else:
                    job["kind"] = synth.NOISE_KINDS[(index + len(source)) % len(synth.NOISE_KINDS)]
                    lines.append(name)
                jobs.append(job)
            if (label, source) != MUSAN_UNANNOTATED:
                annotations[f"musan/{label}/{source}/ANNOTATIONS"] = "\n".join(lines) + "\n"
            annotations[f"musan/{label}/{source}/LICENSE"] = (
                "Synthetic demo audio generated by audiolab.corpora.demo; no rights reserved.\n")
    return jobs, annotations


def _gtzan_jobs(sizes):
    return [{"corpus": "gtzan", "path": f"music_speech/{label}_wav/{label}{index:02d}.wav",
             "label": label, "seconds": sizes["seconds"]}
            for label in ("music", "speech") for index in range(sizes["files_per_class"])]


def _ravdess_jobs(sizes, seed):
    jobs = []
    for actor in range(1, sizes["actors"] + 1):
        voice_rng = item_rng(seed, f"Actor_{actor:02d}#voice")
        male = actor % 2 == 1
        variants = MALE_VOICES if male else FEMALE_VOICES
        actor_voice = {
            "voice": f"en+{variants[(actor // 2) % len(variants)]}",
            "rate_wpm": voice_rng.uniform(145, 185),
            "pitch": voice_rng.uniform(35, 50) if male else voice_rng.uniform(50, 65),
        }
        for emotion_id in range(1, 9):
            for intensity in (1,) if emotion_id == 1 else (1, 2):
                for statement in (1, 2):
                    for repetition in range(1, sizes["repetitions"] + 1):
                        name = ravdess.file_name(emotion_id, intensity, statement, repetition, actor)
                        path = f"ravdess/Actor_{actor:02d}/{name}"
                        jobs.append({"corpus": "ravdess", "path": path, "actor_voice": actor_voice,
                                     "fields": ravdess.parse_name(name[:-4])})
    return jobs


def _urban_jobs(sizes):
    jobs, records = [], []
    folds = [1] * sizes["fold1_clips"] + [2] * sizes["other_fold_clips"]
    for index, fold in enumerate(folds):
        class_id = index % len(URBAN_CLASSES)
        fs_id = 100000 + 37 * index
        name = f"{fs_id}-{class_id}-0-{index % 4}.wav"
        seconds = 4.0 if index % 3 else 1.0 + (index % 7) * 0.4
        jobs.append({"corpus": "urban", "path": f"UrbanSound8K/audio/fold{fold}/{name}",
                     "label": URBAN_CLASSES[class_id], "seconds": seconds,
                     "format": URBAN_FORMATS[index % len(URBAN_FORMATS)]})
        records.append({"slice_file_name": name, "fsID": fs_id, "start": 0.0, "end": seconds,
                        "salience": 1 + index % 2, "fold": fold, "classID": class_id,
                        "class": URBAN_CLASSES[class_id]})
    metadata = pd.DataFrame(records).to_csv(index=False, float_format="%.6f")
    return jobs, {"UrbanSound8K/metadata/UrbanSound8K.csv": metadata}


def write_demo(out_dir, sizes, seed, workers=None):
    """Write the four demo corpora under ``out_dir``; returns the number of audio files per corpus.

    ``sizes`` is params.yaml's ``demo`` section. Layout: musan/, music_speech/, ravdess/,
    UrbanSound8K/, as the real corpora, and ``demo.json`` (seed and sizes), which marks
    them as synthetic for every figure made from them (``corpora.corpus_title``).
    """
    out_dir = Path(out_dir)
    musan_jobs, text_files = _musan_jobs(sizes["musan"], seed)
    urban_jobs, urban_files = _urban_jobs(sizes["urbansound8k"])
    text_files.update(urban_files)
    text_files["demo.json"] = json.dumps({"seed": seed, "sizes": sizes}, indent=2, sort_keys=True) + "\n"
    jobs = musan_jobs + _gtzan_jobs(sizes["gtzan"]) + _ravdess_jobs(sizes["ravdess"], seed) + urban_jobs
    for job in jobs:
        job.update(seed=seed, out_dir=str(out_dir))
    for relative, text in text_files.items():
        (out_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / relative).write_text(text, encoding="utf-8")
    for _ in map_ordered(_run_job, jobs, "demo corpora", workers, chunksize=4):
        pass
    counts = pd.Series([job["corpus"] for job in jobs]).value_counts()
    return {corpus: int(count) for corpus, count in counts.items()}
