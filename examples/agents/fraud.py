"""Scenario 5: a payments agent whose fraud model returns its full probability vector.

The fraud-scoring tool hands back a decision and, besides it, every class probability at
seven decimals, the raw logits and the model head's bare output vector (under a key that
names nothing). A caller who can read the whole vector can probe the model, rebuild its
decision boundary or infer its training records (MITRE ATLAS AML.T0024); the agent needs the
decision and at most a coarse score. With agentguard the probabilities keep their top label
at two decimals, the logits go and the bare vector keeps only its top value, in the tool
result, agent state, the model's answer and the logs alike. No credential is planted here.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langchain_core.tools import tool

from examples.agents._common import Captured, run_agent

NAME = "fraud scoring"
#: The full probability vector, seven decimals (the inversion signal).
CLASS_PROBABILITIES = {
    "legit": 0.8123456,
    "fraud": 0.1287311,
    "chargeback": 0.0313622,
    "account_takeover": 0.0275611,
}
LOGITS = [2.1934512, 0.3512093, -1.0651234, -1.1923377]


def run(guarded: bool) -> Captured:
    def make_tools(log: Any, saw: list[Any]) -> list[Any]:
        @tool
        def score_transaction(transaction_id: str) -> dict[str, Any]:
            """Score a card transaction with the fraud model."""
            saw.append({"transaction_id": transaction_id})
            result = {
                "transaction_id": transaction_id,
                "decision": "review",
                "class_probabilities": dict(CLASS_PROBABILITIES),
                "logits": list(LOGITS),
                "head_output": list(CLASS_PROBABILITIES.values()),  # bare, unlabelled
            }
            log.info("fraud model response", result=result)
            return result

        return [score_transaction]

    fraud = CLASS_PROBABILITIES["fraud"]
    script = [
        AIMessage(
            content="",
            tool_calls=[
                {"name": "score_transaction", "args": {"transaction_id": "tx_88123"}, "id": "f1"}
            ],
        ),
        AIMessage(
            content=(
                f"Transaction tx_88123 is held for manual review (fraud probability: {fraud})."
            )
        ),
    ]
    return run_agent(
        NAME,
        guarded,
        secrets={},
        script=script,
        make_tools=make_tools,
        question="Should we let transaction tx_88123 through?",
        system_prompt="You are a payments risk assistant. Use the fraud model.",
    )
