"""Inversion signals: what is caught, what is left alone, and what survives a reduction."""

from __future__ import annotations

import base64
import json
import math
import random
import struct
from typing import Any

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agentguard import Guard, GuardBlocked, Policy
from agentguard.findings import Action, Decision
from agentguard.signals.reduce import noise_sigma
from tests import signal_cases as cases
from tests import tokens

BENIGN = cases.benign_cases()
SIGNALS = cases.signal_cases()


def _kinds(verdict: Any) -> set[str]:
    return {f.kind.split("/", 1)[1] for f in verdict.findings if f.detector == "signals"}


def _emb(dim: int = 384, seed: int = 3, decimals: int = 7) -> list[float]:
    rng = random.Random(seed)
    return [round(rng.gauss(0.0, 0.05), decimals) for _ in range(dim)]


def _cos(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))


def _guard(**signals: Any) -> Guard:
    return Guard(Policy(signals=signals))


# --- the two corpora -----------------------------------------------------------------------


def test_corpora_are_big_enough() -> None:
    assert len(BENIGN) >= 100 and len(SIGNALS) >= 50
    assert {c.domain for c in BENIGN} >= {
        "commerce",
        "weather",
        "maps",
        "analytics",
        "healthcare",
        "finance",
    }


@pytest.mark.parametrize("case", BENIGN, ids=lambda c: c.name)
def test_ordinary_api_responses_are_untouched(guard: Guard, case: cases.Case) -> None:
    verdict = guard.inspect(case.payload, channel=case.channel)
    assert verdict.findings == ()
    assert verdict.payload is case.payload


@pytest.mark.parametrize("case", SIGNALS, ids=lambda c: c.name)
def test_signals_are_caught_and_reduced(guard: Guard, case: cases.Case) -> None:
    verdict = guard.inspect(case.payload, channel=case.channel)
    assert case.expect <= _kinds(verdict)
    assert verdict.decision is Decision.REDACTED
    assert verdict.payload != case.payload
    again = guard.inspect(verdict.payload, channel=case.channel)
    assert not _kinds(again) - {"metadata"}, "a reduced payload is no longer a signal"


def test_numpy_arrays_are_caught_and_keep_their_type(guard: Guard) -> None:
    np = pytest.importorskip("numpy")
    numpy_cases = cases.numpy_signal_cases()
    assert numpy_cases
    for case in numpy_cases:
        verdict = guard.inspect(case.payload, channel=case.channel)
        assert case.expect <= _kinds(verdict), case.name
    vec = np.asarray(_emb(), dtype=np.float32)
    out = _guard(embedding={"method": "quantize", "bits": 4}).sanitize({"v": vec})["v"]
    assert isinstance(out, np.ndarray) and out.dtype == np.float32 and out.shape == (384,)
    assert len(set(out.tolist())) <= 16


# --- embeddings ------------------------------------------------------------------------------


def test_embedding_redacted_with_its_dimension(guard: Guard) -> None:
    payload = {"data": [{"object": "embedding", "index": 0, "embedding": _emb()}]}
    verdict = guard.inspect(payload)
    assert verdict.payload["data"][0]["embedding"] == "[REDACTED:embedding dim=384]"
    (f,) = verdict.findings
    assert f.kind == "inversion_signal/embedding" and f.path == "$.data[0].embedding"
    assert f.technique == "AML.T0024.001" and f.action is Action.REDUCE
    assert f.reduction == "redact" and len(f.fingerprint) == 16
    assert payload["data"][0]["embedding"] != verdict.payload["data"][0]["embedding"]


def test_embedding_drop_removes_the_field() -> None:
    out = _guard(embedding={"method": "drop"}).sanitize({"id": "a", "vector": _emb()})
    assert out == {"id": "a"}


def test_quantize_keeps_direction_and_few_levels() -> None:
    vec = _emb()
    out = _guard(embedding={"method": "quantize", "bits": 4}).sanitize({"embedding": vec})
    q = out["embedding"]
    assert len(q) == 384 and len(set(q)) <= 16
    assert _cos(vec, q) > 0.95


