"""Single-file prediction for every trained model, through the training preprocessing, and
segmentation of a recording."""

import warnings
from pathlib import Path

import numpy as np

from audiolab.cli.registry import CLIP_SECONDS, TASKS, frame_model_path, model_path
from audiolab.swishnet.segment import SILENCE


def segment_recording(path, models_dir, params, clip_s=1.0, median_frames=None, threshold=None):
    """(segments, frames) of a recording by the exported frame model of the ``clip_s`` SwishNet, on
    LiteRT (no TensorFlow): the segments of ``to_segments``, and per 10 ms frame {"probabilities"
    (frames, classes), "labels" (class names, ``silence`` where gated)}. ``median_frames`` defaults
    to params ``segment.median_frames``; ``threshold``: see ``label_frames``."""
    from audiolab.corpora.musan import LABELS
    from audiolab.swishnet.clips import clip_config
    from audiolab.swishnet.export import LiteRTModel
    from audiolab.swishnet.segment import frame_probabilities, label_frames, to_segments

    config = clip_config(params)
    probabilities, silent = frame_probabilities(path, LiteRTModel.load(frame_model_path(models_dir, clip_s)), config)
    labels = label_frames(probabilities, silent, median_frames or params["segment"]["median_frames"], threshold,
                          LABELS.index("speech"))
    names = np.array([*LABELS, SILENCE], dtype=object)[labels]  # -1, silence, picks the last name
    return (to_segments(labels, probabilities, LABELS, config.step_s),
            {"probabilities": probabilities, "labels": names, "classes": LABELS})


def load_trained_model(path):
    """The Keras model saved at ``path``; FileNotFoundError saying how to build it if it is missing."""
    from audiolab.swishnet.model import load_model

    if not Path(path).is_file():
        raise FileNotFoundError(f"no trained model at {path}: run `make repro` (or `dvc repro`) first")
    return load_model(path)


def _clip_outputs(signal, model, clip_s, config):
    """SwishNet outputs (clips, classes) of every clip of an equalised voiced signal."""
    from audiolab.swishnet.clips import signal_clips

    return model.predict(signal_clips(signal, [clip_s], config)[clip_s], batch_size=256, verbose=0)


def clip_probabilities(path, model, clip_s, config, block_s=60.0):
    """Mean SwishNet class probabilities over the clips of a file, or None when it is all silent.

    The file goes through the training preprocessing (silence removal, loudness
    equalisation, MFCC clips with 50 % overlap) a block at a time, so memory does not
    grow with its length. Clips start on loudness-window boundaries, and each block is
    equalised with one window of context on either side, so every clip is the one the
    whole file would give. Sound shorter than one clip is zero-padded to one clip, with
    a warning.
    """
    from audiolab.core.audio import audio_blocks
    from audiolab.core.levels import equalise_loudness
    from audiolab.swishnet.segment import voiced_blocks

    sr = config.sample_rate
    window = int(round(config.loudness_window_s * sr))
    clip = int(round(clip_s * sr))
    hop = clip // 2
    equalise = {"sample_rate": sr, "window_s": config.loudness_window_s, "target_dbfs": config.loudness_target_dbfs}
    state = {"buffer": np.zeros(0, np.float32), "start": 0, "next": 0, "sum": 0.0, "count": 0}

    def consume(final):
        buffer, start, first = state["buffer"], state["start"], state["next"]
        end = start + buffer.size
        usable_end = end if final else start + (buffer.size // window) * window
        last = (end - clip if final else usable_end - clip - window) // hop * hop
        if last < first:
            return
        part = equalise_loudness(buffer[:usable_end - start], **equalise)
        outputs = _clip_outputs(part[first - start:last + clip - start], model, clip_s, config)
        state["sum"] = state["sum"] + outputs.sum(axis=0, dtype=np.float64)
        state["count"] += len(outputs)
        keep_from = max(0, last + hop - window) // window * window
        state.update(buffer=buffer[keep_from - start:], start=keep_from, next=last + hop)

    windows = []
    blocks = audio_blocks(path, sr, block_s)
    for voiced in voiced_blocks(blocks, sr, config.silence_window_s, config.silence_threshold_db, windows):
        state["buffer"] = np.concatenate([state["buffer"], voiced])
        consume(final=False)
    consume(final=True)
    if state["count"]:
        return (state["sum"] / state["count"]).astype(np.float32)
    sound = state["buffer"]
    if sound.size == 0:
        return None
    warnings.warn(f"{sound.size / sr:.2f} s of sound is shorter than a {clip_s:g} s clip: zero-padded", stacklevel=2)
    padded = np.pad(equalise_loudness(sound, **equalise), (0, clip - sound.size))
    return _clip_outputs(padded, model, clip_s, config).mean(axis=0)


class Predictor:
    """Loads one task's model once and predicts files: {label, probabilities} per file."""

    def __init__(self, task, params, clip_s=1.0, variant="aggregate", models_dir="models"):
        from audiolab.corpora.musan import LABELS
        from audiolab.corpora.ravdess import EMOTIONS, GENDERS
        from audiolab.ravdess.mel import MelConfig
        from audiolab.swishnet.clips import clip_config

        if task not in TASKS:
            raise ValueError(f"task must be one of {', '.join(TASKS)}")
        if task == "speech-music-noise" and clip_s not in CLIP_SECONDS:
            raise ValueError("clip length must be 0.5, 1 or 2 s")
        self.task, self.clip_s = task, clip_s
        self.model = load_trained_model(model_path(models_dir, task, params["train_seeds"][0], clip_s, variant))
        self.classes = {"speech-music-noise": LABELS, "emotion": EMOTIONS, "gender": GENDERS}[task]
        self.clip_config = clip_config(params)
        self.mel_config = None if task == "speech-music-noise" else MelConfig(**params["mel"])

    def probabilities(self, path):
        """Class probabilities of one file, None when what the model would hear is silent;
        AudioLoadError if it cannot be used."""
        from audiolab.ravdess.mel import file_mel_input

        if self.task == "speech-music-noise":
            return clip_probabilities(path, self.model, self.clip_s, self.clip_config)
        mel = file_mel_input(path, self.mel_config)
        if mel is None:
            return None
        output = self.model.predict(mel[None], verbose=0)[0]
        return np.array([1 - output[0], output[0]]) if self.task == "gender" else output

    def predict(self, path):
        """{"file", "label", "probabilities": {class: p}} of one file; the label is ``silence``, with
        no probabilities, when the file (or the excerpt the emotion and gender models hear) is silent."""
        probabilities = self.probabilities(path)
        if probabilities is None:
            return {"file": str(path), "label": SILENCE, "probabilities": {}}
        return {"file": str(path), "label": self.classes[int(np.argmax(probabilities))],
                "probabilities": {name: round(float(p), 4) for name, p in zip(self.classes, probabilities)}}
