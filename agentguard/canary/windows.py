"""Windows of an output for the semantic stage: its sentences and runs of them.

Records are a few sentences long, and a leak is usually embedded in other text, so an
output is compared window by window: each sentence, each pair and each triple of
consecutive sentences (a record's worth of text without the chatter around it), no longer
than the index's records need (``CanaryIndex.window_span``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: A sentence ends at . ! ? or a line break, before whitespace and a capital, digit or quote.
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])|\n+")
_WORD = re.compile(r"[^\W\d_]{2}")
#: Longest run of sentences joined into one window.
SPAN = 3
#: Windows taken from one output at most (a very long output is checked in its first part).
MAX_WINDOWS = 512
#: Characters of one window at most (the encoder truncates anyway).
MAX_CHARS = 2000


class Window(NamedTuple):
    start: int
    end: int
    text: str
    sentences: int


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _BOUNDARY.finditer(text):
        if text[pos : m.start()].strip():
            spans.append(_trim(text, pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append(_trim(text, pos, len(text)))
    return spans


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def windows(text: str, span: int = SPAN) -> list[Window]:
    """Distinct windows, in order; at most :data:`MAX_WINDOWS`."""
    spans = sentence_spans(text)
    out: dict[str, Window] = {}
    for i in range(len(spans)):
        for k in range(1, span + 1):
            if i + k > len(spans):
                break
            a, b = spans[i][0], spans[i + k - 1][1]
            chunk = text[a:b][:MAX_CHARS]
            if k == 1 and not _WORD.search(chunk):
                continue  # no word at all (a rule, a list bullet, numbers): nothing to match
            out.setdefault(chunk, Window(a, b, chunk, k))
            if len(out) >= MAX_WINDOWS:
                return list(out.values())
    return list(out.values())
