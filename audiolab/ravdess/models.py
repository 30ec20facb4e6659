"""The RAVDESS networks on the shared log-mel input (n_mels, frames).

Both models start with a fixed Normalization layer holding the training set's mean and
variance, so a saved model takes raw log-mel inputs and single-file prediction needs
nothing but the model file.
"""

import keras
from keras import layers

GENDER_INPUT = "gender"


def build_emotion_cnn(input_shape, classes=8, dropout=0.25, mean=0.0, variance=1.0, fused=False):
    """Emotion CNN: 3 x 3 convolutions of 32, 64, 128 filters each followed by 2 x 2
    max-pooling and dropout, one of 256 filters, global average pooling, a 256-unit dense
    layer with dropout, softmax.

    455,688 parameters for 8 classes (any input size: the pooling is global). With ``fused`` the model takes a
    second input, ``gender`` (the gender model's probability of a male speaker),
    concatenated with the pooled convolutional features before the dense layer.
    """
    mel = keras.Input(shape=input_shape, name="mel")
    x = layers.Reshape(input_shape + (1,))(mel)
    x = layers.Normalization(axis=None, mean=mean, variance=variance)(x)
    for filters in (32, 64, 128):
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        x = layers.MaxPooling2D(2)(x)
        x = layers.Dropout(dropout)(x)
    x = layers.Conv2D(256, 3, padding="same", activation="relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    inputs = [mel]
    if fused:
        gender = keras.Input(shape=(1,), name=GENDER_INPUT)
        inputs.append(gender)
        x = layers.Concatenate()([x, gender])
    x = layers.Dense(256, activation="relu")(x)
    x = layers.Dropout(dropout)(x)
    outputs = layers.Dense(classes, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="emotion_cnn_fused" if fused else "emotion_cnn")


def build_gender_cnn(input_shape, dense_units=256, dropout=0.5, filters=32, mean=0.0, variance=1.0):
    """Gender CNN as in the study: Conv2D + ReLU, max-pool, dense + dropout, flatten, sigmoid (male)."""
    mel = keras.Input(shape=input_shape, name="mel")
    x = layers.Reshape(input_shape + (1,))(mel)
    x = layers.Normalization(axis=None, mean=mean, variance=variance)(x)
    x = layers.Conv2D(filters, 3, activation="relu")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Dense(dense_units, activation="relu")(x)
    x = layers.Dropout(dropout)(x)
    x = layers.Flatten()(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(mel, outputs, name="gender_cnn")
