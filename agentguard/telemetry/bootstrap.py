"""``configure()``: OTLP traces, metrics and (optionally) logs, from the ``OTEL_*`` variables.

For applications without OpenTelemetry set up yet. It reads what every OpenTelemetry SDK
reads: ``OTEL_SDK_DISABLED``, ``OTEL_SERVICE_NAME``, ``OTEL_RESOURCE_ATTRIBUTES``,
``OTEL_EXPORTER_OTLP_ENDPOINT`` (and the per-signal ``…_TRACES_/…_METRICS_/…_LOGS_ENDPOINT``),
``OTEL_EXPORTER_OTLP_HEADERS``, ``OTEL_EXPORTER_OTLP_PROTOCOL`` (``http/protobuf``, the
default, or ``grpc`` with ``opentelemetry-exporter-otlp-proto-grpc`` installed),
``OTEL_TRACES_SAMPLER`` / ``OTEL_TRACES_SAMPLER_ARG``, ``OTEL_METRIC_EXPORT_INTERVAL`` and
``OTEL_{TRACES,METRICS,LOGS}_EXPORTER`` (``otlp``, ``console`` or ``none``).

It **never replaces** a tracer, meter or logger provider the application has already set:
that signal is left alone and reported as not installed. Spans and log records it does
export go through the redacting exporters, so other instrumentations' content is cleaned
by the guard before it leaves the process.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from opentelemetry import _logs, metrics, trace
from opentelemetry.sdk._logs import LoggerProvider, LoggingHandler
from opentelemetry.sdk._logs.export import ConsoleLogRecordExporter, LogRecordExporter
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import (
    ConsoleMetricExporter,
    MetricExporter,
    PeriodicExportingMetricReader,
)
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

from agentguard.telemetry.exporter import install_span_redaction
from agentguard.telemetry.log_exporter import install_log_redaction
from agentguard.telemetry.metrics import attach_metrics

if TYPE_CHECKING:
    from agentguard.guard import Guard

__all__ = ["Telemetry", "configure"]

_SIGNAL_PATH = {"traces": "v1/traces", "metrics": "v1/metrics", "logs": "v1/logs"}


@dataclass
class Telemetry:
    """What :func:`configure` set up; ``installed`` names the signals it installed itself."""

    tracer_provider: trace.TracerProvider
    meter_provider: metrics.MeterProvider
    logger_provider: _logs.LoggerProvider
    installed: set[str] = field(default_factory=set)
    handler: logging.Handler | None = None

    def force_flush(self, timeout_millis: int = 30_000) -> None:
        """Export what is buffered now (only for the providers installed here)."""
        for provider in self._own():
            provider.force_flush(timeout_millis)

    def shutdown(self) -> None:
        """Flush and stop the providers installed here; the application's are left alone."""
        if self.handler is not None:
            logging.getLogger().removeHandler(self.handler)
        for provider in self._own():
            provider.shutdown()

    def _own(self) -> list[Any]:
        pairs = (
            ("traces", self.tracer_provider),
            ("metrics", self.meter_provider),
            ("logs", self.logger_provider),
        )
        return [p for signal, p in pairs if signal in self.installed]


