"""The audit trail: what a line holds (and never holds), many writers, rotation, summary."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from agentguard import Channel, Decision, Guard, Policy
from agentguard.audit import AuditLog, audit_record, summarize
from agentguard.events import InspectionEvent
from agentguard.findings import Action, Finding, Severity
from tests import tokens
from tests.test_cli_support import run

ROOT = Path(__file__).resolve().parents[1]


def lines(*paths: Path) -> list[dict[str, object]]:
    out = []
    for p in paths:
        for raw in p.read_text().splitlines():
            out.append(json.loads(raw))  # a torn or interleaved line fails here
    return out


def test_a_decision_line_has_the_facts_and_no_raw_value(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    guard = Guard(Policy())
    audit = AuditLog(path).attach(guard)
    pat = tokens.github_pat()
    guard.inspect({"note": f"token {pat}"}, "tool_output", principal="alice@example.com")
    guard.inspect("nothing to see", "tool_output")  # clean: not recorded by default
    (rec,) = lines(path)
    assert rec["channel"] == "tool_output" and rec["decision"] == "redacted"
    assert rec["policy_version"] == guard.policy_version and rec["policy"] == "default"
    assert rec["principal_fp"] == guard.fingerprint("alice@example.com")
    (f,) = rec["findings"]  # type: ignore[misc]
    assert f["kind"] == "secret/github-pat" and f["action"] == "redact"
    assert f["fingerprint"] == guard.fingerprint(pat) and "path" not in f
    text = path.read_text()
    assert pat not in text and "alice" not in text and "note" not in text
    assert datetime.fromisoformat(str(rec["ts"]).replace("Z", "+00:00")).tzinfo is not None
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    audit.clean = True
    guard.inspect("nothing to see", "log")
    assert lines(path)[-1]["decision"] == "allowed"
    assert "audit.jsonl" in repr(audit) and pat not in repr(audit)


def test_a_failing_disk_never_breaks_the_agent(tmp_path: Path) -> None:
    guard = Guard(Policy())
    audit = AuditLog(tmp_path / "a.jsonl").attach(guard)
    (tmp_path / "a.jsonl").mkdir()  # the path is now a folder: every write fails
    assert guard.sanitize(f"k {tokens.github_pat()}", "log").startswith("k [REDACTED")
    assert audit.errors == 1


def _event(i: int) -> InspectionEvent:
    finding = Finding.model_construct(
        detector="secrets", kind="secret/github-pat", rule="github-pat",
        channel=Channel.LOG, path="$", start=0, end=1, severity=Severity.HIGH,
        confidence=1.0, technique="", fingerprint=f"{i:016x}", action=Action.REDACT,
    )  # fmt: skip
    return InspectionEvent(
        Channel.LOG, Decision.REDACTED, (finding,), 1000, "p", "fp", policy_version="v1"
    )


WRITER = """
import sys
from agentguard.audit import AuditLog
from tests.test_audit import _event
log = AuditLog(sys.argv[1], max_bytes=int(sys.argv[2]), backups=200)
for i in range(int(sys.argv[3])):
    log(_event(i))
"""


def test_threads_and_processes_append_and_rotate_without_losing_a_line(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    per, max_bytes = 300, 40_000
    log = AuditLog(path, max_bytes=max_bytes, backups=200)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(max_bytes), str(per)], cwd=ROOT
        )
        for _ in range(3)
    ]
    threads = [
        threading.Thread(target=lambda: [log(_event(i)) for i in range(per)]) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(p.wait(timeout=120) == 0 for p in procs)
    files = [path, *sorted(tmp_path.glob("audit.jsonl.*[0-9]"))]
    assert len(files) > 3  # it did rotate, several times
    records = lines(*files)
    assert len(records) == 7 * per
    assert all(f.stat().st_size <= max_bytes for f in files)


def test_rotation_keeps_only_backups(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    log = AuditLog(path, max_bytes=2000, backups=2)
    for i in range(100):
        log(_event(i))
    assert sorted(p.name for p in tmp_path.glob("a.jsonl*") if not p.name.endswith(".lock")) == [
        "a.jsonl", "a.jsonl.1", "a.jsonl.2",
    ]  # fmt: skip


def test_a_file_moved_away_by_logrotate_is_reopened(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    log = AuditLog(path)
    log(_event(1))
    os.replace(path, tmp_path / "a.jsonl.old")
    log(_event(2))
    assert len(lines(path)) == 1 and len(lines(tmp_path / "a.jsonl.old")) == 1


def test_summary_counts_by_kind_channel_and_action_over_a_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "audit.jsonl"
    now = datetime.now(UTC)
    guard = Guard(Policy())
    events: list[InspectionEvent] = []
    guard.observe(events.append)
    guard.inspect(f"a {tokens.github_pat()} b {tokens.aws_key_id()}", "tool_output")
    guard.inspect(f"a {tokens.github_pat()}", "log")
    with path.open("w") as fh:
        old = audit_record(events[0], now=now - timedelta(days=3))
        fh.write(json.dumps(old) + "\n")
        for e in events:
            fh.write(json.dumps(audit_record(e, now=now)) + "\n")
        fh.write('{"torn": \n')
    s = summarize([path], since=now - timedelta(hours=1))
    assert s.decisions == 2 and s.findings == 3 and s.skipped == 1
    assert s.by_channel == {"tool_output": 1, "log": 1}
    assert s.by_kind["secret/github-pat"] == 2 and s.by_action == {"redact": 3}
    r = run(capsys, "audit", "summary", path, "--since", "1h")
    assert r.rc == 0 and "2 decision(s), 3 finding(s)" in r.out
    assert re.search(r"^  secret/github-pat +2$", r.out, re.M) and "skipped 1 line(s)" in r.out
    r = run(capsys, "audit", "summary", path, "--format", "json")
    doc = json.loads(r.out)
    assert doc["decisions"] == 3 and doc["by_channel"]["tool_output"] == 2
    until = (now - timedelta(days=1)).isoformat()
    assert (
        json.loads(run(capsys, "audit", "summary", path, "--until", until, "--format", "json").out)[
            "decisions"
        ]
        == 1
    )
    assert run(capsys, "audit", "summary", path, "--since", "yesterday").rc == 2
    assert run(capsys, "audit", "summary", tmp_path / "missing.jsonl").rc == 2
