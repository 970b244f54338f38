"""Exceptions. Messages name kinds, places and fingerprints, never raw values."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agentguard.findings import Finding


class AgentGuardError(Exception):
    """Base class for every error agentguard raises."""


class GuardBlocked(AgentGuardError):
    """The policy blocked a payload; ``findings`` says why (kinds and fingerprints only)."""

    def __init__(
        self, reason: str, findings: tuple[Finding, ...] = (), channel: str | None = None
    ) -> None:
        self.reason = reason
        self.findings = findings
        self.channel = channel
        kinds = sorted({f.kind for f in findings})
        where = f" on {channel}" if channel else ""
        detail = f" ({', '.join(kinds)})" if kinds else ""
        super().__init__(f"agentguard blocked a payload{where}: {reason}{detail}")


class PolicyError(AgentGuardError, ValueError):
    """A policy is invalid; the message names the file, the field and the reason."""
