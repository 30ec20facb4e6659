"""Comparisons between two sets of runs over the same training seeds, for the research notes'
derivations (results/*/derive.py); no pipeline stage needs them."""

import statistics


def paired_differences(a, b):
    """``a - b`` seed by seed on the seeds both have (``a``, ``b``: {seed: {metric: value}}): per
    metric both give, the mean and sample standard deviation of the differences, how many seeds
    gain (``gains``) and of how many (``n``); ``seeds`` lists the seeds paired. A difference
    smaller than its spread is not an effect."""
    common = sorted(set(a) & set(b))
    if not common:
        raise ValueError("no seed in common: nothing to pair")
    keys = set.intersection(*(set(a[seed]) & set(b[seed]) for seed in common))
    out = {}
    for key in sorted(keys):
        diffs = [a[seed][key] - b[seed][key] for seed in common]
        out[key] = {"mean": statistics.mean(diffs), "std": statistics.stdev(diffs) if len(diffs) > 1 else 0.0,
                    "gains": sum(d > 0 for d in diffs), "n": len(diffs)}
    out["seeds"] = common
    return out
