"""TensorFlow Lite export of SwishNet (TensorFlow's converter): the float clip model, a full-integer int8
clip model for embedded use, the float frame model the segmenter runs; and running them (LiteRT)."""

import numpy as np

# The fused graph (``fused_swishnet``): per convolution, the gated pairs it computes, its kernel length and
# dilation. A shorter kernel fused into a longer one takes its last taps (the convolutions are causal).
FUSED_CONVOLUTIONS = {
    "block1": (("block1_k3", "block1_k6"), 6, 1),
    "block2": (("block2_k3", "block2_k6"), 6, 1),
    "block3": (("block3_k3", "block3_k6"), 6, 1),
    "loop1": (("loop1",), 3, 3),
    "loop2": (("loop2",), 3, 2),
    "loop3": (("loop3",), 3, 2),
    "blocks7_8": (("forward", "loop4"), 3, 2),
}


def _fused_gated_conv(model, x, name):
    """One causal 2-D convolution over a (1, frames) image computing the gated convolutions
    ``FUSED_CONVOLUTIONS[name]`` of ``model`` at once: gate outputs first, then values, so that
    sigmoid(first half) * tanh(second half) is their concatenation."""
    from keras import layers, ops

    pairs, kernel, dilation = FUSED_CONVOLUTIONS[name]
    parts = {"gate": [], "value": []}
    for pair in pairs:
        for part, store in parts.items():
            weights, bias = model.get_layer(f"{pair}_{part}").get_weights()
            store.append((np.pad(weights, ((kernel - len(weights), 0), (0, 0), (0, 0))), bias))
    kernels, biases = zip(*parts["gate"], *parts["value"])
    kernels = np.concatenate(kernels, axis=-1)
    padded = layers.ZeroPadding2D(((0, 0), ((kernel - 1) * dilation, 0)))(x)
    conv = layers.Conv2D(kernels.shape[-1], (1, kernel), dilation_rate=(1, dilation), name=name)
    gate, value = ops.split(conv(padded), 2, axis=-1)
    conv.set_weights([kernels[None], np.concatenate(biases)])
    return layers.Multiply()([layers.Activation("sigmoid")(gate), layers.Activation("tanh")(value)])


def fused_swishnet(model, frames=False, batch_size=None):
    """SwishNet ``model`` re-expressed with the same weights and function for export: 8
    convolutions instead of 23 (each gated pair as one, blocks 1-3's two kernel lengths as
    one, blocks 7-8 as one), 2-D over a (1, frames) image so that no reshape surrounds each;
    a ``RunningMeanSubtraction`` in front stays as it is.

    ``frames``: per-frame class probabilities for inputs of any length (the segmenter's
    model) instead of the clip's. ``batch_size``: a fixed batch (1 for the int8 model, whose
    shapes are then all static)."""
    import keras
    from keras import layers

    from audiolab.swishnet.model import FRAME_LOGITS, RunningMeanSubtraction, running_mean_frames

    coefficients = model.input.shape[-1]
    inputs = keras.Input((None if frames else model.input.shape[1], coefficients), batch_size=batch_size)
    mean_frames = running_mean_frames(model)
    x = RunningMeanSubtraction(mean_frames)(inputs) if mean_frames else inputs
    x = layers.Reshape((1, -1, coefficients))(x)
    x = _fused_gated_conv(model, x, "block1")
    x = _fused_gated_conv(model, x, "block2")
    x = layers.Add()([x, _fused_gated_conv(model, x, "block3")])
    loops = []
    for name in ("loop1", "loop2", "loop3"):
        loops.append(_fused_gated_conv(model, x, name))
        x = layers.Add()([x, loops[-1]])
    x = layers.Concatenate()([loops[1], loops[2], _fused_gated_conv(model, x, "blocks7_8")])
    weights, bias = model.get_layer(FRAME_LOGITS).get_weights()
    logits_conv = layers.Conv2D(len(bias), 1)
    logits = logits_conv(x)
    logits_conv.set_weights([weights[None], bias])
    if frames:
        outputs = layers.Softmax()(layers.Reshape((-1, len(bias)))(logits))
    else:
        outputs = layers.Activation("softmax")(layers.GlobalAveragePooling2D()(logits))
    return keras.Model(inputs, outputs, name=f"{model.name}_fused")


def to_tflite(model):
    """The model as a float TFLite flatbuffer (bytes)."""
    import tensorflow as tf

    return tf.lite.TFLiteConverter.from_keras_model(model).convert()


def to_int8_tflite(model, representative):
    """A full-integer TFLite flatbuffer of ``fused_swishnet(model, batch_size=1)``: int8 weights,
    activations, input and output, calibrated on ``representative`` (clips like the
    input), one scale per tensor, without tensor names or signatures (what a
    microcontroller runtime needs, and no more)."""
    import tensorflow as tf
    from tensorflow.lite.tools import flatbuffer_utils

    converter = tf.lite.TFLiteConverter.from_keras_model(fused_swishnet(model, batch_size=1))
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.representative_dataset = lambda: ([clip[None].astype(np.float32)] for clip in representative)
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = converter.inference_output_type = tf.int8
    # Per-channel scales would take 3.7 KB of the 22 KB budget; the accuracy drop is checked instead.
    converter._experimental_disable_per_channel = True
    flatbuffer = flatbuffer_utils.convert_bytearray_to_object(bytearray(converter.convert()))
    flatbuffer_utils.strip_strings(flatbuffer)
    return bytes(flatbuffer_utils.convert_object_to_bytearray(flatbuffer))


