"""The detector protocol and registry.

A detector has one job: look at text and say where something risky is. It never decides
what to do about it (that is the policy) and never touches telemetry (the guard records).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Hit:
    """A detector's raw result: offsets into the scanned text, never the text itself."""

    start: int
    end: int
    kind: str  # "secret/github-pat"; the part before "/" names the family
    rule: str  # the rule id inside the detector ("github-pat")
    severity: str = "high"  # low | medium | high | critical
    confidence: float = 1.0
    technique: str = "AML.T0055"  # MITRE ATLAS technique id


@runtime_checkable
class Detector(Protocol):
    """Anything with a ``name`` and a ``scan(text)`` returning hits is a detector."""

    name: str

    def scan(self, text: str) -> Sequence[Hit]: ...


#: Builds a detector from its policy section (``[detectors.<name>]`` as a plain mapping).
DetectorFactory = Callable[[Mapping[str, Any]], Detector]

_REGISTRY: dict[str, DetectorFactory] = {}


def register_detector(name: str, factory: DetectorFactory, *, replace: bool = False) -> None:
    """Make a detector available to policies under ``name``."""
    if name in _REGISTRY and not replace:
        raise ValueError(f"a detector named {name!r} is already registered")
    _REGISTRY[name] = factory


def detector_factory(name: str) -> DetectorFactory:
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise KeyError(f"no detector named {name!r} (registered: {known})") from None


def registered_detectors() -> list[str]:
    return sorted(_REGISTRY)
