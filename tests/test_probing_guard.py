"""Probing through the guard: on by default for inspections that name a principal."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from agentguard import Guard, GuardBlocked, Policy
from agentguard.findings import Action


def _sweep(i: int) -> dict[str, Any]:
    return {"tool": "score_applicant", "args": {"age": 41, "income": 20_000 + 5_000 * i}}


def _policy(action: str, **probing: Any) -> Policy:
    return Policy.model_validate({"actions": {"probing": action}, "probing": probing})


def test_alert_by_default_and_principal_only_as_fingerprint(spans: Any) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    verdicts = [guard.inspect(_sweep(i), "tool_input", principal="key-0042") for i in range(8)]
    assert not any(v.findings for v in verdicts[:7])
    (f,) = verdicts[7].findings
    assert f.kind == "probing/sweep" and f.action is Action.ALERT
    assert f.technique == "AML.T0024.001" and verdicts[7].payload == _sweep(7)
    assert f.fingerprint == guard.fingerprint("key-0042")
    dumped = " ".join(s.to_json() for s in exporter.get_finished_spans())
    assert "key-0042" not in dumped and "probing/sweep" in dumped


def test_no_principal_no_probing() -> None:
    guard = Guard(Policy())
    assert not any(guard.inspect(_sweep(i), "tool_input").findings for i in range(12))


def test_principals_are_kept_apart() -> None:
    guard = Guard(Policy())
    for i in range(6):
        guard.inspect(_sweep(i), "tool_input", principal="a")
        guard.inspect(_sweep(i + 6), "tool_input", principal="b")
    assert not guard.inspect(_sweep(12), "tool_input", principal="a").findings


def test_block() -> None:
    guard = Guard(_policy("block"))
    for i in range(7):
        guard.sanitize(_sweep(i), "tool_input", principal="p")
    with pytest.raises(GuardBlocked):
        guard.sanitize(_sweep(7), "tool_input", principal="p")


def test_degrade_gives_the_strictest_signals_to_that_principal_only() -> None:
    guard = Guard(_policy("degrade", degrade_seconds=60))
    answer = {"label": "fraud", "probs": {"fraud": 0.9123, "ok": 0.0877}, "logprobs": [-0.1]}
    assert guard.sanitize(answer, "tool_output", principal="p")["probs"] == {"fraud": 0.91}
    for i in range(8):
        guard.sanitize(_sweep(i), "tool_input", principal="p")
    degraded = guard.sanitize(answer, "tool_output", principal="p")
    assert degraded == {"label": "fraud", "probs": "fraud"}  # label only, no logprobs
    honest = guard.sanitize(answer, "tool_output", principal="someone-else")
    assert honest["probs"] == {"fraud": 0.91}


def test_throttle_delays_sanitize_sync_and_async() -> None:
    guard = Guard(_policy("throttle", throttle_seconds=0.3))
    for i in range(7):
        guard.sanitize(_sweep(i), "tool_input", principal="p")
    t0 = time.perf_counter()
    guard.sanitize(_sweep(7), "tool_input", principal="p")
    assert time.perf_counter() - t0 >= 0.3
    verdict = guard.inspect(_sweep(8), "tool_input", principal="p")
    assert verdict.delay == 0.3  # inspect reports the delay, the caller decides

    async def go() -> float:
        t0 = time.perf_counter()
        await guard.asanitize(_sweep(9), "tool_input", principal="p")
        return time.perf_counter() - t0

    assert asyncio.run(go()) >= 0.3


def test_principal_context_is_used() -> None:
    guard = Guard(Policy())
    with guard.principal("ctx-user"):
        found = [guard.inspect(_sweep(i), "tool_input").findings for i in range(8)]
    assert found[7] and found[7][0].fingerprint == guard.fingerprint("ctx-user")


def test_store_down_follows_fail_mode() -> None:
    closed = Guard(_policy("alert", store="redis", redis_url="redis://127.0.0.1:1/0"))
    verdict = closed.inspect("hello", "model_input", principal="p")
    assert verdict.blocked and verdict.findings[0].kind == "guard/detector_error"
    opened = Guard(
        Policy.model_validate(
            {
                "fail_mode": "open",
                "probing": {"store": "redis", "redis_url": "redis://127.0.0.1:1/0"},
            }
        )
    )
    verdict = opened.inspect("hello", "model_input", principal="p")
    assert not verdict.blocked and verdict.findings[0].kind == "guard/detector_error"
    assert verdict.payload == "hello"


def test_probing_can_be_switched_off() -> None:
    guard = Guard(Policy.model_validate({"probing": {"enabled": False}}))
    assert not any(
        guard.inspect(_sweep(i), "tool_input", principal="p").findings for i in range(12)
    )


def test_a_resent_conversation_is_not_counted_again() -> None:
    """Agent frameworks send the whole history with every model call."""
    guard = Guard(_policy("block", rate_per_minute=20))
    history = [f"turn {i}: tell me about topic number {i * 7 % 13}" for i in range(10)]
    for n in range(1, 11):  # ten model calls, each re-sending every earlier turn
        for message in history[:n]:
            assert not guard.inspect(message, "model_input", principal="chat-user").findings


def test_the_encoder_is_off_unless_the_policy_names_one() -> None:
    assert Policy().probing.encoder is None
    named = Policy.model_validate({"probing": {"encoder": "all-MiniLM-L6-v2"}})
    assert named.probing.encoder == "all-MiniLM-L6-v2"
    with pytest.raises(ValueError):
        Policy.model_validate({"probing": {"encoder": 384}})


def test_policy_encoder_gives_signatures_a_sentence_vector() -> None:
    pytest.importorskip("sentence_transformers")
    guard = Guard(Policy.model_validate({"probing": {"encoder": "all-MiniLM-L6-v2"}}))
    prober = guard._state.probing.get(guard.policy.probing, guard.fingerprint)
    assert prober.encode is not None
    vec = prober.encode(["What is the balance of account 4471?"])[0]
    assert vec.shape == (384,)
    guard.inspect("What is the balance of account 4471?", "model_input", principal="p-1")
    plain = Guard(Policy())
    assert plain._state.probing.get(plain.policy.probing, plain.fingerprint).encode is None
