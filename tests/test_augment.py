"""Training levers on MFCC clips: time/frequency masks, mixup, balancing weights."""

import numpy as np
import pytest

from audiolab.swishnet.augment import balancing_weights, clip_augmenter, mask_time_frequency, mixup


def _clips(n=200, frames=49, coefficients=20, seed=0):
    return np.random.default_rng(seed).normal(size=(n, frames, coefficients)).astype(np.float32)


def test_masks_set_one_run_of_frames_and_one_of_coefficients_to_the_clip_mean():
    clips = _clips()
    masked = mask_time_frequency(clips, np.random.default_rng(1), max_frames=10, max_coefficients=4)
    assert masked.dtype == clips.dtype and not np.array_equal(masked, clips)
    mean = clips.mean(axis=1, keepdims=True)
    changed = masked != clips
    np.testing.assert_array_equal(masked[changed], np.broadcast_to(mean, clips.shape)[changed])
    frames_hit = changed.all(axis=2).sum(axis=1)        # frames masked across every coefficient
    coefficients_hit = changed.all(axis=1).sum(axis=1)  # coefficients masked across every frame
    assert frames_hit.max() <= 10 and coefficients_hit.max() <= 4
    assert frames_hit.max() > 5 and coefficients_hit.max() > 2  # widths are drawn up to the maximum
    np.testing.assert_array_equal(mask_time_frequency(clips, np.random.default_rng(1), 10, 4), masked)
    np.testing.assert_array_equal(mask_time_frequency(clips, np.random.default_rng(1), 0, 0), clips)


def test_mixup_blends_features_and_targets_with_the_same_weight():
    labels = np.arange(300) % 3
    targets = np.eye(3, dtype=np.float32)[labels]
    clips = np.repeat(targets[:, None, :], 5, axis=1)  # each clip spells out its own target
    mixed, mixed_targets = mixup(clips, targets, np.random.default_rng(2), alpha=0.4)
    np.testing.assert_allclose(mixed, np.repeat(mixed_targets[:, None, :], 5, axis=1), atol=1e-6)
    np.testing.assert_allclose(mixed_targets.sum(axis=1), 1, atol=1e-6)
    assert mixed_targets.dtype == np.float32 and 0 < (mixed_targets.max(axis=1) < 0.99).mean() < 1


def test_the_augmenter_is_off_when_every_lever_is():
    assert clip_augmenter(0, 0, 0) is None
    clips, targets = _clips(50), np.eye(3, dtype=np.float32)[np.arange(50) % 3]
    masked, same_targets = clip_augmenter(mask_frames=5)(clips, targets, np.random.default_rng(0))
    assert not np.array_equal(masked, clips) and same_targets is targets
    _, mixed = clip_augmenter(mixup_alpha=0.2)(clips, targets, np.random.default_rng(0))
    assert not np.array_equal(mixed, targets)


def test_balancing_gives_classes_and_sources_equal_total_weight():
    labels = np.array([0] * 70 + [1] * 20 + [2] * 10)
    sources = np.array(["a"] * 60 + ["b"] * 10 + ["c"] * 20 + ["d"] * 5 + ["e"] * 5)
    np.testing.assert_array_equal(balancing_weights(labels, sources, "none"), np.ones(100))
    by_class = balancing_weights(labels, sources, "class")
    assert by_class.mean() == pytest.approx(1)
    np.testing.assert_allclose([by_class[labels == c].sum() for c in range(3)], 100 / 3, rtol=1e-6)
    by_source = balancing_weights(labels, sources, "source")
    assert by_source.mean() == pytest.approx(1)
    np.testing.assert_allclose([by_source[sources == s].sum() for s in "ab"], 100 / 6, rtol=1e-6)
    np.testing.assert_allclose(by_source[sources == "c"].sum(), 100 / 3, rtol=1e-6)
    with pytest.raises(ValueError, match="balance must be one of"):
        balancing_weights(labels, sources, "files")
