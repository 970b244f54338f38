"""wrap(guard, obj) for real langchain-core tools, retrievers, chat models and runnables."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

import pytest

pytest.importorskip("langchain_core")

from langchain_core.callbacks import BaseCallbackHandler, CallbackManagerForLLMRun
from langchain_core.callbacks.manager import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda
from langchain_core.tools import BaseTool, tool
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import Field

from agentguard import Guard, GuardBlocked, Policy
from agentguard.langchain.wrappers import (
    GuardedChatModel,
    GuardedRetriever,
    GuardedRunnable,
    GuardedTool,
    wrap,
)
from tests import tokens


def _dump(obj: Any) -> str:
    """Everything an object could show: repr plus a JSON dump of pydantic models."""
    if isinstance(obj, list | tuple):
        return "\n".join(_dump(o) for o in obj)
    text = repr(obj)
    if hasattr(obj, "model_dump"):
        text += json.dumps(obj.model_dump(), default=repr)
    return text


def _clean_of(secrets: Sequence[str], *objs: Any) -> None:
    text = "\n".join(_dump(o) for o in objs)
    for s in secrets:
        assert s not in text


class Recorder(BaseCallbackHandler):
    """Keeps every value callbacks were shown, to prove no raw value reaches them."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def _keep(self, *args: Any, **kwargs: Any) -> None:
        self.seen.append(repr(args) + repr(kwargs))

    # `serialized` (the component's own description, built by LangChain) is left out: the
    # scripted model's description lists its script, answers not yet given
    def on_chat_model_start(self, serialized: Any, *args: Any, **kwargs: Any) -> None:
        self._keep(*args, **kwargs)

    def on_tool_start(self, serialized: Any, *args: Any, **kwargs: Any) -> None:
        self._keep(*args, **kwargs)

    on_llm_end = on_llm_new_token = on_tool_end = on_retriever_end = _keep


# --- a scripted chat model and a retriever (the only fakes; tools are real @tool) --------


class Scripted(BaseChatModel):
    script: list[AIMessage] = Field(default_factory=list)
    seen: list[list[BaseMessage]] = Field(default_factory=list)
    kwargs_seen: list[dict[str, Any]] = Field(default_factory=list)
    chunk_size: int = 0  # 0: each content a single chunk

    @property
    def _llm_type(self) -> str:
        return "scripted-test"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[Any, Any]:  # type: ignore[override]
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> AIMessage:
        self.seen.append(list(messages))
        self.kwargs_seen.append(kwargs)
        return self.script.pop(0) if self.script else AIMessage(content="done")

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self._next(messages, kwargs))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        msg = self._next(messages, kwargs)
        text = str(msg.content)
        n = self.chunk_size or max(len(text), 1)
        pieces = [text[i : i + n] for i in range(0, len(text), n)] or [""]
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            chunk = AIMessageChunk(
                content=piece,
                response_metadata=msg.response_metadata if last else {},
                tool_call_chunks=[
                    {"name": c["name"], "args": json.dumps(c["args"]), "id": c["id"], "index": j}
                    for j, c in enumerate(msg.tool_calls)
                ]
                if last
                else [],
            )
            if run_manager:
                run_manager.on_llm_new_token(piece, chunk=ChatGenerationChunk(message=chunk))
            yield ChatGenerationChunk(message=chunk)


class Notes(BaseRetriever):
    docs: list[Document]

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return list(self.docs)


def _notes(secret: str, other: str) -> Notes:
    return Notes(
        docs=[
            Document(
                page_content=f"case 118: customer pasted token {secret} in the chat",
                metadata={
                    "source": "/srv/internal/notes.md",
                    "embedding": [0.12, -0.5, 0.33],
                    "debug": f"github_token={other}",
                },
                id="doc-1",
            ),
            Document(page_content="nothing to see", metadata={"source": "/srv/public.md"}),
        ]
    )


@pytest.fixture
def guard() -> Guard:
    return Guard(Policy())


def _blocking(on_block: str = "raise") -> Guard:
    return Guard(Policy(actions={"secret": "block"}, on_block=on_block))


# --- tools -------------------------------------------------------------------------------


def _lookup_tool(calls: list[dict[str, Any]], leak: str) -> BaseTool:
    @tool
    def lookup_customer(customer_id: str, note: str = "") -> str:
        """Look up a customer record by id."""
        calls.append({"customer_id": customer_id, "note": note})
        return f"customer {customer_id}: db=postgres://app:{leak}@db:5432/app"

    return lookup_customer


