"""RAVDESS split policies: which unit no split may cut (recording or actor), and the stratum."""

import pandas as pd

from audiolab.core.errors import check_choice
from audiolab.core.splits import split_groups


# split_by: (the unit no split may cut, the stratum)
SPLIT_BY = {"utterance": ("utterance", "emotion"), "recording": ("recording", "emotion"), "actor": ("actor", "gender")}


def emotion_split(manifest, fractions, split_by, seed):
    """Split names per row, grouped by ``utterance`` (both repetitions of one actor's emotion,
    intensity and statement, near-identical takes), by ``recording`` (lets the two takes
    cross splits), or by ``actor`` (speaker-independent); stratified by emotion, by gender
    for actors."""
    check_choice("emotion.split_by", split_by, SPLIT_BY)
    group, stratum = SPLIT_BY[split_by]
    return split_groups(manifest[group], manifest[stratum], fractions, seed)


def noise_split(noise, fractions, seed):
    """Split names per noise clip, grouped by source recording (``group``: the Freesound id), so
    that test recordings get noise that no training recording got. Stratified by class
    where every class has a source for each split; otherwise (few clips) not stratified,
    so that every split still gets noise."""
    stratified = noise.groupby("label")["group"].nunique().min() >= len(fractions)
    strata = noise["label"] if stratified else pd.Series("all", index=noise.index)
    return split_groups(noise["group"], strata, fractions, seed)


def actor_split(manifest, actors_per_split, seed):
    """Split names per row by actor, e.g. {train: 12, val: 6, test: 6}, each split half male, half female."""
    return split_groups(manifest["actor"], manifest["gender"], actors_per_split, seed)
