"""Forked worker processes for the matching engine: the workers inherit the object doing the
work (a product resolver, an engine and its index), so only work and results travel."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

WORKERS = 2  # at most this many processes (fewer on a machine with fewer CPUs)

_SHARED: Any = None


def worker_count(workers: int | None) -> int:
    """``workers`` as asked, or by default as many as WORKERS and the CPUs allow."""
    return max(1, min(WORKERS, os.cpu_count() or 1) if workers is None else workers)


def shared() -> Any:
    """In a worker: the object the pool was forked with."""
    assert _SHARED is not None
    return _SHARED


@contextmanager
def fork_pool(obj: Any, workers: int) -> Iterator[Any]:
    """A pool of forked workers sharing ``obj`` (None where fork is not available).  The
    workers freeze what they inherit, so that their collections never walk the index."""
    global _SHARED
    if "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    _SHARED = obj
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=gc.freeze) as pool:
            yield pool
    finally:
        _SHARED = None
