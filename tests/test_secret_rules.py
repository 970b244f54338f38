"""Every built-in rule documents itself: examples it finds, negatives it leaves alone.

Examples are judged per rule (an engine holding that rule alone), because two rules may
legitimately claim the same span and only one hit survives the overlap resolution; the
full rule set must still report something over every example.
"""

from __future__ import annotations

from collections import Counter

import pytest

from agentguard.detectors.secrets import SecretDetector
from agentguard.detectors.secrets.engine import GENERIC_PRIORITY, SecretEngine
from agentguard.detectors.secrets.rules import Rule, builtin_rules

RULES = builtin_rules()
MIN_PROVIDER_RULES = 150
GENERIC_PROVIDERS = {"generic", "jwt", "privatekey", "curl"}


@pytest.fixture(scope="module")
def full() -> SecretDetector:
    return SecretDetector(RULES, prefilter="re2")


def _alone(rule: Rule) -> SecretEngine:
    return SecretEngine([rule], prefilter="re2")


def test_rule_ids_are_unique() -> None:
    counts = Counter(r.id for r in RULES)
    assert not [rid for rid, n in counts.items() if n > 1]


def test_provider_rule_count() -> None:
    providers = [r for r in RULES if r.provider not in GENERIC_PROVIDERS]
    assert len(providers) >= MIN_PROVIDER_RULES, (
        f"only {len(providers)} provider rules are shipped; at least {MIN_PROVIDER_RULES} "
        f"are expected (files: {sorted({r.source for r in RULES})})"
    )


def test_generic_rules_rank_below_providers() -> None:
    """A provider's own format must win an overlap with a keyword-only rule."""
    by_id = {r.id: r for r in RULES}
    assert by_id["generic-credential"].priority <= GENERIC_PRIORITY
    providers = [r for r in RULES if r.source != "generic.toml"]
    assert all(r.priority > GENERIC_PRIORITY for r in providers)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_examples(rule: Rule) -> None:
    assert rule.examples, f"{rule.id} ({rule.source}) has no examples"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_examples_hit_their_rule(rule: Rule, full: SecretDetector) -> None:
    engine = _alone(rule)
    for i, example in enumerate(rule.examples):
        assert any(h.rule == rule.id for h in engine.scan(example)), f"{rule.id} example {i}"
        assert full.scan(example), f"{rule.id} example {i}: the full rule set reports nothing"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_negatives_do_not_hit_their_rule(rule: Rule, full: SecretDetector) -> None:
    engine = _alone(rule)
    for i, negative in enumerate(rule.negatives):
        assert not engine.scan(negative), f"{rule.id} negative {i} is reported"
        assert not [h for h in full.scan(negative) if h.rule == rule.id]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_keywords_occur_in_examples(rule: Rule) -> None:
    """The prefilter only runs a rule near its keywords, so an example must contain one."""
    for i, example in enumerate(rule.examples):
        low = example.lower()
        assert any(k in low for k in rule.keywords), f"{rule.id} example {i} has no keyword"
