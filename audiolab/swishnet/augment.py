"""Training-time levers on MFCC clips: masking, mixup and balancing weights. Pure functions on
numpy arrays; randomness comes in as a ``numpy.random.Generator``."""

import numpy as np

BALANCE = ("none", "class", "source")


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


def clip_augmenter(mask_frames=0, mask_coefficients=0, mixup_alpha=0.0):
    """A ``(features, targets, rng) -> (features, targets)`` function applying the masks and
    then mixup (mixup needs one-hot targets), or None when every lever is off."""
    if not (mask_frames or mask_coefficients or mixup_alpha):
        return None

    def augment(features, targets, rng):
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
    if by not in BALANCE:
        raise ValueError(f"balance must be one of {', '.join(BALANCE)}, not {by!r}")
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
