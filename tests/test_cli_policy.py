"""``agentguard policy check | explain | test`` and ``agentguard audit summary``, in process
and as the installed console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from agentguard.cli.main import main
from tests import tokens
from tests.test_cli_support import run
from tests.test_policy_layers import ORG, write

KEY_VALUE = "org-fingerprint-key-never-printed"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AGENTGUARD_POLICY", raising=False)
    monkeypatch.delenv("AGENTGUARD_FAIL_MODE", raising=False)


@pytest.fixture
def layers(tmp_path: Path) -> tuple[str, str]:
    team = (
        '# payments team\nname = "payments"\n\n'
        '[channels.tool_output.actions]\n"secret/github-pat" = "block"\n'
    )
    return write(tmp_path, "org.toml", ORG), write(tmp_path, "team.toml", team)


def test_check_passes_valid_layers(
    capsys: pytest.CaptureFixture[str], layers: tuple[str, str]
) -> None:
    r = run(capsys, "policy", "check", *layers)
    assert r.rc == 0 and "ok: 2 file(s), policy 'payments'" in r.out and "4 lock(s)" in r.out


def test_check_fails_with_file_line_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, layers: tuple[str, str]
) -> None:
    bad = write(tmp_path, "bad.toml", 'name = "x"\n[actions]\nsecret = "alert"\nbogus = "shred"\n')
    r = run(capsys, "policy", "check", layers[0], bad)
    assert r.rc == 1
    assert f"{bad}:4: field 'actions.bogus'" in r.out
    r = run(capsys, "policy", "check", "--format", "json", layers[0], bad)
    doc = json.loads(r.out)
    assert r.rc == 1 and doc["valid"] is False
    assert {"file": bad, "line": 4, "field": "actions.bogus"}.items() <= doc["problems"][0].items()
    loose = write(tmp_path, "loose.toml", '[actions]\nsecret = "alert"\n')
    r = run(capsys, "policy", "check", layers[0], loose)
    assert r.rc == 1 and f"{loose}:2: field 'actions.secret'" in r.out and layers[0] in r.out


def test_check_reports_an_unknown_detector_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = write(tmp_path, "det.toml", 'name = "x"\n\n[detectors.no-such-detector]\nenabled = true\n')
    r = run(capsys, "policy", "check", f)
    assert r.rc == 1 and f"{f}:3: field 'detectors.no-such-detector'" in r.out, r.out


def test_explain_names_the_layer_of_each_value_and_hides_the_key(
    capsys: pytest.CaptureFixture[str], layers: tuple[str, str]
) -> None:
    r = run(capsys, "policy", "explain", *layers)
    org, team = layers
    lines = {ln.split(" = ")[0].strip(): ln for ln in r.out.splitlines() if " = " in ln}
    assert lines["name"].endswith(f"# {team}")
    assert lines['channels.tool_output.actions."secret/github-pat"'].endswith(f"# {team}")
    assert lines["actions.secret"].endswith(f"# {org}")
    assert lines["limits.max_depth"].endswith("# <built-in default>")
    assert '"<set>"' in lines["fingerprint_key"]
    assert f"# lock.actions 'secret' by {org}" in r.out
    assert KEY_VALUE not in r.out and KEY_VALUE not in r.err
    doc = json.loads(run(capsys, "policy", "explain", "--format", "json", *layers).out)
    assert KEY_VALUE not in json.dumps(doc)
    assert {"field": "limits.max_chars", "value": 100000, "source": org} in doc["values"]


def test_policy_test_shows_the_decision_without_the_value(
    capsys: pytest.CaptureFixture[str], layers: tuple[str, str]
) -> None:
    pat = tokens.github_pat()
    r = run(capsys, "policy", "test", *layers, "--channel", "tool_output", f"token {pat}")
    assert r.rc == 0 and "decision: blocked on tool_output" in r.out
    assert "secret/github-pat" in r.out and pat not in r.out + r.err
    r = run(
        capsys,
        "policy",
        "test",
        *layers,
        "--channel",
        "log",
        f"token {pat}",
        "--expect",
        "redacted",
    )
    assert r.rc == 0 and "payload: token [REDACTED:secret/github-pat]" in r.out
    r = run(
        capsys, "policy", "test", *layers, "--channel", "log", f"token {pat}", "--expect", "allowed"
    )
    assert r.rc == 1 and "expected allowed, got redacted" in r.err and pat not in r.out + r.err


def test_policy_test_reads_json_from_stdin(
    layers: tuple[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    pw = tokens.db_password()
    sample = json.dumps({"db": f"postgres://app:{pw}@db:5432/app", "rows": 3})
    monkeypatch.setattr(sys, "stdin", io.StringIO(sample))
    r = run(
        capsys, "policy", "test", *layers, "--channel", "log", "--json", "--format", "json", "-"
    )
    doc = json.loads(r.out)
    assert doc["decision"] == "redacted" and doc["findings"][0]["path"] == "$.db"
    assert doc["payload"]["rows"] == 3 and pw not in r.out


def test_usage_errors(capsys: pytest.CaptureFixture[str], layers: tuple[str, str]) -> None:
    assert run(capsys, "policy", "test", layers[0], "--channel", "log").rc == 2
    assert run(capsys, "policy").rc == 2
    assert main(["policy", "explain", "/nonexistent/x.toml"]) == 2


def test_console_script_exit_status(layers: tuple[str, str], tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("agentguard")
    ok = subprocess.run([exe, "policy", "check", *layers], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = write(tmp_path, "bad.toml", 'fail_mode = "open"\n')
    fail = subprocess.run([exe, "policy", "check", layers[0], bad], capture_output=True, text=True)
    assert fail.returncode == 1 and f"{bad}:1: field 'fail_mode'" in fail.stdout


EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "platform_app" / "policies"


def test_the_worked_example_policies(capsys: pytest.CaptureFixture[str]) -> None:
    org, team, loose = (str(EXAMPLES / n) for n in ("org.toml", "payments.toml", "too-loose.toml"))
    assert run(capsys, "policy", "check", org, team).rc == 0
    r = run(capsys, "policy", "check", org, loose)
    assert r.rc == 1 and f"{loose}:5: field 'channels.log.actions.secret'" in r.out
    assert f"locked by {org}:" in r.out
    key = "sk_live_" + tokens._pick(tokens.B62, 32)
    sample = json.dumps({"api_key": key})
    r = run(capsys, "policy", "test", org, team, "--channel", "tool_output", "--json", sample)
    assert r.rc == 0 and "payload: [withheld by the payments policy]" in r.out and key not in r.out


def test_policy_test_never_repeats_a_value_the_policy_lets_through(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lax = write(tmp_path, "lax.toml", '[actions]\nsecret = "alert"\n')
    pat = tokens.github_pat()
    r = run(capsys, "policy", "test", lax, "--channel", "log", f"token {pat}")
    assert r.rc == 0 and "decision: allowed" in r.out and "-> alert" in r.out
    assert "payload: not shown: 1 finding(s) pass through unchanged (alert)" in r.out
    assert pat not in r.out + r.err
    r = run(capsys, "policy", "test", lax, "--channel", "log", "--format", "json", f"k {pat}")
    doc = json.loads(r.out)
    assert doc["payload"] is None and doc["payload_withheld"] and pat not in r.out
