"""Fresh, random, format-valid fake credentials for tests (never real, never committed)."""

from __future__ import annotations

import base64
import json
import random
import string

_rng = random.Random()
B62 = string.ascii_letters + string.digits


def _pick(alphabet: str, n: int) -> str:
    return "".join(_rng.choice(alphabet) for _ in range(n))


def github_pat() -> str:
    return "ghp_" + _pick(B62, 36)


def aws_key_id() -> str:
    return "AKIA" + _pick(string.ascii_uppercase + "234567", 16)


def aws_secret() -> str:
    return _pick(B62 + "+/", 40)


def slack_bot() -> str:
    return f"xoxb-{_pick(string.digits, 12)}-{_pick(string.digits, 13)}-{_pick(B62, 24)}"


def db_password() -> str:
    return _pick(B62, 18)


def jwt() -> str:
    def seg(obj: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    head = seg({"alg": "HS256", "typ": "JWT"})
    body = seg({"sub": _pick(string.digits, 8), "name": _pick(string.ascii_lowercase, 8)})
    return f"{head}.{body}.{_pick(B62 + '-_', 43)}"