def test_wrapped_tool_keeps_identity_and_sanitises_both_ways(guard: Guard) -> None:
    calls: list[dict[str, Any]] = []
    leak, handed = tokens.db_password(), tokens.github_pat()
    raw = _lookup_tool(calls, leak)
    wrapped = wrap(guard, raw)
    assert isinstance(wrapped, GuardedTool) and isinstance(wrapped, BaseTool)
    assert (wrapped.name, wrapped.description, wrapped.args) == (
        raw.name,
        raw.description,
        raw.args,
    )
    assert convert_to_openai_tool(wrapped) == convert_to_openai_tool(raw)

    out = wrapped.invoke({"customer_id": "c-1", "note": f"use {handed}"})
    assert "c-1" in out and "[REDACTED:" in out
    assert calls[-1]["customer_id"] == "c-1" and "[REDACTED:secret/github-pat]" in calls[-1]["note"]
    _clean_of([leak, handed], out, calls)


def test_wrapped_tool_every_entry_point(guard: Guard) -> None:
    calls: list[dict[str, Any]] = []
    leak = tokens.db_password()
    wrapped = wrap(guard, _lookup_tool(calls, leak))
    inp = {"customer_id": "c-2"}
    outs: list[Any] = [
        wrapped.invoke(inp),
        asyncio.run(wrapped.ainvoke(inp)),
        *wrapped.batch([inp, inp]),
        *asyncio.run(wrapped.abatch([inp])),
        *wrapped.stream(inp),
    ]

    async def astream() -> list[Any]:
        return [c async for c in wrapped.astream(inp)]

    outs += asyncio.run(astream())
    assert len(calls) == 7 and all("customer c-2" in o for o in outs)
    _clean_of([leak], outs)


def test_wrapped_tool_call_gives_a_clean_tool_message(guard: Guard) -> None:
    leak = tokens.db_password()
    rec = Recorder()
    wrapped = wrap(guard, _lookup_tool([], leak))
    call = {"name": "lookup_customer", "args": {"customer_id": "c-3"}, "id": "call-1"}
    msg = wrapped.invoke({**call, "type": "tool_call"}, config={"callbacks": [rec]})
    assert msg.tool_call_id == "call-1" and "customer c-3" in msg.content
    _clean_of([leak], msg, rec.seen)
    assert rec.seen  # the callbacks did run, and saw only sanitised values


def test_wrapped_tool_inside_a_chain(guard: Guard) -> None:
    leak = tokens.db_password()
    wrapped = wrap(guard, _lookup_tool([], leak))
    chain = RunnableLambda(lambda cid: {"customer_id": cid}) | wrapped | (lambda s: s.upper())
    out = chain.invoke("c-4")
    assert "CUSTOMER C-4" in out
    _clean_of([leak, leak.upper()], out)
    assert asyncio.run(chain.ainvoke("c-4")) == out


def test_wrapped_tool_under_bind_tools(guard: Guard) -> None:
    leak = tokens.db_password()
    raw = _lookup_tool([], leak)
    wrapped = wrap(guard, raw)
    model = Scripted(
        script=[
            AIMessage(
                content="",
                tool_calls=[{"name": raw.name, "args": {"customer_id": "c-5"}, "id": "t1"}],
            )
        ]
    )
    bound = model.bind_tools([wrapped])
    assert bound.kwargs["tools"] == model.bind_tools([raw]).kwargs["tools"]  # type: ignore[attr-defined]
    ai = bound.invoke("look up c-5")
    result = wrapped.invoke(ai.tool_calls[0])
    assert "customer c-5" in result.content
    _clean_of([leak], result)
    # a guarded model binds the guarded tool the same way
    gmodel = wrap(guard, Scripted(script=[ai]))
    gbound = gmodel.bind_tools([wrapped])
    assert gbound.invoke("again").tool_calls[0]["args"] == {"customer_id": "c-5"}
    assert gmodel.inner.kwargs_seen[-1]["tools"] == bound.kwargs["tools"]  # type: ignore[attr-defined]


