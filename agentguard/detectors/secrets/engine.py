"""The secret engine: find keywords, then confirm rules only around them.

Why two stages: a payload is almost always clean, and a multi-literal scan (Hyperscan, or
one RE2 alternation where Hyperscan is missing) clears clean text at memory speed. Only
the rules that list a keyword that occurred run, and only on a window of ``max_len`` on
each side of it, so the confirmation cost follows the keywords, not the rule count.

Everything is linear: RE2 has no backtracking, windows of one rule are merged so that
each byte is confirmed at most once per rule, and offsets are mapped back from UTF-8 in
one pass. Scanning works on the UTF-8 bytes of the text, because the ``re2`` binding
re-encodes a ``str`` on every call (quadratic across many windows).
"""

from __future__ import annotations

import os
import threading
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import re2

from agentguard.detectors.base import Hit
from agentguard.detectors.secrets.allowlist import Allowlist
from agentguard.detectors.secrets.entropy import shannon_entropy
from agentguard.detectors.secrets.rules import ASSIGNMENT_PREFIX, Rule

hyperscan: Any
try:  # Hyperscan is optional (x86-64 Linux wheels only); RE2 is the portable fallback.
    import hyperscan
except ImportError:  # pragma: no cover - exercised by forcing the fallback in tests
    hyperscan = None

TECHNIQUE = "AML.T0055"  # MITRE ATLAS: Unsecured Credentials
#: Rules at or below this priority are "generic": keyword plus entropy, no fixed format.
GENERIC_PRIORITY = 19
_CONTEXT_HEAD = ASSIGNMENT_PREFIX.split("{ctx}", 1)[0]
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.max_mem = 64 << 20  # room for the DFA of the large assignment prefixes
_RE2_OPTIONS.log_errors = False  # errors are raised (naming the rule), not logged

Prefilter = Literal["hyperscan", "re2"]
#: Per keyword index, merged ``[lo, hi]`` byte windows around its occurrences (unclamped).
Windows = dict[int, list[list[int]]]


