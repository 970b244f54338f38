"""Turning a scan :class:`~agentguard.cli.scan.Report` into text, JSON or SARIF.

Everything here prints metadata only: path, place, kind, rule, severity, fingerprint.
A :class:`~agentguard.Finding` holds no matched text, so no format *can* print a secret.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from functools import cache
from typing import Any, TextIO
from urllib.parse import quote

from agentguard import __version__
from agentguard.cli.inputs import STDIN_NAME
from agentguard.cli.scan import Located, Report
from agentguard.findings import Severity

FORMATS = ("text", "json", "sarif")

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
#: Shown by SARIF viewers as the tool's home page.
#: SARIF has three result levels; critical and high both stop a build.
SARIF_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
}
#: GitHub code scanning ranks alerts by this CVSS-like score.
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "2.0",
}
FINGERPRINT_KEY = "agentguardFingerprint/v1"


def write(report: Report, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(to_json(report), out, indent=2)
        out.write("\n")
    elif fmt == "sarif":
        json.dump(to_sarif(report), out, indent=2)
        out.write("\n")
    else:
        out.write(to_text(report))


# --- text -------------------------------------------------------------------------------


def to_text(report: Report) -> str:
    lines = [
        f"{loc.path}:{loc.line}:{loc.column}: {loc.finding.severity.value} "
        f"{loc.finding.kind} ({loc.finding.rule}) fingerprint={loc.finding.fingerprint}"
        for loc in report.findings
    ]
    lines += [f"{path}: skipped ({reason})" for path, reason in report.skipped]
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


def _summary_line(report: Report) -> str:
    n = len(report.findings)
    counts = Counter(loc.finding.severity for loc in report.findings)
    by_sev = ", ".join(f"{counts[s]} {s.value}" for s in reversed(Severity) if counts[s])
    text = f"{n} finding{'s' * (n != 1)}"
    if by_sev:
        text += f" ({by_sev})"
    text += f" in {report.files} file{'s' * (report.files != 1)}, {report.bytes} bytes"
    if report.skipped:
        text += f"; {len(report.skipped)} skipped"
    return text


# --- json -------------------------------------------------------------------------------


def to_json(report: Report) -> dict[str, Any]:
    return {
        "findings": [_finding_json(loc) for loc in report.findings],
        "summary": {
            "files": report.files,
            "bytes": report.bytes,
            "findings": len(report.findings),
            "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
        },
    }


def _finding_json(loc: Located) -> dict[str, Any]:
    f = loc.finding
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "kind": f.kind,
        "rule": f.rule,
        "detector": f.detector,
        "severity": f.severity.value,
        "action": f.action.value,
        "fingerprint": f.fingerprint,
        **({"json_path": f.path} if f.path != "$" else {}),
        **({"reduction": f.reduction} if f.reduction else {}),
    }


# --- sarif ------------------------------------------------------------------------------


def to_sarif(report: Report) -> dict[str, Any]:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results = []
    for loc in report.findings:
        f = loc.finding
        if f.kind not in index:
            index[f.kind] = len(rules)
            rules.append(_sarif_rule(loc))
        results.append(_sarif_result(loc, index[f.kind]))
    notes = [
        {
            "level": "note" if reason == "binary" else "error",
            "message": {"text": f"{path}: skipped ({reason})"},
        }
        for path, reason in report.skipped
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "agentguard",
                "version": __version__,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",  # our columns count characters, not UTF-16 units
        "invocations": [
            {"executionSuccessful": not report.errors, "toolExecutionNotifications": notes}
        ],
        "results": results,
    }
    return {"version": SARIF_VERSION, "$schema": SARIF_SCHEMA, "runs": [run]}


def _sarif_rule(loc: Located) -> dict[str, Any]:
    f = loc.finding
    title = _rule_titles().get(f.kind) or f"{f.kind} (detector {f.detector})"
    return {
        "id": f.kind,
        "name": f.rule,
        "shortDescription": {"text": title},
        "defaultConfiguration": {"level": SARIF_LEVEL[f.severity]},
        "properties": {
            "tags": ["security", f.kind.split("/")[0]],
            "security-severity": SECURITY_SEVERITY[f.severity],
        },
    }


def _sarif_result(loc: Located, rule_index: int) -> dict[str, Any]:
    f = loc.finding
    return {
        "ruleId": f.kind,
        "ruleIndex": rule_index,
        "level": SARIF_LEVEL[f.severity],
        "message": {
            "text": f"{f.kind} found (fingerprint {f.fingerprint}); the value is not shown."
        },
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(loc.path)},
                    "region": {
                        "startLine": loc.line,
                        "startColumn": loc.column,
                        "endLine": loc.end_line,
                        "endColumn": loc.end_column,
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"severity": f.severity.value, "action": f.action.value},
    }


def artifact_uri(path: str) -> str:
    """A relative URI reference (``src/app.log``), as code-scanning services expect."""
    if path == STDIN_NAME:
        return "stdin"
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return quote(rel.replace(os.sep, "/"), safe="/")


@cache
def _rule_titles() -> dict[str, str]:
    """Human titles of the built-in secret rules, by kind; empty if they cannot load."""
    try:
        from agentguard.detectors.secrets.rules import builtin_rules

        return {rule.kind: rule.title for rule in builtin_rules()}
    except (ImportError, ValueError, OSError):
        return {}
