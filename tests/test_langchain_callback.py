"""AgentGuardCallbackHandler: observe-only findings and spans, and aborting under block."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

pytest.importorskip("langchain_core")

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.runnables import RunnableLambda
from langchain_core.tools import tool

from agentguard import Guard, GuardBlocked, Policy
from agentguard.langchain.callbacks import AgentGuardCallbackHandler
from tests import tokens
from tests.test_langchain_wrappers import Notes, Scripted, _notes


def _span_dump(exporter: Any) -> tuple[list[Any], str]:
    finished = list(exporter.get_finished_spans())
    return finished, "\n".join(s.to_json() for s in finished)


def _tool(calls: list[Any], leak: str) -> Any:
    @tool
    def lookup(customer_id: str, note: str = "") -> str:
        """Look up a customer."""
        calls.append(customer_id)
        return f"customer {customer_id}: password={leak}"

    return lookup


def test_handler_is_a_base_callback_handler_and_says_it_cannot_redact() -> None:
    handler = AgentGuardCallbackHandler(Guard(Policy()))
    assert isinstance(handler, BaseCallbackHandler) and not handler.raise_error
    doc = AgentGuardCallbackHandler.__doc__ or ""
    assert "cannot redact" in doc and "AgentGuardMiddleware" in doc and "guard.wrap" in doc


def test_spans_and_findings_from_every_callback(spans: Any) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    handler = AgentGuardCallbackHandler(guard, principal="svc-42")
    pasted, said, arg = tokens.github_pat(), tokens.github_pat(), tokens.slack_bot()
    leak, handed, meta = tokens.db_password(), tokens.github_pat(), tokens.github_pat()
    cfg: Any = {"callbacks": [handler]}

    model = Scripted(
        script=[
            AIMessage(
                content=f"here: {said}",
                tool_calls=[{"name": "send", "args": {"token": arg}, "id": "c1"}],
                response_metadata={"logprobs": [f"key={said}"]},
            )
        ]
    )
    model.invoke([HumanMessage(content=f"my token is {pasted}")], config=cfg)
    _tool([], leak).invoke({"customer_id": "c-1", "note": handed}, config=cfg)
    _notes(meta, meta).invoke("q", config=cfg)

    channels = {f.channel.value for f in handler.findings}
    assert channels == {"model_input", "model_output", "tool_input", "tool_output", "retrieval"}
    finished, dump = _span_dump(exporter)
    assert {s.attributes["agentguard.channel"] for s in finished} == channels
    assert all(s.name == "agentguard.inspect" for s in finished)
    for secret in (pasted, said, arg, leak, handed, meta):
        assert secret not in dump
        assert secret not in repr(handler) and secret not in repr(handler.findings)
    # the retriever's metadata was inspected too (a finding at a metadata path)
    assert any("metadata" in f.path for f in handler.findings if f.channel == "retrieval")


def test_observe_only_leaves_values_unchanged() -> None:
    """The documented limit: callbacks cannot redact, the value goes on as it was."""
    leak = tokens.db_password()
    handler = AgentGuardCallbackHandler(Guard(Policy()))
    out = _tool([], leak).invoke({"customer_id": "c"}, config={"callbacks": [handler]})
    assert handler.findings and out.endswith(leak)


def _block() -> Guard:
    return Guard(Policy(actions={"secret": "block"}))


def test_raise_error_aborts_a_chain_before_the_tool_runs(spans: Any) -> None:
    provider, exporter = spans
    guard = Guard(Policy(actions={"secret": "block"}), tracer_provider=provider)
    handed = tokens.github_pat()
    calls: list[Any] = []
    chain = RunnableLambda(lambda note: {"customer_id": "c", "note": note}) | _tool(calls, "x")
    handler = AgentGuardCallbackHandler(guard, raise_error=True)
    with pytest.raises(GuardBlocked) as exc:
        chain.invoke(f"use {handed}", config={"callbacks": [handler]})
    assert exc.value.channel == "tool_input" and not calls
    assert handed not in str(exc.value) and handler.blocked
    finished, dump = _span_dump(exporter)
    assert finished and handed not in dump
    assert any(s.attributes["agentguard.decision"] == "blocked" for s in finished)


def test_raise_error_aborts_on_model_output_and_retrieval() -> None:
    said, doc_secret = tokens.github_pat(), tokens.github_pat()
    handler = AgentGuardCallbackHandler(_block(), raise_error=True)
    chain = RunnableLambda(lambda q: q) | Scripted(script=[AIMessage(content=f"k={said}")])
    with pytest.raises(GuardBlocked) as exc:
        chain.invoke("hi", config={"callbacks": [handler]})
    assert exc.value.channel == "model_output" and said not in str(exc.value)
    retrieval = _notes(doc_secret, "x") | (lambda docs: len(docs))
    with pytest.raises(GuardBlocked) as exc:
        retrieval.invoke("q", config={"callbacks": [handler]})
    assert exc.value.channel == "retrieval"


def test_raise_error_aborts_async_runs() -> None:
    handed = tokens.github_pat()
    calls: list[Any] = []
    handler = AgentGuardCallbackHandler(_block(), raise_error=True)
    with pytest.raises(GuardBlocked):
        asyncio.run(
            _tool(calls, "x").ainvoke(
                {"customer_id": "c", "note": handed}, config={"callbacks": [handler]}
            )
        )
    assert not calls


def test_without_raise_error_block_is_only_recorded() -> None:
    handed = tokens.github_pat()
    calls: list[Any] = []
    handler = AgentGuardCallbackHandler(_block())
    _tool(calls, "x").invoke({"customer_id": "c", "note": handed}, config={"callbacks": [handler]})
    assert calls == ["c"] and handler.blocked and handler.blocked[0].channel == "tool_input"


def test_clean_traffic_records_nothing(spans: Any) -> None:
    provider, exporter = spans
    handler = AgentGuardCallbackHandler(Guard(Policy(), tracer_provider=provider))
    Notes(docs=[]).invoke("q", config={"callbacks": [handler]})
    _tool([], "short").invoke({"customer_id": "c"}, config={"callbacks": [handler]})
    assert not handler.findings and not exporter.get_finished_spans()
