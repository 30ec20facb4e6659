"""Where `dvc repro` leaves each trained model: the one table the command line finds them in.

dvc.yaml names the same files as stage outputs (a test checks that the two agree).
"""

from pathlib import Path

TASKS = ("speech-music-noise", "emotion", "gender")
CLIP_SECONDS = (0.5, 1.0, 2.0)


def model_path(models_dir, task, clip_s=1.0, variant="aggregate"):
    """The Keras model of ``task`` under ``models_dir``: a clip length's MUSAN SwishNet, an
    emotion variant's CNN or the gender CNN."""
    if task == "speech-music-noise":
        return Path(models_dir) / "musan" / f"swishnet_{clip_s:g}s.keras"
    if task == "emotion":
        return Path(models_dir) / "emotion" / f"{variant}.keras"
    if task == "gender":
        return Path(models_dir) / "gender" / "gender.keras"
    raise ValueError(f"task must be one of {', '.join(TASKS)}")
