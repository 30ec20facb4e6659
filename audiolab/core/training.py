"""Training pieces shared by every model: seeding, the SGDR schedule, callbacks, the fit loop, saving."""

import json
import os
import random
import tempfile
import zipfile
from pathlib import Path

import keras
import numpy as np
from dvclive.keras import DVCLiveCallback
from dvclive.utils import standardize_metric_name

from audiolab.core.errors import check_choice


def set_seed(seed):
    """Seed Python, NumPy and Keras, make TensorFlow's ops deterministic and restart Keras'
    layer numbering, so the same seed gives the same model file bit for bit, however many
    models the process built before (models built earlier keep working)."""
    import tensorflow as tf

    keras.utils.clear_session()
    os.environ["PYTHONHASHSEED"] = str(seed)
    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


def sgdr_schedule(lr_max, lr_min, first_cycle_steps, t_mul=2.0):
    """SGDR (Loshchilov & Hutter): Keras' cosine decay from ``lr_max`` to ``lr_min`` with warm
    restarts, each cycle ``t_mul`` times as long as the one before."""
    return keras.optimizers.schedules.CosineDecayRestarts(
        initial_learning_rate=lr_max, first_decay_steps=first_cycle_steps, t_mul=t_mul, m_mul=1.0,
        alpha=lr_min / lr_max)


def cycle_ends(first_cycle_epochs, t_mul, epochs):
    """Epoch counts at which SGDR cycles end within ``epochs`` (8, 24, 56, 120 for 8, 2, 120).

    The last one is ``epochs`` itself only when the cycles add up to it.
    """
    ends, length, end = [], float(first_cycle_epochs), float(first_cycle_epochs)
    while round(end) <= epochs:
        ends.append(int(round(end)))
        length *= t_mul
        end += length
    return ends


KEEP = ("best", "last")


def sgdr_stops(keep, first_cycle_epochs, t_mul, epochs):
    """``fit``'s ``cycle_ends`` for SGDR training that keeps the ``best`` weights (stop at the end
    of a cycle without gain, restore the best epoch: the cycle ends) or the ``last`` (train every
    epoch: None)."""
    check_choice("musan.keep", keep, KEEP)
    return cycle_ends(first_cycle_epochs, t_mul, epochs) if keep == "best" else None


class LearningRateLog(keras.callbacks.Callback):
    """Adds ``lr``, the learning rate at the start of each epoch, to the epoch's logs."""

    def on_epoch_begin(self, epoch, logs=None):
        self._lr = float(np.asarray(self.model.optimizer.learning_rate))

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["lr"] = self._lr


class RestoreBest(keras.callbacks.Callback):
    """Keeps the weights of the epoch with the best ``monitor`` and puts them back when training
    ends. Best means strictly best, whatever a stopping rule's ``min_delta`` is; ties keep the
    earlier epoch. ``best_epoch`` is that epoch (0-based)."""

    def __init__(self, monitor, mode):
        super().__init__()
        self.monitor, self.sign = monitor, 1.0 if mode == "max" else -1.0
        self.best, self.best_epoch, self.weights = -np.inf, None, None

    def on_epoch_end(self, epoch, logs=None):
        value = (logs or {}).get(self.monitor)
        if value is not None and self.sign * value > self.best:
            self.best, self.best_epoch, self.weights = self.sign * value, epoch, self.model.get_weights()

    def on_train_end(self, logs=None):
        if self.weights is not None:
            self.model.set_weights(self.weights)


class StopAtFlatCycleEnd(keras.callbacks.Callback):
    """Stops training at the end of an SGDR cycle in which ``monitor`` never beat its best of the
    cycles before, so a stop never cuts a cycle short (the first cycle always runs out)."""

    def __init__(self, monitor, mode, ends):
        super().__init__()
        self.monitor, self.sign, self.ends = monitor, 1.0 if mode == "max" else -1.0, set(ends)
        self.best_before, self.best = -np.inf, -np.inf

    def on_epoch_end(self, epoch, logs=None):
        value = (logs or {}).get(self.monitor)
        if value is not None:
            self.best = max(self.best, self.sign * value)
        if epoch + 1 in self.ends:
            if self.best <= self.best_before:
                self.model.stop_training = True
            self.best_before = self.best


def training_log(folder):
    """A DVCLive logger writing into ``folder``: one TSV per run and metric under
    ``plots/metrics/`` and every run's last values in ``metrics.json`` (use it as a context
    manager). No timestamps, no DVC experiment of its own: ``dvc.yaml`` declares the files."""
    from dvclive import Live

    return Live(dir=str(folder), save_dvc_exp=False, dvcyaml=None, report=None)


class LiveRun(DVCLiveCallback):
    """DVCLive's Keras callback for one of several runs (training seeds, folds) sharing a
    DVCLive folder: epoch ``e``'s metrics are logged at step ``e`` as
    ``<run>/train/<metric>`` and ``<run>/eval/<metric>`` (DVCLive's names for Keras logs),
    and the summary records ``<run>.epochs``, the number of epochs trained."""

    def __init__(self, live, run):
        super().__init__(live=live)
        self.run = run

    def on_epoch_end(self, epoch, logs=None):
        self.live.step = epoch
        for name, value in (logs or {}).items():
            self.live.log_metric(f"{self.run}/{standardize_metric_name(name, 'dvclive.keras')}", value)
        # A shared step would be one run's last epoch in the summary; each run's count is kept instead.
        self.live.step = None
        self.live.summary[self.run]["epochs"] = epoch + 1
        self.live.make_summary()


