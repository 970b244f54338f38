"""``agentguard scan``: inputs, exact positions, output formats and exit codes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from agentguard.fingerprint import ENV_KEY
from tests.test_cli_support import KEY, fingerprint, hex_blob, run, token, write_policy

JSON_FINDING_KEYS = {
    "path", "line", "column", "end_line", "end_column",
    "kind", "rule", "detector", "severity", "action", "fingerprint",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _stable_fingerprints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_KEY, KEY)
    monkeypatch.delenv("AGENTGUARD_POLICY", raising=False)


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    return write_policy(tmp_path)


def expected_place(text: str, value: str) -> tuple[int, int, int, int]:
    """1-based (line, column, end_line, end_column) of ``value``, computed independently:
    by splitting into lines, not by offsets."""
    for number, line in enumerate(text.split("\n"), start=1):
        if value in line:
            col = line.index(value) + 1
            return number, col, number, col + len(value)
    raise AssertionError("value not in text")


def scan_json(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, Any]:
    result = run(capsys, "scan", "--format", "json", *argv)
    return result.rc, json.loads(result.out)


def test_json_schema_and_exact_positions_after_non_ascii(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = token("HIGH"), token("MED")
    # é and 日本 are multi-byte in UTF-8, 😀 is two UTF-16 units: columns count characters.
    text = f"héllo wörld\n\n日本語 😀 key={first} tail\n  ünïcode {second}\n"
    (tmp_path / "notes.txt").write_text(text, encoding="utf-8")

    rc, doc = scan_json(capsys, tmp_path / "notes.txt", "--policy", policy)

    assert rc == 1  # a high finding, default --fail-on high
    findings = doc["findings"]
    assert isinstance(findings, list) and len(findings) == 2
    for f in findings:
        assert set(f) == JSON_FINDING_KEYS
    hi, med = findings
    assert (hi["line"], hi["column"], hi["end_line"], hi["end_column"]) == expected_place(
        text, first
    )
    assert (hi["line"], hi["column"]) == (3, 11)  # by hand: "日本語 😀 key=" is 10 characters
    assert (med["line"], med["column"], med["end_line"], med["end_column"]) == expected_place(
        text, second
    )
    assert hi == hi | {
        "path": str(tmp_path / "notes.txt"),
        "kind": "secret/toy-high",
        "rule": "toy-high",
        "detector": "cli-toy",
        "severity": "high",
        "action": "redact",
        "fingerprint": fingerprint(first),
    }
    assert med["severity"] == "medium" and med["fingerprint"] == fingerprint(second)
    assert doc["summary"] == {
        "files": 1,
        "bytes": len(text.encode("utf-8")),
        "findings": 2,
        "skipped": [],
    }


def test_no_format_ever_prints_the_value(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    value = token("CRIT")
    (tmp_path / "a.log").write_text(f"token={value}\n", encoding="utf-8")
    for fmt in ("text", "json", "sarif"):
        result = run(capsys, "scan", tmp_path / "a.log", "--policy", policy, "--format", fmt)
        assert result.rc == 1
        assert fingerprint(value) in result.out
        assert value not in result.out and value not in result.err
        assert value[8:] not in result.out  # not even the random part


def test_text_format_lines(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    value = token("LOW")
    path = tmp_path / "app.log"
    path.write_text(f"one\ntwo {value}\n", encoding="utf-8")
    result = run(capsys, "scan", path, "--policy", policy)
    assert result.rc == 0  # low < high
    lines = result.out.splitlines()
    assert lines[0] == f"{path}:2:5: low secret/toy-low (toy-low) fingerprint={fingerprint(value)}"
    assert lines[-1].startswith("1 finding (1 low) in 1 file, ")


def test_sarif_structure(
    tmp_path: Path,
    policy: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src" / "deep").mkdir(parents=True)
    values = {sev: token(sev) for sev in ("LOW", "MED", "HIGH", "CRIT")}
    text = "x\n" + "\n".join(f"  {v}" for v in values.values()) + "\n"
    (tmp_path / "src" / "deep" / "conf.txt").write_text(text, encoding="utf-8")

    result = run(capsys, "scan", "src", "--format", "sarif", "--policy", policy)
    assert result.rc == 1
    sarif = json.loads(result.out)
    assert sarif["version"] == "2.1.0" and "sarif-schema-2.1.0" in sarif["$schema"]
    (run_,) = sarif["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "agentguard" and driver["version"]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in driver["rules"]}
    levels = {"low": "note", "medium": "warning", "high": "error", "critical": "error"}
    assert set(rules) == {f"secret/toy-{s}" for s in levels}
    for sev, level in levels.items():
        rule = rules[f"secret/toy-{sev}"]
        assert rule["defaultConfiguration"]["level"] == level and rule["shortDescription"]["text"]
    assert len(run_["results"]) == 4
    for res, (sev, value) in zip(run_["results"], values.items(), strict=True):
        full = {"LOW": "low", "MED": "medium", "HIGH": "high", "CRIT": "critical"}[sev]
        assert res["ruleId"] == f"secret/toy-{full}"
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] == levels[full]
        assert (
            fingerprint(value) in res["message"]["text"] and res["ruleId"] in res["message"]["text"]
        )
        assert res["partialFingerprints"] == {"agentguardFingerprint/v1": fingerprint(value)}
        (loc,) = res["locations"]
        phys = loc["physicalLocation"]
        assert phys["artifactLocation"]["uri"] == "src/deep/conf.txt"
        line, col, end_line, end_col = expected_place(text, value)
        assert phys["region"] == {
            "startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
        }  # fmt: skip


@pytest.mark.parametrize(
    ("severity", "fail_on", "rc"),
    [
        ("MED", None, 0),
        ("HIGH", None, 1),
        ("CRIT", None, 1),
        ("MED", "medium", 1),
        ("LOW", "medium", 0),
        ("HIGH", "critical", 0),
        ("CRIT", "none", 0),
        ("LOW", "low", 1),
    ],
)
def test_fail_on_exit_status(
    tmp_path: Path,
    policy: Path,
    capsys: pytest.CaptureFixture[str],
    severity: str,
    fail_on: str | None,
    rc: int,
) -> None:
    (tmp_path / "f.txt").write_text(token(severity), encoding="utf-8")
    flags = ["--fail-on", fail_on] if fail_on else []
    assert run(capsys, "scan", tmp_path / "f.txt", "--policy", policy, *flags).rc == rc


def test_clean_input_exits_0(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "f.txt").write_text("nothing to see\n", encoding="utf-8")
    result = run(capsys, "scan", tmp_path / "f.txt", "--policy", policy)
    assert result.rc == 0 and result.out.splitlines()[-1].startswith("0 findings in 1 file")


@pytest.mark.parametrize(
    "argv",
    [
        ["scan"],  # no path
        ["scan", "x", "--format", "yaml"],
        ["scan", "x", "--fail-on", "severe"],
        ["scan", "x", "--channel", "email"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    result = run(capsys, *argv)
    assert result.rc == 2 and result.err


def test_missing_file_exits_2_before_scanning(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "real.txt").write_text(token("CRIT"), encoding="utf-8")
    result = run(
        capsys, "scan", tmp_path / "real.txt", tmp_path / "missing.txt", "--policy", policy
    )
    assert result.rc == 2
    assert "missing.txt" in result.err and "no such file" in result.err
    assert result.out == ""


def test_unreadable_file_exits_2_and_is_named(
    tmp_path: Path,
    policy: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from agentguard.cli import inputs

    (tmp_path / "locked.txt").write_text("x", encoding="utf-8")
    real_open = inputs.open_source

    def deny(source: inputs.Source) -> object:
        if source.name.endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(source)

    monkeypatch.setattr(inputs, "open_source", deny)
    result = run(capsys, "scan", tmp_path, "--policy", policy, "--format", "json")
    assert result.rc == 2
    assert "locked.txt" in result.err and "Permission denied" in result.err
    assert json.loads(result.out)["summary"]["skipped"][0]["reason"].startswith("unreadable")


def test_folder_recursion_skips_tool_folders(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "repo"
    found = {root / "a.txt": token(), root / "sub" / "deeper" / "b.md": token()}
    hidden = [
        root / ".git" / "config",
        root / ".venv" / "lib" / "x.py",
        root / "sub" / "node_modules" / "pkg" / "index.js",
        root / "__pycache__" / "m.txt",
    ]
    for path in [*found, *hidden]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"value = {found.get(path) or token()}\n", encoding="utf-8")
    (root / "sub" / "clean.txt").write_text("clean\n", encoding="utf-8")

    rc, doc = scan_json(capsys, root, "--policy", policy)
    assert rc == 1
    reported = {(f["path"], f["fingerprint"]) for f in doc["findings"]}
    assert reported == {(str(p), fingerprint(v)) for p, v in found.items()}
    assert doc["summary"]["files"] == 3


def test_stdin(
    policy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    value = token("CRIT")
    text = f"first ŀine\nsecond: {value}\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    rc, doc = scan_json(capsys, "-", "--policy", policy)
    assert rc == 1
    (f,) = doc["findings"]
    assert f["path"] == "<stdin>"
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == expected_place(text, value)


def test_binary_file_is_skipped_and_noted(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01" + token().encode())
    (tmp_path / "late-nul.bin").write_bytes(b"a" * 9000 + b"\x00" + token().encode())
    rc, doc = scan_json(capsys, tmp_path, "--policy", policy, "--fail-on", "low")
    # A NUL only after the first 8 KB: scanned as text, and its token found.
    assert rc == 1
    assert [f["path"] for f in doc["findings"]] == [str(tmp_path / "late-nul.bin")]
    assert doc["summary"]["skipped"] == [{"path": str(tmp_path / "blob.bin"), "reason": "binary"}]
    text = run(capsys, "scan", tmp_path / "blob.bin", "--policy", policy)
    assert text.rc == 0 and f"{tmp_path / 'blob.bin'}: skipped (binary)" in text.out


def test_invalid_utf8_does_not_crash_and_counts_one_column_per_byte(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    value = token()
    (tmp_path / "bad.txt").write_bytes(b"ok\n\xff\xfe\xc3 " + value.encode() + b"\n")
    rc, doc = scan_json(capsys, tmp_path / "bad.txt", "--policy", policy)
    assert rc == 1
    (f,) = doc["findings"]
    assert (f["line"], f["column"]) == (2, 5)


def test_json_positions_point_into_the_file(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    value = token()
    doc_text = json.dumps(
        {"service": {"name": "café", "auth": {"token": value}}}, indent=2, ensure_ascii=False
    )
    (tmp_path / "conf.json").write_text(doc_text, encoding="utf-8")
    _, doc = scan_json(capsys, tmp_path / "conf.json", "--policy", policy)
    (f,) = doc["findings"]
    line = doc_text.split("\n")[f["line"] - 1]
    assert line[f["column"] - 1 :].startswith(value)


def test_jsonl_line_by_line(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values = [token() for _ in range(3)]
    records = [
        {"level": "info", "msg": "ça va"},
        {"msg": values[0]},
        {"msg": f"{values[1]} {values[2]}"},
    ]
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    (tmp_path / "events.jsonl").write_text(text, encoding="utf-8")
    _, doc = scan_json(capsys, tmp_path / "events.jsonl", "--policy", policy)
    got = [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in doc["findings"]]
    assert got == [expected_place(text, v) for v in values]


def test_jsonl_records_are_inspected_apart(
    tmp_path: Path, policy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    block = "-----BEGIN TOY KEY-----\nabc123\n-----END TOY KEY-----\n"
    for name in ("keys.txt", "keys.jsonl"):
        (tmp_path / name).write_text(block, encoding="utf-8")
    _, doc = scan_json(capsys, tmp_path / "keys.txt", tmp_path / "keys.jsonl", "--policy", policy)
    found = [(f["path"], f["line"], f["end_line"]) for f in doc["findings"]]
    assert found == [(str(tmp_path / "keys.txt"), 1, 3)]


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_large_input_is_chunked_without_losing_or_doubling_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """A tiny ``limits.max_chars`` forces 400-character windows (overlap 100), so the
    secrets below straddle many window boundaries; each must be reported once, in place.
    The 64-character hex values also exercise the clipped-tail case: the window after a
    boundary sees a 32+ character tail that matches on its own."""
    policy = write_policy(tmp_path, "[limits]\nmax_chars = 400\n")
    parts, values = [], []
    for i in range(120):
        value = token() if i % 2 else hex_blob()
        values.append(value)
        # filler of varying length; a newline in every 5th gap only, so lines run long
        filler = "é" * (i * 13 % 97) + ("\n" if i % 5 == 0 else " ")
        parts.append(f"{filler}{value} ")
    text = "".join(parts) + "\n"
    (tmp_path / f"big{suffix}").write_text(text, encoding="utf-8")

    _, doc = scan_json(capsys, tmp_path / f"big{suffix}", "--policy", policy, "--fail-on", "none")
    got = [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in doc["findings"]]
    assert got == [expected_place(text, v) for v in values]
    assert [f["fingerprint"] for f in doc["findings"]] == [fingerprint(v) for v in values]


def test_channel_flag_selects_the_channel_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = write_policy(tmp_path, '[channels.log.actions]\n"secret/toy-high" = "allow"\n')
    (tmp_path / "f.txt").write_text(token(), encoding="utf-8")
    assert run(capsys, "scan", tmp_path / "f.txt", "--policy", policy).rc == 0  # log: allowed
    assert (
        run(capsys, "scan", tmp_path / "f.txt", "--policy", policy, "--channel", "tool_output").rc
        == 1
    )


def test_policy_allowlist_applies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    value, other = token(), token()
    policy = write_policy(tmp_path, f'[allowlist]\nfingerprints = ["{fingerprint(value)}"]\n')
    (tmp_path / "f.txt").write_text(f"{value}\n{other}\n", encoding="utf-8")
    _, doc = scan_json(capsys, tmp_path / "f.txt", "--policy", policy)
    assert [f["fingerprint"] for f in doc["findings"]] == [fingerprint(other)]


def test_policy_from_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENTGUARD_POLICY", str(write_policy(tmp_path)))
    (tmp_path / "f.txt").write_text(token(), encoding="utf-8")
    _, doc = scan_json(capsys, tmp_path / "f.txt")
    assert doc["findings"][0]["detector"] == "cli-toy"
