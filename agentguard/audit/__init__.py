"""The audit trail: one JSON line per guard decision, for compliance reviews."""

from agentguard.audit.log import AuditLog, audit_record
from agentguard.audit.summary import Summary, read_records, summarize

__all__ = ["AuditLog", "Summary", "audit_record", "read_records", "summarize"]
