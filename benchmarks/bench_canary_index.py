"""Canary index search: exact (one matrix product) vs approximate (usearch HNSW) by corpus size.

Run with the project venv: ``.venv/bin/python benchmarks/bench_canary_index.py``
(``--sizes 10000,100000`` for a shorter run; 1M needs ~4 GB of memory and a few minutes).

* **Vectors:** synthetic, dimension 384 (the default model's), seeded: 1,000 random unit
  centres, each vector a centre plus Gaussian noise (σ = 0.05 a coordinate, cosine ≈ 0.7 to
  its centre), normalised: sentence embeddings crowd into topics the same way.
* **Queries:** noisy copies of stored vectors (the same noise again, cosine ≈ 0.7 to the
  original), as a leaked paraphrase would be; ``top(query, 8)`` one query at a time, as the
  detector's ``TOP_K``.
* **Build:** ``ExactSearch`` / ``ApproximateSearch`` construction, both cores allowed.
  Memory: the RSS growth while building, and for the approximate index usearch's own
  ``memory_usage`` (the graph and its i8 copy of the vectors; the float32 vectors used to
  rescore are the index's own array, shared). Save/load: the graph written to and read
  back from a file, for comparison with building it on load.
* **Latency:** after the build the process is pinned to one CPU (BLAS pools capped at one
  thread); p50/p99 of single queries, garbage collector paused. Exact search at 1M is slow
  per query, so it is timed on fewer queries (``--exact-queries-large``).
* **Recall@1:** the approximate top row against the exact one on ``--recall-queries``
  queries (exact answers computed in batches, both cores).
"""

from __future__ import annotations

import os

os.environ["OMP_NUM_THREADS"] = os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before numpy

import argparse
import gc
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agentguard.canary.search import ApproximateSearch, ExactSearch, Search

DIM = 384
CENTRES = 1000
NOISE = 0.05
K = 8


@dataclass
class Row:
    n: int
    backend: str
    build: float  # s
    memory: int  # bytes
    rss: int | None  # bytes
    save_load: tuple[float, float] | None  # s
    p50: float  # ms
    p99: float
    timed: int
    recall: float


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def rss() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def unit(x: np.ndarray) -> np.ndarray:
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


