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


def run_demo(
    guard: Guard,
    out: TextIO,
    exchanges: Sequence[Exchange] | None = None,
    probing: bool = True,
) -> int:
    """Print the demo, then (``probing``) the fraud-model sweep; exit status 1 if the guard
    let a planted credential through or the probing scenario went wrong."""
    rows = play(guard, traffic() if exchanges is None else exchanges)
    out.write(render(guard.policy.name, rows))
    status = 1 if any(row.missed for row in rows) else 0
    if probing and guard.policy.probing.enabled:
        out.write("\n")
        status = max(status, run_probing_demo(guard, out))
    return status


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


# --- probing: a fraud model swept feature by feature ------------------------------------

FRAUD_TOOL = "fraud_score"
ATTACKER = "key-7731"
HONEST = "key-merchant-app"
#: The features the attacker walks, one after another, and the steps it takes.
SWEEPS: tuple[tuple[str, tuple[float, ...]], ...] = (
    ("amount", tuple(float(50 * i) for i in range(1, 11))),
    ("account_age_days", tuple(float(30 * i) for i in range(1, 11))),
)
BASE_TRANSACTION: dict[str, Any] = {
    "amount": 120.0,
    "account_age_days": 400.0,
    "hour": 14,
    "country": "PT",
    "channel": "web",
}


def fraud_model(args: dict[str, Any]) -> dict[str, Any]:
    """A toy fraud model with the inversion-prone output of a real one: a decision and the
    full class-probability vector at seven decimals."""
    z = (
        0.004 * float(args.get("amount", 0))
        - 0.003 * float(args.get("account_age_days", 0))
        + 0.05 * abs(int(args.get("hour", 12)) - 14)
    )
    fraud = 1 / (1 + 2.718281828 ** -(z - 1.0))
    chargeback = (1 - fraud) * 0.04
    probs = {
        "legit": round(1 - fraud - chargeback, 7),
        "fraud": round(fraud, 7),
        "chargeback": round(chargeback, 7),
    }
    decision = "decline" if fraud > 0.5 else "review" if fraud > 0.2 else "approve"
    return {"decision": decision, "class_probabilities": probs}


@dataclass(frozen=True, slots=True)
class ProbeRow:
    principal: str
    query: int
    varied: str
    found: tuple[str, ...]
    received: str
    scored: bool  # the caller got probabilities, not just a label


def probe_traffic() -> list[tuple[str, str, dict[str, Any]]]:
    """(principal, feature varied, tool arguments): the attacker's sweeps interleaved with
    an honest merchant app scoring its own, unrelated transactions through the same tool."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    honest = [
        {"amount": a, "account_age_days": d, "hour": h, "country": c, "channel": ch}
        for a, d, h, c, ch in (
            (42.9, 812.0, 9, "PT", "app"),
            (310.0, 35.0, 22, "ES", "web"),
            (18.5, 1460.0, 13, "FR", "pos"),
            (77.2, 220.0, 18, "PT", "web"),
            (1250.0, 3.0, 2, "BR", "web"),
            (64.0, 640.0, 11, "DE", "app"),
            (9.99, 95.0, 20, "PT", "pos"),
            (530.0, 2100.0, 16, "NL", "web"),
        )
    ]
    k = 0
    for feature, values in SWEEPS:
        for v in values:
            args = dict(BASE_TRANSACTION)
            args[feature] = v
            out.append((ATTACKER, feature, args))
            if k % 3 == 2 and honest:
                out.append((HONEST, "-", honest.pop(0)))
            k += 1
    out.extend((HONEST, "-", h) for h in honest)
    return out


def _vector_shape(payload: Any) -> tuple[str, bool]:
    probs = payload.get("class_probabilities") if isinstance(payload, dict) else None
    if isinstance(probs, dict) and probs:
        shown = ", ".join(f"{k} {v}" for k, v in probs.items())
        return f"scores: {shown}", True
    if isinstance(probs, str):
        return f"label only: {probs}", False
    return "no scores", False


def play_probing(policy: Any) -> list[ProbeRow]:
    """Each principal's call and the model's answer through a guard whose probing action is
    ``degrade`` (the rest of ``policy`` as given), as the tool middleware would."""
    from agentguard.findings import Action

    strict = policy.model_copy(update={"actions": {**policy.actions, "probing": Action.DEGRADE}})
    guard = Guard(strict)
    rows = []
    seen: dict[str, int] = {}
    for principal, varied, args in probe_traffic():
        seen[principal] = seen.get(principal, 0) + 1
        call = {"tool": FRAUD_TOOL, "args": args}
        asked = guard.inspect(call, channel=Channel.TOOL_INPUT, principal=principal)
        answer = guard.sanitize(fraud_model(args), Channel.TOOL_OUTPUT, principal=principal)
        received, scored = _vector_shape(answer)
        found = tuple(sorted({f.kind for f in asked.findings if f.kind.startswith("probing/")}))
        rows.append(ProbeRow(principal, seen[principal], varied, found, received, scored))
    return rows


def render_probing(rows: Sequence[ProbeRow]) -> str:
    head = ("principal", "#", "varied", "found", "what the caller received")
    lines = [head] + [
        (r.principal, str(r.query), r.varied, ", ".join(r.found) or "-", r.received) for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    first = next((r for r in rows if r.principal == ATTACKER and r.found), None)
    body = [fmt(lines[0]), "  ".join("-" * w for w in widths), *(fmt(x) for x in lines[1:])]
    intro = (
        f"Probing: {ATTACKER} sweeps the {FRAUD_TOOL} tool one feature at a time while "
        f"{HONEST} scores its own transactions through the same tool\n"
        '(policy as given, with [actions] probing = "degrade")\n\n'
    )
    if first is None:
        outro = f"\n{ATTACKER} was never flagged.\n"
    else:
        outro = (
            f"\n{ATTACKER} was flagged at its query {first.query} ({', '.join(first.found)}); "
            "from then on it gets the label only, while "
            f"{HONEST} keeps the scores the policy allows.\n"
        )
    return intro + "\n".join(body) + "\n" + outro


def probing_ok(rows: Sequence[ProbeRow]) -> bool:
    """The attacker is flagged within 20 queries and degraded from then on; the honest
    principal is never flagged and always gets its scores."""
    attack = [r for r in rows if r.principal == ATTACKER]
    first = next((i for i, r in enumerate(attack) if r.found), None)
    if first is None or first >= 20:
        return False
    honest = [r for r in rows if r.principal == HONEST]
    return (
        all(not r.scored for r in attack[first:])
        and all(r.scored for r in attack[:first])
        and all(not r.found and r.scored for r in honest)
    )


def run_probing_demo(guard: Guard, out: TextIO) -> int:
    """Print the probing scenario; exit status 1 if the attacker went undetected or kept its
    probability vector, or the honest principal was flagged or lost its scores."""
    rows = play_probing(guard.policy)
    out.write(render_probing(rows))
    return 0 if probing_ok(rows) else 1
