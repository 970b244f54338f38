"""``agentguard demo``'s probing scenario: a fraud model swept feature by feature by one
principal is detected and degraded for it alone, with the real guard."""

from __future__ import annotations

import io

from agentguard.cli import demo
from agentguard.guard import Guard
from agentguard.policy.model import Policy


def test_sweeper_is_degraded_and_the_other_principal_is_served() -> None:
    rows = demo.play_probing(Policy())
    attack = [r for r in rows if r.principal == demo.ATTACKER]
    honest = [r for r in rows if r.principal == demo.HONEST]
    first = next(i for i, r in enumerate(attack) if r.found)
    assert 7 <= first < 20 and attack[first].found == ("probing/sweep",)
    assert all(r.scored and r.received.startswith("scores: ") for r in attack[:first])
    assert all(not r.scored and r.received.startswith("label only") for r in attack[first:])
    # The second feature's sweep is flagged again once it is long enough.
    assert any(r.found for r in attack if r.varied == "account_age_days")
    assert honest and all(r.scored and not r.found for r in honest)
    # The default policy still reduces the honest principal's vector to its top score.
    assert all(r.received.count(",") == 0 for r in honest)
    assert demo.probing_ok(rows)


def test_probing_ok_fails_when_the_guard_does_not_degrade() -> None:
    rows = demo.play_probing(Policy())
    served = [
        demo.ProbeRow(r.principal, r.query, r.varied, r.found, "scores: x", True) for r in rows
    ]
    assert not demo.probing_ok(served)
    unflagged = [
        demo.ProbeRow(r.principal, r.query, r.varied, (), r.received, r.scored) for r in rows
    ]
    assert not demo.probing_ok(unflagged)


def test_run_demo_prints_the_probing_table() -> None:
    out = io.StringIO()
    assert demo.run_demo(Guard(), out) == 0
    text = out.getvalue()
    assert f"{demo.ATTACKER} was flagged at its query" in text
    assert "label only: " in text and "probing/sweep" in text
    quiet = io.StringIO()
    demo.run_demo(Guard(), quiet, probing=False)
    assert "probing/sweep" not in quiet.getvalue()
