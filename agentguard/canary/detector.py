"""The memorisation detector: does this output reproduce a registered record?

Scoring (:class:`Thresholds` holds the cut points; ``docs/canaries.md`` the calibration):

1. **Lexical.** The output's word n-grams are looked up among the records'. A record's
   *coverage* is the share of its distinct n-grams the output contains. Coverage at least
   ``verbatim`` is a verbatim copy; at least ``near`` a fragment or an edited copy.
2. **Semantic.** Each window of the output (sentences and runs of them) is embedded and its
   nearest record vectors found; the best cosine per record is its *similarity*.
3. **Facts.** The *region* is the output's sentences close (cosine at least
   :data:`REGION`) to one of the record's vectors: what the output says about it, without
   the chatter around it. Its *fact precision* is the weighted share of its names,
   numbers, dates and identifiers that are the record's own; *fact recall* the weighted
   share of the record's facts found anywhere in the output. The same template filled with
   another record's facts names other people, amounts and dates: low precision, no match.
   A record with too few facts to tell it from its neighbours (weight below ``rich``) is
   judged by coverage or similarity alone, at stricter cut points.
"""

from __future__ import annotations

from collections.abc import Iterable
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

    verbatim: float = 0.9  # coverage: a verbatim copy, whatever else
    rich: float = 3.0  # a record with at least this fact weight is judged by its facts:
    precision: float = 0.65  # …the region's facts must be the record's, at least this share
    near: float = 0.3  # …and coverage at least this is a fragment or an edited copy
    similar: float = 0.6  # …or cosine at least this (region naming 2+ facts) a paraphrase
    facts_similar: float = 0.45  # …or cosine at least this with fact recall at least
    facts_recall: float = 0.5  # …this: a terse summary that names the record's facts
    near_few_facts: float = 0.5  # a record with fewer facts: coverage at least this
    near_few_similar: float = 0.5  # …with cosine at least this (short texts share 4-grams)
    similar_few_facts: float = 0.65  # …or cosine alone, at least this


