"""Streaming training batches from a clip HDF5 file: coverage, determinism, bounded windows."""

import h5py
import numpy as np
import pytest

from audiolab.swishnet.stream import ClipStream


@pytest.fixture
def clip_file(tmp_path):
    """5,000 clips whose features hold their row number; every third clip is validation."""
    rows = np.arange(5000)
    path = tmp_path / "clips.h5"
    with h5py.File(path, "w") as h5:
        h5.create_dataset("features", data=np.repeat(rows.astype(np.float32), 6).reshape(-1, 3, 2), chunks=(256, 3, 2))
        h5.create_dataset("labels", data=(rows % 3).astype(np.int8))
        h5.create_dataset("split", data=(rows % 3 == 2).astype(np.int8))
        h5.attrs["splits"] = ["train", "val"]
    return path, rows[rows % 3 != 2], rows[rows % 3 == 2]


def _epoch(stream, epoch=0):
    return list(stream.batches(epoch))


def test_each_epoch_yields_every_training_clip_once_with_its_label(clip_file):
    path, train, _ = clip_file
    stream = ClipStream(path, "train", batch_size=64, seed=1, window_clips=1000, block_clips=250)
    for epoch in range(2):
        batches = _epoch(stream, epoch)
        assert len(batches) == stream.n_batches
        rows = np.concatenate([x[:, 0, 0] for x, _ in batches]).astype(int)
        assert sorted(rows) == list(train)
        np.testing.assert_array_equal(np.concatenate([y for _, y in batches]), rows % 3)
        assert all(len(y) == 64 for _, y in batches[:3])  # only a window's last batch is short


def test_the_order_is_shuffled_per_epoch_and_the_same_for_a_seed(clip_file):
    path, train, _ = clip_file

    def orders(seed):
        stream = ClipStream(path, "train", batch_size=64, seed=seed, window_clips=1000, block_clips=250)
        return [np.concatenate([x[:, 0, 0] for x, _ in _epoch(stream, epoch)]) for epoch in range(2)]

    first, second = orders(1)
    assert not np.array_equal(first, second) and not np.array_equal(first, np.sort(first))
    np.testing.assert_array_equal(orders(1)[0], first)
    assert not np.array_equal(orders(2)[0], first)


def test_memory_holds_one_window_and_validation_comes_in_file_order(clip_file):
    path, _, val = clip_file
    stream = ClipStream(path, "train", batch_size=64, seed=1, window_clips=1000, block_clips=250)
    assert max(len(labels) for _, labels in stream.windows(0)) <= 1000
    rows = np.concatenate([x[:, 0, 0] for x, _ in _epoch(ClipStream(path, "val", batch_size=100))])
    np.testing.assert_array_equal(rows, val)


def test_keras_trains_on_the_stream_deterministically(clip_file):
    import keras

    from audiolab.core.training import set_seed

    path, _, _ = clip_file

    def train():
        set_seed(3)
        inputs = keras.Input((3, 2))
        model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(keras.layers.Flatten()(inputs) / 5000))
        model.compile("adam", "sparse_categorical_crossentropy")
        stream = ClipStream(path, "train", batch_size=64, seed=1, window_clips=1000, block_clips=250)
        seen = []
        model.fit(stream.dataset(), epochs=2, shuffle=False, verbose=0,
                  validation_data=ClipStream(path, "val", batch_size=256).dataset(),
                  callbacks=[keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(logs["loss"]))])
        return seen, model.get_weights()

    (loss, weights), (loss_again, weights_again) = train(), train()
    assert len(loss) == 2 and loss == loss_again
    assert all(np.array_equal(a, b) for a, b in zip(weights, weights_again))


def test_weights_travel_with_their_clips_and_augmentation_keeps_the_shuffle(clip_file):
    path, train, _ = clip_file
    weights = np.arange(5000, dtype=np.float32) / 10

    def shift_features(features, targets, rng):
        return features + rng.choice([0.5]), targets

    plain = ClipStream(path, "train", batch_size=64, seed=1, window_clips=1000, block_clips=250)
    weighted = ClipStream(path, "train", batch_size=64, seed=1, window_clips=1000, block_clips=250,
                          weights=weights, augment=shift_features)
    for (x, y), (xw, yw, w) in zip(_epoch(plain), _epoch(weighted), strict=True):
        np.testing.assert_array_equal(xw, x + 0.5)  # same clips in the same order, each augmented
        np.testing.assert_array_equal(yw, y)
        np.testing.assert_array_equal(w, weights[x[:, 0, 0].astype(int)])
    dataset = weighted.dataset()
    assert len(next(iter(dataset))) == 3  # Keras reads the third element as sample weights


def test_each_pass_over_the_dataset_is_the_next_epoch(clip_file):
    path, _, _ = clip_file
    stream = ClipStream(path, "train", batch_size=64, seed=1, window_clips=1000, block_clips=250,
                        augment=lambda features, targets, rng: (features + rng.random(), targets))
    dataset = stream.dataset()
    for epoch in range(3):
        passed = [tuple(part.numpy() for part in batch) for batch in dataset]
        expected = _epoch(stream, epoch)
        assert len(passed) == len(expected) == stream.n_batches
        for (x, y), (x_expected, y_expected) in zip(passed, expected, strict=True):
            np.testing.assert_array_equal(x, x_expected)
            np.testing.assert_array_equal(y, y_expected)