def test_noise_trades_utility_for_privacy() -> None:
    unit = _emb()
    norm = math.sqrt(sum(x * x for x in unit))
    unit = [x / norm for x in unit]
    loose = _guard(embedding={"method": "noise", "epsilon": 500.0}).sanitize({"embedding": unit})
    strict = _guard(embedding={"method": "noise", "epsilon": 1.0}).sanitize({"embedding": unit})
    assert _cos(unit, loose["embedding"]) > 0.7
    assert abs(_cos(unit, strict["embedding"])) < 0.3
    assert noise_sigma(1.0, 1e-5, 1.0) == pytest.approx(9.69, abs=0.01)


def test_noise_is_fresh_each_time() -> None:
    g = _guard(embedding={"method": "noise", "epsilon": 10.0})
    assert g.sanitize({"embedding": _emb()}) != g.sanitize({"embedding": _emb()})


def test_base64_float_blobs() -> None:
    vec = _emb(256)
    f32 = base64.b64encode(struct.pack("<256f", *vec)).decode()
    f16 = base64.b64encode(struct.pack("<256e", *vec)).decode()
    g = Guard()
    out = g.sanitize({"data": [{"embedding": f32}, {"embedding": f16}]})
    assert out["data"][0]["embedding"] == "[REDACTED:embedding dim=256]"
    assert out["data"][1]["embedding"] == "[REDACTED:embedding dim=256]"
    quant = _guard(embedding={"method": "quantize", "bits": 2}).sanitize({"x": f32})["x"]
    raw = base64.b64decode(quant)
    assert len(raw) == 1024 and len(set(struct.unpack("<256f", raw))) <= 4


def test_random_base64_is_not_an_embedding(guard: Guard) -> None:
    rng = random.Random(5)
    blob = base64.b64encode(bytes(rng.randrange(256) for _ in range(1024))).decode()
    assert guard.inspect({"attachment": blob}).findings == ()


def test_vector_in_json_text_and_in_a_log_line(guard: Guard) -> None:
    vec = _emb(64)
    as_json = json.dumps({"id": "q1", "embedding": vec})
    out = guard.sanitize(as_json)
    assert json.loads(out) == {"id": "q1", "embedding": "[REDACTED:embedding dim=64]"}
    line = "DEBUG query vector: [" + ", ".join(map(str, vec)) + "] took 3ms"
    logged = guard.sanitize(line, channel="log")
    assert logged == "DEBUG query vector: [[REDACTED:embedding dim=64]] took 3ms"
    numpy_style = "emb=[" + " ".join(f"{x: .8f}" for x in vec) + "]"
    assert "REDACTED:embedding dim=64" in guard.sanitize(numpy_style, channel="log")


def test_tuples_and_batches(guard: Guard) -> None:
    out = guard.sanitize({"embeddings": [tuple(_emb(32, s)) for s in range(3)]})
    assert out == {"embeddings": ["[REDACTED:embedding dim=32]"] * 3}


# --- probabilities ---------------------------------------------------------------------------


CLASSIFIER = {
    "model": "triage-v2",
    "predictions": [
        {"label": "influenza", "score": 0.8734121},
        {"label": "covid-19", "score": 0.0912266},
        {"label": "common cold", "score": 0.0353613},
    ],
}


def test_coarse_classifier_output_still_answers(guard: Guard) -> None:
    out = guard.sanitize(CLASSIFIER)
    assert out == {"model": "triage-v2", "predictions": [{"label": "influenza", "score": 0.87}]}


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"method": "round"}, [0.87, 0.09, 0.04]),
        ({"method": "top_k", "k": 2, "decimals": 1}, [0.9, 0.1]),
        ({"method": "bucket"}, ["high", "low", "low"]),
    ],
)
def test_probability_methods(settings: dict[str, Any], expected: list[Any]) -> None:
    out = _guard(probabilities=settings).sanitize(CLASSIFIER)
    assert [p["score"] for p in out["predictions"]] == expected
    assert out["predictions"][0]["label"] == "influenza"


def test_label_only_and_drop() -> None:
    only = _guard(probabilities={"method": "label_only"}).sanitize(CLASSIFIER)
    assert only["predictions"] == [{"label": "influenza"}]
    dropped = _guard(probabilities={"method": "drop"}).sanitize(CLASSIFIER)
    assert [set(p) for p in dropped["predictions"]] == [{"label"}] * 3