def test_wrapped_tool_block_raises_or_refuses_without_running() -> None:
    calls: list[dict[str, Any]] = []
    handed = tokens.github_pat()
    with pytest.raises(GuardBlocked) as exc:
        wrap(_blocking(), _lookup_tool(calls, "x")).invoke({"customer_id": "c", "note": handed})
    assert handed not in str(exc.value) and exc.value.channel == "tool_input"
    out = wrap(_blocking("refuse"), _lookup_tool(calls, "x")).invoke(
        {"customer_id": "c", "note": handed}
    )
    assert not calls and handed not in out and "withheld" in out


def test_wrapped_tool_output_block() -> None:
    leak = tokens.github_pat()

    @tool
    def leaky(q: str) -> str:
        """Return a token."""
        return f"token {leak}"

    with pytest.raises(GuardBlocked) as exc:
        wrap(_blocking(), leaky).invoke({"q": "x"})
    assert exc.value.channel == "tool_output" and leak not in str(exc.value)


def test_wrapped_async_tool(guard: Guard) -> None:
    leak = tokens.aws_key_id()

    @tool
    async def fetch(q: str) -> dict[str, Any]:
        """Fetch config."""
        return {"aws_access_key_id": leak, "q": q}

    out = asyncio.run(wrap(guard, fetch).ainvoke({"q": "cfg"}))
    assert out["q"] == "cfg"
    _clean_of([leak], out)


def test_content_and_artifact_tool(guard: Guard) -> None:
    leak = tokens.github_pat()

    @tool(response_format="content_and_artifact")
    def search(q: str) -> tuple[str, dict[str, Any]]:
        """Search."""
        return f"found {leak}", {"raw": leak, "q": q}

    msg = wrap(guard, search).invoke(
        {"name": "search", "args": {"q": "x"}, "id": "c1", "type": "tool_call"}
    )
    assert msg.artifact["q"] == "x"
    _clean_of([leak], msg, msg.artifact)


# --- retrievers --------------------------------------------------------------------------


def test_wrapped_retriever_sanitises_content_and_metadata(guard: Guard) -> None:
    secret, other = tokens.github_pat(), tokens.github_pat()
    rec = Recorder()
    wrapped = wrap(guard, _notes(secret, other))
    assert isinstance(wrapped, GuardedRetriever) and isinstance(wrapped, BaseRetriever)
    docs = wrapped.invoke("token", config={"callbacks": [rec]})
    assert [type(d) for d in docs] == [Document, Document]
    first = docs[0]
    # Metadata is cut to what a citation needs: the internal path to its file name, the
    # embedding and the debug field gone (inversion_signal/metadata).
    assert first.id == "doc-1" and first.metadata == {"source": "notes.md"}
    assert "[REDACTED:" in first.page_content
    assert docs[1].page_content == "nothing to see"
    assert docs[1].metadata == {"source": "public.md"}
    more = [
        *asyncio.run(wrapped.ainvoke("t")),
        *[d for batch in wrapped.batch(["a", "b"]) for d in batch],
        *[d for batch in asyncio.run(wrapped.abatch(["a"])) for d in batch],
    ]
    assert len(more) == 8
    _clean_of([secret, other], docs, more, rec.seen)


def test_wrapped_retriever_metadata_kept_where_policy_allows() -> None:
    """An internal deployment keeps the metadata; secrets in it are still redacted."""
    secret, other = tokens.github_pat(), tokens.github_pat()
    loose = Guard(Policy(actions={"inversion_signal/metadata": "allow"}))
    (first, _) = wrap(loose, _notes(secret, other)).invoke("token")
    assert first.metadata["source"] == "/srv/internal/notes.md"
    assert first.metadata["embedding"] == [0.12, -0.5, 0.33]  # 3 numbers: not an embedding
    assert "[REDACTED:secret/github-pat]" in first.metadata["debug"]
    _clean_of([secret, other], first)


def test_wrapped_retriever_in_a_chain(guard: Guard) -> None:
    secret = tokens.github_pat()
    chain = wrap(guard, _notes(secret, "x")) | (
        lambda docs: "\n".join(d.page_content for d in docs)
    )
    out = chain.invoke("q")
    assert "case 118" in out and secret not in out


def test_wrapped_retriever_block() -> None:
    secret = tokens.github_pat()
    with pytest.raises(GuardBlocked):
        wrap(_blocking(), _notes(secret, "x")).invoke("q")
    docs = wrap(_blocking("refuse"), _notes(secret, "x")).invoke("q")
    assert docs[0].metadata == {"agentguard": "withheld"} and docs[0].id == "doc-1"
    assert docs[1].page_content == "nothing to see"
    _clean_of([secret], docs)


