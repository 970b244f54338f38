"""Probing detector cost: per-query overhead with a 10,000-query history, and memory.

Run with the project venv: ``HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_probing.py``
(``--no-redis`` skips the Redis store; ``--no-encoder`` the sentence encoder row).

* **History:** one principal with 10,000 earlier queries (the store's bound per principal)
  spread over the detector's two-day window: the prompts and tool calls of benign
  principals from ``probing_traffic.py``, re-timed about 17 s apart.
* **Timed calls,** alternating on the same next query (benign traffic the history does not
  hold), each timed on its own with the garbage collector paused:

  - ``observe``: ``ProbingDetector.observe`` — sign the query, read the newest
    ``Settings.history`` signatures, run the checks, append — with the in-memory store, and
    with the Redis store on a ``redis-server`` this script starts on a free loopback port;
  - ``inspect (secrets only)``: ``Guard(...).inspect`` of the same query, model input,
    with probing and inversion signals off: what every query pays anyway;
  - ``encode``: the sentence encoder's embedding of the query (``all-MiniLM-L6-v2``, torch
    on one thread), the cost a detector with ``encode=`` adds on top, when the model is
    available.

  The encoder is timed in a second pass over the same queries, alternating with the same
  inspect (its threads would slow the calls timed next to it). Ratios are taken side by
  side in one process, so a busy machine moves them less than the
  absolute times.
* **Memory:** bytes the memory store holds for the principal's 10,000 signatures (entries,
  timestamps and containers, by ``sys.getsizeof``), the decoded-signature cache's bytes
  per signature, and Redis ``MEMORY USAGE`` of the principal's key.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import probing_traffic as traffic

from agentguard.guard import Guard
from agentguard.policy.model import Policy
from agentguard.probing.detector import ProbingDetector
from agentguard.probing.signature import Signature
from agentguard.probing.store import MemoryStore, RedisStore, Store
from tests.redis_server import RedisServer

KEY = b"probing-speed-benchmark-key-0032"
HISTORY = 10_000
PRINCIPAL = "bench-principal"


def _text(payload: Any) -> str:
    return payload if isinstance(payload, str) else json.dumps(payload, sort_keys=True)


def _queries(n: int, seed: int) -> list[tuple[str, Any]]:
    """``n`` benign (channel, payload) pairs, drawn across archetypes."""
    out: list[tuple[str, Any]] = []
    for tr in traffic.benign_traces(n_principals=40, queries_each=n // 40 + 1, seed=seed):
        out.extend((q.channel, q.payload) for q in tr.queries)
    return out[:n]


def _fill(det: ProbingDetector, items: list[tuple[str, Any]], start: float) -> float:
    """Observe ``items`` as one principal, about 17 s apart; returns the next time."""
    t = start
    step = 172_000.0 / len(items)
    for channel, payload in items:
        det.observe(PRINCIPAL, channel, payload, _text(payload), now=t)
        t += step
    return t


def _pct(ns: list[int], q: float) -> float:
    s = sorted(ns)
    return s[min(len(s) - 1, int(q * len(s)))] / 1000


def _row(name: str, ns: list[int], base: list[int] | None) -> str:
    p50, p99 = statistics.median(ns) / 1000, _pct(ns, 0.99)
    ratio = ""
    if base is not None:
        ratio = f"{statistics.median(ns) / statistics.median(base):.2f}"
    return f"| {name} | {p50:.0f} | {p99:.0f} | {ratio} |"


def _memory_bytes(store: MemoryStore) -> int:
    total = 0
    for (principal, scope), items in store._data.items():
        if principal != PRINCIPAL:
            continue
        total += sys.getsizeof(items) + sys.getsizeof(principal) + sys.getsizeof(scope)
        for t, e in items:
            total += sys.getsizeof((t, e)) + sys.getsizeof(t) + sys.getsizeof(e)
    return total


def _decoded_bytes(raw: bytes) -> int:
    s = Signature.loads(raw)
    total = sys.getsizeof(s) + s.minhash.nbytes + sys.getsizeof(s.minhash)
    total += sys.getsizeof(s.slots) + sys.getsizeof(s.fields) + sys.getsizeof(s.entities)
    total += sum(sys.getsizeof(v) for v in (*s.slots, *s.entities, *s.fields.values()))
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--queries", type=int, default=400, help="timed queries per row")
    ap.add_argument("--no-redis", action="store_true")
    ap.add_argument("--no-encoder", action="store_true")
    args = ap.parse_args()

    history = _queries(HISTORY, seed=11)
    probe = _queries(args.queries, seed=12)
    stores: dict[str, Store] = {"memory": MemoryStore()}
    server = None
    workdir = tempfile.TemporaryDirectory()
    if not args.no_redis:
        if shutil.which("redis-server") is None:
            raise SystemExit("redis-server is not installed (or pass --no-redis)")
        server = RedisServer(Path(workdir.name))  # the tests' throwaway server
        server.start()
        stores["redis"] = RedisStore(url=server.url, prefix="bench", timeout=2.0)
    try:
        detectors = {name: ProbingDetector(store, key=KEY) for name, store in stores.items()}
        t_next = 0.0
        for name, det in detectors.items():
            t0 = time.perf_counter()
            t_next = _fill(det, history, 1_000.0)
            print(f"filled {name}: {HISTORY} queries in {time.perf_counter() - t0:.1f} s")
        guard = Guard(Policy(signals={"enabled": False}, probing={"enabled": False}))
        encode = None
        if not args.no_encoder:
            try:
                import torch

                from agentguard.canary.encoder import shared_encoder

                # One thread: on a small shared machine torch's spinning worker threads
                # would otherwise slow every other call timed next to it.
                torch.set_num_threads(1)
                encode = shared_encoder().encode
                encode(["warm up"])
            except Exception as exc:  # no model offline, no extra installed
                print(f"(no encoder: {type(exc).__name__})")
        times: dict[str, list[int]] = {
            "inspect (secrets only)": [],
            "encode": [],
            "inspect, encoder pass": [],
        }
        for name in detectors:
            times[f"observe, {name} store"] = []
        gc.collect()
        gc.disable()
        try:
            t = t_next
            for i, (channel, payload) in enumerate(probe):
                text = _text(payload)
                t += 17.0
                for name, det in detectors.items():
                    t0 = time.perf_counter_ns()
                    det.observe(PRINCIPAL, channel, payload, text, now=t)
                    times[f"observe, {name} store"].append(time.perf_counter_ns() - t0)
                t0 = time.perf_counter_ns()
                guard.inspect(text, channel="model_input")
                times["inspect (secrets only)"].append(time.perf_counter_ns() - t0)
                if i % 50 == 49:
                    gc.collect()
            # The encoder in a pass of its own: interleaved, its threads slow the calls
            # timed next to it (the inspect of this pass shows by how much, if at all).
            for i, (_, payload) in enumerate(probe if encode is not None else ()):
                text = _text(payload)[:2000]
                t0 = time.perf_counter_ns()
                encode([text])  # type: ignore[misc]
                times["encode"].append(time.perf_counter_ns() - t0)
                t0 = time.perf_counter_ns()
                guard.inspect(text, channel="model_input")
                times["inspect, encoder pass"].append(time.perf_counter_ns() - t0)
                if i % 50 == 49:
                    gc.collect()
        finally:
            gc.enable()
        base = times["inspect (secrets only)"]
        print()
        print(f"{args.queries} queries, each after a {HISTORY}-query history of one principal")
        print()
        print("| call | p50 µs | p99 µs | p50 ÷ secrets-only inspect |")
        print("| --- | --: | --: | --: |")
        for name, ns in times.items():
            if ns:
                print(_row(name, ns, base))
        if times["encode"]:
            enc = statistics.median(times["encode"])
            for name in detectors:
                obs = statistics.median(times[f"observe, {name} store"])
                print(f"\nobserve ({name}) p50 ÷ encode p50: {obs / enc:.2f}")

        print()
        mem = stores["memory"]
        assert isinstance(mem, MemoryStore)
        n = sum(len(v) for (p, _), v in mem._data.items() if p == PRINCIPAL)
        total = _memory_bytes(mem)
        print(f"memory store: {n} signatures, {total / 1e6:.2f} MB, {total / n:.0f} B each")
        raws = [e for (p, _), v in mem._data.items() if p == PRINCIPAL for _, e in v]
        print(f"serialised signature: {statistics.mean(len(r) for r in raws):.0f} B mean")
        dec = statistics.mean(_decoded_bytes(r) for r in raws[:500])
        print(f"decoded (cached) signature: {dec:.0f} B mean")
        if server is not None:
            redis_store = stores["redis"]
            assert isinstance(redis_store, RedisStore)
            client = redis_store.client
            used = 0
            count = 0
            for key in client.scan_iter(match="bench:*"):
                used += int(client.memory_usage(key, samples=0) or 0)
                count += int(client.zcard(key))
            print(f"redis: {count} signatures, MEMORY USAGE {used / 1e6:.2f} MB, ")
            print(f"       {used / max(count, 1):.0f} B each")
    finally:
        if server is not None:
            server.stop()
        workdir.cleanup()


if __name__ == "__main__":
    main()
