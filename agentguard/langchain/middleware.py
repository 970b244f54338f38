"""``AgentGuardMiddleware``: every channel of a ``langchain.agents.create_agent`` agent.

- ``wrap_model_call`` / ``awrap_model_call``: the messages sent to the model (``model_input``;
  the system message too) are sanitised before the model sees them, and the sanitised copies
  replace the raw ones in agent state (same message ids, so ``add_messages`` swaps them in).
  The model's answer (``model_output``: content, every ``tool_calls[*].args``,
  ``additional_kwargs``, ``response_metadata``; the structured response) is sanitised before
  it enters state.
- ``wrap_tool_call`` / ``awrap_tool_call``: the arguments (``tool_input``) before the tool
  runs, and the result (``tool_output``: a ``ToolMessage``'s content and artifact, or a
  ``Command``'s update) before it enters state, so raw values never reach checkpoints.

Each model call runs in a ``chat <model>`` span and each tool call in an ``execute_tool
<tool>`` span (GenAI conventions; joined when the current span already is that operation),
so the ``agentguard.inspect`` spans of its inspections are children of the operation.

Under a blocking finding ``guard.policy.on_block`` decides: ``"raise"`` lets
:class:`~agentguard.errors.GuardBlocked` propagate; ``"refuse"`` hands the agent a
``ToolMessage`` / ``AIMessage`` that names what was withheld and why (kinds, never values).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from langchain.agents.middleware import AgentMiddleware  # type: ignore[import-untyped,unused-ignore]
from langchain.agents.middleware.types import (  # type: ignore[import-untyped,unused-ignore]
    ExtendedModelResponse,
    ModelRequest,
    ModelResponse,
)
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langgraph.prebuilt.tool_node import ToolCallRequest
from langgraph.types import Command

from agentguard.errors import GuardBlocked
from agentguard.findings import Channel, Decision, Verdict
from agentguard.guard import Guard
from agentguard.langchain.messages import (
    asanitize_message,
    refusal_text,
    sanitize_message,
)
from agentguard.langchain.wrappers import model_name, run_identity
from agentguard.telemetry import genai

__all__ = ["AgentGuardMiddleware"]

#: Tag that keeps LangGraph's ``stream_mode="messages"`` from forwarding raw model tokens.
NOSTREAM_TAG = "nostream"

Principal = str | Callable[[Any], str | None] | None


class AgentGuardMiddleware(AgentMiddleware):  # type: ignore[misc,type-arg,unused-ignore]
    """Guards model inputs and outputs, tool arguments and tool results of an agent.

    >>> from langchain.agents import create_agent                       # doctest: +SKIP
    >>> agent = create_agent(model, tools, middleware=[AgentGuardMiddleware(Guard())])  # +SKIP

    ``principal`` is a string, or a callable that receives the ``ModelRequest`` /
    ``ToolCallRequest`` and returns one (it is fingerprinted in spans, never stored raw).

    ``stream_tokens=False`` (the default) tags the model call ``nostream`` so that
    ``stream_mode="messages"`` emits the sanitised message when the model call ends instead
    of raw tokens as they arrive. Set it to ``True`` only where token streaming is guarded
    elsewhere.
    """

    def __init__(
        self,
        guard: Guard | None = None,
        *,
        principal: Principal = None,
        stream_tokens: bool = False,
    ) -> None:
        super().__init__()
        self.guard = guard if guard is not None else Guard()
        self.principal = principal
        self.stream_tokens = stream_tokens

    @property
    def name(self) -> str:
        return "AgentGuardMiddleware"

    # --- helpers ------------------------------------------------------------------------

    def _principal(self, request: Any) -> str | None:
        if self.principal is None or isinstance(self.principal, str):
            return self.principal
        return self.principal(request)

    def _blocked(self, verdict: Verdict) -> None:
        if verdict.on_block == "raise":
            raise GuardBlocked(verdict.reason or "policy", verdict.findings, verdict.channel.value)

    def _quiet_model(self, request: ModelRequest) -> ModelRequest:
        if self.stream_tokens:
            return request
        model = request.model
        tags = list(getattr(model, "tags", None) or [])
        if NOSTREAM_TAG in tags or not hasattr(model, "tags"):
            return request
        return request.override(model=model.model_copy(update={"tags": [*tags, NOSTREAM_TAG]}))

    @staticmethod
    def _request_update(
        request: ModelRequest, messages: Sequence[BaseMessage], system: Any
    ) -> tuple[ModelRequest, list[BaseMessage]]:
        """The request with sanitised messages, and the sanitised state messages to swap in."""
        changed = [m for m, o in zip(messages, request.messages, strict=True) if m is not o]
        overrides: dict[str, Any] = {}
        if changed:
            overrides["messages"] = messages
        if system is not request.system_message:
            overrides["system_message"] = system
        if overrides:
            request = request.override(**overrides)
        state = request.state if isinstance(request.state, dict) else {}
        in_state = {m.id for m in state.get("messages", ()) if getattr(m, "id", None)}
        return request, [m for m in changed if m.id is not None and m.id in in_state]

    def _response(self, response: Any, replaced: list[BaseMessage]) -> Any:
        if not replaced:
            return response
        return ExtendedModelResponse(
            model_response=response, command=Command(update={"messages": replaced})
        )

    def _tool_refusal(self, request: ToolCallRequest, verdict: Verdict, what: str) -> ToolMessage:
        call = request.tool_call
        return ToolMessage(
            content=refusal_text(verdict, what),
            tool_call_id=call.get("id") or "",
            name=call.get("name"),
            status="error",
        )

    def _chat(self, request: ModelRequest) -> genai.Operation:
        tracer = genai.tracer_of(self.guard)
        return genai.chat(tracer, model_name(request.model), **run_identity())

    def _execute_tool(self, request: ToolCallRequest) -> genai.Operation:
        call = request.tool_call
        tracer = genai.tracer_of(self.guard)
        name, call_id = call.get("name"), call.get("id")
        return genai.execute_tool(tracer, name, call_id=call_id, **run_identity())

    # --- model calls --------------------------------------------------------------------

    def wrap_model_call(
        self,
        request: ModelRequest,
        handler: Callable[[ModelRequest], ModelResponse],
    ) -> ModelResponse | AIMessage | ExtendedModelResponse:
        with self._chat(request):
            return self._model_call(request, handler)

    def _model_call(
        self,
        request: ModelRequest,
        handler: Callable[[ModelRequest], ModelResponse],
    ) -> ModelResponse | AIMessage | ExtendedModelResponse:
        principal = self._principal(request)
        guard = self.guard
        msgs = [
            sanitize_message(guard, m, Channel.MODEL_INPUT, principal, what="message")[0]
            for m in request.messages
        ]
        system = request.system_message
        if system is not None:
            system = sanitize_message(guard, system, Channel.MODEL_INPUT, principal)[0]
        request, replaced = self._request_update(request, msgs, system)
        result = handler(self._quiet_model(request))
        out: ModelResponse | AIMessage | ExtendedModelResponse
        out = self._response(self._clean_model_result(result, principal), replaced)
        return out

    async def awrap_model_call(
        self,
        request: ModelRequest,
        handler: Callable[[ModelRequest], Awaitable[ModelResponse]],
    ) -> ModelResponse | AIMessage | ExtendedModelResponse:
        with self._chat(request):
            return await self._amodel_call(request, handler)

    async def _amodel_call(
        self,
        request: ModelRequest,
        handler: Callable[[ModelRequest], Awaitable[ModelResponse]],
    ) -> ModelResponse | AIMessage | ExtendedModelResponse:
        principal = self._principal(request)
        guard = self.guard
        msgs = [
            (await asanitize_message(guard, m, Channel.MODEL_INPUT, principal))[0]
            for m in request.messages
        ]
        system = request.system_message
        if system is not None:
            system = (await asanitize_message(guard, system, Channel.MODEL_INPUT, principal))[0]
        request, replaced = self._request_update(request, msgs, system)
        result = await handler(self._quiet_model(request))
        out: ModelResponse | AIMessage | ExtendedModelResponse
        out = self._response(self._clean_model_result(result, principal), replaced)
        return out

    def _clean_model_result(self, result: Any, principal: str | None) -> Any:
        if isinstance(result, BaseMessage):
            return sanitize_message(
                self.guard, result, Channel.MODEL_OUTPUT, principal, what="model answer"
            )[0]
        if isinstance(result, ExtendedModelResponse):
            return ExtendedModelResponse(
                model_response=self._clean_model_result(result.model_response, principal),
                command=result.command,
            )
        if not isinstance(result, ModelResponse):
            return result
        messages = [
            sanitize_message(self.guard, m, Channel.MODEL_OUTPUT, principal, what="model answer")[0]
            for m in result.result
        ]
        structured = result.structured_response
        if structured is not None:
            verdict = self.guard.inspect(structured, Channel.MODEL_OUTPUT, principal)
            if verdict.blocked:
                self._blocked(verdict)
                structured = None
                messages = [AIMessage(content=refusal_text(verdict, "structured response"))]
            elif verdict.decision is not Decision.ALLOWED:
                structured = verdict.payload
        return ModelResponse(result=messages, structured_response=structured)

    # --- tool calls ---------------------------------------------------------------------

    def _tool_request(
        self, request: ToolCallRequest, verdict: Verdict
    ) -> ToolCallRequest | ToolMessage:
        if verdict.blocked:
            self._blocked(verdict)
            return self._tool_refusal(request, verdict, "tool call arguments")
        if verdict.decision is Decision.ALLOWED:
            return request
        return request.override(tool_call={**request.tool_call, "args": verdict.payload})

    def wrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], ToolMessage | Command[Any]],
    ) -> ToolMessage | Command[Any]:
        with self._execute_tool(request):
            return self._tool_call(request, handler)

    def _tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], ToolMessage | Command[Any]],
    ) -> ToolMessage | Command[Any]:
        principal = self._principal(request)
        args = request.tool_call.get("args", {})
        checked = self._tool_request(
            request, self.guard.inspect(args, Channel.TOOL_INPUT, principal)
        )
        if isinstance(checked, ToolMessage):
            return checked
        result = handler(checked)
        if isinstance(result, ToolMessage):
            return sanitize_message(
                self.guard, result, Channel.TOOL_OUTPUT, principal, what="tool result"
            )[0]
        return self._clean_command(
            request, result, self.guard.inspect(result.update, Channel.TOOL_OUTPUT, principal)
        )

    async def awrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], Awaitable[ToolMessage | Command[Any]]],
    ) -> ToolMessage | Command[Any]:
        with self._execute_tool(request):
            return await self._atool_call(request, handler)

    async def _atool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], Awaitable[ToolMessage | Command[Any]]],
    ) -> ToolMessage | Command[Any]:
        principal = self._principal(request)
        args = request.tool_call.get("args", {})
        checked = self._tool_request(
            request, await self.guard.ainspect(args, Channel.TOOL_INPUT, principal)
        )
        if isinstance(checked, ToolMessage):
            return checked
        result = await handler(checked)
        if isinstance(result, ToolMessage):
            return (
                await asanitize_message(
                    self.guard, result, Channel.TOOL_OUTPUT, principal, what="tool result"
                )
            )[0]
        return self._clean_command(
            request,
            result,
            await self.guard.ainspect(result.update, Channel.TOOL_OUTPUT, principal),
        )

    def _clean_command(
        self, request: ToolCallRequest, command: Command[Any], verdict: Verdict
    ) -> ToolMessage | Command[Any]:
        """A ``Command`` from a tool: its state update is one payload (messages included)."""
        if verdict.blocked:
            self._blocked(verdict)
            return self._tool_refusal(request, verdict, "tool result")
        if verdict.decision is Decision.ALLOWED:
            return command
        return Command(
            graph=command.graph,
            update=verdict.payload,
            resume=command.resume,
            goto=command.goto,
        )