def corpus(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = unit(rng.standard_normal((CENTRES, DIM), dtype=np.float32))
    out = np.empty((n, DIM), dtype=np.float32)
    for a in range(0, n, 100_000):
        b = min(n, a + 100_000)
        out[a:b] = centres[rng.integers(0, CENTRES, b - a)]
        out[a:b] += rng.standard_normal((b - a, DIM), dtype=np.float32) * NOISE
        unit(out[a:b])
    return out


def queries(vectors: np.ndarray, m: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    q = vectors[rng.integers(0, len(vectors), m)].copy()
    q += rng.standard_normal(q.shape, dtype=np.float32) * NOISE
    return unit(q)


def exact_top1(vectors: np.ndarray, q: np.ndarray) -> np.ndarray:
    return np.concatenate(
        [np.argmax(q[a : a + 100] @ vectors.T, axis=1) for a in range(0, len(q), 100)]
    )


def latencies(s: Search, q: np.ndarray) -> np.ndarray:
    s.top(q[:10], K)  # warm-up
    out = np.empty(len(q))
    gc.disable()
    try:
        for i in range(len(q)):
            t0 = time.perf_counter_ns()
            s.top(q[i : i + 1], K)
            out[i] = time.perf_counter_ns() - t0
    finally:
        gc.enable()
    return out / 1e6


def save_load(s: ApproximateSearch) -> tuple[float, float]:
    from usearch.index import Index

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "graph.usearch")
        t0 = time.perf_counter()
        s.index.save(path)
        t1 = time.perf_counter()
        Index.restore(path)
        t2 = time.perf_counter()
        return t1 - t0, t2 - t1


def run(n: int, args: argparse.Namespace, cores: set[int], cpu: int) -> list[Row]:
    os.sched_setaffinity(0, cores)
    log(f"n={n:,}: vectors")
    vectors = corpus(n, args.seed)
    q_lat = queries(vectors, args.queries, args.seed + 1)
    q_rec = queries(vectors, args.recall_queries, args.seed + 2)
    rows: list[Row] = []

    t0 = time.perf_counter()
    exact = ExactSearch(vectors)
    exact_build = time.perf_counter() - t0
    log(f"n={n:,}: approximate build")
    before = rss()
    t0 = time.perf_counter()
    approx = ApproximateSearch(
        vectors, connectivity=args.connectivity, expansion_add=args.expansion_add
    )
    approx_build = time.perf_counter() - t0
    approx_rss = rss() - before
    saved, loaded = save_load(approx)
    log(f"n={n:,}: build {approx_build:.1f} s; recall")
    truth = exact_top1(vectors, q_rec)
    recalls = []
    for ef in args.ef:
        approx.index.expansion_search = ef
        recalls.append(float((approx.top(q_rec, K)[1][:, 0] == truth).mean()))

    os.sched_setaffinity(0, {cpu})
    m_exact = args.queries if n <= 100_000 else args.exact_queries_large
    log(f"n={n:,}: latency (exact on {m_exact} queries)")
    lat = latencies(exact, q_lat[:m_exact])
    p50, p99 = float(np.percentile(lat, 50)), float(np.percentile(lat, 99))
    rows.append(Row(n, "exact", exact_build, vectors.nbytes, None, None, p50, p99, m_exact, 1.0))
    for ef, recall in zip(args.ef, recalls, strict=True):
        approx.index.expansion_search = ef
        lat = latencies(approx, q_lat)
        p50, p99 = float(np.percentile(lat, 50)), float(np.percentile(lat, 99))
        name = f"approximate, ef {ef}"
        size = int(approx.index.memory_usage)
        rows.append(
            Row(
                n, name, approx_build, size, approx_rss, (saved, loaded), p50, p99, len(lat), recall
            )
        )
    return rows


def table(rows: list[Row]) -> str:
    out = [
        "| vectors | backend | build (s) | memory (MB) | RSS growth (MB) | save / load (s) "
        "| p50 (ms) | p99 (ms) | queries timed | recall@1 |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        sl = f"{r.save_load[0]:.2f} / {r.save_load[1]:.2f}" if r.save_load else "–"
        grown = f"{r.rss / 1e6:.0f}" if r.rss is not None else "–"
        out.append(
            f"| {r.n:,} | {r.backend} | {r.build:.2f} | {r.memory / 1e6:.0f} | {grown} | {sl} "
            f"| {r.p50:.2f} | {r.p99:.2f} | {r.timed:,} | {r.recall:.3f} |"
        )
    return "\n".join(out)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--sizes", default="10000,100000,1000000")
    p.add_argument("--queries", type=int, default=1000, help="single queries timed")
    p.add_argument("--exact-queries-large", type=int, default=100, help="exact, above 100k")
    p.add_argument("--recall-queries", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--connectivity", type=int, default=ApproximateSearch.CONNECTIVITY)
    p.add_argument("--expansion-add", type=int, default=ApproximateSearch.EXPANSION_ADD)
    p.add_argument(
        "--ef",
        type=lambda v: [int(x) for x in v.split(",")],
        default=[ApproximateSearch.EXPANSION_SEARCH],
        help="expansion_search values to measure (one build), e.g. 128,256,512",
    )
    p.add_argument("--cpu", type=int, default=None, help="the core queries are timed on")
    args = p.parse_args()
    cores = os.sched_getaffinity(0)
    cpu = args.cpu if args.cpu is not None else min(cores)
    log(f"{len(cores)} cores for building; queries on CPU {cpu}")
    rows: list[Row] = []
    for n in (int(s) for s in args.sizes.split(",")):
        rows += run(n, args, cores, cpu)
        gc.collect()
        log(table(rows))
    print(table(rows))


if __name__ == "__main__":
    main()
