"""What every subcommand shares: exit codes, the usage error, and building the guard.

Exit codes are part of the CLI's contract (CI jobs branch on them), so they are named
once here rather than scattered as literals.
"""

from __future__ import annotations

from agentguard.guard import Guard
from agentguard.policy import Policy

EXIT_OK = 0
#: ``scan``: a finding reached ``--fail-on``; ``redact``: the policy blocked the input.
EXIT_FINDINGS = 1
#: Bad flags, missing or unreadable inputs, an invalid policy.
EXIT_USAGE = 2


class CliError(Exception):
    """A problem with how the CLI was called; printed to stderr, exit status 2."""


def load_guard(policy_path: str | None) -> Guard:
    """The guard for ``--policy FILE``, else ``$AGENTGUARD_POLICY``, else the default.

    Raises :class:`agentguard.PolicyError` (the caller maps it to exit status 2) for an
    unreadable or invalid file and for a detector the policy names but nobody registered.
    """
    return Guard(Policy.load(policy_path))
