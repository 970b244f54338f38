"""LangChain adapters. Importing this package requires ``agentguard[langchain]``.

The core (``agentguard``) never imports LangChain; only this package does.
"""

from __future__ import annotations

from agentguard.langchain.callbacks import AgentGuardCallbackHandler
from agentguard.langchain.messages import (
    asanitize_message,
    asanitize_messages,
    refusal_text,
    sanitize_message,
    sanitize_messages,
)
from agentguard.langchain.middleware import AgentGuardMiddleware
from agentguard.langchain.wrappers import (
    GuardedChatModel,
    GuardedRetriever,
    GuardedRunnable,
    GuardedTool,
    wrap,
)

__all__ = [
    "AgentGuardCallbackHandler",
    "AgentGuardMiddleware",
    "GuardedChatModel",
    "GuardedRetriever",
    "GuardedRunnable",
    "GuardedTool",
    "asanitize_message",
    "asanitize_messages",
    "refusal_text",
    "sanitize_message",
    "sanitize_messages",
    "wrap",
]
