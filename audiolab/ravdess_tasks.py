"""RAVDESS emotion and gender tasks on the shared mel features: splits, datasets, training.

The split tables have one row per recording (``path``, ``emotion``, ``gender``,
``actor``, ``recording``, ``split``); every noisy copy of a recording is looked up by
its path, so it always lands in its original's split.
"""

import numpy as np

from audiolab.corpora.ravdess import EMOTIONS
from audiolab.meldata import CONDITIONS, load_mel
from audiolab.splits import split_groups

GENDERS = ("female", "male")
VARIANTS = {**{condition: (condition,) for condition in CONDITIONS}, "aggregate": tuple(CONDITIONS)}


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


def dataset(mel_path, table, split, conditions, label, classes):
    """(inputs, labels) of one split's recordings under ``conditions``: inputs is {"mel": array}."""
    part = table[table["split"] == split].set_index("path")
    mel, files = load_mel(mel_path, conditions, part.index)
    labels = part.loc[files, label].map({name: i for i, name in enumerate(classes)}).to_numpy()
    return {"mel": mel}, labels


def train_emotion(train, val, p, seed, history_csv, fused=False):
    """The emotion CNN trained with Adam and early stopping on validation loss (params ``emotion``)."""
    from audiolab.nets.ravdess import build_emotion_cnn
    from audiolab.training import set_seed, train_classifier

    set_seed(seed)
    mel = train[0]["mel"]
    model = build_emotion_cnn(mel.shape[1:], len(EMOTIONS), p["dropout"], float(mel.mean()), float(mel.var()),
                              fused=fused)
    train_classifier(model, train, val, learning_rate=p["lr"], epochs=p["epochs"], batch_size=p["batch_size"],
                     monitor="val_loss", mode="min", patience=p["patience"], min_delta=p["min_delta"],
                     history_csv=history_csv)
    return model


def train_gender(train, val, p, seed, history_csv):
    """The gender CNN: Adam, binary cross-entropy, ``epochs`` of ``steps_per_epoch`` batches (params ``gender``)."""
    from audiolab.nets.ravdess import build_gender_cnn
    from audiolab.training import set_seed, train_classifier

    set_seed(seed)
    mel = train[0]["mel"]
    model = build_gender_cnn(mel.shape[1:], p["dense_units"], p["dropout"], p["filters"],
                             float(mel.mean()), float(mel.var()))
    train_classifier(model, (mel, train[1].astype(np.float32)), (val[0]["mel"], val[1].astype(np.float32)),
                     learning_rate=p["lr"], epochs=p["epochs"], batch_size=p["batch_size"], patience=None,
                     loss="binary_crossentropy", steps_per_epoch=p["steps_per_epoch"], seed=seed,
                     history_csv=history_csv)
    return model
