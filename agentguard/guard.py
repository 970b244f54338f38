"""The Guard: one pass from payload to verdict, shared by the sync and async entry points.

render → detectors → policy → actions → telemetry. Detection never decides, the policy
never scans, and nothing here imports a framework: adapters call :meth:`Guard.inspect`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar, overload

from opentelemetry import metrics, trace

from agentguard.actions import REWRITING, replacement
from agentguard.context import current_principal
from agentguard.context import principal as principal_context
from agentguard.decorators import guard_function
from agentguard.detectors.base import Detector, Hit
from agentguard.errors import GuardBlocked
from agentguard.events import InspectionEvent, Observer
from agentguard.findings import Action, Channel, Decision, Finding, Severity, Verdict
from agentguard.fingerprint import Fingerprinter
from agentguard.payload import DROP, Edit, LimitExceeded, Rendered, rebuild, render, segment_paths
from agentguard.policy import Policy
from agentguard.policy.model import Limits
from agentguard.policy.signals import (
    EmbeddingSignals,
    LogprobSignals,
    ProbabilitySignals,
    RetrievalSignals,
    SignalsPolicy,
)
from agentguard.shadow import ShadowRunner
from agentguard.signals import TECHNIQUE, SignalHit, SignalWalk
from agentguard.signals.prefilter import may_hold_signals
from agentguard.state import GuardState, build_state
from agentguard.telemetry.metrics import attach_metrics
from agentguard.telemetry.spans import record_inspection, tracer

log = logging.getLogger("agentguard")
F = TypeVar("F", bound=Callable[..., Any])

#: Payloads larger than this are inspected off the event loop by the async twins.
ASYNC_OFFLOAD_CHARS = 64_000
#: Channels whose payloads are queries a principal sends (probing is judged there).
_QUERY_CHANNELS = frozenset({Channel.MODEL_INPUT, Channel.TOOL_INPUT})
#: What a degraded principal gets on every output channel: the strictest signal settings.
STRICTEST = SignalsPolicy(
    embedding=EmbeddingSignals(method="drop"),
    probabilities=ProbabilitySignals(method="label_only"),
    logprobs=LogprobSignals(method="drop"),
    retrieval=RetrievalSignals(score_method="drop"),
)
#: Findings kept per inspection; every match is still acted on, only the record is capped.
MAX_FINDINGS = 10_000
#: A secret handed to a tool is exfiltration (ATLAS AML.T0086), not just an exposed credential.
_CHANNEL_TECHNIQUE = {Channel.TOOL_INPUT: "AML.T0086"}


class Guard:
    """Inspects and sanitises agent payloads according to a :class:`Policy`.

    >>> guard = Guard()
    >>> guard.sanitize("token=ghp_Zx81QwErTy5UiOp2AsDfGh7JkLz0XcVbNm4q", channel="model_output")
    'token=[REDACTED:secret/github-pat]'
    """

    def __init__(
        self,
        policy: Policy | None = None,
        *,
        detectors: Iterable[Detector] = (),
        tracer_provider: trace.TracerProvider | None = None,
        meter_provider: metrics.MeterProvider | None = None,
    ) -> None:
        self._extra_detectors = tuple(detectors)
        #: Everything derived from the policy, swapped as one object by :meth:`reload`.
        self._state = build_state(
            policy if policy is not None else Policy.load(), self._extra_detectors
        )
        self._reload_lock = threading.Lock()
        self._tracer = tracer(tracer_provider)
        #: The background worker of ``mode = "shadow"`` detectors (started on first use).
        self.shadow = ShadowRunner(self._report_shadow)
        #: Called with an :class:`InspectionEvent` after every inspection (see ``observe``).
        self.observers: list[Observer] = []
        #: Metrics instruments, registered only when a meter provider is given or set
        #: globally (``agentguard.telemetry.metrics``): otherwise inspections pay nothing.
        self.metrics = attach_metrics(self, meter_provider)

    # --- the policy in force, and swapping it -------------------------------------------

    @property
    def policy(self) -> Policy:
        return self._state.policy

    @property
    def detectors(self) -> tuple[Detector, ...]:
        return self._state.detectors

    @property
    def fingerprint(self) -> Fingerprinter:
        return self._state.fingerprint

    @property
    def policy_version(self) -> str:
        """A short digest of the policy in force (``fingerprint_key`` left out)."""
        return self._state.version

    def reload(self, policy: Policy) -> str:
        """Put ``policy`` in force for every inspection that starts from now on.

        Everything derived from it (detectors, fingerprinter, limits) is built first, then
        swapped in with one assignment: an inspection already running finishes under the
        policy it started with, and a policy that fails to build (:class:`PolicyError`)
        leaves the old one in force. Probing history survives when its store settings and
        the fingerprint key are unchanged. Returns the new policy version.
        """
        with self._reload_lock:  # two reloads at once: the later one wins, whole
            self._state = build_state(policy, self._extra_detectors, previous=self._state)
            return self._state.version

    def watch(self, paths: Sequence[str] | None = None, *, interval: float = 1.0) -> Any:
        """Start watching the policy files (default: ``$AGENTGUARD_POLICY``) for changes;
        returns the :class:`~agentguard.policy.watch.PolicyWatcher` (``.stop()`` ends it)."""
        from agentguard.policy.watch import PolicyWatcher

        watcher = PolicyWatcher(self, paths, interval=interval)
        watcher.start()
        return watcher

    def __repr__(self) -> str:
        names = [d.name for d in self.detectors]
        return f"Guard(policy={self.policy.name!r}, detectors={names!r})"

    # --- public API ---------------------------------------------------------------------

    def inspect(
        self, payload: Any, channel: Channel | str = "tool_output", principal: str | None = None
    ) -> Verdict:
        """Find risks in ``payload`` and return a verdict with a sanitised copy."""
        return self._inspect(payload, _channel(channel), principal)

    def sanitize(
        self, payload: Any, channel: Channel | str = "tool_output", principal: str | None = None
    ) -> Any:
        """The sanitised payload; raises :class:`GuardBlocked` when the policy blocks it."""
        # The verdict carries the deciding policy's on_block: a reload cannot change it.
        return self._outcome(self._inspect(payload, _channel(channel), principal))

    async def ainspect(
        self, payload: Any, channel: Channel | str = "tool_output", principal: str | None = None
    ) -> Verdict:
        return await self._ainspect(payload, _channel(channel), principal, self._state)

    async def asanitize(
        self, payload: Any, channel: Channel | str = "tool_output", principal: str | None = None
    ) -> Any:
        state = self._state
        verdict = await self._ainspect(payload, _channel(channel), principal, state)
        if verdict.delay:
            await asyncio.sleep(verdict.delay)
            verdict.delay = 0.0
        return self._outcome(verdict)

    async def _ainspect(
        self, payload: Any, ch: Channel, principal: str | None, state: GuardState
    ) -> Verdict:
        if _size_hint(payload) > ASYNC_OFFLOAD_CHARS:
            return await asyncio.to_thread(self._inspect, payload, ch, principal, state)
        return self._inspect(payload, ch, principal, state)

    def observe(self, observer: Observer) -> Observer:
        """Register ``observer`` to receive every inspection's :class:`InspectionEvent`."""
        self.observers.append(observer)
        return observer

    # --- adapters for plain Python and LangChain ----------------------------------------

    @staticmethod
    def principal(name: str) -> AbstractContextManager[str]:
        """``with guard.principal("svc-42"):`` names the principal of every inspection inside.

        A context variable: it follows asyncio tasks created inside the block.
        """
        return principal_context(name)

    @overload
    def tool(self, fn: F, /) -> F: ...
    @overload
    def tool(self, fn: None = None, /) -> Callable[[F], F]: ...
    def tool(self, fn: F | None = None, /) -> F | Callable[[F], F]:
        """Decorator: arguments inspected as ``tool_input``, the result as ``tool_output``."""

        def decorate(f: F) -> F:
            return guard_function(self, f, inputs=Channel.TOOL_INPUT, output=Channel.TOOL_OUTPUT)

        return decorate(fn) if fn is not None else decorate

    def output(self, channel: Channel | str = Channel.MODEL_OUTPUT) -> Callable[[F], F]:
        """Decorator: the function's result (each item, for generators) is sanitised."""
        ch = _channel(channel)

        def decorate(f: F) -> F:
            return guard_function(self, f, inputs=None, output=ch)

        return decorate

    def wrap(
        self, obj: Any, channel: Channel | str | None = None, principal: str | None = None
    ) -> Any:
        """A guarded twin of a LangChain tool, retriever, chat model or runnable."""
        import importlib  # LangChain is optional: imported only by those who wrap

        wrappers = importlib.import_module("agentguard.langchain.wrappers")
        return wrappers.wrap(self, obj, channel=channel, principal=principal)

    @staticmethod
    def _outcome(verdict: Verdict) -> Any:
        if verdict.delay:
            time.sleep(verdict.delay)
        if verdict.blocked and verdict.on_block == "raise":
            raise GuardBlocked(verdict.reason or "policy", verdict.findings, verdict.channel.value)
        return verdict.payload

    # --- the one core -------------------------------------------------------------------

    def _inspect(
        self,
        payload: Any,
        channel: Channel,
        principal: str | None,
        state: GuardState | None = None,
    ) -> Verdict:
        """``state``: a snapshot to inspect under (streaming narrows its detectors)."""
        if principal is None:
            principal = current_principal()
        state = state or self._state
        if not self.observers:
            verdict = self._run(payload, channel, principal, None, state)
            if verdict.blocked:
                verdict.on_block = state.policy.on_block
            return verdict
        t0 = time.perf_counter_ns()
        timings: dict[str, int] = {}
        verdict = self._run(payload, channel, principal, timings, state)
        if verdict.blocked:
            verdict.on_block = state.policy.on_block
        self._notify(
            InspectionEvent(
                channel=channel,
                decision=verdict.decision,
                findings=tuple(verdict.findings),
                duration_ns=time.perf_counter_ns() - t0,
                policy_name=state.policy.name,
                principal_fp=state.fingerprint(principal) if principal else None,
                reason=verdict.reason,
                timings=timings,
                policy_version=state.version,
            )
        )
        return verdict

    def _notify(self, event: InspectionEvent) -> None:
        for obs in self.observers:
            try:
                obs(event)
            except Exception as exc:  # an observer must never break the agent
                log.warning("agentguard observer failed: %s", type(exc).__name__)

    def _run(
        self,
        payload: Any,
        channel: Channel,
        principal: str | None,
        timings: dict[str, int] | None,
        state: GuardState | None = None,
    ) -> Verdict:
        start_ns = time.time_ns()
        state = state or self._state  # one snapshot: a reload never splits an inspection
        policy = state.policy
        if not policy.channel_enabled(channel):
            return Verdict(payload, (), channel, Decision.ALLOWED)
        limits = state.limits
        signals = policy.signals_for(channel)
        probing = principal is not None and channel in _QUERY_CHANNELS and policy.probing.enabled
        # A structure is walked for signals before it is rendered, so that a reduced one is
        # rendered once, not twice; text is rendered first (the signal gate reads it).
        rendered: Rendered | None = None
        if probing or not signals.enabled or isinstance(payload, str | bytes | bytearray):
            try:
                rendered = self._render(payload, limits)
            except (LimitExceeded, RecursionError) as exc:
                return self._limit_event(payload, channel, principal, start_ns, exc, limits)

        prior: tuple[Finding, ...] = ()
        changed = False
        delay = 0.0
        if probing:
            assert rendered is not None and principal is not None
            probed = self._probe(payload, rendered.text, channel, principal, start_ns, state)
            if isinstance(probed, Verdict):
                return probed
            prior, delay = probed
        if (
            principal is not None
            and channel not in _QUERY_CHANNELS
            and self._degraded(principal, state)
        ):
            signals = STRICTEST
        hint = (
            may_hold_signals(payload, rendered.text if rendered else "", signals, channel)
            if signals.enabled
            else set()
        )
        if hint is None or hint:
            t_sig = time.perf_counter_ns()
            try:
                walk = SignalWalk(
                    signals,
                    _kind_action(policy, channel),
                    limits.max_depth,
                    retrieval=channel is Channel.RETRIEVAL,
                )
                reduced = walk.run(payload, gated=hint)
            except Exception as exc:  # same contract as a detector that fails
                log.error("agentguard signal scan failed: %s", type(exc).__name__)
                reason = f"signal scan failed ({type(exc).__name__})"
                if policy.fail_mode == "closed":
                    return self._guard_event(
                        payload, channel, principal, start_ns, "detector_error", reason, False
                    )
                walk, reduced = None, payload
            if timings is not None:
                timings["signals"] = time.perf_counter_ns() - t_sig
            if walk is not None and walk.hits:
                prior = self._signal_findings(walk.hits, channel)
                if walk.blocked:
                    reason = "a finding's action is block"
                    seen = rendered.text if rendered else ""
                    blocked = Decision.BLOCKED
                    self._record(start_ns, channel, blocked, prior, seen, principal, reason)
                    return Verdict(policy.refusal, prior, channel, Decision.BLOCKED, reason)
                if reduced is not payload:
                    payload, changed = reduced, True
                    rendered = None
        if rendered is None:
            try:
                rendered = self._render(payload, limits)
            except (LimitExceeded, RecursionError) as exc:
                return self._limit_event(payload, channel, principal, start_ns, exc, limits)

        hits: list[tuple[Detector, Hit]] = []
        text = rendered.text
        for det in state.shadow_for[channel]:
            self.shadow.submit(det, text, channel, principal)
        for det in state.for_channel[channel]:
            t_det = time.perf_counter_ns() if timings is not None else 0
            try:
                found = det.scan(text)
            except Exception as exc:  # a detector bug must not take the agent down, or leak
                log.error("agentguard detector %r failed: %s", det.name, type(exc).__name__)
                reason = f"detector {det.name!r} failed ({type(exc).__name__})"
                if policy.fail_mode == "closed":
                    return self._guard_event(
                        payload, channel, principal, start_ns, "detector_error", reason, False
                    )
                # Fail-open: the payload goes on, and the verdict and its span say why.
                prior += (self._guard_finding(channel, "detector_error", reason, Action.ALERT),)
                continue
            finally:
                if timings is not None:
                    timings[det.name] = time.perf_counter_ns() - t_det
            hits.extend((det, h) for h in found)

        if not hits and not prior:
            if rendered.truncated:
                return Verdict(
                    rebuild(payload, rendered, {}, limits.max_depth), (), channel, Decision.REDACTED
                )
            if policy.telemetry.clean_spans:
                self._record(start_ns, channel, Decision.ALLOWED, (), text, principal)
            return Verdict(payload, (), channel, Decision.ALLOWED)
        verdict = self._act(
            payload, rendered, hits, channel, principal, start_ns, prior, changed, state
        )
        verdict.delay = delay
        return verdict

    @staticmethod
    def _render(payload: Any, limits: Limits) -> Rendered:
        return render(
            payload,
            max_chars=limits.max_chars,
            max_depth=limits.max_depth,
            max_items=limits.max_items,
            truncate=limits.on_exceed == "truncate",
        )

    def _limit_event(
        self,
        payload: Any,
        channel: Channel,
        principal: str | None,
        start_ns: int,
        exc: Exception,
        limits: Limits,
    ) -> Verdict:
        reason = exc.reason if isinstance(exc, LimitExceeded) else "payload nesting too deep"
        allow = limits.on_exceed == "allow"
        return self._guard_event(
            payload, channel, principal, start_ns, "limit_exceeded", reason, allow
        )

    # --- probing (per principal, over many inspections) ---------------------------------

    def _probe(
        self,
        payload: Any,
        text: str,
        channel: Channel,
        principal: str,
        start_ns: int,
        state: GuardState | None = None,
    ) -> Verdict | tuple[tuple[Finding, ...], float]:
        """Record the query in the principal's history; the findings and the delay it earns,
        or the verdict when the policy blocks (or the shared store fails closed)."""
        state = state or self._state
        policy = state.policy
        who = state.fingerprint(principal)
        try:
            probes = self._prober(state).observe(who, channel.value, payload, text)
        except Exception as exc:  # the store went away, or a bug: the fail mode decides
            reason = f"probing failed ({type(exc).__name__})"
            log.error("agentguard %s", reason)
            if policy.fail_mode == "closed":
                return self._guard_event(
                    payload, channel, principal, start_ns, "detector_error", reason, False
                )
            return (self._guard_finding(channel, "detector_error", reason, Action.ALERT),), 0.0
        findings = []
        delay = 0.0
        for p in probes:
            kind = f"probing/{p.kind}"
            action = policy.action_for(channel, kind)
            if action is Action.ALLOW:
                continue
            findings.append(_whole("probing", kind, p.kind, channel, p.technique, who, action))
            if action is Action.DEGRADE:
                self._prober(state).store.flag(who, policy.probing.degrade_seconds)
            elif action is Action.THROTTLE:
                delay = max(delay, policy.probing.throttle_seconds)
        if any(f.action is Action.BLOCK for f in findings):
            reason = "a finding's action is block"
            self._record(start_ns, channel, Decision.BLOCKED, findings, text, principal, reason)
            return Verdict(policy.refusal, tuple(findings), channel, Decision.BLOCKED, reason)
        return tuple(findings), delay

    def _degraded(self, principal: str, state: GuardState | None = None) -> bool:
        state = state or self._state
        if not state.policy.probing.enabled:
            return False
        try:
            return bool(self._prober(state).store.flagged(state.fingerprint(principal)))
        except Exception:  # an unreachable store degrades nobody; probing reports the error
            return False

    def _prober(self, state: GuardState | None = None) -> Any:
        state = state or self._state
        return state.probing.get(state.policy.probing, state.fingerprint)

    def _act(
        self,
        payload: Any,
        rendered: Rendered,
        hits: list[tuple[Detector, Hit]],
        channel: Channel,
        principal: str | None,
        start_ns: int,
        prior: tuple[Finding, ...] = (),
        changed: bool = False,
        state: GuardState | None = None,
    ) -> Verdict:
        state = state or self._state
        policy = state.policy
        text = rendered.text
        # Segment offsets only when a detector hit something (signal findings need none).
        starts, ends = (rendered.starts(), rendered.ends()) if hits else ([], [])
        allowed_fps = policy.allowlist.fingerprints
        allowed_kinds = policy.allowlist.kinds
        pending: list[tuple[Detector, Hit, int, int, int, str, Action]] = []
        for det, hit in hits:
            if hit.kind in allowed_kinds or hit.confidence < _min_conf(policy, det.name):
                continue
            action = policy.action_for(channel, hit.kind)
            if action is Action.ALLOW:
                continue
            fp = state.fingerprint(text[hit.start : hit.end])
            if fp in allowed_fps:
                continue
            keys = getattr(det, "scans_keys", True)
            for seg, lo, hi in _segments_of(hit.start, hit.end, starts, ends):
                role = rendered.role(seg)
                if role == "label" or (role == "key" and not keys):  # names, not data
                    continue
                pending.append((det, hit, seg, lo, hi, fp, action))

        edits: dict[int, Edit] = {}
        blocked = False
        for _det, hit, seg, lo, hi, fp, action in pending:
            blocked = blocked or action is Action.BLOCK
            if action not in REWRITING or edits.get(seg) is DROP:
                continue
            value = text[starts[seg] + lo : starts[seg] + hi]
            repl = replacement(action, hit.kind, value, fp, policy.mask_prefix)
            if repl is DROP:
                edits[seg] = DROP
            else:
                seg_edits = edits.setdefault(seg, [])
                assert isinstance(seg_edits, list) and isinstance(repl, str)
                seg_edits.append((lo, hi, repl))

        paths = (
            segment_paths(
                payload,
                {p[2] for p in pending},
                hide={seg for _, _, seg, *_ in pending if rendered.role(seg) == "key"},
                max_depth=policy.limits.max_depth,
            )
            if pending
            else {}
        )
        findings = prior + tuple(
            Finding.model_construct(
                detector=det.name,
                kind=hit.kind,
                rule=hit.rule,
                channel=channel,
                path=paths.get(seg, "$"),
                start=lo,
                end=hi,
                severity=Severity(hit.severity),
                confidence=hit.confidence,
                technique=_CHANNEL_TECHNIQUE.get(channel, hit.technique)
                if hit.kind.startswith("secret/")
                else hit.technique,
                fingerprint=fp,
                action=action,
            )
            for det, hit, seg, lo, hi, fp, action in pending[:MAX_FINDINGS]
        )
        if blocked:
            decision, out, reason = Decision.BLOCKED, policy.refusal, "a finding's action is block"
        elif edits or rendered.truncated or changed:
            decision, reason = Decision.REDACTED, None
            out = rebuild(payload, rendered, edits, policy.limits.max_depth)
        else:
            decision, out, reason = Decision.ALLOWED, payload, None
        if findings or policy.telemetry.clean_spans:
            self._record(start_ns, channel, decision, findings, text, principal, reason)
        return Verdict(out, findings, channel, decision, reason)

    def _signal_findings(self, hits: list[SignalHit], channel: Channel) -> tuple[Finding, ...]:
        return tuple(
            Finding.model_construct(
                detector="signals",
                kind=f"inversion_signal/{h.kind}",
                rule=h.rule,
                channel=channel,
                path=self._safe_path(h.path),
                start=h.start,
                end=h.end,
                severity=Severity.MEDIUM,
                confidence=1.0,
                technique=TECHNIQUE[h.kind],
                fingerprint=self.fingerprint(h.sample),
                action=h.action,
                reduction=h.reduction,
            )
            for h in hits[:MAX_FINDINGS]
        )

    def _safe_path(self, path: str) -> str:
        """A signal's path names dict keys; a key that is itself a secret is not repeated.

        Only detectors that look at keys run here: the canary check (a model forward pass,
        and records are never keys) would cost a pass per finding for nothing."""
        for det in self.detectors:
            if not getattr(det, "scans_keys", True):
                continue
            try:
                if det.scan(path):
                    return "$.<redacted>"
            except Exception:  # the payload scan reports detector failures
                return "$.<redacted>"
        return path

    def _report_shadow(
        self,
        det: Detector,
        text: str,
        channel: Channel,
        principal: str | None,
        start_ns: int,
        hits: list[Hit] | None,
        error: str | None,
    ) -> None:
        """A shadow scan's span: the findings and the action the policy would have taken."""
        if hits is None:
            finding = self._guard_finding(channel, "detector_error", error or "", Action.ALERT)
            self._record(start_ns, channel, Decision.ALLOWED, (finding,), text, principal,
                         error, mode="shadow")  # fmt: skip
            self._notify_shadow(det, channel, (finding,), principal, start_ns, error)
            return
        findings = tuple(
            Finding.model_construct(
                detector=det.name,
                kind=h.kind,
                rule=h.rule,
                channel=channel,
                path="$",
                start=h.start,
                end=h.end,
                severity=Severity(h.severity),
                confidence=h.confidence,
                technique=h.technique,
                fingerprint=self.fingerprint(text[h.start : h.end]),
                action=self.policy.action_for(channel, h.kind),
            )
            for h in hits[:MAX_FINDINGS]
        )
        if findings or self.policy.telemetry.clean_spans:
            self._record(start_ns, channel, Decision.ALLOWED, findings, text, principal,
                         None, mode="shadow")  # fmt: skip
        self._notify_shadow(det, channel, findings, principal, start_ns, None)

    def _notify_shadow(
        self,
        det: Detector,
        channel: Channel,
        findings: tuple[Finding, ...],
        principal: str | None,
        start_ns: int,
        reason: str | None,
    ) -> None:
        if not self.observers:
            return
        elapsed = time.time_ns() - start_ns
        self._notify(
            InspectionEvent(
                channel=channel,
                decision=Decision.ALLOWED,
                findings=findings,
                duration_ns=elapsed,
                policy_name=self.policy.name,
                principal_fp=self.fingerprint(principal) if principal else None,
                reason=reason,
                mode="shadow",
                timings={det.name: elapsed},
                policy_version=self.policy_version,
            )
        )

    # --- guard-level events (limits, detector errors) -----------------------------------

    def _guard_finding(self, channel: Channel, rule: str, reason: str, action: Action) -> Finding:
        fp = self.fingerprint(reason)
        return _whole("guard", f"guard/{rule}", rule, channel, "", fp, action)

    def _guard_event(
        self,
        payload: Any,
        channel: Channel,
        principal: str | None,
        start_ns: int,
        rule: str,
        reason: str,
        allow: bool,
    ) -> Verdict:
        if allow:
            finding = self._guard_finding(channel, rule, reason, Action.ALERT)
            self._record(start_ns, channel, Decision.ALLOWED, (finding,), "", principal, reason)
            return Verdict(payload, (finding,), channel, Decision.ALLOWED, reason)
        finding = self._guard_finding(channel, rule, reason, Action.BLOCK)
        self._record(start_ns, channel, Decision.BLOCKED, (finding,), "", principal, reason)
        return Verdict(self.policy.refusal, (finding,), channel, Decision.BLOCKED, reason)

    def _record(
        self,
        start_ns: int,
        channel: Channel,
        decision: Decision,
        findings: Sequence[Finding],
        text: str,
        principal: str | None,
        reason: str | None = None,
        mode: str | None = None,
    ) -> None:
        try:
            record_inspection(
                self._tracer,
                start_ns=start_ns,
                channel=channel,
                decision=decision,
                findings=findings,
                policy_name=self.policy.name,
                chars=len(text),
                principal_fp=self.fingerprint(principal) if principal else None,
                reason=reason,
                mode=mode,
            )
        except Exception as exc:  # telemetry must never break the agent
            log.warning("agentguard could not record a span: %s", type(exc).__name__)


