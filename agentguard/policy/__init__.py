"""Policy model, loading and layering."""

from agentguard.policy.layers import LayeredPolicy, PolicyLayerError, Problem, load_layers
from agentguard.policy.load import load_policy, policy_from_mapping, policy_from_toml
from agentguard.policy.model import Allowlist, ChannelPolicy, DetectorConfig, Limits, Policy
from agentguard.policy.version import policy_version

__all__ = [
    "Allowlist",
    "ChannelPolicy",
    "DetectorConfig",
    "LayeredPolicy",
    "Limits",
    "Policy",
    "PolicyLayerError",
    "Problem",
    "load_layers",
    "load_policy",
    "policy_from_mapping",
    "policy_from_toml",
    "policy_version",
]
