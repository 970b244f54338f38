"""``agentguard audit summary FILE…``: what the guard decided over a time range."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import TextIO

from agentguard.audit.summary import parse_time, summarize
from agentguard.cli.common import EXIT_OK, CliError


def run_summary(
    files: Sequence[str], since: str | None, until: str | None, fmt: str, out: TextIO
) -> int:
    try:
        start = parse_time(since) if since else None
        end = parse_time(until) if until else None
    except ValueError as exc:
        raise CliError(str(exc)) from None
    try:
        summary = summarize(files, start, end)
    except OSError as exc:
        raise CliError(f"{exc.filename}: cannot read audit log: {exc.strerror}") from None
    if fmt == "json":
        doc = {"since": _iso(start), "until": _iso(end), **summary.as_dict()}
        out.write(json.dumps(doc, indent=2) + "\n")
        return EXIT_OK
    out.write(
        f"{summary.decisions} decision(s), {summary.findings} finding(s)"
        f" from {summary.first or '-'} to {summary.last or '-'}\n"
    )
    if start or end:
        out.write(f"range: {_iso(start) or 'start'} .. {_iso(end) or 'now'}\n")
    for title, counts in (
        ("by decision", summary.by_decision),
        ("by channel", summary.by_channel),
        ("by kind", summary.by_kind),
        ("by action", summary.by_action),
        ("by policy version", summary.by_policy_version),
    ):
        _table(title, counts, out)
    if summary.skipped:
        out.write(f"skipped {summary.skipped} line(s) that are not audit records\n")
    return EXIT_OK


def _table(title: str, counts: Counter[str], out: TextIO) -> None:
    if not counts:
        return
    out.write(f"\n{title}:\n")
    width = max(len(k) for k in counts)
    for key, n in counts.most_common():
        out.write(f"  {key:<{width}}  {n}\n")


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t is not None else None
