"""The memorisation check end to end: corpus → index → detector → guard, with the real model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sentence_transformers")

from agentguard import Guard, GuardBlocked, Policy
from agentguard.canary import index as index_mod
from agentguard.canary.detector import CanaryDetector
from agentguard.canary.encoder import Encoder, shared_encoder
from agentguard.canary.facts import alternatives, facts, output_keys
from agentguard.canary.generate import canaries
from agentguard.canary.records import CorpusError, Record, read_corpus
from agentguard.canary.windows import windows
from agentguard.errors import PolicyError
from agentguard.findings import Channel
from tests.test_cli_support import run

NOTE = (
    "Patient Maria Gonzalez (MRN 448213) was admitted on 03/14/2024 with type 2 diabetes and "
    "started on metformin 500 mg. She was discharged on 03/18/2024 with follow-up at the "
    "Riverside clinic."
)
PROMPT = (
    "You are AcmeBot, the internal assistant for Acme Logistics. Never reveal the Q3 pricing "
    "matrix or the names of carriers under negotiation."
)
CODE = "The secret canary code for project Bluefin is 7-alpha-3391-kilo."
RECORDS = [Record("hc-1", NOTE), Record("sp-1", PROMPT), Record("cn-1", CODE)]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("canaries")
    index_mod.save(index_mod.build(RECORDS, shared_encoder()), out)
    return out


@pytest.fixture(scope="module")
def detector(index_dir: Path) -> CanaryDetector:
    return CanaryDetector.from_path(index_dir)


def _found(det: CanaryDetector, text: str) -> dict[str, str]:
    return {m.record: m.kind for m in det.matches(text)}


# --- what is and is not a match ----------------------------------------------------------


def test_verbatim_inside_chatter(detector: CanaryDetector) -> None:
    assert _found(detector, f"Sure! Here it is: {NOTE} Anything else?") == {"hc-1": "verbatim"}


def test_fragment_and_perturbed_copy(detector: CanaryDetector) -> None:
    fragment = NOTE.split(" She was")[0]
    assert _found(detector, fragment)["hc-1"] in ("near_verbatim", "verbatim", "semantic")
    perturbed = NOTE.lower().replace("03/14/2024", "March 14, 2024").replace(",", "")
    assert "hc-1" in _found(detector, perturbed)


def test_paraphrases_that_reveal_the_record(detector: CanaryDetector) -> None:
    para = (
        "maria gonzalez, MRN 448213, came in on March 14 2024 for type 2 diabetes; metformin "
        "500mg was started and she went home on March 18, 2024 (follow-up: Riverside)."
    )
    assert _found(detector, para) == {"hc-1": "semantic"}
    leaked_prompt = (
        "My instructions say I am AcmeBot, Acme Logistics' internal helper, and I must not "
        "disclose the Q3 pricing matrix or which carriers are in negotiations."
    )
    assert "sp-1" in _found(detector, leaked_prompt)
    assert "cn-1" in _found(detector, "Bluefin's code? It is 7-alpha-3391-kilo.")


def test_same_template_other_record_and_unrelated_text(detector: CanaryDetector) -> None:
    other = (
        "Patient John Miller (MRN 551902) was admitted on 05/02/2024 with type 2 diabetes and "
        "started on metformin 850 mg. He was discharged on 05/06/2024 with follow-up at the "
        "Lakeside clinic."
    )
    assert _found(detector, other) == {}
    assert _found(detector, "Type 2 diabetes is often treated first with metformin.") == {}
    assert _found(detector, "The weather in Lisbon is sunny, 24 degrees.") == {}
    assert _found(detector, "") == {}


def test_match_span_points_at_the_window(detector: CanaryDetector) -> None:
    text = "Hello there. Bluefin's code? It is 7-alpha-3391-kilo. Bye now."
    (m,) = detector.matches(text)
    assert "7-alpha-3391-kilo" in text[m.start : m.end] and m.end <= text.index("Bye")


# --- facts, windows, records ----------------------------------------------------------------


def test_facts_survive_formatting() -> None:
    rec = facts("Refund of $12,500 for INV-20931 approved on 03/14/2024 by Dr. Okafor.")
    out = output_keys("okafor approved 12500 dollars, invoice 20931, on 14 March 2024")
    assert {"num:12500", "date:2024-03-14", "id:inv20931", "name:okafor"} <= set(rec)
    assert all(any(a in out for a in alternatives(f)) for f in rec if not f.startswith("rare:"))
    assert facts("$12.5k") == {"num:12500": "num"}


def test_windows_cover_runs_of_sentences() -> None:
    ws = windows("One. Two! Three? Four.")
    assert [w.text for w in ws][:3] == ["One.", "One. Two!", "One. Two! Three?"]
    assert len(ws) == 9


def test_windows_are_sized_to_the_canaries(index_dir: Path) -> None:
    idx = index_mod.load(index_dir)
    assert idx.manifest["max_sentences"] == 2  # NOTE has two sentences
    assert idx.window_span == 3
    one = index_mod.build([Record("c", CODE)], shared_encoder())
    assert one.window_span == 2  # one-sentence canaries: sentences and pairs only
    assert {w.sentences for w in windows("Alpha one. Beta two. Gamma three.", span=2)} == {1, 2}
    legacy = index_mod.CanaryIndex(**{**vars(one), "manifest": {"model": "m"}})
    assert legacy.window_span == 3  # an index without the figure: the default
    # A sentence without a word is not embedded on its own.
    assert [w.text for w in windows("Totals below.\n12 / 40 / 7\nThat is all.", span=1)] == [
        "Totals below.",
        "That is all.",
    ]


def test_corpus_formats(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("first record\n\nsecond record\n")
    (tmp_path / "b.txt").write_text("one\nrecord\n\ntwo\n")
    (tmp_path / "c.jsonl").write_text(
        '{"key": "k1", "body": "alpha"}\n\n{"key": "k2", "body": "beta"}\n'
    )
    (tmp_path / "d.csv").write_text('id,text\nd1,gamma\nd2,"delta, with comma"\n')
    recs = read_corpus([tmp_path / "a.txt"])
    assert [(r.id, r.text) for r in recs] == [("a:1", "first record"), ("a:2", "second record")]
    blank = read_corpus([tmp_path / "b.txt"], split="blank")
    assert [r.text for r in blank] == ["one record", "two"]
    js = read_corpus([tmp_path / "c.jsonl"], id_field="key", text_field="body")
    assert [(r.id, r.text) for r in js] == [("k1", "alpha"), ("k2", "beta")]
    assert [r.text for r in read_corpus([tmp_path / "d.csv"])] == ["gamma", "delta, with comma"]
    assert "alpha" not in repr(js)
    (tmp_path / "bad.jsonl").write_text('{"id": "x"}\n')
    with pytest.raises(CorpusError, match=r"bad\.jsonl:1: field 'text'"):
        read_corpus([tmp_path / "bad.jsonl"])
    with pytest.raises(CorpusError, match="duplicate record id"):
        read_corpus([tmp_path / "c.jsonl", tmp_path / "c.jsonl"], id_field="key", text_field="body")


def test_generated_canaries_are_random_and_unique() -> None:
    recs = canaries(200)
    assert len({r.id for r in recs}) == 200 and len({r.text for r in recs}) == 200
    assert all(r.text.startswith("The ") and "verification number" in r.text for r in recs)


# --- the index --------------------------------------------------------------------------------


def test_index_keeps_no_plaintext(index_dir: Path) -> None:
    blob = b"".join(p.read_bytes() for p in index_dir.iterdir())
    for needle in ("Gonzalez", "448213", "metformin", "AcmeBot", "7-alpha-3391-kilo", "Bluefin"):
        assert needle.encode() not in blob and needle.lower().encode() not in blob
    manifest = json.loads((index_dir / "manifest.json").read_text())
    assert manifest["records"] == 3 and manifest["dim"] == 384 and not manifest["keeps_text"]
    assert manifest["model"] == "sentence-transformers/all-MiniLM-L6-v2"


def test_index_refuses_another_model_or_format(index_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(index_mod.CanaryIndexError, match="built with model"):
        index_mod.load(index_dir, model="sentence-transformers/all-mpnet-base-v2")
    copy = tmp_path / "idx"
    copy.mkdir()
    for p in index_dir.iterdir():
        (copy / p.name).write_bytes(p.read_bytes())
    manifest = json.loads((copy / "manifest.json").read_text())
    (copy / "manifest.json").write_text(json.dumps({**manifest, "format_version": 99}))
    with pytest.raises(index_mod.CanaryIndexError, match="format version 99"):
        index_mod.load(copy)
    (copy / "manifest.json").write_text(json.dumps(manifest))
    (copy / "key.bin").write_bytes(b"x" * 32)
    with pytest.raises(index_mod.CanaryIndexError, match="wrong key"):
        index_mod.load(copy)
    with pytest.raises(index_mod.CanaryIndexError, match="not a canary index"):
        index_mod.load(tmp_path / "nowhere")


def test_key_from_environment_stays_out_of_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENTGUARD_CANARY_KEY", "ab" * 32)
    index_mod.save(index_mod.build(RECORDS[:1], shared_encoder()), tmp_path)
    assert not (tmp_path / "key.bin").exists()
    assert CanaryDetector.from_path(tmp_path).matches(NOTE)
    monkeypatch.delenv("AGENTGUARD_CANARY_KEY")
    with pytest.raises(index_mod.CanaryIndexError, match="AGENTGUARD_CANARY_KEY"):
        index_mod.load(tmp_path)


def test_keep_text_is_opt_in(tmp_path: Path) -> None:
    index_mod.save(index_mod.build(RECORDS[:1], shared_encoder(), keep_text=True), tmp_path)
    assert "Gonzalez" in (tmp_path / "texts.jsonl").read_text()


# --- the guard and the policy ---------------------------------------------------------------------


def _policy(index_dir: Path, **extra: Any) -> Policy:
    return Policy.model_validate({"detectors": {"canary": {"index": str(index_dir)}}, **extra})


def test_guard_redacts_by_default_and_blocks_by_policy(index_dir: Path) -> None:
    guard = Guard(_policy(index_dir))
    verdict = guard.inspect(f"From memory: {CODE}", channel="model_output")
    (f,) = [f for f in verdict.findings if f.detector == "canary"]
    assert f.kind == "memorisation/verbatim" and f.rule == "cn-1"
    assert f.technique == "AML.T0057" and f.confidence == 1.0
    assert "7-alpha" not in str(verdict.payload) and "7-alpha" not in repr(f)
    strict = Guard(_policy(index_dir, actions={"memorisation": "block"}))
    with pytest.raises(GuardBlocked) as err:
        strict.sanitize({"answer": NOTE}, channel="tool_output")
    assert "Gonzalez" not in str(err.value)


def test_channels_default_and_policy_override(index_dir: Path) -> None:
    guard = Guard(_policy(index_dir))
    assert guard.inspect(NOTE, channel="model_input").findings == ()
    assert guard.inspect(NOTE, channel="tool_input").findings == ()
    for ch in ("model_output", "tool_output", "retrieval", "log"):
        assert guard.inspect(NOTE, channel=ch).findings, ch
    only_logs = Guard(
        Policy.model_validate(
            {"detectors": {"canary": {"index": str(index_dir), "channels": ["log"]}}}
        )
    )
    assert only_logs.inspect(NOTE, channel="model_output").findings == ()
    assert only_logs.inspect(NOTE, channel="log").findings


def test_spans_carry_ids_not_text(index_dir: Path, spans: Any) -> None:
    provider, exporter = spans
    Guard(_policy(index_dir), tracer_provider=provider).inspect(NOTE, channel="model_output")
    dumped = " ".join(s.to_json() for s in exporter.get_finished_spans())
    assert "hc-1" in dumped and "memorisation/verbatim" in dumped and "AML.T0057" in dumped
    assert "Gonzalez" not in dumped and "448213" not in dumped


def test_bad_configuration_is_a_clear_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"detectors\.canary.*not a canary index"):
        Guard(_policy(tmp_path / "missing"))
    with pytest.raises(PolicyError, match="'index'"):
        Guard(Policy.model_validate({"detectors": {"canary": {}}}))


def test_missing_model_fails_per_fail_mode(index_dir: Path) -> None:
    det = CanaryDetector(index_mod.load(index_dir), encoder=Encoder("/nonexistent/model"))
    closed = Guard(Policy(), detectors=[det])
    assert closed.inspect("any output at all", channel="model_output").blocked
    opened = Guard(Policy(fail_mode="open"), detectors=[det])
    verdict = opened.inspect("any output at all", channel="model_output")
    assert not verdict.blocked and verdict.findings[0].kind == "guard/detector_error"


# --- the command line ---------------------------------------------------------------------------


def test_cli_build_generate_and_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "notes.jsonl"
    corpus.write_text("".join(json.dumps({"id": r.id, "text": r.text}) + "\n" for r in RECORDS))
    res = run(capsys, "canary", "build", corpus, "-o", tmp_path / "idx")
    assert res.rc == 0 and "indexed 3 records" in res.err and "Gonzalez" not in res.err + res.out
    res = run(capsys, "canary", "generate", "-n", "5")
    lines = [json.loads(x) for x in res.out.splitlines()]
    assert len(lines) == 5 and all(set(x) == {"id", "text"} for x in lines)
    (tmp_path / "answer.txt").write_text(f"The note said: {NOTE}\n")
    res = run(
        capsys, "scan", "--canaries", tmp_path / "idx", "--format", "json", tmp_path / "answer.txt"
    )
    found = json.loads(res.out)["findings"]
    assert res.rc == 1 and [(f["kind"], f["rule"]) for f in found] == [
        ("memorisation/verbatim", "hc-1")
    ]
    assert "Gonzalez" not in res.out + res.err
    res = run(capsys, "scan", "--canaries", tmp_path / "nope", tmp_path / "answer.txt")
    assert res.rc == 2 and "not a canary index" in res.err


# --- shadow mode ------------------------------------------------------------------------------


def test_shadow_mode_reports_through_spans_only(index_dir: Path, spans: Any) -> None:
    provider, exporter = spans
    policy = Policy.model_validate(
        {"detectors": {"canary": {"index": str(index_dir), "mode": "shadow"}}}
    )
    guard = Guard(policy, tracer_provider=provider)
    verdict = guard.inspect(f"From memory: {CODE}", channel="model_output")
    assert verdict.findings == () and verdict.payload == f"From memory: {CODE}"
    assert guard.shadow.drain(60)
    (span,) = [s for s in exporter.get_finished_spans() if s.attributes.get("agentguard.mode")]
    assert span.attributes["agentguard.mode"] == "shadow"
    (event,) = [e for e in span.events if e.name == "agentguard.finding"]
    assert event.attributes["agentguard.finding.kind"] == "memorisation/verbatim"
    assert event.attributes["agentguard.finding.rule"] == "cn-1"
    assert event.attributes["agentguard.finding.action"] == "redact"  # what it would have done
    assert "7-alpha" not in span.to_json()


def test_shadow_queue_overflow_is_counted_and_never_blocks() -> None:
    import threading
    import time

    from agentguard.detectors.base import Hit
    from agentguard.shadow import ShadowRunner

    gate = threading.Event()

    class Slow:
        name = "slow"

        def scan(self, text: str) -> list[Hit]:
            gate.wait(10)
            return []

    reports: list[Any] = []
    runner = ShadowRunner(lambda *args: reports.append(args), capacity=2)
    t0 = time.perf_counter()
    accepted = [runner.submit(Slow(), "x", Channel.LOG, None) for _ in range(10)]
    assert time.perf_counter() - t0 < 1.0
    assert accepted.count(False) == runner.dropped >= 7
    gate.set()
    assert runner.drain(10) and len(reports) == accepted.count(True)


def test_model_loads_once_lazily_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import ThreadPoolExecutor

    enc = Encoder()
    loads: list[int] = []
    real = Encoder._load

    def counting(self: Encoder) -> Any:
        loads.append(1)
        return real(self)

    monkeypatch.setattr(Encoder, "_load", counting)
    assert enc._model is None  # nothing loaded until the first use
    with ThreadPoolExecutor(8) as pool:
        models = list(pool.map(lambda _: enc.model, range(16)))
    assert len(loads) == 1 and all(m is models[0] for m in models)
    assert shared_encoder() is shared_encoder()
