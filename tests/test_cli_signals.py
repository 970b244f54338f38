"""``agentguard scan`` and ``agentguard redact`` on files that carry inversion signals."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli_support import run


def _payload() -> dict[str, object]:
    rng = random.Random(11)
    return {
        "data": [
            {"object": "embedding", "embedding": [round(rng.gauss(0, 0.05), 7) for _ in range(64)]}
        ],
        "classifier": {"label": "fraud", "confidence": 0.9812345},
    }


def test_scan_reports_signals_with_their_json_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "response.json"
    path.write_text(json.dumps(_payload()))
    assert run(capsys, "scan", path).rc == 0  # signals are medium: below the default --fail-on
    res = run(capsys, "scan", "--format", "json", "--fail-on", "medium", path)
    assert res.rc == 1
    found = {f["kind"]: f for f in json.loads(res.out)["findings"]}
    assert found["inversion_signal/embedding"]["json_path"] == "$.data[0].embedding"
    assert found["inversion_signal/embedding"]["reduction"] == "redact"
    assert found["inversion_signal/probabilities"]["json_path"] == "$.classifier.confidence"
    assert "0.9812345" not in res.out and "0.0" not in res.err


def test_redact_keeps_pretty_printing(tmp_path: Path) -> None:
    path = tmp_path / "response.json"
    path.write_text(json.dumps(_payload(), indent=2) + "\n")
    out = subprocess.run(
        [sys.executable, "-m", "agentguard", "redact", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith('{\n  "data": [')
    assert json.loads(out) == {
        "data": [{"object": "embedding", "embedding": "[REDACTED:embedding dim=64]"}],
        "classifier": {"label": "fraud", "confidence": 0.98},
    }
