"""``agentguard rules``: list the built-in secret rules, so users can see what is covered
and which ids to name in a policy (``actions``, ``allowlist.kinds``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from agentguard.cli.common import CliError
from agentguard.detectors.secrets.rules import Rule, RuleError, builtin_rules

COLUMNS = ("kind", "provider", "severity", "title")


def run_rules(fmt: str, out: TextIO) -> int:
    try:
        rules = builtin_rules()
    except RuleError as exc:  # a broken rules file in the installed package
        raise CliError(str(exc)) from None
    if fmt == "json":
        json.dump([_row(r) for r in rules], out, indent=2)
        out.write("\n")
    else:
        out.write(_table(rules))
    return 0


def _row(rule: Rule) -> dict[str, str]:
    return {
        "kind": rule.kind,
        "provider": rule.provider,
        "severity": rule.severity,
        "title": rule.title,
    }


def _table(rules: Sequence[Rule]) -> str:
    rows = [tuple(_row(r).values()) for r in rules]
    widths = [max([len(c), *(len(row[i]) for row in rows)]) for i, c in enumerate(COLUMNS)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [COLUMNS, *rows]
    ]
    return "\n".join(lines) + f"\n{len(rows)} rules\n"
