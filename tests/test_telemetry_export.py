"""The redacting export path: other instrumentations' spans and log records leave clean."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk._logs import LoggerProvider, LoggingHandler
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agentguard import Guard, Policy
from agentguard.detectors.base import Hit
from agentguard.policy import policy_from_mapping
from agentguard.telemetry import (
    RedactingSpanExporter,
    install_log_redaction,
    install_span_redaction,
)
from agentguard.telemetry import names as n
from agentguard.telemetry.scrub import TRUNCATED, WITHHELD
from tests import telemetry_cases as cases
from tests import tokens

Pipe = tuple[TracerProvider, InMemorySpanExporter]


def _pipe(guard: Guard) -> Pipe:
    memory = InMemorySpanExporter()
    provider = TracerProvider()
    install_span_redaction(provider, memory, guard, batch=False)
    return provider, memory


@pytest.fixture
def pipe() -> Iterator[Pipe]:
    provider, memory = _pipe(Guard(Policy()))
    yield provider, memory
    provider.shutdown()


def _dump(spans: Any) -> str:
    return "\n".join(s.to_json() for s in spans)


def _attrs(spans: Any, name: str) -> dict[str, Any]:
    return dict(next(s for s in spans if s.name == name).attributes or {})


def _assert_valid_attributes(spans: tuple[ReadableSpan, ...]) -> None:
    """Every value is a scalar or a homogeneous sequence, as the OTLP encoder needs."""
    groups = [s.attributes or {} for s in spans]
    groups += [e.attributes or {} for s in spans for e in s.events]
    for attrs in groups:
        for key, value in attrs.items():
            if isinstance(value, tuple):
                assert len({type(v) for v in value}) <= 1, key
                assert all(isinstance(v, str | bool | int | float) for v in value), key
            else:
                assert isinstance(value, str | bool | int | float | bytes), key


def test_openllmetry_span_is_cleaned(pipe: Pipe) -> None:
    provider, memory = pipe
    planted = cases.Planted()
    cases.openllmetry_span(provider.get_tracer("opentelemetry.instrumentation.openai"), planted)
    spans = memory.get_finished_spans()
    dump = _dump(spans)
    for needle in planted.needles():
        assert needle not in dump
    attrs = _attrs(spans, "openai.chat")
    assert attrs["gen_ai.prompt.0.content"] == (
        "my github token is [REDACTED:secret/github-pat], deploy please"
    )
    assert "[REDACTED:secret/" in attrs["traceloop.entity.input"]
    # what carries no content is untouched, types included
    assert attrs["gen_ai.request.model"] == "gpt-4o"
    assert attrs["gen_ai.usage.input_tokens"] == 31
    assert attrs["gen_ai.completion.0.content"] == "Sure, here you go."
    _assert_valid_attributes(spans)


def test_openinference_embeddings_scores_and_documents_are_reduced(pipe: Pipe) -> None:
    provider, memory = pipe
    planted = cases.Planted()
    cases.openinference_spans(provider.get_tracer("openinference.instrumentation"), planted)
    spans = memory.get_finished_spans()
    dump = _dump(spans)
    for needle in planted.needles():
        assert needle not in dump
    emb = _attrs(spans, "OpenAIEmbeddings")
    assert emb["embedding.embeddings.0.embedding.vector"] == "[REDACTED:embedding dim=384]"
    assert emb["embedding.model_name"] == "text-embedding-3-small"
    ret = _attrs(spans, "VectorStoreRetriever")
    assert ret["retrieval.documents.0.document.score"] != 0.8731264  # coarsened, still a float
    assert isinstance(ret["retrieval.documents.0.document.score"], float)
    assert "[REDACTED:embedding" in ret["retrieval.documents.0.document.metadata"]
    assert ret["retrieval.documents.0.document.id"] == "doc-1"
    event = next(s for s in spans if s.name == "VectorStoreRetriever").events[0]
    assert "[REDACTED:secret/" in str(dict(event.attributes or {}))
    _assert_valid_attributes(spans)


def test_exception_events_and_status_are_cleaned(pipe: Pipe) -> None:
    provider, memory = pipe
    planted = cases.Planted()
    cases.failing_span(provider.get_tracer("app"), planted)
    (span,) = memory.get_finished_spans()
    assert planted.secrets[0] not in _dump([span])
    (event,) = span.events
    assert event.name == "exception"
    assert dict(event.attributes or {})["exception.type"] == "ValueError"
    assert "[REDACTED:secret/github-pat]" in str(dict(event.attributes or {}))
    assert span.status.description == "refused [REDACTED:secret/github-pat]"


def test_links_are_cleaned(pipe: Pipe) -> None:
    provider, memory = pipe
    tok = tokens.slack_bot()
    tracer = provider.get_tracer("app")
    with tracer.start_as_current_span("first") as first:
        pass
    from opentelemetry.trace import Link

    with tracer.start_as_current_span(
        "second", links=[Link(first.get_span_context(), {"note": f"retry with {tok}"})]
    ):
        pass
    second = next(s for s in memory.get_finished_spans() if s.name == "second")
    (link,) = second.links
    assert link.context == first.get_span_context()
    assert dict(link.attributes or {})["note"] == "retry with [REDACTED:secret/slack-bot-token]"


def test_a_vector_under_any_key_is_reduced_and_stays_a_valid_attribute(pipe: Pipe) -> None:
    provider, memory = pipe
    vec = cases.vector(3, dim=768)
    with provider.get_tracer("app").start_as_current_span("encode") as span:
        span.set_attribute("model.output", vec)
        span.set_attribute("sizes", [1, 2, 3])
    attrs = _attrs(memory.get_finished_spans(), "encode")
    assert attrs["sizes"] == (1, 2, 3)
    out = attrs["model.output"]
    assert not (isinstance(out, tuple) and list(out) == vec)
    assert repr(vec[0]) not in str(out)
    _assert_valid_attributes(memory.get_finished_spans())


def test_clean_span_is_exported_as_it_is(pipe: Pipe) -> None:
    provider, memory = pipe
    exporter = RedactingSpanExporter(memory, Guard(Policy()))
    with provider.get_tracer("app").start_as_current_span("plain") as span:
        span.set_attributes({"http.route": "/users/{id}", "http.status_code": 200})
    (plain,) = memory.get_finished_spans()
    assert exporter.redact(plain) is plain  # nothing found: not even copied


def test_agentguard_own_spans_pass_through(pipe: Pipe) -> None:
    provider, memory = pipe
    guard = Guard(Policy(), tracer_provider=provider)
    guard.inspect(tokens.github_pat(), channel="tool_output")
    (span,) = memory.get_finished_spans()
    exporter = RedactingSpanExporter(InMemorySpanExporter(), Guard(Policy()))
    assert span.name == n.SPAN_INSPECT and exporter.redact(span) is span


def test_huge_attribute_is_bounded() -> None:
    provider, memory = _pipe(Guard(Policy()))
    exporter = RedactingSpanExporter(memory, Guard(Policy()), max_value_chars=10_000)
    head, tail = tokens.github_pat(), tokens.github_pat()
    huge = f"start {head} " + "lorem ipsum dolor " * 300_000 + f" end {tail}"
    with provider.get_tracer("app").start_as_current_span("bulk") as span:
        span.set_attribute("output.value", huge)
    provider.shutdown()
    raw = next(s for s in memory.get_finished_spans() if s.name == "bulk")
    started = time.perf_counter()
    cleaned = exporter.redact(raw)
    elapsed = time.perf_counter() - started
    assert cleaned is not None
    value = dict(cleaned.attributes or {})["output.value"]
    assert value.startswith("start [REDACTED:secret/github-pat]") and value.endswith(TRUNCATED)
    assert len(value) <= 10_000 + len(TRUNCATED)
    assert head not in value and tail not in value
    assert elapsed < 1.0  # a 5 MB attribute costs what a 10 KB one does


class _Broken:
    """A detector that always fails: under fail_mode = closed the guard blocks."""

    name = "broken"

    def scan(self, text: str) -> list[Hit]:
        raise RuntimeError("detector bug")


def test_guard_blocking_withholds_values_not_the_span() -> None:
    provider, memory = _pipe(Guard(Policy(), detectors=[_Broken()]))
    tok = tokens.github_pat()
    with provider.get_tracer("app").start_as_current_span("call") as span:
        span.set_attributes({"input.value": f"token {tok}", "retries": 2, "ok": True})
    (out,) = memory.get_finished_spans()
    attrs = dict(out.attributes or {})
    assert attrs == {"input.value": WITHHELD, "retries": WITHHELD, "ok": True}
    assert tok not in out.to_json()


def test_block_policy_withholds_only_blocked_values() -> None:
    guard = Guard(policy_from_mapping({"actions": {"secret": "block"}}))
    provider, memory = _pipe(guard)
    tok = tokens.github_pat()
    with provider.get_tracer("app").start_as_current_span("call") as span:
        span.set_attributes({"input.value": f"token {tok}", "http.route": "/deploy"})
    attrs = _attrs(memory.get_finished_spans(), "call")
    assert attrs == {"input.value": WITHHELD, "http.route": "/deploy"}


def test_guard_raising_does_not_fail_the_export(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    guard = Guard(Policy())
    provider, memory = _pipe(guard)
    tok = tokens.github_pat()

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError(f"while reading {tok}")

    monkeypatch.setattr(guard, "inspect", boom)
    tracer = provider.get_tracer("app")
    with (
        caplog.at_level(logging.WARNING, logger="agentguard"),
        tracer.start_as_current_span("call") as span,
    ):
        span.set_attribute("output.value", f"token {tok}")
    (out,) = memory.get_finished_spans()
    assert dict(out.attributes or {}) == {"output.value": WITHHELD}
    assert tok not in out.to_json() and tok not in caplog.text
    assert "MemoryError" in caplog.text


# --- log records through the logs bridge ---------------------------------------------------


def test_log_records_are_cleaned() -> None:
    memory = InMemoryLogRecordExporter()
    provider = LoggerProvider()
    install_log_redaction(provider, memory, Guard(Policy()), batch=False)
    logger = logging.getLogger("test.telemetry.bridge")
    logger.propagate = False
    handler = LoggingHandler(logger_provider=provider)
    logger.addHandler(handler)
    tok, slack = tokens.github_pat(), tokens.slack_bot()
    vec = cases.vector(11)
    try:
        logger.warning("tool said %s", f"token {tok}", extra={"embedding": vec, "user_id": 7})
        try:
            raise ConnectionError(f"refused {slack}")
        except ConnectionError:
            logger.exception("upstream failed")
    finally:
        logger.removeHandler(handler)
        provider.shutdown()
    records = memory.get_finished_logs()
    assert len(records) == 2
    dump = "\n".join(r.to_json() for r in records)
    for needle in (tok, slack, repr(vec[0])):
        assert needle not in dump
    first, second = (r.log_record for r in records)
    assert first.body == "tool said token [REDACTED:secret/github-pat]"
    assert dict(first.attributes or {})["user_id"] == 7
    attrs = dict(second.attributes or {})
    assert attrs["exception.type"] == "ConnectionError"
    assert "[REDACTED:secret/slack-bot-token]" in attrs["exception.message"]


# --- memorised text (the canary check, with its real model) -------------------------------


@pytest.fixture(scope="module")
def canary_guard(tmp_path_factory: pytest.TempPathFactory) -> Guard:
    pytest.importorskip("sentence_transformers")
    from agentguard.canary import index as index_mod
    from agentguard.canary.detector import CanaryDetector
    from agentguard.canary.encoder import shared_encoder
    from agentguard.canary.records import Record

    out: Path = tmp_path_factory.mktemp("canaries")
    index_mod.save(index_mod.build([Record("cn-1", cases.CANARY)], shared_encoder()), out)
    return Guard(Policy(), detectors=[CanaryDetector.from_path(out)])


def test_memorised_text_on_a_span_is_redacted(canary_guard: Guard) -> None:
    provider, memory = _pipe(canary_guard)
    planted = cases.Planted()
    cases.openllmetry_span(provider.get_tracer("app"), planted, canary=True)
    dump = _dump(memory.get_finished_spans())
    assert cases.CANARY not in dump and "7-alpha-3391-kilo" not in dump
    assert "[REDACTED:memorisation/" in dump


def test_export_inspections_are_nobodys_and_root_spans() -> None:
    memory = InMemorySpanExporter()
    provider = TracerProvider()
    guard = Guard(Policy(), tracer_provider=provider)  # its own spans go the same way
    install_span_redaction(provider, memory, guard, batch=False)
    tracer = provider.get_tracer("app")
    with (
        guard.principal("svc-42"),
        tracer.start_as_current_span("request"),
        tracer.start_as_current_span("llm") as span,
    ):
        span.set_attribute("output.value", f"token {tokens.github_pat()}")
    finished = memory.get_finished_spans()
    (found,) = [s for s in finished if s.name == n.SPAN_INSPECT]
    attrs = dict(found.attributes or {})
    assert attrs[n.ATTR_CHANNEL] == "log" and n.ATTR_PRINCIPAL_FP not in attrs
    assert found.parent is None
