"""Cleaning OpenTelemetry data (span and log attributes, names, bodies) with a guard.

Shared by the redacting span and log exporters. A span or log record is one payload for one
``Guard.inspect`` on the ``log`` channel (one pass, however many attributes), so secrets,
embeddings (``embedding.vector``…), retrieval scores and memorised text are found by the
same detectors and reduced by the same policy as everywhere else.

Three guarantees the export path needs:

* **Valid attributes.** A reduction may turn a float array into a string
  (``[REDACTED:embedding dim=384]``) or drop it; every value is coerced back to what an
  attribute may be (a scalar or a homogeneous sequence), and a dropped one is left out.
* **Bounded work.** Strings longer than ``max_value_chars`` are cut (and marked) and
  sequences longer than ``max_items`` cut before inspection, so a huge attribute costs no
  more than a large one.
* **Fail closed on values.** When the guard raises, or its policy blocks the whole record,
  values are withheld (``[WITHHELD:agentguard]``) rather than exported raw (span names and
  status descriptions too); attribute keys, ids and timing survive. A block falls back to
  one inspection per value, so only the values that the policy blocks are withheld.
"""

from __future__ import annotations

import contextvars
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from agentguard.findings import Channel, Verdict

if TYPE_CHECKING:
    from agentguard.guard import Guard

log = logging.getLogger("agentguard")
T = TypeVar("T")

WITHHELD = "[WITHHELD:agentguard]"
TRUNCATED = "[TRUNCATED:agentguard]"
#: Characters of one string value that are inspected and exported at most.
MAX_VALUE_CHARS = 65_536
#: Items of one sequence value that are inspected and exported at most.
MAX_ITEMS = 8_192
_SCALARS = (str, bool, int, float)
_PLAIN = (*_SCALARS, bytes)


class Scrubber:
    """Sanitises OpenTelemetry records with ``guard``; never raises, never passes raw content."""

    def __init__(
        self,
        guard: Guard,
        *,
        channel: Channel | str = Channel.LOG,
        max_value_chars: int = MAX_VALUE_CHARS,
        max_items: int = MAX_ITEMS,
    ) -> None:
        self.guard = guard
        self.channel = Channel(channel)
        self.max_value_chars = max_value_chars
        self.max_items = max_items

    def clean(self, record: dict[str, Any]) -> dict[str, Any]:
        """A sanitised copy of ``record`` (parts of one span or log record), or ``record``
        itself when nothing was found. Values it cannot vouch for come back withheld."""
        bounded = {k: self.bound(v) for k, v in record.items()}
        try:
            verdict = self._inspect(bounded)
            if not verdict.blocked:
                if verdict.payload is bounded and not self._cut(record, bounded):
                    return record
                return dict(verdict.payload)
            return {k: self._clean_part(v) for k, v in bounded.items()}
        except Exception as exc:  # a guard failure must not export raw content, or crash
            log.warning("agentguard could not sanitise telemetry: %s", type(exc).__name__)
            return {k: withheld(v) for k, v in record.items()}

    def redact(
        self,
        original: T,
        parts: dict[str, Any],
        rebuild: Callable[[dict[str, Any]], T],
        what: str,
    ) -> T | None:
        """``original`` rebuilt from its cleaned ``parts`` (itself when nothing changed); its
        values withheld when cleaning fails; None (not exported) when even that fails."""
        try:
            clean = self.clean(parts)
            return original if clean is parts else rebuild(clean)
        except Exception as exc:  # never the raw value, and never a failed export batch
            log.warning("agentguard could not sanitise a %s: %s", what, type(exc).__name__)
        try:
            return rebuild({k: withheld(v) for k, v in parts.items()})
        except Exception:
            return None

    def _clean_part(self, value: Any) -> Any:
        """After a block: each attribute (or event, link, body) on its own."""
        if isinstance(value, Mapping):
            return {k: self._clean_part(v) for k, v in value.items()}
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            return [self._clean_part(v) for v in value]
        verdict = self._inspect(value)
        return withheld(value) if verdict.blocked else verdict.payload

    def _inspect(self, payload: Any) -> Verdict:
        """Inspect in an empty context: exported telemetry is nobody's query (no principal
        from the caller's context), and its findings' span is a root, not a child of
        whichever span happens to be current where the export runs."""
        return contextvars.Context().run(self.guard.inspect, payload, self.channel)

    @staticmethod
    def _cut(record: Mapping[str, Any], bounded: Mapping[str, Any]) -> bool:
        return any(record[k] is not v for k, v in bounded.items())

    def bound(self, value: Any) -> Any:
        """``value`` with strings and sequences cut to the limits (nested ones too)."""
        if isinstance(value, str):
            if len(value) <= self.max_value_chars:
                return value
            return value[: self.max_value_chars] + TRUNCATED
        if isinstance(value, bytes):
            return value[: self.max_value_chars]
        if isinstance(value, Mapping):
            items = list(value.items())[: self.max_items]
            bounded = {k: self.bound(v) for k, v in items}
            same = len(items) == len(value) and all(value[k] is v for k, v in bounded.items())
            return value if same else bounded
        if isinstance(value, list | tuple):
            head = value[: self.max_items]
            cut = [self.bound(v) for v in head]
            same = len(head) == len(value) and all(a is b for a, b in zip(cut, head, strict=True))
            return value if same else type(value)(cut)
        return value


def withheld(value: Any) -> Any:
    """``value`` with every leaf replaced by the withheld marker (keys kept)."""
    if isinstance(value, Mapping):
        return {k: withheld(v) for k, v in value.items()}
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        return [withheld(v) for v in value]
    if value is None or isinstance(value, bool):
        return value
    return WITHHELD


def attributes(value: Any) -> dict[str, Any]:
    """A cleaned mapping as OpenTelemetry attributes: invalid values coerced, None left out."""
    if not isinstance(value, Mapping):
        return {}
    out: dict[str, Any] = {}
    for key, v in value.items():
        attr = attribute(v)
        if attr is not None:
            out[str(key)] = attr
    return out


def attribute(value: Any) -> Any:
    """One value as a valid attribute: a scalar, or a sequence of one scalar type."""
    if value is None or isinstance(value, _PLAIN):
        return value
    if isinstance(value, Mapping):
        return json.dumps(value, default=str, ensure_ascii=False)
    if isinstance(value, Sequence):
        items = [v for v in value if v is not None]
        kinds = {type(v) for v in items}
        if len(kinds) <= 1 and kinds <= set(_SCALARS):
            return tuple(items)
        if kinds <= {int, float}:
            return tuple(float(v) for v in items)
        return tuple(v if isinstance(v, str) else json.dumps(v, default=str) for v in items)
    return str(value)


def text(value: Any, default: str) -> str:
    return value if isinstance(value, str) else default