def test_label_map_and_bare_vector(guard: Guard) -> None:
    out = guard.sanitize(
        {
            "probs": {"fraud": 0.9123, "legit": 0.0611, "review": 0.0266},
            "out": [0.1, 0.2112, 0.6888],
        }
    )
    assert out == {"probs": {"fraud": 0.91}, "out": [0.0, 0.0, 0.69]}


def test_coarse_values_are_not_signals(guard: Guard) -> None:
    payload = {"confidence": 0.9, "probs": {"a": 0.75, "b": 0.25}, "score": 3}
    assert guard.inspect(payload).findings == ()


def test_logits_are_dropped(guard: Guard) -> None:
    assert guard.sanitize({"label": "cat", "logits": [2.3141, -1.2, 0.5531]}) == {"label": "cat"}


# --- logprobs ---------------------------------------------------------------------------------


def _chat() -> dict[str, Any]:
    return {
        "choices": [
            {
                "message": {"role": "assistant", "content": "Yes"},
                "logprobs": {
                    "content": [
                        {
                            "token": "Yes",
                            "logprob": -0.0123456,
                            "bytes": [89, 101, 115],
                            "top_logprobs": [
                                {"token": "Yes", "logprob": -0.0123456, "bytes": [89, 101, 115]},
                                {"token": "No", "logprob": -4.4012, "bytes": [78, 111]},
                            ],
                        }
                    ]
                },
            }
        ]
    }


def test_logprobs_dropped_by_default(guard: Guard) -> None:
    verdict = guard.inspect(_chat(), channel="model_output")
    assert verdict.payload == {"choices": [{"message": {"role": "assistant", "content": "Yes"}}]}
    assert _kinds(verdict) == {"logprobs"}


def test_logprobs_chosen_only() -> None:
    out = _guard(logprobs={"method": "chosen_only"}).sanitize(_chat(), channel="model_output")
    (entry,) = out["choices"][0]["logprobs"]["content"]
    assert entry == {"token": "Yes", "logprob": -0.0, "bytes": [89, 101, 115], "top_logprobs": []}
    legacy = {"logprobs": {"tokens": ["a"], "token_logprobs": [-1.2345], "top_logprobs": [{}]}}
    out = _guard(logprobs={"method": "chosen_only"}).sanitize(legacy)
    assert out == {"logprobs": {"tokens": ["a"], "token_logprobs": [-1.2], "top_logprobs": []}}


def test_empty_logprobs_are_nothing(guard: Guard) -> None:
    assert guard.inspect({"logprobs": None, "top_logprobs": []}).findings == ()


# --- retrieval ----------------------------------------------------------------------------------


def test_retrieved_document_keeps_its_citation(guard: Guard) -> None:
    doc = {
        "page_content": "Refunds are issued to the original payment method within 5 days.",
        "metadata": {
            "title": "Refund policy",
            "source": "/srv/kb/policies/refunds.md",
            "chunk_id": "refunds-3",
            "start_index": 812,
            "relevance_score": 0.9012837,
        },
    }
    verdict = guard.inspect([doc], channel="retrieval")
    (out,) = verdict.payload
    assert out["metadata"] == {"title": "Refund policy", "source": "refunds.md"}
    assert out["page_content"] == doc["page_content"]
    assert _kinds(verdict) == {"metadata", "retrieval_score"}
    assert {f.technique for f in verdict.findings} == {"AML.T0024.000"}


def test_vector_store_matches(guard: Guard) -> None:
    payload = {
        "matches": [
            {"id": "kb-1", "score": 0.8734, "values": _emb(), "metadata": {"title": "A"}},
            {"id": "kb-2", "score": 0.8121, "values": _emb(seed=4), "metadata": {"title": "B"}},
        ]
    }
    out = guard.sanitize(payload)
    assert [m["score"] for m in out["matches"]] == [0.9, 0.8]
    assert all(m["values"] == "[REDACTED:embedding dim=384]" for m in out["matches"])
    assert [m["metadata"] for m in out["matches"]] == [{"title": "A"}, {"title": "B"}]


