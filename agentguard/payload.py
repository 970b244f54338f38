"""Turning any payload into one text for the detectors, and rebuilding a sanitised copy.

Detectors see a single rendered text per payload, which is both fast (one prefilter pass
however many fields there are) and context-aware: a dict entry renders as
``"password": "hunter2…"`` so keyword rules see the key next to its value. Every string
leaf (and every string dict key) is a *segment* with its offsets in that text; findings
map back to segments, and :func:`rebuild` writes edited segments into a copy of the
payload, copying only the containers on the way to an edit. The input is never mutated.

Supported: ``str``, ``bytes``/``bytearray`` (scanned as Latin-1 so any byte string, valid
UTF-8 or not, round-trips exactly), ``dict``, ``list``, ``tuple`` (named tuples too),
``set``/``frozenset``, pydantic models and dataclass instances. Other objects are opaque.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from itertools import accumulate
from operator import add
from typing import Any

from pydantic import BaseModel

TRUNCATED = "[TRUNCATED:agentguard]"
CYCLE = "[CYCLE:agentguard]"


class LimitExceeded(Exception):
    """The payload is larger, deeper or wider than the policy allows."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Drop:
    """Marker for a segment whose whole field is to be removed."""

    __repr__ = lambda self: "DROP"  # noqa: E731


DROP = _Drop()

#: A segment's edit: either DROP or a list of (start, end, replacement) in segment offsets.
Edit = _Drop | list[tuple[int, int, str]]


# Every leaf is followed by a separator that says what it was, so a dict renders as
# `"password": "hunter2"\n"…` and offsets follow from lengths alone.
SEP_KEY = '": "'
SEP_VALUE = '"\n"'
SEP_LABEL = '":"'  # a model or dataclass field name: context for detectors, never edited
_SCALARS = frozenset({int, float, bool, complex, type(None)})


class Rendered:
    """The text detectors scan, and where each segment (string leaf) lies in it."""

    __slots__ = ("_starts", "parts", "text", "truncated")

    def __init__(
        self, text: str, parts: list[str] | None, truncated: dict[int, int] | None = None
    ) -> None:
        self.text = text
        self.parts = parts  # None: the payload is the one string `text`
        self.truncated = truncated or {}  # segment -> characters kept
        self._starts: list[int] | None = None

    def __len__(self) -> int:
        return 1 if self.parts is None else len(self.parts) // 2

    def starts(self) -> list[int]:
        if self._starts is None:
            if self.parts is None:
                self._starts = [0]
            else:  # offsets of every part after the opening quote; segments are even parts
                self._starts = list(accumulate(map(len, self.parts), initial=1))[0:-1:2]
        return self._starts

    def ends(self) -> list[int]:
        if self.parts is None:
            return [len(self.text)]
        return list(map(add, self.starts(), map(len, self.parts[0::2])))

    def role(self, index: int) -> str:
        """``key``, ``value`` or ``label`` (labels are context only, never edited)."""
        if self.parts is None:
            return "value"
        sep = self.parts[2 * index + 1]
        return "key" if sep == SEP_KEY else "label" if sep == SEP_LABEL else "value"


def _fields(node: Any) -> list[tuple[str, Any]] | None:
    """Named fields of a pydantic model or dataclass instance; None for anything else."""
    if isinstance(node, BaseModel):
        return [(name, getattr(node, name, None)) for name in type(node).model_fields]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return [(f.name, getattr(node, f.name, None)) for f in dataclasses.fields(node)]
    return None


def _as_text(node: str | bytes | bytearray) -> str:
    return node if isinstance(node, str) else bytes(node).decode("latin-1")


class _NotPlain(Exception):
    """The fast path met something only the general renderer handles."""


def _plain(node: Any, parts: list[str], depth: int, budget: list[int]) -> None:
    """Fast path for JSON-like trees (dict, list, tuple, str, numbers, None).

    Anything else, and any limit, raises :class:`_NotPlain` so that the general renderer,
    which handles every type, cycles, truncation and limit errors, takes over.
    """
    budget[0] -= 1
    if depth <= 0 or budget[0] < 0:
        raise _NotPlain
    append = parts.append
    kind = type(node)
    if kind is dict:
        for key, value in node.items():
            if type(key) is str:
                append(key)
                append(SEP_KEY)
            elif type(key) not in _SCALARS:
                raise _NotPlain
            kv = type(value)
            if kv is str:
                append(value)
                append(SEP_VALUE)
            elif kv not in _SCALARS:
                _plain(value, parts, depth - 1, budget)
    elif kind is list or kind is tuple:
        for value in node:
            kv = type(value)
            if kv is str:
                append(value)
                append(SEP_VALUE)
            elif kv not in _SCALARS:
                _plain(value, parts, depth - 1, budget)
    else:
        raise _NotPlain


