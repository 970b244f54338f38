"""Shadow mode: a detector that runs off the response path and reports through spans only.

A latency-sensitive deployment can give a slow detector (the memorisation check's model
forward pass) ``mode = "shadow"``: the inspection hands the text to a background worker
and returns at once, without that detector's findings. The worker scans and records an
``agentguard.inspect`` span with ``agentguard.mode = "shadow"`` and the findings, with the
action the policy *would* have taken. The queue is bounded: when it is full the text is
not scanned, the overflow is counted (``dropped``), and the agent never waits.

``depth`` and ``on_drop`` let the metrics (``agentguard.shadow.queue.depth``,
``agentguard.shadow.dropped``) follow the queue without this module knowing about them.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

from agentguard.detectors.base import Detector, Hit
from agentguard.findings import Channel

log = logging.getLogger("agentguard")

#: Texts waiting for a shadow detector at most; more are dropped (and counted).
CAPACITY = 1024

Job = tuple[Detector, str, Channel, "str | None", int]
Report = Callable[[Detector, str, Channel, "str | None", int, list[Hit] | None, str | None], None]


class ShadowRunner:
    """One background worker per guard, started by the first shadow job."""

    def __init__(self, report: Report, capacity: int = CAPACITY) -> None:
        self._report = report
        self._queue: queue.Queue[Job] = queue.Queue(maxsize=capacity)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.dropped = 0
        self.scanned = 0
        #: Called when a scan is dropped because the queue is full.
        self.on_drop: Callable[[], None] | None = None

    def __repr__(self) -> str:
        return f"ShadowRunner(queued={self.depth}, scanned={self.scanned}, dropped={self.dropped})"

    @property
    def depth(self) -> int:
        return self._queue.qsize()

    def submit(self, det: Detector, text: str, channel: Channel, principal: str | None) -> bool:
        """Queue a scan; False (and counted) when the queue is full. Never blocks."""
        self._start()
        try:
            self._queue.put_nowait((det, text, channel, principal, time.time_ns()))
        except queue.Full:
            with self._lock:
                self.dropped += 1
            _tell(self.on_drop)
            return False
        return True

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait until every queued scan is done (tests, graceful shutdown)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._queue.unfinished_tasks == 0:
                return True
            time.sleep(0.01)
        return False

    def _start(self) -> None:
        if self._thread is not None:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="agentguard-shadow", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            det, text, channel, principal, start_ns = self._queue.get()
            hits: list[Hit] | None
            error: str | None = None
            try:
                hits = list(det.scan(text))
            except Exception as exc:  # reported in the span; the worker lives on
                hits, error = None, f"detector {det.name!r} failed ({type(exc).__name__})"
            try:
                self._report(det, text, channel, principal, start_ns, hits, error)
            except Exception as exc:  # telemetry must not kill the worker either
                log.warning("agentguard shadow report failed: %s", type(exc).__name__)
            finally:
                with self._lock:
                    self.scanned += 1
                self._queue.task_done()


def _tell(hook: Callable[[], None] | None) -> None:
    """Call a metrics hook; a failing one must not break the inspection that dropped a scan."""
    if hook is None:
        return
    try:
        hook()
    except Exception as exc:
        log.warning("agentguard shadow metrics hook failed: %s", type(exc).__name__)
