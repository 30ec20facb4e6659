import numpy as np
import pytest

from audiolab.swishnet.model import build_swishnet, frame_model


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
