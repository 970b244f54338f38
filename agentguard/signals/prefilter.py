"""A cheap look at the rendered text: could this payload hold a signal at all?

Almost every text holds none. In a string, signals need a finely resolved number, a
signal word (``logprobs``, ``embedding``, ``metadata``…) or a long base64 run, so one
multi-pattern pass (``gate.py``) rules most strings out before they are parsed.
"""

from __future__ import annotations

from agentguard.findings import Channel
from agentguard.policy.signals import SignalsPolicy
from agentguard.signals.gate import gate


def may_hold_signals(
    payload: object, text: str, cfg: SignalsPolicy, channel: Channel
) -> set[str] | None:
    """What the gate found in a text payload; None for structures (always walked, their
    numbers are not in the rendered text). An empty set: no signal can be there."""
    if not isinstance(payload, str):
        return None if not isinstance(payload, bytes | bytearray) else {"bytes"}
    found = gate(finest(cfg))(text)
    return found | {"retrieval"} if channel is Channel.RETRIEVAL and not found else found


def finest(cfg: SignalsPolicy) -> int:
    """The fewest decimals any reduction keeps: a finer number may be a signal."""
    return min(cfg.probabilities.decimals, cfg.retrieval.score_decimals, 3)
