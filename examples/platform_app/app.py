"""An ordinary LangChain application that knows nothing about agentguard.

A billing-support agent (``langchain.agents.create_agent``) with two tools: one looks a
customer up in the CRM (whose record carries the customer's live API key), one searches
the runbooks through a retriever (one runbook has an engineer's token pasted in, and the
vector store hands back scores and embeddings). The chat model is scripted so the app
runs offline; it repeats the key in its answer, as a real model that saw it might.

It prints, as JSON lines, everything a user, a log or a trace of this app would see: the
conversation, what each tool received, and a direct retriever query. Run it as is and the
secrets are in the output; run it under ``agentguard-instrument`` (or after
``agentguard.install()``) and they are not, with no line of this file changed.

Secrets come from ``PLATFORM_DEMO_API_KEY`` and ``PLATFORM_DEMO_TOKEN`` when set (the
tests plant their own), else fresh random ones.
"""

from __future__ import annotations

import json
import os
import random
import string
from collections.abc import Sequence
from typing import Any

from langchain.agents import create_agent
from langchain_core.callbacks import CallbackManagerForLLMRun, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.retrievers import BaseRetriever
from langchain_core.tools import tool
from pydantic import Field

_rng = random.SystemRandom()
B62 = string.ascii_letters + string.digits
API_KEY = os.environ.get("PLATFORM_DEMO_API_KEY") or "sk_live_" + "".join(
    _rng.choice(B62) for _ in range(32)
)
TOKEN = os.environ.get("PLATFORM_DEMO_TOKEN") or "ghp_" + "".join(
    _rng.choice(B62) for _ in range(36)
)


class ScriptedChatModel(BaseChatModel):
    """Stands in for a hosted model: answers from a script of prepared messages."""

    script: list[AIMessage] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-platform-demo"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ScriptedChatModel:
        return self

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = self.script.pop(0) if self.script else AIMessage(content="(no more script)")
        return ChatResult(generations=[ChatGeneration(message=message)])


class RunbookRetriever(BaseRetriever):
    """A vector store's retriever: runbook chunks with score and embedding metadata."""

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        rnd = random.Random(7)
        return [
            Document(
                page_content=(
                    "Refund failures with HTTP 401 mean the customer's key was rotated. "
                    f"Escalate with the on-call token {TOKEN} if the CRM is down."
                ),
                metadata={
                    "title": "Runbook: refunds 401",
                    "source": "wiki://runbooks/refunds-401",
                    "score": 0.8734121,
                    "embedding": [round(rnd.gauss(0, 0.05), 7) for _ in range(384)],
                },
            )
        ]


RETRIEVER = RunbookRetriever()
SEEN: list[dict[str, Any]] = []


@tool
def lookup_customer(customer_id: str) -> str:
    """Look a customer up in the CRM."""
    SEEN.append({"tool": "lookup_customer", "args": {"customer_id": customer_id}})
    return json.dumps({"id": customer_id, "name": "ACME Corp", "api_key": API_KEY})


@tool
def search_runbooks(query: str) -> str:
    """Search the support runbooks."""
    SEEN.append({"tool": "search_runbooks", "args": {"query": query}})
    docs = RETRIEVER.invoke(query)
    return "\n".join(d.page_content for d in docs)


def build_agent_script() -> list[AIMessage]:
    """What the scripted model answers: call both tools, then repeat the key."""
    return [
        AIMessage(
            content="",
            tool_calls=[
                {"name": "lookup_customer", "args": {"customer_id": "acme-42"}, "id": "c1"},
                {"name": "search_runbooks", "args": {"query": "refund 401"}, "id": "c2"},
            ],
        ),
        AIMessage(
            content=f"ACME's refunds fail because their key {API_KEY} was rotated; "
            "ask them to issue a new one."
        ),
    ]


def build_agent() -> Any:
    return create_agent(
        ScriptedChatModel(script=build_agent_script()),
        [lookup_customer, search_runbooks],
        system_prompt="You are a billing support agent.",
    )


def main() -> None:
    agent = build_agent()
    result = agent.invoke({"messages": [{"role": "user", "content": "Why do ACME refunds fail?"}]})
    for m in result["messages"]:
        print(json.dumps({"type": m.type, "content": m.content}))
    for seen in SEEN:
        print(json.dumps({"tool_received": seen}))
    for doc in RETRIEVER.invoke("on-call token"):
        print(json.dumps({"retrieved": doc.page_content, "metadata": doc.metadata}))


if __name__ == "__main__":
    main()
