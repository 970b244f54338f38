"""Plain-Python adapters: @guard.tool, @guard.output and the principal context."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Iterator

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agentguard import Guard, GuardBlocked, Policy
from agentguard.context import current_principal
from agentguard.policy import policy_from_mapping
from agentguard.telemetry import names as n
from tests import tokens

GUARD = Guard(Policy())


def test_tool_decorator_sanitises_arguments_and_result() -> None:
    tok, leaked = tokens.github_pat(), tokens.slack_bot()
    seen: list[str] = []

    @GUARD.tool
    def fetch(url: str, *, token: str = "", retries: int = 2) -> dict[str, str]:
        """Fetch a page."""
        seen.append(token)
        return {"body": f"ok {leaked}", "url": url}

    out = fetch("https://example.com", token=tok)
    assert seen == ["[REDACTED:secret/github-pat]"]
    assert out == {"body": "ok [REDACTED:secret/slack-bot-token]", "url": "https://example.com"}
    assert fetch.__name__ == "fetch" and fetch.__doc__ == "Fetch a page."
    assert list(inspect.signature(fetch).parameters) == ["url", "token", "retries"]


def test_tool_decorator_with_parentheses_and_block() -> None:
    strict = Guard(
        policy_from_mapping({"channels": {"tool_input": {"actions": {"secret": "block"}}}})
    )
    called = []

    @strict.tool()
    def send(to: str, body: str) -> str:
        called.append(body)
        return "sent"

    assert send("a@example.com", "hello") == "sent"
    with pytest.raises(GuardBlocked):
        send("a@example.com", f"my key is {tokens.github_pat()}")
    assert called == ["hello"]


def test_output_decorator_for_every_function_kind() -> None:
    tok = tokens.github_pat()

    @GUARD.output(channel="model_output")
    def plain() -> str:
        return f"answer {tok}"

    @GUARD.output(channel="retrieval")
    async def coro() -> list[str]:
        return [tok, "fine"]

    @GUARD.output()
    def gen() -> Iterator[str]:
        yield f"a {tok}\n"
        yield "b"

    @GUARD.output()
    async def agen() -> AsyncIterator[dict[str, str]]:
        yield {"k": tok}

    async def collect() -> list[dict[str, str]]:
        return [x async for x in agen()]

    assert plain() == "answer [REDACTED:secret/github-pat]"
    assert asyncio.run(coro()) == ["[REDACTED:secret/github-pat]", "fine"]
    # text items are one stream: concatenated, they equal the sanitised whole
    assert "".join(gen()) == "a [REDACTED:secret/github-pat]\nb"
    assert asyncio.run(collect()) == [{"k": "[REDACTED:secret/github-pat]"}]
    assert inspect.isasyncgenfunction(agen) and inspect.isgeneratorfunction(gen)
    assert inspect.iscoroutinefunction(coro)


def test_principal_context_reaches_spans_and_survives_gather(
    spans: tuple[TracerProvider, InMemorySpanExporter],
) -> None:
    provider, exporter = spans
    g = Guard(Policy(fingerprint_key="k"), tracer_provider=provider)

    async def one(i: int) -> str | None:
        await asyncio.sleep(0)
        g.inspect(tokens.github_pat())
        return current_principal()

    async def main() -> list[str | None]:
        with g.principal("svc-42"):
            return await asyncio.gather(*(one(i) for i in range(5)))

    assert asyncio.run(main()) == ["svc-42"] * 5
    assert current_principal() is None
    fps = {dict(s.attributes or {})[n.ATTR_PRINCIPAL_FP] for s in exporter.get_finished_spans()}
    assert fps == {g.fingerprint("svc-42")}
    with g.principal("outer"), g.principal("inner"):
        assert current_principal() == "inner"
    with pytest.raises(ValueError):
        g.principal("").__enter__()


def test_generator_text_split_across_yields_is_caught() -> None:
    tok = tokens.github_pat()

    @GUARD.output()
    def tokens_out() -> Iterator[str]:
        text = f"here is the key {tok} and more words after it"
        for i in range(0, len(text), 3):
            yield text[i : i + 3]

    @GUARD.output()
    async def atokens_out() -> AsyncIterator[str]:
        for piece in ("pre ", tok[:7], tok[7:], " post"):
            yield piece

    async def collect() -> str:
        return "".join([x async for x in atokens_out()])

    out = "".join(tokens_out())
    assert (
        tok not in out
        and out == "here is the key [REDACTED:secret/github-pat] and more words after it"
    )
    assert asyncio.run(collect()) == "pre [REDACTED:secret/github-pat] post"