# --- chat models -------------------------------------------------------------------------


def _answer(secret: str, arg_secret: str) -> AIMessage:
    return AIMessage(
        content=f"your key is {secret}",
        tool_calls=[{"name": "send", "args": {"token": arg_secret}, "id": "c9"}],
        response_metadata={"logprobs": {"tokens": [f"token={secret}"]}},
    )


def test_wrapped_chat_model_input_and_output(guard: Guard) -> None:
    pasted, said, arg = tokens.github_pat(), tokens.github_pat(), tokens.slack_bot()
    rec = Recorder()
    inner = Scripted(script=[_answer(said, arg)])
    model = wrap(guard, inner)
    assert isinstance(model, GuardedChatModel) and isinstance(model, BaseChatModel)
    out = model.invoke([HumanMessage(content=f"my token is {pasted}")], config={"callbacks": [rec]})
    assert isinstance(out, AIMessage) and out.tool_calls[0]["name"] == "send"
    assert "[REDACTED:" in str(out.content)
    _clean_of([pasted, said, arg], out, inner.seen, rec.seen)
    assert pasted not in repr(inner.seen)  # the model never saw the pasted secret


def test_wrapped_chat_model_async_and_batch(guard: Guard) -> None:
    secrets = [tokens.github_pat() for _ in range(3)]
    inner = Scripted(script=[_answer(s, s) for s in secrets])
    model = wrap(guard, inner)
    outs = [asyncio.run(model.ainvoke("hi")), *model.batch(["a", "b"])]
    assert all(o.tool_calls for o in outs)
    _clean_of(secrets, outs)


def test_wrapped_chat_model_stream_whole_chunks(guard: Guard) -> None:
    said, arg = tokens.github_pat(), tokens.github_pat()
    rec = Recorder()
    model = wrap(guard, Scripted(script=[_answer(said, arg), _answer(said, arg)]))
    chunks = list(model.stream("hi", config={"callbacks": [rec]}))

    async def astream() -> list[Any]:
        return [c async for c in model.astream("hi")]

    achunks = asyncio.run(astream())
    assert chunks and achunks
    full = chunks[0]
    for c in chunks[1:]:
        full = full + c
    assert full.tool_calls[0]["args"]["token"].startswith("[REDACTED:")
    _clean_of([said, arg], chunks, achunks, full, rec.seen)


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_wrapped_chat_model_stream_secret_split_across_chunks(guard: Guard, size: int) -> None:
    said, arg = tokens.github_pat(), tokens.slack_bot()
    rec = Recorder()
    answer = AIMessage(
        content=f"key {said} ok",
        tool_calls=[{"name": "send", "args": {"token": arg}, "id": "c1"}],
    )
    inner = Scripted(script=[answer, answer], chunk_size=size)
    model = wrap(guard, inner)
    chunks = list(model.stream("hi", config={"callbacks": [rec]}))
    text = "".join(str(c.content) for c in chunks)
    assert text == "key [REDACTED:secret/github-pat] ok"
    full = chunks[0]
    for c in chunks[1:]:
        full = full + c
    assert full.tool_calls[0]["args"] == {"token": "[REDACTED:secret/slack-bot-token]"} or (
        full.tool_calls[0]["args"]["token"].startswith("[REDACTED:")
    )

    async def astream() -> list[Any]:
        return [c async for c in model.astream("hi")]

    achunks = asyncio.run(astream())
    assert "".join(str(c.content) for c in achunks) == text
    _clean_of([said, arg], chunks, achunks, full, rec.seen)


def test_stream_tool_args_split_by_index(guard: Guard) -> None:
    arg = tokens.github_pat()
    body = json.dumps({"token": arg})
    pieces = [body[i : i + 2] for i in range(0, len(body), 2)]

    class ArgsStream(Scripted):
        def _stream(
            self, messages: Any, stop: Any = None, run_manager: Any = None, **kw: Any
        ) -> Iterator[ChatGenerationChunk]:
            for i, p in enumerate(pieces):
                first = i == 0
                yield ChatGenerationChunk(
                    message=AIMessageChunk(
                        content="",
                        tool_call_chunks=[
                            {
                                "name": "send" if first else None,
                                "args": p,
                                "id": "c1" if first else None,
                                "index": 0,
                            }
                        ],
                    )
                )

    chunks = list(wrap(guard, ArgsStream()).stream("hi"))
    full = chunks[0]
    for c in chunks[1:]:
        full = full + c
    assert full.tool_calls[0]["name"] == "send"
    assert full.tool_calls[0]["args"]["token"].startswith("[REDACTED:")
    _clean_of([arg], chunks, full)


