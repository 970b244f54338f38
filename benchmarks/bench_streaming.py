"""Streaming sanitisation cost: 100 KB in random 1–4 character chunks vs one whole inspection.

Run with the project venv: ``.venv/bin/python benchmarks/bench_streaming.py``.

* **Text:** 100 KB: 50 KB of prose and 50 KB of application logs from ``corpus.py``,
  interleaved in blocks of about 2 KB (so the stream alternates as an agent's answer would).
* **Whole:** ``guard.inspect(text, channel="model_output")`` once per repetition.
* **Stream:** a fresh :class:`StreamSanitizer` fed the same text in random 1–4 character
  chunks (fixed seed), then ``close()``; the output is checked against ``guard.sanitize``.
* **Floor:** the same chunks through a ``feed`` method that only appends each chunk to a
  list: what any per-chunk Python API costs before it looks at the text at all.
* **Time to first token:** from feeding the first chunk until the first non-empty release,
  minus the time the same chunks take through a pass-through loop (nothing).

The process is pinned to one CPU; each figure is the median of the repetitions.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from agentguard import Guard, Policy
from agentguard.streaming import StreamSanitizer


def build_text(size: int, seed: int) -> str:
    half = size // 2
    prose, logs = corpus.prose(half, seed), corpus.app_logs(half, seed)
    out, i, j, block = [], 0, 0, 2048
    while i < len(prose) or j < len(logs):
        out.append(prose[i : i + block])
        out.append(logs[j : j + block])
        i += block
        j += block
    return "".join(out)[:size]


def chunked(text: str, seed: int) -> list[str]:
    rng, out, i = random.Random(seed), [], 0
    while i < len(text):
        k = rng.randint(1, 4)
        out.append(text[i : i + k])
        i += k
    return out


def time_whole(guard: Guard, text: str) -> float:
    t0 = time.perf_counter()
    guard.inspect(text, channel="model_output")
    return time.perf_counter() - t0


def time_stream(guard: Guard, chunks: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    s = StreamSanitizer(guard)
    feed = s.feed
    out = [feed(c) for c in chunks]
    out.append(s.close())
    return time.perf_counter() - t0, "".join(out)


def time_first_token(guard: Guard, chunks: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    s = StreamSanitizer(guard)
    for k, c in enumerate(chunks, 1):
        if s.feed(c):
            return time.perf_counter() - t0, k
    s.close()
    return time.perf_counter() - t0, len(chunks)


class _AppendOnly:
    """The least a per-chunk Python API can do: keep the chunk, return nothing."""

    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts: list[str] = []

    def feed(self, chunk: str) -> str:
        self.parts.append(chunk)
        return ""


def time_floor(chunks: list[str]) -> float:
    t0 = time.perf_counter()
    s = _AppendOnly()
    feed = s.feed
    out = [feed(c) for c in chunks]
    out.append("".join(s.parts))
    return time.perf_counter() - t0


def time_nothing(chunks: list[str], k: int) -> float:
    t0 = time.perf_counter()
    out = []
    for c in chunks[:k]:
        out.append(c)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cpu", type=int, default=None, help="core to pin to (default: first)")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        cpu = args.cpu if args.cpu is not None else min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})

    guard = Guard(Policy())
    text = build_text(args.size, args.seed)
    chunks = chunked(text, args.seed)
    expected = guard.sanitize(text, channel="model_output")
    _, out = time_stream(guard, chunks)  # warm-up, and the correctness check
    if out != expected:
        raise SystemExit("streamed output differs from whole-text sanitisation")

    whole = statistics.median(time_whole(guard, text) for _ in range(args.reps * 5))
    stream = statistics.median(time_stream(guard, chunks)[0] for _ in range(args.reps))
    floor = statistics.median(time_floor(chunks) for _ in range(args.reps))
    firsts = [time_first_token(guard, chunks) for _ in range(args.reps * 20)]
    first = statistics.median(t for t, _ in firsts)
    k = firsts[0][1]
    nothing = statistics.median(time_nothing(chunks, k) for _ in range(args.reps * 20))
    held = StreamSanitizer(guard)
    peak = 0
    for c in chunks:
        held.feed(c)
        peak = max(peak, held.held)

    print(f"text: {len(text):,} chars, {len(chunks):,} chunks of 1-4 chars")
    print(f"prefilter: {guard.detectors[0]!r}")
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| `guard.inspect`, 100 KB whole | {whole * 1e3:.2f} ms |")
    print(f"| `StreamSanitizer`, 100 KB in 1–4 char chunks | {stream * 1e3:.2f} ms |")
    print(f"| ratio stream / whole | {stream / whole:.1f}× |")
    print(f"| floor: a `feed` that only appends, same chunks | {floor * 1e3:.2f} ms |")
    print(f"| floor / whole | {floor / whole:.1f}× |")
    print(f"| stream / floor | {stream / floor:.1f}× |")
    print(f"| per chunk | {stream / len(chunks) * 1e6:.2f} µs |")
    print(f"| first release after | {k} chunks |")
    print(f"| time to first token, guarded | {first * 1e6:.1f} µs |")
    print(f"| same chunks through nothing | {nothing * 1e6:.1f} µs |")
    print(f"| added time to first token | {(first - nothing) * 1e3:.3f} ms |")
    print(f"| most characters held at once | {peak:,} |")


if __name__ == "__main__":
    main()
