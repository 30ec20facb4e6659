"""Where `dvc repro` leaves each trained model: the one table the command line finds them in.

dvc.yaml names the same files as stage outputs (a test checks that the two agree).
"""

from pathlib import Path

from audiolab.core.runs import seed_path

TASKS = ("speech-music-noise", "emotion", "gender")
CLIP_SECONDS = (0.5, 1.0, 2.0)


def model_path(models_dir, task, seed, clip_s=1.0, variant="aggregate"):
    """The Keras model of ``task`` trained with ``seed`` under ``models_dir``: a clip length's
    MUSAN SwishNet, an emotion variant's CNN or the gender CNN."""
    folders = {"speech-music-noise": Path("musan") / f"swishnet_{clip_s:g}s", "emotion": Path("emotion") / variant,
               "gender": Path("gender")}
    if task not in folders:
        raise ValueError(f"task must be one of {', '.join(TASKS)}")
    return seed_path(Path(models_dir) / folders[task], seed, ".keras")


def frame_model_path(models_dir, clip_s=1.0):
    """The exported frame model of a clip length's SwishNet (first training seed), which ``segment`` runs."""
    return Path(models_dir) / "tflite" / f"swishnet_{clip_s:g}s_frames.tflite"
