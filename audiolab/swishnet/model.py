"""SwishNet (Hussain & Haque 2018), as the public Keras reference i7p9h9/swishnet builds it.

A tiny fully convolutional, causal 1-D CNN over MFCC frames. Layers are created in the
reference's order (in each gated convolution the sigmoid branch before the tanh branch),
so ``model.get_weights()`` lines up with the reference and weights transfer both ways.
"""

import keras
from keras import layers

FRAME_LOGITS = "frame_logits"
RUNNING_MEAN = "running_mean"


def gated_causal_conv(x, filters, kernel_size, dilation_rate=1, name=None):
    """sigmoid(conv(x)) * tanh(conv(x)): two causal Conv1D of ``filters // 2`` each, named
    ``<name>_gate`` and ``<name>_value``."""
    gate = layers.Conv1D(filters // 2, kernel_size, dilation_rate=dilation_rate, padding="causal", name=f"{name}_gate")(x)
    gate = layers.Activation("sigmoid")(gate)
    value = layers.Conv1D(filters // 2, kernel_size, dilation_rate=dilation_rate, padding="causal",
                          name=f"{name}_value")(x)
    value = layers.Activation("tanh")(value)
    return layers.Multiply()([gate, value])


@keras.saving.register_keras_serializable(package="audiolab")
class RunningMeanSubtraction(layers.Layer):
    """Causal cepstral mean normalisation: each frame minus the mean of the frames of the
    ``frames``-long window ending at it, counting only frames that exist (from the start of
    the input, the first frame is always 0). No weights; exported as PAD, AVERAGE_POOL_2D,
    DIV (MUL in a fixed-length int8 model) and SUB."""

    def __init__(self, frames, **kwargs):
        super().__init__(**kwargs)
        self.frames = frames

    def call(self, x):
        from keras import ops

        def window_sum(values):  # divided by ``frames``, which cancels below
            padded = ops.pad(values, [[0, 0], [self.frames - 1, 0], [0, 0]])
            return ops.average_pool(padded, self.frames, strides=1, padding="valid")

        return x - window_sum(x) / window_sum(ops.ones_like(x[..., :1]))

    def get_config(self):
        return {**super().get_config(), "frames": self.frames}


def running_mean_frames(model):
    """The window of a SwishNet's ``RunningMeanSubtraction``, in frames; 0 without one."""
    return next((layer.frames for layer in model.layers if isinstance(layer, RunningMeanSubtraction)), 0)


def load_model(path):
    """``keras.models.load_model`` with SwishNet's ``RunningMeanSubtraction`` registered (by
    this module's import)."""
    return keras.models.load_model(path)


def build_swishnet(input_shape=(None, 20), classes=3, width=1, mean_frames=0):
    """SwishNet: 7,195 parameters for width 1 and 3 classes, 22,451 for width 2.

    ``input_shape`` is (frames, coefficients); frames may be None, since the network is
    fully convolutional. The layer named ``frame_logits`` holds per-frame class scores
    before global average pooling: the basis of frame-wise segmentation. Each gated
    convolution is named after its block (``block1_k3``, ..., ``loop4``). With
    ``mean_frames`` the input first goes through ``RunningMeanSubtraction`` over that many
    frames (not in the paper; it adds no weights).
    """
    w = width
    inputs = keras.Input(shape=input_shape)
    x = RunningMeanSubtraction(mean_frames, name=RUNNING_MEAN)(inputs) if mean_frames else inputs

    def side_by_side(x, filters, block):
        return layers.Concatenate()([gated_causal_conv(x, filters, 3, name=f"{block}_k3"),
                                     gated_causal_conv(x, filters, 6, name=f"{block}_k6")])

    # blocks 1-3: two kernel lengths side by side
    x = side_by_side(x, 16 * w, "block1")
    x = side_by_side(x, 8 * w, "block2")
    block3 = side_by_side(x, 8 * w, "block3")
    x = layers.Add()([x, block3])

    # blocks 4-6: dilated residual loops
    loop1 = gated_causal_conv(x, 16 * w, 3, dilation_rate=3, name="loop1")
    x = layers.Add()([x, loop1])
    loop2 = gated_causal_conv(x, 16 * w, 3, dilation_rate=2, name="loop2")
    x = layers.Add()([x, loop2])
    loop3 = gated_causal_conv(x, 16 * w, 3, dilation_rate=2, name="loop3")
    x = layers.Add()([x, loop3])

    # blocks 7-8 both read block 6's sum
    forward = gated_causal_conv(x, 16 * w, 3, dilation_rate=2, name="forward")
    loop4 = gated_causal_conv(x, 32 * w, 3, dilation_rate=2, name="loop4")

    x = layers.Concatenate()([loop2, loop3, forward, loop4])
    x = layers.Conv1D(classes, 1, name=FRAME_LOGITS)(x)
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Activation("softmax")(x)
    return keras.Model(inputs, outputs, name=f"swishnet_w{width}")


def frame_model(model):
    """The same weights on inputs of any length, returning per-frame class probabilities (frames, classes)."""
    first_conv = next(layer for layer in model.layers if isinstance(layer, layers.Conv1D))
    classes = model.get_layer(FRAME_LOGITS).filters
    any_length = build_swishnet((None, model.input.shape[-1]), classes, width=first_conv.filters // 8,
                                mean_frames=running_mean_frames(model))
    any_length.set_weights(model.get_weights())
    logits = any_length.get_layer(FRAME_LOGITS).output
    return keras.Model(any_length.input, layers.Softmax()(logits), name=f"{model.name}_frames")
