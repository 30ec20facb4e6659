"""TensorFlow Lite export of the SwishNet clip models (TensorFlow's converter), and running the exported
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
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_content=flatbuffer, num_threads=num_threads)
    interpreter.allocate_tensors()
    return interpreter


def int8_tensors(flatbuffer):
    """Number of int8 tensors in a TFLite model."""
    return sum(detail["dtype"] == np.int8 for detail in tflite_interpreter(flatbuffer).get_tensor_details())


def tflite_predict(flatbuffer, features, batch_size=256):
    """Class probabilities of ``features`` (clips, frames, coefficients) from a TFLite model."""
    interpreter = tflite_interpreter(flatbuffer)
    source, target = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    outputs = []
    for start in range(0, len(features), batch_size):
        batch = np.ascontiguousarray(features[start:start + batch_size], dtype=np.float32)
        interpreter.resize_tensor_input(source["index"], batch.shape)
        interpreter.allocate_tensors()
        interpreter.set_tensor(source["index"], batch)
        interpreter.invoke()
        outputs.append(interpreter.get_tensor(target["index"]).copy())
    return np.concatenate(outputs)


def export_with_parity(model, test, float_tolerance=1e-5, max_accuracy_drop=0.005):
    """Float and quantised flatbuffers of ``model`` and their parity on ``test`` (features, labels).

    Returns (flatbuffers {"float", "quantised"}, metrics): the float model's largest
    absolute probability difference to Keras, each model's accuracy, the quantised
    accuracy drop, sizes in bytes, and whether each check holds (1 or 0).
    """
    features, labels = test
    reference = model.predict(features, batch_size=1024, verbose=0)
    flatbuffers = {"float": to_tflite(model), "quantised": to_tflite(model, quantise=True)}
    probabilities = {name: tflite_predict(buffer, features) for name, buffer in flatbuffers.items()}
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
        "quantised_parity_ok": int(drop <= max_accuracy_drop),
        "float_bytes": len(flatbuffers["float"]),
        "quantised_bytes": len(flatbuffers["quantised"]),
        "quantised_int8_tensors": int8_tensors(flatbuffers["quantised"]),
        "n_test": int(len(labels)),
    }
    return flatbuffers, metrics
