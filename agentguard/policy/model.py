"""The policy: what the guard does, per channel and per finding kind.

A pydantic model so that a bad file fails at load time with the field and the reason,
and so that every field documents itself (``docs/policy.md`` lists them all).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from agentguard.findings import Action, Channel
from agentguard.policy.probing import ProbingPolicy
from agentguard.policy.signals import SignalsPolicy


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limits(_Strict):
    """Bounds on what one inspection will walk, so bad input cannot hang the agent."""

    max_chars: int = Field(8_000_000, gt=0, description="characters of text per payload")
    max_depth: int = Field(128, gt=0, le=900, description="nesting depth of containers")
    max_items: int = Field(1_000_000, gt=0, description="containers per payload")
    on_exceed: Literal["block", "truncate", "allow"] = Field(
        "block",
        description="block: refuse the payload; truncate: scan and keep only what fits; "
        "allow: pass it on unscanned with a guard/limit_exceeded finding (fail-open)",
    )


class ChannelPolicy(_Strict):
    """Overrides for one channel."""

    enabled: bool = True
    actions: dict[str, Action] = Field(default_factory=dict)
    signals: SignalsPolicy | None = Field(
        None, description="inversion-signal settings for this channel, over the global ones"
    )


class DetectorConfig(BaseModel):
    """Common switches; detector-specific keys pass through to the detector's factory."""

    model_config = ConfigDict(extra="allow", frozen=True)

    enabled: bool = True
    min_confidence: float = Field(0.0, ge=0.0, le=1.0)
    channels: list[Channel] | None = Field(None, description="limit to these channels")
    mode: Literal["inline", "shadow"] = Field(
        "inline",
        description="inline: findings act on the payload; shadow: scanned off the response "
        "path by a background worker, reported through spans only",
    )

    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Allowlist(_Strict):
    fingerprints: list[str] = Field(default_factory=list, description="known-safe fingerprints")
    kinds: list[str] = Field(default_factory=list, description="finding kinds never reported")


class Telemetry(_Strict):
    clean_spans: bool = Field(False, description="also record a span for clean inspections")


DEFAULT_ACTIONS: dict[str, Action] = {
    "secret": Action.REDACT,
    "inversion_signal": Action.REDUCE,
    "memorisation": Action.REDACT,
    "*": Action.ALERT,
}


class Policy(_Strict):
    """Everything the guard decides by. ``Policy()`` is the built-in default."""

    version: Literal[1] = 1
    name: str = "default"
    actions: dict[str, Action] = Field(default_factory=lambda: dict(DEFAULT_ACTIONS))
    channels: dict[Channel, ChannelPolicy] = Field(default_factory=dict)
    detectors: dict[str, DetectorConfig] = Field(
        default_factory=lambda: {"secrets": DetectorConfig()}
    )
    allowlist: Allowlist = Field(default_factory=Allowlist)
    limits: Limits = Field(default_factory=Limits)
    fail_mode: Literal["closed", "open"] = Field(
        "closed", description="when a detector raises: closed blocks, open passes and records"
    )
    on_block: Literal["raise", "refuse"] = Field(
        "raise", description="raise GuardBlocked, or return `refusal` in place of the payload"
    )
    refusal: str = "[agentguard: content withheld by policy]"
    mask_prefix: int = Field(4, ge=0, le=8, description="characters kept by the mask action")
    fingerprint_key: SecretStr | None = Field(
        None, description="HMAC key for fingerprints; else AGENTGUARD_FINGERPRINT_KEY"
    )
    telemetry: Telemetry = Field(default_factory=Telemetry)
    signals: SignalsPolicy = Field(default_factory=SignalsPolicy)
    probing: ProbingPolicy = Field(default_factory=ProbingPolicy)

    @model_validator(mode="before")
    @classmethod
    def _layer_channel_signals(cls, data: Any) -> Any:
        """A channel's ``signals`` table is read over the global one, key by key."""
        if not isinstance(data, dict):
            return data
        base = data.get("signals")
        channels = data.get("channels")
        if not isinstance(base, dict) or not isinstance(channels, dict):
            return data
        merged = {}
        for name, cp in channels.items():
            if isinstance(cp, dict) and isinstance(cp.get("signals"), dict):
                cp = {**cp, "signals": _deep_merge(base, cp["signals"])}
            merged[name] = cp
        return {**data, "channels": merged}

    @field_validator("actions")
    @classmethod
    def _keep_default(cls, value: dict[str, Action]) -> dict[str, Action]:
        return {**DEFAULT_ACTIONS, **value}

    @field_validator("detectors")
    @classmethod
    def _keep_secrets(cls, value: dict[str, DetectorConfig]) -> dict[str, DetectorConfig]:
        """Adding ``[detectors.canary]`` must not silently drop the secret detector: it is
        on unless ``[detectors.secrets] enabled = false`` says otherwise."""
        if "secrets" in value:
            return value
        return {"secrets": DetectorConfig(), **value}

    def action_for(self, channel: Channel, kind: str) -> Action:
        """Channel rules first, then global ones; within each, the longest kind prefix wins."""
        return _resolve(self, channel, kind)

    def signals_for(self, channel: Channel) -> SignalsPolicy:
        cp = self.channels.get(channel)
        return cp.signals if cp is not None and cp.signals is not None else self.signals

    def channel_enabled(self, channel: Channel) -> bool:
        cp = self.channels.get(channel)
        return cp is None or cp.enabled

    @classmethod
    def load(cls, path: Any = None) -> Policy:
        """One file, a list of layer files, or (None) `$AGENTGUARD_POLICY`; see `load_policy`."""
        from agentguard.policy.load import load_policy

        return load_policy(path)

    def __hash__(self) -> int:
        return id(self)


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        out[key] = (
            _deep_merge(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
        )
    return out


def _prefixes(kind: str) -> list[str]:
    parts = kind.split("/")
    return ["/".join(parts[:i]) for i in range(len(parts), 0, -1)] + ["*"]


@lru_cache(maxsize=4096)
def _resolve(policy: Policy, channel: Channel, kind: str) -> Action:
    cp = policy.channels.get(channel)
    for table in (cp.actions if cp else {}, policy.actions):
        for prefix in _prefixes(kind):
            if prefix in table:
                return table[prefix]
    return Action.ALERT
