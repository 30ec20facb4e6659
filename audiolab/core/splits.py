"""Grouped, stratified splits: no group (file, recording, actor) is ever cut."""

import numpy as np
import pandas as pd


def allocate(n_items, fractions):
    """Split ``n_items`` into counts proportional to ``fractions`` (largest remainder).

    Every part gets at least one item when there are at least as many items as parts.
    """
    fractions = np.asarray(fractions, dtype=float) / np.sum(fractions)
    exact = n_items * fractions
    counts = np.floor(exact).astype(int)
    for index in np.argsort(-(exact - counts), kind="stable")[: n_items - counts.sum()]:
        counts[index] += 1
    if n_items >= len(counts):
        while (counts == 0).any():
            counts[np.argmax(counts)] -= 1
            counts[np.argmin(counts)] += 1
    return counts


def split_groups(groups, strata, fractions, seed):
    """Assign each row to a split so that all rows of a group share it.

    ``groups`` and ``strata`` are per-row sequences; a group's stratum is taken from its
    first row. Within each stratum the groups are shuffled with ``seed`` and cut by
    ``fractions`` ({split name: fraction}). Returns the split name of every row.
    """
    table = pd.DataFrame({"group": np.asarray(groups), "stratum": np.asarray(strata)})
    per_group = table.drop_duplicates("group").sort_values(["stratum", "group"])
    rng = np.random.default_rng(seed)
    names = list(fractions)
    assignment = {}
    for _, members in per_group.groupby("stratum", sort=True):
        shuffled = members["group"].to_numpy()[rng.permutation(len(members))]
        counts = allocate(len(shuffled), list(fractions.values()))
        for name, part in zip(names, np.split(shuffled, np.cumsum(counts)[:-1])):
            assignment.update(dict.fromkeys(part, name))
    return table["group"].map(assignment).to_numpy()
