"""The policy version: a short digest of the effective policy, for spans and the audit trail.

A compliance review must be able to say which policy made a decision. The digest covers
every field except ``fingerprint_key`` (a secret, and not a rule): two processes with the
same rules report the same version whatever key they fingerprint with.
"""

from __future__ import annotations

import hashlib
import json

from agentguard.policy.model import Policy


def policy_version(policy: Policy) -> str:
    """12 hex characters of SHA-256 over the policy's canonical JSON, key excluded."""
    data = policy.model_dump(mode="json", exclude={"fingerprint_key"})
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
