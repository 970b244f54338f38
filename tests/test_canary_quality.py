"""Memorisation quality on the labelled set and on STS-dev, against the issue's targets.

The same measurement as ``benchmarks/canary_quality.py`` (which also reports STS-test, never
used for tuning); here it guards against regressions. About two minutes on two cores.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("sentence_transformers")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import canary_quality as quality

from tests.conftest import SHARED


def _check(rates: dict[str, tuple[int, int]]) -> None:
    failures = []
    for group, (flagged, n) in rates.items():
        op, goal = quality.TARGETS[group]
        rate = flagged / n
        if (op == ">=" and rate < goal) or (op == "<=" and rate > goal):
            failures.append(f"{group}: {flagged}/{n} = {rate:.3f}, target {op} {goal}")
    assert not failures, "; ".join(failures)


def test_labelled_set_meets_targets() -> None:
    rates = quality.rates(quality.labelled_probes(), quality.DEFAULT)
    assert sum(n for _, n in rates.values()) >= 600
    _check(rates)


@pytest.mark.skipif(
    not (SHARED / "data" / "sts-benchmark" / "sts-dev.csv").exists(), reason="no STS data"
)
def test_sts_dev_meets_targets() -> None:
    _check(quality.rates(quality.sts_probes("sts-dev.csv"), quality.DEFAULT))
