"""Word n-grams of normalised text: the exact and near-verbatim stage.

A record reproduced verbatim shares every n-gram with the output; a fragment, or a
lightly edited copy, shares most of them. Coverage, the share of a record's distinct
n-grams found in the output, is the stage's score.
"""

from __future__ import annotations

from agentguard.canary.normalize import words

#: Words per n-gram: long enough that ordinary phrases rarely coincide, short enough that a
#: typo costs only N n-grams.
N = 4


def ngrams(text: str, n: int = N) -> list[str]:
    """Distinct word n-grams; a text shorter than ``n`` words is one n-gram."""
    ws = words(text)
    if len(ws) < n:
        return [" ".join(ws)] if ws else []
    return list(dict.fromkeys(" ".join(ws[i : i + n]) for i in range(len(ws) - n + 1)))