def test_snippet_cap() -> None:
    g = _guard(retrieval={"max_snippet_chars": 100})
    out = g.sanitize({"page_content": "x" * 500, "metadata": {}}, channel="retrieval")
    assert out["page_content"] == "x" * 100 + "[TRUNCATED:agentguard]"


def test_langchain_retriever_answer_cites_its_title() -> None:
    pytest.importorskip("langchain_core")
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever

    class Store(BaseRetriever):
        def _get_relevant_documents(self, query: str, *, run_manager: Any) -> list[Document]:
            return [
                Document(
                    page_content="The 2026 leave policy grants 30 days.",
                    metadata={
                        "title": "Leave policy 2026",
                        "source": "C:\\\\shares\\\\hr\\\\leave.pdf",
                        "embedding": _emb(),
                        "score": 0.912345,
                    },
                )
            ]

    (doc,) = Guard().wrap(Store()).invoke("leave")
    assert doc.metadata == {"title": "Leave policy 2026", "source": "leave.pdf"}
    assert f"[{doc.metadata['title']}]" == "[Leave policy 2026]"


# --- policy ----------------------------------------------------------------------------------


def test_channel_can_loosen_for_internal_use() -> None:
    policy = Policy(
        channels={"log": {"actions": {"inversion_signal": "alert"}}},  # type: ignore[dict-item]
    )
    g = Guard(policy)
    payload = {"embedding": _emb()}
    logged = g.inspect(payload, channel="log")
    assert logged.payload is payload and _kinds(logged) == {"embedding"}
    assert logged.findings[0].action is Action.ALERT and logged.findings[0].reduction is None
    assert g.sanitize(payload, channel="tool_output") == {
        "embedding": "[REDACTED:embedding dim=384]"
    }


def test_channel_signal_settings_layer_over_global() -> None:
    policy = Policy.model_validate(
        {
            "signals": {"probabilities": {"decimals": 3}},
            "channels": {"model_output": {"signals": {"probabilities": {"method": "round"}}}},
        }
    )
    g = Guard(policy)
    scores = [p["score"] for p in g.sanitize(CLASSIFIER, "model_output")["predictions"]]
    assert scores == [0.873, 0.091, 0.035]
    assert len(g.sanitize(CLASSIFIER, "tool_output")["predictions"]) == 1


def test_block_and_allowlist_and_off() -> None:
    blocking = Guard(Policy(actions={"inversion_signal/embedding": "block"}))
    with pytest.raises(GuardBlocked):
        blocking.sanitize({"embedding": _emb()})
    allowed = Guard(Policy(allowlist={"kinds": ["inversion_signal/embedding"]}))
    assert allowed.inspect({"embedding": _emb()}).findings == ()
    off = _guard(enabled=False)
    assert off.inspect({"embedding": _emb(), "confidence": 0.97342}).findings == ()


def test_signals_and_secrets_together(guard: Guard) -> None:
    token = tokens.github_pat()
    verdict = guard.inspect({"embedding": _emb(), "debug": f"token={token}"})
    kinds = {f.kind for f in verdict.findings}
    assert kinds == {"inversion_signal/embedding", "secret/github-pat"}
    assert token not in json.dumps(verdict.payload)


# --- nothing leaks, nothing hangs --------------------------------------------------------------


def test_spans_carry_no_values() -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor

    provider.add_span_processor(SimpleSpanProcessor(exporter))
    g = Guard(Policy(), tracer_provider=provider)
    g.inspect(CLASSIFIER)
    g.inspect({"embedding": _emb()})
    dumped = " ".join(str(s.to_json()) for s in exporter.get_finished_spans())
    assert "0.8734121" not in dumped and str(_emb()[0]) not in dumped
    assert "agentguard.finding.reduction" in dumped and "top_k" in dumped
    assert "0.8734121" not in repr(g.inspect(CLASSIFIER).findings)


def test_a_secret_used_as_a_key_is_not_in_the_path(guard: Guard) -> None:
    token = tokens.github_pat()
    verdict = guard.inspect({token: _emb()})
    assert all(token not in f.path for f in verdict.findings)
    assert token not in json.dumps(verdict.payload)


