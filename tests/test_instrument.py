"""Zero-code enforcement: an unmodified LangChain app, run plain, under
``agentguard-instrument`` and after ``agentguard.install()``, as real processes; and in
process: nothing guarded twice, ``uninstall()`` restores every original."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain.agents import factory
from langchain_core.language_models import BaseChatModel
from langchain_core.retrievers import BaseRetriever
from langchain_core.tools import BaseTool

import agentguard
from agentguard import Guard, Policy
from agentguard.events import InspectionEvent
from agentguard.langchain import AgentGuardMiddleware
from examples.platform_app import app
from tests import tokens

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "examples" / "platform_app" / "app.py"
BIN = Path(sys.executable).parent
INSTALL_THEN_RUN = (
    "import runpy, sys, agentguard; agentguard.install(); "
    "sys.argv = [sys.argv[1]]; runpy.run_path(sys.argv[0], run_name='__main__')"
)


@pytest.fixture
def secrets() -> dict[str, str]:
    return {
        "PLATFORM_DEMO_API_KEY": "sk_live_" + tokens._pick(tokens.B62, 32),
        "PLATFORM_DEMO_TOKEN": tokens.github_pat(),
    }


def run(cmd: list[str], secrets: dict[str, str], **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("AGENTGUARD_")}
    full.update(secrets, HF_HUB_OFFLINE="1", **env)
    full.pop("PYTHONPATH", None)
    return subprocess.run(cmd, capture_output=True, text=True, env=full, cwd=ROOT, timeout=240)


def leaked(proc: subprocess.CompletedProcess[str], secrets: dict[str, str]) -> list[str]:
    return [name for name, value in secrets.items() if value in proc.stdout + proc.stderr]


def test_the_app_leaks_when_run_plain(secrets: dict[str, str]) -> None:
    proc = run([sys.executable, str(APP)], secrets)
    assert proc.returncode == 0, proc.stderr
    assert leaked(proc, secrets) == list(secrets)  # tool result, retrieval and answer


def test_agentguard_instrument_guards_the_unmodified_app(
    secrets: dict[str, str], tmp_path: Path
) -> None:
    audit = tmp_path / "audit.jsonl"
    cmd = [str(BIN / "agentguard-instrument"), "--audit-log", str(audit), "--no-reload"]
    proc = run([*cmd, sys.executable, str(APP)], secrets)
    assert proc.returncode == 0, proc.stderr
    assert leaked(proc, secrets) == []
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert "[REDACTED:secret/github-pat]" in proc.stdout
    retrieved = [o for o in out if "retrieved" in o]
    assert retrieved and "embedding" not in retrieved[0]["metadata"]  # the direct query too
    records = [json.loads(line) for line in audit.read_text().splitlines()]
    channels = {r["channel"] for r in records}
    assert {"tool_output", "retrieval", "model_output"} <= channels
    assert all(v not in audit.read_text() for v in secrets.values())


def test_install_then_run_guards_the_unmodified_app(secrets: dict[str, str]) -> None:
    proc = run([sys.executable, "-c", INSTALL_THEN_RUN, str(APP)], secrets)
    assert proc.returncode == 0, proc.stderr
    assert leaked(proc, secrets) == [] and "[REDACTED:secret/" in proc.stdout


def test_instrument_applies_layered_policy_and_refuses_to_start_on_a_bad_one(
    secrets: dict[str, str], tmp_path: Path
) -> None:
    org = tmp_path / "org.toml"
    org.write_text('[actions]\nsecret = "redact"\n[lock]\nactions = ["secret"]\n')
    team = tmp_path / "team.toml"
    team.write_text('on_block = "refuse"\nrefusal = "WITHHELD"\n[actions]\nsecret = "block"\n')
    cmd = [str(BIN / "agentguard-instrument"), "--policy", str(org), "--policy", str(team)]
    proc = run([*cmd, sys.executable, str(APP)], secrets)
    assert proc.returncode == 0, proc.stderr
    assert leaked(proc, secrets) == [] and "WITHHELD" in proc.stdout
    team.write_text('[actions]\nsecret = "alert"\n')
    proc = run([*cmd, sys.executable, str(APP)], secrets)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "not starting" in proc.stderr and "team.toml:2" in proc.stderr
    assert leaked(proc, secrets) == []


# --- in process ----------------------------------------------------------------------------


@pytest.fixture
def events() -> Iterator[tuple[Guard, list[InspectionEvent]]]:
    guard = Guard(Policy())
    seen: list[InspectionEvent] = []
    guard.observe(seen.append)
    yield guard, seen
    agentguard.uninstall()


def ask(agent: object) -> str:
    result = agent.invoke({"messages": [{"role": "user", "content": "refunds?"}]})  # type: ignore[attr-defined]
    return repr(result["messages"])


def counts(seen: list[InspectionEvent]) -> Counter[str]:
    return Counter(e.channel.value for e in seen)


def agent(middleware: list[object] | None = None) -> object:
    """The app's agent, built through ``langchain.agents.create_agent`` as it is now."""
    import langchain.agents

    return langchain.agents.create_agent(
        app.ScriptedChatModel(script=app.build_agent_script()),
        [app.lookup_customer, app.search_runbooks],
        system_prompt="You are a billing support agent.",
        middleware=middleware or [],
    )


