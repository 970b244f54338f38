"""AgentGuardMiddleware end to end with ``create_agent``: only the chat model is scripted."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import pytest

pytest.importorskip("langchain.agents")

from langchain.agents import create_agent
from langchain_core.messages import (
    AIMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import tool
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from agentguard import Guard, GuardBlocked, Policy
from agentguard.langchain import (
    AgentGuardMiddleware,
    asanitize_message,
    sanitize_message,
)
from tests.langchain_fakes import ScriptedChatModel
from tests.tokens import aws_key_id, github_pat, slack_bot


@dataclass
class Scenario:
    """Fresh secrets planted in every channel, and everything a run lets us capture."""

    prompt: str = field(default_factory=github_pat)
    tool_result: str = field(default_factory=slack_bot)
    tool_arg: str = field(default_factory=aws_key_id)
    answer: str = field(default_factory=github_pat)
    logprob: str = field(default_factory=slack_bot)
    tool_saw: list[Any] = field(default_factory=list)
    captured: list[Any] = field(default_factory=list)

    def secrets(self) -> dict[str, str]:
        return {
            "prompt": self.prompt,
            "tool_result": self.tool_result,
            "tool_arg": self.tool_arg,
            "answer": self.answer,
            "logprob": self.logprob,
        }

    def agent(self, guard: Guard | None = None, **kwargs: Any) -> tuple[Any, Any, Any]:
        saw = self.tool_saw
        secret = self.tool_result

        @tool
        def lookup(query: str) -> str:
            """Look a customer up."""
            saw.append(query)
            return f"customer row; api token {secret}"

        model = ScriptedChatModel(
            script=[
                AIMessage(
                    content="",
                    tool_calls=[
                        {"name": "lookup", "args": {"query": f"key {self.tool_arg}"}, "id": "c1"}
                    ],
                ),
                AIMessage(
                    content=[{"type": "text", "text": f"Here it is: {self.answer}"}],
                    response_metadata={"logprobs": {"content": [{"token": self.logprob}]}},
                ),
            ]
        )
        saver = InMemorySaver()
        mw = AgentGuardMiddleware(guard or Guard(Policy()), **kwargs)
        agent = create_agent(model, [lookup], middleware=[mw], checkpointer=saver)
        return agent, model, saver

    def prompt_input(self) -> dict[str, Any]:
        return {"messages": [{"role": "user", "content": f"my token is {self.prompt}, help"}]}

    def assert_clean(self, agent: Any, saver: Any, model: ScriptedChatModel, cfg: Any) -> None:
        state = agent.get_state(cfg).values
        checkpoints = list(saver.list(cfg))  # newest first
        # The two oldest checkpoints hold the caller's own input as given; every later one,
        # and everything else, must be clean.
        later = checkpoints[:-2]
        assert len(later) >= 3
        places = {
            "captured": [c for c in self.captured if not _echoes_input(c)],
            "input_echo": [c for c in self.captured if _echoes_input(c)],
            "state": state,
            "checkpoints": [c.checkpoint for c in later],
            "pending_writes": [c.pending_writes for c in checkpoints],
            "model_saw": model.seen,
            "tool_saw": self.tool_saw,
        }
        for where, value in places.items():
            text = repr(value)
            for name, secret in self.secrets().items():
                if where in ("pending_writes", "input_echo") and name == "prompt":
                    continue
                assert secret not in text, f"{name} secret leaked into {where}"
        assert "[REDACTED:secret/" in repr(state)
        # structured content stays a list of blocks
        final = state["messages"][-1]
        assert isinstance(final, AIMessage) and isinstance(final.content, list)
        block = final.content[0]
        assert isinstance(block, dict) and block["type"] == "text"
        assert "[REDACTED:secret/github-pat]" in block["text"]
        assert self.tool_saw == ["key [REDACTED:secret/aws-access-key-id]"]


def _echoes_input(chunk: Any) -> bool:
    """LangGraph's own echo of the caller's input, emitted before any node (or middleware)
    runs: the first ``values`` snapshot, the ``debug`` checkpoints of steps -1 and 0 and the
    ``debug`` task event that hands that input to the first node."""
    if not (isinstance(chunk, tuple) and len(chunk) == 2):
        return False
    mode, data = chunk
    if mode == "values":
        return bool(len(data.get("messages", ())) == 1)
    if mode == "debug":
        step = data.get("step", 2)
        return bool(
            (data.get("type") == "checkpoint" and step <= 0)
            or (data.get("type") == "task" and step == 1)
        )
    return False


CFG: RunnableConfig = {"configurable": {"thread_id": "t1"}}
MODES = ["updates", "values", "messages", "custom", "debug"]


def test_invoke_leaks_nothing() -> None:
    sc = Scenario()
    agent, model, saver = sc.agent()
    sc.captured.append(agent.invoke(sc.prompt_input(), CFG))
    sc.assert_clean(agent, saver, model, CFG)


def test_stream_leaks_nothing() -> None:
    sc = Scenario()
    agent, model, saver = sc.agent()
    sc.captured.extend(agent.stream(sc.prompt_input(), CFG, stream_mode=MODES))
    assert sc.captured
    sc.assert_clean(agent, saver, model, CFG)


def test_ainvoke_leaks_nothing() -> None:
    sc = Scenario()
    agent, model, saver = sc.agent()
    sc.captured.append(asyncio.run(agent.ainvoke(sc.prompt_input(), CFG)))
    sc.assert_clean(agent, saver, model, CFG)


def test_astream_leaks_nothing() -> None:
    sc = Scenario()
    agent, model, saver = sc.agent()

    async def run() -> None:
        async for chunk in agent.astream(sc.prompt_input(), CFG, stream_mode=MODES):
            sc.captured.append(chunk)

    asyncio.run(run())
    assert sc.captured
    sc.assert_clean(agent, saver, model, CFG)


def test_messages_stream_emits_sanitised_messages() -> None:
    sc = Scenario()
    agent, _, _ = sc.agent()
    chunks = list(agent.stream(sc.prompt_input(), CFG, stream_mode="messages"))
    kinds = [type(msg).__name__ for msg, _meta in chunks]
    assert "ToolMessage" in kinds and any(k.startswith("AIMessage") for k in kinds)
    text = repr(chunks)
    for name, secret in sc.secrets().items():
        assert secret not in text, name


def test_principal_callable_receives_requests() -> None:
    sc = Scenario()
    seen: list[str] = []

    def who(request: Any) -> str:
        seen.append(type(request).__name__)
        return "svc-42"

    agent, _, _ = sc.agent(principal=who)
    agent.invoke(sc.prompt_input(), CFG)
    assert "ModelRequest" in seen and "ToolCallRequest" in seen


# --- blocking ---------------------------------------------------------------------------


def _block_policy(on_block: str) -> Policy:
    # The model's answer only alerts on the key, so the tool-call argument reaches the tool
    # node unredacted and the tool_input check is the one that stops it.
    return Policy.model_validate(
        {
            "on_block": on_block,
            "channels": {
                "model_output": {"actions": {"secret/aws-access-key-id": "alert"}},
                "tool_input": {"actions": {"secret": "block"}},
            },
        }
    )


def test_blocked_tool_call_refuses_with_documented_message() -> None:
    sc = Scenario()
    agent, _, _ = sc.agent(Guard(_block_policy("refuse")))
    out = agent.invoke(sc.prompt_input(), CFG)
    tool_msgs = [m for m in out["messages"] if isinstance(m, ToolMessage)]
    assert len(tool_msgs) == 1
    msg = tool_msgs[0]
    assert msg.status == "error" and msg.tool_call_id == "c1"
    assert isinstance(msg.content, str)
    assert msg.content.startswith("[agentguard] tool call arguments withheld on channel tool_input")
    assert "secret/aws-access-key-id" in msg.content and sc.tool_arg not in msg.content
    assert sc.tool_saw == []  # the tool never ran


def test_blocked_tool_call_raises() -> None:
    sc = Scenario()
    agent, _, _ = sc.agent(Guard(_block_policy("raise")))
    with pytest.raises(GuardBlocked) as err:
        agent.invoke(sc.prompt_input(), CFG)
    assert err.value.channel == "tool_input"
    assert sc.tool_arg not in str(err.value)
    assert sc.tool_saw == []


def test_blocked_tool_call_raises_async() -> None:
    sc = Scenario()
    agent, _, _ = sc.agent(Guard(_block_policy("raise")))
    with pytest.raises(GuardBlocked):
        asyncio.run(agent.ainvoke(sc.prompt_input(), CFG))
    assert sc.tool_saw == []


def test_blocked_model_answer_refuses_with_ai_message() -> None:
    sc = Scenario()
    policy = Policy.model_validate(
        {"on_block": "refuse", "channels": {"model_output": {"actions": {"secret": "block"}}}}
    )
    agent, _, _ = sc.agent(Guard(policy))
    out = agent.invoke(sc.prompt_input(), CFG)
    last = out["messages"][-1]
    assert isinstance(last, AIMessage) and not last.tool_calls
    assert "[agentguard] model answer withheld on channel model_output" in str(last.content)
    assert sc.tool_saw == []  # the refused answer's tool call was not run
    for secret in sc.secrets().values():
        assert secret not in repr(out)


# --- tools that return a Command or an artifact -------------------------------------------


def test_command_and_artifact_tool_results_are_sanitised() -> None:
    token, art = github_pat(), slack_bot()

    @tool
    def fetch(query: str) -> Command:  # type: ignore[type-arg]
        """Fetch and update state."""
        return Command(
            update={"messages": [ToolMessage(content=f"got {token}", tool_call_id="c1")]}
        )

    @tool(response_format="content_and_artifact")
    def report(query: str) -> tuple[str, dict[str, str]]:
        """Report with an artifact."""
        return "ok", {"raw": art}

    model = ScriptedChatModel(
        script=[
            AIMessage(
                content="",
                tool_calls=[
                    {"name": "fetch", "args": {"query": "x"}, "id": "c1"},
                    {"name": "report", "args": {"query": "y"}, "id": "c2"},
                ],
            ),
            AIMessage(content="done"),
        ]
    )
    saver = InMemorySaver()
    agent = create_agent(
        model,
        [fetch, report],
        middleware=[AgentGuardMiddleware(Guard(Policy()))],
        checkpointer=saver,
    )
    out = agent.invoke({"messages": [HumanMessage("go")]}, CFG)
    everything = repr(out) + repr(list(saver.list(CFG)))
    assert token not in everything and art not in everything
    assert "[REDACTED:secret/github-pat]" in repr(out)


# --- the message helpers ------------------------------------------------------------------


def test_sanitize_message_keeps_class_blocks_and_tool_calls() -> None:
    guard = Guard(Policy())
    s1, s2, s3 = github_pat(), slack_bot(), aws_key_id()
    msg = AIMessage(
        content=[{"type": "text", "text": f"a {s1}"}, {"type": "image_url", "image_url": "x"}],
        tool_calls=[{"name": "t", "args": {"k": s2, "n": 3}, "id": "i"}],
        additional_kwargs={"function_call": {"arguments": f'{{"k": "{s3}"}}'}},
        id="m1",
    )
    clean, verdicts = sanitize_message(guard, msg, "model_output")
    assert type(clean) is AIMessage and clean.id == "m1"
    assert isinstance(clean.content, list) and len(clean.content) == 2
    assert clean.tool_calls[0]["args"]["n"] == 3 and clean.tool_calls[0]["id"] == "i"
    for s in (s1, s2, s3):
        assert s not in repr(clean)
    assert s1 in repr(msg)  # the input is not mutated
    assert len(verdicts) == 1 and len(verdicts[0].findings) == 3


def test_sanitize_message_clean_returns_same_object() -> None:
    guard = Guard(Policy())
    msg = SystemMessage("you are helpful")
    clean, _ = asyncio.run(asanitize_message(guard, msg, "model_input"))
    assert clean is msg


def test_system_message_is_sanitised_before_the_model_sees_it() -> None:
    secret = github_pat()
    model = ScriptedChatModel(script=[AIMessage(content="ok")])
    agent = create_agent(
        model,
        [],
        system_prompt=f"internal token {secret}",
        middleware=[AgentGuardMiddleware(Guard(Policy()))],
    )
    agent.invoke({"messages": [HumanMessage("hi")]})
    assert model.seen and secret not in repr(model.seen)


def test_secret_left_in_history_is_replaced_in_state() -> None:
    sc = Scenario()
    agent, model, _ = sc.agent()
    agent.invoke(sc.prompt_input(), CFG)
    later = github_pat()
    model.script.append(AIMessage(content="second answer"))
    agent.invoke({"messages": [HumanMessage(f"and {later}")]}, CFG)
    state = repr(agent.get_state(CFG).values)
    assert sc.prompt not in state and later not in state
    assert later not in repr(model.seen) and sc.prompt not in repr(model.seen)
    ids = [m.id for m in agent.get_state(CFG).values["messages"]]
    assert len(ids) == len(set(ids))  # replaced in place, not appended


def test_blocked_prompt_refuses_before_the_model_sees_it() -> None:
    secret = github_pat()
    policy = Policy.model_validate(
        {"on_block": "refuse", "channels": {"model_input": {"actions": {"secret": "block"}}}}
    )
    model = ScriptedChatModel(script=[AIMessage(content="ok")])
    agent = create_agent(model, [], middleware=[AgentGuardMiddleware(Guard(policy))])
    out = agent.invoke({"messages": [HumanMessage(f"token {secret}")]})
    assert secret not in repr(out) and secret not in repr(model.seen)
    first = model.seen[0][-1]
    assert isinstance(first, HumanMessage)
    assert "[agentguard] message withheld on channel model_input" in str(first.content)


def test_drop_action_empties_only_the_field() -> None:
    policy = Policy.model_validate({"actions": {"secret": "drop"}})
    guard = Guard(policy)
    secret = slack_bot()
    msg = AIMessage(
        content="plain words",
        tool_calls=[
            {"name": "a", "args": {"token": secret, "keep": "x"}, "id": "1"},
            {"name": "b", "args": {"q": "fine"}, "id": "2"},
        ],
    )
    clean, _ = sanitize_message(guard, msg, "model_output")
    assert secret not in repr(clean)
    assert clean.content == "plain words"
    assert clean.tool_calls[1]["args"] == {"q": "fine"}
    assert clean.tool_calls[0]["args"].get("keep") == "x"


@pytest.mark.parametrize("run_async", [False, True])
def test_tool_arguments_are_redacted_before_the_tool_runs(run_async: bool) -> None:
    # The model's answer only alerts, so the raw key reaches the tool node: the tool_input
    # check is what the tool sees through.
    sc = Scenario()
    policy = Policy.model_validate(
        {"channels": {"model_output": {"actions": {"secret/aws-access-key-id": "alert"}}}}
    )
    agent, _, _ = sc.agent(Guard(policy))
    if run_async:
        asyncio.run(agent.ainvoke(sc.prompt_input(), CFG))
    else:
        agent.invoke(sc.prompt_input(), CFG)
    assert sc.tool_saw == ["key [REDACTED:secret/aws-access-key-id]"]


def test_structured_response_is_sanitised() -> None:
    from langchain.agents.middleware.types import ModelResponse

    secret = github_pat()
    mw = AgentGuardMiddleware(Guard(Policy()))
    out = mw._clean_model_result(
        ModelResponse(result=[AIMessage(content="ok")], structured_response={"token": secret}),
        None,
    )
    assert isinstance(out, ModelResponse)
    assert out.structured_response == {"token": "[REDACTED:secret/github-pat]"}


def test_blocked_tool_result_refuses_before_it_enters_state() -> None:
    sc = Scenario()
    policy = Policy.model_validate(
        {"on_block": "refuse", "channels": {"tool_output": {"actions": {"secret": "block"}}}}
    )
    agent, _, saver = sc.agent(Guard(policy))
    out = agent.invoke(sc.prompt_input(), CFG)
    msg = next(m for m in out["messages"] if isinstance(m, ToolMessage))
    assert msg.status == "error" and msg.tool_call_id == "c1"
    assert "[agentguard] tool result withheld on channel tool_output" in str(msg.content)
    assert "secret/slack-bot-token" in str(msg.content)
    assert sc.tool_result not in repr(out) + repr(list(saver.list(CFG)))


# --- inversion signals in model responses and tool results ---------------------------------


def test_logprobs_and_scores_are_reduced_before_they_enter_state() -> None:
    lp = {
        "content": [
            {
                "token": "fraud",
                "logprob": -0.0312871,
                "bytes": [102],
                "top_logprobs": [{"token": "legit", "logprob": -3.4829113, "bytes": [108]}],
            }
        ]
    }

    @tool
    def score_txn(txn_id: str) -> dict[str, Any]:
        """Score a transaction with the fraud model."""
        return {"txn": txn_id, "probs": {"fraud": 0.9312871, "legit": 0.0687129}}

    model = ScriptedChatModel(
        script=[
            AIMessage(
                content="",
                tool_calls=[{"name": "score_txn", "args": {"txn_id": "t-1"}, "id": "c1"}],
            ),
            AIMessage(content="fraud", response_metadata={"logprobs": lp, "model": "m"}),
        ]
    )
    agent = create_agent(model, [score_txn], middleware=[AgentGuardMiddleware(Guard(Policy()))])
    state = agent.invoke({"messages": [HumanMessage("is t-1 fraud?")]})
    text = repr(state)
    for fine in ("0.9312871", "0.0687129", "-0.0312871", "-3.4829113", "legit"):
        assert fine not in text
    final = state["messages"][-1]
    assert final.content == "fraud" and "logprobs" not in final.response_metadata
    assert final.response_metadata["model"] == "m"
    assert '"fraud": 0.93' in state["messages"][2].content
