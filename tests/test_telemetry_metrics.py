"""Metrics with the real SDK: names, attributes (low-cardinality only), and no cost when unused."""

from __future__ import annotations

import threading
from typing import Any

from opentelemetry.metrics import NoOpMeterProvider
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from agentguard import Guard, Policy
from agentguard.detectors.base import Hit
from agentguard.policy import policy_from_mapping
from agentguard.telemetry import names as n
from tests import tokens

#: The only attribute keys any agentguard metric may carry.
ALLOWED = {n.M_KIND, n.M_ACTION, n.M_DETECTOR, n.M_SIGNAL, n.ATTR_CHANNEL, n.ATTR_MODE}


def collect(reader: InMemoryMetricReader) -> dict[str, list[Any]]:
    """Metric name → its data points, for agentguard's scope."""
    out: dict[str, list[Any]] = {}
    data = reader.get_metrics_data()
    for rm in data.resource_metrics if data else ():
        for sm in rm.scope_metrics:
            if sm.scope.name != n.INSTRUMENTATION_NAME:
                continue
            for metric in sm.metrics:
                out[metric.name] = list(metric.data.data_points)
    return out


def _sum(points: list[Any], **attrs: str) -> float:
    return sum(p.value for p in points if all(p.attributes.get(k) == v for k, v in attrs.items()))


def _meters() -> tuple[InMemoryMetricReader, MeterProvider]:
    reader = InMemoryMetricReader()
    return reader, MeterProvider(metric_readers=[reader])


def test_findings_blocked_and_duration() -> None:
    reader, provider = _meters()
    guard = Guard(Policy(), meter_provider=provider)
    guard.inspect({"a": tokens.github_pat(), "b": tokens.github_pat()}, channel="tool_output")
    guard.inspect("nothing here", channel="model_output")
    block = policy_from_mapping({"actions": {"secret": "block"}})
    blocking = Guard(block, meter_provider=provider)
    blocking.inspect(tokens.slack_bot(), channel="model_input")

    got = collect(reader)
    findings = got[n.METRIC_FINDINGS]
    kind = {n.M_KIND: "secret/github-pat", n.ATTR_CHANNEL: "tool_output"}
    assert _sum(findings, **kind, **{n.M_ACTION: "redact"}) == 2
    assert _sum(findings, **{n.M_ACTION: "block", n.ATTR_CHANNEL: "model_input"}) == 1
    assert _sum(got[n.METRIC_BLOCKED], **{n.ATTR_CHANNEL: "model_input"}) == 1
    assert _sum(got[n.METRIC_BLOCKED], **{n.ATTR_CHANNEL: "tool_output"}) == 0

    durations = got[n.METRIC_DURATION]
    every = [p for p in durations if p.attributes[n.M_DETECTOR] == n.DETECTOR_ALL]
    assert sum(p.count for p in every) == 3  # clean inspections are timed too
    secrets = [p for p in durations if p.attributes[n.M_DETECTOR] == "secrets"]
    assert sum(p.count for p in secrets) == 3
    assert all(0 < p.sum < 1.0 for p in every)  # seconds, not nanoseconds


def test_probing_flags_carry_no_principal() -> None:
    reader, provider = _meters()
    guard = Guard(Policy(), meter_provider=provider)
    for i in range(8):
        args = {"age": 41, "income": 20_000 + 5_000 * i}
        guard.inspect({"tool": "score", "args": args}, "tool_input", principal="key-0042")
    got = collect(reader)
    flags = got[n.METRIC_PROBING_FLAGS]
    assert _sum(flags, **{n.M_SIGNAL: "probing/sweep", n.M_ACTION: "alert"}) == 1
    fp = guard.fingerprint("key-0042")
    for points in got.values():
        for p in points:
            assert set(p.attributes) <= ALLOWED
            assert "key-0042" not in str(p.attributes) and fp not in str(p.attributes)


class _Gated:
    """A shadow detector that waits for the test, so the queue depth can be seen."""

    name = "gated"

    def __init__(self) -> None:
        self.gate = threading.Event()

    def scan(self, text: str) -> list[Hit]:
        self.gate.wait(10)
        return [Hit(0, min(len(text), 4), kind="pii/test", rule="gated", severity="low")]


def test_shadow_queue_depth_goes_up_and_down() -> None:
    reader, provider = _meters()
    det = _Gated()
    policy = policy_from_mapping({"detectors": {"gated": {"enabled": False, "mode": "shadow"}}})
    guard = Guard(policy, detectors=[det], meter_provider=provider)
    for _ in range(3):
        guard.inspect("some text", channel="model_output")
    depth = collect(reader)[n.METRIC_SHADOW_DEPTH]
    assert sum(p.value for p in depth) >= 2  # the worker holds one; the rest wait
    det.gate.set()
    assert guard.shadow.drain(10)
    got = collect(reader)
    assert sum(p.value for p in got[n.METRIC_SHADOW_DEPTH]) == 0
    shadow = {n.ATTR_MODE: "shadow", n.M_KIND: "pii/test"}
    assert _sum(got[n.METRIC_FINDINGS], **shadow) == 3


def test_no_provider_no_metrics_no_observer() -> None:
    guard = Guard(Policy())  # the global meter provider is the API's proxy in tests
    assert guard.metrics is None and guard.observers == []
    opted_out = Guard(Policy(), meter_provider=NoOpMeterProvider())
    assert opted_out.metrics is None and opted_out.observers == []
