"""The ``secrets`` detector: API keys, tokens, passwords and private keys in any text.

Rules live in ``rules/*.toml`` (see :mod:`.rules`); :class:`~.engine.SecretEngine` runs
them. This module adapts the engine to the :class:`~agentguard.detectors.base.Detector`
protocol and builds it from a policy's ``[detectors.secrets]`` section.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from agentguard.detectors.base import Hit, register_detector
from agentguard.detectors.secrets.allowlist import Allowlist
from agentguard.detectors.secrets.engine import Prefilter, SecretEngine
from agentguard.detectors.secrets.rules import Rule, builtin_rules, load_rules_file

__all__ = ["SecretDetector", "SecretEngine", "secret_detector_from_config"]

_CONFIG_KEYS = frozenset(
    {"disabled_rules", "extra_rules_files", "allow_patterns", "allow_values", "min_entropy"}
)


class SecretDetector:
    """Detector protocol wrapper: ``scan(text)`` returns the engine's hits."""

    name = "secrets"

    def __init__(
        self,
        rules: Sequence[Rule] | None = None,
        *,
        allowlist: Allowlist | None = None,
        min_entropy: float | None = None,
        prefilter: Prefilter | None = None,
    ) -> None:
        self.engine = SecretEngine(
            builtin_rules() if rules is None else rules,
            allowlist=allowlist,
            min_entropy=min_entropy,
            prefilter=prefilter,
        )

    def might_contain(self, text: str) -> bool:
        """Cheap pre-check for a whole payload: False means ``scan`` would find nothing."""
        return self.engine.might_contain(text)

    def scan(self, text: str) -> list[Hit]:
        return self.engine.scan(text)

    def __repr__(self) -> str:
        return f"SecretDetector({self.engine!r})"


def _str_list(config: Mapping[str, Any], key: str) -> list[str]:
    value = config.get(key, [])
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"detectors.secrets.{key} must be a list of strings")
    return list(value)


@lru_cache(maxsize=1)
def _default_detector() -> SecretDetector:
    return SecretDetector()


def secret_detector_from_config(config: Mapping[str, Any]) -> SecretDetector:
    """Build the detector from a policy section; the default one is compiled only once."""
    unknown = set(config) - _CONFIG_KEYS
    if unknown:
        raise ValueError(f"detectors.secrets: unknown keys {sorted(unknown)}")
    if not config:
        return _default_detector()
    every = builtin_rules()
    for path in _str_list(config, "extra_rules_files"):
        every.extend(load_rules_file(path))
    ids = [r.id for r in every]
    if len(ids) != len(set(ids)):
        raise ValueError("detectors.secrets.extra_rules_files redefine a rule id")
    disabled = set(_str_list(config, "disabled_rules"))
    if missing := sorted(disabled - set(ids)):
        raise ValueError(f"detectors.secrets.disabled_rules: no rules {missing}")
    rules = [r for r in every if r.id not in disabled]
    min_entropy = config.get("min_entropy")
    if min_entropy is not None and (
        isinstance(min_entropy, bool) or not isinstance(min_entropy, int | float)
    ):
        raise ValueError("detectors.secrets.min_entropy must be a number")
    allowlist = Allowlist(_str_list(config, "allow_patterns"), _str_list(config, "allow_values"))
    return SecretDetector(
        rules,
        allowlist=allowlist,
        min_entropy=None if min_entropy is None else float(min_entropy),
    )


register_detector("secrets", secret_detector_from_config, replace=True)
