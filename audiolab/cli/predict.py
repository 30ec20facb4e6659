"""Single-file prediction for every trained model, through the training preprocessing."""

import warnings
from pathlib import Path

import numpy as np

from audiolab.cli.registry import CLIP_SECONDS, TASKS, model_path
from audiolab.core.audio import load_audio
from audiolab.core.errors import AudioLoadError


def load_trained_model(path):
    """The Keras model saved at ``path``; FileNotFoundError saying how to build it if it is missing."""
    import keras

    if not Path(path).is_file():
        raise FileNotFoundError(f"no trained model at {path}: run `make repro` (or `dvc repro`) first")
    return keras.models.load_model(path)


def clip_probabilities(signal, model, clip_s, config):
    """Mean SwishNet class probabilities over the clips of a mono signal at ``config.sample_rate``.

    The signal goes through the training preprocessing (silence removal, loudness); a
    signal shorter than one clip afterwards is zero-padded to one clip, with a warning.
    Raises ValueError when nothing is left after silence removal.
    """
    from audiolab.swishnet.clips import preprocess, signal_clips

    voiced = preprocess(signal, config)
    if voiced.size == 0:
        raise ValueError(f"all silent (below {config.silence_threshold_db} dB)")
    clip_samples = int(round(clip_s * config.sample_rate))
    if voiced.size < clip_samples:
        warnings.warn(f"{voiced.size / config.sample_rate:.2f} s of sound is shorter than a {clip_s:g} s clip: "
                      "zero-padded", stacklevel=2)
        voiced = np.pad(voiced, (0, clip_samples - voiced.size))
    clips = signal_clips(voiced, [clip_s], config)[clip_s]
    return model.predict(clips, batch_size=256, verbose=0).mean(axis=0)


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
        self.mel_config = MelConfig(**params["mel"])

    def probabilities(self, path):
        """Class probabilities of one file; AudioLoadError if it cannot be used."""
        from audiolab.ravdess.mel import mel_input

        if self.task == "speech-music-noise":
            signal = load_audio(path, self.clip_config.sample_rate)
            try:
                return clip_probabilities(signal, self.model, self.clip_s, self.clip_config)
            except ValueError as error:
                raise AudioLoadError(path, str(error)) from None
        signal = load_audio(path, self.mel_config.sample_rate)
        output = self.model.predict(mel_input(signal, self.mel_config)[None], verbose=0)[0]
        return np.array([1 - output[0], output[0]]) if self.task == "gender" else output

    def predict(self, path):
        """{"file", "label", "probabilities": {class: p}} of one file."""
        probabilities = self.probabilities(path)
        return {"file": str(path), "label": self.classes[int(np.argmax(probabilities))],
                "probabilities": {name: round(float(p), 4) for name, p in zip(self.classes, probabilities)}}
