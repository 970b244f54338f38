"""What the example agents share: a scripted chat model, a log sink, a capture of one run.

Nothing here talks to a network: the chat model is a fake that answers from a script of
prepared ``AIMessage``s (tool calls included), the tools are ordinary LangChain tools and the
agent is a real ``langchain.agents.create_agent`` graph with an ``InMemorySaver``.
"""

from __future__ import annotations

import io
import json
import random
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from langchain.agents import create_agent
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langgraph.checkpoint.memory import InMemorySaver
from pydantic import Field

from agentguard import Guard
from agentguard.langchain import AgentGuardMiddleware
from agentguard.logs import RedactingProcessor

B62 = string.ascii_letters + string.digits
_rng = random.SystemRandom()


def pick(alphabet: str, n: int) -> str:
    """``n`` random characters: planted secrets are generated fresh on every run."""
    return "".join(_rng.choice(alphabet) for _ in range(n))


def stripe_key() -> str:
    return "sk_live_" + pick(B62, 32)


def github_token() -> str:
    return "ghp_" + pick(B62, 36)


def slack_token() -> str:
    return f"xoxb-{pick(string.digits, 12)}-{pick(string.digits, 13)}-{pick(B62, 24)}"


def aws_key_id() -> str:
    return "AKIA" + pick(string.ascii_uppercase + "234567", 16)


def aws_secret() -> str:
    return pick(B62 + "+/", 40)


class ScriptedChatModel(BaseChatModel):
    """A fake chat model: returns the prepared messages of ``script`` in order."""

    script: list[AIMessage] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-example"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ScriptedChatModel:
        return self

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = self.script.pop(0) if self.script else AIMessage(content="(script exhausted)")
        return ChatResult(generations=[ChatGeneration(message=message)])


@dataclass
class Captured:
    """Everything one run let us see, and the secrets planted in it."""

    scenario: str
    guarded: bool
    messages: list[BaseMessage] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    checkpoints: list[Any] = field(default_factory=list)
    logs: list[str] = field(default_factory=list)
    tool_saw: list[Any] = field(default_factory=list)
    secrets: dict[str, str] = field(default_factory=dict)
    spans: list[Any] = field(default_factory=list)  # exported spans, where a run keeps them

    def channels(self) -> dict[str, str]:
        """The text of each place a secret could end up, by name."""
        return {
            "final messages": repr(self.messages),
            "agent state": repr(self.state) + repr(self.checkpoints),
            "tool received": repr(self.tool_saw),
            "logs": "\n".join(self.logs),
        }

    def leaks(self) -> dict[str, list[str]]:
        """For each channel, the names of the planted secrets present there raw."""
        return {
            channel: [name for name, value in self.secrets.items() if value in text]
            for channel, text in self.channels().items()
        }


def make_logger(guard: Guard | None) -> tuple[Any, io.StringIO]:
    """A structlog logger that renders JSON lines into a buffer; scrubbed when ``guard``."""
    stream = io.StringIO()
    processors: list[Any] = [structlog.processors.add_log_level]
    if guard is not None:
        processors.append(RedactingProcessor(guard))
    processors.append(structlog.processors.JSONRenderer(default=repr))
    logger = structlog.wrap_logger(structlog.PrintLogger(stream), processors=processors)
    return logger, stream


def run_agent(
    scenario: str,
    guarded: bool,
    *,
    secrets: dict[str, str],
    script: list[AIMessage],
    make_tools: Callable[[Any, list[Any]], list[Any]],
    question: str | Sequence[str],
    system_prompt: str,
    guard: Guard | None = None,
) -> Captured:
    """Build the agent (with ``AgentGuardMiddleware`` when ``guarded``), run it, capture it.

    ``make_tools(log, tool_saw)`` returns the scenario's tools; they log through ``log`` and
    append what they were called with to ``tool_saw``. Several questions are asked in turn
    on one thread. ``guard`` is the guarded run's guard (default: ``Guard()``).
    """
    guard = (guard or Guard()) if guarded else None
    log, stream = make_logger(guard)
    captured = Captured(scenario=scenario, guarded=guarded, secrets=dict(secrets))
    saver = InMemorySaver()
    agent = create_agent(
        ScriptedChatModel(script=script),
        make_tools(log, captured.tool_saw),
        system_prompt=system_prompt,
        middleware=[AgentGuardMiddleware(guard)] if guard is not None else [],
        checkpointer=saver,
    )
    cfg: Any = {"configurable": {"thread_id": f"{scenario}-{guarded}"}}
    for asked in [question] if isinstance(question, str) else question:
        log.info("agent run", scenario=scenario, question=asked)
        result = agent.invoke({"messages": [{"role": "user", "content": asked}]}, cfg)
        captured.messages = list(result["messages"])
        log.info("agent answer", answer=captured.messages[-1].content)  # apps log answers
    captured.state = dict(agent.get_state(cfg).values)
    captured.checkpoints = [(c.checkpoint, c.pending_writes) for c in saver.list(cfg)]
    captured.logs = stream.getvalue().splitlines()
    return captured


def as_json(value: Any) -> str:
    return json.dumps(value, default=repr)


def embedding_vector(seed: int, dim: int = 384) -> list[float]:
    """A realistic sentence embedding: ``dim`` floats ~ normal(0, 0.05) at 7 decimals, seeded
    so a run is reproducible (a vector is an inversion signal, not a secret)."""
    rng = random.Random(seed)
    return [round(rng.gauss(0.0, 0.05), 7) for _ in range(dim)]
