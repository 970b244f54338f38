"""An observe-only LangChain callback handler: findings and spans for chains you cannot change.

**It cannot redact.** langchain-core discards what a callback returns, so by the time this
handler sees a value, the value has already gone where it was going (into the prompt, the
tool, the agent state, the caller). To change what flows, use
:class:`agentguard.langchain.AgentGuardMiddleware` (``create_agent`` agents) or
``guard.wrap(...)`` / :func:`agentguard.langchain.wrappers.wrap` (tools, retrievers, chat
models, any runnable). What this handler *can* do is record — an ``agentguard.inspect``
span per risky payload, findings kept on :attr:`AgentGuardCallbackHandler.findings` — and,
with ``raise_error=True``, abort the run under a ``block`` policy by raising
:class:`~agentguard.errors.GuardBlocked` (before a tool runs for ``on_tool_start``; after
the model answered, but before the answer is returned, for ``on_llm_end``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.documents import Document
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGeneration, LLMResult

from agentguard.errors import GuardBlocked
from agentguard.findings import Channel, Finding, Verdict
from agentguard.guard import Guard
from agentguard.langchain.messages import message_payload

__all__ = ["AgentGuardCallbackHandler"]


class AgentGuardCallbackHandler(BaseCallbackHandler):
    """Records agentguard findings and spans from LangChain callbacks; never changes a value.

    langchain-core ignores callback return values, so this handler **cannot redact**: a
    secret it reports has already reached the model, the tool or the caller. Use
    ``AgentGuardMiddleware`` or ``guard.wrap(...)`` to sanitise; use this handler where the
    chain cannot be changed and observation (and, optionally, aborting) is enough.

    Inspected: ``on_chat_model_start`` (``model_input``, unless ``inspect_inputs=False``),
    ``on_llm_end`` (``model_output``: text, content blocks, tool-call arguments,
    ``response_metadata``), ``on_tool_start`` (``tool_input``), ``on_tool_end``
    (``tool_output``) and ``on_retriever_end`` (``retrieval``: content and metadata).

    ``raise_error=True``: when the policy's verdict is *block*, :class:`GuardBlocked` is
    raised from the callback and LangChain propagates it, aborting the run. Otherwise
    findings are only recorded (spans go to the guard's tracer provider).
    """

    run_inline = True  # keep verdicts in order with the run, and raise in its thread

    def __init__(
        self,
        guard: Guard,
        raise_error: bool = False,
        *,
        principal: str | None = None,
        inspect_inputs: bool = True,
    ) -> None:
        super().__init__()
        self.guard = guard
        self.raise_error = raise_error
        self.principal = principal
        self.inspect_inputs = inspect_inputs
        self._lock = threading.Lock()
        self.findings: list[Finding] = []
        self.blocked: list[Verdict] = []

    def __repr__(self) -> str:
        return (
            f"AgentGuardCallbackHandler(guard={self.guard!r}, raise_error={self.raise_error}, "
            f"findings={len(self.findings)})"
        )

    # --- the one path ------------------------------------------------------------------

    def _check(self, payload: Any, channel: Channel) -> None:
        verdict = self.guard.inspect(payload, channel, self.principal)
        if not verdict.findings and not verdict.blocked:
            return
        with self._lock:
            self.findings.extend(verdict.findings)
            if verdict.blocked:
                self.blocked.append(verdict)
        if verdict.blocked and self.raise_error:
            raise GuardBlocked(verdict.reason or "policy", verdict.findings, channel.value)

    # --- callbacks ---------------------------------------------------------------------

    def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[BaseMessage]],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        if self.inspect_inputs:
            self._check([message_payload(m) for batch in messages for m in batch], _IN)

    def on_llm_start(
        self,
        serialized: dict[str, Any],
        prompts: list[str],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        if self.inspect_inputs:
            self._check(list(prompts), _IN)

    def on_llm_end(
        self,
        response: LLMResult,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        out: list[Any] = []
        for gens in response.generations:
            for gen in gens:
                if isinstance(gen, ChatGeneration):
                    out.append(message_payload(gen.message))
                else:
                    out.append(gen.text)
                if gen.generation_info:
                    out.append(gen.generation_info)
        if response.llm_output:
            out.append(response.llm_output)
        self._check(out, _OUT)

    def on_tool_start(
        self,
        serialized: dict[str, Any],
        input_str: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        inputs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        self._check(inputs if inputs is not None else input_str, Channel.TOOL_INPUT)

    def on_tool_end(
        self,
        output: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        if isinstance(output, BaseMessage):
            output = message_payload(output)
        self._check(output, Channel.TOOL_OUTPUT)

    def on_retriever_end(
        self,
        documents: Sequence[Document],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        self._check(
            [{"page_content": d.page_content, "metadata": d.metadata} for d in documents],
            Channel.RETRIEVAL,
        )


_IN, _OUT = Channel.MODEL_INPUT, Channel.MODEL_OUTPUT
