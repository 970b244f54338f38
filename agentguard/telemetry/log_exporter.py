"""``RedactingLogExporter``: log records through the OpenTelemetry logs bridge, sanitised.

The logs bridge (``LoggingHandler``, or an instrumentation's own ``Logger.emit``) turns
application log lines into OpenTelemetry log records; a verbose line can carry a tool
result or a model answer in its body, its attributes, or the ``exception.message`` and
``exception.stacktrace`` attributes the bridge adds. This exporter cleans the body,
attributes and event name of every record with the guard before the real exporter sends
it (same rules as spans: :mod:`agentguard.telemetry.scrub`).

Needs ``opentelemetry-sdk`` (``pip install 'agentguard[otlp]'``).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from opentelemetry.sdk._logs import LoggerProvider, LogRecordProcessor, ReadableLogRecord
from opentelemetry.sdk._logs.export import (
    BatchLogRecordProcessor,
    LogRecordExporter,
    LogRecordExportResult,
    SimpleLogRecordProcessor,
)

from agentguard.telemetry import scrub
from agentguard.telemetry.scrub import Scrubber

if TYPE_CHECKING:
    from agentguard.guard import Guard

__all__ = ["RedactingLogExporter", "install_log_redaction"]


class RedactingLogExporter(LogRecordExporter):
    """Wraps ``inner``: each record's body, attributes and event name are sanitised first."""

    def __init__(
        self,
        inner: LogRecordExporter,
        guard: Guard,
        *,
        max_value_chars: int = scrub.MAX_VALUE_CHARS,
        max_items: int = scrub.MAX_ITEMS,
    ) -> None:
        self.inner = inner
        self.scrubber = Scrubber(guard, max_value_chars=max_value_chars, max_items=max_items)

    def __repr__(self) -> str:
        return f"RedactingLogExporter({type(self.inner).__name__})"

    def export(self, batch: Sequence[ReadableLogRecord]) -> LogRecordExportResult:
        out = [clean for r in batch if (clean := self.redact(r)) is not None]
        return self.inner.export(out)

    def redact(self, record: ReadableLogRecord) -> ReadableLogRecord | None:
        """A sanitised copy of ``record`` (itself when there is nothing to clean); values
        withheld when cleaning fails, None (not exported) when even that fails."""
        lr = record.log_record
        parts: dict[str, Any] = {"body": lr.body, "attributes": dict(lr.attributes or {})}
        if lr.event_name:
            parts["event_name"] = lr.event_name
        return self.scrubber.redact(
            record, parts, lambda clean: _rebuild(record, clean), "log record"
        )

    def shutdown(self) -> None:
        self.inner.shutdown()  # type: ignore[no-untyped-call,unused-ignore]

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        return bool(self.inner.force_flush(timeout_millis))


def _rebuild(record: ReadableLogRecord, clean: dict[str, Any]) -> ReadableLogRecord:
    lr = record.log_record
    out = copy.copy(lr)
    out.body = clean.get("body")
    out.attributes = scrub.attributes(clean.get("attributes"))
    if lr.event_name:
        out.event_name = scrub.text(clean.get("event_name"), scrub.WITHHELD)
    out.exception = None  # already rendered into (now clean) attributes by the bridge
    return dataclasses.replace(record, log_record=out)


def install_log_redaction(
    provider: LoggerProvider, exporter: LogRecordExporter, guard: Guard, *, batch: bool = True
) -> LogRecordProcessor:
    """Add ``exporter`` to ``provider`` behind a :class:`RedactingLogExporter`."""
    redacting = RedactingLogExporter(exporter, guard)
    processor: LogRecordProcessor = (
        BatchLogRecordProcessor(redacting) if batch else SimpleLogRecordProcessor(redacting)
    )
    provider.add_log_record_processor(processor)
    return processor