def test_wrapped_chat_model_without_streaming_still_streams(guard: Guard) -> None:
    class NoStream(BaseChatModel):
        reply: str

        @property
        def _llm_type(self) -> str:
            return "nostream"

        def _generate(
            self, messages: Any, stop: Any = None, run_manager: Any = None, **kw: Any
        ) -> ChatResult:
            return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self.reply))])

    said = tokens.github_pat()
    model = wrap(guard, NoStream(reply=f"k={said}"))
    chunks = list(model.stream("hi"))
    assert chunks and "[REDACTED:" in str(chunks[0].content)
    _clean_of([said], chunks)


def test_wrapped_chat_model_block() -> None:
    pasted = tokens.github_pat()
    inner = Scripted()
    with pytest.raises(GuardBlocked) as exc:
        wrap(_blocking(), inner).invoke(f"token {pasted}")
    assert exc.value.channel == "model_input" and not inner.seen


# --- any runnable ------------------------------------------------------------------------


def test_wrapped_runnable_needs_a_channel(guard: Guard) -> None:
    with pytest.raises(ValueError, match="channel"):
        wrap(guard, RunnableLambda(lambda x: x))
    with pytest.raises(TypeError):
        wrap(guard, object())


def test_wrapped_runnable_output_and_optional_input(guard: Guard) -> None:
    secret, handed = tokens.github_pat(), tokens.github_pat()
    seen: list[Any] = []

    def step(x: str) -> dict[str, Any]:
        seen.append(x)
        return {"answer": f"{x} / {secret}"}

    runnable = RunnableLambda(step, name="step")
    plain = wrap(guard, runnable, channel="model_output")
    assert isinstance(plain, GuardedRunnable) and plain.get_name() == "step"
    out = plain.invoke(handed)
    assert seen[-1] == handed  # input untouched unless asked
    both = wrap(guard, runnable, channel="model_output", input_channel="model_input")
    outs = [
        out,
        both.invoke(handed),
        asyncio.run(both.ainvoke(handed)),
        *both.batch([handed]),
        *asyncio.run(both.abatch([handed])),
        *both.stream(handed),
    ]

    async def astream() -> list[Any]:
        return [c async for c in both.astream(handed)]

    outs += asyncio.run(astream())
    _clean_of([secret, handed], outs, seen[1:])


def test_wrapped_runnable_string_stream_split_secret(guard: Guard) -> None:
    secret = tokens.github_pat()
    text = f"answer: {secret} end"

    def gen(_: Any) -> Iterator[str]:
        for i in range(len(text)):
            yield text[i]

    async def agen(_: Any) -> AsyncIterator[str]:
        for piece in gen(_):
            yield piece

    wrapped = wrap(guard, RunnableLambda(gen, afunc=agen), channel="model_output")
    chunks = list(wrapped.stream("x"))

    async def astream() -> list[Any]:
        return [c async for c in wrapped.astream("x")]

    assert "".join(chunks) == "answer: [REDACTED:secret/github-pat] end"
    assert "".join(asyncio.run(astream())) == "".join(chunks)
    _clean_of([secret], chunks)


def test_wrap_is_idempotent(guard: Guard) -> None:
    wrapped = wrap(guard, _lookup_tool([], "x"))
    assert wrap(guard, wrapped) is wrapped


def test_spans_hold_no_raw_secret(spans: Any) -> None:
    provider, exporter = spans
    g = Guard(Policy(), tracer_provider=provider)
    secret, other, leak = tokens.github_pat(), tokens.github_pat(), tokens.db_password()
    wrap(g, _notes(secret, other)).invoke("q")
    wrap(g, _lookup_tool([], leak)).invoke({"customer_id": "c", "note": secret})
    wrap(g, Scripted(script=[_answer(secret, other)])).invoke(f"hi {other}")
    finished = exporter.get_finished_spans()
    channels = {s.attributes.get("agentguard.channel") for s in finished}
    assert {"retrieval", "tool_input", "tool_output", "model_input", "model_output"} <= channels
    dump = "\n".join(s.to_json() for s in finished)
    _clean_of([secret, other, leak], dump)


