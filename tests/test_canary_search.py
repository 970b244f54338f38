"""Exact and approximate canary search agree; ``searcher`` picks by corpus size."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from agentguard.canary import search
from agentguard.canary.search import ApproximateSearch, ExactSearch, searcher

pytest.importorskip("usearch")

DIM = 384


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def random_unit(n: int, seed: int) -> np.ndarray:
    return unit(np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32))


def clustered(n: int, seed: int) -> np.ndarray:
    """Unit vectors around 1,000 random centres (cosine ≈ 0.7 to their centre): sentence
    embeddings crowd into topics (and the benchmark uses the same shape of data)."""
    rng = np.random.default_rng(seed)
    centres = random_unit(1000, seed + 1)
    return unit(centres[rng.integers(0, 1000, n)] + rng.normal(0, 0.05, (n, DIM)))


@pytest.fixture(scope="module")
def corpus() -> tuple[np.ndarray, ExactSearch, ApproximateSearch]:
    vectors = clustered(30_000, 0)
    return vectors, ExactSearch(vectors), ApproximateSearch(vectors)


def test_paraphrase_queries_recall(corpus: tuple[np.ndarray, ExactSearch, ApproximateSearch]):
    vectors, exact, approx = corpus
    rng = np.random.default_rng(1)
    # cosine ≈ 0.7 to the stored vector: a paraphrase, not a copy
    queries = unit(vectors[rng.integers(0, len(vectors), 1000)] + rng.normal(0, 0.05, (1000, DIM)))
    e_scores, e_rows = exact.top(queries, 8)
    a_scores, a_rows = approx.top(queries, 8)
    assert a_rows.shape == a_scores.shape == (1000, 8)
    same = a_rows[:, 0] == e_rows[:, 0]
    assert same.mean() >= 0.99
    np.testing.assert_allclose(a_scores[same, 0], e_scores[same, 0], atol=1e-5, rtol=0)
    assert (a_scores[:, 0] <= e_scores[:, 0] + 1e-5).all()  # never better than exact
    assert (np.diff(a_scores, axis=1) <= 1e-6).all()  # best first
    # the scores are the float32 cosines of the rows returned
    direct = np.einsum("qd,qkd->qk", queries, vectors[a_rows])
    np.testing.assert_allclose(a_scores, direct, atol=1e-5)


def test_random_queries(corpus: tuple[np.ndarray, ExactSearch, ApproximateSearch]):
    """Unrelated text: nothing is near and the best scores sit within a hair of each other,
    so which row is exactly first is close to a coin toss (recall@1 is not meaningful here);
    what must hold is that the scores are true cosines no better than exact, and that
    nothing the detector would look at (cosine ≥ 0.5) is missed."""
    vectors, exact, approx = corpus
    queries = random_unit(1000, 2)
    e_scores, e_rows = exact.top(queries, 1)
    a_scores, a_rows = approx.top(queries, 1)
    assert (a_scores[:, 0] <= e_scores[:, 0] + 1e-5).all()
    direct = np.einsum("qd,qd->q", queries, vectors[a_rows[:, 0]])
    np.testing.assert_allclose(a_scores[:, 0], direct, atol=1e-5)
    above = e_scores[:, 0] >= 0.5
    assert (a_rows[above, 0] == e_rows[above, 0]).all()
    # the same queries pulled halfway towards stored vectors: now there is a clear nearest
    pulled = unit(queries + vectors[np.random.default_rng(5).integers(0, len(vectors), 1000)])
    assert (approx.top(pulled, 1)[1] == exact.top(pulled, 1)[1]).mean() >= 0.99


def test_stored_vectors_find_themselves(
    corpus: tuple[np.ndarray, ExactSearch, ApproximateSearch],
):
    vectors, _, approx = corpus
    pick = np.random.default_rng(3).integers(0, len(vectors), 1000)
    scores, rows = approx.top(vectors[pick], 1)
    assert (rows[:, 0] == pick).mean() >= 0.99
    assert scores[:, 0].min() > 0.999 or (rows[:, 0] != pick).any()


@pytest.mark.parametrize("cls", [ExactSearch, ApproximateSearch])
def test_edge_cases(cls: type[ExactSearch] | type[ApproximateSearch]):
    vectors = random_unit(5, 4)
    s = cls(vectors)
    scores, rows = s.top(vectors[:2], 10)  # k larger than n
    assert scores.shape == rows.shape == (2, 5)
    assert sorted(rows[0].tolist()) == list(range(5))
    assert rows[:, 0].tolist() == [0, 1]
    assert (np.diff(scores, axis=1) <= 1e-6).all()
    scores, rows = s.top(np.zeros((0, DIM), dtype=np.float32), 3)  # no queries
    assert scores.shape == rows.shape == (0, 0)
    scores, rows = s.top(vectors[:1], 1)
    assert rows.tolist() == [[0]] and rows.dtype == np.int64
    assert scores.dtype == np.float32


def test_empty_index():
    s = ApproximateSearch(np.zeros((0, DIM), dtype=np.float32))
    scores, rows = s.top(random_unit(3, 5), 4)
    assert scores.shape == rows.shape == (3, 0)


def test_searcher_chooses_by_size(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(search, "EXACT_MAX", 100)
    assert isinstance(searcher(random_unit(100, 6)), ExactSearch)
    big = searcher(random_unit(101, 7))
    assert isinstance(big, ApproximateSearch)
    assert big.top(random_unit(101, 7)[:3], 1)[1][:, 0].tolist() == [0, 1, 2]


def test_searcher_without_usearch(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    monkeypatch.setattr(search, "EXACT_MAX", 10)
    monkeypatch.setattr(search, "_warned", False)

    def missing(*args: object, **kwargs: object) -> None:
        raise ImportError("No module named 'usearch'")

    monkeypatch.setattr(search, "ApproximateSearch", missing)
    with caplog.at_level(logging.WARNING, logger=search.__name__):
        assert isinstance(searcher(random_unit(20, 8)), ExactSearch)
        assert isinstance(searcher(random_unit(20, 9)), ExactSearch)
    assert len([r for r in caplog.records if "usearch" in r.getMessage()]) == 1


def test_saved_graph_is_loaded_not_rebuilt(tmp_path: Path) -> None:
    """`canary build` saves the graph; loading it answers the same, without a rebuild."""
    pytest.importorskip("usearch")
    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(2_000, 32)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    built = ApproximateSearch(vecs)
    built.save(tmp_path / "graph.usearch")
    loaded = ApproximateSearch(vecs, graph=tmp_path / "graph.usearch")
    queries = vecs[:50] + rng.normal(scale=0.05, size=(50, 32)).astype(np.float32)
    np.testing.assert_array_equal(built.top(queries, 3)[1], loaded.top(queries, 3)[1])
    stale = ApproximateSearch(vecs[:1_000], graph=tmp_path / "graph.usearch")  # wrong size
    assert len(stale.index) == 1_000
