"""One BLAS thread for the clusterer's matrix products, which run between placements in the main process.

numpy hands a product of more than about 900 centroid rows to OpenBLAS's threads (the index of every story, which
an undated article searches, passes that early in a long stream). Those threads wait for each other between the
thousands of small products of a run: measured on a shared 2-core machine, one search of 2,000 rows cost 3.7 ms of
CPU with the threads against 0.09 ms in one thread, 9,000 rows 6.9 against 1.0 ms (`docs/scale.md`, session 15).
The result of a product is the same: each row's sum is computed alike whatever thread computes it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

try:
    from threadpoolctl import ThreadpoolController
except ImportError:  # pragma: no cover  (a dependency; without it the products run as numpy starts them)
    ThreadpoolController = None

_controller: Any = None


def one_thread() -> AbstractContextManager[Any]:
    """A context in which numpy's BLAS runs in this thread only (the process's setting again after it)."""
    global _controller
    if ThreadpoolController is None:
        return nullcontext()
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller.limit(limits=1, user_api="blas")
