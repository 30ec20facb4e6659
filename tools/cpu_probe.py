#!/usr/bin/env python3
"""Cross-CPU determinism probe (self-contained; TensorFlow/Keras as pinned by the project).

Trains an emotion-style 2-D CNN (conv depths up to 1,152) and a small causal 1-D CNN for two
epochs on fixed pseudo-random data and prints a SHA-256 prefix of each model's weights.
Same hashes on two machines = identical training bytes there. Settings come from the
environment (the project's defaults are applied when unset):
  OPENBLAS_CORETYPE=Haswell ONEDNN_MAX_CPU_ISA=AVX2 TF_NUM_INTRAOP_THREADS=2 TF_ENABLE_ONEDNN_OPTS=0
Try e.g. TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL=false, or PROBE_JIT=1 (XLA).
Usage: python tools/cpu_probe.py            (prints: emotion <hash> conv1d <hash> | settings)

Measured (the project's .venv: tensorflow-cpu 2.21.0, keras 3.15.1; each line twice, same result):
| CPU (L1d per core) | settings | emotion | conv1d |
| AMD EPYC, 2 cores (32 KiB) | project defaults | 37132fae99ccc024 | 692f4b7ceb4aaf54 |
| AMD EPYC, 2 cores (32 KiB) | + TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL=false | 149546a15144d3e0 | 98627030ec3ee255 |
| AMD EPYC, 2 cores (32 KiB) | + PROBE_JIT=1 (Keras ignores jit_compile on CPU-only TF: same as without) | 37132fae99ccc024 | 692f4b7ceb4aaf54 |
| AMD EPYC, 2 cores (32 KiB), a second VM | project defaults | 37132fae99ccc024 | 692f4b7ceb4aaf54 |
| AMD EPYC, 2 cores (32 KiB), a second VM | + TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL=false | 149546a15144d3e0 | 98627030ec3ee255 |
On the same AMD machine a fresh clone's `make repro` of the demo changed the bytes of every
emotion, gender, teacher and distilled model and of two of the three MUSAN clip lengths
against the committed dvc.lock (written on an Intel Xeon, 48 KiB L1d); metrics moved within
their spread. Run this probe on your machine: if your defaults line differs from the AMD
defaults line, the probe shows the cross-CPU effect; a settings line that matches the AMD
line for that setting is a candidate for identical training bytes across CPUs.
"""
import os
for k, v in {"OPENBLAS_CORETYPE": "Haswell", "ONEDNN_MAX_CPU_ISA": "AVX2", "TF_NUM_INTRAOP_THREADS": "2",
             "TF_ENABLE_ONEDNN_OPTS": "0", "TF_CPP_MIN_LOG_LEVEL": "2"}.items():
    os.environ.setdefault(k, v)
import hashlib, random
import numpy as np
import keras
import tensorflow as tf
from keras import layers


def seed(s):
    keras.utils.clear_session()
    random.seed(s); np.random.seed(s); keras.utils.set_random_seed(s)
    tf.config.experimental.enable_op_determinism()


def digest(model):
    h = hashlib.sha256()
    for w in model.get_weights():
        h.update(np.ascontiguousarray(w).tobytes())
    return h.hexdigest()[:16]


def emotion_cnn():
    x = inp = keras.Input((40, 79, 1))
    for f in (32, 64, 128):
        x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
        x = layers.MaxPooling2D(2)(x)
        x = layers.Dropout(0.25)(x)
    x = layers.Conv2D(256, 3, padding="same", activation="relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(256, activation="relu")(x)
    return keras.Model(inp, layers.Dense(8, activation="softmax")(x))


def conv1d_net():
    x = inp = keras.Input((99, 20))
    for f, d in ((16, 1), (32, 2), (32, 4)):
        g = layers.Conv1D(f, 3, dilation_rate=d, padding="causal", activation="sigmoid")(x)
        v = layers.Conv1D(f, 3, dilation_rate=d, padding="causal", activation="tanh")(x)
        x = layers.Multiply()([g, v])
    x = layers.GlobalAveragePooling1D()(layers.Conv1D(3, 1)(x))
    return keras.Model(inp, layers.Activation("softmax")(x))


rng = np.random.default_rng(0)
data = {"emotion": (rng.standard_normal((400, 40, 79, 1)).astype("float32"), rng.integers(0, 8, 400), 50, 0.002),
        "conv1d": (rng.standard_normal((1024, 99, 20)).astype("float32"), rng.integers(0, 3, 1024), 128, 5e-4)}
jit = os.environ.get("PROBE_JIT", "0") == "1"
out = []
for name, build in (("emotion", emotion_cnn), ("conv1d", conv1d_net)):
    x, y, batch, lr = data[name]
    seed(1)
    m = build()
    m.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy", jit_compile=jit)
    m.fit(x, y, batch_size=batch, epochs=2, verbose=0, shuffle=False)
    out.append(f"{name} {digest(m)}")
keys = ("ONEDNN_MAX_CPU_ISA", "TF_NUM_INTRAOP_THREADS", "TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL", "PROBE_JIT")
print(" ".join(out), "|", " ".join(f"{k}={os.environ.get(k, '-')}" for k in keys), f"| tf {tf.__version__} keras {keras.__version__}")
