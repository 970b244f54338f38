"""A query's compact signature: what the probing detector remembers instead of the query.

* ``vec`` — the unit sentence embedding of a text query (float16), when the encoder is
  installed: near-duplicates and paraphrases;
* ``minhash`` — 32 MinHash values of the query's word 3-grams: near-duplicates without the
  encoder, and a cheap second opinion with it;
* ``template`` — a keyed hash of the query with its numbers, names and identifiers masked
  (for a tool call: the tool, its argument names and its non-numeric values), and ``slots``
  — keyed hashes of what was masked, in order: one template with one slot varied step by
  step is a sweep;
* ``fields`` — the numeric arguments of a tool call and the short numbers of a prompt (a
  sweep walks one of them); of a number with more than seven digits (a card, a phone, an
  account) only the last four digits are kept;
* ``entities`` — keyed hashes of the names and identifiers the query mentions: the same
  person asked about in many phrasings is membership probing; ``people`` and ``plain``
  say which of them were written as a person's and which were only pairs of uncommon
  words typed in lower case.

Nothing here holds the query's text or a long number from it; hashes are keyed with the
guard's fingerprint key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

K = 32
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20261126)  # fixed: signatures must agree across processes
_A = _rng.integers(1, _PRIME, size=K, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=K, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)
_DIGITS = re.compile(r"\D")
#: Numbers up to this many digits are kept as numbers (sweeps are judged by their steps);
#: longer ones (card, phone, account numbers) only as keyed hashes.
_PLAIN_DIGITS = 7
_NUMBER = re.compile(r"\d[\d,.]*")
#: Masked in a text template: numbers, words with digits, capitalised words mid-sentence.
_SLOT = re.compile(r"\b\d[\d,.]*\b|\b\w*\d\w*\b|(?<=[a-z,;:] )[A-Z][\w'-]+")


@dataclass(slots=True)
class Signature:
    t: float
    tool: str | None
    template: int
    slots: tuple[int, ...]
    minhash: np.ndarray  # uint64[K]
    vec: np.ndarray | None = None  # float16 unit vector
    fields: dict[str, float] = field(default_factory=dict)
    entities: tuple[int, ...] = ()
    people: tuple[int, ...] = ()  # the entities written as a person's or a record's
    plain: tuple[int, ...] = ()  # the entities seen only as lower-case words, unmarked

    def dumps(self) -> bytes:
        doc: dict[str, Any] = {
            "t": self.t,
            "tool": self.tool,
            "tp": self.template,
            "sl": list(self.slots),
            "mh": base64.b64encode(self.minhash.astype("<u8").tobytes()).decode(),
            "f": self.fields,
            "e": list(self.entities),
        }
        if self.people:
            doc["p"] = list(self.people)
        if self.plain:
            doc["l"] = list(self.plain)
        if self.vec is not None:
            doc["v"] = base64.b64encode(self.vec.astype("<f2").tobytes()).decode()
        return json.dumps(doc, separators=(",", ":")).encode()

    @classmethod
    def loads(cls, raw: bytes) -> Signature:
        doc = json.loads(raw)
        vec = doc.get("v")
        return cls(
            t=float(doc["t"]),
            tool=doc.get("tool"),
            template=int(doc["tp"]),
            slots=tuple(doc.get("sl", ())),
            minhash=np.frombuffer(base64.b64decode(doc["mh"]), dtype="<u8").copy(),
            vec=np.frombuffer(base64.b64decode(vec), dtype="<f2").copy() if vec else None,
            fields={k: float(v) for k, v in doc.get("f", {}).items()},
            entities=tuple(doc.get("e", ())),
            people=tuple(doc.get("p", ())),
            plain=tuple(doc.get("l", ())),
        )


#: Argument names whose values are free text, however short.
_TEXT_ARGS = frozenset(
    {"query", "q", "text", "prompt", "message", "input", "question", "expression", "sql",
     "search", "body", "content", "instructions", "code", "command"}
)  # fmt: skip
#: A categorical value: a word or a short name (``"north"``, ``"Ravi Rossi"``).
_CATEGORY = re.compile(r"[A-Za-z][A-Za-z .'-]{0,31}")


def _free_text(name: str, value: str) -> bool:
    return name.lower() in _TEXT_ARGS or _CATEGORY.fullmatch(value) is None or value.count(" ") > 2


def keyed(key: bytes, item: str) -> int:
    """A 63-bit keyed hash (fits JSON and Redis as a plain integer)."""
    digest = hashlib.blake2b(item.encode("utf-8", "surrogatepass"), key=key, digest_size=8)
    return int.from_bytes(digest.digest(), "little") >> 1


def minhash(words: list[str], key: bytes) -> np.ndarray:
    shingles = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))} or {""}
    h = np.fromiter((keyed(key, s) for s in shingles), dtype=np.uint64)
    # (a*h + b) mod p for each of K permutations; uint64 wraps, which is fine for ordering.
    perm = (_A[:, None] * h[None, :] + _B[:, None]) % np.uint64(_PRIME)
    return np.asarray(perm.min(axis=1), dtype=np.uint64)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / K


def of_text(text: str, t: float, key: bytes, entities: tuple[int, ...]) -> Signature:
    """A prompt: its template, and per masked slot either its number (``E1042`` → 1042, a
    field, so sweeps can be told from unordered ids) or a keyed hash of the word."""
    head = text[:4000]
    words = [w.lower() for w in _WORD.findall(head)]
    slots: list[int] = []
    fields: dict[str, float] = {}
    for i, m in enumerate(_SLOT.finditer(head)):
        token = m.group()
        digits = _DIGITS.sub("", token)
        if digits:  # a number or an id: judged by its steps
            # A long number (a card, a phone) keeps only its last four digits, which still
            # show a sequential enumeration; the rest is never stored.
            fields[f"n{i}"] = float(digits if len(digits) <= _PLAIN_DIGITS else digits[-4:])
            slots.append(keyed(key, _NUMBER.sub("#", token.lower())))
        else:
            slots.append(keyed(key, token.lower()))
    template = _SLOT.sub("\x00", head).lower()
    return Signature(
        t=t,
        tool=None,
        template=keyed(key, "text:" + " ".join(_WORD.findall(template))),
        slots=tuple(slots),
        minhash=minhash(words, key),
        fields=fields,
        entities=entities,
    )


def of_call(payload: Any, t: float, key: bytes, text: str) -> Signature:
    """A tool call: ``{"tool": name, "args": {...}}`` or a bare argument mapping."""
    tool = None
    args = payload
    if isinstance(payload, dict) and isinstance(payload.get("args"), dict):
        tool = str(payload.get("tool") or payload.get("name") or "")
        args = payload["args"]
    fields: dict[str, float] = {}
    fixed: list[str] = []
    free: list[str] = []
    if isinstance(args, dict):
        for name, value in sorted(args.items(), key=lambda kv: str(kv[0])):
            if isinstance(value, int | float) and not isinstance(value, bool):
                big = abs(value) >= 10**_PLAIN_DIGITS  # an account or national id number:
                fields[str(name)] = float(int(abs(value)) % 10_000) if big else float(value)
                fixed.append(f"{name}=#")  # …only its last four digits are kept
            elif isinstance(value, str) and _free_text(str(name), value):
                # A search query, an expression, a date: never a sweep axis, but part of the
                # template, so two calls that differ in it are not "one field varied".
                free.append(f"{name}={keyed(key, value)}")
            else:
                fixed.append(f"{name}={value!r}"[:200])
    names = "|".join(sorted(str(k) for k in (args or {})))
    template = keyed(key, f"call:{tool}:{names}:" + "|".join(free))
    slots = tuple(keyed(key, f) for f in fixed)
    words = [w.lower() for w in _WORD.findall(text[:4000])]
    return Signature(
        t=t,
        tool=tool,
        template=template,
        slots=slots,
        minhash=minhash(words, key),
        fields=fields,
    )
