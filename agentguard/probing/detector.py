"""The probing detector: judge a principal's new query against its recent history.

Four checks, each cheap against a history of a few hundred signatures:

* **near_duplicate** — the mean similarity of the query to its ``k`` nearest earlier
  queries (cosine of embeddings, else MinHash Jaccard) is at least a threshold: a flood of
  minimal variations, the stateful detection of Chen, Carlini & Wagner (2019). An honest
  user who rephrases twice has two close neighbours, not ``k``.
* **sweep** — the same template with exactly one slot or numeric field varied, over at
  least ``sweep_min`` earlier queries, and, where the varied values are numbers, varied in
  regular steps (a service working through its own, unordered, ticket ids is not a sweep).
* **membership** — the same named entity asked about in at least ``membership_min``
  differently worded queries.
* **rate** — more than ``rate_per_minute`` queries in the last minute.

Findings name the principal only by its fingerprint (the store's key).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from agentguard.probing import signature as sig
from agentguard.probing.store import MemoryStore, Store

#: ATLAS AML.T0024: .000 infer membership, .001 invert the model, .002 extract the model.
TECHNIQUE = {
    "near_duplicate": "AML.T0024.001",
    "sweep": "AML.T0024.001",
    "membership": "AML.T0024.000",
    "rate": "AML.T0024.002",
}


@dataclass(frozen=True, slots=True)
class Settings:
    window: float = 172_800.0  # seconds of history each check looks at (two days)
    history: int = 500  # most recent signatures read per check
    k: int = 5
    near_duplicate: float = 0.92  # mean cosine to the k nearest (embeddings)
    near_duplicate_minhash: float = 0.8  # the same, MinHash Jaccard, without embeddings
    sweep_min: int = 8
    membership_min: int = 6
    membership_distinct: float = 0.6  # phrasings count as different below this Jaccard
    membership_share: float = 0.4  # …and they are at least this share of the recent queries
    rate_per_minute: int = 60
    perturbation: float = 0.02  # relative change under which two numbers are "the same"


@dataclass(frozen=True, slots=True)
class Probe:
    kind: str  # near_duplicate | sweep | membership | rate
    score: float
    technique: str


Encode = Callable[[Sequence[str]], np.ndarray]


class ProbingDetector:
    def __init__(
        self,
        store: Store | None = None,
        *,
        key: bytes,
        encode: Encode | None = None,
        settings: Settings | None = None,
        entities: Callable[[str], Sequence[str]] | None = None,
    ) -> None:
        self.store: Store = store or MemoryStore()
        self.key = key
        self.encode = encode
        self.settings = settings or Settings()
        self._entities = entities or _capitalised
        self._decoded: dict[bytes, sig.Signature] = {}

    def observe(
        self, principal: str, scope: str, payload: object, text: str, now: float | None = None
    ) -> list[Probe]:
        """Record the query and return what its history says about the principal."""
        now = time.time() if now is None else now
        st = self.settings
        new = self.signature(payload, text, now)
        raw = self.store.history(principal, scope, since=now - st.window)[-st.history :]
        past = [self._decode(r) for r in raw]
        if any(_same(new, p) for p in past[-_RESENT:]):
            # The same query again: an agent framework re-sends the whole conversation with
            # every model call. It is not a new query, so it is neither kept nor counted.
            return []
        self.store.append(principal, scope, new.dumps(), at=now)
        found: list[Probe] = []
        for check in (self._near_duplicate, self._sweep, self._membership):
            probe = check(new, past)
            if probe is not None:
                found.append(probe)
        recent = sum(1 for p in past if p.t >= now - 60.0) + 1
        if recent > st.rate_per_minute:
            found.append(Probe("rate", recent / st.rate_per_minute, TECHNIQUE["rate"]))
        return found

    def _decode(self, raw: bytes) -> sig.Signature:
        """Each stored signature is parsed once per process (a history is read per query)."""
        hit = self._decoded.get(raw)
        if hit is None:
            if len(self._decoded) >= _DECODED_MAX:
                self._decoded.clear()
            hit = self._decoded[raw] = sig.Signature.loads(raw)
        return hit

    def signature(self, payload: object, text: str, now: float) -> sig.Signature:
        ents = tuple(sorted({sig.keyed(self.key, e.lower()) for e in self._entities(text)}))
        if isinstance(payload, str):
            s = sig.of_text(payload, now, self.key, ents)
            if self.encode is not None:
                s.vec = self.encode([payload[:2000]])[0].astype(np.float16)
            return s
        s = sig.of_call(payload, now, self.key, text)
        s.entities = ents
        return s

    # --- the checks ---------------------------------------------------------------------

    def _near_duplicate(self, new: sig.Signature, past: list[sig.Signature]) -> Probe | None:
        st = self.settings
        if new.tool is not None or (not new.slots and new.fields and new.vec is None):
            return self._perturbed_calls(new, past)
        # Same-template neighbours differ only in their slots: that is a sweep's (or a work
        # queue's) business, judged by _sweep; a flood varies the wording itself.
        others = [p for p in past if p.template != new.template]
        if len(others) < st.k:
            return None
        if new.vec is not None:
            vecs = [p.vec for p in others if p.vec is not None]
            if len(vecs) < st.k:
                return None
            sims = np.asarray(vecs, dtype=np.float32) @ new.vec.astype(np.float32)
            threshold = st.near_duplicate
        else:
            hashes = np.stack([p.minhash for p in others])
            sims = (hashes == new.minhash).mean(axis=1)
            threshold = st.near_duplicate_minhash
        top = np.sort(sims)[-st.k :]
        score = float(top.mean())
        if score >= threshold:
            return Probe("near_duplicate", score, TECHNIQUE["near_duplicate"])
        return None

    def _perturbed_calls(self, new: sig.Signature, past: list[sig.Signature]) -> Probe | None:
        """Tool calls: the same arguments with every number nudged by a hair, many times."""
        st = self.settings
        if not new.fields:
            return None
        close = 0
        for p in past:
            if p.template != new.template or p.slots != new.slots or p.fields == new.fields:
                continue
            if all(_near(p.fields.get(f), v, st.perturbation) for f, v in new.fields.items()):
                close += 1
        if close >= st.k:
            return Probe("near_duplicate", float(close), TECHNIQUE["near_duplicate"])
        return None

    def _sweep(self, new: sig.Signature, past: list[sig.Signature]) -> Probe | None:
        st = self.settings
        varied: Counter[str] = Counter()
        values: dict[str, list[float | int]] = {}
        for p in past:
            if p.template != new.template or len(p.slots) != len(new.slots):
                continue
            if set(p.fields) != set(new.fields):
                continue
            pairs = zip(p.slots, new.slots, strict=True)
            slot_diff = [i for i, (a, b) in enumerate(pairs) if a != b]
            field_diff = [f for f in new.fields if p.fields[f] != new.fields[f]]
            if len(slot_diff) + len(field_diff) != 1:
                continue
            axis = f"slot:{slot_diff[0]}" if slot_diff else f"field:{field_diff[0]}"
            varied[axis] += 1
            values.setdefault(axis, []).append(
                p.slots[slot_diff[0]] if slot_diff else p.fields[field_diff[0]]
            )
        if not varied:
            return None
        axis, count = varied.most_common(1)[0]
        if count + 1 < st.sweep_min:
            return None
        if axis.startswith("field:") and not _regular([float(v) for v in values[axis]]):
            return None
        if len(set(values[axis])) + 1 < st.sweep_min:
            return None
        return Probe("sweep", float(count + 1), TECHNIQUE["sweep"])

    def _membership(self, new: sig.Signature, past: list[sig.Signature]) -> Probe | None:
        st = self.settings
        if not new.entities:
            return None
        mine = set(new.entities)
        about = [p for p in past if mine & set(p.entities)]
        distinct = [new]
        for p in about:
            if all(sig.jaccard(p.minhash, d.minhash) < st.membership_distinct for d in distinct):
                distinct.append(p)
        # A traveller asks about one city all afternoon: an entity that is the principal's
        # topic is not a probe unless it is most of what they ask.
        share = (len(about) + 1) / (len(past) + 1)
        if len(distinct) >= st.membership_min and share >= st.membership_share:
            return Probe("membership", float(len(distinct)), TECHNIQUE["membership"])
        return None


def _same(a: sig.Signature, b: sig.Signature) -> bool:
    return (
        a.template == b.template
        and a.slots == b.slots
        and a.fields == b.fields
        and bool(np.array_equal(a.minhash, b.minhash))
    )


def _near(a: float | None, b: float, tolerance: float) -> bool:
    if a is None:
        return False
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-9)


def _regular(values: Sequence[float]) -> bool:
    """Values in (nearly) equal steps once sorted: an arithmetic sweep, not a work queue."""
    uniq = sorted(set(values))
    if len(uniq) < 3:
        return False
    diffs = np.diff(uniq)
    med = float(np.median(diffs))
    if med <= 0:
        return False
    return float(np.mean(np.abs(diffs - med) <= 0.05 * med)) >= 0.7


_DECODED_MAX = 200_000
#: How far back a query counts as re-sent rather than asked again.
_RESENT = 200
_ENTITY = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z.]+)+|\b[A-Z]{1,3}-?\d{3,}\b")


def _capitalised(text: str) -> list[str]:
    """Names and identifiers, roughly: runs of capitalised words, letter-digit ids."""
    return _ENTITY.findall(text[:4000])
