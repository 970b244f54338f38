"""Zero-code enforcement: ``agentguard.install()`` and the ``agentguard-instrument`` command.

``install()`` builds one guard from the effective policy (``$AGENTGUARD_POLICY``, one file
or several layers), optionally starts the audit trail and the policy watcher, and guards
every LangChain agent, tool, retriever and chat model the process creates or calls from
then on (see :mod:`agentguard.instrument.patches` for how). ``uninstall()`` undoes all of
it. Both are idempotent.

Environment (what ``agentguard-instrument`` sets from its flags):

- ``AGENTGUARD_POLICY``: the policy file, or several separated by ``os.pathsep``;
- ``AGENTGUARD_AUDIT_LOG``: append decisions to this JSONL file;
  ``AGENTGUARD_AUDIT_MAX_BYTES`` / ``AGENTGUARD_AUDIT_BACKUPS``: rotate it;
- ``AGENTGUARD_RELOAD``: ``0`` turns hot reload off (it is on when policy files are named);
  ``AGENTGUARD_RELOAD_INTERVAL``: seconds between looks (default 2).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agentguard.audit.log import AuditLog
from agentguard.guard import Guard
from agentguard.policy import Policy
from agentguard.policy.load import policy_paths

log = logging.getLogger("agentguard")

ENV_AUDIT = "AGENTGUARD_AUDIT_LOG"
ENV_AUDIT_MAX_BYTES = "AGENTGUARD_AUDIT_MAX_BYTES"
ENV_AUDIT_BACKUPS = "AGENTGUARD_AUDIT_BACKUPS"
ENV_RELOAD = "AGENTGUARD_RELOAD"
ENV_RELOAD_INTERVAL = "AGENTGUARD_RELOAD_INTERVAL"


@dataclass
class _Installed:
    guard: Guard
    audit: AuditLog | None
    watcher: Any
    langchain: bool


_lock = threading.Lock()
_state: list[_Installed] = []


def install(
    guard: Guard | None = None,
    *,
    policy: str | Sequence[str] | None = None,
    audit_log: str | None = None,
    reload: bool | None = None,
) -> Guard:
    """Guard every LangChain object of this process; returns the guard in force.

    ``guard`` (else one built from ``policy``, else from ``$AGENTGUARD_POLICY``);
    ``audit_log`` (else ``$AGENTGUARD_AUDIT_LOG``); ``reload`` (else on when the policy
    came from files, unless ``AGENTGUARD_RELOAD=0``). A second call returns the first
    call's guard and changes nothing: call :func:`uninstall` first to change it.
    """
    with _lock:
        if _state:
            return _state[0].guard
        paths = policy_paths(policy)
        if guard is None:
            guard = Guard(Policy.load(paths) if paths else Policy.load())
        audit = _audit(guard, audit_log)
        watcher = None
        if _reload_wanted(reload, paths):
            interval = float(os.environ.get(ENV_RELOAD_INTERVAL) or 2.0)
            watcher = guard.watch(paths, interval=interval)
        has_langchain = importlib.util.find_spec("langchain_core") is not None
        if has_langchain:
            from agentguard.instrument import patches

            patches.apply(guard)
        _state.append(_Installed(guard, audit, watcher, has_langchain))
        log.info(
            "agentguard installed: policy %r version %s%s",
            guard.policy.name,
            guard.policy_version,
            "" if has_langchain else " (LangChain not installed: nothing patched)",
        )
        return guard


def uninstall() -> None:
    """Undo :func:`install`: originals restored, watcher stopped, audit log closed."""
    with _lock:
        if not _state:
            return
        done = _state.pop()
        if done.langchain:
            from agentguard.instrument import patches

            patches.restore()
        if done.watcher is not None:
            done.watcher.stop()
        if done.audit is not None:
            if done.audit in done.guard.observers:
                done.guard.observers.remove(done.audit)
            done.audit.close()


def installed() -> Guard | None:
    """The guard :func:`install` put in force, or None."""
    return _state[0].guard if _state else None


def _audit(guard: Guard, path: str | None) -> AuditLog | None:
    path = path or os.environ.get(ENV_AUDIT) or None
    if path is None:
        return None
    max_bytes = os.environ.get(ENV_AUDIT_MAX_BYTES)
    backups = os.environ.get(ENV_AUDIT_BACKUPS)
    return AuditLog(
        path, max_bytes=int(max_bytes) if max_bytes else None, backups=int(backups or 5)
    ).attach(guard)


def _reload_wanted(reload: bool | None, paths: Sequence[str]) -> bool:
    if not paths:
        return False
    if reload is not None:
        return reload
    return os.environ.get(ENV_RELOAD, "1").strip().lower() not in ("0", "false", "no", "off")