def test_awkward_numbers_and_shapes(guard: Guard) -> None:
    nan = float("nan")
    awkward = {
        "v": [nan] * 64,
        "w": [float("inf"), -1.5] * 32,
        "mixed": [0.1234, "a", None, True] * 20,
        "empty": [],
        "deep": [[[[[0.12345, 0.87655]]]]],
    }
    verdict = guard.inspect(awkward)
    assert not _kinds(verdict) - {"probabilities"}
    cyclic: dict[str, Any] = {"embedding": _emb()}
    cyclic["self"] = cyclic
    cyclic["again"] = cyclic
    assert guard.sanitize(cyclic)["embedding"] == "[REDACTED:embedding dim=384]"


def test_a_million_floats_is_linear(guard: Guard) -> None:
    import time

    big = {"rows": [_emb(1000, s) for s in range(1000)]}
    t0 = time.perf_counter()
    verdict = guard.inspect(big)
    assert time.perf_counter() - t0 < 30
    assert len(verdict.findings) == 1000


@pytest.mark.parametrize(
    "text",
    [
        "1.1 " * 20 + "1" * 1_000_000,  # a float run beside a million digits
        "score=" + "1" * 1_000_000 + " x.12",
        ("[" + "1," * 20_000 + "x") * 40,  # JSON attempts that fail late
        ("A" * 90 + " ") * 5_000,  # many base64-looking runs
        "embedding " + "[" * 100_000 + "]" * 100_000,  # JSON nested past the recursion limit
        "vector: " + "{" * 500_000,
    ],
    ids=["digits", "kv-digits", "late-json", "b64-runs", "deep-json", "braces"],
)
def test_adversarial_text_is_linear(guard: Guard, text: str) -> None:
    import time

    t0 = time.perf_counter()
    verdict = guard.inspect(text, channel="log")
    assert time.perf_counter() - t0 < 2.0
    assert not verdict.blocked


def test_short_probability_vector_under_a_vector_key(guard: Guard) -> None:
    out = guard.sanitize({"decision": "review", "risk_vector": [0.8123456, 0.1563921, 0.0312623]})
    assert out == {"decision": "review", "risk_vector": [0.81, 0.0, 0.0]}


def test_undecodable_bytes_in_text(guard: Guard) -> None:
    """Lone surrogates (from undecodable input) neither crash the scan nor shift offsets."""
    vec = _emb(32)
    line = "\udcff\udcfe vec=" + ", ".join(map(str, vec)) + " confidence=0.98765"
    out = guard.sanitize(line, channel="log")
    assert out == "\udcff\udcfe vec=[REDACTED:embedding dim=32] confidence=0.99"
    raw = b"\xff\xfe " + json.dumps({"embedding": vec}).encode()
    assert b"[REDACTED:embedding dim=32]" in guard.sanitize(raw, channel="log")


def test_logs_written_with_signals_are_reduced(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from agentguard.logs import RedactingFilter, RedactingProcessor

    vec = _emb(64)
    event = RedactingProcessor(Guard())(None, "info", {"event": "scored", "result": CLASSIFIER})
    assert event["result"]["predictions"] == [{"label": "influenza", "score": 0.87}]
    event = RedactingProcessor(Guard())(None, "debug", {"event": "q", "embedding": vec})
    assert event["embedding"] == "[REDACTED:embedding dim=64]"

    logger = logging.getLogger("agentguard.test.signals")
    logger.addFilter(RedactingFilter(Guard()))
    with caplog.at_level(logging.INFO, logger=logger.name):
        logger.info("query embedding %s", vec)
        logger.info("scored", extra={"probs": {"fraud": 0.9123, "ok": 0.0877}})
    first, second = caplog.records
    assert first.getMessage() == "query embedding [[REDACTED:embedding dim=64]]"
    assert second.probs == {"fraud": 0.91}


def test_signal_paths_are_checked_only_by_detectors_that_read_keys() -> None:
    seen: list[str] = []

    class NoKeys:
        name = "no-keys"
        scans_keys = False

        def scan(self, text: str) -> list[Any]:
            seen.append(text)
            return []

    Guard(Policy(), detectors=[NoKeys()]).inspect({"embedding": _emb()})
    assert seen and all(t != "$.embedding" for t in seen)
