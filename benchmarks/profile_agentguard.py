"""Where agentguard's time goes on the benchmark texts (cProfile, one core).

    .venv/bin/python benchmarks/profile_agentguard.py [--case logs|prose|dict|json] [--top 25]

Runs ``Guard().inspect`` on one of ``corpus.py``'s texts many times under cProfile and prints
the functions with the most own time, in µs per inspected payload. cProfile's overhead
inflates Python-level calls (more so for many small calls), so read shares, not totals;
the plain wall time per payload is printed first for comparison.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # sibling module; benchmarks/ is not a package


def main() -> None:
    p = argparse.ArgumentParser(description="cProfile agentguard's Guard.inspect")
    p.add_argument("--case", choices=("logs", "prose", "dict", "json"), default="logs")
    p.add_argument("--mb", type=float, default=2.0, help="text size for logs/prose")
    p.add_argument("--reps", type=int, default=0, help="payloads to inspect (0: auto)")
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})

    from agentguard import Guard

    guard = Guard()
    payload: Any
    if args.case == "logs":
        payload = corpus.app_logs(int(args.mb * corpus.MB))
    elif args.case == "prose":
        payload = corpus.prose(int(args.mb * corpus.MB))
    elif args.case == "dict":
        payload = corpus.tool_result()
    else:
        payload = corpus.tool_result_json()
    reps = args.reps or (20 if args.case in ("logs", "prose") else 20_000)

    def run() -> None:
        for _ in range(reps):
            guard.inspect(payload, channel="tool_output")

    run_once: Callable[[], object] = lambda: guard.inspect(payload, channel="tool_output")  # noqa: E731
    for _ in range(max(reps // 10, 2)):
        run_once()
    t = time.perf_counter_ns()
    run()
    plain_us = (time.perf_counter_ns() - t) / 1e3 / reps
    print(f"case={args.case} reps={reps} plain wall time: {plain_us:,.1f} µs per payload")

    prof = cProfile.Profile()
    prof.enable()
    run()
    prof.disable()
    stats = pstats.Stats(prof)
    rows: list[tuple[float, float, int, str]] = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{Path(file).name}:{line}({func})" if line else func
        rows.append((tt, ct, nc, where))
    total = sum(r[0] for r in rows)
    print(f"profiled total: {total / reps * 1e6:,.1f} µs per payload (with cProfile overhead)")
    print(
        f"{'own µs/payload':>15} {'share':>6} {'cum µs/payload':>15} "
        f"{'calls/payload':>14}  function"
    )
    for tt, ct, nc, where in sorted(rows, reverse=True)[: args.top]:
        print(
            f"{tt / reps * 1e6:15,.2f} {tt / total:6.1%} {ct / reps * 1e6:15,.2f} "
            f"{nc / reps:14,.1f}  {where}"
        )


if __name__ == "__main__":
    main()
