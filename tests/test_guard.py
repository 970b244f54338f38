"""The guard's one pass: payload shapes, actions, policy resolution and the public API."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import re
from collections import namedtuple
from collections.abc import Sequence

import pytest
from pydantic import BaseModel

from agentguard import (
    Action,
    Channel,
    Guard,
    GuardBlocked,
    Hit,
    Policy,
    PolicyError,
    register_detector,
)
from agentguard.policy import policy_from_mapping
from tests import tokens


def guard_with(**policy: object) -> Guard:
    return Guard(policy_from_mapping(dict(policy)))


class Record(BaseModel):
    name: str
    token: str
    tags: list[str] = []


@dataclasses.dataclass(frozen=True)
class Frozen:
    note: str
    count: int = 0


Pair = namedtuple("Pair", "left right")


def test_string_secret_is_redacted_and_reported(guard: Guard) -> None:
    tok = tokens.github_pat()
    verdict = guard.inspect(f"use {tok} please", channel="model_output")
    assert verdict.payload == "use [REDACTED:secret/github-pat] please"
    assert not verdict.blocked and verdict.decision == "redacted"
    (finding,) = verdict.findings
    assert finding.kind == "secret/github-pat" and finding.channel is Channel.MODEL_OUTPUT
    assert (finding.start, finding.end) == (4, 4 + len(tok))
    assert finding.technique.startswith("AML.T")


def test_every_occurrence_is_redacted(guard: Guard) -> None:
    toks = [tokens.github_pat() for _ in range(3)] + [tokens.github_pat()] * 2
    out = guard.sanitize(" and ".join(toks))
    assert all(t not in out for t in toks)
    assert out.count("[REDACTED:secret/github-pat]") == 5


def test_clean_payload_is_returned_as_is(guard: Guard) -> None:
    payload = {"results": [{"title": "Quarterly report", "score": 3}], "next": None}
    verdict = guard.inspect(payload)
    assert verdict.payload is payload and verdict.findings == () and verdict.decision == "allowed"


def test_structures_keep_their_types_and_input_is_not_mutated(guard: Guard) -> None:
    tok = tokens.github_pat()
    payload = {
        "text": f"key {tok}",
        tok: 1,
        "list": [1, 2.5, None, True, f"x{tok}"],
        "tuple": (tok, "ok"),
        "pair": Pair(tok, "fine"),
        "set": frozenset({tok}),
        "model": Record(name="n", token=tok, tags=[tok]),
        "frozen": Frozen(note=tok, count=3),
        "bytes": b"\xff\x00" + tok.encode(),
        "nested": {"deep": [{"deeper": tok}]},
    }
    before = repr(payload)
    out = guard.sanitize(payload)
    assert repr(payload) == before  # untouched
    assert tok not in repr(out)
    assert type(out) is dict and "[REDACTED:secret/github-pat]" in out  # keys are scanned
    assert isinstance(out["tuple"], tuple) and isinstance(out["pair"], Pair)
    assert isinstance(out["set"], frozenset) and isinstance(out["model"], Record)
    assert isinstance(out["frozen"], Frozen) and out["frozen"].count == 3
    assert out["bytes"].startswith(b"\xff\x00[REDACTED:")
    assert out["list"][:4] == [1, 2.5, None, True]
    assert out["model"].name == "n"


def test_finding_paths_and_no_raw_value_anywhere(guard: Guard) -> None:
    tok = tokens.github_pat()
    verdict = guard.inspect({"a": [{"b": tok}], tok: "v", "m": Record(name="x", token=tok)})
    paths = sorted(f.path for f in verdict.findings)
    assert paths == ["$.a[0].b", "$.m.token", "$['<redacted>']#key"]
    for finding in verdict.findings:
        assert tok not in repr(finding) and tok not in finding.model_dump_json()
    assert tok not in repr(verdict)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("redact", "k=[REDACTED:secret/github-pat]"),
        ("mask", "k=ghp_********"),
        ("alert", None),  # unchanged
    ],
)
def test_text_actions(action: str, expected: str | None) -> None:
    tok = tokens.github_pat()
    verdict = guard_with(actions={"secret": action}).inspect(f"k={tok}")
    assert verdict.payload == (expected if expected else f"k={tok}")
    assert verdict.findings[0].action == action


def test_hash_action_uses_the_keyed_fingerprint() -> None:
    tok = tokens.github_pat()
    g = guard_with(actions={"secret": "hash"}, fingerprint_key="k1")
    verdict = g.inspect(tok)
    fp = verdict.findings[0].fingerprint
    assert verdict.payload == f"[HASH:{fp}]"
    assert fp not in hashlib.sha256(tok.encode()).hexdigest()  # not an unkeyed hash
    assert guard_with(fingerprint_key="k1").inspect(tok).findings[0].fingerprint == fp
    assert guard_with(fingerprint_key="k2").inspect(tok).findings[0].fingerprint != fp


def test_drop_removes_the_field() -> None:
    tok = tokens.github_pat()
    out = guard_with(actions={"secret": "drop"}).sanitize(
        {"keep": "x", "cfg": {"t": tok}, "l": ["a", tok]}
    )
    assert out == {"keep": "x", "cfg": {}, "l": ["a"]}


def test_allow_skips_entirely() -> None:
    tok = tokens.github_pat()
    verdict = guard_with(actions={"secret/github-pat": "allow"}).inspect(tok)
    assert verdict.findings == () and verdict.payload == tok


def test_block_raises_or_refuses() -> None:
    tok = tokens.github_pat()
    g = guard_with(actions={"secret": "block"})
    with pytest.raises(GuardBlocked) as info:
        g.sanitize({"x": tok}, channel="tool_output")
    assert tok not in str(info.value) and "secret/github-pat" in str(info.value)
    assert info.value.findings[0].kind == "secret/github-pat"
    verdict = g.inspect(tok)
    assert verdict.blocked and verdict.payload != tok and not verdict
    refuse = guard_with(actions={"secret": "block"}, on_block="refuse", refusal="nope")
    assert refuse.sanitize(tok) == "nope"


def test_channel_rules_override_global_ones_longest_prefix_first() -> None:
    tok = tokens.github_pat()
    g = guard_with(
        actions={"secret": "mask"},
        channels={
            "tool_output": {"actions": {"secret/github-pat": "block", "secret": "redact"}},
            "log": {"enabled": False},
        },
    )
    assert g.inspect(tok, channel="tool_output").blocked
    assert g.sanitize(tok, channel="model_output") == "ghp_********"
    assert g.sanitize(tok, channel="log") == tok


def test_allowlisted_fingerprint_is_ignored() -> None:
    tok = tokens.github_pat()
    fp = guard_with(fingerprint_key="k").inspect(tok).findings[0].fingerprint
    g = guard_with(fingerprint_key="k", allowlist={"fingerprints": [fp]})
    assert g.inspect(tok).findings == ()
    assert g.inspect(tokens.github_pat()).findings != ()


def test_tool_input_secret_is_exfiltration(guard: Guard) -> None:
    verdict = guard.inspect({"url": "x", "auth": tokens.github_pat()}, channel="tool_input")
    assert verdict.findings[0].technique == "AML.T0086"


def test_async_twins_match_sync(guard: Guard) -> None:
    tok = tokens.github_pat()
    big = "lorem ipsum " * 10_000 + tok
    assert asyncio.run(guard.asanitize(tok)) == guard.sanitize(tok)
    verdict = asyncio.run(guard.ainspect(big, channel="retrieval"))
    assert tok not in verdict.payload and verdict.channel is Channel.RETRIEVAL


def test_unknown_channel_is_a_clear_error(guard: Guard) -> None:
    with pytest.raises(ValueError, match="unknown channel 'email'"):
        guard.inspect("x", channel="email")


class _Boom:
    name = "boom"

    def scan(self, text: str) -> Sequence[Hit]:
        raise RuntimeError("detector bug " + text)


def test_fail_closed_blocks_and_fail_open_passes_with_a_record() -> None:
    tok = tokens.github_pat()
    closed = Guard(Policy(), detectors=[_Boom()])
    verdict = closed.inspect(tok)
    assert verdict.blocked and verdict.findings[0].kind == "guard/detector_error"
    assert tok not in (verdict.reason or "")
    opened = Guard(policy_from_mapping({"fail_mode": "open"}), detectors=[_Boom()])
    verdict = opened.inspect(tok)
    assert not verdict.blocked and verdict.payload == "[REDACTED:secret/github-pat]"


class _Employee:
    """A user-written detector: employee ids like EMP-123456."""

    name = "employee_ids"
    _re = re.compile(r"\bEMP-\d{6}\b")

    def scan(self, text: str) -> Sequence[Hit]:
        return [
            Hit(m.start(), m.end(), "pii/employee-id", "employee-id", "medium")
            for m in self._re.finditer(text)
        ]


def test_custom_detector_by_instance_and_by_registry() -> None:
    g = Guard(policy_from_mapping({"actions": {"pii": "redact"}}), detectors=[_Employee()])
    assert g.sanitize("ask EMP-123456") == "ask [REDACTED:pii/employee-id]"
    register_detector("employee_ids_test", lambda cfg: _Employee(), replace=True)
    g2 = Guard(
        policy_from_mapping({"detectors": {"employee_ids_test": {}}, "actions": {"pii": "mask"}})
    )
    assert g2.sanitize("EMP-123456") == "EM********"
    with pytest.raises(PolicyError, match=r"detectors\.nope"):
        Guard(policy_from_mapping({"detectors": {"nope": {}}}))


def test_guard_repr_and_policy_repr_hide_the_key() -> None:
    g = guard_with(fingerprint_key="super-secret-key")
    assert "super-secret-key" not in repr(g) and "super-secret-key" not in repr(g.policy)
    assert "super-secret-key" not in json.dumps(g.policy.model_dump(mode="json"))


def test_action_enum_round_trips() -> None:
    assert Action("redact") is Action.REDACT and Action.BLOCK.strength > Action.REDACT.strength


def test_one_guard_shared_by_threads(guard: Guard) -> None:
    from concurrent.futures import ThreadPoolExecutor

    toks = [tokens.github_pat() for _ in range(64)]
    texts = [f"log line {i} " * 50 + tok for i, tok in enumerate(toks)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        outs = list(pool.map(lambda t: guard.sanitize(t, channel="log"), texts * 4))
    assert all(tok not in out for tok, out in zip(toks * 4, outs, strict=True))
    assert all(out.endswith("[REDACTED:secret/github-pat]") for out in outs)


def test_observers_get_one_event_per_inspection_without_raw_values() -> None:
    from agentguard.events import InspectionEvent

    guard = Guard()
    events: list[InspectionEvent] = []
    guard.observe(events.append)
    secret = "ghp_Zx81QwErTy5UiOp2AsDfGh7JkLz0XcVbNm4q"
    guard.inspect(f"token={secret}", channel="model_output", principal="alice")
    guard.inspect("nothing here", channel="tool_output")
    assert [e.decision.value for e in events] == ["redacted", "allowed"]
    first = events[0]
    assert first.findings[0].kind.startswith("secret/")
    assert first.principal_fp and "alice" not in first.principal_fp
    assert "secrets" in first.timings and first.duration_ns >= first.timings["secrets"] > 0
    assert secret not in repr(events)


def test_a_failing_observer_does_not_break_inspection() -> None:
    guard = Guard()

    def broken(_event: object) -> None:
        raise RuntimeError("boom")

    guard.observe(broken)
    assert guard.sanitize("plain", channel="model_output") == "plain"
