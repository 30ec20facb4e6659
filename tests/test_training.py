"""Training pieces: the SGDR cycles, stopping and restoring rules, DVCLive logs, byte-stable models, determinism."""

import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from audiolab.core.crossfit import out_of_fold
from audiolab.core.training import (RestoreBest, StopAtFlatCycleEnd, adam, cycle_ends, save_model, set_seed,
                                    sgdr_schedule, sgdr_stops, train_classifier, training_log)


def test_sgdr_cycles_add_up_to_the_epoch_budget():
    assert cycle_ends(8, 2, 120) == [8, 24, 56, 120]
    assert cycle_ends(10, 2, 120) == [10, 30, 70]  # the old setting: 120 epochs end inside a cycle
    assert cycle_ends(5, 1, 20) == [5, 10, 15, 20]


def test_keeping_the_best_epoch_stops_at_cycle_ends_and_keeping_the_last_never_stops():
    assert sgdr_stops("best", 8, 2, 120) == cycle_ends(8, 2, 120)
    assert sgdr_stops("last", 8, 2, 120) is None
    with pytest.raises(ValueError, match="keep must be one of best, last, not 'first'"):
        sgdr_stops("first", 8, 2, 120)


def _tiny_data(seed=0, n=64):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype(np.float32)
    return x, (x[:, 0] > 0).astype(np.int64)


def _tiny_model():
    import keras

    inputs = keras.Input((6,))
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(keras.layers.Dense(8)(inputs)))


def _logged(folder, run, metric):
    """One run's metric from a DVCLive folder, indexed by step (the epoch)."""
    table = pd.read_csv(folder / "plots" / "metrics" / run / f"{metric}.tsv", sep="\t")
    assert list(table.columns) == ["step", Path(metric).name]  # no timestamp column
    return table.set_index("step")[Path(metric).name]


def test_training_traces_its_step_once_per_model(tmp_path):
    """Keras would create the optimizer's and the metrics' variables inside the first trace of the
    training step, which makes TensorFlow trace it a second time: the slowest part of a short run."""
    set_seed(1)
    x, y = _tiny_data()
    model, traces = _tiny_model(), []
    step = model.train_step
    model.train_step = lambda data: traces.append(data) or step(data)  # runs once per trace
    with training_log(tmp_path) as live:
        train_classifier(model, (x, y), (x, y), learning_rate=1e-3, epochs=2, batch_size=16, live=live, run="seed_1")
    assert len(traces) == 1, len(traces)


def test_the_log_records_the_learning_rate_and_it_restarts_at_cycle_boundaries(tmp_path):
    set_seed(1)
    x, y = _tiny_data()
    steps = 4  # 64 items, batch 16
    schedule = sgdr_schedule(1e-2, 1e-4, first_cycle_steps=2 * steps, t_mul=2)
    with training_log(tmp_path) as live:
        train_classifier(_tiny_model(), (x, y), (x, y), learning_rate=schedule, epochs=6, batch_size=16,
                         cycle_ends=cycle_ends(2, 2, 6), live=live, run="seed_1")
    lr = _logged(tmp_path, "seed_1", "train/lr")
    assert lr[0] == pytest.approx(1e-2) and lr[2] == pytest.approx(1e-2)  # cycle starts: 0 and 2
    assert lr[1] < lr[0] and lr[3] > lr[4] > lr[5] > 1e-4  # decaying inside each cycle
    assert list(lr.index) == list(range(6))  # the first cycle always runs out; the second improved or ended the budget


def test_runs_sharing_a_log_keep_their_own_epochs_and_last_values(tmp_path):
    x, y = _tiny_data()
    with training_log(tmp_path) as live:
        for run, epochs in (("seed_1", 3), ("seed_2", 2)):
            set_seed(1)
            train_classifier(_tiny_model(), (x, y), (x, y), learning_rate=1e-2, epochs=epochs, batch_size=16,
                             live=live, run=run)
    summary = json.loads((tmp_path / "metrics.json").read_text())
    assert set(summary) == {"seed_1", "seed_2"}  # no shared "step": it would be one run's
    for run, epochs in (("seed_1", 3), ("seed_2", 2)):
        assert summary[run]["epochs"] == epochs
        val_loss = _logged(tmp_path, run, "eval/loss")
        assert list(val_loss.index) == list(range(epochs))
        assert summary[run]["eval"]["loss"] == pytest.approx(val_loss.iloc[-1])
        assert set(summary[run]["train"]) == {"loss", "accuracy", "lr"}
    # the same seed and data: the first two epochs of both runs agree
    np.testing.assert_allclose(_logged(tmp_path, "seed_1", "train/loss")[:2], _logged(tmp_path, "seed_2", "train/loss"))


class _Weights:
    """A stand-in model: its weights are the number of the last epoch it was given."""

    def __init__(self):
        self.weights, self.stop_training = [None], False

    def get_weights(self):
        return list(self.weights)

    def set_weights(self, weights):
        self.weights = list(weights)


