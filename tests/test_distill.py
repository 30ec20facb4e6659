"""Distillation: the teacher network, its stored class scores, the Hinton loss, the side-by-side scores."""

import h5py
import keras
import numpy as np
import pytest

from audiolab.core.errors import AudiolabError
from audiolab.swishnet.distill import DistillationLoss, class_scores, distillation_targets, label_accuracy
from audiolab.swishnet.teacher import build_teacher, teacher_logits


def _cross_entropy(targets, logits):
    logits = logits - logits.max(axis=1, keepdims=True)
    log_softmax = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return -(targets * log_softmax).sum(axis=1)


def _softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_the_loss_mixes_the_labels_and_the_softened_teacher_as_hinton_does():
    rng = np.random.default_rng(0)
    labels, teacher, student = rng.integers(0, 3, 16), rng.normal(size=(16, 3)), rng.normal(size=(16, 3))
    targets = distillation_targets(labels, teacher, 3)
    assert targets.shape == (16, 6) and (targets[:, :3].argmax(axis=1) == labels).all()
    hard = _cross_entropy(np.eye(3)[labels], student)
    soft = _cross_entropy(_softmax(teacher / 4), student / 4)
    for weight in (0.0, 0.7, 1.0):
        loss = DistillationLoss(4.0, weight, 3)(targets, student.astype(np.float32))
        assert float(loss) == pytest.approx(np.mean(weight * 16 * soft + (1 - weight) * hard), rel=1e-5)
    accuracy = np.asarray(label_accuracy(3)(targets, student.astype(np.float32)))
    np.testing.assert_array_equal(accuracy, student.argmax(axis=1) == labels)


def test_a_student_learns_from_soft_targets_alone():
    from audiolab.core.training import set_seed
    from audiolab.swishnet.model import build_swishnet

    rng = np.random.default_rng(1)
    labels = rng.integers(0, 3, 384)
    x = (rng.normal(size=(384, 20, 20)) + 1.5 * labels[:, None, None] * np.eye(20)[None, :1, :]).astype(np.float32)
    teacher = 4 * np.eye(3)[labels]  # a teacher that knows the labels
    wrong = np.zeros_like(labels)  # labels the loss must ignore with weight 1
    set_seed(1)
    student = build_swishnet((20, 20))
    scores = class_scores(student)
    np.testing.assert_allclose(keras.ops.softmax(scores.predict(x[:4], verbose=0)), student.predict(x[:4], verbose=0),
                               atol=1e-6)
    scores.compile(keras.optimizers.Adam(1e-2), DistillationLoss(2.0, 1.0, 3), metrics=[label_accuracy(3)])
    scores.fit(x, distillation_targets(wrong, teacher, 3), epochs=15, batch_size=64, verbose=0)
    assert np.mean(student.predict(x, verbose=0).argmax(axis=1) == labels) > 0.9


def test_the_teacher_takes_clips_and_its_scores_are_stored_for_every_clip(tmp_path):
    model = build_teacher((49, 20), 3, "MobileNet", "none", alpha=0.25, image_size=32)
    clips = np.random.default_rng(2).normal(size=(10, 49, 20)).astype(np.float32)
    probabilities = model.predict(clips, verbose=0)
    assert probabilities.shape == (10, 3)
    with h5py.File(tmp_path / "clips.h5", "w") as h5:
        h5.create_dataset("features", data=clips)
    logits = teacher_logits(model, tmp_path / "clips.h5", block_clips=4)
    np.testing.assert_allclose(_softmax(logits), probabilities, atol=1e-5)


def test_missing_imagenet_weights_give_one_clear_error(monkeypatch):
    def offline(**kwargs):
        from urllib.error import URLError

        raise URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(keras.applications, "MobileNet", offline)
    with pytest.raises(AudiolabError, match="could not load the ImageNet weights.*teacher.weights: none"):
        build_teacher((49, 20), 3, "MobileNet", "imagenet")
    with pytest.raises(AudiolabError, match="teacher.network"):
        build_teacher((49, 20), 3, "ResNet", "none")