def tflite_interpreter(flatbuffer, num_threads=1):
    """An allocated LiteRT interpreter (the ``ai-edge-litert`` package, which replaces the deprecated
    ``tf.lite.Interpreter`` and runs without importing TensorFlow)."""
    import os

    from ai_edge_litert.interpreter import Interpreter

    # LiteRT's C++ logger prints "INFO: Created TensorFlow Lite XNNPACK delegate for CPU." straight to
    # file descriptor 2 and has no Python switch; the interpreter is built with that descriptor muted.
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            interpreter = Interpreter(model_content=flatbuffer, num_threads=num_threads)
            interpreter.allocate_tensors()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    return interpreter


class LiteRTModel:
    """An exported model run by LiteRT, with the ``predict`` and ``output_shape`` of a Keras model
    (what evaluation and the segmenter use), for inputs of any batch size and frame count.
    An int8 model's input is quantised and its output dequantised with the model's own
    scales; a model with a fixed batch of 1 is run one item at a time."""

    def __init__(self, flatbuffer, num_threads=1):
        self.interpreter = tflite_interpreter(flatbuffer, num_threads)
        self.source, target = self.interpreter.get_input_details()[0], self.interpreter.get_output_details()[0]
        self.output_shape = tuple(int(n) for n in target["shape_signature"])
        self.target = target
        self.fixed_batch = int(self.source["shape_signature"][0]) == 1
        self.shape = tuple(self.source["shape"])

    @classmethod
    def load(cls, path, num_threads=1):
        """The model of a ``.tflite`` file; FileNotFoundError saying how to build it if it is missing."""
        from pathlib import Path

        if not Path(path).is_file():
            raise FileNotFoundError(f"no exported model at {path}: run `make repro` (or `dvc repro`) first")
        return cls(Path(path).read_bytes(), num_threads)

    def _run(self, batch):
        if batch.shape != self.shape:
            self.interpreter.resize_tensor_input(self.source["index"], batch.shape)
            self.interpreter.allocate_tensors()
            self.shape = batch.shape
        if self.source["dtype"] == np.int8:
            scale, zero_point = self.source["quantization"]
            batch = np.clip(np.round(batch / scale + zero_point), -128, 127).astype(np.int8)
        self.interpreter.set_tensor(self.source["index"], batch)
        self.interpreter.invoke()
        output = self.interpreter.get_tensor(self.target["index"])
        if self.target["dtype"] == np.int8:
            scale, zero_point = self.target["quantization"]
            return (output.astype(np.float32) - zero_point) * scale
        return output.copy()

    def predict(self, inputs, batch_size=256, verbose=0):
        """Outputs of ``inputs`` (items, ...), ``batch_size`` items at a time."""
        inputs = np.ascontiguousarray(inputs, dtype=np.float32)
        batch_size = 1 if self.fixed_batch else batch_size
        return np.concatenate([self._run(inputs[start:start + batch_size])
                               for start in range(0, len(inputs), batch_size)])


def frames_parity(keras_frames, flatbuffer, features, sequence_clips=20):
    """Largest absolute probability difference between a Keras frame model and its export on one
    long sequence: the first ``sequence_clips`` test clips end to end."""
    sequence = np.concatenate(list(features[:sequence_clips]))[None]
    reference = keras_frames.predict(sequence, verbose=0)
    return float(np.abs(LiteRTModel(flatbuffer).predict(sequence) - reference).max())


def export_with_parity(model, test, representative, float_tolerance=1e-5, max_accuracy_drop=0.005,
                       max_int8_bytes=22528):
    """The float clip model, the int8 clip model (``to_int8_tflite``, calibrated on
    ``representative`` clips) and the float frame model of ``model``, and their checks on
    ``test`` (features, labels).

    The frame model (``fused_swishnet(model, frames=True)``: per-frame probabilities for inputs
    of any length) is what the command line's segmenter runs; it is checked against Keras'
    ``swishnet.model.frame_model``. Returns (flatbuffers {"float", "int8", "frames"},
    metrics {"keras": ..., "float": ..., "int8": ..., "frames": ..., "n_test"}): per model
    its accuracy, size in bytes, largest absolute probability difference to Keras (float
    models) or accuracy drop (int8), and whether each check holds (1 or 0).
    """
    from audiolab.swishnet.model import frame_model

    features, labels = test
    reference = model.predict(features, batch_size=1024, verbose=0)
    flatbuffers = {"float": to_tflite(model), "int8": to_int8_tflite(model, representative),
                   "frames": to_tflite(fused_swishnet(model, frames=True))}
    probabilities = {name: LiteRTModel(flatbuffers[name]).predict(features) for name in ("float", "int8")}
    frames_diff = frames_parity(frame_model(model), flatbuffers["frames"], features)
    accuracy = {name: float(np.mean(p.argmax(axis=1) == labels)) for name, p in probabilities.items()}
    keras_accuracy = float(np.mean(reference.argmax(axis=1) == labels))
    float_diff = float(np.abs(probabilities["float"] - reference).max())
    drop = keras_accuracy - accuracy["int8"]
    metrics = {
        "keras": {"accuracy": keras_accuracy},
        "float": {"accuracy": accuracy["float"], "bytes": len(flatbuffers["float"]),
                  "max_probability_difference": float_diff, "parity_ok": int(float_diff <= float_tolerance)},
        "int8": {"accuracy": accuracy["int8"], "bytes": len(flatbuffers["int8"]), "accuracy_drop": drop,
                 "parity_ok": int(drop <= max_accuracy_drop), "size_ok": int(len(flatbuffers["int8"]) <= max_int8_bytes)},
        "frames": {"bytes": len(flatbuffers["frames"]), "max_probability_difference": frames_diff,
                   "parity_ok": int(frames_diff <= float_tolerance)},
        "n_test": int(len(labels)),
        "n_representative": int(len(representative)),
    }
    return flatbuffers, metrics
