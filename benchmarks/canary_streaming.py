"""Memorisation check on streamed output: does judging by sentences find what whole text does?

Run with the project venv: ``HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/canary_streaming.py``

Every probe of the labelled set (``tests/canary_cases.py``) is sanitised twice by a guard
with the canary index of all its records: once whole (``guard.sanitize``), once streamed in
chunks of 1–4 characters (``StreamSanitizer``). For each variant the table gives how many
probes each way flagged (a memorisation finding for the probe's own record, or for probes
that should not be flagged, for any record), how often the two agree, and how much text
the stream held back at most (median and worst, in characters) — the latency the
sentence stage adds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from provenance import git_state

from agentguard import Guard, Policy
from agentguard.canary.encoder import shared_encoder
from agentguard.canary.index import build, save
from agentguard.canary.records import Record
from agentguard.findings import Finding
from agentguard.streaming import StreamSanitizer


def chunks(text: str, rng: random.Random) -> list[str]:
    out, i = [], 0
    while i < len(text):
        n = rng.randint(1, 4)
        out.append(text[i : i + n])
        i += n
    return out


def flagged(findings: tuple[Finding, ...] | list[Finding], own: str | None) -> bool:
    mem = [f for f in findings if f.kind.startswith("memorisation/")]
    return any(f.rule == own for f in mem) if own else bool(mem)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="probes per variant (0: all)")
    args = parser.parse_args()
    from tests import canary_cases as cc

    recs = cc.records()
    out_dir = Path(tempfile.mkdtemp(prefix="canary-stream-"))
    save(build([Record(r.id, r.text) for r in recs], shared_encoder()), out_dir)
    guard = Guard(
        Policy.model_validate({"detectors": {"secrets": {}, "canary": {"index": str(out_dir)}}})
    )
    rng = random.Random(20261126)
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    held: dict[str, list[int]] = defaultdict(list)
    seen: dict[str, int] = defaultdict(int)
    t0 = time.perf_counter()
    for p in cc.probes():
        if args.limit and seen[p.variant] >= args.limit:
            continue
        seen[p.variant] += 1
        own = p.record_id if p.should_flag else None
        whole = flagged(guard.inspect(p.text, channel="model_output").findings, own)
        s = StreamSanitizer(guard, "model_output")
        most = 0
        for c in chunks(p.text, rng):
            s.feed(c)
            most = max(most, s.held)
        s.close()
        streamed = flagged(s.findings, own)
        row = rows[p.variant]
        row["n"] += 1
        row["whole"] += whole
        row["streamed"] += streamed
        row["agree"] += whole == streamed
        held[p.variant].append(most)
    elapsed = time.perf_counter() - t0
    print(f"agentguard at {git_state()}; {sum(seen.values())} probes in {elapsed:.0f} s\n")
    print(
        "| variant | probes | flagged whole | flagged streamed | agree "
        "| held max, median | held max, worst |"
    )
    print("| --- | --: | --: | --: | --: | --: | --: |")
    for variant, row in rows.items():
        h = held[variant]
        print(
            f"| {variant} | {row['n']} | {row['whole']} | {row['streamed']} | {row['agree']} "
            f"| {statistics.median(h):.0f} | {max(h)} |"
        )


if __name__ == "__main__":
    main()
