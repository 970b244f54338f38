"""Where a secret can still be: each rule bounded around a literal anchor it must contain.

Part of the streaming sanitiser (see ``agentguard.streaming``): what it holds back is what
these bounds say a rule can still need.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agentguard.detectors.secrets.engine import (
    SecretEngine,
    _HyperscanPrefilter,
    _Re2Prefilter,
    hyperscan,
)

if TYPE_CHECKING:
    from agentguard.detectors.base import Detector
    from agentguard.detectors.secrets.rules import Rule

#: Characters after a match's longest end that a boundary (``\b``, ``$``) may look at.
_MARGIN = 2


@dataclass(frozen=True, slots=True)
class _Reach:
    """Where matches of the rules listing ``anchor`` can lie, relative to its start."""

    back: int  # a match starts at most this many characters before the anchor
    span: int  # and ends at most this many characters after the anchor's start


# --- bounding each rule from its pattern ---------------------------------------------------


def _parser() -> tuple[Any, Any]:
    # The stdlib regex parser (no stubs), used only to read the rules' patterns.
    parser = importlib.import_module("re._parser")
    constants = importlib.import_module("re._constants")
    return parser, constants


def _max_width(parser: Any, state: Any, items: list[Any]) -> int:
    lo_hi = parser.SubPattern(state, list(items)).getwidth()
    return int(lo_hi[1])


def _lead(
    parser: Any, c: Any, state: Any, items: list[Any], prefix: str = "", least: int = 3
) -> tuple[int, set[str]] | None:
    """The most characters before the first literal that every match contains, and it.

    ``prefix`` is a short literal that immediately precedes ``items`` (``-`` before
    ``(?:H|-header)``): a literal at the very start is joined to it, and the distance
    returned is then negative by its length. ``None`` when no literal is found at a
    bounded distance from the start.
    """
    acc = 0
    i, n = 0, len(items)
    while i < n:
        op, av = items[i]
        lead = prefix if i == 0 else ""
        if _choice(c, items[i]) is not None:
            j, runs = i, {""}
            while j < n and len(runs) <= 16:
                chars = _choice(c, items[j])
                if chars is None:
                    break
                runs = {r + ch for r in runs for ch in chars}
                j += 1
            width = j - i
            if len(lead) + width >= least:
                return acc - len(lead), {(lead + r).lower() for r in runs}
            if j < n and len(runs) == 1:
                (run,) = runs
                after = _lead(parser, c, state, list(items[j:]), lead + run, least)
                if after is not None:
                    return acc + width + after[0], after[1]
            acc += width
            i = j
            continue
        if op is c.SUBPATTERN:
            found = _lead(parser, c, state, list(av[-1]), lead, least)
            if found is not None:
                return acc + found[0], found[1]
        elif op is c.BRANCH:
            alts = [_lead(parser, c, state, list(alt), lead, least) for alt in av[1]]
            if alts and all(a is not None for a in alts):
                back = max(a[0] for a in alts if a is not None)
                anchors = set().union(*(a[1] for a in alts if a is not None))
                return acc + back, anchors
        width = _max_width(parser, state, [items[i]])
        if width >= c.MAXREPEAT:
            return None
        acc += width
        i += 1
    return None


def _choice(c: Any, item: Any) -> str | None:
    """The characters a literal or a small set of literals (``[us]``) can be, else None."""
    op, av = item
    if op is c.LITERAL:
        return chr(av)
    if op is c.IN and 0 < len(av) <= 8 and all(o is c.LITERAL for o, _ in av):
        return "".join(chr(code) for _, code in av)
    return None


def _rule_reach(rule: Rule) -> dict[str, _Reach]:
    """Per anchor literal, how far this rule's matches reach around it."""
    keyword_len = max(len(k) for k in rule.keywords)
    fallback_span = keyword_len + 2 * rule.max_len
    parser, c = _parser()
    try:
        parsed = parser.parse(rule.pattern)
        # Prefer anchors of 3+ characters (rarer in prose); accept 2 where none exists.
        found = _lead(parser, c, parsed.state, list(parsed.data))
        if found is None:
            found = _lead(parser, c, parsed.state, list(parsed.data), least=2)
        width = int(parsed.getwidth()[1])
    except Exception:  # a pattern Python cannot parse: the engine's own windows
        found, width = None, fallback_span
    span = min(width, fallback_span)
    if found is None or found[0] > rule.max_len:
        # The engine's windows: a match lies within max_len of a keyword occurrence.
        return {k: _Reach(rule.max_len, len(k) + rule.max_len) for k in rule.keywords}
    back, anchors = found
    return {a: _Reach(back, span) for a in anchors}


