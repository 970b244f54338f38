"""The memorisation detector: does this output reproduce a registered record?

Scoring (:class:`Thresholds` holds the cut points; ``docs/canaries.md`` the calibration):

1. **Lexical.** The output's word n-grams are looked up among the records'. A record's
   *coverage* is the share of its distinct n-grams the output contains. Coverage at least
   ``verbatim`` is a verbatim copy; at least ``near`` a fragment or an edited copy.
2. **Semantic.** Each window of the output (sentences and runs of them) is embedded and its
   nearest record vectors found; the best cosine per record is its *similarity*.
3. **Facts.** A record's *fact recall* is the weighted share of its distinctive facts
   (names, numbers, dates, identifiers, rare words) present anywhere in the output.
   Near-verbatim and semantic matches need fact recall at least ``facts`` — the same
   template filled with another record's facts does not match — unless the record has
   almost no facts (weight below ``few_facts``), when stricter coverage or similarity
   alone decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agentguard.canary import facts as facts_mod
from agentguard.canary import hashing, shingles, windows
from agentguard.canary.encoder import Encoder, shared_encoder
from agentguard.canary.index import CanaryIndex, load
from agentguard.canary.search import Search, searcher
from agentguard.detectors.base import Hit
from agentguard.findings import Channel

TECHNIQUE = "AML.T0057"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The decision's cut points (calibrated in ``benchmarks/canary_quality.py``)."""

    verbatim: float = 0.9  # coverage: a verbatim copy
    near: float = 0.4  # coverage: a fragment or an edited copy (facts gate applies)
    near_few_facts: float = 0.6  # the same, for a record with almost no facts
    similar: float = 0.6  # cosine: a paraphrase (facts gate applies)
    similar_few_facts: float = 0.8  # the same, for a record with almost no facts
    facts: float = 0.5  # fact recall the gate asks for
    few_facts: float = 2.0  # a record whose fact weight is below this has "few facts"


