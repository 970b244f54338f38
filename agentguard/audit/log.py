"""``AuditLog``: an append-only JSONL record of what the guard decided, never of what it saw.

Registered with :meth:`Guard.observe`, it writes one line per decision: time, channel,
decision, mode, policy name and version, the principal's keyed fingerprint, and per
finding its kind, action, detector, rule and keyed fingerprint. No payload, no matched
value, no path (a path names the payload's keys) and no raw principal ever reach it.

Safe with many writers: each line is one ``write`` to a descriptor opened with
``O_APPEND``, under a thread lock and an exclusive ``flock`` on a sidecar lock file that
every process writing the same log shares, so lines never interleave and size rotation
(``log`` → ``log.1`` → … ``log.N``) happens exactly once however many processes hit the
limit together. A writer that finds its file renamed away (by another process, or by
``logrotate``) reopens the path before writing.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agentguard.events import InspectionEvent
from agentguard.findings import Decision

try:  # POSIX: one lock shared by every process writing this log
    import fcntl
except ImportError:  # pragma: no cover - Windows: threads of one process only
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("agentguard")

#: Bumped when a field changes meaning; readers skip lines of a newer schema.
SCHEMA = 1


def audit_record(event: InspectionEvent, now: datetime | None = None) -> dict[str, Any]:
    """The JSON-ready audit record of one decision."""
    ts = (now or datetime.now(UTC)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {
        "v": SCHEMA,
        "ts": ts,
        "channel": event.channel.value,
        "decision": event.decision.value,
        "mode": event.mode,
        "policy": event.policy_name,
        "policy_version": event.policy_version,
        "principal_fp": event.principal_fp,
        "findings": [
            {
                "kind": f.kind,
                "action": f.action.value,
                "detector": f.detector,
                "rule": f.rule,
                "fingerprint": f.fingerprint,
            }
            for f in event.findings
        ],
        "duration_us": event.duration_ns // 1000,
    }


class AuditLog:
    """An observer that appends one line per decision to ``path``.

    ``clean=False`` (the default) skips inspections that found nothing and changed
    nothing; ``max_bytes`` rotates the file before a line would take it past the limit,
    keeping ``backups`` old files. Writing never raises into the agent: a failure is
    logged (by exception type only) and counted in ``errors``.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clean: bool = False,
        max_bytes: int | None = None,
        backups: int = 5,
    ) -> None:
        if max_bytes is not None and max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        self.path = Path(path)
        self.clean = clean
        self.max_bytes = max_bytes
        self.backups = max(1, backups)
        self.errors = 0
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._ino: tuple[int, int] | None = None
        self._lockfd: int | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def __repr__(self) -> str:
        return f"AuditLog(path={str(self.path)!r}, max_bytes={self.max_bytes})"

    def attach(self, guard: Any) -> AuditLog:
        """Register with ``guard`` (``guard.observe(self)``); returns self."""
        guard.observe(self)
        return self

    def __call__(self, event: InspectionEvent) -> None:
        if not self.clean and not event.findings and event.decision is Decision.ALLOWED:
            return
        line = json.dumps(audit_record(event), separators=(",", ":")) + "\n"
        try:
            self.write(line.encode("utf-8"))
        except OSError as exc:
            self.errors += 1
            log.error("agentguard audit log write failed: %s", type(exc).__name__)

    def write(self, data: bytes) -> None:
        """Append ``data`` (whole lines) as one write, rotating first when it would not fit."""
        with self._lock:
            locked = self._lock_file()
            try:
                fd = self._current()
                if self.max_bytes is not None:
                    size = os.fstat(fd).st_size
                    if size and size + len(data) > self.max_bytes:
                        self._rotate()
                        fd = self._current()
                os.write(fd, data)
            finally:
                if locked is not None and fcntl is not None:
                    fcntl.flock(locked, fcntl.LOCK_UN)

    def close(self) -> None:
        with self._lock:
            for fd in (self._fd, self._lockfd):
                if fd is not None:
                    os.close(fd)
            self._fd = self._lockfd = None

    # --- internals ----------------------------------------------------------------------

    def _lock_file(self) -> int | None:
        if fcntl is None:
            return None
        if self._lockfd is None:
            lock_path = self.path.with_name(self.path.name + ".lock")
            self._lockfd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._lockfd, fcntl.LOCK_EX)
        return self._lockfd

    def _current(self) -> int:
        """The descriptor of the file now at ``path`` (reopened if it was rotated away)."""
        try:
            st = os.stat(self.path)
            here: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except FileNotFoundError:
            here = None
        if self._fd is not None and here == self._ino:
            return self._fd
        if self._fd is not None:
            os.close(self._fd)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        st = os.fstat(self._fd)
        self._ino = (st.st_dev, st.st_ino)
        return self._fd

    def _rotate(self) -> None:
        base = str(self.path)
        for i in range(self.backups - 1, 0, -1):
            src = f"{base}.{i}"
            if os.path.exists(src):
                os.replace(src, f"{base}.{i + 1}")
        os.replace(base, f"{base}.1")