def test_guarded_model_with_a_model_that_keeps_its_own_tools(guard: Guard) -> None:
    class KeepsTools(Scripted):
        def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Any:
            return self

    model = wrap(guard, KeepsTools())
    assert model.bind_tools([_lookup_tool([], "x")]) is model


def test_guarded_model_with_structured_output(guard: Guard) -> None:
    from pydantic import BaseModel

    class Contact(BaseModel):
        """A contact."""

        name: str
        token: str

    secret = tokens.github_pat()
    answer = AIMessage(
        content="",
        tool_calls=[{"name": "Contact", "args": {"name": "ada", "token": secret}, "id": "s1"}],
    )
    structured = wrap(guard, Scripted(script=[answer])).with_structured_output(Contact)
    out = structured.invoke("who?")
    assert isinstance(out, Contact) and out.name == "ada" and out.token.startswith("[REDACTED:")


def test_principal_reaches_the_span(spans: Any) -> None:
    provider, exporter = spans
    g = Guard(Policy(), tracer_provider=provider)
    wrap(g, _lookup_tool([], tokens.db_password()), principal="svc-42").invoke({"customer_id": "c"})
    (span,) = [s for s in exporter.get_finished_spans() if s.name == "agentguard.inspect"]
    assert span.attributes["agentguard.principal.fingerprint"] == g.fingerprint("svc-42")


def test_model_input_is_inspected_once_per_call(spans: Any) -> None:
    provider, exporter = spans
    g = Guard(Policy(actions={"secret": "alert"}), tracer_provider=provider)
    model = wrap(g, Scripted())
    pasted = tokens.github_pat()
    model.invoke(f"hi {pasted}")
    asyncio.run(model.ainvoke(f"hi {pasted}"))
    list(model.stream(f"hi {pasted}"))
    inputs = [
        s
        for s in exporter.get_finished_spans()
        if s.attributes.get("agentguard.channel") == "model_input"
    ]
    assert len(inputs) == 3
    # a direct generate() call (no _convert_input) is still inspected
    model.generate([[HumanMessage(content=f"hi {pasted}")]])
    assert (
        len(
            [
                s
                for s in exporter.get_finished_spans()
                if s.attributes.get("agentguard.channel") == "model_input"
            ]
        )
        == 4
    )


def test_wrapped_chat_model_stream_block_raises_or_refuses() -> None:
    said = tokens.github_pat()

    def model(on_block: str) -> Any:
        answer = AIMessage(content=f"the key is {said} and more text after it")
        return wrap(_blocking(on_block), Scripted(script=[answer], chunk_size=2))

    with pytest.raises(GuardBlocked) as exc:
        list(model("raise").stream("hi"))
    assert said not in str(exc.value)
    chunks = list(model("refuse").stream("hi"))
    text = "".join(str(c.content) for c in chunks)
    assert "withheld" in text and "more text after" not in text
    _clean_of([said], chunks)


def test_single_input_tool_and_base_tool_subclass(guard: Guard) -> None:
    from langchain_core.tools import Tool

    leak = tokens.github_pat()
    single = Tool(name="echo", func=lambda q: f"{q} {leak}", description="Echo.")
    out = wrap(guard, single).invoke("hello")
    assert out.startswith("hello [REDACTED:")

    class Lookup(BaseTool):
        name: str = "lookup"
        description: str = "Look up."

        def _run(self, query: str, run_manager: Any) -> str:
            run_manager.get_child()  # must be a real (no-op) manager, not None
            return f"{query}: {leak}"

    out = wrap(guard, Lookup()).invoke({"query": "q"})
    assert out.startswith("q: [REDACTED:")
    assert asyncio.run(wrap(guard, Lookup()).ainvoke({"query": "q"})) == out


def test_guard_wrap_is_the_entry_point() -> None:
    from langchain_core.tools import tool

    from agentguard import Guard, Policy
    from agentguard.langchain import GuardedTool
    from tests import tokens

    tok = tokens.github_pat()

    @tool
    def lookup(q: str) -> str:
        """Look something up."""
        return f"found {tok}"

    wrapped = Guard(Policy()).wrap(lookup)
    assert isinstance(wrapped, GuardedTool) and wrapped.name == "lookup"
    assert tok not in wrapped.invoke({"q": "x"})
