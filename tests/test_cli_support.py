"""Helpers for the CLI tests: a toy detector with one rule per severity, and a runner.

The toy detector keeps these tests about the CLI (walking, offsets, formats, exit codes)
rather than about which secrets the real rules know; ``test_cli_commands`` also drives
the real default guard end to end.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass
from pathlib import Path

import pytest

from agentguard import Hit, register_detector
from agentguard.cli.main import main
from agentguard.fingerprint import Fingerprinter

TOY = "cli-toy"
KEY = "cli-test-fingerprint-key"
SEVERITIES = {"LOW": "low", "MED": "medium", "HIGH": "high", "CRIT": "critical"}
_TOKEN = re.compile(r"TOY(LOW|MED|HIGH|CRIT)_[A-Z0-9]{16}")
#: A rule that also matches the clipped tail of a long value (chunk-boundary dedupe).
_HEX = re.compile(r"\b[0-9a-f]{32,64}\b")
#: A multi-line rule: found in a text file, never in a .jsonl file read line by line.
_BLOCK = re.compile(r"-----BEGIN TOY KEY-----\n[A-Za-z0-9]+\n-----END TOY KEY-----")
_rng = random.Random()


class ToyDetector:
    name = TOY

    def scan(self, text: str) -> list[Hit]:
        hits = [
            Hit(
                m.start(),
                m.end(),
                f"secret/toy-{SEVERITIES[m[1]]}",
                f"toy-{SEVERITIES[m[1]]}",
                SEVERITIES[m[1]],
            )
            for m in _TOKEN.finditer(text)
        ]
        hits += [
            Hit(m.start(), m.end(), "secret/toy-hex", "toy-hex", "low") for m in _HEX.finditer(text)
        ]
        hits += [
            Hit(m.start(), m.end(), "secret/toy-key", "toy-key", "critical")
            for m in _BLOCK.finditer(text)
        ]
        return hits


register_detector(TOY, lambda _cfg: ToyDetector(), replace=True)


def token(severity: str = "HIGH") -> str:
    return f"TOY{severity}_" + "".join(
        _rng.choice(string.ascii_uppercase + string.digits) for _ in range(16)
    )


def hex_blob(n: int = 64) -> str:
    return "".join(_rng.choice("0123456789abcdef") for _ in range(n))


def fingerprint(value: str) -> str:
    return Fingerprinter(KEY)(value)


def write_policy(folder: Path, extra: str = "", name: str = "toy.toml") -> Path:
    """A policy whose only detector is the toy one (plus any extra TOML)."""
    path = folder / name
    body = f'name = "cli-test"\n{extra}\n[detectors.{TOY}]\n[detectors.secrets]\nenabled = false\n'
    path.write_text(body, encoding="utf-8")
    return path


@dataclass
class Result:
    rc: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Result:
    """``main(argv)`` in-process, with what it printed."""
    capsys.readouterr()
    rc = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return Result(rc, captured.out, captured.err)
