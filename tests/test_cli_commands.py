"""``redact``, ``demo``, ``rules``, ``--version``, policy errors, and the real process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from agentguard import Guard, Policy
from agentguard.cli import demo
from agentguard.cli.main import main
from agentguard.detectors.secrets.rules import builtin_rules
from agentguard.fingerprint import ENV_KEY
from tests import tokens
from tests.test_cli_support import KEY, fingerprint, run, token, write_policy


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_KEY, KEY)
    monkeypatch.delenv("AGENTGUARD_POLICY", raising=False)


def redact(
    capsysbinary: pytest.CaptureFixture[bytes], *argv: str | Path
) -> tuple[int, bytes, bytes]:
    capsysbinary.readouterr()
    rc = main(["redact", *map(str, argv)])
    captured = capsysbinary.readouterr()
    return rc, captured.out, captured.err


# --- redact -----------------------------------------------------------------------------


def test_redact_file_keeps_every_other_byte(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    value = token()
    data = b"caf\xc3\xa9 \xff\xfe not utf-8\nkey=" + value.encode() + b"\r\nend\x00\n"
    (tmp_path / "in.bin").write_bytes(data)
    rc, out, err = redact(capsysbinary, tmp_path / "in.bin", "--policy", write_policy(tmp_path))
    assert rc == 0 and err == b""
    assert out == data.replace(value.encode(), b"[REDACTED:secret/toy-high]")


def test_redact_stdin_is_the_default(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    value = token("LOW")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"a {value} b".encode())))
    rc, out, _ = redact(capsysbinary, "--policy", write_policy(tmp_path))
    assert rc == 0 and out == b"a [REDACTED:secret/toy-low] b"


def test_redact_hash_action_and_channel(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    value = token()
    policy = write_policy(tmp_path, '[channels.tool_output.actions]\nsecret = "hash"\n')
    (tmp_path / "in.txt").write_text(value, encoding="utf-8")
    assert (
        redact(capsysbinary, tmp_path / "in.txt", "--policy", policy)[1]
        == b"[REDACTED:secret/toy-high]"
    )
    rc, out, _ = redact(
        capsysbinary, tmp_path / "in.txt", "--policy", policy, "--channel", "tool_output"
    )
    assert rc == 0 and out == f"[HASH:{fingerprint(value)}]".encode()


def test_redact_block_exits_1_and_prints_nothing(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    value = token()
    policy = write_policy(tmp_path, '[actions]\n"secret/toy-high" = "block"\n')
    (tmp_path / "in.txt").write_text(f"x {value}", encoding="utf-8")
    rc, out, err = redact(capsysbinary, tmp_path / "in.txt", "--policy", policy)
    assert rc == 1 and out == b""
    assert b"blocked" in err and b"secret/toy-high" in err and value.encode() not in err


def test_redact_block_with_refusal(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    policy = write_policy(
        tmp_path, 'on_block = "refuse"\nrefusal = "[withheld]"\n[actions]\nsecret = "block"\n'
    )
    (tmp_path / "in.txt").write_text(token(), encoding="utf-8")
    rc, out, err = redact(capsysbinary, tmp_path / "in.txt", "--policy", policy)
    assert (rc, out) == (1, b"[withheld]") and b"blocked" in err


@pytest.mark.parametrize(
    ("on_exceed", "rc", "expected"),
    [
        ("block", 1, b""),
        ("truncate", 0, b"[REDACTED:secret/toy-high]" + b"a" * 76 + b"[TRUNCATED:agentguard]"),
        ("allow", 0, None),  # passed on whole, unscanned
    ],
)
def test_redact_respects_the_size_limit(
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    on_exceed: str,
    rc: int,
    expected: bytes | None,
) -> None:
    value = token()
    data = value.encode() + b"a" * 500
    policy = write_policy(tmp_path, f'[limits]\nmax_chars = 100\non_exceed = "{on_exceed}"\n')
    (tmp_path / "in.txt").write_bytes(data)
    got_rc, out, err = redact(capsysbinary, tmp_path / "in.txt", "--policy", policy)
    assert got_rc == rc and out == (data if expected is None else expected)
    assert b"max_chars" in err


def test_redact_usage_errors(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    policy = write_policy(tmp_path)
    assert redact(capsysbinary, tmp_path / "nope.txt", "--policy", policy)[0] == 2
    rc, _, err = redact(capsysbinary, tmp_path, "--policy", policy)
    assert rc == 2 and b"directory" in err


# --- policy errors, --version -----------------------------------------------------------


def test_invalid_policy_names_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('fail_mode = "sideways"\n', encoding="utf-8")
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    for argv in (["scan", tmp_path / "f.txt"], ["redact", tmp_path / "f.txt"], ["demo"]):
        result = run(capsys, *argv, "--policy", bad)
        assert result.rc == 2
        assert str(bad) in result.err and "fail_mode" in result.err
        assert result.out == ""


def test_policy_naming_an_unknown_detector_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[detectors.no-such-detector]\n", encoding="utf-8")
    result = run(capsys, "scan", "-", "--policy", bad)
    assert result.rc == 2 and "detectors.no-such-detector" in result.err


def test_unreadable_policy_and_bad_toml_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "cannot read" in run(capsys, "demo", "--policy", tmp_path / "missing.toml").err
    (tmp_path / "p.toml").write_text("name = [", encoding="utf-8")
    result = run(capsys, "demo", "--policy", tmp_path / "p.toml")
    assert result.rc == 2 and "not valid TOML" in result.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from agentguard import __version__

    result = run(capsys, "--version")
    assert result.rc == 0 and result.out.strip() == f"agentguard {__version__}"


# --- demo -------------------------------------------------------------------------------


def _fragments(value: str, size: int = 8) -> set[str]:
    return {value[i : i + size] for i in range(len(value) - size + 1)}


def test_demo_with_the_real_guard_shows_no_secret(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    played: list[demo.Exchange] = []
    real_traffic = demo.traffic

    def recorded() -> list[demo.Exchange]:
        played.extend(real_traffic())
        return played

    monkeypatch.setattr(demo, "traffic", recorded)
    result = run(capsys, "demo")
    assert len(played) == 5 and sum(bool(ex.planted) for ex in played) == 4
    for ex in played:
        for value in ex.planted:
            leaked = {frag for frag in _fragments(value) if frag in result.out}
            assert not leaked, f"part of a planted {ex.source} credential was printed"
    assert "MISSED" not in result.out  # the default guard catches every planted credential
    assert result.rc == 0
    for channel in ("tool_output", "retrieval", "model_output", "log"):
        assert channel in result.out
    assert '{"city": "Lisbon", "temp_c": 21, "sky": "clear"}' in result.out  # clean, unchanged
    for kind in ("secret/jwt", "secret/url-credentials"):
        assert kind in result.out


def test_demo_hides_what_a_weak_policy_lets_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exchanges = demo.traffic()
    policy = Policy.load(str(write_policy(tmp_path)))  # the toy detector knows none of them
    out = io.StringIO()
    assert demo.run_demo(Guard(policy), out, exchanges) == 1
    text = out.getvalue()
    assert text.count("MISSED") == 4 and demo.HIDDEN in text
    for ex in exchanges:
        for value in ex.planted:
            assert not {frag for frag in _fragments(value) if frag in text}


def test_demo_secrets_differ_per_run() -> None:
    first, second = demo.traffic(), demo.traffic()
    assert first[0].planted != second[0].planted


# --- rules ------------------------------------------------------------------------------


def test_rules_lists_builtin_rules(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "rules", "--format", "json")
    rules = json.loads(result.out)
    assert result.rc == 0 and len(rules) > 5
    assert set(rules[0]) == {"kind", "provider", "severity", "title"}
    assert {r["severity"] for r in rules} <= {"low", "medium", "high", "critical"}
    text = run(capsys, "rules").out
    assert text.splitlines()[0].split() == ["kind", "provider", "severity", "title"]
    assert text.splitlines()[-1] == f"{len(rules)} rules"


# --- the real process -------------------------------------------------------------------


def _agentguard(
    *argv: str | Path, stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {"PATH": "/usr/bin:/bin", ENV_KEY: KEY}
    return subprocess.run(
        [sys.executable, "-m", "agentguard.cli.main", *map(str, argv)],
        input=stdin, capture_output=True, env=env, cwd=cwd, timeout=120, check=False,
    )  # fmt: skip


def test_subprocess_scan_redact_and_usage_error(tmp_path: Path) -> None:
    pat = tokens.github_pat()
    # invalid UTF-8 before the token: the real engine must cope with lone surrogates
    (tmp_path / "app.log").write_bytes(b"ok\n\xff\xfe clone with " + pat.encode() + b"\n")

    scan = _agentguard("scan", "app.log", "--format", "json", cwd=tmp_path)
    assert scan.returncode == 1, scan.stderr
    (finding,) = json.loads(scan.stdout)["findings"]
    assert (finding["line"], finding["column"]) == (2, 15)
    assert finding["kind"] == "secret/github-pat" and finding["fingerprint"] == fingerprint(pat)
    assert pat.encode() not in scan.stdout + scan.stderr

    sarif = json.loads(_agentguard("scan", "app.log", "--format", "sarif", cwd=tmp_path).stdout)
    (rule,) = sarif["runs"][0]["tool"]["driver"]["rules"]
    titles = {r.kind: r.title for r in builtin_rules()}
    assert rule["shortDescription"]["text"] == titles["secret/github-pat"]
    assert sarif["runs"][0]["results"][0]["level"] == "error"

    red = _agentguard("redact", stdin=f"use {pat}\n".encode(), cwd=tmp_path)
    assert red.returncode == 0 and red.stdout == b"use [REDACTED:secret/github-pat]\n"

    bad = _agentguard("scan", "missing.log", cwd=tmp_path)
    assert bad.returncode == 2 and b"missing.log" in bad.stderr
