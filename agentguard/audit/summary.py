"""Reading an audit trail back: counts by kind, channel, action and decision over a time
range, for the periodic review a compliance programme (NIST AI RMF MEASURE) asks for."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from agentguard.audit.log import SCHEMA

_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


@dataclass
class Summary:
    decisions: int = 0
    findings: int = 0
    first: str | None = None
    last: str | None = None
    by_kind: Counter[str] = field(default_factory=Counter)
    by_channel: Counter[str] = field(default_factory=Counter)
    by_action: Counter[str] = field(default_factory=Counter)
    by_decision: Counter[str] = field(default_factory=Counter)
    by_policy_version: Counter[str] = field(default_factory=Counter)
    #: Lines that were not audit records (a torn last line, another file's lines).
    skipped: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "decisions": self.decisions,
            "findings": self.findings,
            "first": self.first,
            "last": self.last,
            "by_kind": dict(self.by_kind.most_common()),
            "by_channel": dict(self.by_channel.most_common()),
            "by_action": dict(self.by_action.most_common()),
            "by_decision": dict(self.by_decision.most_common()),
            "by_policy_version": dict(self.by_policy_version.most_common()),
            "skipped": self.skipped,
        }


def parse_time(value: str, now: datetime | None = None) -> datetime:
    """An ISO 8601 time (naive means UTC), or an age like ``30m``, ``24h``, ``7d``."""
    now = now or datetime.now(UTC)
    m = _AGE.match(value)
    if m:
        return now - timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2)])
    try:
        t = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"not a time or an age: {value!r} (use ISO 8601, or 30m, 24h, 7d)"
        ) from None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def read_records(
    paths: Iterable[str | Path], summary: Summary | None = None
) -> Iterator[dict[str, Any]]:
    """Every audit record in ``paths``; unreadable lines are counted in ``summary.skipped``."""
    for path in paths:
        with open(path, "rb") as fh:
            for raw in fh:
                try:
                    rec = json.loads(raw)
                except (ValueError, UnicodeDecodeError):
                    rec = None
                if not isinstance(rec, dict) or rec.get("v") != SCHEMA or "ts" not in rec:
                    if raw.strip() and summary is not None:
                        summary.skipped += 1
                    continue
                yield rec


def summarize(
    paths: Iterable[str | Path], since: datetime | None = None, until: datetime | None = None
) -> Summary:
    out = Summary()
    for rec in read_records(paths, out):
        try:
            ts = parse_time(str(rec["ts"]))
        except ValueError:
            out.skipped += 1
            continue
        if (since is not None and ts < since) or (until is not None and ts >= until):
            continue
        out.decisions += 1
        out.by_channel[str(rec.get("channel"))] += 1
        out.by_decision[str(rec.get("decision"))] += 1
        out.by_policy_version[str(rec.get("policy_version"))] += 1
        iso = ts.isoformat()
        out.first = iso if out.first is None or iso < out.first else out.first
        out.last = iso if out.last is None or iso > out.last else out.last
        for f in rec.get("findings") or ():
            if isinstance(f, dict):
                out.findings += 1
                out.by_kind[str(f.get("kind"))] += 1
                out.by_action[str(f.get("action"))] += 1
    return out