DEFAULT = Thresholds()


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the stages measured for one record against one output."""

    record: int
    coverage: float  # share of the record's n-grams in the output
    similarity: float  # best cosine of an output window to the record
    facts: float  # weighted share of the record's facts found anywhere in the output
    fact_weight: float  # the record's own fact weight
    precision: float  # weighted share of the region's facts that are the record's
    region_weight: float  # fact weight of the region (the sentences near the record)
    window: tuple[int, int] | None  # the best semantic window's span
    region: tuple[int, int] | None = None  # from the region's first sentence to its last


def decide(ev: Evidence, t: Thresholds = DEFAULT) -> tuple[str, float] | None:
    """``(kind, score)`` for a match, or None."""
    if ev.coverage >= t.verbatim:
        return "verbatim", ev.coverage
    if ev.fact_weight < t.rich:  # too few facts to tell one record from another
        if ev.coverage >= t.near_few_facts and ev.similarity >= t.near_few_similar:
            return "near_verbatim", ev.coverage
        if ev.similarity >= t.similar_few_facts:
            return "semantic", ev.similarity
        return None
    if ev.precision < t.precision:  # the output names another record's facts
        return None
    if ev.coverage >= t.near and ev.region_weight >= 1:
        return "near_verbatim", ev.coverage
    if ev.region_weight >= 2 and (
        ev.similarity >= t.similar
        or (ev.similarity >= t.facts_similar and ev.facts >= t.facts_recall)
    ):
        return "semantic", (ev.similarity + ev.precision) / 2
    return None


#: An n-gram shared by more records than this is template, not content: not counted.
COMMON_NGRAM = 64
#: A sentence this close (cosine) to one of a record's vectors is part of its region.
REGION = 0.4
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
    #: A record is never a dict key: key segments a match spans are left alone.
    scans_keys = False

    def __init__(
        self,
        index: CanaryIndex,
        encoder: Encoder | None = None,
        thresholds: Thresholds = DEFAULT,
    ) -> None:
        self.index = index
        self.thresholds = thresholds
        self.encoder = encoder or shared_encoder(index.model)
        self._search: Search = searcher(index.vectors, graph=index.graph)
        common = _common_ngrams(index.ngram_hashes, COMMON_NGRAM)
        keep = ~np.isin(index.ngram_hashes, common) if len(common) else slice(None)
        self._hashes = index.ngram_hashes[keep]
        self._owners = index.ngram_owners[keep]
        self._vec_rows = _rows_by_owner(index.owners, len(index.ids))
        order = np.argsort(index.fact_owner, kind="stable")
        owners_sorted = index.fact_owner[order]
        bounds = np.searchsorted(owners_sorted, np.arange(len(index.ids) + 1))
        self._fact_rows = {
            i: order[bounds[i] : bounds[i + 1]]
            for i in range(len(index.ids))
            if bounds[i + 1] > bounds[i]
        }

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

    def related(self, sentence: str) -> bool:
        """Could this sentence be part of a record? Streaming holds it while it may be: it
        shares an n-gram with a record, or is as close to one of a record's vectors as the
        sentences of a leak's region are (:data:`REGION`)."""
        if not sentence.strip() or not len(self.index.ids):
            return False
        if self._coverage(sentence):
            return True
        if not len(self.index.vectors):
            return False
        vec = self.encoder.encode([sentence[: windows.MAX_CHARS]])
        scores, _rows = self._search.top(vec, 1)
        return bool(len(scores[0])) and float(scores[0][0]) >= REGION

    # --- the stages ----------------------------------------------------------------------

    def matches(self, text: str) -> list[Match]:
        out = []
        for ev in self.evidence(text):
            decided = decide(ev, self.thresholds)
            if decided is None:
                continue
            kind, score = decided
            start, end = ev.region or ev.window or (0, len(text))
            rid = self.index.ids[ev.record]
            out.append(Match(rid, kind, score, ev.coverage, ev.similarity, ev.facts, start, end))
        return sorted(out, key=lambda m: (m.start, -m.score))

    def evidence(self, text: str, floor: float | None = None) -> list[Evidence]:
        """Every record either stage brings up, with all its measures."""
        if not text.strip():
            return []
        t = self.thresholds
        coverage = self._coverage(text)
        wins = windows.windows(text, span=self.index.window_span)
        vecs = self.encoder.encode([w.text for w in wins]) if wins else None
        # Every record a semantic rule of ``decide`` could accept must be a candidate.
        low = min(t.similar, t.similar_few_facts, t.facts_similar) if floor is None else floor
        similarity, where = self._similarity(vecs, low)
        candidates = set(coverage) | set(similarity)
        if not candidates:
            return []
        recall = self._fact_recall(text, candidates)
        singles = [i for i, w in enumerate(wins) if w.sentences == 1]
        sentence_facts: dict[int, list[tuple[float, set[int]]]] = {}
        totals = self.index.fact_total
        out = []
        for rec in sorted(candidates):
            region = self._region(rec, vecs, singles) if vecs is not None else []
            if region:
                facts_here = []
                for i in region:
                    if i not in sentence_facts:
                        sentence_facts[i] = _strong_facts(self.index.key, wins[i].text)
                    facts_here += sentence_facts[i]
            else:
                if -1 not in sentence_facts:
                    sentence_facts[-1] = _strong_facts(self.index.key, text)
                facts_here = sentence_facts[-1]
            prec, weight = _precision(facts_here, self._record_alts(rec))
            span = (wins[where[rec]].start, wins[where[rec]].end) if rec in where else None
            reach = (wins[region[0]].start, wins[region[-1]].end) if region else None
            out.append(
                Evidence(
                    rec,
                    coverage.get(rec, 0.0),
                    similarity.get(rec, 0.0),
                    recall.get(rec, 0.0),
                    float(totals[rec]),
                    prec,
                    weight,
                    span,
                    reach,
                )
            )
        return out

    def _region(self, rec: int, vecs: np.ndarray, singles: list[int]) -> list[int]:
        """The output's sentences that speak of this record (cosine to any of its vectors at
        least :data:`REGION`): chatter around a leak, or an answer's other parts, stay out."""
        rows = self._vec_rows.get(rec)
        if rows is None or not singles:
            return []
        sims = (vecs[singles] @ self.index.vectors[rows].T).max(axis=1)
        return [singles[j] for j in np.nonzero(sims >= REGION)[0].tolist()]

    def _record_alts(self, rec: int) -> set[int]:
        rows = self._fact_rows.get(rec)
        if rows is None:
            return set()
        alt = self.index.fact_alt[rows]
        return {int(x) for x in alt.ravel() if x}

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
        self, vecs: np.ndarray | None, floor: float
    ) -> tuple[dict[int, float], dict[int, int]]:
        if vecs is None or not len(vecs) or not len(self.index.vectors):
            return {}, {}
        scores, rows = self._search.top(vecs, TOP_K)
        best: dict[int, float] = {}
        where: dict[int, int] = {}
        owners = self.index.owners
        for w in range(len(vecs)):
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


def _strong_facts(key: bytes, text: str) -> list[tuple[float, set[int]]]:
    """Each name, number, date and identifier of an output region, with the keyed forms
    that reveal it (rare words are left out: a template shares them)."""
    return [
        (facts_mod.WEIGHTS[kind], {hashing.digest(key, a) for a in facts_mod.alternatives(f)})
        for f, kind in facts_mod.facts(text).items()
        if kind in facts_mod.STRONG
    ]


def _precision(region: list[tuple[float, set[int]]], record: set[int]) -> tuple[float, float]:
    """(weighted share of the region's facts that are the record's, the region's weight)."""
    total = sum(w for w, _ in region)
    if not total:
        return 0.0, 0.0
    mine = sum(w for w, keys in region if keys & record)
    return mine / total, total


def _rows_by_owner(owners: np.ndarray, n: int) -> dict[int, np.ndarray]:
    order = np.argsort(owners, kind="stable")
    bounds = np.searchsorted(owners[order], np.arange(n + 1))
    return {i: order[bounds[i] : bounds[i + 1]] for i in range(n) if bounds[i + 1] > bounds[i]}


def _common_ngrams(hashes: np.ndarray, limit: int) -> np.ndarray:
    if not len(hashes):
        return hashes
    values, counts = np.unique(hashes, return_counts=True)
    return values[counts > limit]
