"""Everything a :class:`~agentguard.guard.Guard` derives from its policy, as one object.

Hot reload swaps the policy while other threads inspect. Keeping the policy, its
detectors, the fingerprinter and the per-channel detector lists in one immutable object
means a reload is a single assignment, and an inspection that took the object at its
start never sees half of one policy and half of another.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from agentguard.detectors.base import Detector, detector_factory
from agentguard.errors import AgentGuardError, PolicyError
from agentguard.findings import Channel
from agentguard.fingerprint import Fingerprinter
from agentguard.policy.model import Limits, Policy
from agentguard.policy.probing import ProbingPolicy
from agentguard.policy.version import policy_version


class ProbingCell:
    """The probing detector, built on first use and kept across reloads that leave its
    store settings and the fingerprint key alone (so per-principal history survives)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._detector: Any = None

    def get(self, cfg: ProbingPolicy, fingerprint: Fingerprinter) -> Any:
        if self._detector is None:
            with self._lock:
                if self._detector is None:
                    self._detector = _build_prober(cfg, fingerprint)
        return self._detector


@dataclass(frozen=True, slots=True)
class GuardState:
    policy: Policy
    detectors: tuple[Detector, ...]
    fingerprint: Fingerprinter
    limits: Limits
    for_channel: Mapping[Channel, Sequence[Detector]]
    shadow_for: Mapping[Channel, Sequence[Detector]]
    probing: ProbingCell
    version: str
    #: The fingerprint key as given (or None): decides whether the fingerprinter is reused.
    _key: str | None


def build_state(
    policy: Policy, extra: Sequence[Detector] = (), previous: GuardState | None = None
) -> GuardState:
    """Build every derived part of ``policy``; raises :class:`PolicyError` before anything
    is swapped when a detector cannot be built."""
    detectors = (*_build_detectors(policy), *extra)
    key = policy.fingerprint_key.get_secret_value() if policy.fingerprint_key else None
    same_key = previous is not None and previous._key == key
    fingerprint = previous.fingerprint if previous is not None and same_key else Fingerprinter(key)
    on = {c: _on_channel(policy, detectors, c) for c in Channel}
    shadowed = {n for n, cfg in policy.detectors.items() if cfg.mode == "shadow"}
    keep_probing = (
        previous is not None and same_key and _store_of(previous.policy) == _store_of(policy)
    )
    return GuardState(
        policy=policy,
        detectors=detectors,
        fingerprint=fingerprint,
        limits=policy.limits,
        for_channel={c: tuple(d for d in ds if d.name not in shadowed) for c, ds in on.items()},
        shadow_for={c: tuple(d for d in ds if d.name in shadowed) for c, ds in on.items()},
        probing=previous.probing if previous is not None and keep_probing else ProbingCell(),
        version=policy_version(policy),
        _key=key,
    )


def _store_of(policy: Policy) -> tuple[Any, ...]:
    p = policy.probing
    return (p.store, p.redis_url, p.window, p.rate_per_minute, p.encoder)


def _build_prober(cfg: ProbingPolicy, fingerprint: Fingerprinter) -> Any:
    from agentguard.probing.detector import ProbingDetector, Settings
    from agentguard.probing.store import MemoryStore, RedisStore, Store

    store: Store = (
        RedisStore(url=cfg.redis_url, max_age=cfg.window)
        if cfg.store == "redis"
        else MemoryStore(max_age=cfg.window)
    )
    return ProbingDetector(
        store,
        key=fingerprint.derive("agentguard-probing"),
        settings=Settings(window=cfg.window, rate_per_minute=cfg.rate_per_minute),
        encode=_probing_encoder(cfg.encoder),
    )


def _probing_encoder(model: str | None) -> Any:
    """The sentence encoder for near-duplicates by meaning, when the policy names one."""
    if model is None:
        return None
    from agentguard.canary.encoder import shared_encoder  # torch only for those who ask

    return shared_encoder(model).encode


def _on_channel(policy: Policy, detectors: Sequence[Detector], channel: Channel) -> list[Detector]:
    """The detectors that run on ``channel``: the policy's ``channels`` for the detector,
    else the detector's own ``channels`` attribute, else every channel."""
    out = []
    for det in detectors:
        cfg = policy.detectors.get(det.name)
        allowed = cfg.channels if cfg is not None and cfg.channels is not None else None
        if allowed is None:
            allowed = getattr(det, "channels", None)
        if allowed is None or channel in allowed:
            out.append(det)
    return out


#: Built-in detectors whose modules (and their dependencies) load only when configured.
_LAZY_DETECTORS = {"canary": "agentguard.canary.plugin"}


def _build_detectors(policy: Policy) -> list[Detector]:
    import agentguard.detectors.secrets  # noqa: F401  registers the built-in detector

    built: list[Detector] = []
    for name, cfg in policy.detectors.items():
        if not cfg.enabled:
            continue
        try:
            if name in _LAZY_DETECTORS:
                importlib.import_module(_LAZY_DETECTORS[name])
            factory = detector_factory(name)
        except KeyError as exc:
            raise PolicyError(f"policy field 'detectors.{name}': {exc.args[0]}") from None
        try:
            built.append(factory(cfg.options()))
        except (ValueError, TypeError, OSError, AgentGuardError) as exc:
            raise PolicyError(f"policy field 'detectors.{name}': {exc}") from None
    return built
