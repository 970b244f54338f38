"""Probing detector quality on the scripted traffic of ``probing_traffic.py``.

Run with the project venv: ``HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/probing_quality.py``
(``--no-encoder`` judges near-duplicates by MinHash alone; ``--principals`` fewer benign
principals for a quick look; ``--attack-seed`` / ``--benign-seed`` draw fresh traffic that
the detector's settings were never looked at against).

* **Attacks:** each attack trace goes through a fresh detector (in-memory store); the
  detection delay is the number of the trace's attack queries up to and including the
  first one flagged (interleaved benign queries of the same principal are not counted).
  Target: every attack detected within 20 of its queries.
* **Benign:** each benign principal's 1,000 queries go through a fresh detector. Target: at
  most 0.5 % of principals ever flagged. ``--desks N`` adds N helpdesk principals working
  named customers' cases (the hardest negatives for membership), reported on their own.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import probing_traffic as traffic

from agentguard.probing.detector import ProbingDetector

KEY = b"probing-quality-benchmark-key-32"


def _text(payload: object) -> str:
    return payload if isinstance(payload, str) else json.dumps(payload, sort_keys=True)


def run_trace(trace: traffic.Trace, encode: object) -> tuple[int | None, Counter[str]]:
    det = ProbingDetector(key=KEY, encode=encode)  # type: ignore[arg-type]
    attacks = 0
    kinds: Counter[str] = Counter()
    first = None
    for q in trace.queries:
        probes = det.observe(q.principal, q.channel, q.payload, _text(q.payload), now=q.t)
        attacks += q.attack
        for p in probes:
            kinds[p.kind] += 1
        if probes and first is None and (q.attack or trace.kind == "benign"):
            first = attacks if trace.kind != "benign" else 1
    return first, kinds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-encoder", action="store_true")
    ap.add_argument("--principals", type=int, default=200)
    ap.add_argument("--attack-seed", type=int, default=1, help="another seed: fresh attack traces")
    ap.add_argument("--benign-seed", type=int, default=2, help="another seed: fresh benign traffic")
    ap.add_argument(
        "--desks", type=int, default=0, help="support-desk principals on top, reported apart"
    )
    args = ap.parse_args()
    encode = None
    if not args.no_encoder:
        from agentguard.canary.encoder import shared_encoder

        encode = shared_encoder().encode
    t0 = time.perf_counter()
    delays: dict[str, list[int | None]] = {}
    print("| attack trace | kind | attack queries | detected after | flags |")
    print("| --- | --- | --: | --: | --- |")
    for trace in traffic.attack_traces(seed=args.attack_seed):
        first, kinds = run_trace(trace, encode)
        delays.setdefault(trace.kind, []).append(first)
        n = sum(q.attack for q in trace.queries)
        flags = ", ".join(f"{k} {v}" for k, v in kinds.most_common())
        print(f"| {trace.name} | {trace.kind} | {n} | {first or 'never'} | {flags} |")
    flagged: Counter[str] = Counter()
    benign = traffic.benign_traces(n_principals=args.principals, seed=args.benign_seed)
    bad = 0
    for trace in benign:
        first, kinds = run_trace(trace, encode)
        if first is not None:
            bad += 1
            flagged.update(kinds)
    print()
    print("| attack kind | traces | detected | within 20 | delay median | delay max |")
    print("| --- | --: | --: | --: | --: | --: |")
    for kind, ds in delays.items():
        got = [d for d in ds if d is not None]
        within = sum(1 for d in got if d <= 20)
        med = statistics.median(got) if got else "-"
        print(f"| {kind} | {len(ds)} | {len(got)} | {within} | {med} | {max(got, default='-')} |")
    print()
    rate = bad / len(benign)
    print(f"benign principals flagged: {bad}/{len(benign)} = {rate:.3f} (target ≤ 0.005)")
    print(f"benign flags by kind: {dict(flagged.most_common())}")
    if args.desks:
        desks = traffic.benign_traces(n_principals=1, seed=args.benign_seed, desks=args.desks)[1:]
        hit: Counter[str] = Counter()
        n_bad = 0
        for trace in desks:
            first, kinds = run_trace(trace, encode)
            if first is not None:
                n_bad += 1
                hit.update(kinds)
        print(f"support desks flagged: {n_bad}/{len(desks)} {dict(hit.most_common())}")
    print(f"({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
