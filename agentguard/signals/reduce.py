"""Reductions: what a signal becomes under each ``[signals]`` method (the operators).

Each function takes the signal's value and its settings and returns the coarsened value,
or :data:`DROP` to remove the field that held it. They never mutate their input.
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Mapping, Sequence
from typing import Any

from agentguard.payload import DROP, TRUNCATED
from agentguard.policy.signals import (
    EmbeddingSignals,
    LogprobSignals,
    ProbabilitySignals,
    RetrievalSignals,
)
from agentguard.signals.vocab import words

# --- embeddings ----------------------------------------------------------------------------


def redacted_embedding(dim: int) -> str:
    return f"[REDACTED:embedding dim={dim}]"


def embedding(values: Sequence[float], cfg: EmbeddingSignals) -> Any:
    """``drop``/``redact`` withhold the vector; ``quantize``/``noise`` return a float list."""
    if cfg.method == "drop":
        return DROP
    if cfg.method == "quantize":
        return quantize(values, cfg.bits)
    if cfg.method == "noise":
        return gaussian_noise(values, cfg.epsilon, cfg.delta, cfg.clip_norm)
    return redacted_embedding(len(values))


def quantize(values: Sequence[float], bits: int) -> list[float]:
    """Uniform quantisation over the vector's own range to ``2**bits`` levels."""
    lo, hi = min(values), max(values)
    if hi <= lo:
        return [float(lo)] * len(values)
    levels = (1 << bits) - 1
    step = (hi - lo) / levels
    return [round(lo + round((x - lo) / step) * step, 6) for x in values]


def noise_sigma(epsilon: float, delta: float, clip_norm: float) -> float:
    """Gaussian mechanism (Dwork & Roth 2014, Thm 3.22) for L2 sensitivity ``2 * clip_norm``."""
    return 2.0 * clip_norm * math.sqrt(2.0 * math.log(1.25 / delta)) / epsilon


def gaussian_noise(
    values: Sequence[float], epsilon: float, delta: float, clip_norm: float
) -> list[float]:
    """Clip to ``clip_norm``, then add N(0, sigma²) to every component."""
    norm = math.sqrt(sum(x * x for x in values))
    scale = clip_norm / norm if norm > clip_norm else 1.0
    sigma = noise_sigma(epsilon, delta, clip_norm)
    rng = random.Random(os.urandom(16))
    gauss = rng.gauss
    return [round(x * scale + gauss(0.0, sigma), 6) for x in values]


# --- probabilities -------------------------------------------------------------------------


def bucket(x: float, cfg: ProbabilitySignals) -> str:
    return "high" if x >= cfg.high else "medium" if x >= cfg.medium else "low"


def probability(x: float, cfg: ProbabilitySignals) -> Any:
    """One confidence value: rounded, bucketed, or gone (label_only and drop)."""
    if cfg.method in ("round", "top_k"):
        return round(x, cfg.decimals)
    if cfg.method == "bucket":
        return bucket(x, cfg)
    return DROP


def distribution(values: Sequence[float], cfg: ProbabilitySignals) -> Any:
    """A bare vector (labels by position): the k best stay, the rest become 0."""
    method = cfg.method
    if method == "round":
        return [round(x, cfg.decimals) for x in values]
    if method == "bucket":
        return [bucket(x, cfg) for x in values]
    if method == "drop":
        return DROP
    best = sorted(range(len(values)), key=lambda i: values[i], reverse=True)
    if method == "label_only":
        return best[0]
    keep = set(best[: cfg.k])
    return [round(x, cfg.decimals) if i in keep else 0.0 for i, x in enumerate(values)]


def labelled(values: Mapping[Any, float], cfg: ProbabilitySignals) -> Any:
    """``{label: probability}``: top-k entries, the best label alone, buckets or rounding."""
    method = cfg.method
    if method == "round":
        return {k: round(v, cfg.decimals) for k, v in values.items()}
    if method == "bucket":
        return {k: bucket(v, cfg) for k, v in values.items()}
    if method == "drop":
        return DROP
    ranked = sorted(values.items(), key=lambda kv: kv[1], reverse=True)
    if method == "label_only":
        return ranked[0][0]
    return {k: round(v, cfg.decimals) for k, v in ranked[: cfg.k]}


