"""Runnable, offline LangChain agents that leak, run without agentguard and with it.

One module per scenario, each with ``run(guarded: bool) -> Captured``:

- :mod:`examples.agents.support` — retrieval tool returns case notes with an API key, and
  hits with similarity scores, 384-dim embeddings and document metadata with a token;
- :mod:`examples.agents.research` — a research endpoint tool returns unrestricted scores and a
  token in a debug field;
- :mod:`examples.agents.exfiltration` — the model hands credentials to a tool as arguments;
- :mod:`examples.agents.healthcare` — a triage model tool returns every diagnosis with a
  seven-decimal confidence, and the model's answer carries token logprobs;
- :mod:`examples.agents.fraud` — a fraud model tool returns its full probability vector,
  logits and a bare output vector;
- :mod:`examples.agents.memorised` — a fine-tuned support model answers with a case note
  from its fine-tuning set, once verbatim, once paraphrased (the notes are canary records);
- and in every run, the structlog lines the app and its tools wrote (scrubbed when guarded).

``python -m examples.agents`` prints, per scenario and channel, what the agent and the logs
saw — secrets only as kinds and keyed fingerprints, never raw — and, for inversion signals
(embeddings, probabilities, logprobs, retrieval scores, metadata), how many were found and
what shape each had without agentguard and with it ("embedding dim=384 → [REDACTED:…]").
For memorised records: which record each answer reproduced and how (id and kind, never the
text), what the agent got instead, and the ``agentguard.inspect`` spans the run exported.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from agentguard import Guard
from agentguard.fingerprint import Fingerprinter
from agentguard.telemetry import names
from examples.agents import exfiltration, fraud, healthcare, memorised, research, support
from examples.agents._common import Captured

__all__ = ["SCENARIOS", "Captured", "Comparison", "compare", "main", "report"]

#: name -> run(guarded)
SCENARIOS: dict[str, Callable[[bool], Captured]] = {
    support.NAME: support.run,
    research.NAME: research.run,
    exfiltration.NAME: exfiltration.run,
    healthcare.NAME: healthcare.run,
    fraud.NAME: fraud.run,
}
if memorised.available():  # needs the `semantic` extra and the OpenTelemetry SDK
    SCENARIOS[memorised.NAME] = memorised.run

_MARKER = re.compile(r"\[REDACTED:([^\]\s]+)\]")
_SIGNAL = "inversion_signal/"


@dataclass(frozen=True)
class Comparison:
    name: str
    without: Captured
    with_guard: Captured


def compare() -> list[Comparison]:
    """Run every scenario twice: without agentguard, then with it (fresh secrets each run)."""
    return [Comparison(name, run(False), run(True)) for name, run in SCENARIOS.items()]


def _found(guard: Guard, text: str) -> str:
    """The secret kinds found in ``text`` (inversion signals have their own table)."""
    findings = guard.inspect(text, channel="tool_output").findings
    kinds = sorted({f.kind for f in findings if not f.kind.startswith(_SIGNAL)})
    return ", ".join(kinds) or "-"


def _redacted(text: str) -> str:
    return ", ".join(sorted(set(_MARKER.findall(text)))) or "-"


def _raw(names: list[str]) -> str:
    return f"yes ({len(names)})" if names else "no"


# --- inversion signals -----------------------------------------------------------------

_STEP = re.compile(r"\.([A-Za-z_]\w*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|(\[\?\])")
_DECIMALS = re.compile(r"\d\.(\d+)")
_MISSING = object()


def _views(cap: Captured) -> dict[str, Any]:
    """The structured value behind each channel (checkpoints repeat the state: left out)."""
    return {
        "final messages": cap.messages,
        "agent state": cap.state,
        "tool received": cap.tool_saw,
        "logs": cap.logs,
    }


def _resolve(value: Any, path: str) -> Any:
    """The value at a finding's ``path`` (``$.messages[2].content.scores``), reading JSON text
    and message objects on the way; ``_MISSING`` where the guarded run has nothing there."""
    pos = 1
    while pos < len(path):
        m = _STEP.match(path, pos)
        if m is None or m.group(4):
            return _MISSING
        pos = m.end()
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return _MISSING
        key: Any = m.group(1) or m.group(3)
        if m.group(2) is not None:
            index = int(m.group(2))
            if not isinstance(value, list | tuple) or index >= len(value):
                return _MISSING
            value = value[index]
        elif isinstance(value, dict):
            value = value.get(key, _MISSING)
        else:
            value = getattr(value, key, _MISSING)
        if value is _MISSING:
            return _MISSING
    return value


def _decimals(values: Sequence[Any]) -> int:
    return max((len(d) for v in values for d in _DECIMALS.findall(repr(v))), default=0)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _dec(values: Sequence[Any]) -> str:
    return _plural(_decimals(values), "decimal")


def _shape(value: Any) -> str:
    """What a signal looked like, as a shape (dimension, labels, decimals): never its numbers."""
    if value is _MISSING or value is None:
        return "dropped"
    if isinstance(value, str):
        marker = re.search(r"\[REDACTED:embedding[^\]]*\]", value)
        if marker:
            return marker.group()
        return f"numbers in text at {_dec([value])}"
    if isinstance(value, float):
        return f"a number at {_dec([value])}"
    if isinstance(value, dict) and value and all(type(v) is float for v in value.values()):
        return f"{_plural(len(value), 'label')} at {_dec(list(value.values()))}"
    if isinstance(value, list) and value and all(type(v) is float for v in value):
        if len(value) >= 32:
            return f"embedding dim={len(value)}"
        nonzero = sum(v != 0 for v in value)
        kept = f", {nonzero} nonzero" if nonzero < len(value) else ""
        return f"{len(value)} values{kept} at {_dec(value)}"
    if isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
        scores = [v for r in value for v in r.values() if type(v) is float]
        if len(scores) == len(value):
            return f"{_plural(len(value), 'label')} at {_dec(scores)}"
    if isinstance(value, dict):
        keys = ", ".join(map(str, value)) if len(value) <= 3 else ""
        return f"{_plural(len(value), 'key')}" + (f" ({keys})" if keys else "")
    return "present"


def signal_rows(comp: Comparison, guard: Guard | None = None) -> list[tuple[str, str, str]]:
    """Per channel: the inversion signals found without agentguard (count per kind), and what
    a fresh inspection still finds in the guarded run."""
    guard = guard or Guard()
    bare, guarded = _views(comp.without), _views(comp.with_guard)
    rows = []
    for channel, value in bare.items():
        before = _signal_counts(guard, value)
        after = _signal_counts(guard, guarded[channel])
        rows.append((channel, before or "-", after or ("none left" if before else "-")))
    return rows


def _signal_counts(guard: Guard, value: Any) -> str:
    kinds = Counter(
        f.kind.removeprefix(_SIGNAL)
        for f in guard.inspect(value, channel="tool_output").findings
        if f.kind.startswith(_SIGNAL)
    )
    return ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))


def signal_changes(comp: Comparison, guard: Guard | None = None) -> list[str]:
    """Each distinct change a signal went through, as shapes: ``kind: before → after (n)``."""
    guard = guard or Guard()
    bare, guarded = _views(comp.without), _views(comp.with_guard)
    changes: Counter[tuple[str, str, str]] = Counter()
    for channel, value in bare.items():
        for f in guard.inspect(value, channel="tool_output").findings:
            if not f.kind.startswith(_SIGNAL):
                continue
            before = _resolve(value, f.path)
            if before is _MISSING:
                continue
            after = _resolve(guarded[channel], f.path)
            kind = f.kind.removeprefix(_SIGNAL)
            what = "present" if kind == "logprobs" else _shape(before)
            field = re.findall(r"\.(\w+)", f.path)[-1:] or ["$"]
            label = kind if field[0] in (kind, "$") else f"{kind} ({field[0]})"
            changes[label, what, _shape(after)] += 1
    return [
        f"{kind}: {before} → {after}" + (f"  (x{n})" if n > 1 else "")
        for (kind, before, after), n in sorted(changes.items())
    ]


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
        if comp.name == memorised.NAME:
            out.extend(_memorised_block(comp))
            out.append("")
            continue
        if not comp.with_guard.secrets:
            out.append("   planted: no credential (inversion signals only)")
        for label, value in comp.with_guard.secrets.items():
            kind = _found(guard, value)
            kind = "(detected in context only)" if kind == "-" else kind
            out.append(f"   planted: {label}: {kind}  fp={fp(value)}")
        if not comp.with_guard.secrets:
            out.extend(_signal_block(comp, guard)[1:])
            out.append("")
            continue
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
        out.extend(_signal_block(comp, guard))
        out.append("")
    text = "\n".join(out)
    for comp in comparisons:  # last line of defence: never print a planted value
        for cap in (comp.without, comp.with_guard):
            for value in cap.secrets.values():
                text = text.replace(value, "[hidden]")
    if any(comp.name == memorised.NAME for comp in comparisons):
        for record in memorised.RECORDS.values():  # nor a memorised record
            text = text.replace(record, "[hidden]")
    return text + "\n"


# --- memorised records -----------------------------------------------------------------

_HOW = {
    "verbatim": "reproduced verbatim",
    "near_verbatim": "reproduced nearly verbatim",
    "semantic": "paraphrased",
}
_REFUSAL = re.compile(r"^\[agentguard\] (.+?) withheld .*\(finding kinds: ([^)]*)\)")
#: What observability teams get on each span and finding event (never the record's text).
SPAN_ATTRIBUTES = (names.ATTR_CHANNEL, names.ATTR_DECISION)
EVENT_ATTRIBUTES = (names.EV_KIND, names.EV_RULE, names.EV_TECHNIQUE, names.EV_FINGERPRINT)
EVALUATION_ATTRIBUTES = (names.EVAL_NAME, names.EVAL_LABEL, names.EVAL_SCORE)


def _answers(cap: Captured) -> list[str]:
    return [m.content for m in cap.messages if m.type == "ai" and isinstance(m.content, str)]


def _memorised_block(comp: Comparison) -> list[str]:
    """Per answer: the record the user would have seen (id and kind) and what they got;
    per channel: whether a record's ticket id got there; then the exported spans."""
    out = [f"   fine-tuning records registered as canaries: {len(memorised.RECORDS)} case notes"]
    leaks = memorised.detect(comp.without.messages)
    rows: list[tuple[str, ...]] = [("answer", "without agentguard", "with agentguard")]
    for n, answer in enumerate(_answers(comp.with_guard), 1):
        seen = [f"record {x.record} {_HOW.get(x.kind, x.kind)}" for x in leaks if x.answer == n]
        refused = _REFUSAL.match(answer)
        got = f"blocked, refusal ({refused.group(2)})" if refused else "answer passed"
        rows.append((str(n), "; ".join(seen) or "no record", got))
    rows.append(("", "", ""))
    rows.append(("channel", "records there (without)", "records there (with)"))
    bare, guarded = memorised.exposed(comp.without), memorised.exposed(comp.with_guard)
    for channel in bare:
        rows.append((channel, ", ".join(bare[channel]) or "-", ", ".join(guarded[channel]) or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for row in rows:
        line = "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        out.append(("   " + line) if line else "")
    out.append("")
    out.append(f"   spans exported with agentguard: {len(comp.with_guard.spans)}")
    for span in comp.with_guard.spans:
        attrs = dict(span.attributes or {})
        if span.name != names.SPAN_INSPECT:  # a GenAI operation span around the model call
            op = names.GENAI_OPERATION_NAME
            out.append(f"   {span.name}  {op}={attrs.get(op)}")
            continue
        out.append(
            f"   {span.name}  " + "  ".join(f"{k}={attrs.get(k, '-')}" for k in SPAN_ATTRIBUTES)
        )
        events: Counter[str] = Counter()
        for event in span.events:
            ev = dict(event.attributes or {})
            keys = EVENT_ATTRIBUTES if event.name == names.EVENT_FINDING else EVALUATION_ATTRIBUTES
            events[f"{event.name}  " + "  ".join(f"{k}={ev.get(k, '-')}" for k in keys)] += 1
        for line, n in events.items():
            out.append(f"     {line}" + (f"  (x{n})" if n > 1 else ""))
    return out


SIGNAL_HEADERS = ("inversion signals", "found (without)", "left (with)")


def _signal_block(comp: Comparison, guard: Guard) -> list[str]:
    rows = signal_rows(comp, guard)
    if all(before == "-" for _, before, _ in rows):
        return ["   inversion signals: none"]
    table = [SIGNAL_HEADERS, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(SIGNAL_HEADERS))]
    lines = [
        "   " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]
    changes = signal_changes(comp, guard)
    for n, change in enumerate(changes):
        lines.append(("   reduced: " if n == 0 else "            ") + change)
    return ["", *lines]


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
