"""Knowledge distillation (Hinton et al. 2015): a SwishNet student trained on a teacher's softened outputs."""

import keras
import numpy as np
from keras import ops


def distillation_targets(labels, teacher_logits, classes):
    """Per clip, the one-hot label followed by the teacher's class scores: what ``DistillationLoss`` reads."""
    return np.concatenate([np.eye(classes, dtype=np.float32)[labels], teacher_logits.astype(np.float32)], axis=1)


class DistillationLoss(keras.losses.Loss):
    """``weight`` x T² x cross-entropy between the teacher's and the student's softmax at
    temperature T, plus (1 - ``weight``) x cross-entropy with the true label. Targets are
    ``distillation_targets`` rows; predictions are the student's class scores (logits). The
    T² keeps the soft term's gradients on the scale of the hard one's (Hinton et al.)."""

    def __init__(self, temperature, weight, classes, name="distillation"):
        super().__init__(name=name)
        self.temperature, self.weight, self.classes = float(temperature), float(weight), classes

    def call(self, y_true, y_pred):
        labels, teacher = y_true[:, :self.classes], y_true[:, self.classes:]
        hard = keras.losses.categorical_crossentropy(labels, y_pred, from_logits=True)
        soft_targets = ops.softmax(teacher / self.temperature, axis=-1)
        soft = keras.losses.categorical_crossentropy(soft_targets, y_pred / self.temperature, from_logits=True)
        return self.weight * self.temperature ** 2 * soft + (1 - self.weight) * hard


def label_accuracy(classes):
    """Accuracy of class scores against the one-hot labels at the front of ``distillation_targets`` rows."""

    def accuracy(y_true, y_pred):
        return ops.cast(ops.argmax(y_true[:, :classes], axis=-1) == ops.argmax(y_pred, axis=-1), "float32")

    return accuracy


def class_scores(student):
    """A SwishNet's class scores before the softmax (its pooled frame logits), sharing its layers."""
    return keras.Model(student.input, student.layers[-1].input, name=f"{student.name}_scores")
