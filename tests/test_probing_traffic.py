"""Sanity checks of the probing benchmark's traffic generator (``benchmarks/probing_traffic.py``).

They check the generator keeps its promises (determinism, sizes, labels, the shape of each
attack, benign hard negatives that are varied rather than swept), not the detector.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import probing_traffic as pt


@lru_cache(maxsize=1)
def _attacks() -> tuple[pt.Trace, ...]:
    return tuple(pt.attack_traces())


@lru_cache(maxsize=1)
def _benign() -> tuple[pt.Trace, ...]:
    return tuple(pt.benign_traces())


def _text(q: pt.Query) -> str:
    return q.payload if isinstance(q.payload, str) else json.dumps(q.payload, sort_keys=True)


def test_deterministic() -> None:
    assert pt.attack_traces() == list(_attacks())
    assert pt.benign_traces(12, 150) == pt.benign_traces(12, 150)
    assert pt.attack_traces(seed=7) != list(_attacks())


def test_attack_kinds_and_sizes() -> None:
    kinds = Counter(tr.kind for tr in _attacks())
    assert set(kinds) == set(pt.ATTACK_KINDS)
    assert min(kinds.values()) >= 5
    assert sum(kinds.values()) >= 25
    assert len({tr.name for tr in _attacks()}) == len(_attacks())
    for tr in _attacks():
        n_attack = sum(q.attack for q in tr.queries)
        assert n_attack >= 30, tr.name  # a delay of up to 20 queries must be measurable
        assert all(q.principal == tr.principal for q in tr.queries)
        ts = [q.t for q in tr.queries]
        assert ts == sorted(ts), tr.name
        if tr.kind == "spaced":
            assert any(not q.attack for q in tr.queries), tr.name
            attack_ts = [q.t for q in tr.queries if q.attack]
            gaps = sorted(b - a for a, b in itertools.pairwise(attack_ts))
            assert gaps[0] >= 3 * pt.MINUTE
            assert gaps[len(gaps) // 2] >= 10 * pt.MINUTE
        else:
            assert all(q.attack for q in tr.queries), tr.name


def test_tool_sweeps_vary_exactly_one_field() -> None:
    for tr in _attacks():
        if tr.kind != "sweep" or tr.queries[0].channel != pt.TOOL_INPUT:
            continue
        args = [q.payload["args"] for q in tr.queries]
        varied = {k for k in args[0] if len({json.dumps(a[k]) for a in args}) > 1}
        assert len(varied) == 1, (tr.name, varied)
        (field,) = varied
        assert len({json.dumps(a[field]) for a in args}) >= 30, tr.name


def test_text_sweeps_share_one_template() -> None:
    for tr in _attacks():
        if tr.kind != "sweep" or tr.queries[0].channel != pt.MODEL_INPUT:
            continue
        texts = [q.payload for q in tr.queries]
        assert len(set(texts)) == len(texts)
        # Strip the varied token (an id, a number or a name): one template remains.
        first = texts[0].split()
        for t in texts:
            words = t.split()
            assert len(words) == len(first)
            assert sum(a != b for a, b in zip(words, first, strict=True)) <= 2, t


def test_membership_names_the_same_entity() -> None:
    for tr in _attacks():
        if tr.kind != "membership":
            continue
        target = dict(pt._TARGETS)[tr.name]
        keys = (target.surname.lower(), target.first.lower())
        hits = sum(any(k in _text(q).lower() for k in keys) for q in tr.queries)
        assert hits >= 0.9 * len(tr.queries), tr.name  # the odd typo may hit the name
        assert len({_text(q) for q in tr.queries}) >= 0.9 * len(tr.queries)


def test_near_duplicates_are_near_but_not_identical() -> None:
    for tr in _attacks():
        if tr.kind != "near_duplicate":
            continue
        texts = [_text(q) for q in tr.queries]
        assert len(set(texts)) >= 0.7 * len(texts), tr.name


def test_benign_shape() -> None:
    traces = _benign()
    assert len(traces) == 200
    principals = [tr.principal for tr in traces]
    assert len(set(principals)) == 200
    assert not set(principals) & {tr.principal for tr in _attacks()}
    archetypes = Counter(tr.name for tr in traces)
    assert archetypes["benign_rephraser"] >= 10
    assert archetypes["benign_batch_scorer"] >= 5
    assert archetypes["benign_ticket_service"] >= 5
    for tr in traces:
        assert tr.kind == "benign"
        assert len(tr.queries) == 1000
        assert not any(q.attack for q in tr.queries)
        ts = [q.t for q in tr.queries]
        assert ts == sorted(ts), tr.name
        assert pt.DAY < ts[-1] - ts[0] < 90 * pt.DAY, (tr.name, ts[-1] - ts[0])
        assert all(q.channel in (pt.MODEL_INPUT, pt.TOOL_INPUT) for q in tr.queries)
        # Real users repeat themselves, but rarely word for word.
        assert len({_text(q) for q in tr.queries}) >= 900, tr.name


def test_everything_is_json() -> None:
    for tr in (*_attacks(), *_benign()[:20]):
        for q in tr.queries:
            assert isinstance(q.payload, str | dict)
            json.loads(json.dumps(q.payload))


def test_batch_scorers_do_not_sweep() -> None:
    for tr in _benign():
        if tr.name != "benign_batch_scorer":
            continue
        args = [q.payload["args"] for q in tr.queries]
        for a, b in itertools.pairwise(args):
            if a == b:
                continue  # an exact retry
            assert sum(a[k] != b[k] for k in a) >= 2


def test_ticket_ids_are_not_sequential() -> None:
    for tr in _benign():
        if tr.name != "benign_ticket_service":
            continue
        ids = [int(re.search(r"#(\d+)", q.payload).group(1)) for q in tr.queries]
        steps = Counter(b - a for a, b in itertools.pairwise(ids))
        assert steps[1] < 0.05 * len(ids)


def test_rephrasers_rephrase() -> None:
    rephrasers = [tr for tr in _benign() if tr.name == "benign_rephraser"]
    quick = 0
    for tr in rephrasers:
        quick += sum(b.t - a.t < 5 * pt.MINUTE for a, b in itertools.pairwise(tr.queries))
    assert quick > 0


def test_interleave_merges_by_time() -> None:
    traces = [*_attacks(), *_benign()[:10]]
    merged = pt.interleave(traces)
    assert len(merged) == sum(len(tr.queries) for tr in traces)
    ts = [q.t for q in merged]
    assert ts == sorted(ts)


@pytest.mark.parametrize("n", [1, 7, 33])
def test_small_principal_counts(n: int) -> None:
    traces = pt.benign_traces(n, 50)
    assert len(traces) == n
    assert len({tr.principal for tr in traces}) == n


def test_no_secret_shaped_data() -> None:
    from agentguard.detectors.secrets import SecretDetector

    det = SecretDetector()
    texts = [_text(q) for tr in _attacks() for q in tr.queries]
    texts += [_text(q) for tr in _benign() for q in tr.queries[:200]]
    hits = [(t, h) for t in texts for h in det.scan(t)]
    assert not hits, hits[:3]


def test_support_desks_come_on_top_and_name_people_several_ways() -> None:
    base = pt.benign_traces(3, 60)
    with_desks = pt.benign_traces(3, 60, desks=2)
    assert with_desks[:3] == base  # the original mix draws the same traffic
    desks = with_desks[3:]
    assert [tr.principal for tr in desks] == ["svc-desk-01", "svc-desk-02"]
    for tr in desks:
        assert tr.name == "benign_support_desk" and len(tr.queries) == 60
        texts = [q.payload for q in tr.queries]
        assert any(re.search(r"\b[A-Z]\. [A-Z]", t) for t in texts)  # an initialled name
        assert any(re.search(r"\b(?:Ms|Mr|Mrs|Dr)\.? [A-Z]", t) for t in texts)  # a title


def test_added_spaced_attacks_keep_the_earlier_traces() -> None:
    names = [tr.name for tr in _attacks()]
    assert names[-3:] == [
        "spaced_membership_record_id",
        "spaced_membership_clinical_trial",
        "spaced_membership_lowercase",
    ]
    record = next(tr for tr in _attacks() if tr.name == "spaced_membership_record_id")
    assert all(re.search(r"MRN-?\d{6}", q.payload, re.I) for q in record.queries if q.attack)
