"""Scenario 4: a healthcare triage agent whose diagnosis model returns detailed confidences.

The triage model tool answers with every candidate condition and its score at seven
decimals, plus a calibrated confidence; the model quotes the fine scores back, and its
provider response carries token ``logprobs``. Full-precision confidences and logprobs are
inversion signals: they let a caller rebuild inputs (a patient's record) or tell whether a
record was in the training set (MITRE ATLAS AML.T0024). With agentguard the tool result keeps
the top label at two decimals, the answer's numbers are rounded and the logprobs dropped;
the app's structlog lines are reduced alike. No credential is planted here.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langchain_core.tools import tool

from examples.agents._common import Captured, run_agent

NAME = "healthcare triage"
#: The triage model's full answer: every label, seven decimals (the inversion signal).
PREDICTIONS = (
    ("type 2 diabetes", 0.8734121),
    ("prediabetes", 0.0912442),
    ("hypothyroidism", 0.0213873),
    ("cushing syndrome", 0.0089231),
    ("healthy", 0.0050333),
)
CALIBRATED = 0.91234
#: The provider's token logprobs on the model's answer (top alternatives included).
LOGPROBS = {
    "content": [
        {
            "token": tok,
            "logprob": lp,
            "top_logprobs": [{"token": tok, "logprob": lp}, {"token": alt, "logprob": alt_lp}],
        }
        for tok, lp, alt, alt_lp in (
            ("Most", -0.0021347, "The", -6.2213881),
            (" likely", -0.0108231, " probable", -4.6672019),
            (" type", -0.0004412, " diabetes", -7.9120373),
        )
    ]
}


def run(guarded: bool) -> Captured:
    def make_tools(log: Any, saw: list[Any]) -> list[Any]:
        @tool
        def triage_model(patient_ref: str, symptoms: str) -> dict[str, Any]:
            """Score a patient's symptoms with the clinical triage model."""
            saw.append({"patient_ref": patient_ref, "symptoms": symptoms})
            result = {
                "patient_ref": patient_ref,
                "model": "triage-net-v4",
                "predictions": [{"label": label, "score": score} for label, score in PREDICTIONS],
                "calibrated_confidence": CALIBRATED,
            }
            log.info("triage model response", patient_ref=patient_ref, result=result)
            return result

        return [triage_model]

    top, score = PREDICTIONS[0]
    script = [
        AIMessage(
            content="",
            tool_calls=[
                {
                    "name": "triage_model",
                    "args": {
                        "patient_ref": "PT-20931",
                        "symptoms": "polyuria, polydipsia, fatigue, HbA1c 7.1%",
                    },
                    "id": "h1",
                }
            ],
        ),
        AIMessage(
            content=(
                f"Most likely {top} (score: {score}, calibrated confidence: {CALIBRATED}); "
                "please confirm with a fasting glucose test."
            ),
            response_metadata={"model_name": "scripted-clinical", "logprobs": LOGPROBS},
        ),
    ]
    return run_agent(
        NAME,
        guarded,
        secrets={},
        script=script,
        make_tools=make_tools,
        question="Triage patient PT-20931: polyuria, polydipsia, fatigue, HbA1c 7.1%.",
        system_prompt="You are a clinical triage assistant. Use the triage model.",
    )
