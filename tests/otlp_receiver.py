"""A real OTLP/HTTP (protobuf) receiver on loopback, for end-to-end telemetry tests.

It accepts ``POST /v1/traces``, ``/v1/metrics`` and ``/v1/logs`` as a collector does,
keeps every request body exactly as it came over the wire (and gunzipped, when the
exporter compressed it), and decodes it with ``opentelemetry-proto``.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import (
    ExportLogsServiceRequest,
    ExportLogsServiceResponse,
)
from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import (
    ExportMetricsServiceRequest,
    ExportMetricsServiceResponse,
)
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.common.v1.common_pb2 import AnyValue

_KINDS: dict[str, tuple[Any, Any]] = {
    "/v1/traces": (ExportTraceServiceRequest, ExportTraceServiceResponse),
    "/v1/metrics": (ExportMetricsServiceRequest, ExportMetricsServiceResponse),
    "/v1/logs": (ExportLogsServiceRequest, ExportLogsServiceResponse),
}


@dataclass
class Received:
    wire: list[bytes] = field(default_factory=list)  # bodies as sent (maybe gzip)
    bodies: list[bytes] = field(default_factory=list)  # decompressed protobuf
    traces: list[ExportTraceServiceRequest] = field(default_factory=list)
    metrics: list[ExportMetricsServiceRequest] = field(default_factory=list)
    logs: list[ExportLogsServiceRequest] = field(default_factory=list)
    content_types: set[str] = field(default_factory=set)


class Receiver:
    """``with Receiver() as rx:`` serves on ``rx.endpoint`` until the block ends."""

    def __init__(self) -> None:
        self.received = Received()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                kinds = _KINDS.get(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                wire = self.rfile.read(length)
                if kinds is None:
                    self.send_error(404)
                    return
                body = wire
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(wire)
                request = kinds[0]()
                request.ParseFromString(body)
                receiver._keep(self.path, wire, body, request, self.headers.get("Content-Type"))
                reply = kinds[1]().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep test output quiet

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def _keep(self, path: str, wire: bytes, body: bytes, request: Any, ctype: str | None) -> None:
        with self._lock:
            rx = self.received
            rx.wire.append(wire)
            rx.bodies.append(body)
            rx.content_types.add(ctype or "")
            {"/v1/traces": rx.traces, "/v1/metrics": rx.metrics, "/v1/logs": rx.logs}[path].append(
                request
            )

    def wait_for(self, done: Callable[[Received], bool], timeout: float = 20.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if done(self.received):
                    return True
            time.sleep(0.05)
        return False

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


# --- reading what arrived -------------------------------------------------------------------


def value(v: AnyValue) -> Any:
    """An OTLP ``AnyValue`` as a Python value."""
    which = v.WhichOneof("value")
    if which == "array_value":
        return [value(x) for x in v.array_value.values]
    if which == "kvlist_value":
        return {kv.key: value(kv.value) for kv in v.kvlist_value.values}
    return getattr(v, which) if which else None


def attrs(kvs: Any) -> dict[str, Any]:
    return {kv.key: value(kv.value) for kv in kvs}


def spans(rx: Received) -> Iterator[tuple[dict[str, Any], Any]]:
    """(resource attributes, span) for every span received."""
    for req in rx.traces:
        for rs in req.resource_spans:
            resource = attrs(rs.resource.attributes)
            for ss in rs.scope_spans:
                for span in ss.spans:
                    yield resource, span


def metric_names(rx: Received) -> set[str]:
    return {
        m.name
        for req in rx.metrics
        for rm in req.resource_metrics
        for sm in rm.scope_metrics
        for m in sm.metrics
    }


def log_records(rx: Received) -> Iterator[Any]:
    for req in rx.logs:
        for rl in req.resource_logs:
            for sl in rl.scope_logs:
                yield from sl.log_records
