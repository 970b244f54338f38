"""agentguard's own telemetry: spans now, metrics later. Names live in names.py."""
