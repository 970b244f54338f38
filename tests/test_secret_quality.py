"""Recall and false-positive rate of the built-in secret rules on the labelled dev set.

The set (``../shared/data/secrets/gitleaks_cases.jsonl``) gives lines, not the secret's
offsets, so a line counts as caught when a hit lies inside one value: it crosses no
quote, bracket or whitespace (except a PEM or base64 block) and does not swallow the name
(``TOKEN=…``). Results are reported per provider because templated providers dominate.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from agentguard.detectors.base import Hit
from agentguard.detectors.secrets import SecretDetector

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "secrets" / "gitleaks_cases.jsonl"
MIN_RECALL = 0.98
MIN_PROVIDER_RECALL = 0.95
MAX_FPR = 0.02

_DELIMITERS = re.compile(r"[\s\"'`<>]")
_BLOCK = re.compile(r"[A-Za-z0-9+/=\s\\]+")  # base64 lines of a key, maybe escaped newlines
_NAMED = re.compile(r"(?i)^[\w.\-]*(?:key|token|secret|pass|pwd|auth|cred)[\w.\-]*\s*[=:]")
_ASSIGNED = re.compile(r"[=:>,(]")


def inside_value(text: str, hit: Hit) -> bool:
    """True when the hit covers (part of) one value rather than a name or several tokens."""
    span = text[hit.start : hit.end]
    line_head = text[text.rfind("\n", 0, hit.start) + 1 : hit.start]
    assigned = _ASSIGNED.search(line_head) or text[: hit.start].rstrip().endswith(">")
    if len(span) < 4 or (_NAMED.match(span) and not assigned):
        return False  # "TOKEN=value" with the name inside the hit
    if span.startswith("-----BEGIN") or _BLOCK.fullmatch(span):
        return True
    return not _DELIMITERS.search(span)


def _cases() -> Iterator[dict[str, str]]:
    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, int]]:
    if not DATA.exists():
        pytest.skip(f"labelled secrets dev set not found at {DATA}")
    detector = SecretDetector()
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for case in _cases():
        text, provider = case["text"], case["provider"]
        hits = detector.scan(text)
        if case["label"] == "secret":
            stats[provider]["secret"] += 1
            stats[provider]["caught"] += any(inside_value(text, h) for h in hits)
        else:
            stats[provider]["benign"] += 1
            stats[provider]["flagged"] += bool(hits)
            for rule in {h.rule for h in hits}:
                stats[provider][f"by {rule}"] += 1
    return stats


def _table(stats: dict[str, dict[str, int]]) -> str:
    rows = []
    for provider, s in sorted(stats.items(), key=lambda kv: _recall(kv[1])):
        flagged_by = ", ".join(f"{k[3:]} x{n}" for k, n in s.items() if k.startswith("by "))
        rows.append(
            f"{provider:>20}: recall {s['caught']}/{s['secret']} = {_recall(s):.3f}, "
            f"fp {s['flagged']}/{s['benign']}" + (f" ({flagged_by})" if flagged_by else "")
        )
    return "\n".join(rows)


def _recall(s: dict[str, int]) -> float:
    return s["caught"] / s["secret"] if s["secret"] else 1.0


def test_overall_recall(results: dict[str, dict[str, int]]) -> None:
    caught = sum(s["caught"] for s in results.values())
    total = sum(s["secret"] for s in results.values())
    assert caught / total >= MIN_RECALL, f"recall {caught}/{total}\n{_table(results)}"


def test_recall_per_provider(results: dict[str, dict[str, int]]) -> None:
    weak = {
        p: s for p, s in results.items() if s["secret"] >= 10 and _recall(s) < MIN_PROVIDER_RECALL
    }
    assert not weak, f"providers under {MIN_PROVIDER_RECALL}:\n{_table(weak)}"


def test_false_positive_rate(results: dict[str, dict[str, int]]) -> None:
    flagged = sum(s["flagged"] for s in results.values())
    total = sum(s["benign"] for s in results.values())
    noisy = {p: s for p, s in results.items() if s["flagged"]}
    assert flagged / total <= MAX_FPR, f"fpr {flagged}/{total}\n{_table(noisy)}"