def _whole(
    detector: str,
    kind: str,
    rule: str,
    channel: Channel,
    technique: str,
    fingerprint: str,
    action: Action,
) -> Finding:
    """A finding about the payload as a whole (a guard event, a probing flag)."""
    return Finding.model_construct(
        detector=detector,
        kind=kind,
        rule=rule,
        channel=channel,
        path="$",
        start=0,
        end=0,
        severity=Severity.HIGH,
        confidence=1.0,
        technique=technique,
        fingerprint=fingerprint,
        action=action,
    )


def _channel(channel: Channel | str) -> Channel:
    try:
        return Channel(channel)
    except ValueError:
        known = ", ".join(c.value for c in Channel)
        raise ValueError(f"unknown channel {channel!r}; expected one of: {known}") from None


def _size_hint(payload: Any) -> int:
    return len(payload) if isinstance(payload, str | bytes | bytearray) else ASYNC_OFFLOAD_CHARS + 1


def _kind_action(policy: Policy, channel: Channel) -> Callable[[str], Action]:
    allowed = policy.allowlist.kinds

    def action_for(kind: str) -> Action:
        full = f"inversion_signal/{kind}"
        return Action.ALLOW if full in allowed else policy.action_for(channel, full)

    return action_for


def _min_conf(policy: Policy, detector: str) -> float:
    cfg = policy.detectors.get(detector)
    return cfg.min_confidence if cfg else 0.0


def _segments_of(
    start: int, end: int, starts: list[int], ends: list[int]
) -> list[tuple[int, int, int]]:
    """The segments a hit overlaps, with the overlap in segment offsets."""
    out = []
    i = max(bisect_right(starts, start) - 1, 0)
    while i < len(starts) and starts[i] < end:
        lo, hi = max(start, starts[i]), min(end, ends[i])
        if lo < hi:
            out.append((i, lo - starts[i], hi - starts[i]))
        i += 1
    return out
