"""Operators: what each action puts in place of a finding (Presidio's anonymizer side).

Every replacement is inert: it matches no detector, so sanitising twice equals once.
"""

from __future__ import annotations

from agentguard.findings import Action
from agentguard.payload import DROP, _Drop


def replacement(
    action: Action, kind: str, value: str, fingerprint: str, mask_prefix: int
) -> str | _Drop:
    """The text that replaces ``value``, or DROP to remove the field that holds it."""
    if action is Action.REDACT or action is Action.REDUCE:  # text holds no structure to coarsen
        return f"[REDACTED:{kind}]"
    if action is Action.HASH:
        return f"[HASH:{fingerprint}]"
    if action is Action.MASK:
        keep = min(mask_prefix, len(value) // 4)
        return value[:keep] + "*" * 8
    if action is Action.DROP:
        return DROP
    raise ValueError(f"action {action.value!r} does not rewrite text")


#: Actions that change the payload.
REWRITING = frozenset({Action.REDACT, Action.REDUCE, Action.HASH, Action.MASK, Action.DROP})