class _Renderer:
    """The general renderer: every supported type, cycles, limits and truncation."""

    __slots__ = ("budget", "items", "max_depth", "parts", "stack", "trunc", "truncated")

    def __init__(self, max_chars: int, max_depth: int, max_items: int, truncate: bool) -> None:
        self.parts: list[str] = []
        self.truncated: dict[int, int] = {}
        self.budget = max_chars
        self.max_depth = max_depth
        self.items = max_items
        self.trunc = truncate
        self.stack: set[int] = set()

    def leaf(self, text: str, sep: str) -> None:
        if len(text) > self.budget:
            if not self.trunc:
                raise LimitExceeded("payload exceeds max_chars")
            self.truncated[len(self.parts) // 2] = self.budget
            text = text[: self.budget]
        self.budget -= len(text)
        self.parts.append(text)
        self.parts.append(sep)

    def node(self, node: Any, depth: int) -> None:
        if isinstance(node, str | bytes | bytearray):
            self.leaf(_as_text(node), SEP_VALUE)
            return
        container = isinstance(node, dict | list | tuple | set | frozenset)
        fields = None if container else _fields(node)
        if not container and fields is None:
            return
        self.items -= 1
        if self.items < 0:
            raise LimitExceeded("payload exceeds max_items")
        if depth >= self.max_depth:
            if not self.trunc:
                raise LimitExceeded("payload exceeds max_depth")
            return
        ident = id(node)
        if ident in self.stack:
            return
        self.stack.add(ident)
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str | bytes):
                    self.leaf(_as_text(key), SEP_KEY)
                self.node(value, depth + 1)
        elif fields is not None:
            for name, value in fields:
                self.parts.append(name)
                self.parts.append(SEP_LABEL)
                self.node(value, depth + 1)
        else:
            for item in node:
                self.node(item, depth + 1)
        self.stack.discard(ident)


def render(
    payload: Any,
    *,
    max_chars: int = 8_000_000,
    max_depth: int = 128,
    max_items: int = 1_000_000,
    truncate: bool = False,
) -> Rendered:
    """Render ``payload`` for scanning; raise :class:`LimitExceeded` unless ``truncate``."""
    if type(payload) is str and len(payload) <= max_chars:  # the hot path: one string
        return Rendered(payload, None)
    parts: list[str] = []
    try:
        _plain(payload, parts, max_depth, [max_items])
        text = '"' + "".join(parts)
        if len(text) <= max_chars:  # else the general renderer counts exactly
            return Rendered(text, parts)
    except (_NotPlain, RecursionError):
        pass
    r = _Renderer(max_chars, max_depth, max_items, truncate)
    r.node(payload, 0)
    return Rendered('"' + "".join(r.parts), r.parts, r.truncated)


