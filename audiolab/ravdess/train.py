"""Training the RAVDESS models on the shared mel features: the emotion CNN per noise variant, the gender CNN."""

import numpy as np

from audiolab.corpora.ravdess import EMOTIONS


def train_emotion(train, val, p, seed, live, run, fused=False):
    """The emotion CNN trained with Adam and early stopping on validation loss (params ``emotion``),
    logged to the DVCLive logger ``live`` as ``run``."""
    from audiolab.core.training import set_seed, train_classifier
    from audiolab.ravdess.models import build_emotion_cnn

    set_seed(seed)
    mel = train[0]["mel"]
    model = build_emotion_cnn(mel.shape[1:], len(EMOTIONS), p["dropout"], float(mel.mean()), float(mel.var()),
                              fused=fused)
    train_classifier(model, train, val, learning_rate=p["lr"], epochs=p["epochs"], batch_size=p["batch_size"],
                     monitor="val_loss", mode="min", patience=p["patience"], min_delta=p["min_delta"],
                     live=live, run=run)
    return model


def train_gender(train, val, p, seed, live, run):
    """The gender CNN: Adam, binary cross-entropy, ``epochs`` of ``steps_per_epoch`` batches (params
    ``gender``), logged to the DVCLive logger ``live`` as ``run``."""
    from audiolab.core.training import set_seed, train_classifier
    from audiolab.ravdess.models import build_gender_cnn

    set_seed(seed)
    mel = train[0]["mel"]
    model = build_gender_cnn(mel.shape[1:], p["dense_units"], p["dropout"], p["filters"],
                             float(mel.mean()), float(mel.var()))
    train_classifier(model, (mel, train[1].astype(np.float32)), (val[0]["mel"], val[1].astype(np.float32)),
                     learning_rate=p["lr"], epochs=p["epochs"], batch_size=p["batch_size"],
                     loss="binary_crossentropy", steps_per_epoch=p["steps_per_epoch"], seed=seed,
                     live=live, run=run)
    return model
