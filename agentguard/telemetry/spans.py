"""Risk spans: one ``agentguard.inspect`` span per inspection with findings.

Besides one ``agentguard.finding`` event per finding, the span carries one
``gen_ai.evaluation.result`` event per detector that found something, so backends that read
the GenAI conventions show agentguard as a guardrail evaluation.

Only the OpenTelemetry *API* is used here: without an SDK configured by the application
every call is a no-op, and the application's own provider decides where spans go.
The span is opened after detection with the inspection's start time, so clean
inspections (the common case) pay nothing unless ``telemetry.clean_spans`` is set.
"""

from __future__ import annotations

from collections.abc import Sequence

from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode

from agentguard.findings import Action, Channel, Decision, Finding
from agentguard.telemetry import names as n


def tracer(provider: trace.TracerProvider | None = None) -> trace.Tracer:
    from agentguard import __version__

    return trace.get_tracer(n.INSTRUMENTATION_NAME, __version__, tracer_provider=provider)


def record_inspection(
    tr: trace.Tracer,
    *,
    start_ns: int,
    channel: Channel,
    decision: Decision,
    findings: Sequence[Finding],
    policy_name: str,
    chars: int,
    principal_fp: str | None = None,
    reason: str | None = None,
    mode: str | None = None,
) -> None:
    span = tr.start_span(n.SPAN_INSPECT, start_time=start_ns)
    if span.is_recording():
        span.set_attributes(
            {
                n.ATTR_CHANNEL: channel.value,
                n.ATTR_DECISION: decision.value,
                n.ATTR_FINDINGS_COUNT: len(findings),
                n.ATTR_FINDING_KINDS: sorted({f.kind for f in findings}),
                n.ATTR_POLICY_NAME: policy_name,
                n.ATTR_PAYLOAD_CHARS: chars,
            }
        )
        if principal_fp:
            span.set_attribute(n.ATTR_PRINCIPAL_FP, principal_fp)
        if reason:
            span.set_attribute(n.ATTR_REASON, reason)
        if mode:
            span.set_attribute(n.ATTR_MODE, mode)
        for f in findings:
            attrs: dict[str, str | float] = {
                n.EV_KIND: f.kind,
                n.EV_RULE: f.rule,
                n.EV_DETECTOR: f.detector,
                n.EV_ACTION: f.action.value,
                n.EV_SEVERITY: f.severity.value,
                n.EV_CONFIDENCE: f.confidence,
                n.EV_FINGERPRINT: f.fingerprint,
                n.EV_PATH: f.path,
                n.EV_TECHNIQUE: f.technique,
            }
            if f.reduction is not None:
                attrs[n.EV_REDUCTION] = f.reduction
            span.add_event(n.EVENT_FINDING, attrs)
        for result in evaluations(findings).values():
            span.add_event(n.EVENT_EVALUATION, result)
        if decision is Decision.BLOCKED:
            span.set_status(Status(StatusCode.ERROR, n.SPAN_STATUS_BLOCKED))
    span.end()


def evaluations(findings: Sequence[Finding]) -> dict[str, dict[str, str | float]]:
    """One evaluation result per detector that found something.

    The score is the detector's highest confidence; the label is the strongest action
    taken on its findings (``block``, ``redact``, ``reduce``, ``throttle``, ``alert``…); the
    explanation lists the finding kinds (names, never values).
    """
    by_detector: dict[str, list[Finding]] = {}
    for f in findings:
        by_detector.setdefault(f.detector, []).append(f)
    return {
        detector: {
            n.EVAL_NAME: n.EVAL_PREFIX + detector,
            n.EVAL_SCORE: max(f.confidence for f in group),
            n.EVAL_LABEL: max((f.action for f in group), key=_strength).value,
            n.EVAL_EXPLANATION: ", ".join(sorted({f.kind for f in group})),
        }
        for detector, group in by_detector.items()
    }


def _strength(action: Action) -> int:
    return action.strength
