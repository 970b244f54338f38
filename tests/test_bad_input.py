"""Bad input gets a clear outcome in bounded time: never a crash, a hang or a silent leak."""

from __future__ import annotations

import time
from typing import Any

import pytest

from agentguard import Guard, GuardBlocked
from agentguard.payload import CYCLE, TRUNCATED
from agentguard.policy import policy_from_mapping
from tests import tokens


def timed(fn: Any, *args: Any, **kw: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t0


def test_50mb_string_is_blocked_by_default_with_a_clear_reason(guard: Guard) -> None:
    big = ("all quiet on the western front " * 1_700_000)[:50_000_000] + tokens.github_pat()
    verdict, took = timed(guard.inspect, big)
    assert verdict.blocked and verdict.reason == "payload exceeds max_chars"
    assert verdict.findings[0].kind == "guard/limit_exceeded"
    assert took < 5
    with pytest.raises(GuardBlocked, match="max_chars"):
        guard.sanitize(big)


def test_50mb_string_scanned_in_full_when_the_limit_allows_it() -> None:
    tok = tokens.github_pat()
    big = ("all quiet on the western front " * 1_700_000)[:50_000_000] + tok
    g = Guard(policy_from_mapping({"limits": {"max_chars": 60_000_000}}))
    out, took = timed(g.sanitize, big)
    assert tok not in out and out.endswith("[REDACTED:secret/github-pat]")
    assert took < 20


def test_truncate_keeps_only_what_was_scanned() -> None:
    tok = tokens.github_pat()
    g = Guard(policy_from_mapping({"limits": {"max_chars": 1000, "on_exceed": "truncate"}}))
    out = g.sanitize("a" * 2000 + tok)
    assert tok not in out and out == "a" * 1000 + TRUNCATED
    out = g.sanitize({"x": tok, "y": "b" * 5000})
    assert out["x"] == "[REDACTED:secret/github-pat]" and out["y"].endswith(TRUNCATED)


def test_allow_passes_oversize_through_with_a_record() -> None:
    g = Guard(policy_from_mapping({"limits": {"max_chars": 10, "on_exceed": "allow"}}))
    verdict = g.inspect("x" * 100)
    assert not verdict.blocked and verdict.payload == "x" * 100
    assert verdict.findings[0].kind == "guard/limit_exceeded"


def test_binary_and_invalid_utf8(guard: Guard) -> None:
    tok = tokens.github_pat()
    blob = bytes(range(256)) * 100 + b"\xc3\x28\xff" + tok.encode() + b"\x00\x80"
    out = guard.sanitize(blob)
    assert isinstance(out, bytes) and tok.encode() not in out
    assert out.startswith(bytes(range(256))) and out.endswith(b"\x00\x80")
    assert guard.sanitize(bytearray(b"\xff\xfe")) == bytearray(b"\xff\xfe")
    assert guard.sanitize("\udcff lone surrogate " + tok).endswith("[REDACTED:secret/github-pat]")


def test_10000_deep_nesting_is_blocked_not_crashed(guard: Guard) -> None:
    deep: list[Any] = [tokens.github_pat()]
    for _ in range(10_000):
        deep = [deep]
    verdict, took = timed(guard.inspect, deep)
    assert verdict.blocked and "max_depth" in (verdict.reason or "") and took < 2
    nested: dict[str, Any] = {"leaf": tokens.github_pat()}
    for _ in range(10_000):
        nested = {"n": nested}
    assert guard.inspect(nested).blocked


def test_deep_nesting_truncated_when_asked() -> None:
    tok = tokens.github_pat()
    deep: list[Any] = [tok]
    for _ in range(500):
        deep = [deep]
    g = Guard(policy_from_mapping({"limits": {"max_depth": 50, "on_exceed": "truncate"}}))
    out = g.sanitize({"top": tok, "deep": deep})
    assert (
        out["top"] == "[REDACTED:secret/github-pat]"
        and tok not in repr(out)
        and TRUNCATED in repr(out)
    )


def test_cycles_terminate(guard: Guard) -> None:
    tok = tokens.github_pat()
    cyclic: dict[str, Any] = {"t": tok}
    cyclic["self"] = cyclic
    lst: list[Any] = [tok]
    lst.append(lst)
    out = guard.sanitize(cyclic)
    assert out["t"] == "[REDACTED:secret/github-pat]" and out["self"] == CYCLE
    assert guard.sanitize(lst)[1] == CYCLE
    assert guard.inspect({"a": [1], "self": None}).findings == ()


@pytest.mark.parametrize(
    "shape",
    [
        "password=" + "a" * 1_000_000,
        "token " * 200_000,
        "-----BEGIN RSA PRIVATE KEY-----\n" * 30_000,
        "api_key: " + "A1b2" * 250_000,
        "ghp_" * 250_000,
        "https://" + "u" * 500_000 + ":" + "p" * 500_000,
        "eyJ" + "a" * 500_000 + "." + "b" * 500_000,
        '{"password": "' * 50_000,
    ],
    ids=[
        "password-run",
        "token-repeat",
        "pem-headers",
        "apikey-run",
        "prefix-run",
        "url-run",
        "jwt-run",
        "json-open",
    ],
)
def test_redos_shaped_input_is_bounded(guard: Guard, shape: str) -> None:
    tok = tokens.github_pat()
    verdict, took = timed(guard.inspect, shape + " " + tok)
    assert took < 5, f"{took:.2f}s"
    assert tok not in str(verdict.payload)


def test_huge_flat_list_is_bounded() -> None:
    g = Guard(policy_from_mapping({"limits": {"max_items": 1000}}))
    assert g.inspect([[i] for i in range(5000)]).blocked
