"""The principal an inspection speaks for, carried in a context variable.

A ``ContextVar`` flows into asyncio tasks created inside the ``with`` block (each task
copies the context when it is created) and stays out of other threads' requests, which is
what a per-request identity needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_PRINCIPAL: ContextVar[str | None] = ContextVar("agentguard_principal", default=None)


def current_principal() -> str | None:
    """The principal set by the innermost enclosing :func:`principal` block, if any."""
    return _PRINCIPAL.get()


@contextmanager
def principal(name: str) -> Iterator[str]:
    """Inspections inside this block name ``name`` as their principal unless given one."""
    if not isinstance(name, str) or not name:
        raise ValueError("a principal is a non-empty string (an API key id, account or agent id)")
    token = _PRINCIPAL.set(name)
    try:
        yield name
    finally:
        _PRINCIPAL.reset(token)
