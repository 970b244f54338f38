"""Streaming sanitisation: split secrets, 1-character chunks, random chunkings, async, block."""

from __future__ import annotations

import asyncio
import base64
import random
import string
from collections.abc import AsyncIterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentguard import Guard, Policy
from agentguard.errors import GuardBlocked
from agentguard.policy import policy_from_mapping
from agentguard.streaming import StreamSanitizer, asanitize_stream, sanitize_stream
from tests import tokens

_rng = random.Random()
B62 = string.ascii_letters + string.digits


def pem_key() -> str:
    body = base64.b64encode(_rng.randbytes(300)).decode()
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN RSA PRIVATE KEY-----\n{lines}\n-----END RSA PRIVATE KEY-----"


def postgres_password() -> str:
    return "".join(_rng.choice(B62) for _ in range(20))


#: (name, build) -> (text, the secret that must not survive)
def _cases() -> list[tuple[str, str, str]]:
    pat, slack, aws, jwt = (
        tokens.github_pat(),
        tokens.slack_bot(),
        tokens.aws_key_id(),
        tokens.jwt(),
    )
    pw, generic, pem = postgres_password(), tokens.db_password(), pem_key()
    return [
        ("github_pat", f"use token {pat} for the API.", pat),
        ("slack_bot", f"slack: {slack}\nthanks", slack),
        ("aws_key_id", f"aws_access_key_id = {aws} # prod", aws),
        ("jwt", f"Authorization header had {jwt} in it.", jwt),
        ("postgres", f"connect to postgres://app:{pw}@db.internal:5432/main now", pw),
        ("pem", f"here is the key:\n{pem}\nkeep it safe", pem),
        ("generic", f'config: password = "{generic}"\nnext line', generic),
    ]


def _caught_cases() -> list[tuple[str, str, str]]:
    """Fresh values, redrawn in the rare case whole-text sanitisation lets one through."""
    guard = Guard(Policy())
    chosen: dict[str, tuple[str, str, str]] = {}
    for _ in range(20):
        for case in _cases():
            if case[0] not in chosen and case[2] not in guard.sanitize(case[1], "model_output"):
                chosen[case[0]] = case
    return list(chosen.values())


CASES = _caught_cases()


@pytest.fixture(scope="module")
def g() -> Guard:
    return Guard(Policy())


def stream(guard: Guard, chunks: list[str]) -> tuple[str, StreamSanitizer]:
    s = StreamSanitizer(guard)
    out = [s.feed(c) for c in chunks]
    out.append(s.close())
    return "".join(out), s


def assert_clean(out: str, secret: str) -> None:
    assert secret not in out
    # no stretch of the secret long enough to identify it (a released prefix included)
    pieces = [secret[i : i + 10] for i in range(0, max(1, len(secret) - 10), 3)]
    assert not any(p in out for p in pieces if len(p) == 10 and p.strip())


@pytest.mark.parametrize(("name", "text", "secret"), CASES, ids=[c[0] for c in CASES])
def test_every_split_point(g: Guard, name: str, text: str, secret: str) -> None:
    expected = g.sanitize(text, channel="model_output")
    assert secret not in expected
    for cut in range(len(text) + 1):
        out, _ = stream(g, [text[:cut], text[cut:]])
        assert out == expected, (name, cut)
    assert_clean(out, secret)


@pytest.mark.parametrize(("name", "text", "secret"), CASES, ids=[c[0] for c in CASES])
def test_one_character_chunks(g: Guard, name: str, text: str, secret: str) -> None:
    out, s = stream(g, list(text))
    assert out == g.sanitize(text, channel="model_output")
    assert_clean(out, secret)
    assert s.findings and all(f.kind.startswith("secret/") for f in s.findings)


def _mixed(seed: int) -> tuple[str, list[str]]:
    rng = random.Random(seed)
    prose = [
        "The quarterly report is attached. ",
        "We shipped the gateway fix on Tuesday and the on-call page stopped.\n",
        "2026-11-26T10:00:01Z INFO request_id=4f2a latency_ms=12 path=/v1/items\n",
        "Remember: the password policy requires twelve characters. ",
        "Ask @maria about the token refresh job; it ran at https://ci.example.com/job/7.\n",
    ]
    secrets = []
    parts = []
    for _ in range(rng.randint(3, 8)):
        parts.append(rng.choice(prose))
        kind = rng.randrange(6)
        if kind == 0:
            v = tokens.github_pat()
            parts.append(f"token {v} ")
        elif kind == 1:
            v = tokens.slack_bot()
            parts.append(f"slack={v}\n")
        elif kind == 2:
            v = tokens.aws_key_id()
            parts.append(f"AWS key {v}. ")
        elif kind == 3:
            v = postgres_password()
            parts.append(f"dsn postgres://svc:{v}@10.0.0.3/app ")
        elif kind == 4:
            v = tokens.db_password()
            parts.append(f'db_password: "{v}"\n')
        else:
            v = pem_key()
            parts.append(f"key:\n{v}\n")
        secrets.append(v)
    return "".join(parts), secrets


