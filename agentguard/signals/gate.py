"""One pass over a text that says which of the string scans can find anything in it.

A long log line or tool answer is read by four scans (base64 blobs, runs of numbers,
embedded JSON, ``key=score`` pairs). Most texts hold none of them, and each scan is a full
pass, so one multi-pattern pass (Hyperscan, each pattern reported at most once; RE2 one
pattern at a time where Hyperscan is missing) decides which to run at all.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import Any

from agentguard.detectors.secrets.engine import hyperscan
from agentguard.signals.text import Pattern

B64, FLOATS, JSON, KEYED, FINE, WORD = "b64", "floats", "json", "keyed", "fine", "word"
_NUM = r"[-+]?(?:\d+\.\d*|\.\d+)"
_PATTERNS: dict[str, str] = {
    B64: r"[A-Za-z0-9+/]{86}",
    FLOATS: rf"{_NUM}[\s,;]+{_NUM}[\s,;]+{_NUM}[\s,;]+{_NUM}",
    JSON: r'\{\s*"|\[\s*[-\d"\[{tfn]',
    KEYED: r"(?i)(?:prob|confiden|score|logit|certaint|likelihood|similarit|relevan|rerank"
    r"|distance|softmax|posterior)[\w.@-]{0,20}\"?\s*[=:]\s*\"?-?\d+\.\d\d",
    WORD: r"(?i)logprob|logit|embed|vector|metadat|payload|page_content|_additional",
}


class Gate:
    """``gate(text)`` → the names of the patterns that occur in ``text``."""

    def __init__(self, decimals: int) -> None:
        patterns = {**_PATTERNS, FINE: rf"\d\.\d{{{decimals + 1}}}"}
        self._names = list(patterns)
        self._db: Any = None
        if hyperscan is not None and os.environ.get("AGENTGUARD_PREFILTER") != "re2":
            exprs, flags = [], []
            for p in patterns.values():
                caseless = p.startswith("(?i)")
                exprs.append((p[4:] if caseless else p).encode("ascii"))
                flag = hyperscan.HS_FLAG_SINGLEMATCH
                flags.append(flag | (hyperscan.HS_FLAG_CASELESS if caseless else 0))
            self._db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            self._db.compile(expressions=exprs, ids=list(range(len(exprs))), flags=flags)
            self._local = threading.local()
        else:
            self._re2 = {name: Pattern(p) for name, p in patterns.items()}

    def __call__(self, text: str) -> set[str]:
        if self._db is None:
            return {name for name, p in self._re2.items() if p.search(text)}
        found: set[str] = set()
        names = self._names

        def on_match(pid: int, _from: int, _to: int, _flags: int, _ctx: object) -> None:
            found.add(names[pid])

        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._db)
        self._db.scan(
            text.encode("utf-8", "surrogatepass"), match_event_handler=on_match, scratch=scratch
        )
        return found


@lru_cache(maxsize=8)
def gate(decimals: int) -> Gate:
    """The gate for a policy's finest kept decimals (compiled once per value)."""
    return Gate(decimals)
