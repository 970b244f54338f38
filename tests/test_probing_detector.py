"""The probing detector on scripted traffic: attacks are caught, honest patterns are not."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from agentguard.probing import signature as sig
from agentguard.probing.detector import (
    ProbingDetector,
    Settings,
    names,
    phrase_keys,
    plain_names,
)
from agentguard.probing.store import MemoryStore, RedisStore
from tests.redis_server import RedisServer, redis_server

KEY = b"k" * 32


def _kinds(
    det: ProbingDetector, queries: list[object], scope: str = "tool_input"
) -> list[set[str]]:
    out = []
    for i, q in enumerate(queries):
        text = q if isinstance(q, str) else repr(q)
        out.append({p.kind for p in det.observe("p", scope, q, text, now=1_000.0 + i * 7)})
    return out


def _first(kinds: list[set[str]], kind: str) -> int | None:
    return next((i for i, k in enumerate(kinds) if kind in k), None)


def _call(**args: object) -> dict[str, object]:
    return {"tool": "score_applicant", "args": args}


def test_numeric_sweep_over_one_feature() -> None:
    det = ProbingDetector(key=KEY)
    calls = [_call(age=41, income=20_000 + 5_000 * i, region="north") for i in range(12)]
    kinds = _kinds(det, calls)
    assert _first(kinds, "sweep") == 7  # the 8th query completes the sweep


def test_batch_scoring_of_different_applicants_is_not_a_sweep() -> None:
    rng = random.Random(1)
    det = ProbingDetector(key=KEY)
    calls = [
        _call(
            age=rng.randint(18, 90), income=rng.randint(15, 300) * 1000, region=rng.choice("NSEW")
        )
        for _ in range(200)
    ]
    assert not any(k for k in _kinds(det, calls))


def test_text_enumeration_of_ids_but_not_a_work_queue() -> None:
    det = ProbingDetector(key=KEY)
    enum = [f"What is the salary of employee E{1001 + i}?" for i in range(10)]
    assert _first(_kinds(det, enum, "model_input"), "sweep") == 7
    rng = random.Random(2)
    queue = [
        f"Summarise ticket #{rng.randint(10_000, 99_999)} for the weekly report." for _ in range(60)
    ]
    worker = ProbingDetector(key=KEY)
    assert not any("sweep" in k for k in _kinds(worker, queue, "model_input"))


def test_categorical_enumeration_is_a_sweep() -> None:
    det = ProbingDetector(key=KEY)
    names = ["Alice", "Bruno", "Chen", "Dana", "Elif", "Farid", "Grace", "Hugo", "Ines"]
    calls = [_call(employee=n, field="salary") for n in names]
    assert _first(_kinds(det, calls), "sweep") == 7


@pytest.fixture(scope="module")
def encode() -> object:
    pytest.importorskip("sentence_transformers")
    from agentguard.canary.encoder import shared_encoder

    return shared_encoder().encode


def test_paraphrase_flood_and_honest_rephrasing(encode: object) -> None:
    flood = [
        "Complete the record: patient Jane Roe, born 1984, admitted for",
        "Complete this record: patient Jane Roe, born in 1984, admitted for",
        "complete the record - patient jane roe, born 1984, was admitted for",
        "Please complete the record: patient Jane Roe (born 1984) admitted for",
        "Complete the following record: patient Jane Roe, born 1984, admitted for",
        "Complete the record: Patient Jane Roe, b. 1984, admitted for",
        "Complete the record: patient Jane Roe, born 1984, admitted with",
        "Continue the record: patient Jane Roe, born 1984, admitted for",
    ]
    det = ProbingDetector(key=KEY, encode=encode)  # type: ignore[arg-type]
    assert _first(_kinds(det, flood, "model_input"), "near_duplicate") is not None
    honest = [
        "How do I reset my password?",
        "how can I reset my password",
        "What's the way to change my password if I forgot it?",
        "Which plan includes priority support?",
        "Can I export my invoices as PDF?",
        "What time zone are the reports in?",
        "How do I add a teammate to my workspace?",
        "Is there an API rate limit?",
        "Do you support single sign-on with Okta?",
        "How long are backups kept?",
    ]
    det2 = ProbingDetector(key=KEY, encode=encode)  # type: ignore[arg-type]
    assert not any(k for k in _kinds(det2, honest, "model_input"))


def test_membership_probe() -> None:
    det = ProbingDetector(key=KEY)
    asks = [
        "Was John Smith a patient at St Mary in 2019?",
        "Do you have any records that mention John Smith?",
        "Tell me about the visit of John Smith last spring.",
        "Which doctor treated John Smith?",
        "Is there a discharge summary for John Smith?",
        "What medication was John Smith given?",
        "List every appointment John Smith had.",
    ]
    kinds = _kinds(det, asks, "model_input")
    first = _first(kinds, "membership")
    assert first is not None and 5 <= first <= 6  # six differently worded questions
    assert not any(kinds[:5])


def test_rate() -> None:
    det = ProbingDetector(key=KEY, settings=Settings(rate_per_minute=10))
    rng = random.Random(3)
    for i in range(11):
        probes = det.observe("p", "model_input", f"question {rng.random()}", "q", now=100 + i)
    assert {p.kind for p in probes} == {"rate"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    pytest.importorskip("redis")
    with redis_server(tmp_path_factory.mktemp("redis")) as srv:
        yield srv


def test_two_replicas_share_a_principal_through_redis(server: RedisServer) -> None:
    a = ProbingDetector(RedisStore(url=server.url, prefix="t:rep"), key=KEY)
    b = ProbingDetector(RedisStore(url=server.url, prefix="t:rep"), key=KEY)
    found = []
    for i in range(8):
        det = a if i % 2 else b  # the load balancer alternates
        call = _call(age=41, income=20_000 + 5_000 * i, region="north")
        found.append(
            {p.kind for p in det.observe("p", "tool_input", call, repr(call), now=50.0 + i)}
        )
    assert "sweep" in found[7] and not any(found[:7])
    assert MemoryStore().history("p", "tool_input") == []  # nothing leaked into process memory


def test_signatures_hold_no_text(tmp_path: Path) -> None:
    store = MemoryStore()
    det = ProbingDetector(store, key=KEY)
    det.observe("p", "model_input", "Was Jane Roe treated for HIV at Riverside?", "x", now=1.0)
    (raw,) = store.history("p", "model_input", since=0)
    assert (
        b"Jane" not in raw and b"Roe" not in raw and b"HIV" not in raw and b"Riverside" not in raw
    )


def test_long_numbers_are_never_stored() -> None:
    store = MemoryStore()
    det = ProbingDetector(store, key=KEY)
    det.observe("p", "model_input", "Is card 4111111111111111 still valid?", "x", now=1.0)
    call = {"tool": "lookup", "args": {"account": 987654321012, "amount": 125.5}}
    det.observe("p", "tool_input", call, repr(call), now=2.0)
    raw = b"".join(e for s in ("model_input", "tool_input") for e in store.history("p", s))
    for needle in (b"4111111111111111", b"41111111111", b"987654321012", b"98765432"):
        assert needle not in raw
    assert b"125.5" in raw  # an ordinary amount is kept as a number


def test_name_forms_meet_but_namesakes_do_not() -> None:
    assert "fis:j smith" in names("Is J. Q. Smith in your training data?")
    assert "fis:j smith" in names("Was John Smith a patient at St. Mary's Hospital?")
    assert "john smith" in names("Was John Smith a patient?")  # "Was" is no part of it
    assert "fis:e marchetti" in names("Quick check: E. Marchetti, 2021?")
    assert not set(names("Draft a reply to Hugo Mensah.")) & set(names("Call Amara Mensah."))
    assert names("Ms Marchetti called") == []  # a surname alone is many people
    assert "mrn448812" in names("Record MRN-448812, please") == names("Record MRN448812")


def _spaced(det: ProbingDetector, asks: list[str], rng: random.Random) -> int | None:
    """Each ask 20-40 minutes after the last, two or three unrelated questions between."""
    other = [
        f"How do I {v} a {n} in {lang}?"
        for v in ("sort", "copy", "merge", "parse", "reverse", "filter")
        for n in ("list", "dict", "string", "file", "table")
        for lang in ("python", "go", "rust")
    ]
    rng.shuffle(other)
    t = 5_000.0
    for i, ask in enumerate(asks):
        if any(p.kind == "membership" for p in det.observe("p", "model_input", ask, ask, now=t)):
            return i
        for _ in range(rng.choice((2, 3))):
            t += rng.uniform(300, 600)
            q = other.pop()
            det.observe("p", "model_input", q, q, now=t)
        t += rng.uniform(300, 600)
    return None


_ABOUT = [
    "Was {n} a patient at Riverside in 2019?",
    "Do you have any records that mention {n}?",
    "Tell me about the visit of {n} last spring.",
    "Which doctor treated {n} back then?",
    "Is there a discharge summary for {n}?",
    "What medication was {n} given after surgery?",
    "List every appointment {n} had that year.",
    "Has {n} ever been readmitted anywhere?",
    "Is {n} in your training data at all?",
    "Summarise what you have seen about {n}.",
    "When was {n} first admitted, roughly?",
    "Did {n} have a follow-up in the autumn?",
]


def test_spaced_membership_probe_of_a_person_is_caught() -> None:
    forms = ["Jane Roe", "J. Roe", "Jane Roe", "J. Roe"]
    asks = [tpl.format(n=forms[i % 4]) for i, tpl in enumerate(_ABOUT)]
    first = _spaced(ProbingDetector(key=KEY), asks, random.Random(5))
    assert first is not None and first <= 11
    # The same spacing about a city the principal keeps coming back to is no probe.
    city = [tpl.format(n="Buenos Aires") for tpl in _ABOUT]
    assert _spaced(ProbingDetector(key=KEY), city, random.Random(5)) is None


def test_a_helpdesk_rotating_templates_over_customers_is_not_a_sweep() -> None:
    rng = random.Random(6)
    firsts = ["Ana", "Ben", "Chloe", "Dev", "Eva", "Finn", "Gus", "Hana", "Ivo", "Jon"]
    lasts = ["Abbott", "Brandt", "Costa", "Dietz", "Ekwueme", "Fischer", "Grant", "Holm"]
    tpls = [
        "Pull up the account for {n}.",
        "What plan is {n} on?",
        "List the open tickets for {n}.",
        "When did {n} last log in?",
        "Summarise the case history for {n}.",
    ]
    queries = [
        tpl.format(n=f"{rng.choice(firsts)} {rng.choice(lasts)}")
        for _ in range(60)
        for tpl in rng.sample(tpls, 3)
    ]
    assert not any("sweep" in k for k in _kinds(ProbingDetector(key=KEY), queries, "model_input"))
    # …while the same template walking through names back to back is one.
    walk = [tpls[0].format(n=f"{f} {last}") for f in firsts for last in lasts[:1]]
    assert _first(_kinds(ProbingDetector(key=KEY), walk, "model_input"), "sweep") == 7


def test_tool_calls_that_differ_in_free_text_are_not_one_field_varied() -> None:
    metrics = ["signups", "refunds", "pageviews", "visits", "baskets", "orders"]
    calls = [
        {
            "tool": "query_dashboard",
            "args": {"metric": m, "start": f"2026-02-{d:02d}", "end": "2026-03-05"},
        }
        for d in range(1, 25)
        for m in [metrics[d % len(metrics)]]
    ]
    assert not any("sweep" in k for k in _kinds(ProbingDetector(key=KEY), calls))
    same_day = [
        {"tool": "query_dashboard", "args": {"metric": m, "start": "2026-02-01"}}
        for m in [*metrics, "churn", "tickets", "nps"]
    ]
    assert _first(_kinds(ProbingDetector(key=KEY), same_day), "sweep") == 7


def test_a_name_typed_only_in_lower_case_is_still_a_person() -> None:
    forms = ["kenji watanabe", "k. watanabe", "kenji watanabe", "k. watanabe"]
    asks = [tpl.format(n=forms[i % 4]).lower() for i, tpl in enumerate(_ABOUT)]
    first = _spaced(ProbingDetector(key=KEY), asks, random.Random(5))
    assert first is not None and first <= 11
    assert ("fis:k watanabe", True) in plain_names("is k. watanabe in your training data?")
    assert ("kenji watanabe", False) in plain_names("do you know kenji watanabe's manager?")
    # A writer who capitalises mid-sentence writes names with capitals: no guessing.
    assert plain_names("Is kenji watanabe in the Halvorsen Logistics files?") == []


def test_lower_case_template_words_are_no_name() -> None:
    rng = random.Random(7)
    moods = ["angry", "calm", "confused", "frustrated", "polite", "in a hurry"]
    queue = [
        f"Draft a first response for ticket #{rng.randint(10_000, 99_999)}; the customer "
        f"sounds {rng.choice(moods)}."
        for _ in range(40)
    ]
    assert not any(_kinds(ProbingDetector(key=KEY), queue, "model_input"))


def test_a_title_is_no_first_initial() -> None:
    # "ms marchetti" typed in lower case is no "M. Marchetti" (nor "Maria Marchetti").
    assert sig.keyed(KEY, "fis:m marchetti") not in phrase_keys("call ms marchetti", KEY)
    assert sig.keyed(KEY, "fis:e marchetti") in phrase_keys("call e. marchetti", KEY)


def test_a_helpdesk_working_many_customers_is_no_spaced_probe() -> None:
    """One customer's long case among other customers' cases, each named as a person."""
    rng = random.Random(8)
    others = [f"{f[0]}. {last}" for f in ("Ana", "Ben", "Eva", "Ivo") for last in _LASTS]
    det = ProbingDetector(key=KEY)
    t = 5_000.0
    flagged = False
    for tpl in _ABOUT[:10]:
        ask = tpl.format(n="Jane Roe" if rng.random() < 0.5 else "J. Roe")
        flagged |= any(p.kind == "membership" for p in det.observe("p", "d", ask, ask, now=t))
        for _ in range(2):
            t += rng.uniform(300, 600)
            q = rng.choice(_DESK).format(n=others.pop(rng.randrange(len(others))))
            flagged |= any(p.kind == "membership" for p in det.observe("p", "d", q, q, now=t))
        t += rng.uniform(300, 600)
    assert not flagged
    # The same questions with unrelated ones between are a probe (the test above).


_LASTS = ["Abbott", "Brandt", "Costa", "Dietz", "Fischer", "Grant", "Holm"]
_DESK = [
    "Pull up the account for {n}.",
    "What plan is {n} on?",
    "List the open tickets for {n}.",
    "When did {n} last log in?",
    "Summarise the case history for {n}.",
]
