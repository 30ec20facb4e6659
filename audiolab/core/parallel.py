"""One function over many items on every core this process may use, results in input order."""

import ctypes
import multiprocessing
import os

from tqdm import tqdm

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters


def available_cores():
    """Cores this process may run on (its CPU affinity, which may be fewer than the machine has)."""
    return len(os.sched_getaffinity(0))


def _worker_settings():
    """Settings for workers that share the cores and allocate and free arrays of a few MiB:

    - one BLAS thread each: a thread pool in each would oversubscribe the cores (twice the
      CPU time for the feature stage's matrix products on 2 cores);
    - glibc keeps freed blocks of up to 32 MiB for reuse instead of returning them to the
      system, where each fresh page costs a page fault (a third of the feature stage's time).
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc
        return
    libc.mallopt(M_MMAP_THRESHOLD, 32 * 2 ** 20)
    libc.mallopt(M_TRIM_THRESHOLD, 256 * 2 ** 20)


def map_ordered(function, jobs, desc, workers=None, chunksize=1):
    """Yield ``function(job)`` for every job in order, computed by a pool of forked workers
    (default: ``available_cores()``; see ``_worker_settings``), with a progress bar labelled
    ``desc``.

    Results come in input order, so whatever consumes them writes the same output for
    any worker count.
    """
    with multiprocessing.get_context("fork").Pool(workers or available_cores(), _worker_settings) as pool:
        yield from tqdm(pool.imap(function, jobs, chunksize=chunksize), total=len(jobs), desc=desc, unit="file")
