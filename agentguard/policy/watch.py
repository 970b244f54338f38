"""Hot reload: watch the policy files and swap a changed policy in without a restart.

A poll (stdlib only, any filesystem, containers' bind mounts included) compares the
files' content; a change is taken once it has held still for one more poll. It is loaded
and validated in full, detectors included, before :meth:`Guard.reload` swaps it in with
one assignment; an invalid change leaves the old policy in force and is reported as a log
error and an ``agentguard.policy.reload`` span with an error status. There is never a
moment without a policy.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode

from agentguard.errors import PolicyError
from agentguard.policy.layers import load_layers
from agentguard.policy.load import policy_paths
from agentguard.telemetry import names

if TYPE_CHECKING:
    from agentguard.guard import Guard

log = logging.getLogger("agentguard")

SPAN_RELOAD = names.SPAN_POLICY_RELOAD
ATTR_FILES = names.ATTR_POLICY_FILES
ATTR_OLD_VERSION = names.ATTR_POLICY_VERSION_PREVIOUS
ATTR_NEW_VERSION = names.ATTR_POLICY_VERSION
ATTR_OUTCOME = names.ATTR_RELOAD_OUTCOME
EV_PROBLEM = names.EVENT_POLICY_PROBLEM


@dataclass(frozen=True)
class ReloadResult:
    """What one reload attempt did: ``applied`` with the new version, or ``error``."""

    applied: bool
    version: str
    error: str | None = None


class PolicyWatcher:
    """Polls ``paths`` every ``interval`` seconds and reloads ``guard`` on a change."""

    def __init__(
        self, guard: Guard, paths: Sequence[str] | None = None, *, interval: float = 1.0
    ) -> None:
        self.guard = guard
        self.paths = policy_paths(paths) if paths is not None else policy_paths()
        if not self.paths:
            raise ValueError("no policy files to watch (name them, or set AGENTGUARD_POLICY)")
        self.interval = interval
        self._seen = self._digest()
        self._pending: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        #: The last attempt's result (None until a change was seen).
        self.last: ReloadResult | None = None

    def start(self) -> PolicyWatcher:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._loop, name="agentguard-policy-watch", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=max(1.0, 2 * self.interval))
            self._thread = None

    def check(self) -> ReloadResult | None:
        """Reload if the files changed and then held still for one more look (a file caught
        half-written must not be put in force, even briefly); None when nothing was done."""
        digest = self._digest()
        if digest == self._seen:
            self._pending = None
            return None
        if digest != self._pending:
            self._pending = digest
            return None
        self._seen, self._pending = digest, None
        self.last = self.reload()
        return self.last

    def reload(self) -> ReloadResult:
        """Load, validate and swap in the files' policy; on any error keep the old one."""
        old = self.guard.policy_version
        started = time.time_ns()
        try:
            layered = load_layers(self.paths)
            new = self.guard.reload(layered.policy)
        except (PolicyError, ValueError, OSError) as exc:
            message = str(exc)
            log.error(
                "agentguard policy reload failed; version %s stays in force: %s", old, message
            )
            self._span(started, old, old, message)
            return ReloadResult(False, old, message)
        if new != old:
            log.info("agentguard policy reloaded: version %s -> %s", old, new)
        self._span(started, old, new, None)
        return ReloadResult(True, new)

    # --- internals ----------------------------------------------------------------------

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception as exc:  # the watcher must outlive any surprise
                log.error("agentguard policy watcher error: %s", type(exc).__name__)

    def _digest(self) -> str:
        h = hashlib.sha256()
        for p in self.paths:
            try:
                h.update(Path(p).read_bytes())
            except OSError as exc:
                h.update(f"<unreadable {exc.errno}>".encode())
            h.update(b"\0")
        return h.hexdigest()

    def _span(self, start_ns: int, old: str, new: str, error: str | None) -> None:
        tracer: Any = getattr(self.guard, "_tracer", None) or trace.get_tracer("agentguard")
        try:
            span = tracer.start_span(SPAN_RELOAD, start_time=start_ns)
            span.set_attribute(ATTR_FILES, list(self.paths))
            span.set_attribute(ATTR_OLD_VERSION, old)
            span.set_attribute(ATTR_NEW_VERSION, new)
            span.set_attribute(ATTR_OUTCOME, "rejected" if error else "applied")
            if error is not None:
                for line in error.splitlines()[1:] or [error]:
                    span.add_event(EV_PROBLEM, {"message": line.strip()})
                span.set_status(Status(StatusCode.ERROR, "invalid policy; previous one kept"))
            span.end()
        except Exception as exc:  # telemetry must never break the reload
            log.warning("agentguard could not record a span: %s", type(exc).__name__)
