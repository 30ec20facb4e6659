"""Runs over training seeds: one file per seed in a folder."""

from pathlib import Path


def seed_path(folder, seed, suffix):
    """The file of training seed ``seed`` in ``folder``: ``seed_<seed><suffix>``."""
    return Path(folder) / f"seed_{seed}{suffix}"
