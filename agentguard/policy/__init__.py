"""Policy model and loading."""

from agentguard.policy.load import load_policy, policy_from_mapping, policy_from_toml
from agentguard.policy.model import Allowlist, ChannelPolicy, DetectorConfig, Limits, Policy

__all__ = [
    "Allowlist",
    "ChannelPolicy",
    "DetectorConfig",
    "Limits",
    "Policy",
    "load_policy",
    "policy_from_mapping",
    "policy_from_toml",
]
