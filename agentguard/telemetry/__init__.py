"""agentguard's telemetry: risk spans, GenAI operation spans, metrics, redacting exporters.

Names live in ``names.py``. The span and metric code needs only ``opentelemetry-api``; the
redacting exporters and :func:`configure` need the SDK (``pip install 'agentguard[otlp]'``)
and are imported on first use, so importing this package never requires it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agentguard.telemetry.bootstrap import Telemetry, configure
    from agentguard.telemetry.exporter import RedactingSpanExporter, install_span_redaction
    from agentguard.telemetry.log_exporter import RedactingLogExporter, install_log_redaction

__all__ = [
    "RedactingLogExporter",
    "RedactingSpanExporter",
    "Telemetry",
    "configure",
    "install_log_redaction",
    "install_span_redaction",
]

_LAZY = {
    "configure": "bootstrap",
    "Telemetry": "bootstrap",
    "RedactingSpanExporter": "exporter",
    "install_span_redaction": "exporter",
    "RedactingLogExporter": "log_exporter",
    "install_log_redaction": "log_exporter",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'agentguard.telemetry' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"agentguard.telemetry.{module}"), name)
