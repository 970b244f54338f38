"""Keyed fingerprints of n-grams and facts: the index holds these, never the text.

BLAKE2b in keyed mode is a MAC (RFC 7693): without the index's key nobody can test a
guessed phrase against the index, and two indexes built with different keys share
nothing. 64-bit digests keep the tables compact; a collision costs at most one n-gram
of overlap.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable

import numpy as np

KEY_BYTES = 32
KEY_ENV = "AGENTGUARD_CANARY_KEY"


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def key_from_env() -> bytes | None:
    """``AGENTGUARD_CANARY_KEY`` (hex), when set, so the key can live outside the index."""
    raw = os.environ.get(KEY_ENV)
    if not raw:
        return None
    try:
        key = bytes.fromhex(raw.strip())
    except ValueError:
        raise ValueError(f"{KEY_ENV} must be hex") from None
    if not 16 <= len(key) <= 64:
        raise ValueError(f"{KEY_ENV} must be 16 to 64 bytes of hex")
    return key


def key_id(key: bytes) -> str:
    """A name for the key that reveals nothing about it (so a wrong key is a clear error)."""
    return hashlib.blake2b(b"agentguard-canary-key-id", key=key, digest_size=8).hexdigest()


def digest(key: bytes, item: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(item.encode("utf-8"), key=key, digest_size=8).digest(), "little"
    )


def digests(key: bytes, items: Iterable[str]) -> np.ndarray:
    return np.fromiter((digest(key, i) for i in items), dtype=np.uint64)
