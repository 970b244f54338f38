"""LangChain adapters. Importing this package requires ``agentguard[langchain]``.

The core (``agentguard``) never imports LangChain; only this package does.
"""

from __future__ import annotations

from agentguard.langchain.messages import (
    asanitize_message,
    asanitize_messages,
    refusal_text,
    sanitize_message,
    sanitize_messages,
)
from agentguard.langchain.middleware import AgentGuardMiddleware

__all__ = [
    "AgentGuardMiddleware",
    "asanitize_message",
    "asanitize_messages",
    "refusal_text",
    "sanitize_message",
    "sanitize_messages",
]
