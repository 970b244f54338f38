"""Nearest canary vectors for a batch of windows.

Exact search (one matrix product) is fast and simple for the corpora most teams register;
larger indexes are served by an approximate index chosen automatically above
:data:`EXACT_MAX` vectors.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

#: Above this many vectors an approximate index is used (when one is installed).
EXACT_MAX = 50_000


class Search(Protocol):
    def top(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, rows)``, each ``[len(queries), k]``, best first."""
        ...


class ExactSearch:
    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    def top(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        n = len(self.vectors)
        if n == 0 or len(queries) == 0:
            empty = np.zeros((len(queries), 0))
            return empty.astype(np.float32), empty.astype(np.int64)
        k = min(k, n)
        sims = queries @ self.vectors.T
        if k < n:
            part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        else:
            part = np.tile(np.arange(n), (len(queries), 1))
        scores = np.take_along_axis(sims, part, axis=1)
        order = np.argsort(-scores, axis=1)
        return np.take_along_axis(scores, order, axis=1), np.take_along_axis(part, order, axis=1)


def searcher(vectors: np.ndarray) -> Search:
    return ExactSearch(vectors)
