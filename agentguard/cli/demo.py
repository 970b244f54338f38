"""``agentguard demo``: play a few agent exchanges through the guard, offline, and show
what it found and what the caller received.

The credentials are generated at run time from random characters in each provider's
format, so no real-looking secret is committed and every run differs. They are still
treated as secrets: the table prints only the sanitised payload, and a last check hides
(and flags as ``MISSED``) any planted value the guard let through, so the demo can never
display one raw, even under a policy that only alerts.
"""

from __future__ import annotations

import base64
import importlib
import json
import secrets
import string
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from agentguard.findings import Channel, Decision
from agentguard.guard import Guard

B62 = string.ascii_letters + string.digits
#: The sanitised payload is shown wrapped to this width, on at most SHOW_LINES lines.
SHOW_WIDTH = 64
SHOW_LINES = 4
HIDDEN = "[hidden by demo]"


@dataclass(frozen=True, slots=True)
class Exchange:
    """One payload crossing the guard, and the planted values it must not let through."""

    source: str
    channel: Channel
    payload: Any
    planted: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Row:
    source: str
    channel: str
    kinds: tuple[str, ...]
    decision: str
    received: tuple[str, ...]
    planted: int
    missed: int


def _pick(alphabet: str, n: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(n))


def _b64url(obj: dict[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def traffic() -> list[Exchange]:
    """Fresh demo traffic: four leaky exchanges and one clean one."""
    key_id = "AKIA" + _pick(string.ascii_uppercase + "234567", 16)
    secret_key = _pick(B62 + "+/", 40)
    db_password = _pick(B62, 20)
    github = "ghp_" + _pick(B62, 36)
    claims = {"sub": _pick(string.digits, 8), "scope": "orders:read"}
    jwt = f"{_b64url({'alg': 'HS256', 'typ': 'JWT'})}.{_b64url(claims)}.{_pick(B62 + '-_', 43)}"
    bearer = _pick(B62, 40)
    return [
        Exchange(
            "tool get_deploy_config",
            Channel.TOOL_OUTPUT,
            {
                "region": "eu-west-1",
                "aws_access_key_id": key_id,
                "aws_secret_access_key": secret_key,
                "database_url": f"postgres://orders:{db_password}@db.internal:5432/orders",
            },
            (key_id, secret_key, db_password),
        ),
        Exchange(
            "retrieval wiki/ci.md",
            Channel.RETRIEVAL,
            f"CI setup: the release job clones with {github} (rotate quarterly).",
            (github,),
        ),
        Exchange(
            "model answer",
            Channel.MODEL_OUTPUT,
            f"Sure! Call the API with this session token: {jwt}",
            (jwt,),
        ),
        Exchange(
            "http access log",
            Channel.LOG,
            f"GET /v1/orders 200 12ms headers={{Authorization: Bearer {bearer}}}",
            (bearer,),
        ),
        Exchange(
            "tool get_weather",
            Channel.TOOL_OUTPUT,
            {"city": "Lisbon", "temp_c": 21, "sky": "clear"},
            (),
        ),
    ]


def play(guard: Guard, exchanges: Sequence[Exchange]) -> list[Row]:
    """Inspect each exchange as the agent's middleware would, and summarise the outcome."""
    rows = []
    for ex in exchanges:
        verdict = guard.inspect(ex.payload, channel=ex.channel)
        decision = verdict.decision.value
        if verdict.blocked:
            raises = guard.policy.on_block == "raise"
            received = "GuardBlocked raised" if raises else _text(verdict.payload)
        else:
            received = _text(verdict.payload)
            if verdict.decision is Decision.ALLOWED and verdict.payload is ex.payload:
                decision += " (unchanged)"
        leaked = [p for p in ex.planted if p in received]
        for value in leaked:
            received = received.replace(value, HIDDEN)
        if leaked:
            decision = f"MISSED {len(leaked)}! " + decision
        kinds = tuple(sorted({f.kind for f in verdict.findings}))
        shown = _shorten(received)
        rows.append(
            Row(ex.source, ex.channel.value, kinds, decision, shown, len(ex.planted), len(leaked))
        )
    return rows


def _text(payload: Any) -> str:
    if isinstance(payload, str):
        return payload
    return json.dumps(payload, ensure_ascii=False, default=str)


def _shorten(text: str) -> tuple[str, ...]:
    lines = textwrap.wrap(text, SHOW_WIDTH, break_on_hyphens=False) or [""]
    if len(lines) > SHOW_LINES:
        lines = [*lines[: SHOW_LINES - 1], lines[SHOW_LINES - 1][: SHOW_WIDTH - 3] + "..."]
    return tuple(lines)


HEADERS = ("source", "channel", "found", "decision", "caller received")


def table(rows: Sequence[Row]) -> str:
    """A plain-text table; finding kinds take a line each and the payload wraps."""
    lines: list[tuple[str, ...]] = []
    for n, row in enumerate(rows):
        if n:
            lines.append(("",) * len(HEADERS))  # a blank line between exchanges
        kinds = row.kinds or ("-",)
        for i in range(max(len(kinds), len(row.received))):
            first = (row.source, row.channel) if i == 0 else ("", "")
            kind = kinds[i] if i < len(kinds) else ""
            decision = row.decision if i == 0 else ""
            received = row.received[i] if i < len(row.received) else ""
            lines.append((*first, kind, decision, received))
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(HEADERS)]

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(HEADERS), rule, *(fmt(line) for line in lines)]) + "\n"


