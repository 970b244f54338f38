"""Metrics: counters and a latency histogram, fed by the guard's inspection observer.

A guard gets them when it is given a ``meter_provider``, or when the global meter provider
is a real one (set by the application, or by :func:`agentguard.telemetry.configure`) at the
time the guard is built. Otherwise nothing is registered, and an inspection pays nothing:
no event is built, no instrument is called. Pass ``opentelemetry.metrics.NoOpMeterProvider()``
to opt a guard out under a real global provider.

Durations are buffered in process and handed to the histogram when the metric reader
collects (the queue-depth callback does it), so the response path pays a deque append, not
an SDK ``record``, per timing.

Every attribute is low-cardinality: channel, finding kind, action, detector, mode. Never a
principal, a fingerprint, a path or a rule id beyond the kind (a secret rule's kind is one
of a fixed set; a canary record's id is not in the kind).
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter, deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, MeterProvider, NoOpMeterProvider, Observation

from agentguard.findings import Decision
from agentguard.telemetry import names as n

if TYPE_CHECKING:
    from agentguard.events import InspectionEvent
    from agentguard.guard import Guard
    from agentguard.shadow import ShadowRunner

#: Seconds: 1 µs (a clean short text) to 10 s (a model forward pass on a long payload).
DURATION_BUCKETS = (
    1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3,
    1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
)  # fmt: skip

Attrs = dict[str, str]
#: Durations kept in process at most before they are handed to the SDK inline.
MAX_PENDING = 4_096


class _Instruments:
    """One set of instruments per meter, shared by every guard that records with it.

    The SDK keeps one instrument per name and ignores the callback of a second observable
    one, so the queue-depth callback is registered once here and serves all those guards.
    """

    def __init__(self, meter: metrics.Meter) -> None:
        self.findings = meter.create_counter(
            n.METRIC_FINDINGS, "{finding}", "Findings, by kind, channel and action taken"
        )
        self.blocked = meter.create_counter(
            n.METRIC_BLOCKED, "{inspection}", "Inspections whose payload was blocked"
        )
        self.probing = meter.create_counter(
            n.METRIC_PROBING_FLAGS, "{flag}", "Probing findings, by signal and action"
        )
        self.duration = meter.create_histogram(
            n.METRIC_DURATION,
            "s",
            "Inspection time, per detector and in all (detector = all)",
            explicit_bucket_boundaries_advisory=DURATION_BUCKETS,
        )
        self.shadow_dropped = meter.create_counter(
            n.METRIC_SHADOW_DROPPED, "{scan}", "Shadow scans dropped because the queue was full"
        )
        self.guards: weakref.WeakSet[GuardMetrics] = weakref.WeakSet()
        meter.create_observable_up_down_counter(
            n.METRIC_SHADOW_DEPTH,
            [self._observe],
            "{scan}",
            "Shadow scans queued and not yet started",
        )

    def _observe(self, options: CallbackOptions) -> Iterable[Observation]:
        """At each collection: hand over the buffered durations, report the queue depth."""
        depth = 0
        for gm in list(self.guards):
            gm.flush()
            depth += gm.depth()
        return [Observation(depth)]


_SHARED: weakref.WeakKeyDictionary[metrics.Meter, _Instruments] = weakref.WeakKeyDictionary()
_SHARED_LOCK = threading.Lock()


def _instruments(meter: metrics.Meter) -> _Instruments:
    with _SHARED_LOCK:
        inst = _SHARED.get(meter)
        if inst is None:
            inst = _SHARED[meter] = _Instruments(meter)
        return inst


class GuardMetrics:
    """The observer that records one guard's inspections.

    Counters are added to at once (only inspections with findings touch them). Durations,
    recorded for every inspection, are buffered and handed to the histogram when the
    metric reader collects (or inline once ``MAX_PENDING`` wait): an SDK ``record`` costs
    several microseconds, which a clean inspection should not pay on the response path.
    """

    def __init__(self, meter: metrics.Meter, shadow: ShadowRunner) -> None:
        self.instruments = inst = _instruments(meter)
        self._shadow = shadow
        self._pending: deque[tuple[float, Attrs]] = deque()
        self._attrs: dict[tuple[str, ...], Attrs] = {}  # one dict per attribute combination
        inst.guards.add(self)

    def _cached(self, *pairs: str) -> Attrs:
        attrs = self._attrs.get(pairs)
        if attrs is None:
            it = iter(pairs)
            attrs = self._attrs[pairs] = dict(zip(it, it, strict=True))
        return attrs

    def __call__(self, event: InspectionEvent) -> None:
        inst, cached = self.instruments, self._cached
        channel, mode = event.channel.value, event.mode
        if event.findings:
            counts = Counter((f.kind, f.action.value, f.detector) for f in event.findings)
            for (kind, action, detector), count in counts.items():
                attrs = cached(
                    n.M_KIND, kind, n.ATTR_CHANNEL, channel, n.M_ACTION, action, n.ATTR_MODE, mode
                )
                inst.findings.add(count, attrs)
                if detector == "probing":
                    flag = cached(n.M_SIGNAL, kind, n.ATTR_CHANNEL, channel, n.M_ACTION, action)
                    inst.probing.add(count, flag)
        if event.decision is Decision.BLOCKED:
            inst.blocked.add(1, cached(n.ATTR_CHANNEL, channel, n.ATTR_MODE, mode))
        pending = self._pending
        if mode != "shadow":  # a shadow event's only timing is its detector's
            all_attrs = cached(
                n.ATTR_CHANNEL, channel, n.ATTR_MODE, mode, n.M_DETECTOR, n.DETECTOR_ALL
            )
            pending.append((event.duration_ns / 1e9, all_attrs))
        for detector, ns in event.timings.items():
            attrs = cached(n.ATTR_CHANNEL, channel, n.ATTR_MODE, mode, n.M_DETECTOR, detector)
            pending.append((ns / 1e9, attrs))
        if len(pending) > MAX_PENDING:
            self.flush()

    def flush(self) -> None:
        """Hand the buffered durations to the histogram (thread-safe: deque pops are atomic)."""
        record, pending = self.instruments.duration.record, self._pending
        while True:
            try:
                seconds, attrs = pending.popleft()
            except IndexError:
                return
            record(seconds, attrs)

    def depth(self) -> int:
        return self._shadow.depth

    def dropped(self) -> None:
        self.instruments.shadow_dropped.add(1)


def wanted(provider: MeterProvider | None) -> MeterProvider | None:
    """The provider to record with: the given one, else a real global one, else None."""
    if provider is None:
        provider = metrics.get_meter_provider()
        if _is_proxy(provider):
            return None
    return None if isinstance(provider, NoOpMeterProvider) else provider


def attach_metrics(guard: Guard, provider: MeterProvider | None = None) -> GuardMetrics | None:
    """Register the metrics observer on ``guard`` (and its shadow queue) when wanted."""
    chosen = wanted(provider)
    if chosen is None:
        return None
    from agentguard import __version__

    gm = GuardMetrics(chosen.get_meter(n.INSTRUMENTATION_NAME, __version__), guard.shadow)
    guard.observe(gm)
    guard.shadow.on_drop = gm.dropped
    return gm


def _is_proxy(provider: MeterProvider) -> bool:
    """The API's stand-in before any provider is set (it is not exported by name)."""
    from opentelemetry.metrics import _internal

    return isinstance(provider, _internal._ProxyMeterProvider)
