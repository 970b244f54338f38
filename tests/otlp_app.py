"""An application run in its own process for the OTLP end-to-end tests.

``python -m tests.otlp_app MODE WORKDIR`` with the ``OTEL_*`` variables set by the test:
``configure()`` is process-global (OpenTelemetry providers can be set once), so each run
gets a fresh interpreter. It prints one JSON line: what it installed, and (``full``) the
hex of every byte string that must never reach the wire.

Modes: ``full`` (a content-capturing instrumentation's spans, a guarded agent run, blocked
and probing inspections, a shadow memorisation check, a bridged log line), ``plain`` (one
instrumentation span and one risky inspection; for the sampler and disable variables) and
``app-provider`` (the application set its own tracer provider first).
"""

from __future__ import annotations

import json
import logging
import struct
import sys
from pathlib import Path
from typing import Any

from opentelemetry import trace

from agentguard import Guard, Policy
from agentguard.policy import policy_from_mapping
from agentguard.telemetry import configure
from tests import telemetry_cases as cases
from tests import tokens


def _byte_needles(planted: cases.Planted) -> list[str]:
    out = [s.encode() for s in [*planted.secrets, *planted.canaries]]
    floats = [v for vec in planted.vectors for v in vec[:32]]
    out += [struct.pack("<d", v) for v in floats]  # a double array attribute, as encoded
    out += [repr(v).encode() for v in floats]  # a vector inside JSON text
    return [b.hex() for b in out]


def _canary_index(workdir: Path) -> Path:
    from agentguard.canary import index as index_mod
    from agentguard.canary.encoder import shared_encoder
    from agentguard.canary.records import Record

    out = workdir / "canaries"
    index_mod.save(index_mod.build([Record("cn-1", cases.CANARY)], shared_encoder()), out)
    return out


def _agent_run(guard: Guard, planted: cases.Planted) -> None:
    from langchain.agents import create_agent
    from langchain_core.messages import AIMessage
    from langchain_core.tools import tool
    from langgraph.checkpoint.memory import InMemorySaver

    from agentguard.langchain import AgentGuardMiddleware
    from tests.langchain_fakes import ScriptedChatModel

    secret, arg, said = tokens.slack_bot(), tokens.aws_key_id(), tokens.github_pat()
    planted.secrets += [secret, arg, said]

    @tool
    def lookup(query: str) -> str:
        """Look a customer up."""
        return f"customer row; api token {secret}"

    model = ScriptedChatModel(
        script=[
            AIMessage(
                content="",
                tool_calls=[{"name": "lookup", "args": {"query": f"key {arg}"}, "id": "c1"}],
            ),
            AIMessage(content=f"Here it is: {said}"),
        ]
    )
    agent = create_agent(
        model,
        [lookup],
        middleware=[AgentGuardMiddleware(guard, principal="svc-7")],
        checkpointer=InMemorySaver(),
        name="support-bot",
    )
    cfg: Any = {"configurable": {"thread_id": "thread-77"}}
    guard.wrap(agent, channel="model_output").invoke(
        {"messages": [{"role": "user", "content": "find customer 7"}]}, cfg
    )


def full(workdir: Path) -> dict[str, Any]:
    from agentguard.canary.detector import CanaryDetector

    index = _canary_index(workdir)
    guard = Guard(Policy(), detectors=[CanaryDetector.from_path(index)])  # built before configure
    telemetry = configure(guard=guard, logs=True)
    planted = cases.Planted()

    # another instrumentation, recording content as OpenLLMetry and OpenInference do
    cases.openllmetry_span(
        trace.get_tracer("opentelemetry.instrumentation.openai"), planted, canary=True
    )
    cases.openinference_spans(trace.get_tracer("openinference.instrumentation.langchain"), planted)
    cases.failing_span(trace.get_tracer("app"), planted)

    _agent_run(guard, planted)

    # guards built after configure() record metrics through the global provider
    blocking = Guard(policy_from_mapping({"actions": {"secret": "block"}}))
    pat = tokens.github_pat()
    planted.secrets.append(pat)
    blocking.inspect(f"token {pat}", channel="model_input")
    for i in range(8):
        args = {"age": 41, "income": 20_000 + 5_000 * i}
        blocking.inspect({"tool": "score", "args": args}, "tool_input", principal="svc-9")
    shadowed = Guard(
        policy_from_mapping({"detectors": {"canary": {"index": str(index), "mode": "shadow"}}})
    )
    shadowed.inspect(f"As I recall: {cases.CANARY}", channel="model_output")
    shadowed.shadow.drain(60)

    slack = tokens.slack_bot()
    planted.secrets.append(slack)
    logging.getLogger("app").warning("tool said %s", f"token {slack}")

    telemetry.shutdown()
    return {"installed": sorted(telemetry.installed), "needles": _byte_needles(planted)}


def plain(workdir: Path) -> dict[str, Any]:
    telemetry = configure(guard=Guard(Policy()))
    planted = cases.Planted()
    cases.openllmetry_span(trace.get_tracer("opentelemetry.instrumentation.openai"), planted)
    cases.openinference_spans(trace.get_tracer("openinference.instrumentation"), planted)
    Guard(Policy()).inspect(f"token {tokens.github_pat()}", channel="tool_output")
    telemetry.shutdown()
    return {"installed": sorted(telemetry.installed), "needles": _byte_needles(planted)}


def app_provider(workdir: Path) -> dict[str, Any]:
    from opentelemetry.sdk.trace import TracerProvider

    mine = TracerProvider()
    trace.set_tracer_provider(mine)
    telemetry = configure(guard=Guard(Policy()))
    kept = trace.get_tracer_provider() is mine and telemetry.tracer_provider is mine
    telemetry.shutdown()
    return {"installed": sorted(telemetry.installed), "kept": kept}


if __name__ == "__main__":
    mode, workdir = sys.argv[1], Path(sys.argv[2])
    run = {"full": full, "plain": plain, "app-provider": app_provider}[mode]
    print(json.dumps(run(workdir)))
