"""What one inspection decided, handed to observers (metrics, the audit trail, tests).

A plain frozen record: built only when an observer is registered, so a guard without
observers pays nothing for it. Like every other output of the guard it holds no raw
value: findings carry fingerprints, the principal only its keyed fingerprint.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from agentguard.findings import Channel, Decision, Finding


@dataclass(frozen=True, slots=True)
class InspectionEvent:
    channel: Channel
    decision: Decision
    findings: tuple[Finding, ...]
    #: Wall time of the whole inspection (for shadow scans: of the background scan).
    duration_ns: int
    policy_name: str
    principal_fp: str | None = None
    reason: str | None = None
    #: ``inline`` (acted on the payload) or ``shadow`` (reported only).
    mode: str = "inline"
    #: Nanoseconds spent per detector (``signals`` for the inversion-signal walk).
    timings: Mapping[str, int] = field(default_factory=dict)
    #: Digest of the policy the decision was made under (``agentguard.policy.version``).
    policy_version: str | None = None


#: Called synchronously after each inspection; must be quick and must not raise.
Observer = Callable[[InspectionEvent], None]
