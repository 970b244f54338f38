"""Shannon entropy of a candidate secret, in bits per character.

Generic rules (``password = …``) cannot tell a credential from ``hunter2`` or
``config.password`` by shape alone; randomness is the signal that is left. The rule's
``entropy`` field is the floor a value must reach.
"""

from __future__ import annotations

from collections import Counter
from math import log2


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value`` under its own character frequencies (0 if empty)."""
    n = len(value)
    if n == 0:
        return 0.0
    return -sum(c / n * log2(c / n) for c in Counter(value).values())
