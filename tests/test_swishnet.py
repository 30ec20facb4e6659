import numpy as np
import pytest

from audiolab.swishnet.model import RUNNING_MEAN, build_swishnet, frame_model, running_mean_frames


@pytest.mark.parametrize("width,params", [(1, 7195), (2, 22451)])
def test_parameter_counts(width, params):
    assert build_swishnet((49, 20), classes=3, width=width).count_params() == params


def test_weights_follow_the_reference_order():
    """Reference order: per gated conv, sigmoid conv then tanh conv; block 1 L=3 before L=6."""
    shapes = [w.shape for w in build_swishnet((99, 20), 3, 1).get_weights()]
    assert shapes[:8] == [(3, 20, 8), (8,), (3, 20, 8), (8,), (6, 20, 8), (8,), (6, 20, 8), (8,)]
    assert shapes[-4:] == [(3, 8, 16), (16,), (40, 3), (3,)][:2] + [(1, 40, 3), (3,)]
    assert len(shapes) == 2 * 2 * (6 + 5) + 2  # 11 gated convs of two Conv1D each, then the head


def test_weights_transfer_across_input_lengths():
    model = build_swishnet((49, 20), 3, 1)
    other = build_swishnet((None, 20), 3, 1)
    other.set_weights(model.get_weights())
    x = np.random.default_rng(0).standard_normal((2, 49, 20)).astype(np.float32)
    np.testing.assert_allclose(model.predict(x, verbose=0), other.predict(x, verbose=0), atol=1e-6)


def test_network_is_causal_and_frame_outputs_average_to_the_clip_output():
    model = build_swishnet((None, 20), 3, 1)
    frames = frame_model(model)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((1, 60, 20)).astype(np.float32)
    y = x.copy()
    y[:, 40:] = rng.standard_normal((1, 20, 20))
    fx, fy = frames.predict(x, verbose=0), frames.predict(y, verbose=0)
    np.testing.assert_allclose(fx[:, :40], fy[:, :40], atol=1e-6)  # the future cannot change the past
    assert not np.allclose(fx[:, 40:], fy[:, 40:])
    np.testing.assert_allclose(fx.sum(axis=-1), 1.0, atol=1e-5)


def test_running_mean_subtracts_the_mean_of_the_frames_so_far_within_the_window_and_survives_saving(tmp_path):
    import keras

    from audiolab.swishnet.model import load_model

    def normalised(model, x):
        return keras.Model(model.input, model.get_layer(RUNNING_MEAN).output).predict(x, verbose=0)

    model = build_swishnet((99, 20), 3, 1, mean_frames=99)
    assert model.count_params() == 7195  # no weights added
    rng = np.random.default_rng(2)
    clip = rng.standard_normal((1, 99, 20)).astype(np.float32)
    so_far = np.cumsum(clip, axis=1) / np.arange(1, 100)[None, :, None]  # a clip: every window is the frames so far
    np.testing.assert_allclose(normalised(model, clip), clip - so_far, atol=1e-5)
    frames = frame_model(model)
    assert running_mean_frames(frames) == 99 and running_mean_frames(build_swishnet((49, 20))) == 0
    recording = rng.standard_normal((1, 150, 20)).astype(np.float32)
    window = np.lib.stride_tricks.sliding_window_view(recording[0], 99, axis=0).mean(axis=-1)  # once 99 frames exist
    np.testing.assert_allclose(normalised(frames, recording)[0, 98:], recording[0, 98:] - window, atol=1e-5)
    model.save(tmp_path / "m.keras")
    np.testing.assert_array_equal(load_model(tmp_path / "m.keras").predict(clip, verbose=0), model.predict(clip, verbose=0))


def test_a_frame_depends_on_the_running_mean_window_and_the_receptive_field_and_no_more():
    from audiolab.swishnet.segment import CONTEXT_FRAMES

    frames = frame_model(build_swishnet((199, 20), 3, 1, mean_frames=199))  # the 2 s clip: the longest window
    rng = np.random.default_rng(3)
    x = rng.standard_normal((1, 400, 20)).astype(np.float32)
    y = x.copy()
    y[:, :100] = rng.standard_normal((1, 100, 20))
    fx, fy = frames.predict(x, verbose=0), frames.predict(y, verbose=0)
    reach = 198 + 33  # frames before a frame that change it: the window, then the convolutions
    assert reach < CONTEXT_FRAMES
    assert np.array_equal(fx[:, 100 + reach:], fy[:, 100 + reach:])
    assert not np.array_equal(fx[:, 100 + reach - 1], fy[:, 100 + reach - 1])
