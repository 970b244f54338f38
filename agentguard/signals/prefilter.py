"""A cheap look at the rendered text: could this payload hold a signal at all?

Almost every text holds none. In a string, signals need a finely resolved number, a
signal word (``logprobs``, ``embedding``, ``metadata``…) or a long base64 run, so one
regular expression rules most strings out before they are parsed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import re2

from agentguard.findings import Channel
from agentguard.policy.signals import SignalsPolicy
from agentguard.signals.text import utf8_safe

_WORDS = r"logprob|logit|embed|vector|metadat|payload|page_content|_additional"


@lru_cache(maxsize=16)
def _pattern(decimals: int) -> Any:
    return re2.compile(rf"(?i)\d\.\d{{{decimals + 1}}}|{_WORDS}|[A-Za-z0-9+/]{{86}}")


def may_hold_signals(payload: object, text: str, cfg: SignalsPolicy, channel: Channel) -> bool:
    """False only when no signal can be there; numbers are not in the rendered text, so
    structured payloads are always walked."""
    if channel is Channel.RETRIEVAL or not isinstance(payload, str | bytes | bytearray):
        return True
    decimals = min(cfg.probabilities.decimals, cfg.retrieval.score_decimals, 3)
    return _pattern(decimals).search(utf8_safe(text)) is not None