# --- the incremental anchor finder ---------------------------------------------------------


class _Anchors:
    """Anchor literals of a rule set, found incrementally in a stream."""

    def __init__(self, rules: Iterable[Rule], prefilter: str) -> None:
        merged: dict[str, _Reach] = {}
        for rule in rules:
            for anchor, reach in _rule_reach(rule).items():
                old = merged.get(anchor)
                if old is None:
                    merged[anchor] = reach
                else:
                    merged[anchor] = _Reach(max(old.back, reach.back), max(old.span, reach.span))
        self.anchors = list(merged)
        self.reach = [merged[a] for a in self.anchors]
        encoded = [a.encode("utf-8") for a in self.anchors]
        self.overlap = max((len(e) for e in encoded), default=1) - 1
        #: No future anchor can reach text more than this many characters behind the end.
        self.horizon = max(
            (len(a) - 1 + r.back for a, r in zip(self.anchors, self.reach, strict=True)),
            default=0,
        )
        self._pre: _HyperscanPrefilter | _Re2Prefilter | None = None
        if encoded:
            zero = [0] * len(encoded)
            if prefilter == "hyperscan" and hyperscan is not None:
                self._pre = _HyperscanPrefilter(encoded, zero)
            else:
                self._pre = _Re2Prefilter(encoded, zero)

    def find(self, text: str, offset: int, seen: int) -> list[tuple[int, int]]:
        """``(lo, hi)`` absolute character regions that anchors found in ``text`` reach.

        The first ``seen`` characters of ``text`` were searched before (the overlap): an
        occurrence that ends inside them was reported then and is skipped.
        """
        if self._pre is None or not text:
            return []
        data = text.encode("utf-8", "surrogatepass")
        found = self._pre.find(data)
        if not found:
            return []
        ascii_ = len(data) == len(text)
        seen_bytes = seen if ascii_ else len(text[:seen].encode("utf-8", "surrogatepass"))
        out = []
        for kid, spans in found.items():
            reach = self.reach[kid]
            for lo, hi in spans:
                if hi <= seen_bytes:
                    continue
                if not ascii_:  # spans of one anchor merge: lo is the first start, hi the last end
                    lo = len(data[:lo].decode("utf-8", "surrogatepass"))
                    hi = len(data[:hi].decode("utf-8", "surrogatepass"))
                out.append((offset + lo - reach.back, offset + hi + reach.span + _MARGIN))
        return out


def _secret_engine(detectors: Sequence[Detector]) -> SecretEngine | None:
    """The secret engine when it is the only detector left to stream, else None."""
    if len(detectors) != 1:
        return None
    engine = getattr(detectors[0], "engine", None)
    return engine if isinstance(engine, SecretEngine) else None


_ANCHOR_CACHE: dict[int, tuple[SecretEngine, _Anchors]] = {}


def _anchors_for(engine: SecretEngine) -> _Anchors:
    cached = _ANCHOR_CACHE.get(id(engine))
    if cached is not None and cached[0] is engine:
        return cached[1]
    anchors = _Anchors(engine.rules, engine.prefilter)
    _ANCHOR_CACHE[id(engine)] = (engine, anchors)
    return anchors
