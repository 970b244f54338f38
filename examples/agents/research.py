"""Scenario 2: a research endpoint tool that returns unrestricted scores and a debug token.

The classifier endpoint hands back the full label -> probability map (an inversion signal:
full-precision confidence scores help reconstruct training data) and, in a ``debug`` field,
the bearer token it used upstream.

With agentguard the token is redacted and the scores are cut to the top label at two
decimals (the default ``[signals]`` policy), in the tool result, agent state and the logs.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langchain_core.tools import tool

from examples.agents._common import Captured, _rng, run_agent, slack_token

NAME = "research endpoint"
LABELS = ("benign", "toxic", "spam", "self-harm", "harassment")


def run(guarded: bool) -> Captured:
    secrets = {"token in debug field": slack_token()}
    token = secrets["token in debug field"]
    weights = [_rng.random() for _ in LABELS]
    scores = {label: w / sum(weights) for label, w in zip(LABELS, weights, strict=True)}
    top = max(scores, key=lambda label: scores[label])

    def make_tools(log: Any, saw: list[Any]) -> list[Any]:
        @tool
        def classify(text: str) -> dict[str, Any]:
            """Score a text with the research classifier endpoint."""
            saw.append({"text": text})
            result = {
                "model": "clf-research-v3",
                "scores": scores,  # unrestricted: every label, full precision
                "debug": {"upstream": "https://ml.internal/score", "token": token},
            }
            log.debug("classifier response", result=result)
            return result

        return [classify]

    script = [
        AIMessage(
            content="",
            tool_calls=[{"name": "classify", "args": {"text": "you are all idiots"}, "id": "r1"}],
        ),
        AIMessage(content=f"The classifier's top label is {top} ({scores[top]:.2f})."),
    ]
    return run_agent(
        NAME,
        guarded,
        secrets=secrets,
        script=script,
        make_tools=make_tools,
        question="Classify: 'you are all idiots'",
        system_prompt="You are a research assistant with a text classifier.",
    )