def _chunk(text: str, rng: random.Random, lo: int, hi: int) -> list[str]:
    out, i = [], 0
    while i < len(text):
        k = rng.randint(lo, hi)
        out.append(text[i : i + k])
        i += k
    return out


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), lo=st.integers(1, 5), extra=st.integers(0, 80))
def test_random_chunkings_equal_whole_text(seed: int, lo: int, extra: int) -> None:
    guard = Guard(Policy())
    text, secrets = _mixed(seed)
    out, _ = stream(guard, _chunk(text, random.Random(seed), lo, lo + extra))
    assert out == guard.sanitize(text, channel="model_output")
    expected = guard.sanitize(text, channel="model_output")
    for v in secrets:  # a rare random value the engine itself lets through is not ours
        assert v not in out or v in expected


def test_holds_back_only_a_little(g: Guard) -> None:
    s = StreamSanitizer(g)
    prose = "All clear here, nothing to see in this sentence at all. " * 20
    released = "".join(s.feed(c) for c in prose)
    assert len(prose) - len(released) <= 100  # the horizon, not the whole answer
    assert released + s.close() == prose


def test_clean_text_is_unchanged_and_findings_have_stream_offsets(g: Guard) -> None:
    pat = tokens.github_pat()
    text = "x" * 500 + f" {pat} " + "y" * 500
    out, s = stream(g, _chunk(text, random.Random(3), 1, 4))
    assert out == g.sanitize(text, channel="model_output")
    (f,) = s.findings
    assert text[f.start : f.end] == pat


def test_sanitize_stream_generator(g: Guard) -> None:
    pat = tokens.github_pat()
    text = f"here: {pat} bye"
    assert "".join(sanitize_stream(g, list(text))) == g.sanitize(text, channel="model_output")


def test_async_twin(g: Guard) -> None:
    _, text, secret = CASES[3]

    async def source() -> AsyncIterator[str]:
        for c in _chunk(text, random.Random(5), 1, 4):
            await asyncio.sleep(0)
            yield c

    async def collect() -> str:
        return "".join([c async for c in asanitize_stream(g, source())])

    out = asyncio.run(collect())
    assert out == g.sanitize(text, channel="model_output")
    assert secret not in out


def _blocking(**extra: object) -> Guard:
    return Guard(policy_from_mapping({"actions": {"secret": "block"}, **extra}))


def test_block_raises_and_released_text_was_clean() -> None:
    guard = _blocking()
    pat = tokens.github_pat()
    text = "Some harmless preamble that goes out first. " * 5 + f"then {pat} and more"
    s = StreamSanitizer(guard)
    released: list[str] = []
    with pytest.raises(GuardBlocked) as err:
        for c in text:
            released.append(s.feed(c))
        s.close()
    assert pat not in str(err.value)
    out = "".join(released)
    assert out and pat[:6] not in out and text.startswith(out)
    assert s.blocked


def test_block_refuse_emits_refusal_and_stops() -> None:
    guard = _blocking(on_block="refuse", refusal="nope")
    pat = tokens.github_pat()
    text = "Preamble text. " * 10 + f"the token {pat} and the rest " * 2

    chunks = _chunk(text, random.Random(9), 1, 4)
    out = list(sanitize_stream(guard, chunks))
    assert out[-1] == "nope"
    joined = "".join(out[:-1])
    assert pat[:6] not in joined and text.startswith(joined)


def test_disabled_channel_passes_through() -> None:
    guard = Guard(policy_from_mapping({"channels": {"model_output": {"enabled": False}}}))
    pat = tokens.github_pat()
    assert "".join(sanitize_stream(guard, [f"a {pat}", " b"])) == f"a {pat} b"


def test_other_detectors_hold_until_close() -> None:
    from agentguard.detectors.base import Hit

    class Word:
        name = "word"

        def scan(self, text: str) -> list[Hit]:
            i = text.find("classified")
            return [] if i < 0 else [Hit(i, i + 10, "custom/word", "word")]

    guard = Guard(Policy(), detectors=[Word()])
    s = StreamSanitizer(guard)
    assert s.feed("this is classif") == ""
    rest = s.feed("ied info") + s.close()
    assert rest == guard.sanitize("this is classified info", channel="model_output")


def test_feed_after_close_fails(g: Guard) -> None:
    s = StreamSanitizer(g)
    s.close()
    with pytest.raises(ValueError):
        s.feed("x")
