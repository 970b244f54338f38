"""Risk spans with the real OpenTelemetry SDK: names, parentage, and no raw content."""

from __future__ import annotations

import json

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agentguard import Guard, Policy
from agentguard.policy import policy_from_mapping
from agentguard.telemetry import names as n
from tests import tokens

Spans = tuple[TracerProvider, InMemorySpanExporter]


def dump(span: object) -> str:
    return span.to_json()  # type: ignore[attr-defined, no-any-return]


def test_span_per_inspection_with_findings(spans: Spans) -> None:
    provider, exporter = spans
    tok, tok2 = tokens.github_pat(), tokens.slack_bot()
    g = Guard(Policy(fingerprint_key="k"), tracer_provider=provider)
    verdict = g.inspect({"a": tok, "b": f"x {tok2}"}, channel="tool_output", principal="svc-42")
    (span,) = exporter.get_finished_spans()
    assert span.name == n.SPAN_INSPECT
    attrs = dict(span.attributes or {})
    assert attrs[n.ATTR_CHANNEL] == "tool_output"
    assert attrs[n.ATTR_DECISION] == "redacted"
    assert attrs[n.ATTR_FINDINGS_COUNT] == len(verdict.findings) == 2
    assert attrs[n.ATTR_PRINCIPAL_FP] == g.fingerprint("svc-42")
    events = [e for e in span.events if e.name == n.EVENT_FINDING]
    assert len(events) == 2
    ev = dict(events[0].attributes or {})
    assert ev[n.EV_KIND].startswith("secret/") and ev[n.EV_ACTION] == "redact"
    assert ev[n.EV_FINGERPRINT] in {f.fingerprint for f in verdict.findings}
    assert ev[n.EV_TECHNIQUE] == "AML.T0055"
    text = dump(span)
    for raw in (tok, tok2, "svc-42"):
        assert raw not in text


def test_span_is_child_of_current_span(spans: Spans) -> None:
    provider, exporter = spans
    g = Guard(Policy(), tracer_provider=provider)
    with provider.get_tracer("app").start_as_current_span("agent-step") as parent:
        g.inspect(tokens.github_pat())
    child = next(s for s in exporter.get_finished_spans() if s.name == n.SPAN_INSPECT)
    assert child.parent is not None and child.parent.span_id == parent.get_span_context().span_id
    assert child.context.trace_id == parent.get_span_context().trace_id


def test_clean_inspection_has_no_span_unless_configured(spans: Spans) -> None:
    provider, exporter = spans
    Guard(Policy(), tracer_provider=provider).inspect("nothing to see")
    assert exporter.get_finished_spans() == ()
    g = Guard(policy_from_mapping({"telemetry": {"clean_spans": True}}), tracer_provider=provider)
    g.inspect("nothing to see")
    (span,) = exporter.get_finished_spans()
    assert dict(span.attributes or {})[n.ATTR_DECISION] == "allowed"


def test_blocked_span_has_error_status_and_reason(spans: Spans) -> None:
    provider, exporter = spans
    tok = tokens.github_pat()
    g = Guard(policy_from_mapping({"actions": {"secret": "block"}}), tracer_provider=provider)
    g.inspect(tok)
    (span,) = exporter.get_finished_spans()
    assert span.status.status_code.name == "ERROR"
    assert dict(span.attributes or {})[n.ATTR_DECISION] == "blocked"
    assert tok not in dump(span)


def test_limit_event_is_recorded(spans: Spans) -> None:
    provider, exporter = spans
    g = Guard(policy_from_mapping({"limits": {"max_chars": 10}}), tracer_provider=provider)
    g.inspect("y" * 100)
    (span,) = exporter.get_finished_spans()
    assert dict(span.attributes or {})[n.ATTR_REASON] == "payload exceeds max_chars"


def test_every_name_is_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "telemetry.md").read_text()
    names = [
        v
        for k, v in vars(n).items()
        if k.isupper() and isinstance(v, str) and k != "INSTRUMENTATION_NAME"
    ]
    missing = [name for name in names if f"`{name}`" not in doc]
    assert not missing, missing
    assert json.dumps(names)
