"""One function over many items on every core this process may use, results in input order."""

import multiprocessing
import os

from tqdm import tqdm


def available_cores():
    """Cores this process may run on (its CPU affinity, which may be fewer than the machine has)."""
    return len(os.sched_getaffinity(0))


def map_ordered(function, jobs, desc, workers=None, chunksize=1):
    """Yield ``function(job)`` for every job in order, computed by a pool of forked workers
    (default: ``available_cores()``), with a progress bar labelled ``desc``.

    Results come in input order, so whatever consumes them writes the same output for
    any worker count.
    """
    with multiprocessing.get_context("fork").Pool(workers or available_cores()) as pool:
        yield from tqdm(pool.imap(function, jobs, chunksize=chunksize), total=len(jobs), desc=desc, unit="file")