def configure(
    *,
    guard: Guard | None = None,
    service_name: str | None = None,
    endpoint: str | None = None,
    logs: bool = False,
    redact: bool = True,
) -> Telemetry:
    """Install OTLP export for traces and metrics (and logs, with ``logs=True``).

    ``guard`` cleans every exported span and log record (default: ``Guard()``, i.e. the
    policy from ``AGENTGUARD_POLICY``); ``redact=False`` exports them as they are.
    ``service_name`` and ``endpoint`` override ``OTEL_SERVICE_NAME`` and
    ``OTEL_EXPORTER_OTLP_ENDPOINT``. With ``logs=True`` a ``LoggingHandler`` on the root
    logger bridges stdlib logging to OpenTelemetry logs.
    """
    current = Telemetry(
        trace.get_tracer_provider(), metrics.get_meter_provider(), _logs.get_logger_provider()
    )
    if _env("OTEL_SDK_DISABLED").lower() == "true":
        return current
    resource = Resource.create({SERVICE_NAME: service_name} if service_name else {})

    # metrics first: a default guard built for the exporters below then records metrics
    if not _is_set(current.meter_provider) and _exporter_kind("metrics") != "none":
        reader = PeriodicExportingMetricReader(_metric_exporter(endpoint))
        mp = MeterProvider(resource=resource, metric_readers=[reader])
        metrics.set_meter_provider(mp)
        current.meter_provider = mp
        current.installed.add("metrics")
        if guard is not None and guard.metrics is None:  # built before a provider existed
            guard.metrics = attach_metrics(guard, mp)

    if not _is_set(current.tracer_provider) and _exporter_kind("traces") != "none":
        tp = TracerProvider(resource=resource)  # the sampler comes from OTEL_TRACES_SAMPLER
        span_exporter = _span_exporter(endpoint)
        if redact:
            install_span_redaction(tp, span_exporter, _guard(guard))
        else:
            tp.add_span_processor(BatchSpanProcessor(span_exporter))
        trace.set_tracer_provider(tp)
        current.tracer_provider = tp
        current.installed.add("traces")

    if logs and not _is_set(current.logger_provider) and _exporter_kind("logs") != "none":
        lp = LoggerProvider(resource=resource)
        log_exporter = _log_exporter(endpoint)
        if redact:
            install_log_redaction(lp, log_exporter, _guard(guard))
        else:
            from opentelemetry.sdk._logs.export import BatchLogRecordProcessor

            lp.add_log_record_processor(BatchLogRecordProcessor(log_exporter))
        _logs.set_logger_provider(lp)
        current.handler = LoggingHandler(logger_provider=lp)
        logging.getLogger().addHandler(current.handler)
        current.logger_provider = lp
        current.installed.add("logs")
    return current


_GUARD: list[Guard] = []


def _guard(guard: Guard | None) -> Guard:
    """The given guard, else one default guard shared by the span and log exporters."""
    if guard is not None:
        return guard
    if not _GUARD:
        from agentguard.guard import Guard

        _GUARD.append(Guard())
    return _GUARD[0]


def _is_set(provider: object) -> bool:
    """Has someone (the application, an agent, an earlier call) set this global provider?"""
    name = type(provider).__name__
    return not (
        name.startswith("_Proxy") or name.startswith("Proxy") or name == "_DefaultTracerProvider"
    )


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _exporter_kind(signal: str) -> str:
    return _env(f"OTEL_{signal.upper()}_EXPORTER", "otlp").split(",")[0].strip().lower()


def _protocol(signal: str) -> str:
    given = _env(f"OTEL_EXPORTER_OTLP_{signal.upper()}_PROTOCOL") or _env(
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"
    )
    if given not in ("http/protobuf", "grpc"):
        raise ValueError(
            f"OTEL_EXPORTER_OTLP_PROTOCOL={given!r} is not supported; use 'http/protobuf' or 'grpc'"
        )
    return given


def _kwargs(signal: str, endpoint: str | None) -> dict[str, Any]:
    """An explicit endpoint, else nothing: the exporters read the OTEL_* variables."""
    if endpoint is None:
        return {}
    if _protocol(signal) == "grpc":
        return {"endpoint": endpoint}
    return {"endpoint": f"{endpoint.rstrip('/')}/{_SIGNAL_PATH[signal]}"}


def _span_exporter(endpoint: str | None) -> SpanExporter:
    if _exporter_kind("traces") == "console":
        return ConsoleSpanExporter()
    kw = _kwargs("traces", endpoint)
    if _protocol("traces") == "grpc":
        grpc = _grpc("trace_exporter")
        return grpc.OTLPSpanExporter(**kw)  # type: ignore[no-any-return]
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter(**kw)


def _metric_exporter(endpoint: str | None) -> MetricExporter:
    if _exporter_kind("metrics") == "console":
        return ConsoleMetricExporter()
    kw = _kwargs("metrics", endpoint)
    if _protocol("metrics") == "grpc":
        grpc = _grpc("metric_exporter")
        return grpc.OTLPMetricExporter(**kw)  # type: ignore[no-any-return]
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter

    return OTLPMetricExporter(**kw)


def _log_exporter(endpoint: str | None) -> LogRecordExporter:
    if _exporter_kind("logs") == "console":
        return ConsoleLogRecordExporter()
    kw = _kwargs("logs", endpoint)
    if _protocol("logs") == "grpc":
        grpc = _grpc("_log_exporter")
        return grpc.OTLPLogExporter(**kw)  # type: ignore[no-any-return]
    from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter

    return OTLPLogExporter(**kw)


def _grpc(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(f"opentelemetry.exporter.otlp.proto.grpc.{module}")
    except ImportError:
        raise ValueError(
            "OTEL_EXPORTER_OTLP_PROTOCOL=grpc needs opentelemetry-exporter-otlp-proto-grpc"
        ) from None