DEFAULT = Thresholds()


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the stages measured for one record against one output."""

    record: int
    coverage: float
    similarity: float
    facts: float
    fact_weight: float
    window: tuple[int, int] | None  # the best semantic window's span


def decide(ev: Evidence, t: Thresholds = DEFAULT) -> tuple[str, float] | None:
    """``(kind, score)`` for a match, or None."""
    few = ev.fact_weight < t.few_facts
    gate = few or ev.facts >= t.facts
    if ev.coverage >= t.verbatim:
        return "verbatim", ev.coverage
    if ev.coverage >= (t.near_few_facts if few else t.near) and gate:
        return "near_verbatim", ev.coverage
    if ev.similarity >= (t.similar_few_facts if few else t.similar) and gate:
        return "semantic", ev.similarity if few else (ev.similarity + ev.facts) / 2
    return None


#: An n-gram shared by more records than this is template, not content: not counted.
COMMON_NGRAM = 64
#: Nearest record vectors looked at per window.
TOP_K = 8
#: Channels the detector runs on unless the policy says otherwise.
CHANNELS = frozenset({Channel.MODEL_OUTPUT, Channel.TOOL_OUTPUT, Channel.RETRIEVAL, Channel.LOG})


@dataclass(frozen=True, slots=True)
class Match:
    """One record found in an output (never its text)."""

    record: str
    kind: str  # verbatim | near_verbatim | semantic
    score: float
    coverage: float
    similarity: float
    facts: float
    start: int
    end: int


class CanaryDetector:
    """A text detector (``scan(text)`` → hits) over a :class:`CanaryIndex`."""

    name = "canary"
    channels = CHANNELS

    def __init__(
        self,
        index: CanaryIndex,
        encoder: Encoder | None = None,
        thresholds: Thresholds = DEFAULT,
    ) -> None:
        self.index = index
        self.thresholds = thresholds
        self.encoder = encoder or shared_encoder(index.model)
        self._search: Search = searcher(index.vectors)
        common = _common_ngrams(index.ngram_hashes, COMMON_NGRAM)
        keep = ~np.isin(index.ngram_hashes, common) if len(common) else slice(None)
        self._hashes = index.ngram_hashes[keep]
        self._owners = index.ngram_owners[keep]

    @classmethod
    def from_path(cls, path: str | Path, model: str | None = None) -> CanaryDetector:
        return cls(load(path, model))

    def __repr__(self) -> str:
        return f"CanaryDetector({self.index!r})"

    def scan(self, text: str) -> list[Hit]:
        return [
            Hit(
                m.start,
                m.end,
                f"memorisation/{m.kind}",
                m.record,
                "critical" if m.kind == "verbatim" else "high",
                round(m.score, 4),
                TECHNIQUE,
            )
            for m in self.matches(text)
        ]

    # --- the stages ----------------------------------------------------------------------

    def matches(self, text: str) -> list[Match]:
        out = []
        for ev in self.evidence(text):
            decided = decide(ev, self.thresholds)
            if decided is None:
                continue
            kind, score = decided
            start, end = ev.window if kind == "semantic" and ev.window else (0, len(text))
            rid = self.index.ids[ev.record]
            out.append(Match(rid, kind, score, ev.coverage, ev.similarity, ev.facts, start, end))
        return sorted(out, key=lambda m: (m.start, -m.score))

    def evidence(self, text: str, floor: float | None = None) -> list[Evidence]:
        """Every record either stage brings up, with all three measures."""
        if not text.strip():
            return []
        t = self.thresholds
        coverage = self._coverage(text)
        wins = windows.windows(text)
        low = min(t.similar, t.similar_few_facts) if floor is None else floor
        similarity, where = self._similarity([w.text for w in wins], low)
        candidates = set(coverage) | set(similarity)
        if not candidates:
            return []
        recall = self._fact_recall(text, candidates)
        totals = self.index.fact_total
        return [
            Evidence(
                rec,
                coverage.get(rec, 0.0),
                similarity.get(rec, 0.0),
                recall.get(rec, 0.0),
                float(totals[rec]),
                (wins[where[rec]].start, wins[where[rec]].end) if rec in where else None,
            )
            for rec in sorted(candidates)
        ]

    def _coverage(self, text: str) -> dict[int, float]:
        grams = np.unique(hashing.digests(self.index.key, shingles.ngrams(text)))
        if not len(grams) or not len(self._hashes):
            return {}
        lo = np.searchsorted(self._hashes, grams, side="left")
        hi = np.searchsorted(self._hashes, grams, side="right")
        hit = hi > lo
        if not hit.any():
            return {}
        owners = np.concatenate([self._owners[a:b] for a, b in zip(lo[hit], hi[hit], strict=True)])
        recs, counts = np.unique(owners, return_counts=True)
        totals = self.index.ngram_counts[recs]
        return {
            int(r): float(c) / max(int(t), 1) for r, c, t in zip(recs, counts, totals, strict=True)
        }

    def _similarity(
        self, wins: Sequence[str], floor: float
    ) -> tuple[dict[int, float], dict[int, int]]:
        if not wins or not len(self.index.vectors):
            return {}, {}
        vecs = self.encoder.encode(list(wins))
        scores, rows = self._search.top(vecs, TOP_K)
        best: dict[int, float] = {}
        where: dict[int, int] = {}
        owners = self.index.owners
        for w in range(len(wins)):
            for s, r in zip(scores[w], rows[w], strict=True):
                if s < floor:
                    break
                rec = int(owners[r])
                if s > best.get(rec, -1.0):
                    best[rec], where[rec] = float(s), w
        return best, where

    def _fact_recall(self, text: str, records: Iterable[int]) -> dict[int, float]:
        idx = self.index
        keys = {hashing.digest(idx.key, k) for k in facts_mod.output_keys(text)}
        if not keys:
            return {}
        wanted = np.fromiter(records, dtype=np.int32)
        rows = np.nonzero(np.isin(idx.fact_owner, wanted))[0]
        present = np.asarray(
            [
                int(idx.fact_alt[r, 0]) in keys
                or (idx.fact_alt[r, 1] and int(idx.fact_alt[r, 1]) in keys)
                for r in rows
            ],
            dtype=bool,
        )
        got: dict[int, float] = {}
        for r, ok in zip(rows, present, strict=True):
            if ok:
                owner = int(idx.fact_owner[r])
                got[owner] = got.get(owner, 0.0) + float(idx.fact_weight[r])
        return {
            rec: got.get(rec, 0.0) / float(idx.fact_total[rec]) if idx.fact_total[rec] else 0.0
            for rec in wanted.tolist()
        }


def _common_ngrams(hashes: np.ndarray, limit: int) -> np.ndarray:
    if not len(hashes):
        return hashes
    values, counts = np.unique(hashes, return_counts=True)
    return values[counts > limit]
