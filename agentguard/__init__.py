"""agentguard: stop AI agents from leaking what a reconstruction attacker needs.

The public surface is small on purpose; everything else is an implementation detail.
"""

from typing import Any

from agentguard.detectors.base import Detector, Hit, register_detector
from agentguard.errors import AgentGuardError, GuardBlocked, PolicyError
from agentguard.findings import Action, Channel, Decision, Finding, Severity, Verdict
from agentguard.guard import Guard
from agentguard.policy import Policy

__version__ = "0.1.0"


def install(guard: Guard | None = None, **options: Any) -> Guard:
    """Guard every LangChain agent, tool, retriever and chat model of this process
    (see :func:`agentguard.instrument.install`)."""
    from agentguard.instrument import install as _install

    return _install(guard, **options)


def uninstall() -> None:
    """Undo :func:`install`: every patched method restored, watcher and audit stopped."""
    from agentguard.instrument import uninstall as _uninstall

    _uninstall()


__all__ = [
    "Action",
    "AgentGuardError",
    "Channel",
    "Decision",
    "Detector",
    "Finding",
    "Guard",
    "GuardBlocked",
    "Hit",
    "Policy",
    "PolicyError",
    "Severity",
    "Verdict",
    "__version__",
    "install",
    "register_detector",
    "uninstall",
]
