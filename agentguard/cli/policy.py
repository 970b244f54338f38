"""``agentguard policy check | explain | test``: a policy's layers, before they ship.

``check`` is for CI (every problem with file, line and field; exit 1 when there is one),
``explain`` shows the effective policy and which layer set each value, ``test`` shows
what the effective policy does to a sample payload. None of them prints
``fingerprint_key`` or a raw finding: values found in a sample appear only as kinds and
fingerprints, and the sanitised sample is the guard's own output.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from agentguard.actions import REWRITING
from agentguard.cli.common import EXIT_FINDINGS, EXIT_OK, CliError
from agentguard.errors import PolicyError
from agentguard.findings import Action, Channel, Decision
from agentguard.guard import Guard
from agentguard.policy.layers import (
    DEFAULT_SOURCE,
    LayeredPolicy,
    PolicyLayerError,
    Problem,
    flatten_policy,
    load_layers,
)

#: ``policy check`` / ``policy test --expect`` found the policy invalid or not as expected.
EXIT_INVALID = EXIT_FINDINGS


def run_check(files: Sequence[str], fmt: str, out: TextIO) -> int:
    """Validate the layers in order, detectors included; every problem is reported."""
    try:
        layered = _load(files)
    except PolicyLayerError as exc:
        return _problems(exc.problems, fmt, out)
    if fmt == "json":
        doc = {
            "valid": True,
            "files": layered.files,
            "version": layered.version,
            "name": layered.policy.name,
            "problems": [],
        }
        out.write(json.dumps(doc, indent=2) + "\n")
    else:
        out.write(
            f"ok: {len(layered.files)} file(s), policy {layered.policy.name!r} "
            f"version {layered.version}, {len(layered.locks())} lock(s)\n"
        )
    return EXIT_OK


def run_explain(files: Sequence[str], fmt: str, out: TextIO) -> int:
    """Each effective value and the layer that set it (``<built-in default>`` otherwise)."""
    layered = _load(files)
    rows = [
        (".".join(_quote(p) for p in path), value, layered.source_of(path))
        for path, value in flatten_policy(layered.policy)
    ]
    locks = layered.locks()
    if fmt == "json":
        doc = {
            "files": layered.files,
            "version": layered.version,
            "values": [{"field": f, "value": v, "source": s} for f, v, s in rows],
            "locks": [{"file": f, "kind": k, "entry": e} for f, k, e in locks],
        }
        out.write(json.dumps(doc, indent=2, default=str) + "\n")
        return EXIT_OK
    out.write(f"# policy {layered.policy.name!r} version {layered.version}\n")
    out.write(f"# layers: {', '.join(layered.files) or DEFAULT_SOURCE}\n")
    for f, k, e in locks:
        out.write(f"# lock.{k} {e!r} by {f}\n")
    width = max(len(r[0]) for r in rows)
    for name, value, source in rows:
        out.write(f"{name:<{width}} = {json.dumps(value, default=str)}  # {source}\n")
    return EXIT_OK


def run_test(
    files: Sequence[str],
    channel: Channel,
    sample: str,
    *,
    as_json: bool,
    principal: str | None,
    expect: str | None,
    fmt: str,
    out: TextIO,
) -> int:
    """Run ``sample`` through a guard with the effective policy, once, and report it."""
    layered = _load(files)
    guard = Guard(layered.policy)
    payload: Any = _read_sample(sample)
    if as_json:
        try:
            payload = json.loads(payload)
        except json.JSONDecodeError as exc:
            raise CliError(
                f"--json: the sample is not JSON ({exc.msg}, line {exc.lineno})"
            ) from None
    verdict = guard.inspect(payload, channel, principal)
    findings = [
        {
            "kind": f.kind,
            "action": f.action.value,
            "rule": f.rule,
            "path": f.path,
            "fingerprint": f.fingerprint,
        }
        for f in verdict.findings
    ]
    # A value the policy only alerts on passes through raw: this output does not repeat it.
    kept = [f for f in verdict.findings if f.action not in REWRITING | {Action.BLOCK}]
    result = verdict.payload if not kept else None
    withheld = (
        f"not shown: {len(kept)} finding(s) pass through unchanged "
        f"({', '.join(sorted({f.action.value for f in kept}))})"
        if kept
        else None
    )
    if fmt == "json":
        doc = {
            "channel": channel.value,
            "decision": verdict.decision.value,
            "reason": verdict.reason,
            "version": layered.version,
            "findings": findings,
            "payload": result,
            "payload_withheld": withheld,
        }
        out.write(json.dumps(doc, indent=2, default=repr) + "\n")
    else:
        out.write(
            f"decision: {verdict.decision.value} on {channel.value} "
            f"(policy version {layered.version})\n"
        )
        if verdict.reason:
            out.write(f"reason: {verdict.reason}\n")
        for f in findings:
            out.write(
                f"finding: {f['kind']} at {f['path']} -> {f['action']} "
                f"(rule {f['rule']}, fingerprint {f['fingerprint']})\n"
            )
        shown = result if isinstance(result, str) else json.dumps(result, default=repr)
        out.write(f"payload: {withheld or shown}\n")
    if expect is not None and verdict.decision is not Decision(expect):
        print(f"agentguard: expected {expect}, got {verdict.decision.value}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _load(files: Sequence[str]) -> LayeredPolicy:
    layered = load_layers(files)
    try:
        Guard(layered.policy)  # detectors too: a name nobody registered is an error here
    except PolicyLayerError:
        raise
    except PolicyError as exc:
        raise PolicyLayerError([_detector_problem(layered, str(exc))]) from None
    return layered


def _detector_problem(layered: LayeredPolicy, message: str) -> Problem:
    # "policy field 'detectors.<name>': why" from the guard: give it a file and a line
    field, _, why = message.partition("': ")
    field = field.removeprefix("policy field '")
    path = field.split(".")
    source = layered.source_of(path)
    layer = next((la for la in layered.layers if la.source == source), None)
    line = layer.line(path) if layer is not None else None
    return Problem(source, line, field, why or message)


def _problems(problems: Sequence[Problem], fmt: str, out: TextIO) -> int:
    if fmt == "json":
        doc = {
            "valid": False,
            "problems": [
                {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
                for p in problems
            ],
        }
        out.write(json.dumps(doc, indent=2) + "\n")
    else:
        for p in problems:
            out.write(f"{p}\n")
    return EXIT_INVALID


def _read_sample(sample: str) -> str:
    if sample == "-":
        return sys.stdin.read()
    if sample.startswith("@"):
        try:
            with open(sample[1:], encoding="utf-8") as fh:
                return fh.read()
        except OSError as exc:
            raise CliError(f"{sample[1:]}: cannot read sample: {exc.strerror}") from None
    return sample


def _quote(part: str) -> str:
    return part if part.replace("_", "").replace("-", "").isalnum() else json.dumps(part)
