"""Training pieces shared by every model: seeding, schedules, callbacks, the fit loop."""

import os
import random
from pathlib import Path

import numpy as np


def set_seed(seed):
    """Seed Python, NumPy and Keras (TensorFlow) for repeatable initialisation and shuffling."""
    import keras

    os.environ["PYTHONHASHSEED"] = str(seed)
    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)


def cosine_restarts(lr_max, lr_min, first_decay_steps):
    """SGDR (Loshchilov & Hutter): Keras' cosine decay with warm restarts from lr_max to lr_min."""
    import keras

    return keras.optimizers.schedules.CosineDecayRestarts(
        initial_learning_rate=lr_max, first_decay_steps=first_decay_steps, alpha=lr_min / lr_max)


def fit(model, train, val, epochs, batch_size, history_csv, monitor, mode, patience, min_delta=0.0):
    """Fit with early stopping on ``monitor`` (best weights restored) and a CSV history.

    ``train`` and ``val`` are (inputs, targets) pairs. Returns the Keras History.
    """
    import keras

    Path(history_csv).parent.mkdir(parents=True, exist_ok=True)
    callbacks = [
        keras.callbacks.EarlyStopping(monitor=monitor, mode=mode, patience=patience, min_delta=min_delta,
                                      restore_best_weights=True),
        keras.callbacks.CSVLogger(str(history_csv)),
    ]
    return model.fit(*train, validation_data=val, epochs=epochs, batch_size=batch_size,
                     callbacks=callbacks, shuffle=True, verbose=2)


def train_classifier(model, train, val, *, learning_rate, epochs, batch_size, history_csv,
                     monitor="val_accuracy", mode="max", patience=20, min_delta=0.0):
    """Compile ``model`` (Adam, cross-entropy on integer labels, accuracy) and fit it.

    ``learning_rate`` is a float or a Keras schedule. Returns the Keras History.
    """
    import keras

    model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return fit(model, train, val, epochs, batch_size, history_csv, monitor, mode, patience, min_delta)
