"""Nearest canary vectors for a batch of windows.

Exact search (one matrix product) is fast and simple for the corpora most teams register;
larger indexes are served by an approximate index (usearch's HNSW graph) chosen
automatically above :data:`EXACT_MAX` vectors. Its candidates are rescored against the
float32 vectors, so the scores it returns are exact cosines either way.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

#: Above this many vectors an approximate index is used (when one is installed).
EXACT_MAX = 50_000

_warned = False


class Search(Protocol):
    def top(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, rows)``, each ``[len(queries), k]``, best first."""
        ...


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _empty(q: int) -> tuple[np.ndarray, np.ndarray]:
    return np.zeros((q, 0), dtype=np.float32), np.zeros((q, 0), dtype=np.int64)


class ExactSearch:
    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    def top(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        n = len(self.vectors)
        if n == 0 or len(queries) == 0:
            return _empty(len(queries))
        k = min(k, n)
        sims = queries @ self.vectors.T
        if k < n:
            part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        else:
            part = np.tile(np.arange(n), (len(queries), 1))
        scores = np.take_along_axis(sims, part, axis=1)
        order = np.argsort(-scores, axis=1)
        return np.take_along_axis(scores, order, axis=1), np.take_along_axis(part, order, axis=1)


class ApproximateSearch:
    """An HNSW graph over the vectors (inner product = cosine on unit rows), stored as ``dtype``.

    Measured in ``benchmarks/bench_canary_index.py`` (``docs/benchmarks.md``): recall@1
    against :class:`ExactSearch` is ≥ 0.99 at 10k–1M vectors for paraphrase-like queries,
    p99 under 3 ms at 1M; ``expansion_search`` trades latency for recall. Building is the
    slow part (~40 s at 100k, ~7 min at 1M on two cores).
    """

    CONNECTIVITY = 32
    EXPANSION_ADD = 128
    EXPANSION_SEARCH = 512

    def __init__(
        self,
        vectors: np.ndarray,
        *,
        connectivity: int = CONNECTIVITY,
        expansion_add: int = EXPANSION_ADD,
        expansion_search: int = EXPANSION_SEARCH,
        dtype: str = "i8",
        threads: int | None = None,
        graph: Path | None = None,
    ) -> None:
        from usearch.index import Index

        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n, dim = self.vectors.shape if self.vectors.ndim == 2 else (0, 1)
        self.index: Any = Index(
            ndim=dim,
            metric="ip",
            dtype=dtype,
            connectivity=connectivity,
            expansion_add=expansion_add,
            expansion_search=expansion_search,
            enable_key_lookups=False,
        )
        if graph is not None and graph.exists():  # built once by `canary build`, loaded fast
            self.index.load(str(graph))
            if len(self.index) == n:
                return
            self.index.reset()  # type: ignore[no-untyped-call]
        if n:
            keys = np.arange(n, dtype=np.uint64)
            self.index.add(keys, self.vectors, threads=threads or _cores())

    def save(self, path: Path) -> None:
        self.index.save(str(path))

    def top(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        n = len(self.vectors)
        if n == 0 or len(queries) == 0:
            return _empty(len(queries))
        k = min(k, n)
        q = np.ascontiguousarray(queries, dtype=np.float32).reshape(len(queries), -1)
        found = self.index.search(q, k)
        rows = np.asarray(found.keys, dtype=np.int64).reshape(len(q), k)
        counts = getattr(found, "counts", None)  # a single query gives Matches, no counts
        got = np.asarray(counts if counts is not None else [len(found)]).reshape(len(q))
        short = got < k
        rows[short] = 0  # refilled exactly below
        scores = np.einsum("qd,qkd->qk", q, self.vectors[rows])
        order = np.argsort(-scores, axis=1)
        scores, rows = np.take_along_axis(scores, order, 1), np.take_along_axis(rows, order, 1)
        if short.any():  # the graph returned fewer than k: answer those exactly
            scores[short], rows[short] = ExactSearch(self.vectors).top(q[short], k)
        return scores, rows


def searcher(vectors: np.ndarray, graph: Path | None = None) -> Search:
    """Exact up to :data:`EXACT_MAX` vectors, approximate above (when usearch is installed);
    ``graph`` is a graph saved with the index, used when it matches the vectors."""
    global _warned
    if len(vectors) <= EXACT_MAX:
        return ExactSearch(vectors)
    try:
        return ApproximateSearch(vectors, graph=graph)
    except ImportError:
        if not _warned:
            _warned = True
            log.warning("usearch is not installed: exact search over %d vectors", len(vectors))
        return ExactSearch(vectors)
