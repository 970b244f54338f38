"""Key names that say what a value is, split into words so ``topLogprobs`` = ``top_logprobs``.

A key only ever *strengthens* evidence: a number under ``score`` is still left alone unless
its value has the shape of a signal (a fine-grained fraction, a long float vector).
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


class KeyClass(Enum):
    OTHER = 0
    EMBEDDING = 1  # embedding, vector, dense_vector
    WEAK_EMBEDDING = 2  # values, latent: an embedding only if the numbers look like one
    PROBABILITY = 3  # probs, confidence, score
    LOGITS = 4
    LOGPROBS = 5
    RETRIEVAL_SCORE = 6  # similarity, distance, relevance (within retrieval results)
    METADATA = 7
    CONTENT = 8  # page_content, text, snippet (within retrieval results)
    NOT_PROBABILITY = 9  # share, weight, ratio, bbox: fractions that are not a model's


_EMBEDDING = {"embedding", "embeddings", "embed", "embeds", "vector", "vectors", "emb"}
_WEAK_EMBEDDING = {"values", "latent", "latents", "hidden", "representation", "encoding"}
_PROBABILITY = {
    "prob",
    "probs",
    "proba",
    "probability",
    "probabilities",
    "confidence",
    "confidences",
    "conf",
    "certainty",
    "likelihood",
    "likelihoods",
    "softmax",
    "posterior",
    "score",
    "scores",
}
_LOGITS = {"logit", "logits"}
_LOGPROBS = {"logprob", "logprobs", "logprobabilities"}
_RETRIEVAL_SCORE = {
    "similarity",
    "similarities",
    "distance",
    "distances",
    "relevance",
    "rerank",
    "certainty",
}
_METADATA = {("metadata",), ("metadatas",), ("meta",), ("payload",)}
_CONTENT = {
    ("page", "content"),
    ("text",),
    ("content",),
    ("snippet",),
    ("chunk",),
    ("passage",),
    ("document",),
    ("documents",),
}
_NOT_PROBABILITY = {
    "share",
    "shares",
    "split",
    "breakdown",
    "mix",
    "allocation",
    "allocations",
    "weight",
    "weights",
    "percent",
    "percentage",
    "pct",
    "ratio",
    "ratios",
    "fraction",
    "bbox",
    "box",
    "rgb",
    "rgba",
    "color",
    "colour",
    "coords",
    "coordinates",
    "credit",
}


@lru_cache(maxsize=8192)
def words(key: str) -> tuple[str, ...]:
    """``"@search.rerankerScore"`` → ``("search", "reranker", "score")``; nothing for a
    key too long to name a signal."""
    if len(key) > _LONGEST_KEY:
        return ()
    return tuple(w.lower() for w in _WORDS.findall(key))


#: classify()'s results; read directly by the hot loop (a dict lookup beats a cached call).
CLASSES: dict[str, KeyClass] = {}
_CLASSES_MAX = 8192
_LONGEST_KEY = 64


def classify(key: str) -> KeyClass:
    cls = CLASSES.get(key)
    if cls is None:
        if len(key) > _LONGEST_KEY:  # no key that names a signal is this long
            return KeyClass.OTHER
        cls = _classify(key)
        if len(CLASSES) < _CLASSES_MAX:
            CLASSES[key] = cls
    return cls


def _classify(key: str) -> KeyClass:
    ws = words(key)
    if not ws:
        return KeyClass.OTHER
    if any(w in _LOGPROBS for w in ws):
        return KeyClass.LOGPROBS
    if any(w in _LOGITS for w in ws):
        return KeyClass.LOGITS
    if ws in _METADATA:
        return KeyClass.METADATA
    if ws in _CONTENT:
        return KeyClass.CONTENT
    if any(w in _NOT_PROBABILITY for w in ws):
        return KeyClass.NOT_PROBABILITY
    if any(w in _EMBEDDING for w in ws):
        return KeyClass.EMBEDDING
    if any(w in _RETRIEVAL_SCORE for w in ws):
        return KeyClass.RETRIEVAL_SCORE
    if any(w in _PROBABILITY for w in ws):
        return KeyClass.PROBABILITY
    if ws[-1] in _WEAK_EMBEDDING or ws == ("hidden", "states"):
        return KeyClass.WEAK_EMBEDDING
    return KeyClass.OTHER
