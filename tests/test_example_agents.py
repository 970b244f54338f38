"""examples/agents: the offline LangChain agents, unguarded (they leak) and guarded (they don't)."""

from __future__ import annotations

import importlib
import io
import json
from typing import Any

import pytest

pytest.importorskip("langchain.agents")
pytest.importorskip("structlog")

from agentguard.cli import demo
from agentguard.cli.main import build_parser, main
from examples import agents
from examples.agents import Captured


def _fragments(value: str, size: int = 8) -> set[str]:
    return {value[i : i + size] for i in range(len(value) - size + 1)}


@pytest.fixture(params=list(agents.SCENARIOS))
def scenario(request: pytest.FixtureRequest) -> Any:
    return agents.SCENARIOS[request.param]


def test_guarded_run_leaks_no_planted_secret(scenario: Any) -> None:
    cap: Captured = scenario(True)
    assert cap.guarded and cap.secrets and cap.messages and cap.state and cap.logs
    places = {
        "final messages": repr(cap.messages),
        "state": repr(cap.state),
        "checkpoints": repr(cap.checkpoints),
        "logs": "\n".join(cap.logs),
        "tool received": repr(cap.tool_saw),
    }
    for where, text in places.items():
        for name, value in cap.secrets.items():
            assert value not in text, f"{name} leaked into {where}"
    assert not any(cap.leaks().values())
    assert "[REDACTED:secret/" in repr(cap.state)
    assert "[REDACTED:secret/" in "\n".join(cap.logs)


def test_unguarded_run_leaks_every_planted_secret(scenario: Any) -> None:
    """Without the guard the same run carries every secret: the check above can fail."""
    cap: Captured = scenario(False)
    everything = "\n".join(cap.channels().values())
    for name, value in cap.secrets.items():
        assert value in everything, f"{name} was never planted"
        assert value in repr(cap.state), f"{name} is not in the unguarded state"
        assert value in "\n".join(cap.logs), f"{name} is not in the unguarded logs"
    assert "[REDACTED:" not in everything


def test_secrets_are_fresh_per_run(scenario: Any) -> None:
    assert scenario(True).secrets != scenario(True).secrets


def test_support_metadata_reduced_to_a_citation() -> None:
    cap = agents.support.run(True)
    tool_msg = cap.state["messages"][2]
    (doc,) = tool_msg.artifact  # the checkpointer hands Documents back as plain dicts
    meta = doc["metadata"] if isinstance(doc, dict) else doc.metadata
    assert "embedding" not in meta and "last_editor_token" not in meta
    assert meta["source"] == "crm://cases/4711"


def test_research_scores_coarsened() -> None:
    """The classifier's full distribution is cut to its top label, two decimals."""
    cap = agents.research.run(True)
    result = cap.state["messages"][2].content
    assert "[REDACTED:secret/slack-bot-token]" in result
    scores = json.loads(result)["scores"]
    assert len(scores) == 1 and len(str(next(iter(scores.values())))) <= 4


def test_exfiltration_tool_never_receives_the_credentials() -> None:
    cap = agents.exfiltration.run(True)
    (call,) = cap.tool_saw
    assert call["url"] == "https://paste.example.net/new"
    assert "[REDACTED:secret/aws-access-key-id]" in call["body"]


def test_report_shows_no_secret_and_names_channels() -> None:
    comparisons = agents.compare()
    text = agents.report(comparisons)
    for comp in comparisons:
        for cap in (comp.without, comp.with_guard):
            for value in cap.secrets.values():
                assert not {f for f in _fragments(value) if f in text}
    for word in ("final messages", "agent state", "tool received", "logs", "fp="):
        assert word in text
    assert not agents.leaked(comparisons)


def test_demo_agents_prints_no_planted_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[agents.Comparison] = []
    real = agents.compare

    def recorded() -> list[agents.Comparison]:
        seen.extend(real())
        return seen

    monkeypatch.setattr(agents, "compare", recorded)
    out = io.StringIO()
    assert demo.run_agents_demo(out) == 0
    text = out.getvalue()
    assert len(seen) == len(agents.SCENARIOS)
    for comp in seen:
        for cap in (comp.without, comp.with_guard):
            for value in cap.secrets.values():
                assert not {f for f in _fragments(value) if f in text}, "a secret was printed"
    assert "customer support" in text and "secret/stripe-live-secret-key" in text


def test_demo_agents_without_langchain_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def missing(name: str, package: str | None = None) -> Any:
        if name.startswith("langchain"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", missing)
    out = io.StringIO()
    assert demo.run_agents_demo(out) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and "langchain" in lines[0].lower()


def _cli_has_agents_flag() -> bool:
    args, unknown = build_parser().parse_known_args(["demo", "--agents"])
    return not unknown and getattr(args, "agents", False) is True


def test_cli_demo_agents(capsys: pytest.CaptureFixture[str]) -> None:
    if not _cli_has_agents_flag():
        pytest.skip("agentguard/cli/main.py does not wire `demo --agents` yet")
    capsys.readouterr()
    assert main(["demo", "--agents"]) == 0
    out = capsys.readouterr().out
    assert "customer support" in out and "with agentguard" in out
