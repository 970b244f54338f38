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
from examples.agents._common import embedding_vector


def _fragments(value: str, size: int = 8) -> set[str]:
    return {value[i : i + size] for i in range(len(value) - size + 1)}


#: Scenarios about output detail only: they plant no credential.
SIGNAL_ONLY = (agents.healthcare.NAME, agents.fraud.NAME)
#: Scenarios that plant no credential at all.
NO_SECRET = (*SIGNAL_ONLY, agents.memorised.NAME)


@pytest.fixture(params=[name for name in agents.SCENARIOS if name not in NO_SECRET])
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
    first, _ = tool_msg.artifact  # the checkpointer hands Documents back as plain dicts
    for doc in tool_msg.artifact:
        meta = doc["metadata"] if isinstance(doc, dict) else doc.metadata
        assert set(meta) == {"title", "source"}  # no embedding, score, token, path
    meta = first["metadata"] if isinstance(first, dict) else first.metadata
    assert meta == {"title": agents.support.TITLE, "source": "crm://cases/4711"}


# --- inversion signals: output detail, without agentguard and with it ------------------

#: The 384-dim vectors the support retrieval returns, seeded like the scenario does.
SUPPORT_VECTORS = [embedding_vector(4711), embedding_vector(401)]


def _signal_text(cap: Captured) -> dict[str, str]:
    """Every place a fine-grained value could sit, serialised (checkpoints included)."""
    return {
        "final messages": repr(cap.messages),
        "state": repr(cap.state),
        "checkpoints": repr(cap.checkpoints),
        "tool messages": repr([m for m in cap.state["messages"] if m.type == "tool"]),
        "logs": "\n".join(cap.logs),
    }


def _fine_values(name: str) -> list[str]:
    """The exact fine-grained number strings each signal scenario emits."""
    if name == agents.healthcare.NAME:
        scores = [repr(score) for _, score in agents.healthcare.PREDICTIONS]
        logprobs = [repr(t["logprob"]) for t in agents.healthcare.LOGPROBS["content"]]
        return [*scores, repr(agents.healthcare.CALIBRATED), *logprobs]
    if name == agents.fraud.NAME:
        probs = [repr(p) for p in agents.fraud.CLASS_PROBABILITIES.values()]
        return [*probs, *(repr(x) for x in agents.fraud.LOGITS)]
    assert name == agents.support.NAME
    vector_parts = [repr(x) for vec in SUPPORT_VECTORS for x in vec[:3]]
    return [*(repr(s) for s in agents.support.SCORES), *vector_parts]


SIGNAL_SCENARIOS = [*SIGNAL_ONLY, agents.support.NAME]


@pytest.mark.parametrize("name", SIGNAL_SCENARIOS)
def test_unguarded_run_carries_fine_grained_signals(name: str) -> None:
    cap = agents.SCENARIOS[name](False)
    places = _signal_text(cap)
    for value in _fine_values(name):
        assert value in places["state"] and value in places["final messages"]
    logprobs = {repr(t["logprob"]) for t in agents.healthcare.LOGPROBS["content"]}
    for value in set(_fine_values(name)) - logprobs:  # what the tool returned and logged
        assert value in places["tool messages"], f"{value} is not in the tool message"
        assert value in places["logs"], f"{value} is not in the unguarded logs"
    assert "[REDACTED:" not in repr(cap.state)


@pytest.mark.parametrize("name", SIGNAL_SCENARIOS)
def test_guarded_run_carries_no_fine_grained_signal(name: str) -> None:
    cap = agents.SCENARIOS[name](True)
    for where, text in _signal_text(cap).items():
        for value in _fine_values(name):
            assert value not in text, f"{value} reached the guarded {where}"
    assert "logprobs" not in repr(cap.state) and "logprobs" not in repr(cap.checkpoints)


def test_support_vectors_are_realistic_embeddings() -> None:
    vec = SUPPORT_VECTORS[0]
    assert len(vec) == 384 and vec != SUPPORT_VECTORS[1]
    assert max(len(repr(x).split(".")[1]) for x in vec) == 7
    assert 0.03 < (sum(x * x for x in vec) / len(vec)) ** 0.5 < 0.07  # normal(0, 0.05)