def fit(model, train, val, *, epochs, batch_size, live, run, monitor="val_accuracy", mode="max",
        patience=None, min_delta=0.0, cycle_ends=None, steps_per_epoch=None, seed=0):
    """Fit, logging every epoch's metrics and ``lr`` to the DVCLive logger ``live`` as ``run``
    (``LiveRun``).

    With ``cycle_ends``, training stops at the end of a flat SGDR cycle (see
    ``StopAtFlatCycleEnd``); with ``patience``, after that many epochs without a gain of
    ``min_delta``. Either way the weights of the best epoch on ``monitor`` are restored.
    Without both, all ``epochs`` run and the last weights stay. ``train`` and ``val`` are (inputs, targets)
    pairs, or ``tf.data.Dataset`` streams of batches (``swishnet.stream.ClipStream``; then
    ``batch_size`` is theirs). With ``steps_per_epoch`` an epoch is that many batches drawn from the
    reshuffled, endlessly repeated training set. Returns the Keras History.
    """
    callbacks = [LearningRateLog()]
    if val is not None and (cycle_ends or patience is not None):
        callbacks.append(RestoreBest(monitor, mode))
    if cycle_ends:
        callbacks.append(StopAtFlatCycleEnd(monitor, mode, cycle_ends))
    elif patience is not None:
        callbacks.append(keras.callbacks.EarlyStopping(monitor=monitor, mode=mode, patience=patience,
                                                       min_delta=min_delta))
    callbacks.append(LiveRun(live, run))
    # Keras otherwise creates the optimizer's and the metrics' variables while tracing the training step, which
    # makes TensorFlow trace it twice, and slowly: this build halves the time spent tracing (same weights, bit for bit).
    model._symbolic_build(data_batch=train if isinstance(train, tuple) else train.element_spec)
    if not isinstance(train, tuple):  # a tf.data.Dataset of batches, streamed in its own order
        return model.fit(train, validation_data=val, epochs=epochs, callbacks=callbacks, shuffle=False, verbose=2)
    if steps_per_epoch is None:
        return model.fit(*train, validation_data=val, epochs=epochs, batch_size=batch_size,
                         callbacks=callbacks, shuffle=True, verbose=2)
    import tensorflow as tf

    batches = (tf.data.Dataset.from_tensor_slices(tuple(train)).shuffle(len(train[1]), seed=seed)
               .repeat().batch(batch_size))
    return model.fit(batches, validation_data=val, epochs=epochs, steps_per_epoch=steps_per_epoch,
                     callbacks=callbacks, shuffle=False, verbose=2)


def adam(learning_rate, weight_decay=0.0):
    """Adam at ``learning_rate`` (a float or a Keras schedule); with ``weight_decay`` > 0,
    decoupled weight decay (AdamW): each step shrinks every weight but the biases by
    ``weight_decay`` times the step's learning rate."""
    if not weight_decay:
        return keras.optimizers.Adam(learning_rate)
    optimizer = keras.optimizers.Adam(learning_rate, weight_decay=weight_decay)
    optimizer.exclude_from_weight_decay(var_names=["bias"])
    return optimizer


def train_classifier(model, train, val, *, learning_rate, weight_decay=0.0, loss="sparse_categorical_crossentropy",
                     metrics=("accuracy",), **fit_args):
    """Compile ``model`` (``adam`` at ``learning_rate`` with ``weight_decay``; ``loss``, by default
    cross-entropy on integer labels; ``metrics``, by default accuracy) and ``fit`` it. Returns the
    Keras History."""
    model.compile(optimizer=adam(learning_rate, weight_decay), loss=loss, metrics=list(metrics))
    return fit(model, train, val, **fit_args)


def _renumber_shared_objects(node, numbers):
    """A Keras config with every ``shared_object_id`` (a memory address) replaced by 1, 2, ...
    in order of first appearance; equal ids stay equal, so shared objects stay shared."""
    if isinstance(node, dict):
        return {key: numbers.setdefault(value, len(numbers) + 1) if key == "shared_object_id"
                else _renumber_shared_objects(value, numbers) for key, value in node.items()}
    if isinstance(node, list):
        return [_renumber_shared_objects(value, numbers) for value in node]
    return node


def save_model(model, path):
    """``model.save`` without what changes from save to save for the same weights: the save date
    in metadata.json, each zip entry's time, and the memory addresses Keras writes into
    config.json as ``shared_object_id``. The same weights always give the same bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / path.name
        model.save(raw)
        with zipfile.ZipFile(raw) as source, zipfile.ZipFile(path, "w") as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == "metadata.json":
                    metadata = json.loads(data)
                    metadata.pop("date_saved", None)
                    data = json.dumps(metadata, sort_keys=True).encode()
                elif info.filename == "config.json":
                    data = json.dumps(_renumber_shared_objects(json.loads(data), {})).encode()
                entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                entry.compress_type, entry.external_attr = info.compress_type, info.external_attr
                target.writestr(entry, data)