def render(policy_name: str, rows: Sequence[Row]) -> str:
    leaky = [row for row in rows if row.planted]
    caught = sum(not row.missed for row in leaky)
    intro = (
        f"agentguard demo: {len(rows)} agent exchanges through policy {policy_name!r} "
        "(credentials generated at random for this run)\n\n"
    )
    outro = f"\n{caught} of {len(leaky)} exchanges carrying credentials were fully caught"
    if caught < len(leaky):
        outro += f"; values the guard missed are shown as {HIDDEN}"
    return intro + table(rows) + outro + ".\n"


def run_demo(guard: Guard, out: TextIO, exchanges: Sequence[Exchange] | None = None) -> int:
    """Print the demo; exit status 1 if the guard let a planted credential through."""
    rows = play(guard, traffic() if exchanges is None else exchanges)
    out.write(render(guard.policy.name, rows))
    return 1 if any(row.missed for row in rows) else 0


#: The example agents ``agentguard demo --agents`` runs (``examples/agents`` in the repository).
AGENTS_MODULE = "examples.agents"


def _load_agents() -> ModuleType:
    """Import LangChain and the example agents; from a source checkout, find them by path.

    Raises :class:`ImportError` when LangChain is missing or the examples are not there (an
    installed package ships without them).
    """
    importlib.import_module("langchain.agents")
    try:
        return importlib.import_module(AGENTS_MODULE)
    except ImportError as exc:
        root = Path(__file__).resolve().parents[2]
        if (
            exc.name not in ("examples", AGENTS_MODULE)
            or not (root / "examples" / "agents" / "__init__.py").is_file()
        ):
            raise
        sys.path.append(str(root))
        return importlib.import_module(AGENTS_MODULE)


def run_agents_demo(out: TextIO) -> int:
    """``agentguard demo --agents``: run the example LangChain agents without and with the
    guard and print, per scenario and channel, whether a planted secret was seen raw and which
    kinds were found or redacted, and the inversion signals found (embeddings, probabilities,
    logprobs, retrieval scores, metadata) with their shape before and after. Exit 1 if a
    guarded run let a planted secret through; exit 0 with a one-line note when LangChain or
    the examples cannot be imported."""
    try:
        agents = _load_agents()
    except ImportError as exc:
        what = exc.name or "a module"
        out.write(
            f"agentguard demo --agents: cannot import {what}; it needs LangChain "
            "(pip install 'agentguard[langchain]') and a source checkout with examples/agents.\n"
        )
        return 0
    comparisons = agents.compare()
    out.write(agents.report(comparisons))
    return 1 if agents.leaked(comparisons) else 0
