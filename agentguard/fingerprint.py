"""Keyed fingerprints: stable enough to correlate, useless to an attacker without the key.

A plain hash of a short secret can be brute-forced offline and an unkeyed one can be
compared across organisations; an HMAC with a private key can do neither.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

ENV_KEY = "AGENTGUARD_FINGERPRINT_KEY"
_PROCESS_KEY = secrets.token_bytes(32)


class Fingerprinter:
    """HMAC-SHA256 truncated to ``length`` hex characters."""

    __slots__ = ("_key", "length")

    def __init__(self, key: str | bytes | None = None, length: int = 16) -> None:
        if key is None:
            key = os.environ.get(ENV_KEY) or _PROCESS_KEY
        self._key = key.encode("utf-8") if isinstance(key, str) else key
        self.length = length

    def __call__(self, value: str | bytes) -> str:
        data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value
        return hmac.new(self._key, data, hashlib.sha256).hexdigest()[: self.length]

    def derive(self, label: str) -> bytes:
        """A subkey for another keyed use (the probing signatures), bound to this key."""
        return hmac.new(self._key, label.encode(), hashlib.sha256).digest()

    def __repr__(self) -> str:
        return f"Fingerprinter(length={self.length}, key=<hidden>)"
