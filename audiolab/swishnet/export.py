"""TensorFlow Lite export of the SwishNet clip and frame models (TensorFlow's converter), and running the exported
models (LiteRT)."""

import numpy as np


def to_tflite(model, quantise=False):
    """The model as a TFLite flatbuffer (bytes); ``quantise`` applies dynamic-range quantisation
    (int8 weights, float activations).

    The converter only quantises weight tensors of at least 1,024 elements: slim
    SwishNet's largest kernel has 768 (3 x 16 x 16), so for width 1 the "quantised"
    model is the float one; ``int8_tensors`` shows how many tensors were quantised.
    """
    import tensorflow as tf

    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if quantise:
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
    return converter.convert()


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


def int8_tensors(flatbuffer):
    """Number of int8 tensors in a TFLite model."""
    return sum(detail["dtype"] == np.int8 for detail in tflite_interpreter(flatbuffer).get_tensor_details())


class LiteRTModel:
    """An exported model run by LiteRT, with the ``predict`` and ``output_shape`` of a Keras model
    (what evaluation and the segmenter use), for inputs of any batch size and frame count."""

    def __init__(self, flatbuffer, num_threads=1):
        self.interpreter = tflite_interpreter(flatbuffer, num_threads)
        self.source = self.interpreter.get_input_details()[0]["index"]
        target = self.interpreter.get_output_details()[0]
        self.target, self.output_shape = target["index"], tuple(int(n) for n in target["shape_signature"])
        self.shape = None

    @classmethod
    def load(cls, path, num_threads=1):
        """The model of a ``.tflite`` file; FileNotFoundError saying how to build it if it is missing."""
        from pathlib import Path

        if not Path(path).is_file():
            raise FileNotFoundError(f"no exported model at {path}: run `make repro` (or `dvc repro`) first")
        return cls(Path(path).read_bytes(), num_threads)

    def _run(self, batch):
        if batch.shape != self.shape:
            self.interpreter.resize_tensor_input(self.source, batch.shape)
            self.interpreter.allocate_tensors()
            self.shape = batch.shape
        self.interpreter.set_tensor(self.source, batch)
        self.interpreter.invoke()
        return self.interpreter.get_tensor(self.target).copy()

    def predict(self, inputs, batch_size=256, verbose=0):
        """Outputs of ``inputs`` (items, ...), ``batch_size`` items at a time."""
        inputs = np.ascontiguousarray(inputs, dtype=np.float32)
        return np.concatenate([self._run(inputs[start:start + batch_size])
                               for start in range(0, len(inputs), batch_size)])


def frames_parity(keras_frames, flatbuffer, features, sequence_clips=20):
    """Largest absolute probability difference between a Keras frame model and its export on one
    long sequence: the first ``sequence_clips`` test clips end to end."""
    sequence = np.concatenate(list(features[:sequence_clips]))[None]
    reference = keras_frames.predict(sequence, verbose=0)
    return float(np.abs(LiteRTModel(flatbuffer).predict(sequence) - reference).max())


def export_with_parity(model, test, float_tolerance=1e-5, max_accuracy_drop=0.005):
    """Float, quantised and frame-model flatbuffers of ``model`` and their parity on ``test``
    (features, labels).

    The frame model (``swishnet.model.frame_model``: per-frame probabilities for inputs of
    any length) is what the command line's segmenter runs. Returns (flatbuffers {"float",
    "quantised", "frames"}, metrics): the float clip and frame models' largest absolute
    probability differences to Keras, each clip model's accuracy, the quantised accuracy
    drop, sizes in bytes, and whether each check holds (1 or 0).
    """
    from audiolab.swishnet.model import frame_model

    features, labels = test
    reference = model.predict(features, batch_size=1024, verbose=0)
    keras_frames = frame_model(model)
    flatbuffers = {"float": to_tflite(model), "quantised": to_tflite(model, quantise=True),
                   "frames": to_tflite(keras_frames)}
    probabilities = {name: LiteRTModel(flatbuffers[name]).predict(features) for name in ("float", "quantised")}
    frames_diff = frames_parity(keras_frames, flatbuffers["frames"], features)
    keras_accuracy = float(np.mean(reference.argmax(axis=1) == labels))
    accuracy = {name: float(np.mean(p.argmax(axis=1) == labels)) for name, p in probabilities.items()}
    max_diff = float(np.abs(probabilities["float"] - reference).max())
    drop = keras_accuracy - accuracy["quantised"]
    metrics = {
        "keras_accuracy": keras_accuracy,
        "float_accuracy": accuracy["float"],
        "quantised_accuracy": accuracy["quantised"],
        "float_max_probability_difference": max_diff,
        "quantised_accuracy_drop": drop,
        "float_parity_ok": int(max_diff <= float_tolerance),
        "frames_max_probability_difference": frames_diff,
        "frames_parity_ok": int(frames_diff <= float_tolerance),
        "frames_bytes": len(flatbuffers["frames"]),
        "quantised_parity_ok": int(drop <= max_accuracy_drop),
        "float_bytes": len(flatbuffers["float"]),
        "quantised_bytes": len(flatbuffers["quantised"]),
        "quantised_int8_tensors": int8_tensors(flatbuffers["quantised"]),
        "n_test": int(len(labels)),
    }
    return flatbuffers, metrics