# --- rebuilding -------------------------------------------------------------------------


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace spans (segment offsets) right to left; overlapping spans merge."""
    merged: list[list[Any]] = []
    for start, end, repl in sorted(edits):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            continue
        merged.append([start, end, repl])
    out = text
    for start, end, repl in reversed(merged):
        out = out[:start] + repl + out[end:]
    return out


def _unique_key(taken: dict[Any, Any], key: Any) -> Any:
    n = 2
    while f"{key}#{n}" in taken:
        n += 1
    return f"{key}#{n}"


class _Rebuilder:
    __slots__ = ("edits", "index", "max_depth", "rendered", "stack")

    def __init__(self, edits: dict[int, Edit], rendered: Rendered, max_depth: int) -> None:
        self.edits = edits
        self.rendered = rendered
        self.index = 0
        self.max_depth = max_depth
        self.stack: set[int] = set()

    def leaf(self, node: str | bytes | bytearray) -> Any:
        i = self.index
        self.index += 1
        edit = self.edits.get(i)
        kept = self.rendered.truncated.get(i)
        if edit is None and kept is None:
            return node
        if edit is DROP:
            return DROP
        text = _as_text(node)
        if kept is not None:
            text = text[:kept]
        if isinstance(edit, list):
            text = apply_edits(text, edit)
        if kept is not None:
            text += TRUNCATED
        if isinstance(node, str):
            return text
        data = text.encode("latin-1", "replace")
        return bytearray(data) if isinstance(node, bytearray) else data

    def node(self, node: Any, depth: int) -> Any:
        if isinstance(node, str | bytes | bytearray):
            return self.leaf(node)
        container = isinstance(node, dict | list | tuple | set | frozenset)
        fields = None if container else _fields(node)
        if not container and fields is None:
            return node
        if depth >= self.max_depth:
            return TRUNCATED
        ident = id(node)
        if ident in self.stack:
            return CYCLE
        self.stack.add(ident)
        try:
            if isinstance(node, dict):
                return self._dict(node, depth)
            if fields is not None:
                return self._fields(node, fields, depth)
            return self._sequence(node, depth)
        finally:
            self.stack.discard(ident)

    def _dict(self, node: dict[Any, Any], depth: int) -> Any:
        changed = False
        items: list[tuple[Any, Any]] = []
        for key, value in node.items():
            new_key = self.leaf(key) if isinstance(key, str | bytes) else key
            new_value = self.node(value, depth + 1)
            changed = changed or new_key is not key or new_value is not value
            if new_key is DROP or new_value is DROP:
                continue
            items.append((new_key, new_value))
        if not changed:
            return node
        try:
            out = type(node)()
        except TypeError:
            out = {}
        for key, value in items:
            if key in out:  # two keys redacted alike: keep both entries, lose nothing
                key = _unique_key(out, key)
            out[key] = value
        return out

    def _sequence(self, node: Any, depth: int) -> Any:
        new = [self.node(item, depth + 1) for item in node]
        if all(a is b for a, b in zip(new, node, strict=False)):
            return node
        kept = [item for item in new if item is not DROP]
        if isinstance(node, list):
            return kept
        if isinstance(node, tuple) and hasattr(node, "_fields"):  # named tuple: keep arity
            fields = [None if item is DROP else item for item in new]
            return type(node)(*fields)  # type: ignore[arg-type]
        return type(node)(kept)

    def _fields(self, node: Any, fields: list[tuple[str, Any]], depth: int) -> Any:
        changes: dict[str, Any] = {}
        for name, value in fields:
            self.index += 1  # the field name's label segment
            new = self.node(value, depth + 1)
            if new is not value:
                changes[name] = None if new is DROP else new
        if not changes:
            return node
        if isinstance(node, BaseModel):
            return node.model_copy(update=changes)
        try:
            return dataclasses.replace(node, **changes)
        except (TypeError, ValueError):  # init=False fields: copy, then set
            import copy

            clone = copy.copy(node)
            for name, value in changes.items():
                object.__setattr__(clone, name, value)
            return clone


def rebuild(payload: Any, rendered: Rendered, edits: dict[int, Edit], max_depth: int = 128) -> Any:
    """A copy of ``payload`` with ``edits`` applied; the payload itself when nothing changes."""
    if not edits and not rendered.truncated:
        return payload
    out = _Rebuilder(edits, rendered, max_depth).node(payload, 0)
    if out is DROP:
        return b"" if isinstance(payload, bytes) else "" if isinstance(payload, str) else None
    return out


# --- paths ------------------------------------------------------------------------------


def segment_paths(
    payload: Any, wanted: set[int], hide: set[int], max_depth: int = 128
) -> dict[int, str]:
    """JSON-path-like names of the wanted segments (only computed when there are findings).

    Dict keys in ``hide`` (keys that hold a finding themselves) appear as ``<redacted>``,
    so that a path never carries a secret.
    """
    found: dict[int, str] = {}
    for index, path in _iter_paths(payload, "$", 0, max_depth, set(), [0], hide):
        if index in wanted:
            found[index] = path
            if len(found) == len(wanted):
                break
    return found


def _iter_paths(
    node: Any,
    path: str,
    depth: int,
    max_depth: int,
    stack: set[int],
    counter: list[int],
    hide: set[int],
) -> Iterator[tuple[int, str]]:
    if isinstance(node, str | bytes | bytearray):
        counter[0] += 1
        yield counter[0] - 1, path
        return
    container = isinstance(node, dict | list | tuple | set | frozenset)
    fields = None if container else _fields(node)
    if (not container and fields is None) or depth >= max_depth or id(node) in stack:
        return
    stack.add(id(node))
    args = (depth + 1, max_depth, stack, counter, hide)
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str | bytes):
                index = counter[0]
                counter[0] += 1
                sub = _child_path(path, "<redacted>" if index in hide else _as_text(key))
                yield index, sub + "#key"
            else:
                sub = f"{path}[{key!r}]" if isinstance(key, int | float | bool) else f"{path}[?]"
            yield from _iter_paths(value, sub, *args)
    elif fields is not None:
        for name, value in fields:
            counter[0] += 1  # the field name's label segment
            yield from _iter_paths(value, _child_path(path, name), *args)
    else:
        for i, item in enumerate(node):
            yield from _iter_paths(item, f"{path}[{i}]", *args)
    stack.discard(id(node))


def _child_path(path: str, name: str) -> str:
    if name.isidentifier():
        return f"{path}.{name}"
    escaped = name.replace("\\", "\\\\").replace("'", "\\'")
    return f"{path}['{escaped}']"
