"""The examples and docstring examples are documentation: they must keep working."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import agentguard.guard

ROOT = Path(__file__).resolve().parents[1]


def test_docstring_examples() -> None:
    result = doctest.testmod(agentguard.guard)
    assert result.attempted and not result.failed


def run_example(name: str) -> str:
    return subprocess.run(
        [sys.executable, str(ROOT / "examples" / name)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout


def test_quickstart_example_redacts_and_blocks() -> None:
    out = run_example("quickstart.py")
    assert "Zq7xPp2Lm9Vt4Rr8" not in out
    assert "[REDACTED:secret/url-credentials]" in out and "strict policy: agentguard blocked" in out


def test_custom_detector_example() -> None:
    out = run_example("custom_detector.py")
    assert "EMP-004211" not in out and "[REDACTED:pii/employee-id]" in out
