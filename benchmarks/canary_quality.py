"""Memorisation detector quality: the labelled canary set and the STS benchmark.

Run with the project venv: ``HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/canary_quality.py``
(``--grid`` also sweeps the thresholds on the calibration sets and prints the best).

* **Labelled set** (``tests/canary_cases.py``): every record is indexed; each probe is
  checked. A probe that should be flagged counts when its own record is matched; a probe
  that should not (same template, other record; unrelated output) counts as flagged when
  any record is matched. Targets: verbatim and partial 1.0, perturbed ≥ 0.99, paraphrase
  ≥ 0.98, same-template ≤ 0.03, unrelated ≤ 0.005.
* **STS** (``../shared/data/sts-benchmark``): sentence 1 of every pair is a canary;
  sentence 2 is the output. Targets: pairs scored ≥ 4 flagged ≥ 0.9, pairs scored ≤ 1
  flagged ≤ 0.02 (flagged = matched to its own pair's sentence 1). Dev calibrates; test is
  only reported.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agentguard.canary.detector import DEFAULT, CanaryDetector, Evidence, Thresholds, decide
from agentguard.canary.encoder import shared_encoder
from agentguard.canary.index import build
from agentguard.canary.records import Record

ROOT = Path(__file__).resolve().parents[1]
STS = ROOT.parent / "shared" / "data" / "sts-benchmark"
#: Evidence is gathered exactly as the detector gathers it (its own cosine floor, the lowest
#: semantic cut point of ``DEFAULT``), so the rates are the production ones; the grid
#: sweeps cut points at or above that floor only.


@dataclass
class Probe:
    group: str  # variant, or "sts>=4" / "sts<=1"
    own: int | None  # the record that should (or must not) be matched; None: any record
    should_flag: bool
    evidence: list[Evidence]


def sts_pairs(name: str) -> list[tuple[float, str, str]]:
    pairs = []
    for line in (STS / name).read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 7:
            pairs.append((float(fields[4]), fields[5], fields[6]))
    return pairs


def sts_probes(name: str) -> list[Probe]:
    pairs = [p for p in sts_pairs(name) if p[0] >= 4 or p[0] <= 1]
    records = [Record(f"sts-{i}", s1) for i, (_, s1, _) in enumerate(pairs)]
    det = CanaryDetector(build(records, shared_encoder()))
    out = []
    for i, (score, _, s2) in enumerate(pairs):
        ev = [e for e in det.evidence(s2) if e.record == i]
        out.append(Probe("sts>=4" if score >= 4 else "sts<=1", i, score >= 4, ev))
    return out


def labelled_probes() -> list[Probe]:
    from tests import canary_cases as cc

    recs = cc.records()
    det = CanaryDetector(build([Record(r.id, r.text) for r in recs], shared_encoder()))
    pos = {r.id: i for i, r in enumerate(recs)}
    out = []
    for p in cc.probes():
        ev = det.evidence(p.text)
        own = pos.get(p.record_id) if p.record_id else None
        if p.should_flag:
            ev = [e for e in ev if e.record == own]
        out.append(Probe(p.variant, own, p.should_flag, ev))
    return out


def rates(probes: list[Probe], t: Thresholds) -> dict[str, tuple[int, int]]:
    flagged: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in probes:
        hit = any(decide(e, t) is not None for e in p.evidence)
        flagged[p.group][0] += hit
        flagged[p.group][1] += 1
    return {g: (a, b) for g, (a, b) in flagged.items()}


TARGETS = {
    "verbatim": (">=", 1.0),
    "partial": (">=", 1.0),
    "perturbed": (">=", 0.99),
    "paraphrase": (">=", 0.98),
    "same_template": ("<=", 0.03),
    "unrelated": ("<=", 0.005),
    "sts>=4": (">=", 0.9),
    "sts<=1": ("<=", 0.02),
}


def table(title: str, r: dict[str, tuple[int, int]]) -> str:
    lines = [f"### {title}", "", "| probes | flagged | rate | target | met |"]
    lines.append("| --- | --: | --: | --- | --- |")
    for group, (a, n) in r.items():
        op, goal = TARGETS.get(group, ("", 0.0))
        rate = a / n if n else 0.0
        met = (rate >= goal) if op == ">=" else (rate <= goal)
        verdict = "yes" if met else "**no**"
        lines.append(f"| {group} | {a}/{n} | {rate:.3f} | {op} {goal} | {verdict} |")
    return "\n".join(lines)


def score(r: dict[str, tuple[int, int]]) -> float:
    """How far from the targets, summed (0 = all met)."""
    miss = 0.0
    for group, (a, n) in r.items():
        op, goal = TARGETS[group]
        rate = a / n if n else 0.0
        miss += max(0.0, goal - rate) if op == ">=" else max(0.0, rate - goal)
    return miss


def grid(probes: list[Probe]) -> Thresholds:
    best, best_t = float("inf"), DEFAULT
    for near, similar, precision, rich, fsim, nfew, sfew in itertools.product(
        (0.3, 0.35, 0.4),
        (0.55, 0.6, 0.65),
        (0.6, 0.65, 0.7),
        (3.0, 4.0),
        (0.45, 0.5),
        (0.5, 0.6),
        (0.65, 0.7, 0.75),
    ):
        t = replace(
            DEFAULT,
            near=near,
            similar=similar,
            precision=precision,
            rich=rich,
            facts_similar=fsim,
            near_few_facts=nfew,
            similar_few_facts=sfew,
        )
        s = score(rates(probes, t))
        if s < best:
            best, best_t = s, t
    return best_t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--grid", action="store_true", help="sweep thresholds on the calibration sets")
    ap.add_argument("--skip-sts", action="store_true")
    ap.add_argument("--skip-labelled", action="store_true")
    args = ap.parse_args()
    calib: list[Probe] = []
    if not args.skip_labelled:
        labelled = labelled_probes()
        calib += labelled
        print(table("Labelled set (tests/canary_cases.py)", rates(labelled, DEFAULT)), "\n")
    if not args.skip_sts:
        dev = sts_probes("sts-dev.csv")
        calib += dev
        print(table("STS dev (calibration)", rates(dev, DEFAULT)), "\n")
        test = sts_probes("sts-test.csv")
        print(table("STS test (reported only)", rates(test, DEFAULT)), "\n")
    if args.grid:
        t = grid(calib)
        print("best thresholds on the calibration sets:", t)
        print(table("calibration sets with them", rates(calib, t)))


if __name__ == "__main__":
    main()
