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


def fit(model, train, val, epochs, batch_size, history_csv, monitor, mode, patience, min_delta=0.0,
        steps_per_epoch=None, seed=0):
    """Fit with a CSV history and, unless ``patience`` is None, early stopping on ``monitor``
    with the best weights restored.

    ``train`` and ``val`` are (inputs, targets) pairs; ``val`` may be None. With
    ``steps_per_epoch`` an epoch is that many batches drawn from the reshuffled,
    endlessly repeated training set (an epoch is then not a pass over the data).
    Returns the Keras History.
    """
    import keras

    Path(history_csv).parent.mkdir(parents=True, exist_ok=True)
    callbacks = [keras.callbacks.CSVLogger(str(history_csv))]
    if patience is not None:
        callbacks.append(keras.callbacks.EarlyStopping(monitor=monitor, mode=mode, patience=patience,
                                                       min_delta=min_delta, restore_best_weights=True))
    if steps_per_epoch is None:
        return model.fit(*train, validation_data=val, epochs=epochs, batch_size=batch_size,
                         callbacks=callbacks, shuffle=True, verbose=2)
    import tensorflow as tf

    batches = (tf.data.Dataset.from_tensor_slices(tuple(train)).shuffle(len(train[1]), seed=seed)
               .repeat().batch(batch_size))
    return model.fit(batches, validation_data=val, epochs=epochs, steps_per_epoch=steps_per_epoch,
                     callbacks=callbacks, verbose=2)


def train_classifier(model, train, val, *, learning_rate, epochs, batch_size, history_csv,
                     monitor="val_accuracy", mode="max", patience=20, min_delta=0.0,
                     loss="sparse_categorical_crossentropy", steps_per_epoch=None, seed=0):
    """Compile ``model`` (Adam, ``loss``: cross-entropy on integer labels by default,
    accuracy) and fit it (see ``fit``).

    ``learning_rate`` is a float or a Keras schedule; ``patience=None`` trains for all
    ``epochs`` without early stopping (and ``val`` may then be None). Returns the Keras History.
    """
    import keras

    model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss=loss, metrics=["accuracy"])
    return fit(model, train, val, epochs, batch_size, history_csv, monitor, mode, patience, min_delta,
               steps_per_epoch, seed)
