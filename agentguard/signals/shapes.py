"""Tell signals from ordinary numbers by their shape alone.

Embeddings are long runs of small, finely resolved floats of both signs with no order
between neighbours (a temperature series or a price history is smooth, a polyline
alternates longitude and latitude, a colour is short). Probability vectors are fractions
summing to one. Every test here is plain Python over at most a few thousand numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Largest absolute value an embedding component is allowed (encoders emit small values).
EMBEDDING_MAX_ABS = 16.0
#: Share of components that must carry more than three decimals (float32 text has ~8).
EMBEDDING_FINE_SHARE = 0.8
#: Share of components of each sign (centred encoders emit both).
EMBEDDING_SIGN_SHARE = 0.1
#: Neighbouring components of a measurement series are correlated; an embedding's are not.
EMBEDDING_MAX_LAG1 = 0.5
#: A probability vector sums to one within this, absolute.
PROBABILITY_SUM_TOLERANCE = 0.02
#: A shape-only probability vector needs one value finer than this many decimals.
SHAPE_DECIMALS = 3


def numbers(value: object) -> list[float] | None:
    """The items of a flat list or tuple of real numbers (at least one a float), else None."""
    if not isinstance(value, list | tuple) or not value:
        return None
    has_float = False
    for x in value:
        t = type(x)
        if t is float:
            has_float = True
        elif t is not int:
            if isinstance(x, bool) or not isinstance(x, int | float):
                return None
            has_float = has_float or isinstance(x, float)
    return list(value) if has_float else None


def ints_only(value: object) -> bool:
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(type(x) is int for x in value)  # bools are not ints here
    )


def finer_than(x: float, decimals: int) -> bool:
    """True when ``x`` carries more decimals than ``decimals`` (0.8734 is finer than 2)."""
    return type(x) is float and x == x and round(x, decimals) != x


def any_finer(values: Sequence[float], decimals: int) -> bool:
    return any(finer_than(x, decimals) for x in values)


def looks_like_embedding(values: Sequence[float], min_dim: int, *, strict: bool = True) -> bool:
    """Could this run of numbers be an embedding?

    ``strict=False`` (the key already says embedding or vector) only asks for length and
    finite values; ``strict`` adds the sign, magnitude, resolution and roughness tests.
    """
    n = len(values)
    if n < min_dim:
        return False
    total = 0.0
    neg = 0
    for x in values:
        if x != x or x in (float("inf"), float("-inf")):
            return False
        total += x
        neg += x < 0
    if not strict:
        return True
    if neg < n * EMBEDDING_SIGN_SHARE or n - neg < n * EMBEDDING_SIGN_SHARE:
        return False
    if max(abs(x) for x in values) > EMBEDDING_MAX_ABS:
        return False
    fine = sum(1 for x in values if finer_than(float(x), 3))
    if fine < n * EMBEDDING_FINE_SHARE:
        return False
    return abs(lag1(values, total / n)) <= EMBEDDING_MAX_LAG1


def lag1(values: Sequence[float], mean: float) -> float:
    """Lag-1 autocorrelation: near 1 for smooth series, near -1 for alternating ones."""
    var = 0.0
    cov = 0.0
    prev = values[0] - mean
    var = prev * prev
    for x in values[1:]:
        d = x - mean
        var += d * d
        cov += prev * d
        prev = d
    return cov / var if var > 0 else 1.0


def is_fraction_list(values: Sequence[float]) -> bool:
    return all(0.0 <= x <= 1.0 for x in values)


def looks_like_distribution(values: Sequence[float]) -> bool:
    """Fractions in [0, 1] summing to one: a softmax output, whatever its key."""
    if len(values) < 2 or not is_fraction_list(values):
        return False
    tolerance = PROBABILITY_SUM_TOLERANCE * (1 + len(values) / 100)
    return abs(sum(values) - 1.0) <= tolerance