def test_nothing_is_guarded_twice(events: tuple[Guard, list[InspectionEvent]]) -> None:
    guard, seen = events
    assert app.API_KEY not in ask(agent([AgentGuardMiddleware(guard)]))  # guarded by hand
    by_hand = counts(seen)
    seen.clear()
    assert agentguard.install(guard) is guard
    assert agentguard.install() is guard  # idempotent: same guard, nothing patched twice
    patched_invoke = BaseTool.invoke
    agentguard.install()
    assert BaseTool.invoke is patched_invoke
    text = ask(agent())
    assert app.API_KEY not in text and app.TOKEN not in text
    auto = counts(seen)
    # the same inspections as by hand, plus the retriever the tool calls inside
    assert auto.pop("retrieval") == 1 and auto == by_hand, (auto, by_hand)
    seen.clear()
    again = counts(seen) if ask(agent([AgentGuardMiddleware(guard)])) else Counter()
    assert again.pop("retrieval") == 1 and again == by_hand  # the app's own middleware kept


def test_an_agent_built_before_install_is_guarded_by_its_parts(
    events: tuple[Guard, list[InspectionEvent]],
) -> None:
    guard, seen = events
    assert app.create_agent is factory.create_agent  # the app imported it before install
    agentguard.install(guard)
    text = ask(app.build_agent())  # so its agent has no middleware; its parts are guarded
    assert app.API_KEY not in text and app.TOKEN not in text
    c = counts(seen)
    assert c["tool_input"] == 2 and c["tool_output"] == 2 and c["retrieval"] == 1


def test_uninstall_restores_every_original(events: tuple[Guard, list[InspectionEvent]]) -> None:
    import langchain.agents

    originals = (
        BaseTool.invoke, BaseTool.ainvoke, BaseRetriever.invoke, BaseRetriever.ainvoke,
        BaseChatModel.invoke, BaseChatModel.ainvoke, BaseChatModel.stream, BaseChatModel.astream,
        factory.create_agent, langchain.agents.create_agent,
    )  # fmt: skip
    guard, seen = events
    agentguard.install(guard)
    assert BaseTool.invoke is not originals[0] and factory.create_agent is not originals[8]
    agentguard.uninstall()
    agentguard.uninstall()  # idempotent
    assert (
        BaseTool.invoke, BaseTool.ainvoke, BaseRetriever.invoke, BaseRetriever.ainvoke,
        BaseChatModel.invoke, BaseChatModel.ainvoke, BaseChatModel.stream, BaseChatModel.astream,
        factory.create_agent, langchain.agents.create_agent,
    ) == originals  # fmt: skip
    seen.clear()
    assert app.API_KEY in ask(app.build_agent())  # unguarded again
    assert seen == []


def test_async_agents_and_streamed_models_are_guarded(
    events: tuple[Guard, list[InspectionEvent]],
) -> None:
    guard, _ = events
    agentguard.install(guard)

    async def go() -> tuple[str, str]:
        result = await app.build_agent().ainvoke({"messages": [{"role": "user", "content": "?"}]})
        docs = await app.RETRIEVER.ainvoke("x")
        return repr(result["messages"]), docs[0].page_content

    messages, doc = asyncio.run(go())
    assert app.API_KEY not in messages and app.TOKEN not in messages and app.TOKEN not in doc
    model = app.ScriptedChatModel(script=app.build_agent_script()[1:])
    streamed = "".join(str(c.content) for c in model.stream("hi"))
    assert app.API_KEY not in streamed and "[REDACTED:secret/" in streamed


def test_install_watches_the_policy_files_and_uninstall_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    f = tmp_path / "p.toml"
    f.write_text('name = "first"\n')
    audit = tmp_path / "audit.jsonl"
    monkeypatch.setenv("AGENTGUARD_RELOAD_INTERVAL", "0.02")
    guard = agentguard.install(policy=[str(f)], audit_log=str(audit))
    try:
        assert guard.policy.name == "first"
        f.write_text('name = "second"\non_block = "refuse"\n[actions]\nsecret = "block"\n')
        end = time.monotonic() + 10
        while guard.policy.name != "second" and time.monotonic() < end:
            time.sleep(0.02)
        assert guard.policy.name == "second"
        guard.sanitize(f"k {tokens.github_pat()}", "log")
        (rec,) = [json.loads(x) for x in audit.read_text().splitlines()]
        assert rec["decision"] == "blocked" and rec["policy_version"] == guard.policy_version
    finally:
        agentguard.uninstall()
    assert agentguard.instrument.installed() is None
    f.write_text('name = "third"\n')
    time.sleep(0.2)
    assert guard.policy.name == "second"  # the watcher stopped with uninstall
    assert audit.read_text().count("\n") == 1 and guard.observers == []
