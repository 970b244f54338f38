"""An agent run with the middleware: exported spans and scrubbed logs carry no secret."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("langchain.agents")
import structlog
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agentguard import Guard, Policy
from agentguard.logs import RedactingProcessor
from agentguard.telemetry import names as n
from tests.test_langchain_middleware import CFG, Scenario


def test_agent_run_spans_and_logs_hold_no_secret(
    spans: tuple[TracerProvider, InMemorySpanExporter],
) -> None:
    provider, exporter = spans
    guard = Guard(Policy(), tracer_provider=provider)
    stream = io.StringIO()
    structlog.configure(
        processors=[RedactingProcessor(guard), structlog.processors.JSONRenderer()],
        logger_factory=structlog.PrintLoggerFactory(stream),
        cache_logger_on_first_use=False,
    )
    try:
        sc = Scenario()
        agent, _model, _saver = sc.agent(guard, principal="svc-7")
        log = structlog.get_logger()
        for chunk in agent.stream(sc.prompt_input(), CFG, stream_mode="updates"):
            log.info("agent update", update=repr(chunk))  # what a verbose app would log
        log.info("final", state=repr(agent.get_state(CFG).values))
        log.debug("tool said", raw=f"customer row; api token {sc.tool_result}")  # careless
    finally:
        structlog.reset_defaults()

    finished = exporter.get_finished_spans()
    channels = {dict(s.attributes or {}).get(n.ATTR_CHANNEL) for s in finished}
    # tool-call arguments are already clean when the model's answer is sanitised, so the
    # tool_input channel has nothing left to find
    assert {"model_input", "model_output", "tool_output", "log"} <= channels
    dumped = "".join(s.to_json() for s in finished)
    logs = stream.getvalue()
    assert "[REDACTED:secret/" in logs
    for name, secret in sc.secrets().items():
        assert secret not in dumped, f"{name} in spans"
        assert secret not in logs, f"{name} in logs"
    assert "svc-7" not in dumped
