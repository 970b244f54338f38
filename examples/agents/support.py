"""Scenario 1: a customer-support agent whose retrieval tool returns leaky case notes.

The notes carry a Stripe live key pasted by a support engineer; each ``Document``'s metadata
carries an internal token and the chunk's ``embedding`` (embeddings invert back to text).
The model then repeats the key in its answer. Retrieval results travel as the tool's
artifact (``response_format="content_and_artifact"``), so they sit in agent state too.
"""

from __future__ import annotations

from typing import Any

from langchain_core.documents import Document
from langchain_core.messages import AIMessage
from langchain_core.tools import tool

from examples.agents._common import (
    Captured,
    _rng,
    github_token,
    run_agent,
    stripe_key,
)

NAME = "customer support"


def run(guarded: bool) -> Captured:
    secrets = {"stripe key in case notes": stripe_key(), "token in metadata": github_token()}
    key, token = secrets["stripe key in case notes"], secrets["token in metadata"]

    def make_tools(log: Any, saw: list[Any]) -> list[Any]:
        @tool(response_format="content_and_artifact")
        def search_case_notes(query: str) -> tuple[str, list[Document]]:
            """Search support case notes."""
            saw.append({"query": query})
            docs = [
                Document(
                    page_content=(
                        "Case 4711 (ACME): refunds fail with 401. Customer pasted their key "
                        f"{key} into the ticket; asked them to rotate it."
                    ),
                    metadata={
                        "case_id": "4711",
                        "source": "crm://cases/4711",
                        "last_editor_token": token,
                        # passes through today: only secrets are redacted (coarsening or
                        # dropping embeddings is a later issue)
                        "embedding": [round(_rng.uniform(-1, 1), 4) for _ in range(8)],
                    },
                )
            ]
            log.debug("retrieved case notes", query=query, docs=[d.model_dump() for d in docs])
            return "\n".join(d.page_content for d in docs), docs

        return [search_case_notes]

    script = [
        AIMessage(
            content="",
            tool_calls=[
                {"name": "search_case_notes", "args": {"query": "ACME refunds 401"}, "id": "s1"}
            ],
        ),
        AIMessage(
            content=(
                "ACME's refunds fail with 401 because their Stripe key was revoked. For the "
                f"record, the key in the ticket was {key}; they should rotate it."
            )
        ),
    ]
    return run_agent(
        NAME,
        guarded,
        secrets=secrets,
        script=script,
        make_tools=make_tools,
        question="Why are ACME's refunds failing?",
        system_prompt="You are a support agent. Use the case notes.",
    )
