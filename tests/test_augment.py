"""Training levers: noise mixing, and on MFCC clips time/frequency masks, mixup, balancing weights."""

import numpy as np
import pytest

from audiolab.swishnet.augment import (NoiseMix, balancing_weights, clip_augmenter, mask_time_frequency, mix_at_snr,
                                      mixup, random_channel)
from audiolab.swishnet.mfcc import cepstral_offset


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


def test_a_random_channel_moves_each_clip_by_a_smooth_filter_of_its_own():
    clips = _clips(300)
    moved = random_channel(clips, np.random.default_rng(3), max_db=12)
    shift = moved - clips
    assert moved.dtype == clips.dtype
    np.testing.assert_allclose(shift, shift[:, :1, :].repeat(clips.shape[1], axis=1), atol=1e-5)  # same every frame
    np.testing.assert_array_equal(shift[:, :, 0], 0)  # c0, the log energy, stays
    assert len(np.unique(shift[:, 0, 1].round(4))) == len(clips)  # a filter per clip
    # Each shift is a smooth gain over the bands: the cepstral offset of a gain within +-12 dB
    # built from the first four cosines, so it lies in their span and stays within the bound.
    band = (np.arange(32) + 0.5) / 32
    basis_db = np.cos(np.pi * np.arange(1, 5)[:, None] * band)
    basis = cepstral_offset(basis_db * np.log(10) / 10)[:, 1:]
    weights_db, residual, *_ = np.linalg.lstsq(basis.T, shift[:, 0, 1:].T.astype(np.float64), rcond=None)
    assert residual.max() < 1e-6
    assert (np.abs(weights_db.T) <= 12 / (2 * np.arange(1, 5)) + 1e-3).all() and np.abs(weights_db[0]).max() > 5
    np.testing.assert_array_equal(random_channel(clips, np.random.default_rng(3), 12), moved)
    np.testing.assert_array_equal(random_channel(clips, np.random.default_rng(3), 0), clips)


def test_the_augmenter_is_off_when_every_lever_is():
    assert clip_augmenter(0, 0, 0) is None
    clips, targets = _clips(50), np.eye(3, dtype=np.float32)[np.arange(50) % 3]
    masked, same_targets = clip_augmenter(mask_frames=5)(clips, targets, np.random.default_rng(0))
    assert not np.array_equal(masked, clips) and same_targets is targets
    moved, _ = clip_augmenter(channel_db=6)(clips, targets, np.random.default_rng(0))
    assert not np.array_equal(moved, clips)
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


@pytest.mark.parametrize("snr_db", [0.0, 7.5, 20.0])
def test_noise_is_mixed_at_the_requested_snr_from_its_start_wrapping_around(snr_db):
    rng = np.random.default_rng(0)
    signal = rng.normal(0, 0.3, 5000).astype(np.float32)
    noise = rng.uniform(-1, 1, 1200).astype(np.float32)
    mixed = mix_at_snr(signal, noise, snr_db, start=700)
    assert mixed.dtype == np.float32 and mixed.shape == signal.shape
    added = mixed.astype(np.float64) - signal
    measured = 10 * np.log10(np.mean(np.square(signal, dtype=np.float64)) / np.mean(np.square(added)))
    assert measured == pytest.approx(snr_db, abs=1e-3)
    part = np.concatenate([noise[700:], noise, noise, noise, noise])[:5000]  # the noise from 700 on, repeated
    np.testing.assert_allclose(added / part, added[0] / part[0], rtol=1e-3)


def test_silent_or_empty_noise_leaves_the_signal_unchanged():
    signal = np.linspace(-0.5, 0.5, 100, dtype=np.float32)
    for noise in (np.zeros(50, np.float32), np.zeros(0, np.float32)):
        np.testing.assert_array_equal(mix_at_snr(signal, noise, 10.0), signal)


def test_noise_draws_cover_every_copy_and_target_from_the_pool_and_follow_the_seed():
    mix = NoiseMix(copies=2, snr_db=(5.0, 10.0), seed=3)
    draws = mix.draws(targets=[0, 4, 6], pool=[1, 2])
    assert [(copy, target) for copy, target, *_ in draws] == [(1, 0), (1, 4), (1, 6), (2, 0), (2, 4), (2, 6)]
    assert all(noise in (1, 2) and 0 <= start < 1 and 5 <= snr <= 10 for _, _, noise, start, snr in draws)
    assert mix.draws([0, 4, 6], [1, 2]) == draws
    assert NoiseMix(copies=2, snr_db=(5.0, 10.0), seed=4).draws([0, 4, 6], [1, 2]) != draws
