"""``wrap(guard, obj)``: guard a langchain-core tool, retriever, chat model or any runnable.

The wrapper is an ordinary object of the same LangChain kind, so it drops into chains,
``bind_tools`` and agents unchanged:

- a :class:`~langchain_core.tools.BaseTool` becomes a :class:`GuardedTool` (a ``BaseTool``
  with the same name, description, args schema and response format): parsed arguments are
  sanitised as ``tool_input`` before the inner tool runs, its result as ``tool_output``;
- a :class:`~langchain_core.retrievers.BaseRetriever` becomes a :class:`GuardedRetriever`:
  every returned ``Document`` is sanitised on ``retrieval``, ``page_content`` *and*
  ``metadata`` (where embeddings and internal paths hide);
- a :class:`~langchain_core.language_models.BaseChatModel` becomes a
  :class:`GuardedChatModel`: input messages on ``model_input``, the answer (text, content
  blocks, ``tool_calls`` arguments, ``response_metadata``) on ``model_output``, streamed
  chunks too; ``bind_tools`` and ``with_structured_output`` keep working;
- any other :class:`~langchain_core.runnables.Runnable` becomes a :class:`GuardedRunnable`
  whose output is sanitised on the ``channel`` you name (its input only if asked).

A tool, retriever or chat model is called through the same hooks its own ``invoke`` uses,
*without* the caller's callbacks: handlers and tracers attached to the run see the
wrapper's sanitised input and output, never the inner object's raw values. A plain
runnable is invoked normally (its own nested runs, and their callbacks, see raw values).

Blocking follows the policy: under ``on_block = "raise"`` a :class:`GuardBlocked`
propagates; under ``"refuse"`` the blocked value is replaced by the policy's refusal text (a
blocked tool input means the inner tool does not run at all).

Spans: each wrapper runs inside a GenAI operation span (``execute_tool <name>``,
``chat <model>``, ``retrieval <source>``, and ``invoke_agent <name>`` for a wrapped
``create_agent`` agent), joined when the current span already is that operation, so the
``agentguard.inspect`` spans of its inspections hang under it (``docs/telemetry.md``).

Streaming: a chat model's streamed text and tool-call arguments go through
:class:`agentguard.streaming.StreamSanitizer` (a secret split across chunks is still
redacted, and only what a rule can still need is held back); a plain runnable's string
chunks likewise. Other chunk parts (content-block lists, metadata) are sanitised chunk by chunk.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import nullcontext
from contextvars import ContextVar
from typing import Any, cast

from langchain_core.callbacks import (
    AsyncCallbackManagerForLLMRun,
    AsyncCallbackManagerForRetrieverRun,
    AsyncCallbackManagerForToolRun,
    CallbackManagerForLLMRun,
    CallbackManagerForRetrieverRun,
    CallbackManagerForToolRun,
)
from langchain_core.documents import Document
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.prompt_values import ChatPromptValue, PromptValue
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import (
    Runnable,
    RunnableBinding,
    RunnableConfig,
    RunnableSerializable,
)
from langchain_core.runnables.config import var_child_runnable_config
from langchain_core.tools import BaseTool
from pydantic import ConfigDict

from agentguard.errors import GuardBlocked
from agentguard.findings import Channel, Verdict
from agentguard.guard import Guard
from agentguard.langchain.messages import asanitize_messages, sanitize_message, sanitize_messages
from agentguard.streaming import StreamSanitizer
from agentguard.telemetry import genai

#: The messages GuardedChatModel._convert_input last sanitised in this context (by identity).
_SANITIZED: ContextVar[tuple[BaseMessage, ...]] = ContextVar("agentguard_sanitized", default=())

__all__ = ["GuardedChatModel", "GuardedRetriever", "GuardedRunnable", "GuardedTool", "wrap"]


def wrap(
    guard: Guard,
    obj: Any,
    channel: Channel | str | None = None,
    principal: str | None = None,
    *,
    input_channel: Channel | str | None = None,
) -> Any:
    """Return a guarded twin of ``obj`` (see the module docstring for what each kind gets).

    ``channel`` is required for a plain :class:`Runnable`; for a tool, retriever or chat
    model it overrides the output channel (``tool_output``, ``retrieval``, ``model_output``).
    A plain runnable's input is inspected only when ``input_channel`` is given.
    """
    if isinstance(obj, GuardedTool | GuardedRetriever | GuardedChatModel | GuardedRunnable):
        return obj
    if isinstance(obj, BaseTool):
        return GuardedTool.from_tool(guard, obj, channel=channel, principal=principal)
    if isinstance(obj, BaseRetriever):
        return GuardedRetriever(
            inner=obj,
            guard=guard,
            channel=Channel(channel or Channel.RETRIEVAL),
            principal=principal,
        )
    if isinstance(obj, BaseChatModel):
        return GuardedChatModel(
            inner=obj,
            guard=guard,
            channel=Channel(channel or Channel.MODEL_OUTPUT),
            principal=principal,
        )
    if isinstance(obj, Runnable):
        if channel is None:
            raise ValueError(
                "wrap() needs an explicit channel= for a plain Runnable "
                f"({type(obj).__name__}); one of: {', '.join(c.value for c in Channel)}"
            )
        return GuardedRunnable(
            inner=obj,
            guard=guard,
            channel=Channel(channel),
            input_channel=Channel(input_channel) if input_channel else None,
            principal=principal,
            agent=agent_name(obj),
        )
    raise TypeError(
        f"wrap() takes a BaseTool, BaseRetriever, BaseChatModel or Runnable, "
        f"not {type(obj).__name__}"
    )


# --- shared ------------------------------------------------------------------------------


def _settle(guard: Guard, verdict: Verdict) -> tuple[bool, Any]:
    """(blocked, payload): raises under ``on_block = "raise"``, else reports a refusal."""
    if verdict.blocked:
        if verdict.on_block == "raise":
            raise GuardBlocked(verdict.reason or "policy", verdict.findings, verdict.channel.value)
        return True, verdict.payload  # the refusal of the policy that blocked
    return False, verdict.payload


def _clean(guard: Guard, payload: Any, channel: Channel, principal: str | None) -> Any:
    return _settle(guard, guard.inspect(payload, channel, principal))[1]


async def _aclean(guard: Guard, payload: Any, channel: Channel, principal: str | None) -> Any:
    return _settle(guard, await guard.ainspect(payload, channel, principal))[1]


def run_identity(config: RunnableConfig | None = None) -> dict[str, str | None]:
    """The agent name and conversation (LangGraph thread) id of the run, for GenAI spans."""
    cfg = config if config is not None else var_child_runnable_config.get()
    meta = (cfg or {}).get("metadata") or {}
    conf = (cfg or {}).get("configurable") or {}
    agent, thread = meta.get("lc_agent_name"), conf.get("thread_id") or meta.get("thread_id")
    return {
        "agent": str(agent) if agent else None,
        "conversation": str(thread) if thread else None,
    }


def model_name(model: Any) -> str | None:
    """The model a chat model asks for (``gen_ai.request.model``), when it says."""
    for attr in ("model_name", "model", "model_id", "deployment_name"):
        value = getattr(model, attr, None)
        if isinstance(value, str) and value:
            return value
    return None


def agent_name(obj: Any) -> str | None:
    """The name of a ``create_agent`` agent (a compiled LangGraph graph), else None."""
    meta = (getattr(obj, "config", None) or {}).get("metadata") or {}
    if meta.get("ls_integration") != "langchain_create_agent":
        return None
    name = meta.get("lc_agent_name") or getattr(obj, "name", None)
    return str(name) if name else "agent"


def _config_name(func: Any) -> str | None:
    try:
        params = inspect.signature(func).parameters
        hints = typing.get_type_hints(func)
    except Exception:
        return "config" if _has_param(func, "config") else None
    for pname, hint in hints.items():
        if hint is RunnableConfig and pname in params:
            return pname
    return "config" if "config" in params else None


def _has_param(func: Any, name: str) -> bool:
    try:
        return name in inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False


# --- tools -------------------------------------------------------------------------------


class GuardedTool(BaseTool):
    """A ``BaseTool`` that runs ``inner`` with sanitised arguments and returns a sanitised result.

    It carries the inner tool's name, description, args schema and response format, so
    ``bind_tools`` and agents see the same tool. Arguments are parsed and validated by the
    same schema first, then inspected on ``tool_input`` (a secret handed to a tool is
    exfiltration, ATLAS AML.T0086); the result is inspected on ``tool_output``.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: BaseTool
    guard: Guard
    input_channel: Channel = Channel.TOOL_INPUT
    output_channel: Channel = Channel.TOOL_OUTPUT
    principal: str | None = None

    @classmethod
    def from_tool(
        cls,
        guard: Guard,
        tool: BaseTool,
        *,
        channel: Channel | str | None = None,
        principal: str | None = None,
    ) -> GuardedTool:
        return cls(
            name=tool.name,
            description=tool.description,
            args_schema=tool.args_schema,
            return_direct=tool.return_direct,
            response_format=tool.response_format,
            handle_validation_error=tool.handle_validation_error,
            metadata=tool.metadata,
            tags=tool.tags,
            extras=tool.extras,
            inner=tool,
            guard=guard,
            output_channel=Channel(channel or Channel.TOOL_OUTPUT),
            principal=principal,
        )

    # parsed arguments arrive as (args, kwargs): one string positional, or keywords
    @staticmethod
    def _input(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if not args:
            return kwargs
        if len(args) == 1 and not kwargs:
            return args[0]
        return {"args": list(args), "kwargs": kwargs}

    @staticmethod
    def _split(clean: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
        if not args:
            return (), dict(clean)
        if len(args) == 1 and not kwargs:
            return (clean,), {}
        return tuple(clean["args"]), dict(clean["kwargs"])

    @staticmethod
    def _call_kwargs(
        func: Any, config: RunnableConfig, kwargs: dict[str, Any], manager: Any
    ) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if _has_param(func, "run_manager"):
            extra["run_manager"] = manager  # a no-op: the inner tool reports through ours
        if (name := _config_name(func)) is not None:
            extra[name] = config
        return {**kwargs, **extra}

    def _run(
        self,
        *args: Any,
        config: RunnableConfig,
        run_manager: CallbackManagerForToolRun | None = None,
        **kwargs: Any,
    ) -> Any:
        g, p = self.guard, self.principal
        with self._operation(config):
            verdict = g.inspect(self._input(args, kwargs), self.input_channel, p)
            blocked, clean = _settle(g, verdict)
            if blocked:
                return self._refused(clean)
            cargs, ckwargs = self._split(clean, args, kwargs)
            inner = self.inner
            noop = CallbackManagerForToolRun.get_noop_manager()
            result = inner._run(*cargs, **self._call_kwargs(inner._run, config, ckwargs, noop))
            return _clean(g, result, self.output_channel, p)

    async def _arun(
        self,
        *args: Any,
        config: RunnableConfig,
        run_manager: AsyncCallbackManagerForToolRun | None = None,
        **kwargs: Any,
    ) -> Any:
        g, p = self.guard, self.principal
        with self._operation(config):
            verdict = await g.ainspect(self._input(args, kwargs), self.input_channel, p)
            blocked, clean = _settle(g, verdict)
            if blocked:
                return self._refused(clean)
            cargs, ckwargs = self._split(clean, args, kwargs)
            inner = self.inner
            noop = AsyncCallbackManagerForToolRun.get_noop_manager()
            # as BaseTool.arun does: the default _arun forwards to _run, so its parameters count
            check = inner._run if type(inner)._arun is BaseTool._arun else inner._arun
            kw = self._call_kwargs(check, config, ckwargs, noop)
            result = await inner._arun(*cargs, **kw)
            return await _aclean(g, result, self.output_channel, p)

    def _operation(self, config: RunnableConfig) -> genai.Operation:
        return genai.execute_tool(genai.tracer_of(self.guard), self.name, **run_identity(config))

    def _refused(self, refusal: str) -> Any:
        return (refusal, None) if self.response_format == "content_and_artifact" else refusal


# --- retrievers --------------------------------------------------------------------------


class GuardedRetriever(BaseRetriever):
    """A ``BaseRetriever`` whose documents are sanitised on ``retrieval``, metadata included.

    Each document is inspected on its own, so one blocked document is withheld (under
    ``on_block = "refuse"``: replaced by the refusal text, metadata emptied) without
    discarding the rest.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: BaseRetriever
    guard: Guard
    channel: Channel = Channel.RETRIEVAL
    principal: str | None = None

    def _clean_docs(self, docs: Sequence[Document]) -> list[Document]:
        out = []
        for doc in docs:
            blocked, clean = _settle(
                self.guard, self.guard.inspect(doc, self.channel, self.principal)
            )
            out.append(self._withheld(doc, clean) if blocked else clean)
        return out

    async def _aclean_docs(self, docs: Sequence[Document]) -> list[Document]:
        out = []
        for doc in docs:
            verdict = await self.guard.ainspect(doc, self.channel, self.principal)
            blocked, clean = _settle(self.guard, verdict)
            out.append(self._withheld(doc, clean) if blocked else clean)
        return out

    @staticmethod
    def _withheld(doc: Document, refusal: str) -> Document:
        return Document(page_content=refusal, metadata={"agentguard": "withheld"}, id=doc.id)

    def _inner_kwargs(self, func: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
        if _has_param(func, "run_manager"):
            kwargs = {**kwargs, "run_manager": _NOOP_RETRIEVER_RUN}
        return kwargs

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        inner = self.inner
        fn = inner._get_relevant_documents
        with self._operation():
            docs = fn(query, **self._inner_kwargs(fn, kwargs))
            return self._clean_docs(docs)

    async def _aget_relevant_documents(
        self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        inner = self.inner
        fn = inner._aget_relevant_documents
        extra = dict(kwargs)
        if _has_param(fn, "run_manager"):
            extra["run_manager"] = _ANOOP_RETRIEVER_RUN
        with self._operation():
            docs = await fn(query, **extra)
            return await self._aclean_docs(docs)

    def _operation(self) -> genai.Operation:
        source = self.inner.name or self.inner.get_name()
        conversation = run_identity()["conversation"]
        return genai.retrieval(genai.tracer_of(self.guard), source, conversation=conversation)


_NOOP_RETRIEVER_RUN = CallbackManagerForRetrieverRun.get_noop_manager()
_ANOOP_RETRIEVER_RUN = AsyncCallbackManagerForRetrieverRun.get_noop_manager()


# --- chat models -------------------------------------------------------------------------


class GuardedChatModel(BaseChatModel):
    """A ``BaseChatModel`` that sanitises what goes to ``inner`` and what comes back.

    The inner model is driven through its ``_generate`` / ``_agenerate`` / ``_stream`` /
    ``_astream`` hooks without the run's callbacks, so handlers and tracers record only the
    sanitised answer (and the ``on_llm_new_token`` stream they see is the sanitised one).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: BaseChatModel
    guard: Guard
    channel: Channel = Channel.MODEL_OUTPUT
    input_channel: Channel = Channel.MODEL_INPUT
    principal: str | None = None

    @property
    def _llm_type(self) -> str:
        return f"agentguard-{self.inner._llm_type}"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return dict(self.inner._identifying_params)

    def get_name(self, suffix: str | None = None, *, name: str | None = None) -> str:
        return self.inner.get_name(suffix, name=name or self.name)

    # the public entry points open the chat span, so the prompt's inspection is inside it

    def _operation(self, config: RunnableConfig | None = None) -> genai.Operation:
        ids = run_identity(config)
        return genai.chat(genai.tracer_of(self.guard), model_name(self.inner), **ids)

    def invoke(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> AIMessage:
        with self._operation(config):
            return super().invoke(input, config, stop=stop, **kwargs)

    async def ainvoke(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> AIMessage:
        with self._operation(config):
            return await super().ainvoke(input, config, stop=stop, **kwargs)

    def stream(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> Iterator[AIMessageChunk]:
        op = self._operation(config)
        with op.active():
            chunks = super().stream(input, config, stop=stop, **kwargs)
        return genai.traced(op, chunks)

    def astream(
        self,
        input: LanguageModelInput,
        config: RunnableConfig | None = None,
        *,
        stop: list[str] | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[AIMessageChunk]:
        op = self._operation(config)
        with op.active():
            chunks = super().astream(input, config, stop=stop, **kwargs)
        return genai.atraced(op, chunks)

    def bind_tools(
        self,
        tools: Sequence[dict[str, Any] | type | Any],
        *,
        tool_choice: str | None = None,
        **kwargs: Any,
    ) -> Runnable[LanguageModelInput, AIMessage]:
        """Format tools as the inner model does, and bind them to this guarded model."""
        if tool_choice is not None:
            kwargs["tool_choice"] = tool_choice
        inner = self.inner
        bound = inner.bind_tools(tools, **kwargs)
        if bound is inner:  # a model that keeps its tools itself
            return self
        if isinstance(bound, RunnableBinding) and bound.bound is inner:
            return self.bind(**bound.kwargs)
        raise TypeError(
            f"{type(inner).__name__}.bind_tools() returned {type(bound).__name__}, "
            "not a binding of the model; wrap the model after binding its tools instead"
        )

    # inputs and outputs: one message at a time, through agentguard.langchain.messages ----

    def _convert_input(self, model_input: LanguageModelInput) -> PromptValue:
        # Runs in invoke/stream/batch before callbacks open the run, so handlers and tracers
        # see the sanitised prompt. The hooks below sanitise again only messages that did not
        # come from here (generate() and other direct paths), so nothing is counted twice.
        messages = super()._convert_input(model_input).to_messages()
        clean = sanitize_messages(self.guard, messages, self.input_channel, self.principal)[0]
        _SANITIZED.set(tuple(clean))
        return ChatPromptValue(messages=clean)

    @staticmethod
    def _presanitized(messages: list[BaseMessage]) -> bool:
        done = _SANITIZED.get()
        return len(done) == len(messages) and all(
            a is b for a, b in zip(done, messages, strict=True)
        )

    def _messages_in(self, messages: list[BaseMessage]) -> list[BaseMessage]:
        if self._presanitized(messages):
            return messages
        return sanitize_messages(self.guard, messages, self.input_channel, self.principal)[0]

    async def _amessages_in(self, messages: list[BaseMessage]) -> list[BaseMessage]:
        if self._presanitized(messages):
            return messages
        g, ch, p = self.guard, self.input_channel, self.principal
        return (await asanitize_messages(g, messages, ch, p))[0]

    def _message_out(self, message: BaseMessage) -> BaseMessage:
        return sanitize_message(
            self.guard, message, self.channel, self.principal, what="model answer"
        )[0]

    def _result_out(self, result: ChatResult) -> ChatResult:
        gens = [
            ChatGeneration(message=self._message_out(g.message), generation_info=g.generation_info)
            for g in result.generations
        ]
        llm_output = _clean(self.guard, result.llm_output, self.channel, self.principal)
        return ChatResult(generations=gens, llm_output=llm_output)

    def _chunk_out(self, chunk: ChatGenerationChunk) -> ChatGenerationChunk:
        msg = self._message_out(chunk.message)
        return ChatGenerationChunk(message=msg, generation_info=chunk.generation_info)

    # the four hooks ----------------------------------------------------------------------

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._operation():
            clean = self._messages_in(messages)
            result = self.inner._generate(clean, stop=stop, **kwargs)
            return self._result_out(result)

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._operation():
            clean = await self._amessages_in(messages)
            result = await self.inner._agenerate(clean, stop=stop, **kwargs)
            return self._result_out(result)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        return genai.traced(self._operation(), self._stream_clean(messages, stop, **kwargs))

    def _stream_clean(
        self, messages: list[BaseMessage], stop: list[str] | None, **kwargs: Any
    ) -> Iterator[ChatGenerationChunk]:
        clean = self._messages_in(messages)
        inner = self.inner
        if type(inner)._stream is BaseChatModel._stream:
            for gen in self._result_out(inner._generate(clean, stop=stop, **kwargs)).generations:
                yield ChatGenerationChunk(message=_as_chunk(gen.message))
            return
        stream = _ChunkStream(self)
        for chunk in inner._stream(clean, stop=stop, **kwargs):
            yield from stream.push(chunk)
            if stream.stopped:
                break
        yield from stream.close()

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        chunks = self._astream_clean(messages, stop, **kwargs)
        async for chunk in genai.atraced(self._operation(), chunks):
            yield chunk

    async def _astream_clean(
        self, messages: list[BaseMessage], stop: list[str] | None, **kwargs: Any
    ) -> AsyncIterator[ChatGenerationChunk]:
        clean = await self._amessages_in(messages)
        inner = self.inner
        cls = type(inner)
        if cls._astream is BaseChatModel._astream and cls._stream is BaseChatModel._stream:
            result = await inner._agenerate(clean, stop=stop, **kwargs)
            for gen in self._result_out(result).generations:
                yield ChatGenerationChunk(message=_as_chunk(gen.message))
            return
        stream = _ChunkStream(self)
        async for chunk in inner._astream(clean, stop=stop, **kwargs):
            for out in stream.push(chunk):
                yield out
            if stream.stopped:
                break
        for out in stream.close():
            yield out


class _ChunkStream:
    """Sanitises a model's chunk stream without losing a secret split across chunks.

    String content, and each tool call's streamed ``args`` text, go through their own
    :class:`~agentguard.streaming.StreamSanitizer`, which holds back only what a rule can
    still need; the rest of each chunk (metadata, content blocks) is sanitised per chunk.
    A chunk marked ``chunk_position="last"`` is held so the held-back tail joins it.
    """

    def __init__(self, model: GuardedChatModel) -> None:
        self.model = model
        self.text = self._sanitizer()
        self.args: dict[Any, StreamSanitizer] = {}
        self.held: ChatGenerationChunk | None = None
        self.stopped = False

    def _sanitizer(self) -> StreamSanitizer:
        m = self.model
        return StreamSanitizer(m.guard, m.channel, m.principal)

    def push(self, chunk: ChatGenerationChunk) -> list[ChatGenerationChunk]:
        msg = chunk.message
        if not isinstance(msg, AIMessageChunk):
            return [self.model._chunk_out(chunk)]
        content = msg.content
        if isinstance(content, str):
            content = self.text.feed(content)
        calls: list[Any] = []
        for call in msg.tool_call_chunks:
            args = call.get("args")
            if isinstance(args, str):
                key: Any = call.get("index")
                if key is None:
                    key = call.get("id")
                sanitizer = self.args.get(key)
                if sanitizer is None:
                    sanitizer = self.args[key] = self._sanitizer()
                args = sanitizer.feed(args)
            calls.append({**call, "args": args})
        rebuilt = AIMessageChunk(
            content=content,
            tool_call_chunks=calls,
            additional_kwargs=msg.additional_kwargs,
            response_metadata=msg.response_metadata,
            usage_metadata=msg.usage_metadata,
            id=msg.id,
            name=msg.name,
            chunk_position=msg.chunk_position,
        )
        out = ChatGenerationChunk(
            message=self.model._message_out(rebuilt), generation_info=chunk.generation_info
        )
        if self.text.blocked or any(s.blocked for s in self.args.values()):
            self.stopped = True  # a refusal: nothing more of this answer goes out
        if msg.chunk_position == "last" and not self.stopped:
            self.held = out
            return []
        return [out]

    def close(self) -> list[ChatGenerationChunk]:
        text = self.text.close()
        tails = [
            {
                "index": key if isinstance(key, int) else None,
                "args": tail,
                "name": None,
                "id": key if isinstance(key, str) else None,
                "type": "tool_call_chunk",
            }
            for key, s in self.args.items()
            if (tail := s.close())
        ]
        extra = AIMessageChunk(content=text, tool_call_chunks=tails) if text or tails else None
        held = self.held
        if held is None:
            return [ChatGenerationChunk(message=extra)] if extra is not None else []
        if extra is None:
            return [held]
        merged = cast(AIMessageChunk, held.message) + extra
        return [ChatGenerationChunk(message=merged, generation_info=held.generation_info)]


def _as_chunk(message: BaseMessage) -> AIMessageChunk:
    if isinstance(message, AIMessageChunk):
        return message
    if isinstance(message, AIMessage):
        return AIMessageChunk(
            content=message.content,
            additional_kwargs=message.additional_kwargs,
            response_metadata=message.response_metadata,
            tool_calls=message.tool_calls,
            usage_metadata=message.usage_metadata,
            id=message.id,
        )
    return AIMessageChunk(content=message.content, id=message.id)


# --- any runnable ------------------------------------------------------------------------


class GuardedRunnable(RunnableSerializable[Any, Any]):
    """Any ``Runnable`` whose output (and, with ``input_channel``, input) is sanitised."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: Runnable[Any, Any]
    guard: Guard
    channel: Channel
    input_channel: Channel | None = None
    principal: str | None = None
    #: Set for a ``create_agent`` agent: its runs get an ``invoke_agent <agent>`` span.
    agent: str | None = None

    def get_name(self, suffix: str | None = None, *, name: str | None = None) -> str:
        return self.inner.get_name(suffix, name=name or self.name)

    def _operation(self, config: RunnableConfig | None) -> genai.Operation | nullcontext[None]:
        if self.agent is None:
            return nullcontext()
        conversation = run_identity(config or {})["conversation"]
        return genai.invoke_agent(
            genai.tracer_of(self.guard), self.agent, conversation=conversation
        )

    def get_input_schema(self, config: RunnableConfig | None = None) -> type[Any]:
        return self.inner.get_input_schema(config)

    def get_output_schema(self, config: RunnableConfig | None = None) -> type[Any]:
        return self.inner.get_output_schema(config)

    def _in(self, value: Any) -> Any:
        if self.input_channel is None:
            return value
        return _clean(self.guard, value, self.input_channel, self.principal)

    async def _ain(self, value: Any) -> Any:
        if self.input_channel is None:
            return value
        return await _aclean(self.guard, value, self.input_channel, self.principal)

    def _out(self, value: Any) -> Any:
        return _clean(self.guard, value, self.channel, self.principal)

    async def _aout(self, value: Any) -> Any:
        return await _aclean(self.guard, value, self.channel, self.principal)

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        with self._operation(config):
            return self._out(self.inner.invoke(self._in(input), config, **kwargs))

    async def ainvoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        with self._operation(config):
            value = await self.inner.ainvoke(await self._ain(input), config, **kwargs)
            return await self._aout(value)

    def stream(
        self, input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Iterator[Any]:
        op = self._operation(config)
        items = self._stream_out(input, config, **kwargs)
        return genai.traced(op, items) if isinstance(op, genai.Operation) else items

    async def astream(
        self, input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> AsyncIterator[Any]:
        op = self._operation(config)
        items = self._astream_out(input, config, **kwargs)
        if isinstance(op, genai.Operation):
            items = genai.atraced(op, items)
        async for item in items:
            yield item

    def _stream_out(
        self, input: Any, config: RunnableConfig | None, **kwargs: Any
    ) -> Iterator[Any]:
        text: StreamSanitizer | None = None  # string chunks: a secret may span several
        for chunk in self.inner.stream(self._in(input), config, **kwargs):
            if not isinstance(chunk, str):
                yield self._out(chunk)
                continue
            text = text or StreamSanitizer(self.guard, self.channel, self.principal)
            if out := text.feed(chunk):
                yield out
            if text.blocked:
                return
        if text is not None and (tail := text.close()):
            yield tail

    async def _astream_out(
        self, input: Any, config: RunnableConfig | None, **kwargs: Any
    ) -> AsyncIterator[Any]:
        text: StreamSanitizer | None = None
        async for chunk in self.inner.astream(await self._ain(input), config, **kwargs):
            if not isinstance(chunk, str):
                yield await self._aout(chunk)
                continue
            text = text or StreamSanitizer(self.guard, self.channel, self.principal)
            if out := text.feed(chunk):
                yield out
            if text.blocked:
                return
        if text is not None and (tail := text.close()):
            yield tail
