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
SPAN_STATUS_BLOCKED: Final = "blocked by policy"

# OpenTelemetry GenAI semantic conventions (incubating upstream: a rename lands here only).
# Operation spans are named "<gen_ai.operation.name> <subject>", e.g. "execute_tool search".
OP_CHAT: Final = "chat"
OP_EXECUTE_TOOL: Final = "execute_tool"
OP_RETRIEVAL: Final = "retrieval"
OP_INVOKE_AGENT: Final = "invoke_agent"
GENAI_OPERATION_NAME: Final = "gen_ai.operation.name"
GENAI_REQUEST_MODEL: Final = "gen_ai.request.model"
GENAI_TOOL_NAME: Final = "gen_ai.tool.name"
GENAI_TOOL_CALL_ID: Final = "gen_ai.tool.call.id"
GENAI_AGENT_NAME: Final = "gen_ai.agent.name"
GENAI_CONVERSATION_ID: Final = "gen_ai.conversation.id"
GENAI_DATA_SOURCE_ID: Final = "gen_ai.data_source.id"
ERROR_TYPE: Final = "error.type"

# Guardrail results as GenAI evaluation events (a draft upstream), one per detector
EVENT_EVALUATION: Final = "gen_ai.evaluation.result"
EVAL_NAME: Final = "gen_ai.evaluation.name"
EVAL_SCORE: Final = "gen_ai.evaluation.score.value"
EVAL_LABEL: Final = "gen_ai.evaluation.score.label"
EVAL_EXPLANATION: Final = "gen_ai.evaluation.explanation"
EVAL_PREFIX: Final = "agentguard."

#: Content attributes of the conventions. agentguard never sets them on its own spans.
CONTENT_ATTRIBUTES: Final = frozenset(
    {
        "gen_ai.input.messages",
        "gen_ai.output.messages",
        "gen_ai.system_instructions",
        "gen_ai.tool.definitions",
        "gen_ai.tool.call.arguments",
        "gen_ai.tool.call.result",
        "gen_ai.retrieval.query.text",
        "gen_ai.retrieval.documents",
    }
)

# Metrics (instrument names, and their only attributes: all low-cardinality)
METRIC_FINDINGS: Final = "agentguard.findings"
METRIC_BLOCKED: Final = "agentguard.blocked"
METRIC_PROBING_FLAGS: Final = "agentguard.probing.flags"
METRIC_DURATION: Final = "agentguard.inspect.duration"
METRIC_SHADOW_DEPTH: Final = "agentguard.shadow.queue.depth"
METRIC_SHADOW_DROPPED: Final = "agentguard.shadow.dropped"
M_KIND: Final = "agentguard.finding.kind"
M_ACTION: Final = "agentguard.finding.action"
M_DETECTOR: Final = "agentguard.detector"
M_SIGNAL: Final = "agentguard.signal"
DETECTOR_ALL: Final = "all"

# Policy hot reload (``Guard.watch``): one span per reload attempt
SPAN_POLICY_RELOAD: Final = "agentguard.policy.reload"
ATTR_POLICY_FILES: Final = "agentguard.policy.files"
ATTR_POLICY_VERSION: Final = "agentguard.policy.version"
ATTR_POLICY_VERSION_PREVIOUS: Final = "agentguard.policy.version.previous"
ATTR_RELOAD_OUTCOME: Final = "agentguard.policy.reload.outcome"
EVENT_POLICY_PROBLEM: Final = "agentguard.policy.problem"
