"""Where `dvc repro` leaves each trained model: the one table the command line finds them in.

dvc.yaml names the same files as stage outputs (a test checks that the two agree).
"""

from pathlib import Path

from audiolab.core.runs import seed_path

TASKS = ("speech-music-noise", "emotion", "gender")
CLIP_SECONDS = (0.5, 1.0, 2.0)
# The speech / music / noise model shipped with the repository: realaudio/dvc.yaml's outputs, trained
# on real recordings, in the same layout as the demo's models/ (its params.yaml beside them).
SHIPPED = Path(__file__).resolve().parents[2] / "realaudio"


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


def shipped_model(clip_s=1.0):
    """(models folder, params.yaml) of the shipped speech / music / noise model, or None where this
    copy of the package has none at ``clip_s`` (an installed wheel, or a checkout before its pipeline ran)."""
    if frame_model_path(SHIPPED / "models", clip_s).is_file() and (SHIPPED / "params.yaml").is_file():
        return SHIPPED / "models", SHIPPED / "params.yaml"
    return None
