"""End to end over OTLP/HTTP (protobuf): a real receiver on loopback, an application in its
own process configured only by ``OTEL_*`` variables and ``agentguard.telemetry.configure()``.

The receiver decodes every request with ``opentelemetry-proto``; the documented names must
arrive, and not one planted secret, embedding value or canary sentence may be in the bytes
on the wire, including what a content-capturing instrumentation put on its own spans.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("opentelemetry.exporter.otlp.proto.http")
pytest.importorskip("opentelemetry.proto")

from agentguard.telemetry import names as n
from tests import otlp_receiver as otlp
from tests.otlp_receiver import Receiver

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def rx() -> Iterator[Receiver]:
    with Receiver() as receiver:
        yield receiver


def run_app(mode: str, rx: Receiver, workdir: Path, **env: str) -> dict[str, Any]:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    clean_env.update(
        {
            "OTEL_EXPORTER_OTLP_ENDPOINT": rx.endpoint,
            "OTEL_SERVICE_NAME": "agentguard-e2e",
            "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=test,team=observability",
            "OTEL_BSP_SCHEDULE_DELAY": "200",
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            **env,
        }
    )
    proc = subprocess.run(
        [sys.executable, "-m", "tests.otlp_app", mode, str(workdir)],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["stderr"] = proc.stderr
    return result


def _span_names(rx: Receiver) -> set[str]:
    return {span.name for _, span in otlp.spans(rx.received)}


def _assert_nothing_leaked(rx: Receiver, result: dict[str, Any], *extra: bytes) -> None:
    needles = [bytes.fromhex(h) for h in result["needles"]] + list(extra)
    assert len(needles) > 10
    blobs = rx.received.wire + rx.received.bodies
    assert blobs
    for needle in needles:
        assert not any(needle in blob for blob in blobs), needle[:12]
        assert needle.decode("latin-1") not in result["stderr"]


def test_end_to_end_names_arrive_and_nothing_leaks(rx: Receiver, tmp_path: Path) -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("langchain.agents")
    result = run_app("full", rx, tmp_path)
    assert result["installed"] == ["logs", "metrics", "traces"]
    received = rx.received
    assert received.content_types == {"application/x-protobuf"}

    # traces: agentguard's spans, the GenAI operation spans, and the instrumentation's own
    names = _span_names(rx)
    assert {
        n.SPAN_INSPECT,
        "invoke_agent support-bot",
        "chat",
        "execute_tool lookup",
        "openai.chat",
        "OpenAIEmbeddings",
        "VectorStoreRetriever",
        "tool.call",
    } <= names
    resources = [res for res, _ in otlp.spans(received)]
    assert all(r["service.name"] == "agentguard-e2e" for r in resources)
    assert all(r["team"] == "observability" for r in resources)
    inspections = [s for _, s in otlp.spans(received) if s.name == n.SPAN_INSPECT]
    decisions = {otlp.attrs(s.attributes)[n.ATTR_DECISION] for s in inspections}
    assert {"redacted", "blocked"} <= decisions
    events = [e for s in inspections for e in s.events]
    assert n.EVENT_FINDING in {e.name for e in events}
    evaluations = {
        otlp.attrs(e.attributes)[n.EVAL_NAME] for e in events if e.name == n.EVENT_EVALUATION
    }
    assert {"agentguard.secrets", "agentguard.probing", "agentguard.canary"} <= evaluations
    shadow = [s for s in inspections if otlp.attrs(s.attributes).get(n.ATTR_MODE) == "shadow"]
    assert shadow
    tool = next(s for _, s in otlp.spans(received) if s.name == "execute_tool lookup")
    tool_attrs = otlp.attrs(tool.attributes)
    assert tool_attrs[n.GENAI_TOOL_CALL_ID] == "c1"
    assert tool_attrs[n.GENAI_CONVERSATION_ID] == "thread-77"
    for _, span in otlp.spans(received):
        assert not n.CONTENT_ATTRIBUTES & set(otlp.attrs(span.attributes))

    # what the instrumentation recorded arrives cleaned, not dropped
    llm = next(s for _, s in otlp.spans(received) if s.name == "openai.chat")
    llm_attrs = otlp.attrs(llm.attributes)
    assert "[REDACTED:secret/github-pat]" in llm_attrs["gen_ai.prompt.0.content"]
    assert "[REDACTED:memorisation/" in llm_attrs["gen_ai.completion.0.content"]
    assert llm_attrs["gen_ai.request.model"] == "gpt-4o"
    emb = next(s for _, s in otlp.spans(received) if s.name == "OpenAIEmbeddings")
    vector = otlp.attrs(emb.attributes)["embedding.embeddings.0.embedding.vector"]
    assert vector == "[REDACTED:embedding dim=384]"

    # metrics
    assert {
        n.METRIC_FINDINGS,
        n.METRIC_BLOCKED,
        n.METRIC_PROBING_FLAGS,
        n.METRIC_DURATION,
        n.METRIC_SHADOW_DEPTH,
    } <= otlp.metric_names(received)

    # logs through the bridge
    bodies = [otlp.value(r.body) for r in otlp.log_records(received)]
    assert any("[REDACTED:secret/slack-bot-token]" in str(b) for b in bodies)

    _assert_nothing_leaked(rx, result, b"svc-7", b"svc-9", b"7-alpha-3391-kilo")


def test_sampler_from_the_environment(rx: Receiver, tmp_path: Path) -> None:
    result = run_app("plain", rx, tmp_path, OTEL_TRACES_SAMPLER="always_off")
    assert result["installed"] == ["metrics", "traces"]
    assert rx.wait_for(lambda r: bool(r.metrics))
    assert not rx.received.traces  # sampled out, though a span with findings was recorded
    assert n.METRIC_FINDINGS in otlp.metric_names(rx.received)


def test_plain_run_over_the_wire_is_clean(rx: Receiver, tmp_path: Path) -> None:
    result = run_app("plain", rx, tmp_path, OTEL_METRICS_EXPORTER="none")
    assert result["installed"] == ["traces"]
    assert rx.wait_for(lambda r: bool(r.traces))
    assert not rx.received.metrics
    assert {"openai.chat", n.SPAN_INSPECT} <= _span_names(rx)
    _assert_nothing_leaked(rx, result)


def test_sdk_disabled_installs_nothing(rx: Receiver, tmp_path: Path) -> None:
    result = run_app("plain", rx, tmp_path, OTEL_SDK_DISABLED="true")
    assert result["installed"] == []
    assert not rx.received.wire


def test_an_application_provider_is_never_replaced(rx: Receiver, tmp_path: Path) -> None:
    result = run_app("app-provider", rx, tmp_path)
    assert result["kept"] is True
    assert "traces" not in result["installed"] and "metrics" in result["installed"]