def records(items: Sequence[Mapping[str, Any]], score_key: str, cfg: ProbabilitySignals) -> Any:
    """``[{"label": …, "score": …}, …]`` (a pipeline's output): same choices, labels kept."""
    method = cfg.method
    if method == "round":
        return [{**r, score_key: round(r[score_key], cfg.decimals)} for r in items]
    if method == "bucket":
        return [{**r, score_key: bucket(r[score_key], cfg)} for r in items]
    if method == "drop":
        return [{k: v for k, v in r.items() if k != score_key} for r in items]
    ranked = sorted(items, key=lambda r: r[score_key], reverse=True)
    if method == "label_only":
        return [{k: v for k, v in ranked[0].items() if k != score_key}]
    return [{**r, score_key: round(r[score_key], cfg.decimals)} for r in ranked[: cfg.k]]


def logits(values: Any, cfg: ProbabilitySignals) -> Any:
    """Raw logits have no coarse form but rounding; every other method drops them."""
    if cfg.method == "round":
        return _round_tree(values, cfg.decimals)
    return DROP


# --- logprobs ------------------------------------------------------------------------------


def logprobs(value: Any, cfg: LogprobSignals) -> Any:
    """``drop``, or keep each chosen token's own logprob (rounded) and no alternatives."""
    if cfg.method == "drop":
        return DROP
    return _chosen_only(value, cfg.decimals)


def _chosen_only(node: Any, decimals: int) -> Any:
    if isinstance(node, Mapping):
        out: dict[Any, Any] = {}
        for k, v in node.items():
            ws = words(k) if isinstance(k, str) else ()
            if ws[:1] == ("top",):  # top_logprobs: the alternatives go
                out[k] = [] if isinstance(v, list) else None
            elif _is_numeric_tree(v):
                out[k] = _round_tree(v, decimals)
            else:
                out[k] = _chosen_only(v, decimals)
        return out
    if isinstance(node, list):
        return [_chosen_only(item, decimals) for item in node]
    return node


# --- retrieval -----------------------------------------------------------------------------


def score(value: Any, cfg: RetrievalSignals, prob: ProbabilitySignals) -> Any:
    """A similarity score, distance or relevance (or a nested list of them), coarsened."""
    if cfg.score_method == "drop":
        return DROP
    if cfg.score_method == "bucket":
        return _map_tree(value, lambda x: bucket(x, prob))
    return _round_tree(value, cfg.score_decimals)


def snippet(text: str, limit: int) -> str:
    return text[:limit] + TRUNCATED


def metadata_needs_cut(value: Mapping[Any, Any], allow: frozenset[str]) -> bool:
    for k, v in value.items():
        if type(k) is not str or (k not in allow and k.lower() not in allow):
            return True
        if type(v) is str and is_internal_path(v):
            return True
    return False


def metadata(value: Mapping[Any, Any], allow: frozenset[str]) -> dict[Any, Any]:
    """Only allow-listed keys; internal paths among them are cut to their file name."""
    out: dict[Any, Any] = {}
    for k, v in value.items():
        if not isinstance(k, str) or k.lower() not in allow:
            continue
        out[k] = internal_path_name(v) if isinstance(v, str) else v
    return out


_INTERNAL_SCHEMES = (
    "file:",
    "s3://",
    "s3a://",
    "gs://",
    "hdfs://",
    "abfs://",
    "abfss://",
    "wasb://",
    "wasbs://",
    "smb://",
    "nfs://",
    "dbfs:",
)


def is_internal_path(text: str) -> bool:
    """``/srv/…``, ``~/…``, ``\\\\host\\share``, ``C:\\…`` or a storage URL (``s3://…``)."""
    c = text[:1]
    if c == "/" or c == "\\":
        return True
    if c == "~":
        return text[1:2] == "/"
    if len(text) > 2 and text[1] == ":" and text[2] in "\\/" and c.isalpha():
        return True
    return ":" in text[:7] and text[:8].lower().startswith(_INTERNAL_SCHEMES)


def internal_path_name(text: str) -> str:
    if not is_internal_path(text):
        return text
    parts = [p for p in text.replace("\\", "/").split("/") if p]
    return parts[-1] if parts else ""


# --- helpers -------------------------------------------------------------------------------


def _round_tree(node: Any, decimals: int) -> Any:
    return _map_tree(node, lambda x: round(x, decimals))


def _map_tree(node: Any, fn: Any) -> Any:
    if type(node) is float:
        return fn(node)
    if isinstance(node, list | tuple):
        return type(node)(_map_tree(x, fn) for x in node)
    return node


def _is_numeric_tree(node: Any) -> bool:
    if isinstance(node, int | float) and not isinstance(node, bool):
        return True
    if isinstance(node, list | tuple):
        return all(_is_numeric_tree(x) for x in node)
    return False