def test_support_embeddings_redacted_and_scores_rounded() -> None:
    bare, cap = agents.support.run(False), agents.support.run(True)
    hits = json.loads(cap.state["messages"][2].content)
    assert [h["embedding"] for h in hits] == ["[REDACTED:embedding dim=384]"] * 2
    assert [h["similarity"] for h in hits] == [0.9, 0.7]
    assert hits[0]["title"] == agents.support.TITLE  # the answer can still cite its source
    assert agents.support.TITLE in cap.messages[-1].content
    raw_hits = json.loads(bare.state["messages"][2].content)
    assert raw_hits[0]["embedding"] == SUPPORT_VECTORS[0]
    assert "[REDACTED:embedding dim=384]" not in "\n".join(cap.logs)  # metadata cut instead
    assert "embedding" not in "\n".join(cap.logs) and agents.support.TITLE in cap.logs[1]


def test_healthcare_keeps_the_top_diagnosis_coarsely() -> None:
    cap = agents.healthcare.run(True)
    result = json.loads(cap.state["messages"][2].content)
    assert result["predictions"] == [{"label": "type 2 diabetes", "score": 0.87}]
    assert result["calibrated_confidence"] == 0.91 and result["patient_ref"] == "PT-20931"
    answer = cap.messages[-1]
    assert "type 2 diabetes (score: 0.87" in answer.content
    assert "logprobs" not in answer.response_metadata
    logged = json.loads(cap.logs[1])["result"]
    assert logged["predictions"] == [{"label": "type 2 diabetes", "score": 0.87}]
    bare = agents.healthcare.run(False)
    assert len(json.loads(bare.state["messages"][2].content)["predictions"]) == 5
    assert "logprobs" in bare.messages[-1].response_metadata


def test_fraud_keeps_the_decision_and_the_top_class() -> None:
    cap = agents.fraud.run(True)
    result = json.loads(cap.state["messages"][2].content)
    assert result["decision"] == "review" and result["transaction_id"] == "tx_88123"
    assert result["class_probabilities"] == {"legit": 0.81}
    assert "logits" not in result and result["head_output"] == [0.81, 0.0, 0.0, 0.0]
    assert "fraud probability: 0.13" in cap.messages[-1].content
    assert json.loads(cap.logs[1])["result"] == result
    bare = agents.fraud.run(False)
    assert len(json.loads(bare.state["messages"][2].content)["class_probabilities"]) == 4


def test_report_shows_signal_shapes_not_values() -> None:
    comparisons = [c for c in agents.compare() if c.name in SIGNAL_SCENARIOS]
    text = agents.report(comparisons)
    for change in (
        "embedding: embedding dim=384 → [REDACTED:embedding dim=384]",
        "(predictions): 5 labels at 7 decimals → 1 label at 2 decimals",
        "(class_probabilities): 4 labels at 7 decimals → 1 label at 2 decimals",
        "logprobs: present → dropped",
        "(similarity): a number at 7 decimals → a number at 1 decimal",
        "metadata: 7 keys → 2 keys (title, source)",
    ):
        assert change in text
    assert "embedding 4, metadata 2, retrieval_score 4  none left" in text
    assert "logprobs 1, probabilities 4  none left" in text
    for name in SIGNAL_SCENARIOS:
        for value in _fine_values(name):
            assert value not in text


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
    for name in agents.SCENARIOS:
        assert f"== {name}" in text
    assert "[REDACTED:embedding dim=384]" in text and "none left" in text
    if agents.memorised.NAME in agents.SCENARIOS:
        assert "record sup-0003 reproduced verbatim" in text
        assert "agentguard.finding.kind=memorisation/semantic" in text
        for record in agents.memorised.RECORDS.values():
            assert not {f for f in _fragments(record, 24) if f in text}, "a record was printed"


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


# --- memorised case notes: a fine-tuned model regurgitates its training records ---------

memorised = agents.memorised
needs_semantic = pytest.mark.skipif(
    not memorised.available(), reason="needs agentguard[semantic] and opentelemetry-sdk"
)


@pytest.fixture(scope="module")
def memorised_runs() -> tuple[Captured, Captured]:
    if not memorised.available():
        pytest.skip("needs agentguard[semantic] and opentelemetry-sdk")
    return memorised.run(False), memorised.run(True)


def _record_facts(record: str) -> list[str]:
    """The record's distinctive facts: its ticket, invoice/order ids and people's names."""
    text = memorised.RECORDS[record]
    ids = [w.strip(",.;:") for w in text.split() if "-" in w and w[:3].isupper()]
    names = {
        "sup-0003": ["Henrietta", "Vasquez-Mbeki", "Kraftberger"],
        "sup-0005": ["Cordelia", "Fairweather-Nakamura", "Oyelaran", "Lisbon"],
    }[record]
    return [*ids, *names]


def _everything(cap: Captured) -> dict[str, str]:
    return {
        **_signal_text(cap),
        "tool received": repr(cap.tool_saw),
        "spans": repr([memorised._span_view(s) for s in cap.spans]),
    }


