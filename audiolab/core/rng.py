"""Random generators that depend on the seed and an item's key only, never on processing order."""

import zlib

import numpy as np


def item_rng(seed, key):
    """A generator that depends on the seed and one item's key only, whatever the processing order."""
    return np.random.default_rng([seed, zlib.crc32(str(key).encode())])
