"""Memorised text in a streamed answer: judged by sentences as tokens arrive (real model)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sentence_transformers")

from agentguard import Guard, GuardBlocked, Policy
from agentguard.canary import index as index_mod
from agentguard.canary.encoder import shared_encoder
from agentguard.canary.records import Record
from agentguard.streaming import StreamSanitizer, sanitize_stream
from tests.test_canary import CODE, NOTE, PROMPT

SECRET = "ghp_Zx81QwErTy5UiOp2AsDfGh7JkLz0XcVbNm4q"
RECORDS = [Record("hc-1", NOTE), Record("sp-1", PROMPT), Record("cn-1", CODE)]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("stream-canaries")
    index_mod.save(index_mod.build(RECORDS, shared_encoder()), out)
    return out


def _guard(index_dir: Path, **extra: object) -> Guard:
    return Guard(
        # Naming the canary detector keeps the secret detector on (the policy default).
        Policy.model_validate({"detectors": {"canary": {"index": str(index_dir)}}, **extra})
    )


def _chunks(text: str, seed: int = 7) -> Iterator[str]:
    rng = random.Random(seed)
    i = 0
    while i < len(text):
        n = rng.randint(1, 4)
        yield text[i : i + n]
        i += n


def _stream(guard: Guard, text: str) -> tuple[str, StreamSanitizer, list[int]]:
    """The released text, the sanitiser, and the held size after each chunk."""
    s = StreamSanitizer(guard, "model_output")
    out, held = [], []
    for chunk in _chunks(text):
        out.append(s.feed(chunk))
        held.append(s.held)
    out.append(s.close())
    return "".join(out), s, held


LEAK = f"Let me check my notes. {NOTE} Is there anything else I can help with today?"
CHATTER = (
    "Rainfall in the valley was heavy this spring. The river rose above its banks twice. "
    "Farmers planted later than usual, and the harvest festival moved to October. "
    "The old mill by the bridge reopened as a bakery. Its bread sells out before nine. "
    "Next year the town hopes to rebuild the footpath along the water."
)


def test_a_streamed_leak_is_redacted_like_the_whole_text(index_dir: Path) -> None:
    guard = _guard(index_dir)
    whole = guard.sanitize(LEAK, channel="model_output")
    streamed, s, _ = _stream(guard, LEAK)
    assert "Gonzalez" not in streamed and "448213" not in streamed
    assert streamed == whole
    kinds = {(f.kind, f.rule) for f in s.findings}
    assert ("memorisation/verbatim", "hc-1") in kinds
    (f,) = [f for f in s.findings if f.detector == "canary"]
    assert LEAK[f.start : f.end].startswith("Patient Maria Gonzalez")  # stream offsets


def test_unrelated_text_flows_sentence_by_sentence(index_dir: Path) -> None:
    guard = _guard(index_dir)
    streamed, s, held = _stream(guard, CHATTER)
    assert streamed == CHATTER and s.findings == []
    # About one sentence (plus the secret stage's batch and horizon) is held back at most.
    longest = max(len(x) for x in CHATTER.split(". "))
    assert max(held) <= longest + 100 < len(CHATTER) - 100  # holding it all would fail


def test_secrets_and_canaries_in_one_stream(index_dir: Path) -> None:
    guard = _guard(index_dir)
    text = f"Here is the token {SECRET} for the build. {CODE} Thanks."
    streamed, s, _ = _stream(guard, text)
    assert SECRET not in streamed and "7-alpha" not in streamed
    assert "[REDACTED:secret/github-pat]" in streamed
    kinds = sorted(f.kind for f in s.findings)
    assert kinds == ["memorisation/verbatim", "secret/github-pat"]


def test_a_blocked_leak_stops_the_stream(index_dir: Path) -> None:
    guard = _guard(index_dir, actions={"memorisation": "block"}, on_block="refuse")
    out = list(sanitize_stream(guard, _chunks(LEAK), "model_output"))
    joined = "".join(out)
    assert "Gonzalez" not in joined and joined.endswith(guard.policy.refusal)
    raising = _guard(index_dir, actions={"memorisation": "block"})
    with pytest.raises(GuardBlocked) as err:
        list(sanitize_stream(raising, _chunks(LEAK), "model_output"))
    assert "Gonzalez" not in str(err.value)


def test_text_without_sentence_ends_is_still_judged(index_dir: Path) -> None:
    guard = _guard(index_dir)
    text = ("lorem ipsum dolor sit amet " * 120) + NOTE.replace(". ", "; ")
    streamed, s, held = _stream(guard, text)
    assert "Gonzalez" not in streamed and s.findings
    assert max(held) < 2 * 2000 + 4000 + 64


def test_only_channels_the_detector_runs_on_are_held(index_dir: Path) -> None:
    guard = _guard(index_dir)
    s = StreamSanitizer(guard, "model_input")  # the check does not run on model input
    assert s._sentences is None


def test_a_shadow_check_sees_the_whole_stream_once(index_dir: Path, spans: tuple[Any, Any]) -> None:
    provider, exporter = spans
    policy = Policy.model_validate(
        {"detectors": {"canary": {"index": str(index_dir), "mode": "shadow"}}}
    )
    guard = Guard(policy, tracer_provider=provider)
    s = StreamSanitizer(guard, "model_output")
    assert s._sentences is None  # nothing is held for a detector that only reports
    out = "".join(s.feed(c) for c in _chunks(LEAK)) + s.close()
    assert out == LEAK and s.findings == []
    assert guard.shadow.drain(60)
    shadow = [sp for sp in exporter.get_finished_spans() if sp.attributes.get("agentguard.mode")]
    assert len(shadow) == 1  # one scan of the whole stream, not one per fragment
    kinds = [
        e.attributes["agentguard.finding.kind"]
        for e in shadow[0].events
        if e.name == "agentguard.finding"
    ]
    assert kinds == ["memorisation/verbatim"]
    assert "Gonzalez" not in shadow[0].to_json()