@needs_semantic
def test_memorised_scenario_is_registered() -> None:
    assert agents.SCENARIOS[memorised.NAME] is memorised.run
    assert memorised.index_dir() == memorised.index_dir()  # built once per process


def test_memorised_unguarded_answers_reproduce_the_records(
    memorised_runs: tuple[Captured, Captured],
) -> None:
    bare, _ = memorised_runs
    answers = [m.content for m in bare.messages if m.type == "ai"]
    assert len(answers) == 2 and not bare.spans
    assert memorised.RECORDS[memorised.VERBATIM] in answers[0]
    assert answers[1] == memorised.PARAPHRASE
    assert memorised.RECORDS[memorised.PARAPHRASED] not in answers[1]  # reworded, not copied
    final = repr(bare.messages)
    for record in (memorised.VERBATIM, memorised.PARAPHRASED):
        for fact in _record_facts(record):
            assert fact in final and fact in "\n".join(bare.logs)
    assert [(x.answer, x.record, x.kind) for x in memorised.detect(bare.messages)] == [
        (1, memorised.VERBATIM, "verbatim"),
        (2, memorised.PARAPHRASED, "semantic"),
    ]


def test_memorised_guarded_run_blocks_both_answers(
    memorised_runs: tuple[Captured, Captured],
) -> None:
    _, cap = memorised_runs
    answers = [m.content for m in cap.messages if m.type == "ai"]
    assert len(answers) == 2
    for answer, kind in zip(answers, ("verbatim", "semantic"), strict=True):
        assert answer.startswith("[agentguard] model answer withheld on channel model_output")
        assert f"memorisation/{kind}" in answer
    for where, text in _everything(cap).items():
        for record in (memorised.VERBATIM, memorised.PARAPHRASED):
            for fact in _record_facts(record):
                assert fact not in text, f"{fact} of {record} reached the guarded {where}"
        for record in memorised.RECORDS.values():
            assert not {f for f in _fragments(record, 24) if f in text}, where
    assert not any(memorised.exposed(cap).values())


def test_memorised_spans_name_record_kind_and_technique(
    memorised_runs: tuple[Captured, Captured],
) -> None:
    _, cap = memorised_runs
    blocked = [
        s
        for s in cap.spans
        if s.name == "agentguard.inspect" and s.attributes["agentguard.decision"] == "blocked"
    ]
    assert len(blocked) == 2
    seen = set()
    for span in blocked:
        assert span.attributes["agentguard.channel"] == "model_output"
        for event in span.events:
            if event.name == "gen_ai.evaluation.result":  # one per detector, beside findings
                continue
            ev = event.attributes
            assert event.name == "agentguard.finding"
            assert ev["mitre_atlas.technique.id"] == "AML.T0057"
            assert ev["agentguard.finding.action"] == "block"
            assert len(str(ev["agentguard.finding.fingerprint"])) >= 8
            seen.add((ev["agentguard.finding.kind"], ev["agentguard.finding.rule"]))
    assert seen == {
        ("memorisation/verbatim", memorised.VERBATIM),
        ("memorisation/semantic", memorised.PARAPHRASED),
    }


def test_memorised_report_shows_ids_kinds_and_spans_not_text(
    memorised_runs: tuple[Captured, Captured],
) -> None:
    bare, cap = memorised_runs
    text = agents.report([agents.Comparison(memorised.NAME, bare, cap)])
    assert f"record {memorised.VERBATIM} reproduced verbatim" in text
    assert f"record {memorised.PARAPHRASED} paraphrased" in text
    assert "blocked, refusal (memorisation/verbatim)" in text
    assert "blocked, refusal (memorisation/semantic)" in text
    for line in (
        "agentguard.inspect  agentguard.channel=model_output  agentguard.decision=blocked",
        "agentguard.finding  agentguard.finding.kind=memorisation/verbatim  "
        f"agentguard.finding.rule={memorised.VERBATIM}  mitre_atlas.technique.id=AML.T0057  "
        "agentguard.finding.fingerprint=",
        "agentguard.finding.kind=memorisation/semantic  "
        f"agentguard.finding.rule={memorised.PARAPHRASED}  mitre_atlas.technique.id=AML.T0057",
    ):
        assert line in text
    for record in memorised.RECORDS:
        for fact in _record_facts(record) if record in ("sup-0003", "sup-0005") else []:
            assert fact not in text
        assert not {f for f in _fragments(memorised.RECORDS[record], 24) if f in text}
    assert not {f for f in _fragments(memorised.PARAPHRASE, 24) if f in text}
