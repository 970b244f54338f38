"""Scenario 1: a customer-support agent whose retrieval tool returns leaky case notes.

The notes carry a Stripe live key pasted by a support engineer; each ``Document``'s metadata
carries an internal token, an internal file path, the chunk's similarity ``score`` (seven
decimals) and its ``embedding`` (384 floats: embeddings invert back to text, and fine scores
tell whether a record is in the index). The tool hands the model the raw hits as JSON,
similarity and vector included, and the model repeats the key in its answer. Retrieval
results travel as the tool's artifact (``response_format="content_and_artifact"``), so they
sit in agent state too. With agentguard the key and token are redacted, the vectors
withheld as ``[REDACTED:embedding dim=384]``, similarities rounded to one decimal and the
metadata cut to what a citation needs (title, source).
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.documents import Document
from langchain_core.messages import AIMessage
from langchain_core.tools import tool

from examples.agents._common import (
    Captured,
    embedding_vector,
    github_token,
    run_agent,
    stripe_key,
)

NAME = "customer support"
TITLE = "Case 4711: ACME refunds fail with 401"
#: The hits' similarity scores, as the vector store returns them (the inversion signal).
SCORES = (0.8734121, 0.7421903)


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
                        "title": TITLE,
                        "case_id": "4711",
                        "source": "crm://cases/4711",
                        "last_editor_token": token,
                        "file_path": "/srv/kb/export/cases/4711.md",
                        "score": SCORES[0],
                        "embedding": embedding_vector(4711),
                    },
                ),
                Document(
                    page_content="Runbook: a 401 from Stripe means a revoked or rotated key.",
                    metadata={
                        "title": "Runbook: Stripe 401 errors",
                        "source": "wiki://runbooks/stripe-401",
                        "file_path": "/srv/kb/export/runbooks/stripe-401.md",
                        "score": SCORES[1],
                        "embedding": embedding_vector(401),
                    },
                ),
            ]
            log.debug("retrieved case notes", query=query, docs=[d.model_dump() for d in docs])
            hits = [
                {
                    "title": d.metadata["title"],
                    "source": d.metadata["source"],
                    "similarity": d.metadata["score"],
                    "text": d.page_content,
                    "embedding": d.metadata["embedding"],  # a raw vector-store hit
                }
                for d in docs
            ]
            return json.dumps(hits), docs

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
                "ACME's refunds fail with 401 because their Stripe key was revoked (see "
                f'"{TITLE}"). For the record, the key in the ticket was {key}; they should '
                "rotate it."
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
