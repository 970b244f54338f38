"""``RedactingSpanExporter``: every span leaves the process sanitised, whoever created it.

Instrumentations such as OpenLLMetry and OpenInference record prompts, completions, tool
results, retrieved documents and embeddings on their spans by default; an observability
pipeline is then a leak path of its own. This exporter sits in front of the real one and
cleans each span's name, attributes, events (``exception.message`` included), links and
status description with the guard (see :mod:`agentguard.telemetry.scrub` for how, and
for what happens when the guard fails) before handing the copies on.

Spans of agentguard's own instrumentation scope are passed through as they are: they are
built from names, fingerprints and ids only, and inspecting them would only re-inspect the
spans that the export path's own inspections record.

Needs ``opentelemetry-sdk`` (``pip install 'agentguard[otlp]'``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from opentelemetry.sdk.trace import Event, ReadableSpan, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SimpleSpanProcessor,
    SpanExporter,
    SpanExportResult,
)
from opentelemetry.trace import Link, Status

from agentguard.telemetry import names as n
from agentguard.telemetry import scrub
from agentguard.telemetry.scrub import Scrubber

if TYPE_CHECKING:
    from agentguard.guard import Guard

__all__ = ["RedactingSpanExporter", "install_span_redaction"]

log = logging.getLogger("agentguard")


class RedactingSpanExporter(SpanExporter):
    """Wraps ``inner``: spans are sanitised by ``guard`` on the ``log`` channel, then exported.

    >>> exporter = RedactingSpanExporter(OTLPSpanExporter(), guard)  # doctest: +SKIP
    >>> provider.add_span_processor(BatchSpanProcessor(exporter))  # doctest: +SKIP
    """

    def __init__(
        self,
        inner: SpanExporter,
        guard: Guard,
        *,
        max_value_chars: int = scrub.MAX_VALUE_CHARS,
        max_items: int = scrub.MAX_ITEMS,
    ) -> None:
        self.inner = inner
        self.scrubber = Scrubber(guard, max_value_chars=max_value_chars, max_items=max_items)

    def __repr__(self) -> str:
        return f"RedactingSpanExporter({type(self.inner).__name__})"

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        out = [clean for span in spans if (clean := self.redact(span)) is not None]
        return self.inner.export(out)

    def redact(self, span: ReadableSpan) -> ReadableSpan | None:
        """A sanitised copy of ``span``: the span itself when there is nothing to clean, its
        values withheld when cleaning fails, None (not exported) when even that fails."""
        scope = span.instrumentation_scope
        if scope is not None and scope.name == n.INSTRUMENTATION_NAME:
            return span
        try:
            parts = _parts(span)
        except Exception as exc:  # an unreadable span is not exported at all
            log.warning("agentguard could not read a span: %s", type(exc).__name__)
            return None
        return self.scrubber.redact(span, parts, lambda clean: _rebuild(span, clean), "span")

    def shutdown(self) -> None:
        self.inner.shutdown()  # type: ignore[no-untyped-call,unused-ignore]

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        return self.inner.force_flush(timeout_millis)


def install_span_redaction(
    provider: TracerProvider, exporter: SpanExporter, guard: Guard, *, batch: bool = True
) -> SpanProcessor:
    """Add ``exporter`` to ``provider`` behind a :class:`RedactingSpanExporter`.

    The redaction runs in the processor's export path (a background thread with
    ``batch=True``), never on the application's request path. Exporters added to the
    provider some other way are not covered: route every exporter through this helper.
    """
    redacting = RedactingSpanExporter(exporter, guard)
    processor: SpanProcessor = (
        BatchSpanProcessor(redacting) if batch else SimpleSpanProcessor(redacting)
    )
    provider.add_span_processor(processor)
    return processor


def _parts(span: ReadableSpan) -> dict[str, Any]:
    """What of a span can carry content, as one payload (names are kept by index)."""
    record: dict[str, Any] = {"name": span.name, "attributes": dict(span.attributes or {})}
    if span.events:
        record["events"] = [
            {"name": e.name, "attributes": dict(e.attributes or {})} for e in span.events
        ]
    if span.links:
        record["links"] = [dict(link.attributes or {}) for link in span.links]
    if span.status.description:
        record["status"] = span.status.description
    return record


def _rebuild(span: ReadableSpan, clean: dict[str, Any]) -> ReadableSpan:
    events = clean.get("events") or []
    links = clean.get("links") or []
    status = span.status
    if status.description:
        status = Status(status.status_code, scrub.text(clean.get("status"), scrub.WITHHELD))
    return ReadableSpan(
        name=scrub.text(clean.get("name"), span.name),
        context=span.context,
        parent=span.parent,
        resource=span.resource,
        attributes=scrub.attributes(clean.get("attributes")),
        events=[
            Event(
                name=scrub.text(_get(events, i).get("name"), e.name),
                attributes=scrub.attributes(_get(events, i).get("attributes")),
                timestamp=e.timestamp,
            )
            for i, e in enumerate(span.events)
        ],
        links=[
            Link(link.context, scrub.attributes(_get(links, i)))
            for i, link in enumerate(span.links)
        ],
        kind=span.kind,
        status=status,
        start_time=span.start_time,
        end_time=span.end_time,
        instrumentation_scope=span.instrumentation_scope,
    )


def _get(items: Sequence[Any], i: int) -> Any:
    """The i-th cleaned part, or nothing (a reduction may have dropped it)."""
    item = items[i] if i < len(items) else None
    return item if isinstance(item, dict) else {}
