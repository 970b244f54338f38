"""How ``install()`` reaches LangChain objects the application built itself.

LangChain's configuration hooks (``register_configure_hook``, callbacks) can only watch a
run, not change what flows through it, so sanitising needs two things:

- ``create_agent`` (``langchain.agents``) is wrapped so every agent it builds gets an
  :class:`AgentGuardMiddleware` (unless it already has one) plus a small scope middleware
  just inside it: LangChain's own extension point, and the agent's state and checkpoints
  then hold only sanitised messages;
- ``invoke`` / ``ainvoke`` (and a chat model's ``stream`` / ``astream``) of ``BaseTool``,
  ``BaseRetriever`` and ``BaseChatModel`` are replaced by versions that run the object
  through its guarded twin (:func:`agentguard.langchain.wrappers.wrap`), so a tool, a
  retriever or a chat model used outside an agent, or inside an agent built before the
  install, is guarded too.

Nothing is guarded twice: the scope middleware marks the model call or the tool call the
agent's middleware already guards (a context variable, so it follows threads and tasks
LangChain starts), the patched methods let that one call through untouched, and a
guarded twin is never wrapped again. Each original is kept and ``restore()`` puts it back.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from agentguard.guard import Guard

#: What the agent's own middleware guards right now: a tool object, or _MODEL.
_COVERED: ContextVar[object] = ContextVar("agentguard_covered", default=None)
_MODEL = object()

#: (owner, attribute, original) for everything patched, in patch order.
_ORIGINALS: list[tuple[Any, str, Any]] = []
_GUARD: list[Guard] = []


def apply(guard: Guard) -> None:
    """Patch LangChain for ``guard`` (idempotent: a second call only swaps the guard)."""
    _GUARD[:] = [guard]
    if _ORIGINALS:
        return
    from langchain_core.language_models import BaseChatModel
    from langchain_core.retrievers import BaseRetriever
    from langchain_core.tools import BaseTool

    for cls in (BaseTool, BaseRetriever):
        _patch(cls, "invoke", _sync_call(_late(cls, "invoke")))
        _patch(cls, "ainvoke", _async_call(_late(cls, "ainvoke")))
    _patch(BaseChatModel, "invoke", _sync_call(_late(BaseChatModel, "invoke")))
    _patch(BaseChatModel, "ainvoke", _async_call(_late(BaseChatModel, "ainvoke")))
    _patch(BaseChatModel, "stream", _sync_stream(_late(BaseChatModel, "stream")))
    _patch(BaseChatModel, "astream", _async_stream(_late(BaseChatModel, "astream")))
    try:
        factory = importlib.import_module("langchain.agents.factory")
        agents = importlib.import_module("langchain.agents")
    except ImportError:  # langchain-core alone: no agents to patch
        return
    wrapped = _create_agent(factory.create_agent)
    _patch(factory, "create_agent", wrapped)
    if getattr(agents, "create_agent", None) is _original(factory, "create_agent"):
        _patch(agents, "create_agent", wrapped)


def restore() -> None:
    """Put every original back, newest first."""
    while _ORIGINALS:
        owner, name, original = _ORIGINALS.pop()
        if original is _ABSENT:
            delattr(owner, name)
        else:
            setattr(owner, name, original)
    _GUARD.clear()


# --- bookkeeping ---------------------------------------------------------------------------

_ABSENT = object()


def _late(owner: Any, name: str) -> Callable[[], Any]:
    """A lookup of the original at call time, never a captured stale one."""
    return lambda: _original(owner, name)


def _original(owner: Any, name: str) -> Any:
    for o, n, orig in _ORIGINALS:
        if o is owner and n == name and orig is not _ABSENT:
            return orig
    return getattr(owner, name)


def _patch(owner: Any, name: str, replacement: Any) -> None:
    original = vars(owner).get(name, _ABSENT)
    _ORIGINALS.append((owner, name, original))  # _ABSENT: inherited, restored by deleting
    if original is not _ABSENT:
        functools.update_wrapper(replacement, original)
    replacement.__agentguard_patch__ = True
    setattr(owner, name, replacement)


# --- deciding, per call --------------------------------------------------------------------


def _twin(obj: Any) -> Any | None:
    """The guarded twin to run instead of ``obj``, or None to run ``obj`` itself."""
    if not _GUARD:
        return None
    from agentguard.langchain.wrappers import (
        GuardedChatModel,
        GuardedRetriever,
        GuardedRunnable,
        GuardedTool,
    )

    if isinstance(obj, GuardedTool | GuardedRetriever | GuardedChatModel | GuardedRunnable):
        return None
    covered = _COVERED.get()
    if covered is obj or (covered is _MODEL and _is_model(obj)):
        return None
    return _GUARD[0].wrap(obj)


def _is_model(obj: Any) -> bool:
    from langchain_core.language_models import BaseChatModel

    return isinstance(obj, BaseChatModel)


@contextmanager
def _released() -> Iterator[None]:
    """Inside the call the middleware guards, nested objects are guarded again."""
    token = _COVERED.set(None)
    try:
        yield
    finally:
        _COVERED.reset(token)


def _sync_call(get: Callable[[], Any]) -> Callable[..., Any]:
    def invoke(self: Any, input: Any, config: Any = None, **kwargs: Any) -> Any:
        twin = _twin(self)
        if twin is None:
            with _released():
                return get()(self, input, config, **kwargs)
        return twin.invoke(input, config, **kwargs)

    return invoke


def _async_call(get: Callable[[], Any]) -> Callable[..., Awaitable[Any]]:
    async def ainvoke(self: Any, input: Any, config: Any = None, **kwargs: Any) -> Any:
        twin = _twin(self)
        if twin is None:
            with _released():
                return await get()(self, input, config, **kwargs)
        return await twin.ainvoke(input, config, **kwargs)

    return ainvoke


def _sync_stream(get: Callable[[], Any]) -> Callable[..., Any]:
    def stream(self: Any, input: Any, config: Any = None, **kwargs: Any) -> Any:
        twin = _twin(self)
        if twin is None:
            with _released():
                yield from get()(self, input, config, **kwargs)
            return
        yield from twin.stream(input, config, **kwargs)

    return stream


def _async_stream(get: Callable[[], Any]) -> Callable[..., Any]:
    async def astream(self: Any, input: Any, config: Any = None, **kwargs: Any) -> Any:
        twin = _twin(self)
        if twin is None:
            with _released():
                async for chunk in get()(self, input, config, **kwargs):
                    yield chunk
            return
        async for chunk in twin.astream(input, config, **kwargs):
            yield chunk

    return astream


# --- agents ----------------------------------------------------------------------------------


def _create_agent(original: Callable[..., Any]) -> Callable[..., Any]:
    from agentguard.instrument.scope import ScopeMiddleware
    from agentguard.langchain import AgentGuardMiddleware

    @functools.wraps(original)
    def create_agent(*args: Any, **kwargs: Any) -> Any:
        middleware = list(kwargs.pop("middleware", ()) or ())
        if _GUARD and not any(isinstance(m, ScopeMiddleware) for m in middleware):
            at = next(
                (i for i, m in enumerate(middleware) if isinstance(m, AgentGuardMiddleware)), None
            )
            if at is None:  # innermost: it sees exactly what reaches the model and the tools
                middleware += [AgentGuardMiddleware(_GUARD[0]), ScopeMiddleware()]
            else:
                middleware.insert(at + 1, ScopeMiddleware())
        return original(*args, middleware=middleware, **kwargs)

    return create_agent
