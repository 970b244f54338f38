"""Hot reload: an atomic swap, an invalid file keeps the old policy, reported by log and span."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from agentguard import Decision, Guard, Policy, PolicyError
from agentguard.events import InspectionEvent
from agentguard.policy import policy_from_toml
from agentguard.policy.watch import SPAN_RELOAD, PolicyWatcher
from tests import tokens

REDACT = 'name = "redacting"\n'
BLOCK = 'name = "blocking"\non_block = "refuse"\nrefusal = "NO"\n[actions]\nsecret = "block"\n'


def wait_for(cond: Callable[[], bool], timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.02)
    return False


def test_reload_swaps_everything_and_keeps_probing_history() -> None:
    guard = Guard(policy_from_toml(REDACT))
    pat = tokens.github_pat()
    assert "[REDACTED:secret/github-pat]" in guard.sanitize(pat, "log")
    guard.inspect({"q": "account 1"}, "tool_input", principal="p1")
    prober = guard._prober()
    old_version = guard.policy_version
    new_version = guard.reload(policy_from_toml(BLOCK))
    assert new_version == guard.policy_version != old_version
    assert guard.policy.name == "blocking" and guard.sanitize(pat, "log") == "NO"
    assert guard._prober() is prober  # same store settings: same history
    guard.reload(policy_from_toml(REDACT + "[probing]\nwindow = 60\n"))
    assert guard._prober() is not prober  # a new window is a new store


def test_a_policy_that_cannot_build_leaves_the_old_one(tmp_path: Path) -> None:
    guard = Guard(policy_from_toml(BLOCK))
    bad = policy_from_toml('name = "x"\n[detectors.no-such-detector]\n')
    with pytest.raises(PolicyError, match="no-such-detector"):
        guard.reload(bad)
    assert guard.policy.name == "blocking" and guard.sanitize(tokens.github_pat(), "log") == "NO"


def test_no_inspection_sees_half_of_two_policies() -> None:
    a, b = policy_from_toml(REDACT), policy_from_toml(BLOCK)
    guard = Guard(a)
    va, vb = guard.policy_version, Guard(b).policy_version
    events: list[InspectionEvent] = []
    guard.observe(events.append)
    pat = tokens.github_pat()
    outcomes: list[str] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def inspect() -> None:
        while not stop.is_set():
            try:
                outcomes.append(guard.sanitize(f"k={pat}", "tool_output"))
            except BaseException as exc:  # any error is a gap in the policy
                errors.append(exc)

    workers = [threading.Thread(target=inspect) for _ in range(4)]
    for w in workers:
        w.start()
    i, end = 0, time.monotonic() + 10
    while time.monotonic() < end and min(outcomes.count("NO"), len(outcomes) // 2) < 200:
        guard.reload(b if i % 2 == 0 else a)
        i += 1
        time.sleep(0.0005)
    stop.set()
    for w in workers:
        w.join()
    assert not errors
    assert set(outcomes) == {"k=[REDACTED:secret/github-pat]", "NO"}
    for e in events:  # the version recorded is the one that decided
        assert (e.decision, e.policy_version) in {(Decision.REDACTED, va), (Decision.BLOCKED, vb)}


def test_watcher_applies_good_changes_and_keeps_the_old_policy_on_bad_ones(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor

    provider.add_span_processor(SimpleSpanProcessor(exporter))
    org = tmp_path / "org.toml"
    team = tmp_path / "team.toml"
    org.write_text('name = "org"\n[lock]\nactions = ["secret"]\n')
    team.write_text(REDACT)
    guard = Guard(Policy.load([str(org), str(team)]), tracer_provider=provider)
    pat = tokens.github_pat()
    watcher = PolicyWatcher(guard, [str(org), str(team)], interval=0.02).start()
    try:
        team.write_text(BLOCK)
        assert wait_for(lambda: guard.policy.name == "blocking")
        assert guard.sanitize(pat, "log") == "NO"
        good_version = guard.policy_version
        with caplog.at_level(logging.ERROR, logger="agentguard"):
            team.write_text('name = "loose"\n[actions]\nsecret = "alert"\n')  # breaks the lock
            assert wait_for(lambda: watcher.last is not None and not watcher.last.applied)
        assert guard.policy_version == good_version and guard.sanitize(pat, "log") == "NO"
        assert any("reload failed" in r.getMessage() and "team.toml:3" in r.getMessage()
                   for r in caplog.records)  # fmt: skip
        rejected = [s for s in exporter.get_finished_spans() if s.name == SPAN_RELOAD][-1]
        assert rejected.status.status_code is StatusCode.ERROR
        assert any("locked" in str(ev.attributes) for ev in rejected.events)
        team.write_text("this is = not toml =")
        assert wait_for(
            lambda: watcher.last is not None and "not valid TOML" in str(watcher.last.error)
        )
        assert guard.policy_version == good_version
        team.write_text(REDACT)
        assert wait_for(lambda: guard.policy.name == "redacting")
        applied = [s for s in exporter.get_finished_spans() if s.name == SPAN_RELOAD][-1]
        assert applied.status.status_code is not StatusCode.ERROR
        assert pat not in caplog.text
    finally:
        watcher.stop()
        provider.shutdown()


def test_guard_watch_uses_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "p.toml"
    f.write_text(REDACT)
    monkeypatch.setenv("AGENTGUARD_POLICY", str(f))
    guard = Guard()
    watcher = guard.watch(interval=0.02)
    try:
        f.write_text(BLOCK)
        assert wait_for(lambda: guard.policy.name == "blocking")
    finally:
        watcher.stop()
    monkeypatch.delenv("AGENTGUARD_POLICY")
    with pytest.raises(ValueError, match="no policy files"):
        PolicyWatcher(guard)


def test_a_change_is_taken_only_once_it_holds_still(tmp_path: Path) -> None:
    f = tmp_path / "p.toml"
    f.write_text(REDACT)
    guard = Guard(Policy.load(str(f)))
    watcher = PolicyWatcher(guard, [str(f)])  # not started: driven by hand
    f.write_text('name = "half-writ')  # caught mid-write
    assert watcher.check() is None
    f.write_text(BLOCK)  # the write completes before the next look
    assert watcher.check() is None and guard.policy.name == "redacting"
    result = watcher.check()
    assert result is not None and result.applied and guard.policy.name == "blocking"
    assert watcher.check() is None


def test_a_block_is_settled_by_the_policy_that_decided_it() -> None:
    """A reload between an inspection and its outcome cannot turn a refusal into a raise."""
    from agentguard.langchain.wrappers import _settle

    guard = Guard(policy_from_toml(BLOCK))
    verdict = guard.inspect(f"key {tokens.github_pat()}", channel="tool_output")
    assert verdict.blocked and verdict.on_block == "refuse"
    guard.reload(policy_from_toml('on_block = "raise"\n[actions]\nsecret = "block"\n'))
    assert Guard._outcome(verdict) == "NO"
    assert _settle(guard, verdict) == (True, "NO")
    again = guard.inspect(f"key {tokens.github_pat()}", channel="tool_output")
    assert again.on_block == "raise"
