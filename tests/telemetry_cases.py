"""Spans and log lines made the way content-capturing instrumentations make them.

Attribute names are the ones OpenLLMetry (Traceloop) and OpenInference (Arize) document:
OpenLLMetry puts prompts and completions in ``gen_ai.prompt.<i>.content`` /
``gen_ai.completion.<i>.content`` and a workflow's inputs and outputs as JSON in
``traceloop.entity.input`` / ``traceloop.entity.output``; OpenInference uses
``input.value`` / ``output.value``, ``llm.input_messages.<i>.message.content``,
``embedding.embeddings.<i>.embedding.vector`` and ``retrieval.documents.<i>.document.*``.
Every planted value comes back in :class:`Planted`, so a test can look for it anywhere.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode

from tests import tokens

#: A record registered as memorised training text (the canary the tests plant).
CANARY = "The secret canary code for project Bluefin is 7-alpha-3391-kilo."


@dataclass
class Planted:
    """Everything a test must never find on the wire."""

    secrets: list[str] = field(default_factory=list)
    vectors: list[list[float]] = field(default_factory=list)
    canaries: list[str] = field(default_factory=list)

    def needles(self) -> list[str]:
        """Strings whose presence anywhere means a leak: secrets, canaries, vector values."""
        out = [*self.secrets, *self.canaries]
        for vec in self.vectors:
            out.extend(repr(v) for v in vec[:16])  # full-precision floats: never in clean text
        return out


def vector(seed: int, dim: int = 384) -> list[float]:
    rng = random.Random(seed)
    return [rng.uniform(-1.0, 1.0) for _ in range(dim)]


def openllmetry_span(tracer: trace.Tracer, planted: Planted, *, canary: bool = False) -> None:
    """An LLM call as OpenLLMetry records it, with content capture on (its default)."""
    pat, slack = tokens.github_pat(), tokens.slack_bot()
    planted.secrets += [pat, slack]
    answer = f"Sure. {CANARY}" if canary else "Sure, here you go."
    if canary:
        planted.canaries.append(CANARY)
    with tracer.start_as_current_span("openai.chat") as span:
        span.set_attributes(
            {
                "gen_ai.system": "openai",
                "gen_ai.request.model": "gpt-4o",
                "llm.request.type": "chat",
                "gen_ai.prompt.0.role": "user",
                "gen_ai.prompt.0.content": f"my github token is {pat}, deploy please",
                "gen_ai.completion.0.role": "assistant",
                "gen_ai.completion.0.content": answer,
                "traceloop.entity.input": json.dumps({"inputs": {"token": slack}}),
                "traceloop.entity.output": json.dumps({"outputs": {"text": answer}}),
                "gen_ai.usage.input_tokens": 31,
                "gen_ai.usage.output_tokens": 12,
            }
        )


def openinference_spans(tracer: trace.Tracer, planted: Planted) -> None:
    """An embedding call and a retrieval as OpenInference records them."""
    vec, doc_vec = vector(7), vector(8)
    planted.vectors += [vec, doc_vec]
    aws, db = tokens.aws_key_id(), tokens.db_password()
    planted.secrets += [aws, db]
    url = f"postgres://app:{db}@db.internal:5432/app"
    with tracer.start_as_current_span("OpenAIEmbeddings") as span:
        span.set_attributes(
            {
                "openinference.span.kind": "EMBEDDING",
                "embedding.model_name": "text-embedding-3-small",
                "embedding.embeddings.0.embedding.text": f"key {aws}",
                "embedding.embeddings.0.embedding.vector": vec,
                "input.value": f"key {aws}",
            }
        )
    with tracer.start_as_current_span("VectorStoreRetriever") as span:
        span.set_attributes(
            {
                "openinference.span.kind": "RETRIEVER",
                "input.value": "where is the database?",
                "retrieval.documents.0.document.id": "doc-1",
                "retrieval.documents.0.document.content": f"connect with {url}",
                "retrieval.documents.0.document.score": 0.8731264,
                "retrieval.documents.0.document.metadata": json.dumps(
                    {"source": "wiki/db.md", "embedding": doc_vec}
                ),
                "output.value": json.dumps([{"page_content": f"connect with {url}"}]),
            }
        )
        span.add_event("retrieved", {"llm.input_messages.0.message.content": f"use {url}"})


def failing_span(tracer: trace.Tracer, planted: Planted) -> None:
    """A span whose exception message and status description quote a secret."""
    pat = tokens.github_pat()
    planted.secrets.append(pat)
    with tracer.start_as_current_span("tool.call", record_exception=False) as span:
        try:
            raise ValueError(f"upstream refused token {pat}")
        except ValueError as exc:
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, f"refused {pat}"))