class _HyperscanPrefilter:
    """All keyword occurrences in one Hyperscan block scan; scratch kept per thread."""

    def __init__(self, keywords: Sequence[bytes], reach: Sequence[int]) -> None:
        self._before = [len(k) + r for k, r in zip(keywords, reach, strict=True)]
        self._after = list(reach)
        self._db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        self._db.compile(
            expressions=list(keywords),
            ids=list(range(len(keywords))),
            flags=hyperscan.HS_FLAG_CASELESS,
            literal=True,
        )
        self._local = threading.local()

    def _scratch(self) -> Any:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        return scratch

    def find(self, data: bytes) -> Windows:
        wins: Windows = {}
        before, after = self._before, self._after

        def on_match(kid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            # Merged as they come (Hyperscan reports in end order): O(1) per occurrence.
            lo, hi = to - before[kid], to + after[kid]
            spans = wins.get(kid)
            if spans is None:
                wins[kid] = [[lo, hi]]
            elif lo <= spans[-1][1]:
                spans[-1][1] = max(hi, spans[-1][1])
            else:
                spans.append([lo, hi])

        self._db.scan(data, match_event_handler=on_match, scratch=self._scratch())
        return wins

    def any(self, data: bytes) -> bool:
        try:
            self._db.scan(data, match_event_handler=_stop, scratch=self._scratch())
        except hyperscan.ScanTerminated:
            return True
        return False


def _stop(*_args: object) -> bool:
    return True


class _Re2Prefilter:
    """The same occurrences from one case-insensitive RE2 alternation.

    RE2 reports one, leftmost-first, match per start position; keywords are ordered
    longest first and the search resumes one byte after each start, and the keywords
    that are prefixes of the one found are added, so the set equals Hyperscan's.
    """

    def __init__(self, keywords: Sequence[bytes], reach: Sequence[int]) -> None:
        self._reach = list(reach)
        order = sorted(range(len(keywords)), key=lambda i: (-len(keywords[i]), keywords[i]))
        alternation = b"|".join(re2.escape(keywords[i]) for i in order)
        self._regex = re2.compile(b"(?i:" + alternation + b")", _RE2_OPTIONS)
        self._index = {k: i for i, k in enumerate(keywords)}
        self._prefixes = {
            i: [(j, len(kj)) for j, kj in enumerate(keywords) if j != i and k.startswith(kj)]
            for i, k in enumerate(keywords)
        }

    def find(self, data: bytes) -> Windows:
        wins: Windows = {}
        reach, prefixes = self._reach, self._prefixes
        pos, n, search = 0, len(data), self._regex.search
        while pos < n:
            m = search(data, pos)
            if m is None:
                break
            start, end = m.span()
            kid = self._index.get(data[start:end].lower())
            if kid is not None:
                for k, e in [(kid, end), *((j, start + size) for j, size in prefixes[kid])]:
                    lo, hi = start - reach[k], e + reach[k]
                    spans = wins.get(k)
                    if spans is None:
                        wins[k] = [[lo, hi]]
                    elif lo <= spans[-1][1]:
                        spans[-1][1] = max(hi, spans[-1][1])
                    else:
                        spans.append([lo, hi])
            pos = start + 1
        return wins

    def any(self, data: bytes) -> bool:
        return self._regex.search(data) is not None


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A rule ready to run: compiled pattern, secret groups and derived scoring."""

    rule: Rule
    regex: Any
    groups: tuple[int, ...]  # groups named secret*, first participating wins; () = whole
    allow: tuple[Any, ...]
    allow_context: tuple[Any, ...]
    entropy: float
    generic: bool
    confidence: float | None


def _compile_rule(rule: Rule, min_entropy: float | None) -> _Compiled:
    try:
        regex = re2.compile(rule.pattern, _RE2_OPTIONS)
        allow = tuple(re2.compile(p, _RE2_OPTIONS) for p in rule.allow)
        allow_context = tuple(re2.compile(p, _RE2_OPTIONS) for p in rule.allow_context)
    except re2.error as exc:  # the message quotes the pattern, never scanned text
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        where = f"rule {rule.id!r} ({rule.source})"
        raise ValueError(f"{where}: invalid RE2 pattern: {reason}") from None
    groups = tuple(sorted(i for name, i in regex.groupindex.items() if name.startswith("secret")))
    generic = rule.priority <= GENERIC_PRIORITY
    entropy = min_entropy if (generic and min_entropy is not None) else rule.entropy
    return _Compiled(rule, regex, groups, allow, allow_context, entropy, generic, rule.confidence)


def _confidence(c: _Compiled, value: str) -> float:
    """Fixed-format rules are near-certain; generic ones scale with the entropy margin."""
    if c.confidence is not None:
        return c.confidence
    if c.generic:
        margin = shannon_entropy(value) - c.entropy if c.entropy else 1.0
        return round(min(0.85, 0.5 + 0.25 * max(0.0, margin)), 3)
    if c.rule.pattern.startswith(_CONTEXT_HEAD):
        return 0.85  # a generic shape named by the provider's words
    return 0.95


def _merge(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    windows.sort()
    merged = [windows[0]]
    for start, end in windows[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            if end > last_end:
                merged[-1] = (last_start, end)
        else:
            merged.append((start, end))
    return merged


def _snap(data: bytes, offset: int) -> int:
    """Move an offset off UTF-8 continuation bytes (only lone surrogates can cause it)."""
    n = len(data)
    while offset < n and 0x80 <= data[offset] < 0xC0:
        offset += 1
    return offset


class SecretEngine:
    """Scans text for every secret the rules describe; returns offsets, never values."""

    def __init__(
        self,
        rules: Iterable[Rule],
        *,
        allowlist: Allowlist | None = None,
        min_entropy: float | None = None,
        prefilter: Prefilter | None = None,
    ) -> None:
        self._rules = [_compile_rule(r, min_entropy) for r in rules]
        self._allowlist = allowlist or Allowlist()
        keywords: dict[str, int] = {}
        by_keyword: list[list[int]] = []
        for ri, c in enumerate(self._rules):
            for kw in c.rule.keywords:
                kid = keywords.setdefault(kw, len(keywords))
                if kid == len(by_keyword):
                    by_keyword.append([])
                by_keyword[kid].append(ri)
        self._by_keyword = by_keyword
        # A keyword's window reaches as far as the longest match of any rule listing it.
        reach = [max(self._rules[ri].rule.max_len for ri in rs) for rs in by_keyword]
        encoded = [k.encode("utf-8") for k in keywords]
        choice = prefilter or os.environ.get("AGENTGUARD_PREFILTER") or "hyperscan"
        if choice not in ("hyperscan", "re2"):
            raise ValueError("prefilter must be 'hyperscan' or 're2'")
        self._pre: _HyperscanPrefilter | _Re2Prefilter | None = None
        if encoded:
            if choice == "hyperscan" and hyperscan is not None:
                self._pre = _HyperscanPrefilter(encoded, reach)
            else:
                self._pre = _Re2Prefilter(encoded, reach)

    @property
    def prefilter(self) -> str:
        """Which prefilter is in use ("hyperscan", "re2" or "none" without rules)."""
        if self._pre is None:
            return "none"
        return "hyperscan" if isinstance(self._pre, _HyperscanPrefilter) else "re2"

    @property
    def rules(self) -> list[Rule]:
        return [c.rule for c in self._rules]

    def might_contain(self, text: str) -> bool:
        """Prefilter only: False means no rule can match ``text``."""
        if self._pre is None or not text:
            return False
        return self._pre.any(text.encode("utf-8", "surrogatepass"))

    def scan(self, text: str) -> list[Hit]:
        """Every secret in ``text``: sorted, non-overlapping character offsets."""
        if self._pre is None or not text:
            return []
        data = text.encode("utf-8", "surrogatepass")
        by_keyword = self._pre.find(data)
        if not by_keyword:
            return []
        candidates: list[tuple[int, int, _Compiled, str]] = []
        for ri, windows in self._windows(by_keyword, len(data)).items():
            self._confirm(self._rules[ri], data, windows, candidates)
        if not candidates:
            return []
        return self._hits(text, data, candidates)

    def _windows(self, by_keyword: Windows, n: int) -> dict[int, list[tuple[int, int]]]:
        """Per rule, the union of its keywords' windows, clamped to the text and merged."""
        per_rule: dict[int, list[tuple[int, int]]] = {}
        for kid, spans in by_keyword.items():
            clamped = [(max(0, lo), min(n, hi)) for lo, hi in spans]
            for ri in self._by_keyword[kid]:
                per_rule.setdefault(ri, []).extend(clamped)
        return {ri: _merge(ws) for ri, ws in per_rule.items()}

    def _confirm(
        self,
        c: _Compiled,
        data: bytes,
        windows: list[tuple[int, int]],
        out: list[tuple[int, int, _Compiled, str]],
    ) -> None:
        n = len(data)
        for lo, hi in windows:
            for m in c.regex.finditer(data, lo, hi):
                mstart, mend = m.span()
                if (mstart == lo and lo != 0) or (mend == hi and hi != n):
                    continue  # touches a cut window edge: the match may be truncated
                start, end = mstart, mend
                for g in c.groups:
                    gs, ge = m.span(g)
                    if gs >= 0:
                        start, end = gs, ge
                        break
                start, end = _snap(data, start), _snap(data, end)
                if end <= start:
                    continue
                value = data[start:end].decode("utf-8", "surrogatepass")
                if self._rejects(c, value, m):
                    continue
                out.append((start, end, c, value))

    def _rejects(self, c: _Compiled, value: str, m: Any) -> bool:
        if c.entropy and shannon_entropy(value) < c.entropy:
            return True
        if any(p.search(value) for p in c.allow):
            return True
        if c.allow_context and any(p.search(m.group()) for p in c.allow_context):
            return True
        return self._allowlist.allows(value, generic=c.generic)

    def _hits(
        self, text: str, data: bytes, candidates: list[tuple[int, int, _Compiled, str]]
    ) -> list[Hit]:
        # Highest priority first, then the longest; keep what does not overlap a keeper.
        candidates.sort(key=lambda t: (-t[2].rule.priority, t[0] - t[1], t[0]))
        starts: list[int] = []
        kept: list[tuple[int, int, _Compiled, str]] = []
        for cand in candidates:
            start, end = cand[0], cand[1]
            i = bisect_left(starts, start)
            if i > 0 and kept[i - 1][1] > start:
                continue
            if i < len(kept) and kept[i][0] < end:
                continue
            starts.insert(i, start)
            kept.insert(i, cand)
        to_char = self._offset_map(text, data, kept)
        return [
            Hit(
                start=to_char[s],
                end=to_char[e],
                kind=c.rule.kind,
                rule=c.rule.id,
                severity=c.rule.severity,
                confidence=_confidence(c, value),
                technique=TECHNIQUE,
            )
            for s, e, c, value in kept
        ]

    @staticmethod
    def _offset_map(
        text: str, data: bytes, kept: list[tuple[int, int, _Compiled, str]]
    ) -> dict[int, int]:
        """Byte offset to character offset for the hit boundaries, in one forward pass."""
        offsets = sorted({o for s, e, _, _ in kept for o in (s, e)})
        if len(data) == len(text):  # ASCII: bytes and characters coincide
            return {o: o for o in offsets}
        mapping: dict[int, int] = {}
        prev_byte = prev_char = 0
        for o in offsets:
            prev_char += len(data[prev_byte:o].decode("utf-8", "surrogatepass"))
            prev_byte = o
            mapping[o] = prev_char
        return mapping

    def __repr__(self) -> str:
        return f"SecretEngine(rules={len(self._rules)}, prefilter={self.prefilter!r})"
