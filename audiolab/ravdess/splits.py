"""RAVDESS split policies: which unit no split may cut (recording or actor), and the stratum."""

from audiolab.core.splits import split_groups


def emotion_split(manifest, fractions, split_by, seed):
    """Split names per row: grouped by ``recording`` (stratified by emotion) or by ``actor``
    (speaker-independent, stratified by gender)."""
    if split_by == "recording":
        return split_groups(manifest["recording"], manifest["emotion"], fractions, seed)
    if split_by == "actor":
        return split_groups(manifest["actor"], manifest["gender"], fractions, seed)
    raise ValueError(f"split_by must be 'recording' or 'actor', not {split_by!r}")


def actor_split(manifest, actors_per_split, seed):
    """Split names per row by actor, e.g. {train: 12, val: 6, test: 6}, each split half male, half female."""
    return split_groups(manifest["actor"], manifest["gender"], actors_per_split, seed)
