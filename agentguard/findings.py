"""What the guard reports: channels, severities, actions, findings and verdicts.

These types cross the library's boundary (users read them, the CLI prints them), so
:class:`Finding` is a pydantic model. It carries where and what, never the raw value:
the only trace of the value is a keyed fingerprint.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Channel(StrEnum):
    """Every place an agent emits or receives data that the guard can stand in front of."""

    MODEL_INPUT = "model_input"
    MODEL_OUTPUT = "model_output"
    TOOL_INPUT = "tool_input"
    TOOL_OUTPUT = "tool_output"
    RETRIEVAL = "retrieval"
    LOG = "log"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}


class Action(StrEnum):
    """What the policy does with a finding (Presidio calls these operators)."""

    ALLOW = "allow"  # ignore: no record, no change
    ALERT = "alert"  # record only
    REDUCE = "reduce"  # coarsen an inversion signal the way the policy's [signals] says
    DEGRADE = "degrade"  # probing: the principal gets the strictest signal settings a while
    THROTTLE = "throttle"  # probing: sanitize() delays the principal's query
    REDACT = "redact"  # replace with [REDACTED:<kind>]
    MASK = "mask"  # keep a short prefix for debugging
    HASH = "hash"  # replace with the keyed fingerprint
    DROP = "drop"  # remove the field that holds it
    BLOCK = "block"  # refuse the whole payload

    @property
    def strength(self) -> int:
        """Order used to resolve overlaps and to tell tightening from loosening."""
        return _ACTION_STRENGTH[self]


_ACTION_STRENGTH = {
    Action.ALLOW: 0,
    Action.ALERT: 1,
    Action.REDUCE: 2,
    Action.THROTTLE: 3,
    Action.DEGRADE: 4,
    Action.MASK: 5,
    Action.HASH: 6,
    Action.REDACT: 7,
    Action.DROP: 8,
    Action.BLOCK: 9,
}


class Decision(StrEnum):
    ALLOWED = "allowed"
    REDACTED = "redacted"
    BLOCKED = "blocked"


class Finding(BaseModel):
    """One risk found in a payload. Holds no raw content, so it is safe to log and export."""

    model_config = ConfigDict(frozen=True)

    detector: str
    kind: str = Field(description="family/rule, e.g. secret/github-pat")
    rule: str
    channel: Channel
    path: str = Field(default="$", description="JSON-path-like place inside the payload")
    start: int = Field(description="character offset inside the string at `path`")
    end: int
    severity: Severity
    confidence: float = Field(ge=0.0, le=1.0)
    technique: str = Field(description="MITRE ATLAS technique id")
    fingerprint: str = Field(description="truncated keyed HMAC-SHA256 of the value")
    action: Action = Action.ALERT
    reduction: str | None = Field(
        default=None, description="how a reduced signal was coarsened, e.g. top_k or quantize"
    )


class Verdict:
    """The outcome of one inspection: findings, the sanitised copy, and whether it was blocked."""

    __slots__ = (
        "blocked",
        "channel",
        "decision",
        "delay",
        "findings",
        "on_block",
        "payload",
        "reason",
    )

    def __init__(
        self,
        payload: Any,
        findings: tuple[Finding, ...],
        channel: Channel,
        decision: Decision,
        reason: str | None = None,
    ) -> None:
        self.payload = payload
        self.findings = findings
        self.channel = channel
        self.decision = decision
        self.blocked = decision is Decision.BLOCKED
        self.reason = reason
        #: Seconds ``sanitize`` waits before returning (a throttled principal); 0 otherwise.
        self.delay = 0.0
        #: What the policy that decided says a block does (``raise`` or ``refuse``): the
        #: adapters act on it, so a reload between inspection and return cannot change it.
        self.on_block = "raise"

    def __repr__(self) -> str:
        kinds = sorted({f.kind for f in self.findings})
        return (
            f"Verdict(channel={self.channel.value!r}, decision={self.decision.value!r}, "
            f"findings={len(self.findings)}, kinds={kinds!r})"
        )

    def __bool__(self) -> bool:
        """True when the payload may go on (possibly sanitised)."""
        return not self.blocked
