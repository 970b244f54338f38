"""Runnable, offline LangChain agents that leak, run without agentguard and with it.

One module per scenario, each with ``run(guarded: bool) -> Captured``:

- :mod:`examples.agents.support` — retrieval tool returns case notes with an API key and
  document metadata with a token and an ``embedding``;
- :mod:`examples.agents.research` — a research endpoint tool returns unrestricted scores and a
  token in a debug field;
- :mod:`examples.agents.exfiltration` — the model hands credentials to a tool as arguments;
- and in every run, the structlog lines the app and its tools wrote (scrubbed when guarded).

``python -m examples.agents`` prints, per scenario and channel, what the agent and the logs
saw — secrets only as kinds and keyed fingerprints, never raw.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from agentguard import Guard
from agentguard.fingerprint import Fingerprinter
from examples.agents import exfiltration, research, support
from examples.agents._common import Captured

__all__ = ["SCENARIOS", "Captured", "Comparison", "compare", "main", "report"]

#: name -> run(guarded)
SCENARIOS: dict[str, Callable[[bool], Captured]] = {
    support.NAME: support.run,
    research.NAME: research.run,
    exfiltration.NAME: exfiltration.run,
}

_MARKER = re.compile(r"\[REDACTED:([^\]\s]+)\]")


@dataclass(frozen=True)
class Comparison:
    name: str
    without: Captured
    with_guard: Captured


def compare() -> list[Comparison]:
    """Run every scenario twice: without agentguard, then with it (fresh secrets each run)."""
    return [Comparison(name, run(False), run(True)) for name, run in SCENARIOS.items()]


def _found(guard: Guard, text: str) -> str:
    kinds = sorted({f.kind for f in guard.inspect(text, channel="tool_output").findings})
    return ", ".join(kinds) or "-"


def _redacted(text: str) -> str:
    return ", ".join(sorted(set(_MARKER.findall(text)))) or "-"


def _raw(names: list[str]) -> str:
    return f"yes ({len(names)})" if names else "no"


HEADERS = ("channel", "raw secret", "found (without)", "raw secret", "redacted (with)")


def report(comparisons: Sequence[Comparison]) -> str:
    """The per-scenario, per-channel table. Secrets appear only as kinds and fingerprints."""
    guard, fp = Guard(), Fingerprinter()
    out = [
        "agentguard agent examples: each scripted agent run without agentguard, then with it",
        "(secrets are generated at random per run and shown only as kind + keyed fingerprint)",
        "",
    ]
    for comp in comparisons:
        out.append(f"== {comp.name}")
        for label, value in comp.with_guard.secrets.items():
            kind = _found(guard, value)
            kind = "(detected in context only)" if kind == "-" else kind
            out.append(f"   planted: {label}: {kind}  fp={fp(value)}")
        rows: list[tuple[str, ...]] = [HEADERS]
        bare, guarded = comp.without.channels(), comp.with_guard.channels()
        bare_leaks, guarded_leaks = comp.without.leaks(), comp.with_guard.leaks()
        for channel in bare:
            rows.append(
                (
                    channel,
                    _raw(bare_leaks[channel]),
                    _found(guard, bare[channel]),
                    _raw(guarded_leaks[channel]),
                    _redacted(guarded[channel]),
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(HEADERS))]
        out.append(
            "   "
            + " " * (widths[0] + 2)
            + "without agentguard".ljust(widths[1] + widths[2] + 4)
            + "with agentguard"
        )
        for row in rows:
            out.append(
                "   " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            )
        out.append("")
    text = "\n".join(out)
    for comp in comparisons:  # last line of defence: never print a planted value
        for cap in (comp.without, comp.with_guard):
            for value in cap.secrets.values():
                text = text.replace(value, "[hidden]")
    return text + "\n"


def leaked(comparisons: Sequence[Comparison]) -> bool:
    """Whether any guarded run let a planted secret through anywhere."""
    return any(any(c.with_guard.leaks().values()) for c in comparisons)


def main() -> int:
    comparisons = compare()
    print(report(comparisons), end="")
    if leaked(comparisons):
        print("agentguard let a planted secret through in a guarded run")
        return 1
    return 0
