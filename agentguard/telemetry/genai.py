"""GenAI operation spans (``chat gpt-4o``, ``execute_tool search``…) around guarded channels.

Where agentguard wraps a channel (a LangChain tool, chat model, retriever or agent; the
middleware's model and tool calls; ``@guard.tool``), it joins the current span when that
span already is the same GenAI operation (started by the application, by another
instrumentation, or by an outer agentguard wrapper), and otherwise starts one named as the
OpenTelemetry GenAI conventions name it. Either way the ``agentguard.inspect`` spans of the
inspections inside are its children.

Only identifiers go on these spans: operation, model, tool and agent names, the tool-call
and conversation ids. Content attributes (``gen_ai.input.messages``…) are never set, and a
failure records only ``error.type`` (an exception message can quote content).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, TypeVar

from opentelemetry import trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from agentguard.telemetry import names as n

Attrs = Mapping[str, str | None]
T = TypeVar("T")

#: The attribute that tells two operations of one kind apart (a tool from another tool).
_IDENTITY = {
    n.OP_CHAT: n.GENAI_REQUEST_MODEL,
    n.OP_EXECUTE_TOOL: n.GENAI_TOOL_NAME,
    n.OP_RETRIEVAL: n.GENAI_DATA_SOURCE_ID,
    n.OP_INVOKE_AGENT: n.GENAI_AGENT_NAME,
}
_KIND = {n.OP_CHAT: SpanKind.CLIENT, n.OP_RETRIEVAL: SpanKind.CLIENT}


def tracer_of(guard: Any) -> trace.Tracer:
    """The guard's tracer (its ``tracer_provider``), so operation spans go where its spans go."""
    tr = getattr(guard, "_tracer", None)
    return tr if isinstance(tr, trace.Tracer) else trace.get_tracer(n.INSTRUMENTATION_NAME)


class Operation:
    """One GenAI operation span, joined or started; a context manager that makes it current.

    For streams, use :meth:`active` around each step and :meth:`end` at the end instead, so
    that the span is never left current across a ``yield``.
    """

    __slots__ = ("_active", "owned", "span")

    def __init__(self, tracer: trace.Tracer, op: str, subject: str | None, attrs: Attrs) -> None:
        given = {k: v for k, v in attrs.items() if v}
        current = trace.get_current_span()
        self.owned = not _is_operation(current, op, given)
        if self.owned:
            self.span = tracer.start_span(
                f"{op} {subject}" if subject else op,
                kind=_KIND.get(op, SpanKind.INTERNAL),
                attributes={n.GENAI_OPERATION_NAME: op, **given},
                record_exception=False,
                set_status_on_exception=False,
            )
        else:
            self.span = current
        self._active: AbstractContextManager[trace.Span] | None = None

    def active(self) -> AbstractContextManager[trace.Span]:
        """The span as the current span for one step; it is not ended on exit."""
        return trace.use_span(
            self.span, end_on_exit=False, record_exception=False, set_status_on_exception=False
        )

    def fail(self, exc: BaseException) -> None:
        """Mark a started span failed with the exception's type only (never its message)."""
        if self.owned and not isinstance(exc, GeneratorExit):
            self.span.set_attribute(n.ERROR_TYPE, type(exc).__qualname__)
            self.span.set_status(Status(StatusCode.ERROR))

    def end(self) -> None:
        if self.owned:
            self.span.end()

    def __enter__(self) -> trace.Span:
        self._active = self.active()
        return self._active.__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is not None:
            self.fail(exc)
        try:
            if self._active is not None:
                self._active.__exit__(exc_type, exc, tb)
        finally:
            self.end()


def traced(op: Operation, items: Iterator[T]) -> Iterator[T]:
    """Iterate ``items`` with ``op`` current only while the producer runs, then end ``op``.

    A span left current across a ``yield`` would leak into the consumer's code (and fail to
    detach when the consumer stops in another context).
    """
    try:
        while True:
            with op.active():
                try:
                    item = next(items)
                except StopIteration:
                    return
            yield item
    except BaseException as exc:
        op.fail(exc)
        raise
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            with op.active():
                close()
        op.end()


async def atraced(op: Operation, items: AsyncIterator[T]) -> AsyncIterator[T]:
    """The async twin of :func:`traced`."""
    try:
        while True:
            with op.active():
                try:
                    item = await items.__anext__()
                except StopAsyncIteration:
                    return
            yield item
    except BaseException as exc:
        op.fail(exc)
        raise
    finally:
        aclose = getattr(items, "aclose", None)
        if aclose is not None:
            with op.active():
                await aclose()
        op.end()


def _is_operation(span: trace.Span, op: str, given: Mapping[str, str]) -> bool:
    """Is ``span`` already this operation (same kind, and same tool/model/… when both say)?"""
    if not span.is_recording():
        return False
    attrs = getattr(span, "attributes", None)  # SDK spans expose them; the API does not
    if not isinstance(attrs, Mapping) or attrs.get(n.GENAI_OPERATION_NAME) != op:
        return False
    key = _IDENTITY.get(op)
    mine, theirs = given.get(key or ""), attrs.get(key or "")
    return mine is None or theirs is None or mine == theirs


# --- the four operations agentguard wraps ------------------------------------------------


def execute_tool(
    tracer: trace.Tracer,
    tool: str | None,
    *,
    call_id: str | None = None,
    agent: str | None = None,
    conversation: str | None = None,
) -> Operation:
    attrs = {
        n.GENAI_TOOL_NAME: tool,
        n.GENAI_TOOL_CALL_ID: call_id,
        n.GENAI_AGENT_NAME: agent,
        n.GENAI_CONVERSATION_ID: conversation,
    }
    return Operation(tracer, n.OP_EXECUTE_TOOL, tool, attrs)


def chat(
    tracer: trace.Tracer,
    model: str | None,
    *,
    agent: str | None = None,
    conversation: str | None = None,
) -> Operation:
    attrs = {
        n.GENAI_REQUEST_MODEL: model,
        n.GENAI_AGENT_NAME: agent,
        n.GENAI_CONVERSATION_ID: conversation,
    }
    return Operation(tracer, n.OP_CHAT, model, attrs)


def retrieval(
    tracer: trace.Tracer, data_source: str | None, *, conversation: str | None = None
) -> Operation:
    attrs = {n.GENAI_DATA_SOURCE_ID: data_source, n.GENAI_CONVERSATION_ID: conversation}
    return Operation(tracer, n.OP_RETRIEVAL, data_source, attrs)


def invoke_agent(
    tracer: trace.Tracer, agent: str | None, *, conversation: str | None = None
) -> Operation:
    attrs = {n.GENAI_AGENT_NAME: agent, n.GENAI_CONVERSATION_ID: conversation}
    return Operation(tracer, n.OP_INVOKE_AGENT, agent, attrs)
