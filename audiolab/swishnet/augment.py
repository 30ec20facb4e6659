"""Training-time levers: noise mixed into waveforms, and on MFCC clips random channels, masking,
mixup and balancing weights. Pure functions on numpy arrays; randomness comes in as a
``numpy.random.Generator``."""

from dataclasses import dataclass

import numpy as np

from audiolab.core.errors import check_choice
from audiolab.swishnet.mfcc import cepstral_offset

BALANCE = ("none", "class", "source")


@dataclass(frozen=True)
class NoiseMix:
    """Noisy copies of training files (params.yaml ``musan.augment.noise_*``): ``copies`` per
    training file of ``classes``, each mixed with a training noise file from a random start at
    an SNR drawn uniformly from ``snr_db``; the draws come from ``seed``."""

    copies: int
    snr_db: tuple = (0.0, 15.0)
    classes: tuple = ("music", "speech")
    seed: int = 0

    def draws(self, targets, pool):
        """(copy, target, noise, start fraction, SNR dB) for every copy of every ``targets`` entry
        (copy 1 first, then 2, ...), the noise from ``pool``."""
        rng = np.random.default_rng(self.seed)
        return [(copy, target, pool[rng.integers(len(pool))], rng.random(), rng.uniform(*self.snr_db))
                for copy in range(1, self.copies + 1) for target in targets]


def mix_at_snr(signal, noise, snr_db, start=0):
    """``signal`` plus ``noise`` scaled to ``snr_db`` below it in mean power. The noise is read
    from sample ``start`` on and wraps around to fill the signal's length; silent noise leaves the
    signal as it is."""
    if signal.size == 0 or noise.size == 0:
        return signal
    part = np.take(noise, np.arange(start, start + signal.size), mode="wrap").astype(np.float64)
    noise_power = np.mean(np.square(part))
    if noise_power == 0:
        return signal
    scale = np.sqrt(np.mean(np.square(signal, dtype=np.float64)) / noise_power * 10 ** (-snr_db / 10))
    return (signal + scale * part).astype(signal.dtype)


def _runs(rng, n, length, max_width):
    """A boolean (n, length) array with one run of 0 to ``max_width`` True values per row."""
    width = rng.integers(0, min(max_width, length) + 1, n)
    start = rng.integers(0, length - width + 1)
    index = np.arange(length)
    return (index >= start[:, None]) & (index < (start + width)[:, None])


def mask_time_frequency(features, rng, max_frames, max_coefficients):
    """SpecAugment's masks on MFCC clips (clips, frames, coefficients): in each clip one run
    of up to ``max_frames`` frames and one run of up to ``max_coefficients`` coefficients
    are set to the clip's mean over frames, which carries no time structure."""
    n, frames, coefficients = features.shape
    masked = _runs(rng, n, frames, max_frames)[:, :, None] | _runs(rng, n, coefficients, max_coefficients)[:, None, :]
    return np.where(masked, features.mean(axis=1, keepdims=True), features).astype(features.dtype)


def mixup(features, targets, rng, alpha):
    """Mixup (Zhang et al. 2018): each clip blended with a random other clip of the batch at
    weight lambda ~ Beta(alpha, alpha), and its one-hot (or soft) targets blended alike."""
    lam = rng.beta(alpha, alpha, len(features)).astype(np.float32)
    partner = rng.permutation(len(features))
    mixed = lam[:, None, None] * features + (1 - lam[:, None, None]) * features[partner]
    return mixed.astype(features.dtype), (lam[:, None] * targets + (1 - lam[:, None]) * targets[partner]).astype(targets.dtype)


CHANNEL_COSINES = 4


def random_channel(features, rng, max_db, n_mels=32):
    """Each MFCC clip (clips, frames, coefficients) as if recorded through a fixed filter of
    its own: a smooth gain over the ``n_mels`` mel bands, the sum of the first
    ``CHANNEL_COSINES`` cosines over the band axis, the k-th weighted uniformly within
    +-``max_db`` / (2 k) dB (a tilt, a bump, ...), added to every frame as its
    ``cepstral_offset``. What microphones, codecs and mastering do to a recording source."""
    band = (np.arange(n_mels) + 0.5) / n_mels
    k = np.arange(1, CHANNEL_COSINES + 1)
    weights_db = rng.uniform(-1, 1, (len(features), len(k))) * max_db / (2 * k)
    gain_db = weights_db @ np.cos(np.pi * k[:, None] * band)
    offset = cepstral_offset(gain_db * np.log(10) / 10, features.shape[2])
    return (features + offset[:, None, :]).astype(features.dtype)


def clip_augmenter(mask_frames=0, mask_coefficients=0, mixup_alpha=0.0, channel_db=0.0, n_mels=32):
    """A ``(features, targets, rng) -> (features, targets)`` function applying a random channel
    of up to ``channel_db`` (over ``n_mels`` mel bands), the masks and then mixup (mixup needs
    one-hot targets), or None when every lever is off."""
    if not (mask_frames or mask_coefficients or mixup_alpha or channel_db):
        return None

    def augment(features, targets, rng):
        if channel_db:
            features = random_channel(features, rng, channel_db, n_mels)
        if mask_frames or mask_coefficients:
            features = mask_time_frequency(features, rng, mask_frames, mask_coefficients)
        if mixup_alpha:
            features, targets = mixup(features, targets, rng, mixup_alpha)
        return features, targets

    return augment


def balancing_weights(labels, sources, by):
    """Per-clip loss weights with mean 1 over the clips. ``by`` = "none": all 1; "class":
    every class gets the same total weight; "source": the same, and within a class every
    source (a recording set) gets an equal share, so a large source cannot dominate its class."""
    check_choice("musan.balance", by, BALANCE)
    labels, sources = np.asarray(labels), np.asarray(sources)
    weights = np.ones(len(labels))
    if by != "none":
        classes = np.unique(labels)
        for label in classes:
            in_class = labels == label
            groups = np.unique(sources[in_class]) if by == "source" else [None]
            for group in groups:
                members = in_class if group is None else in_class & (sources == group)
                weights[members] = 1.0 / (len(classes) * len(groups) * members.sum())
        weights *= len(labels)
    return weights.astype(np.float32)
