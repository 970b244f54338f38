"""Scrubbing application logs with the same engine, for logs that carry model output.

Logs are a reconstruction channel of their own: a verbose DEBUG line with a tool result
can hold what the guarded response did not. Two adapters, one core (``Guard.inspect`` on
the ``log`` channel):

* :class:`RedactingProcessor` — a structlog processor; put it after ``format_exc_info``
  and before the renderer.
* :class:`RedactingFilter` — a stdlib :class:`logging.Filter`; attach it to a handler.

A record the policy blocks is kept, with its message replaced by the policy's refusal, so
the fact that something was logged survives while the content does not.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any

from agentguard.findings import Channel
from agentguard.guard import Guard

#: LogRecord attributes that are bookkeeping, not content.
_RECORD_ATTRS = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()
    | {"message", "asctime", "taskName"}
)


class RedactingProcessor:
    """structlog processor: returns a sanitised copy of the event dict."""

    def __init__(self, guard: Guard | None = None) -> None:
        self.guard = guard or Guard()

    def __call__(self, logger: Any, method_name: str, event_dict: MutableMapping[str, Any]) -> Any:
        verdict = self.guard.inspect(dict(event_dict), channel=Channel.LOG)
        if verdict.blocked:
            return {"event": self.guard.policy.refusal, "agentguard.decision": "blocked"}
        return verdict.payload


class RedactingFilter(logging.Filter):
    """stdlib logging filter: scrubs the message, its arguments, extras and tracebacks."""

    def __init__(self, guard: Guard | None = None, name: str = "") -> None:
        super().__init__(name)
        self.guard = guard or Guard()

    def filter(self, record: logging.LogRecord) -> bool:
        if not super().filter(record):
            return False
        fields: dict[str, Any] = {"message": record.getMessage()}
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            fields["exc_text"] = record.exc_text
        if record.stack_info:
            fields["stack_info"] = record.stack_info
        extras = {k: v for k, v in vars(record).items() if k not in _RECORD_ATTRS}
        if extras:
            fields["extra"] = extras
        verdict = self.guard.inspect(fields, channel=Channel.LOG)
        if verdict.blocked:
            record.msg, record.args = self.guard.policy.refusal, None
            record.exc_info = record.exc_text = record.stack_info = None
            for key in extras:
                setattr(record, key, "[withheld]")
            return True
        if verdict.payload is fields:
            return True
        clean = verdict.payload
        record.msg, record.args = clean.get("message", ""), None
        if "exc_text" in fields:
            record.exc_text = clean.get("exc_text")
        if "stack_info" in fields:
            record.stack_info = clean.get("stack_info")
        for key, value in clean.get("extra", {}).items():
            setattr(record, key, value)
        for key in extras.keys() - clean.get("extra", {}).keys():  # dropped or renamed keys
            setattr(record, key, "[withheld]")
        return True
