"""agentguard: stop AI agents from leaking what a reconstruction attacker needs.

The public surface is small on purpose; everything else is an implementation detail.
"""

from agentguard.detectors.base import Detector, Hit, register_detector
from agentguard.errors import AgentGuardError, GuardBlocked, PolicyError
from agentguard.findings import Action, Channel, Decision, Finding, Severity, Verdict
from agentguard.guard import Guard
from agentguard.policy import Policy

__version__ = "0.1.0"

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
    "register_detector",
]
