"""GenAI convention spans around guarded channels, and evaluation events, with the real SDK."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import pytest

pytest.importorskip("langchain.agents")

from langchain.agents import create_agent
from langchain_core.messages import AIMessage
from langchain_core.tools import tool
from langgraph.checkpoint.memory import InMemorySaver
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agentguard import Guard, Policy
from agentguard.langchain import AgentGuardMiddleware
from agentguard.telemetry import names as n
from tests import tokens
from tests.langchain_fakes import ScriptedChatModel

Spans = tuple[TracerProvider, InMemorySpanExporter]


def _by_name(spans: Sequence[ReadableSpan], name: str) -> list[ReadableSpan]:
    return [s for s in spans if s.name == name]


def _parent(span: ReadableSpan, spans: Sequence[ReadableSpan]) -> ReadableSpan | None:
    if span.parent is None:
        return None
    return next((s for s in spans if s.context.span_id == span.parent.span_id), None)


def _ancestors(span: ReadableSpan, spans: Sequence[ReadableSpan]) -> list[str]:
    out, cur = [], _parent(span, spans)
    while cur is not None:
        out.append(cur.name)
        cur = _parent(cur, spans)
    return out


def _no_content_attributes(spans: Sequence[ReadableSpan]) -> None:
    for s in spans:
        assert not n.CONTENT_ATTRIBUTES & set(s.attributes or {}), s.name


def _lookup(secret: str) -> Any:
    @tool
    def lookup(query: str) -> str:
        """Look a customer up."""
        return f"customer row; api token {secret}"

    return lookup


def test_wrapped_tool_runs_in_an_execute_tool_span(spans: Spans) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    leak = tokens.slack_bot()
    guard.wrap(_lookup(leak)).invoke({"query": f"key {tokens.github_pat()}"})
    finished = exporter.get_finished_spans()
    (op,) = _by_name(finished, "execute_tool lookup")
    attrs = dict(op.attributes or {})
    assert attrs[n.GENAI_OPERATION_NAME] == n.OP_EXECUTE_TOOL
    assert attrs[n.GENAI_TOOL_NAME] == "lookup"
    inspections = _by_name(finished, n.SPAN_INSPECT)
    channels = {dict(s.attributes or {})[n.ATTR_CHANNEL] for s in inspections}
    assert channels == {"tool_input", "tool_output"}
    assert all(_parent(s, finished) is op for s in inspections)
    _no_content_attributes(finished)
    assert leak not in "".join(s.to_json() for s in finished)


def test_an_existing_operation_span_is_joined(spans: Spans) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    app = provider.get_tracer("app-instrumentation")
    with app.start_as_current_span(
        "execute_tool lookup",
        attributes={n.GENAI_OPERATION_NAME: "execute_tool", n.GENAI_TOOL_NAME: "lookup"},
    ) as outer:
        guard.wrap(_lookup(tokens.slack_bot())).invoke({"query": "q"})
    finished = exporter.get_finished_spans()
    assert len(_by_name(finished, "execute_tool lookup")) == 1  # no second span
    (inspection,) = _by_name(finished, n.SPAN_INSPECT)
    assert inspection.parent is not None
    assert inspection.parent.span_id == outer.get_span_context().span_id


def test_another_tool_is_not_joined(spans: Spans) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    with provider.get_tracer("app").start_as_current_span(
        "execute_tool other",
        attributes={n.GENAI_OPERATION_NAME: "execute_tool", n.GENAI_TOOL_NAME: "other"},
    ):
        guard.wrap(_lookup(tokens.slack_bot())).invoke({"query": "q"})
    finished = exporter.get_finished_spans()
    (op,) = _by_name(finished, "execute_tool lookup")
    assert _ancestors(op, finished) == ["execute_tool other"]


def test_agent_run_spans_follow_the_conventions(spans: Spans) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    secret, arg = tokens.slack_bot(), tokens.aws_key_id()
    model = ScriptedChatModel(
        script=[
            AIMessage(
                content="",
                tool_calls=[{"name": "lookup", "args": {"query": f"key {arg}"}, "id": "c1"}],
            ),
            AIMessage(content="done"),
        ]
    )
    agent = create_agent(
        model,
        [_lookup(secret)],
        middleware=[AgentGuardMiddleware(guard)],
        checkpointer=InMemorySaver(),
        name="support-bot",
    )
    wrapped = guard.wrap(agent, channel="model_output")
    cfg: Any = {"configurable": {"thread_id": "thread-77"}}
    wrapped.invoke({"messages": [{"role": "user", "content": "find customer 7"}]}, cfg)
    finished = exporter.get_finished_spans()

    (run,) = _by_name(finished, "invoke_agent support-bot")
    run_attrs = dict(run.attributes or {})
    assert run_attrs[n.GENAI_AGENT_NAME] == "support-bot"
    assert run_attrs[n.GENAI_CONVERSATION_ID] == "thread-77"
    chats = _by_name(finished, "chat")  # the scripted model names no model
    assert len(chats) == 2
    (call,) = _by_name(finished, "execute_tool lookup")
    call_attrs = dict(call.attributes or {})
    assert call_attrs[n.GENAI_TOOL_CALL_ID] == "c1"
    assert call_attrs[n.GENAI_AGENT_NAME] == "support-bot"
    assert call_attrs[n.GENAI_CONVERSATION_ID] == "thread-77"
    for op in [*chats, call]:
        assert "invoke_agent support-bot" in _ancestors(op, finished)
    for s in _by_name(finished, n.SPAN_INSPECT):
        channel = dict(s.attributes or {})[n.ATTR_CHANNEL]
        if channel in ("tool_input", "tool_output"):
            assert _parent(s, finished) is call
    _no_content_attributes(finished)
    dump = "".join(s.to_json() for s in finished)
    assert secret not in dump and arg not in dump


def test_streamed_chat_has_one_span_ended_after_the_stream(spans: Spans) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    said = tokens.github_pat()
    model = guard.wrap(ScriptedChatModel(script=[AIMessage(content=f"key {said} ok")]))
    chunks = list(model.stream(f"hi {tokens.github_pat()}"))
    assert said not in "".join(str(c.content) for c in chunks)
    finished = exporter.get_finished_spans()
    (chat,) = _by_name(finished, "chat")
    for s in _by_name(finished, n.SPAN_INSPECT):
        assert _parent(s, finished) is chat
    assert chat.end_time is not None


def test_decorated_tool_span_and_failure_without_message(spans: Spans) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    tok = tokens.github_pat()

    @guard.tool
    def fetch(url: str) -> str:
        raise ConnectionError(f"refused {tok}")

    @guard.tool
    async def afetch(url: str) -> str:
        return f"token {tok}"

    with pytest.raises(ConnectionError):
        fetch("https://example.com")
    assert asyncio.run(afetch("https://example.com")) == "token [REDACTED:secret/github-pat]"
    finished = exporter.get_finished_spans()
    (failed,) = _by_name(finished, "execute_tool fetch")
    assert failed.status.status_code.name == "ERROR"
    assert failed.status.description is None
    assert dict(failed.attributes or {})[n.ERROR_TYPE] == "ConnectionError"
    assert not failed.events  # no exception event: its message quotes content
    (ok,) = _by_name(finished, "execute_tool afetch")
    (inspection,) = _by_name(finished, n.SPAN_INSPECT)
    assert _parent(inspection, finished) is ok
    assert tok not in "".join(s.to_json() for s in finished)


def test_evaluation_event_per_detector(spans: Spans) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    guard.inspect({"a": tokens.github_pat(), "embedding": [0.1 * i for i in range(64)]})
    (span,) = exporter.get_finished_spans()
    results = {
        dict(e.attributes or {})[n.EVAL_NAME]: dict(e.attributes or {})
        for e in span.events
        if e.name == n.EVENT_EVALUATION
    }
    assert set(results) == {"agentguard.secrets", "agentguard.signals"}
    secrets = results["agentguard.secrets"]
    assert secrets[n.EVAL_LABEL] == "redact" and 0 < secrets[n.EVAL_SCORE] <= 1
    assert secrets[n.EVAL_EXPLANATION] == "secret/github-pat"
    assert results["agentguard.signals"][n.EVAL_LABEL] == "reduce"


def test_wrapped_retriever_runs_in_a_retrieval_span(spans: Spans) -> None:
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever

    leak = tokens.github_pat()

    class Notes(BaseRetriever):
        def _get_relevant_documents(
            self, query: str, *, run_manager: CallbackManagerForRetrieverRun
        ) -> list[Document]:
            return [Document(page_content=f"pasted {leak}", metadata={"score": 0.91234})]

    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    docs = guard.wrap(Notes(name="support-notes")).invoke("q")
    assert leak not in docs[0].page_content
    finished = exporter.get_finished_spans()
    (op,) = _by_name(finished, "retrieval support-notes")
    assert dict(op.attributes or {})[n.GENAI_DATA_SOURCE_ID] == "support-notes"
    inspections = _by_name(finished, n.SPAN_INSPECT)
    assert inspections and all(_parent(s, finished) is op for s in inspections)


def test_decorated_generator_tool_span_covers_the_stream(spans: Spans) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    tok = tokens.github_pat()

    @guard.tool
    def pages(n_pages: int) -> Any:
        for i in range(n_pages):
            yield f"page {i} token {tok}\n"

    out = "".join(pages(3))
    assert tok not in out and out.count("[REDACTED:secret/github-pat]") == 3
    finished = exporter.get_finished_spans()
    (op,) = _by_name(finished, "execute_tool pages")
    inspections = _by_name(finished, n.SPAN_INSPECT)
    assert inspections and all(_parent(s, finished) is op for s in inspections)
    assert all(s.end_time is not None and s.end_time <= (op.end_time or 0) for s in inspections)
