"""Every telemetry name agentguard emits, in one place, so a rename is one change.

Documented in docs/telemetry.md; observability teams build dashboards on these, so treat
them as a public, versioned interface.
"""

from typing import Final

INSTRUMENTATION_NAME: Final = "agentguard"

# Spans
SPAN_INSPECT: Final = "agentguard.inspect"

# Span attributes
ATTR_CHANNEL: Final = "agentguard.channel"
ATTR_DECISION: Final = "agentguard.decision"
ATTR_FINDINGS_COUNT: Final = "agentguard.findings.count"
ATTR_FINDING_KINDS: Final = "agentguard.findings.kinds"
ATTR_POLICY_NAME: Final = "agentguard.policy.name"
ATTR_PRINCIPAL_FP: Final = "agentguard.principal.fingerprint"
ATTR_PAYLOAD_CHARS: Final = "agentguard.payload.chars"
ATTR_REASON: Final = "agentguard.reason"
ATTR_MODE: Final = "agentguard.mode"

# Span events, one per finding
EVENT_FINDING: Final = "agentguard.finding"
EV_KIND: Final = "agentguard.finding.kind"
EV_RULE: Final = "agentguard.finding.rule"
EV_DETECTOR: Final = "agentguard.finding.detector"
EV_ACTION: Final = "agentguard.finding.action"
EV_SEVERITY: Final = "agentguard.finding.severity"
EV_CONFIDENCE: Final = "agentguard.finding.confidence"
EV_FINGERPRINT: Final = "agentguard.finding.fingerprint"
EV_PATH: Final = "agentguard.finding.path"
EV_REDUCTION: Final = "agentguard.finding.reduction"
EV_TECHNIQUE: Final = "mitre_atlas.technique.id"
