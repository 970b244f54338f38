"""Signals inside strings: base64 float blobs, runs of numbers in free text, embedded JSON.

Embedding APIs return vectors as base64 little-endian float32 (or float16) when asked;
logs print vectors as ``[0.0123, -0.0456, …]`` or numpy's space-separated form; and tools
return JSON as text. All three are decoded here so the structural tests can see them.
Every pattern that runs over untrusted text is RE2 (linear time, no backtracking): a run
of a million digits must not stall a log line.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import struct
from collections.abc import Iterator

import re2


class Pattern:
    """An RE2 pattern for str, matched on bytes when the text is ASCII (the usual case):
    the wrapper's str path re-encodes the text and converts offsets for every match."""

    __slots__ = ("_bytes", "_str")

    def __init__(self, pattern: str) -> None:
        self._str = re2.compile(pattern)
        self._bytes = re2.compile(pattern.encode("ascii"))

    def finditer(self, text: str) -> Iterator[tuple[int, int, tuple[str, ...]]]:
        """``(start, end, groups)`` of every match, in character offsets."""
        if text.isascii():
            for m in self._bytes.finditer(text.encode("ascii")):
                groups = tuple(g.decode("ascii") if g else "" for g in m.groups())
                yield m.start(), m.end(), groups
        else:
            for m in self._str.finditer(utf8_safe(text)):
                yield m.start(), m.end(), tuple(g or "" for g in m.groups())

    def search(self, text: str) -> bool:
        if text.isascii():
            return self._bytes.search(text.encode("ascii")) is not None
        return self._str.search(utf8_safe(text)) is not None

    def fullmatch(self, text: str) -> bool:
        if text.isascii():
            return self._bytes.fullmatch(text.encode("ascii")) is not None
        return self._str.fullmatch(utf8_safe(text)) is not None


#: A base64 run long enough for 32 float16 values (64 bytes → 88 characters, padding aside).
B64_RUN = Pattern(r"[A-Za-z0-9+/]{86,}={0,2}")
_NUMBER = r"[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?"
#: Sixteen or more decimal numbers separated by commas, semicolons or whitespace.
FLOAT_RUN = Pattern(rf"{_NUMBER}(?:[\s,;]+{_NUMBER}){{15,}}")
#: ``confidence=0.91834`` / ``"score": 0.8731`` in text: a signal word, the rest of its key,
#: then the number (the key's start is found by :func:`key_numbers`).
KEY_NUMBER = Pattern(
    r"(?i)(?:prob|confiden|score|logit|certaint|likelihood|similarit|relevan|rerank|distance"
    r"|softmax|posterior)[\w.@-]{0,20}\"?\s*[=:]\s*\"?(-?\d+\.\d{2,})"
)
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.@-")
_SPLIT = re.compile(r"[\s,;]+")  # only ever over a FLOAT_RUN match
#: Most JSON values tried inside one string (bounds the work on bracket-heavy text).
MAX_JSON_ATTEMPTS = 256
_DECODER = json.JSONDecoder()
#: Characters a failing JSON attempt may read, per character of the text, in all.
JSON_BUDGET = 4


_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_safe(text: str) -> str:
    """``text`` with lone surrogates (undecodable input bytes) as U+FFFD: same length, so
    offsets carry over, and RE2 (which needs valid UTF-8) can read it."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def decode_floats(blob: str) -> tuple[list[float], str] | None:
    """The float32 (else float16) values of a base64 blob, with the format, or None."""
    try:
        raw = base64.b64decode(blob, validate=True)
    except (binascii.Error, ValueError):
        return None
    for fmt, size in (("f", 4), ("e", 2)):
        if len(raw) % size == 0 and len(raw) >= size * 16:
            values = list(struct.unpack(f"<{len(raw) // size}{fmt}", raw))
            if _plausible(values):
                return values, "float32" if size == 4 else "float16"
    return None


def _plausible(values: list[float]) -> bool:
    # Random bytes read as floats give huge, tiny and non-finite values; encoders don't.
    for x in values:
        if x != x or not -64.0 <= x <= 64.0:
            return False
    small = sum(1 for x in values if x != 0.0 and abs(x) < 1e-12)
    return small <= len(values) // 10


def encode_floats(values: list[float], fmt: str) -> str:
    code = "f" if fmt == "float32" else "e"
    return base64.b64encode(struct.pack(f"<{len(values)}{code}", *values)).decode("ascii")


def float_runs(text: str) -> Iterator[tuple[int, int, list[float]]]:
    """``(start, end, values)`` of every run of decimal numbers in free text."""
    for start, end, _ in FLOAT_RUN.finditer(text):
        values = [float(x) for x in _SPLIT.split(text[start:end]) if x]
        yield start, end, values


#: Where a JSON object or array can start: ``{"`` or ``[`` before a value.
_JSON_START = Pattern(r'\{\s*"|\[\s*[-\d"\[{tfn]')


def key_numbers(text: str) -> Iterator[tuple[str, int, int]]:
    """``(key, start, end)`` of each number written after a signal word's key."""
    for start, end, (number,) in KEY_NUMBER.finditer(text):
        k = start
        while k > 0 and start - k < 30 and text[k - 1] in _KEY_CHARS:
            k -= 1
        key_end = start
        while key_end < end and text[key_end] in _KEY_CHARS:
            key_end += 1
        yield text[k:key_end], end - len(number), end


def json_values(text: str) -> Iterator[tuple[int, int, object]]:
    """``(start, end, value)`` of JSON objects and arrays embedded in text (a log line)."""
    attempts = 0
    budget = JSON_BUDGET * len(text) + 4096
    end = 0
    for j, _, _ in _JSON_START.finditer(text):
        if j < end:
            continue
        if attempts >= MAX_JSON_ATTEMPTS or budget <= 0:
            return
        attempts += 1
        try:
            value, stop = _DECODER.raw_decode(text, j)
        except json.JSONDecodeError as exc:  # it read as far as exc.pos before failing
            budget -= exc.pos - j + 1
            continue
        except (ValueError, RecursionError):
            budget -= len(text)  # unknown reach: count it as the whole text
            continue
        end = stop
        if isinstance(value, dict | list) and value:
            yield j, stop, value


def parse_json(text: str) -> object | None:
    """A whole string that is a JSON object or array, parsed; else None."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict | list) else None


def dumps(value: object, like: str = "") -> str:
    """JSON text for ``value``; indented like ``like`` when that was pretty-printed."""
    indent = None
    if "\n" in like:
        m = _INDENT.search(like[:512])
        indent = len(m.group(1)) if m else 2
    out = json.dumps(value, ensure_ascii=False, indent=indent)
    return out + "\n" if like.endswith("\n") else out


_INDENT = re.compile(r"\n([ ]+)\S")  # only over a short prefix, see dumps
