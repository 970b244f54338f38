"""Guarding plain Python functions: any framework, or none.

``@guard.tool`` inspects a function's arguments as ``tool_input`` (a secret handed to a
tool is exfiltration) and its result as ``tool_output``; ``@guard.output(channel=...)``
only the result. Sync, async, generator and async-generator functions keep their kind and
their signature, so frameworks that introspect them (LangChain's ``@tool``, FastAPI) still
see the original parameters.

A ``@guard.tool`` call runs in an ``execute_tool <function name>`` span (GenAI conventions),
joined when the current span already is that tool's execution, so the inspections of its
arguments and result are children of it.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, cast

from agentguard.findings import Channel
from agentguard.telemetry import genai

if TYPE_CHECKING:
    from agentguard.guard import Guard

F = TypeVar("F", bound=Callable[..., Any])


def _clean_arguments(
    guard: Guard, sig: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    bound = sig.bind(*args, **kwargs)
    clean = guard.sanitize(dict(bound.arguments), channel=Channel.TOOL_INPUT)
    if clean is bound.arguments or clean == bound.arguments:
        return args, kwargs
    bound.arguments.update(clean)
    return bound.args, bound.kwargs


class _TextStream:
    """Generator items: text goes through one streaming sanitiser, so a secret split across
    yields is still caught; anything else is sanitised item by item (flushing text first)."""

    def __init__(self, guard: Guard, channel: Channel) -> None:
        from agentguard.streaming import StreamSanitizer

        self.guard, self.channel = guard, channel
        self.text = StreamSanitizer(guard, channel)

    def take(self, item: Any) -> list[Any]:
        if isinstance(item, str):
            out = self.text.feed(item)
            return [out] if out else []
        return [*self.finish(), self.guard.sanitize(item, channel=self.channel)]

    def finish(self) -> list[Any]:
        from agentguard.streaming import StreamSanitizer

        rest = self.text.close()
        self.text = StreamSanitizer(self.guard, self.channel)
        return [rest] if rest else []


def guard_function(guard: Guard, fn: F, *, inputs: Channel | None, output: Channel) -> F:
    """Wrap ``fn`` so that its arguments (if ``inputs``) and its results are sanitised."""
    sig = inspect.signature(fn)
    tool_name = getattr(fn, "__name__", None)

    def operation() -> genai.Operation | contextlib.nullcontext[None]:
        if inputs is not Channel.TOOL_INPUT:
            return contextlib.nullcontext()
        return genai.execute_tool(genai.tracer_of(guard), tool_name)

    def prepare(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
        return _clean_arguments(guard, sig, args, kwargs) if inputs else (args, kwargs)

    wrapper: Callable[..., Any]
    if inspect.isasyncgenfunction(fn):

        async def agen_body(*args: Any, **kwargs: Any) -> AsyncIterator[Any]:
            a, kw = prepare(args, kwargs)
            stream = _TextStream(guard, output)
            async for item in fn(*a, **kw):
                for piece in stream.take(item):
                    yield piece
            for piece in stream.finish():
                yield piece

        async def agen_wrapper(*args: Any, **kwargs: Any) -> AsyncIterator[Any]:
            op = operation()
            items = agen_body(*args, **kwargs)
            if isinstance(op, genai.Operation):
                items = genai.atraced(op, items)
            async for item in items:
                yield item

        wrapper = agen_wrapper
    elif inspect.iscoroutinefunction(fn):

        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            with operation():
                a, kw = prepare(args, kwargs)
                return await guard.asanitize(await fn(*a, **kw), channel=output)

        wrapper = async_wrapper
    elif inspect.isgeneratorfunction(fn):

        def gen_body(*args: Any, **kwargs: Any) -> Iterator[Any]:
            a, kw = prepare(args, kwargs)
            stream = _TextStream(guard, output)
            for item in fn(*a, **kw):
                yield from stream.take(item)
            yield from stream.finish()

        def gen_wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
            op = operation()
            items = gen_body(*args, **kwargs)
            yield from genai.traced(op, items) if isinstance(op, genai.Operation) else items

        wrapper = gen_wrapper
    else:

        def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
            with operation():
                a, kw = prepare(args, kwargs)
                return guard.sanitize(fn(*a, **kw), channel=output)

        wrapper = sync_wrapper
    functools.update_wrapper(wrapper, fn)
    cast(Any, wrapper).__signature__ = sig
    return wrapper  # type: ignore[return-value]
