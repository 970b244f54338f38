"""Streaming sanitisation: release streamed text as soon as no secret can still reach it.

A streamed answer arrives in small chunks. Sanitising each chunk alone misses a secret split
across chunks; holding the whole answer delays every token. :class:`StreamSanitizer` holds
back only what a rule can still need:

* **Anchors.** Every rule is parsed once (Python's regex parser; the rules are RE2, whose
  syntax the rules use is the common subset) to find the first literal that every match
  must contain (``ghp_``, ``postgres``/``mysql``/… for ``url-credentials``, the context words
  of a context rule), the most characters a match can have *before* it (``back``) and the
  most it can span from it (``span``). A rule whose pattern cannot be bounded this way falls
  back to its engine keywords and its ``max_len`` windows, exactly what the whole-text
  engine looks at.
* **Incremental prefilter.** Each chunk is searched for anchors (Hyperscan, or one RE2
  alternation), with only the longest anchor's length - 1 of overlap: linear in the stream.
* **Release.** Text before ``n - H`` (``H`` = the longest anchor plus its ``back``) can be
  reached by no future anchor; text before an anchor occurrence's ``start - back`` is out of
  its reach. Text with no anchor near it is released untouched, without running a rule; an
  anchor's region is confirmed by :meth:`Guard.inspect` once it is complete (the match
  cannot grow any more), only over that region (plus a few characters of left context).

The released text, concatenated, equals ``guard.sanitize(whole_text)`` for the built-in
secret detector. A guard with other detectors (whose reach is unknown) is handled safely
by holding everything until :meth:`StreamSanitizer.close`.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agentguard.actions import REWRITING, replacement
from agentguard.detectors.secrets.engine import (
    SecretEngine,
    _HyperscanPrefilter,
    _Re2Prefilter,
    hyperscan,
)
from agentguard.errors import GuardBlocked
from agentguard.findings import Action, Channel, Finding
from agentguard.payload import DROP

if TYPE_CHECKING:
    from agentguard.detectors.secrets.rules import Rule
    from agentguard.guard import Guard

__all__ = ["StreamSanitizer", "asanitize_stream", "sanitize_stream"]

#: Characters of already-released text kept as left context for a confirmation scan
#: (boundaries such as ``\b``, ``(?:^|[^0-9A-Za-z])`` or ``\\u00XX`` look at most 6 back).
_CONTEXT = 16
#: Characters after a match's longest end that a boundary (``\b``, ``$``) may look at.
_MARGIN = 2
#: An anchor region still open after this many held characters is confirmed anyway over
#: the complete part (so dense anchors cannot hold the stream indefinitely).
_FORCE = 4096


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


def _secret_engine(guard: Guard) -> SecretEngine | None:
    """The guard's only detector's secret engine, or None when other detectors run."""
    if len(guard.detectors) != 1:
        return None
    engine = getattr(guard.detectors[0], "engine", None)
    return engine if isinstance(engine, SecretEngine) else None


_ANCHOR_CACHE: dict[int, tuple[SecretEngine, _Anchors]] = {}


def _anchors_for(engine: SecretEngine) -> _Anchors:
    cached = _ANCHOR_CACHE.get(id(engine))
    if cached is not None and cached[0] is engine:
        return cached[1]
    anchors = _Anchors(engine.rules, engine.prefilter)
    _ANCHOR_CACHE[id(engine)] = (engine, anchors)
    return anchors


# --- the sanitiser -------------------------------------------------------------------------


#: Characters gathered before a batch of small chunks is examined.
BATCH = 32


class StreamSanitizer:
    """Sanitise a text stream chunk by chunk, holding back only what a rule can still need.

    >>> from agentguard import Guard
    >>> s = StreamSanitizer(Guard())
    >>> out = s.feed("token=ghp_Zx81QwErTy5UiOp2") + s.feed("AsDfGh7JkLz0XcVbNm4q done")
    >>> out + s.close()
    'token=[REDACTED:secret/github-pat] done'
    """

    def __init__(
        self,
        guard: Guard,
        channel: Channel | str = "model_output",
        principal: str | None = None,
    ) -> None:
        self.guard = guard
        self.channel = Channel(channel)
        self.principal = principal
        self.findings: list[Finding] = []
        self.blocked = False
        self._closed = False
        self._enabled = guard.policy.channel_enabled(self.channel)
        engine = _secret_engine(guard)
        self._anchors = _anchors_for(engine) if engine is not None else None
        self._hold_all = engine is None
        # The held text is ``_buf``; it starts at absolute offset ``_base``. Everything
        # before ``_released`` has gone out; ``_base <= _released`` keeps a little context.
        self._buf = ""
        self._base = 0
        self._released = 0
        self._open: list[tuple[int, int]] = []  # anchor regions that may still grow
        self._done: list[tuple[int, int]] = []  # complete regions not yet confirmed
        self._open_min_lo = 1 << 62  # the earliest start and end among ``_open``
        self._open_min_hi = 1 << 62
        # Tiny chunks are gathered until BATCH characters before any work is done: the
        # per-call cost of a token stream is in Python bookkeeping, not in detection.
        self._pending: list[str] = []
        self._pending_len = 0

    @property
    def held(self) -> int:
        """Characters received but not yet released."""
        return self._base + len(self._buf) - self._released + self._pending_len

    def feed(self, chunk: str) -> str:
        """Take the next chunk; return the sanitised text that is now safe to release."""
        if self._closed:
            raise ValueError("feed() after close()")
        if self.blocked or not chunk:
            return ""
        if not self._enabled:
            return chunk
        self._pending.append(chunk)
        self._pending_len += len(chunk)
        if self._pending_len < BATCH:
            return ""
        return self._take_pending()

    def _take_pending(self) -> str:
        chunk = "".join(self._pending)
        self._pending.clear()
        self._pending_len = 0
        old_end = self._base + len(self._buf)
        self._buf += chunk
        if self._hold_all:
            return ""
        anchors = self._anchors
        assert anchors is not None
        start = max(old_end - anchors.overlap, self._base)
        new = anchors.find(self._buf[start - self._base :], start, old_end - start)
        if new:
            self._open.extend(new)
            self._open_min_lo = min(self._open_min_lo, *(lo for lo, _ in new))
            self._open_min_hi = min(self._open_min_hi, *(hi for _, hi in new))
        return self._release(final=False)

    def close(self) -> str:
        """End of stream: the rest, sanitised."""
        if self._closed:
            return ""
        self._closed = True
        if self.blocked:
            return ""
        if not self._enabled:
            return ""
        head = self._take_pending() if self._pending else ""
        if self.blocked:
            return head
        return head + self._release(final=True)

    # --- internals ---------------------------------------------------------------------

    def _release(self, final: bool) -> str:
        end = self._base + len(self._buf)
        if final:
            self._done.extend(self._open)
            self._open = []
            safe = end
        else:
            assert self._anchors is not None
            safe = end - self._anchors.horizon
            if self._open:
                # Most feeds complete no region: check the earliest end first.
                if self._open_min_hi <= end:
                    still = []
                    for lo, hi in self._open:
                        if hi <= end:
                            self._done.append((lo, hi))
                        else:
                            still.append((lo, hi))
                    self._open = still
                    self._open_min_hi = min((hi for _, hi in still), default=1 << 62)
                    self._open_min_lo = min((lo for lo, _ in still), default=1 << 62)
                safe = min(safe, self._open_min_lo) if self._open else safe
            if not self._done:
                if safe <= self._released:
                    return ""
                out = self._slice(self._released, safe)
                self._advance(safe)
                return out
        if self._hold_all and final and end > self._released:
            self._done.append((self._released, end))
        if safe <= self._released:
            return ""
        # A complete region that crosses ``safe`` waits until it is wholly releasable
        # (unless _FORCE characters are already waiting): lower ``safe`` to a fixpoint.
        done = [r for r in self._done if r[1] > self._released]
        changed = True
        while changed and not final and safe - self._released < _FORCE:
            changed = False
            for lo, hi in done:
                if lo < safe < hi:
                    safe, changed = max(self._released, lo), lo > self._released
        if safe <= self._released:
            self._done = done
            return ""
        self._done = [r for r in done if r[1] > safe]
        confirm = [r for r in done if r[0] < safe]
        if confirm:
            out = self._confirm(max(min(r[0] for r in confirm), self._released), safe, final)
        else:
            out = self._slice(self._released, safe)
            self._advance(safe)
        return out

    def _slice(self, lo: int, hi: int) -> str:
        return self._buf[lo - self._base : hi - self._base]

    def _advance(self, released: int) -> None:
        self._released = released
        cut = max(self._base, released - _CONTEXT)
        if cut - self._base > 4 * _CONTEXT or cut - self._base > len(self._buf) // 2:
            self._buf = self._buf[cut - self._base :]
            self._base = cut

    def _confirm(self, lo: int, safe: int, final: bool) -> str:
        """Run the guard over ``[lo - context, end)`` and release ``[released, safe)``."""
        end = self._base + len(self._buf)
        scan_lo = max(self._base, lo - _CONTEXT)
        text = self._buf[scan_lo - self._base :]
        verdict = self.guard.inspect(text, self.channel, self.principal)
        findings = sorted(verdict.findings, key=lambda f: (f.start, f.end))
        if not final:
            for f in findings:  # a finding that crosses the cut waits, whole, for later
                a, b = f.start + scan_lo, f.end + scan_lo
                if a < safe < b and f.detector != "guard":
                    safe = max(self._released, a)
        if safe <= self._released:
            return ""
        committed = [
            f
            for f in findings
            if f.detector == "guard" or self._released <= f.start + scan_lo < safe
        ]
        # A finding that began in released text can only come from left context: its
        # remaining part is still redacted below (never a prefix of a secret goes out).
        spill = [
            f
            for f in findings
            if f.detector != "guard" and f.start + scan_lo < self._released < f.end + scan_lo
        ]
        self.findings.extend(
            f.model_copy(update={"start": f.start + scan_lo, "end": f.end + scan_lo})
            if f.detector != "guard"
            else f
            for f in committed
        )
        if any(f.action is Action.BLOCK for f in committed) or (
            verdict.blocked and any(f.detector == "guard" for f in committed)
        ):
            return self._block(verdict.reason or "a finding's action is block")
        out: list[str] = []
        pos = self._released
        policy = self.guard.policy
        for f in sorted(spill + committed, key=lambda f: f.start):
            if f.detector == "guard" or f.action not in REWRITING:
                continue
            a, b = max(f.start + scan_lo, pos), min(f.end + scan_lo, end)
            if a < pos or b <= a:
                continue
            out.append(self._slice(pos, a))
            value = self._slice(f.start + scan_lo, f.end + scan_lo)
            repl = replacement(f.action, f.kind, value, f.fingerprint, policy.mask_prefix)
            out.append("" if repl is DROP else str(repl))
            pos = b
        if pos < safe:
            out.append(self._slice(pos, safe))
        self._advance(max(safe, pos))
        return "".join(out)

    def _block(self, reason: str) -> str:
        self.blocked = True
        self._buf = ""
        self._open = []
        self._done = []
        if self.guard.policy.on_block == "raise":
            raise GuardBlocked(reason, tuple(self.findings), self.channel.value)
        return self.guard.policy.refusal


def sanitize_stream(
    guard: Guard,
    chunks: Iterable[str],
    channel: Channel | str = "model_output",
    principal: str | None = None,
) -> Iterator[str]:
    """Yield the sanitised stream; empty releases are skipped. Stops after a refusal."""
    s = StreamSanitizer(guard, channel, principal)
    for chunk in chunks:
        out = s.feed(chunk)
        if out:
            yield out
        if s.blocked:
            return
    out = s.close()
    if out:
        yield out


async def asanitize_stream(
    guard: Guard,
    chunks: AsyncIterable[str],
    channel: Channel | str = "model_output",
    principal: str | None = None,
) -> AsyncIterator[str]:
    """The async twin of :func:`sanitize_stream`."""
    s = StreamSanitizer(guard, channel, principal)
    async for chunk in chunks:
        out = s.feed(chunk)
        if out:
            yield out
        if s.blocked:
            return
    out = s.close()
    if out:
        yield out