def _run(callback, values, monitor="val_loss"):
    model = _Weights()
    callback.set_model(model)
    for epoch, value in enumerate(values):
        model.weights = [epoch]
        callback.on_epoch_end(epoch, {monitor: value})
        if model.stop_training:
            break
    callback.on_train_end()
    return model


def test_restored_weights_are_the_truly_best_epoch_whatever_min_delta():
    # Keras' EarlyStopping with min_delta 0.03 would keep epoch 0: no later gain reaches 0.03.
    model = _run(RestoreBest("val_loss", "min"), [1.00, 0.98, 0.97, 0.99])
    assert model.weights == [2]
    assert _run(RestoreBest("val_accuracy", "max"), [0.5, 0.7, 0.7, 0.6], "val_accuracy").weights == [1]


def test_training_stops_only_at_the_end_of_a_cycle_without_gain():
    ends = [2, 6, 14]
    flat_second_cycle = [0.5, 0.6, 0.55, 0.58, 0.59, 0.6, 0.9, 0.9]
    stopper = StopAtFlatCycleEnd("val_accuracy", "max", ends)
    model = _run(stopper, flat_second_cycle, "val_accuracy")
    assert model.weights == [5]  # stopped at epoch 6, the end of the flat cycle, not inside it
    improving = [0.5, 0.6, 0.55, 0.58, 0.59, 0.61, 0.62, 0.63]
    assert _run(StopAtFlatCycleEnd("val_accuracy", "max", ends), improving, "val_accuracy").weights == [7]


def test_weight_decay_shrinks_the_kernels_and_leaves_the_biases():
    import keras

    def step(weight_decay):
        set_seed(1)
        model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="ones",
                                                                          bias_initializer="ones")])
        model.compile(optimizer=adam(0.1, weight_decay), loss="mse")
        model.train_on_batch(np.zeros((4, 1)), np.ones((4, 1)))  # zero inputs and error: no gradient
        kernel, bias = model.get_weights()
        return float(kernel[0, 0]), float(bias[0])

    assert step(0) == (1.0, 1.0)
    kernel, bias = step(0.5)
    assert kernel == pytest.approx(1 - 0.1 * 0.5) and bias == 1.0


def test_saved_models_are_byte_stable_and_load(tmp_path):
    import keras

    set_seed(2)
    model = _tiny_model()
    save_model(model, tmp_path / "a.keras")
    time.sleep(1.1)  # Keras' own save writes the time to the second
    save_model(model, tmp_path / "b.keras")
    assert (tmp_path / "a.keras").read_bytes() == (tmp_path / "b.keras").read_bytes()
    x, _ = _tiny_data()
    np.testing.assert_array_equal(keras.models.load_model(tmp_path / "a.keras").predict(x, verbose=0),
                                  model.predict(x, verbose=0))


def _train_swishnet(seed, path):
    from audiolab.swishnet.model import build_swishnet

    rng = np.random.default_rng(0)
    x = rng.normal(size=(96, 49, 20)).astype(np.float32)
    y = rng.integers(0, 3, 96)
    set_seed(seed)
    model = build_swishnet((49, 20))
    log = path.with_suffix("")
    with training_log(log) as live:
        train_classifier(model, (x, y), (x[:32], y[:32]), learning_rate=sgdr_schedule(5e-4, 1e-5, 6), epochs=3,
                         batch_size=32, cycle_ends=cycle_ends(2, 2, 3), live=live, run="seed")
    save_model(model, path)
    logged = sorted(log.rglob("*.*"))
    return path.read_bytes(), [(file.relative_to(log), file.read_bytes()) for file in logged]


def test_retraining_with_the_same_seed_gives_the_same_bytes(tmp_path):
    first = _train_swishnet(5, tmp_path / "first.keras")
    assert _train_swishnet(5, tmp_path / "second.keras") == first
    assert _train_swishnet(6, tmp_path / "other.keras")[0] != first[0]  # the seed does matter


def test_out_of_fold_predictions_never_come_from_a_model_that_saw_the_group():
    groups = np.array([1, 1, 2, 2, 3, 3, 4, 4])
    labels = np.array([0, 0, 1, 1, 0, 0, 1, 1], dtype=float)
    folds = {1: "a", 2: "a", 3: "b", 4: "b"}

    def memorising(fit, held_out):
        """A model that is perfect on the groups it was fitted on and says 0.5 elsewhere."""
        seen = set(groups[fit])
        return np.where(np.isin(groups[held_out], list(seen)), labels[held_out], 0.5)

    np.testing.assert_array_equal(out_of_fold(groups, folds, memorising), np.full(8, 0.5))
    in_sample = memorising(np.ones(8, bool), np.ones(8, bool))
    np.testing.assert_array_equal(in_sample, labels)  # what stacking without cross-fitting would feed
