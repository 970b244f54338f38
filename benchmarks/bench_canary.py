"""Memorisation check cost: a guarded inspection against a bare ``model.encode`` of its windows.

Run with the project venv: ``HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_canary.py``.

* **Index:** the 63 records of ``tests/canary_cases.py`` plus ``--filler`` generated canaries
  (``agentguard canary generate``), so the search and the n-gram tables are not trivial.
* **Outputs:** model answers of 3, 10 and 30 sentences built from STS-dev sentences (fixed
  seed), each once with a leaked record spliced in and once without.
* **Guarded:** ``Guard(policy with [detectors.canary]).inspect(text, "model_output")`` —
  windows, the encoder, search, n-grams, facts, decision, findings, span.
* **Bare:** ``model.encode(windows)`` on the very same windows, same batch size, same model
  object, normalised: the least any embedding check of those windows can cost.
* Every repetition uses fresh text (a counter is appended to each sentence) and the
  encoder's cache is emptied before each guarded call, so no window comes from it; the
  two calls alternate which goes first; medians reported.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agentguard import Guard, Policy
from agentguard.canary import index as index_mod
from agentguard.canary.encoder import shared_encoder
from agentguard.canary.generate import canaries
from agentguard.canary.records import Record
from agentguard.canary.windows import windows
from tests import canary_cases

STS = Path(__file__).resolve().parents[2] / "shared" / "data" / "sts-benchmark" / "sts-dev.csv"


def sentences() -> list[str]:
    out = []
    for line in STS.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 7:
            out.append(fields[5].strip())
    return [s if s.endswith((".", "!", "?")) else s + "." for s in out if len(s) > 20]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--filler", type=int, default=2000, help="generated canaries in the index")
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):  # torch uses both cores in both calls alike
        os.sched_setaffinity(0, os.sched_getaffinity(0))
    rng = random.Random(args.seed)
    recs = [Record(r.id, r.text) for r in canary_cases.records()] + canaries(args.filler)
    enc = shared_encoder()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        index_mod.save(index_mod.build(recs, enc), tmp)
        build_s = time.perf_counter() - t0
        policy = Policy.model_validate({"detectors": {"canary": {"index": tmp}}})
        guard = Guard(policy)
        pool = sentences()
        leak = canary_cases.records()[0].text
        print(f"index: {len(recs):,} records, built in {build_s:.1f} s")
        print("| output | windows | guarded ms | bare encode ms | ratio | found |")
        print("| --- | --: | --: | --: | --: | --- |")
        counter = 0
        for n in (3, 10, 30):
            for leaked in (False, True):
                guarded, bare, found, nwin = [], [], set(), 0
                for _ in range(args.reps):
                    counter += 1
                    sents = [f"{s[:-1]} {counter}{s[-1]}" for s in rng.sample(pool, n)]
                    if leaked:
                        sents[n // 2] = leak
                    text = " ".join(sents)
                    wins = [w.text for w in windows(text)]
                    nwin = len(wins)
                    for first in (counter % 2 == 0, counter % 2 == 1):  # alternate the order
                        if first:
                            t0 = time.perf_counter()
                            enc.encode_uncached(wins)
                            bare.append(time.perf_counter() - t0)
                        else:
                            enc.clear_cache()  # cold: no window comes from the cache
                            t0 = time.perf_counter()
                            verdict = guard.inspect(text, channel="model_output")
                            guarded.append(time.perf_counter() - t0)
                            found |= {f.kind for f in verdict.findings}
                g, b = statistics.median(guarded), statistics.median(bare)
                label = f"{n} sentences" + (" + a leaked record" if leaked else "")
                kinds = ", ".join(sorted(found)) or "-"
                print(
                    f"| {label} | {nwin} | {g * 1e3:.1f} | {b * 1e3:.1f} | {g / b:.2f}× | {kinds} |"
                )


if __name__ == "__main__":
    main()
