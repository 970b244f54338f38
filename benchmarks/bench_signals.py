"""Inversion-signal cost: ~50 KB JSON tool results, default guard vs secrets only.

Run with the project venv: ``.venv/bin/python benchmarks/bench_signals.py``.

* **Payloads:** three kinds of tool result, built deterministically (fixed seed) to about
  ``--size`` bytes of ``json.dumps`` each:

  - ``rag``: a search/RAG tool result, ~40 retrieved chunks (id, title, url, a 600–900
    character prose snippet from ``corpus.prose``, a similarity score, metadata);
  - ``catalogue``: an e-commerce catalogue page, ~250 products (ids, names, prices with two
    decimals, stock, tags, ratings, short descriptions, the warehouse's coordinates);
  - ``analytics``: a metrics report, nested counts and rates, a traffic-share breakdown and
    five time series of 100 floats.

  Each in two variants of the same size: **clean** (nothing that is a signal: scores at one
  decimal, no embeddings, no logprobs, metadata only allow-listed keys) and **signals**
  (the same kind of payload carrying a few signals: 384-float embeddings, a classifier
  answer with fine probabilities, a logprobs block, fine similarity scores, metadata outside
  the allow-list); the signals variant has correspondingly fewer filler records.
* **Calls:** ``Guard(Policy()).inspect(payload, channel="tool_output")`` (the default: signal
  walk, then the secret detector) against ``Guard(Policy(signals={"enabled": False}))``
  (secrets only), each on the payload as a dict and as its JSON string.
* **Checks before timing:** a clean payload gives no finding and the very same object back;
  a signals payload gives ``inversion_signal/*`` findings of exactly the expected kinds.

The process is pinned to one CPU; the two guards' calls alternate, each timed on its own,
garbage collector paused; the table gives medians (and p90) in microseconds.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
from provenance import git_state

from agentguard import Guard, Policy

SEED = 20261126
SIZE = 50_000
EMB_DIM = 384
TARGET_US = {"clean": 300.0, "signals": 1000.0}
Payload = dict[str, Any]


# --------------------------------------------------------------------------- building blocks


class Prose:
    """Sentence-aligned slices of ``corpus.prose``, handed out in order."""

    def __init__(self, seed: int) -> None:
        self.sentences = corpus.prose(400_000, seed).replace("\n\n", " ").split(". ")
        self.i = 0

    def text(self, rng: random.Random, lo: int, hi: int) -> str:
        want = rng.randint(lo, hi)
        out: list[str] = []
        size = 0
        while size < want:
            s = self.sentences[self.i % len(self.sentences)].strip()
            self.i += 1
            if s:
                out.append(s)
                size += len(s) + 2
        text = ". ".join(out) + "."
        return text if len(text) <= hi else text[:hi].rsplit(" ", 1)[0]


def embedding(rng: random.Random, dim: int = EMB_DIM) -> list[float]:
    """A unit-norm float32-like vector printed at 7 decimals (~4 KB of JSON)."""
    v = [rng.gauss(0.0, 1.0) for _ in range(dim)]
    norm = math.sqrt(sum(x * x for x in v))
    return [round(x / norm, 7) for x in v]


def walk(rng: random.Random, n: int, start: float, step: float, nd: int) -> list[float]:
    """A smooth series (a random walk), as metrics are."""
    out, x = [], start
    for _ in range(n):
        x += rng.gauss(0.0, step)
        out.append(round(x, nd))
    return out


def fill(payload: Payload, items: list[Any], make: Callable[[int], Any], size: int) -> int:
    """Append ``make(i)`` to ``items`` while the JSON of ``payload`` stays within ``size``."""
    total = len(json.dumps(payload))
    i = 0
    while True:
        item = make(i)
        extra = len(json.dumps(item)) + (2 if items else 0)
        if total + extra > size:
            return i
        items.append(item)
        total += extra
        i += 1


_SUMMARY = "The anomaly on Tuesday follows the release of version four and recovered by noon"


def logprobs_block(rng: random.Random, n_tokens: int = 24) -> dict[str, Any]:
    """OpenAI chat-completions style ``logprobs`` with three alternatives per token."""
    words = _SUMMARY.split()
    content = []
    for i in range(n_tokens):
        tok = words[i % len(words)]
        content.append(
            {
                "token": tok,
                "logprob": round(-abs(rng.gauss(0.0, 0.4)), 6),
                "bytes": list(tok.encode()),
                "top_logprobs": [
                    {"token": w, "logprob": round(-abs(rng.gauss(1.5, 1.0)), 6)}
                    for w in rng.sample(words, 3)
                ],
            }
        )
    return {"content": content}


def distribution(rng: random.Random, labels: list[str]) -> dict[str, float]:
    raw = [rng.random() ** 3 for _ in labels]
    total = sum(raw)
    return {k: round(x / total, 4) for k, x in zip(labels, raw, strict=True)}


# --------------------------------------------------------------------------- (a) RAG result


def rag(signals: bool, size: int, seed: int) -> tuple[Payload, int]:
    rng, prose = random.Random(seed), Prose(seed)
    query = "how do regional rail operators schedule maintenance windows"
    p: Payload = {
        "tool": "knowledge_search",
        "query": query,
        "index": "kb-articles-2026-11",
        "took_ms": 42,
        "total_hits": 1873,
        "results": [],
    }
    if signals:
        p["query_embedding"] = embedding(rng)
        p["rerank_model"] = "ms-marco-MiniLM-L-6-v2"
    sources = ("handbook", "wiki", "support-portal", "blog", "policies")

    def chunk(i: int) -> dict[str, Any]:
        doc = f"doc-{rng.randrange(10**6):06d}"
        score = 0.95 - i * 0.012
        meta: dict[str, Any] = {
            "source": rng.choice(sources),
            "title": prose.text(rng, 30, 70),
            "url": f"https://kb.example.com/articles/{doc}",
            "page": rng.randint(1, 40),
            "published_at": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            "language": "en",
            "tags": rng.sample(["rail", "ops", "safety", "planning", "hr", "it", "finance"], 3),
        }
        r: dict[str, Any] = {
            "id": doc,
            "title": meta["title"],
            "url": meta["url"],
            "snippet": prose.text(rng, 600, 900),
            "score": round(score, 4 if signals else 1),
            "metadata": meta,
        }
        if signals and i in (1, 4, 7):  # internal fields a vector store keeps
            meta["chunk_index"] = rng.randint(0, 300)
            meta["vector_id"] = f"{rng.getrandbits(64):016x}"
            meta["ingest_path"] = f"/srv/ingest/batch-{rng.randint(1, 99)}/{doc}.md"
        if signals and i == 0:
            r["embedding"] = embedding(rng)
        return r

    return p, fill(p, p["results"], chunk, size)


# --------------------------------------------------------------------------- (b) catalogue


def catalogue(signals: bool, size: int, seed: int) -> tuple[Payload, int]:
    rng, prose = random.Random(seed), Prose(seed + 1)
    p: Payload = {
        "tool": "catalog_search",
        "query": {"q": "trail running shoes", "page": 3, "page_size": 250, "sort": "popularity"},
        "currency": "EUR",
        "total": 4211,
        "products": [],
    }
    if signals:
        cats = ["shoes", "apparel", "accessories", "outdoor", "electronics"]
        p["query_intent"] = {"label": "shoes", "probabilities": distribution(rng, cats)}
        p["ranking"] = {"model": "reco-v3", "confidence": round(rng.uniform(0.6, 0.99), 5)}
        p["query_embedding"] = embedding(rng)
    adjectives = ("Trail", "Road", "Ultra", "Light", "Storm", "Alpine", "City", "Race")
    nouns = ("Runner", "Glide", "Pacer", "Strider", "Sprint", "Trek", "Flow")
    warehouses = [
        ("Leipzig", 51.3397, 12.3731),
        ("Rotterdam", 51.9244, 4.4777),
        ("Lyon", 45.764, 4.8357),
        ("Poznan", 52.4064, 16.9252),
    ]

    def product(i: int) -> dict[str, Any]:
        _, lat, lon = rng.choice(warehouses)
        return {
            "id": 100_000 + i * 7,
            "name": f"{rng.choice(adjectives)} {rng.choice(nouns)} {rng.randint(2, 9)}",
            "price": round(rng.uniform(19, 240), 2),
            "stock": rng.randint(0, 400),
            "tags": rng.sample(["waterproof", "vegan", "wide", "sale", "new"], 2),
            "rating": round(rng.uniform(2.5, 5.0), 1),
            "description": prose.text(rng, 20, 40),
            "warehouse_coords": [lon, lat],
        }

    return p, fill(p, p["products"], product, size)


# --------------------------------------------------------------------------- (c) analytics


def analytics(signals: bool, size: int, seed: int) -> tuple[Payload, int]:
    rng = random.Random(seed)
    p: Payload = {
        "tool": "analytics_report",
        "report": "weekly_traffic",
        "period": {"from": "2026-08-17", "to": "2026-11-24", "granularity": "day"},
        "totals": {
            "sessions": 1_284_331,
            "users": 402_117,
            "pageviews": 5_120_877,
            "bounce_rate": 0.4123,
            "conversion_rate": 0.0318,
            "revenue": 931_442.17,
            "avg_session_s": 187.4,
        },
        "traffic_share": {"organic": 0.4312, "paid": 0.2188, "direct": 0.2077, "social": 0.1423},
        "series": {
            "sessions": walk(rng, 100, 12_000.0, 400.0, 1),
            "p95_latency_ms": walk(rng, 100, 310.0, 8.0, 2),
            "error_rate": [abs(x) for x in walk(rng, 100, 0.004, 0.0004, 5)],
            "revenue_eur": walk(rng, 100, 9_300.0, 350.0, 2),
            "wow_change_pct": walk(rng, 100, 0.0, 0.4, 3),
        },
        "by_country": [
            {
                "country": c,
                "sessions": rng.randint(10_000, 400_000),
                "conversion_rate": round(rng.uniform(0.01, 0.05), 4),
                "revenue": round(rng.uniform(10_000, 300_000), 2),
            }
            for c in ("DE", "FR", "NL", "PL", "ES", "IT", "SE", "AT", "BE", "CZ")
        ],
        "pages": [],
    }
    if signals:
        p["anomaly"] = {
            "detected": True,
            "anomaly_probability": round(rng.uniform(0.7, 0.99), 5),
            "summary": "The anomaly on Tuesday follows the release of version four.",
            "logprobs": logprobs_block(rng),
        }
        p["segment_embedding"] = embedding(rng)
    sections = ("blog", "shop", "help", "account", "careers", "docs")

    def page(i: int) -> dict[str, Any]:
        return {
            "path": f"/{rng.choice(sections)}/{rng.randrange(10**5)}-{i}",
            "views": rng.randint(100, 90_000),
            "unique_views": rng.randint(50, 60_000),
            "avg_time_s": round(rng.uniform(5, 400), 1),
            "exit_rate": round(rng.uniform(0.05, 0.9), 3),
            "entrances": rng.randint(0, 20_000),
        }

    return p, fill(p, p["pages"], page, size)


BUILDERS = {"rag": rag, "catalogue": catalogue, "analytics": analytics}
#: The finding kinds each signals payload must give (after ``inversion_signal/``).
EXPECTED = {
    "rag": {"embedding", "retrieval_score", "metadata"},
    "catalogue": {"embedding", "probabilities"},
    "analytics": {"embedding", "probabilities", "logprobs"},
}


# --------------------------------------------------------------------------- checks and timing


def check(guard: Guard, name: str, variant: str, form: str, payload: Any) -> Counter[str]:
    v = guard.inspect(payload, channel="tool_output")
    kinds = Counter(f.kind for f in v.findings)
    where = f"{name}/{variant}/{form}"
    if variant == "clean":
        if v.findings or v.payload is not payload:
            raise SystemExit(f"{where}: clean payload gave {dict(kinds)} or a changed copy")
        return kinds
    signal = {k.removeprefix("inversion_signal/") for k in kinds if k.startswith("inversion_")}
    if signal != EXPECTED[name] or len(signal) != len(kinds):
        raise SystemExit(f"{where}: expected {sorted(EXPECTED[name])}, got {dict(kinds)}")
    return kinds


def time_pair(a: Guard, b: Guard, payload: Any, reps: int) -> tuple[list[float], list[float]]:
    """Alternate calls to ``a`` and ``b``, each timed on its own (ns)."""
    ta: list[float] = []
    tb: list[float] = []
    ia, ib, clock = a.inspect, b.inspect, time.perf_counter_ns
    for _ in range(max(10, reps // 20)):  # warm-up
        ia(payload, channel="tool_output")
        ib(payload, channel="tool_output")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(reps):
            t0 = clock()
            ia(payload, channel="tool_output")
            t1 = clock()
            ib(payload, channel="tool_output")
            t2 = clock()
            ta.append(t1 - t0)
            tb.append(t2 - t1)
    finally:
        if enabled:
            gc.enable()
    return ta, tb


def revision() -> str:
    """The commit measured, and whether ``agentguard/`` differs from it."""
    state = git_state()
    head, dirty = state.removesuffix("+dirty"), state.endswith("+dirty")
    return f"agentguard at {head}{' + uncommitted changes' if dirty else ''}"


def p90(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=10)[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=SIZE, help="JSON bytes per payload")
    ap.add_argument("--reps", type=int, default=2000, help="timed calls per guard and row")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--only", default=",".join(BUILDERS), help="payload kinds to run")
    ap.add_argument("--cpu", type=int, default=None, help="core to pin to (default: first)")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        cpu = args.cpu if args.cpu is not None else min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})

    measured = revision()  # before timing: the code imported is the code at start
    default = Guard(Policy())
    secrets = Guard(Policy(signals={"enabled": False}))
    rows: list[str] = []
    notes: list[str] = []
    for name in args.only.split(","):
        for variant in ("clean", "signals"):
            payload, n_items = BUILDERS[name](variant == "signals", args.size, args.seed)
            as_json = json.dumps(payload)
            size = len(as_json)
            if abs(size - args.size) > args.size // 10:
                raise SystemExit(f"{name}/{variant}: {size} bytes, not within 10% of {args.size}")
            target = TARGET_US[variant]
            for form, obj in (("dict", payload), ("JSON str", as_json)):
                kinds = check(default, name, variant, form, obj)
                check(secrets, name, "clean", form, obj)  # signals off: no finding, same object
                if form == "dict":
                    found = ", ".join(
                        f"{k.removeprefix('inversion_signal/')} ×{n}"
                        for k, n in sorted(kinds.items())
                    )
                    notes.append(
                        f"| {name} | {variant} | {size:,} | {n_items} | {found or 'none'} |"
                    )
                print(f"timing {name}/{variant}/{form} ...", file=sys.stderr)
                ta, tb = time_pair(default, secrets, obj, args.reps)
                da, db = statistics.median(ta) / 1e3, statistics.median(tb) / 1e3
                met = "yes" if da <= target else "**no**"
                rows.append(
                    f"| {name} | {size:,} | {variant} | {form} | {da:,.0f} ({p90(ta) / 1e3:,.0f}) "
                    f"| {db:,.0f} ({p90(tb) / 1e3:,.0f}) | {da / db:.2f}× "
                    f"| ≤ {target:,.0f} | {met} |"
                )

    if revision() != measured:
        measured += " (the checkout changed during the run; the imported code is the first)"
    print(f"{measured}; {args.reps} timed calls per guard and row, one CPU, seed {args.seed}")
    print()
    print("| payload | variant | JSON bytes | records | findings (default guard, dict) |")
    print("| --- | --- | --: | --: | --- |")
    print("\n".join(notes))
    print()
    print(
        "| payload | size (B) | variant | fed as | default µs p50 (p90) "
        "| secrets-only µs p50 (p90) | ratio | target µs | met? |"
    )
    print("| --- | --: | --- | --- | --: | --: | --: | --: | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
