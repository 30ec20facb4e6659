"""The distillation teacher: an ImageNet-style 2-D CNN (Keras applications) on each clip's MFCC matrix as an image."""

import keras
import numpy as np
from keras import layers

from audiolab.core.errors import AudiolabError

LOGITS = "logits"
NETWORKS = {"MobileNet": "mobilenet", "MobileNetV2": "mobilenet_v2", "MobileNetV3Small": "mobilenet_v3"}


def _backbone(network, image_size, alpha, weights):
    """``keras.applications.<network>`` without its classifier, global-average pooled."""
    if network not in NETWORKS:
        raise AudiolabError(f"teacher.network is {network!r}; choose one of {', '.join(NETWORKS)}")
    if weights not in ("imagenet", "none"):
        raise AudiolabError(f"teacher.weights is {weights!r}; choose imagenet or none")
    builder = getattr(keras.applications, network)
    kwargs = dict(input_shape=(image_size, image_size, 3), alpha=alpha, include_top=False, pooling="avg",
                  weights=None if weights == "none" else "imagenet")
    if weights == "none":
        return builder(**kwargs)
    import socket

    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(20)  # Keras downloads the weights once; offline, fail instead of hanging
    try:
        return builder(**kwargs)
    except Exception as error:  # noqa: BLE001  (urllib, HTTP and SSL errors all mean: no weights)
        raise AudiolabError(
            f"teacher.weights is imagenet but Keras could not load the ImageNet weights of {network} "
            f"(alpha {alpha}) into ~/.keras/models ({type(error).__name__}): connect once to download them, "
            f"or set teacher.weights: none") from None
    finally:
        socket.setdefaulttimeout(previous)


def build_teacher(input_shape, classes, network="MobileNet", weights="none", alpha=0.25, image_size=64,
                  mean=0.0, variance=1.0, dropout=0.2, bn_momentum=0.99):
    """The teacher on a (frames, coefficients) clip: standardised with the training set's
    ``mean`` and ``variance``, resized to an ``image_size`` square, repeated into the three
    channels an ImageNet network expects, the ``network`` backbone with its batch-norm
    statistics updated at ``bn_momentum``, dropout, and a dense layer of class scores
    (``logits``) before the softmax."""
    clips = keras.Input(shape=input_shape)
    x = layers.Reshape(tuple(input_shape) + (1,))(clips)
    x = layers.Normalization(axis=None, mean=mean, variance=variance)(x)
    x = layers.Resizing(image_size, image_size)(x)
    x = layers.Concatenate()([x, x, x])
    backbone = _backbone(network, image_size, alpha, weights)
    for layer in backbone.layers:
        if isinstance(layer, layers.BatchNormalization):
            layer.momentum = bn_momentum
    x = backbone(x)
    x = layers.Dropout(dropout)(x)
    logits = layers.Dense(classes, name=LOGITS)(x)
    return keras.Model(clips, layers.Activation("softmax")(logits), name=f"teacher_{NETWORKS[network]}")


def teacher_logits(model, clip_file, block_clips=16384):
    """A teacher's class scores before the softmax for every clip of ``clip_file`` (all splits,
    file order): stored once, so a distillation temperature change needs no teacher run."""
    import h5py

    scores = keras.Model(model.input, model.get_layer(LOGITS).output)
    with h5py.File(clip_file, "r") as clips:
        features = clips["features"]
        return np.concatenate([scores.predict(features[start:start + block_clips], batch_size=1024, verbose=0)
                               for start in range(0, len(features), block_clips)]).astype(np.float32)
