"""The middleware that tells the patched methods "the agent's guard has this call".

It sits just inside an :class:`AgentGuardMiddleware`, so while the model or a tool runs
under it the context variable names that call, and the patched ``invoke`` lets it through
instead of guarding it a second time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from langchain.agents.middleware import AgentMiddleware  # type: ignore[import-untyped,unused-ignore]

from agentguard.instrument.patches import _COVERED, _MODEL


class ScopeMiddleware(AgentMiddleware):  # type: ignore[misc,type-arg,unused-ignore]
    @property
    def name(self) -> str:
        return "AgentGuardScope"

    def wrap_model_call(self, request: Any, handler: Callable[[Any], Any]) -> Any:
        token = _COVERED.set(_MODEL)
        try:
            return handler(request)
        finally:
            _COVERED.reset(token)

    async def awrap_model_call(self, request: Any, handler: Callable[[Any], Awaitable[Any]]) -> Any:
        token = _COVERED.set(_MODEL)
        try:
            return await handler(request)
        finally:
            _COVERED.reset(token)

    def wrap_tool_call(self, request: Any, handler: Callable[[Any], Any]) -> Any:
        token = _COVERED.set(request.tool)
        try:
            return handler(request)
        finally:
            _COVERED.reset(token)

    async def awrap_tool_call(self, request: Any, handler: Callable[[Any], Awaitable[Any]]) -> Any:
        token = _COVERED.set(request.tool)
        try:
            return await handler(request)
        finally:
            _COVERED.reset(token)
