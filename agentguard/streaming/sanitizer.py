"""The streaming sanitiser: chunks in, text out as soon as nothing can still reach it."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from agentguard.actions import REWRITING, replacement
from agentguard.errors import GuardBlocked
from agentguard.findings import Action, Channel, Finding
from agentguard.payload import DROP
from agentguard.streaming.anchors import _anchors_for, _secret_engine
from agentguard.streaming.sentences import SentenceStage, sentence_detectors

if TYPE_CHECKING:
    from agentguard.guard import Guard

#: Characters of already-released text kept as left context for a confirmation scan
#: (boundaries such as ``\b``, ``(?:^|[^0-9A-Za-z])`` or ``\\u00XX`` look at most 6 back).
_CONTEXT = 16
#: An anchor region still open after this many held characters is confirmed anyway over
#: the complete part (so dense anchors cannot hold the stream indefinitely).
_FORCE = 4096


# --- the sanitiser -------------------------------------------------------------------------


#: Characters gathered before a batch of small chunks is examined.
BATCH = 32


class StreamSanitizer:
    """Sanitise a text stream chunk by chunk, holding back only what a rule can still need.

    >>> from agentguard import Guard
    >>> s = StreamSanitizer(Guard())
    >>> out = s.feed("token=ghp_Zx81QwErTy5UiOp2") + s.feed("AsDfGh7JkLz0XcVbNm4q done")
    >>> out + s.close()
    'token=[REDACTED:secret/github-pat] done'
    """

    def __init__(
        self,
        guard: Guard,
        channel: Channel | str = "model_output",
        principal: str | None = None,
    ) -> None:
        self.guard = guard
        self.channel = Channel(channel)
        self.principal = principal
        self.findings: list[Finding] = []
        self.blocked = False
        self._closed = False
        state = guard._state  # one snapshot for the whole stream
        self._policy = state.policy
        self._enabled = state.policy.channel_enabled(self.channel)
        # Detectors that judge sentences (the memorisation check) see the stream first, by
        # sentences; the others see what they release, around their anchors.
        on_channel = state.for_channel[self.channel]
        by_sentence = sentence_detectors(on_channel)
        rest = tuple(d for d in on_channel if d not in by_sentence)
        # Shadow detectors see the whole stream once, at the end, not the parts inspected
        # on the way (``_shadow`` keeps a copy only when there are any).
        self._shadow_dets = tuple(state.shadow_for[self.channel])
        self._shadow: list[str] | None = [] if self._shadow_dets else None
        no_shadow = {**state.shadow_for, self.channel: ()}
        self._rest = replace(
            state, for_channel={**state.for_channel, self.channel: rest}, shadow_for=no_shadow
        )
        self._sentences: SentenceStage | None = None
        if by_sentence:
            narrowed = replace(
                state,
                for_channel={**state.for_channel, self.channel: tuple(by_sentence)},
                shadow_for=no_shadow,
            )
            self._sentences = SentenceStage(
                by_sentence,
                lambda text: guard._inspect(text, self.channel, self.principal, narrowed),
                self.channel,
            )
            self._sentences.findings = self.findings
        self._passthrough = not rest  # nothing else to look for after the sentence stage
        engine = _secret_engine(rest)
        self._anchors = _anchors_for(engine) if engine is not None else None
        self._hold_all = engine is None and not self._passthrough
        # The held text is ``_buf``; it starts at absolute offset ``_base``. Everything
        # before ``_released`` has gone out; ``_base <= _released`` keeps a little context.
        self._buf = ""
        self._base = 0
        self._released = 0
        self._open: list[tuple[int, int]] = []  # anchor regions that may still grow
        self._done: list[tuple[int, int]] = []  # complete regions not yet confirmed
        self._open_min_lo = 1 << 62  # the earliest start and end among ``_open``
        self._open_min_hi = 1 << 62
        # Tiny chunks are gathered until BATCH characters before any work is done: the
        # per-call cost of a token stream is in Python bookkeeping, not in detection.
        self._pending: list[str] = []
        self._pending_len = 0

    @property
    def held(self) -> int:
        """Characters received but not yet released."""
        first = self._sentences.held if self._sentences is not None else 0
        return first + self._base + len(self._buf) - self._released + self._pending_len

    def feed(self, chunk: str) -> str:
        """Take the next chunk; return the sanitised text that is now safe to release."""
        if self._closed:
            raise ValueError("feed() after close()")
        if self.blocked or not chunk:
            return ""
        if not self._enabled:
            return chunk
        if self._shadow is not None:
            self._shadow.append(chunk)
        if self._sentences is not None:
            chunk = self._sentences.feed(chunk)
            if self._sentences.verdict is not None:
                return self._block(self._sentences.verdict.reason or "policy")
            if self._passthrough or not chunk:
                return chunk
        self._pending.append(chunk)
        self._pending_len += len(chunk)
        if self._pending_len < BATCH:
            return ""
        return self._take_pending()

    def _take_pending(self) -> str:
        chunk = "".join(self._pending)
        self._pending.clear()
        self._pending_len = 0
        old_end = self._base + len(self._buf)
        self._buf += chunk
        if self._hold_all:
            return ""
        anchors = self._anchors
        assert anchors is not None
        start = max(old_end - anchors.overlap, self._base)
        new = anchors.find(self._buf[start - self._base :], start, old_end - start)
        if new:
            self._open.extend(new)
            self._open_min_lo = min(self._open_min_lo, *(lo for lo, _ in new))
            self._open_min_hi = min(self._open_min_hi, *(hi for _, hi in new))
        return self._release(final=False)

    def close(self) -> str:
        """End of stream: the rest, sanitised."""
        if self._closed:
            return ""
        self._closed = True
        if self.blocked:
            return ""
        if not self._enabled:
            return ""
        if self._shadow is not None:
            whole = "".join(self._shadow)[: self._policy.limits.max_chars]
            self._shadow = None
            for det in self._shadow_dets:
                self.guard.shadow.submit(det, whole, self.channel, self.principal)
        if self._sentences is not None:
            tail = self._sentences.close()
            if self._sentences.verdict is not None:
                return self._block(self._sentences.verdict.reason or "policy")
            if self._passthrough:
                return tail
            if tail:
                self._pending.append(tail)
                self._pending_len += len(tail)
        head = self._take_pending() if self._pending else ""
        if self.blocked:
            return head
        return head + self._release(final=True)

    # --- internals ---------------------------------------------------------------------

    def _release(self, final: bool) -> str:
        end = self._base + len(self._buf)
        if final:
            self._done.extend(self._open)
            self._open = []
            safe = end
        else:
            assert self._anchors is not None
            safe = end - self._anchors.horizon
            if self._open:
                # Most feeds complete no region: check the earliest end first.
                if self._open_min_hi <= end:
                    still = []
                    for lo, hi in self._open:
                        if hi <= end:
                            self._done.append((lo, hi))
                        else:
                            still.append((lo, hi))
                    self._open = still
                    self._open_min_hi = min((hi for _, hi in still), default=1 << 62)
                    self._open_min_lo = min((lo for lo, _ in still), default=1 << 62)
                safe = min(safe, self._open_min_lo) if self._open else safe
            if not self._done:
                if safe <= self._released:
                    return ""
                out = self._slice(self._released, safe)
                self._advance(safe)
                return out
        if self._hold_all and final and end > self._released:
            self._done.append((self._released, end))
        if safe <= self._released:
            return ""
        # A complete region that crosses ``safe`` waits until it is wholly releasable
        # (unless _FORCE characters are already waiting): lower ``safe`` to a fixpoint.
        done = [r for r in self._done if r[1] > self._released]
        changed = True
        while changed and not final and safe - self._released < _FORCE:
            changed = False
            for lo, hi in done:
                if lo < safe < hi:
                    safe, changed = max(self._released, lo), lo > self._released
        if safe <= self._released:
            self._done = done
            return ""
        self._done = [r for r in done if r[1] > safe]
        confirm = [r for r in done if r[0] < safe]
        if confirm:
            out = self._confirm(max(min(r[0] for r in confirm), self._released), safe, final)
        else:
            out = self._slice(self._released, safe)
            self._advance(safe)
        return out

    def _slice(self, lo: int, hi: int) -> str:
        return self._buf[lo - self._base : hi - self._base]

    def _advance(self, released: int) -> None:
        self._released = released
        cut = max(self._base, released - _CONTEXT)
        if cut - self._base > 4 * _CONTEXT or cut - self._base > len(self._buf) // 2:
            self._buf = self._buf[cut - self._base :]
            self._base = cut

    def _confirm(self, lo: int, safe: int, final: bool) -> str:
        """Run the guard over ``[lo - context, end)`` and release ``[released, safe)``."""
        end = self._base + len(self._buf)
        scan_lo = max(self._base, lo - _CONTEXT)
        text = self._buf[scan_lo - self._base :]
        verdict = self.guard._inspect(text, self.channel, self.principal, self._rest)
        findings = sorted(verdict.findings, key=lambda f: (f.start, f.end))
        if not final:
            for f in findings:  # a finding that crosses the cut waits, whole, for later
                a, b = f.start + scan_lo, f.end + scan_lo
                if a < safe < b and f.detector != "guard":
                    safe = max(self._released, a)
        if safe <= self._released:
            return ""
        committed = [
            f
            for f in findings
            if f.detector == "guard" or self._released <= f.start + scan_lo < safe
        ]
        # A finding that began in released text can only come from left context: its
        # remaining part is still redacted below (never a prefix of a secret goes out).
        spill = [
            f
            for f in findings
            if f.detector != "guard" and f.start + scan_lo < self._released < f.end + scan_lo
        ]
        self.findings.extend(
            f.model_copy(update={"start": f.start + scan_lo, "end": f.end + scan_lo})
            if f.detector != "guard"
            else f
            for f in committed
        )
        if any(f.action is Action.BLOCK for f in committed) or (
            verdict.blocked and any(f.detector == "guard" for f in committed)
        ):
            return self._block(verdict.reason or "a finding's action is block")
        out: list[str] = []
        pos = self._released
        policy = self.guard.policy
        for f in sorted(spill + committed, key=lambda f: f.start):
            if f.detector == "guard" or f.action not in REWRITING:
                continue
            a, b = max(f.start + scan_lo, pos), min(f.end + scan_lo, end)
            if a < pos or b <= a:
                continue
            out.append(self._slice(pos, a))
            value = self._slice(f.start + scan_lo, f.end + scan_lo)
            repl = replacement(f.action, f.kind, value, f.fingerprint, policy.mask_prefix)
            out.append("" if repl is DROP else str(repl))
            pos = b
        if pos < safe:
            out.append(self._slice(pos, safe))
        self._advance(max(safe, pos))
        return "".join(out)

    def _block(self, reason: str) -> str:
        self.blocked = True
        self._buf = ""
        self._open = []
        self._done = []
        if self._policy.on_block == "raise":
            raise GuardBlocked(reason, tuple(self.findings), self.channel.value)
        return self._policy.refusal


def sanitize_stream(
    guard: Guard,
    chunks: Iterable[str],
    channel: Channel | str = "model_output",
    principal: str | None = None,
) -> Iterator[str]:
    """Yield the sanitised stream; empty releases are skipped. Stops after a refusal."""
    s = StreamSanitizer(guard, channel, principal)
    for chunk in chunks:
        out = s.feed(chunk)
        if out:
            yield out
        if s.blocked:
            return
    out = s.close()
    if out:
        yield out


async def asanitize_stream(
    guard: Guard,
    chunks: AsyncIterable[str],
    channel: Channel | str = "model_output",
    principal: str | None = None,
) -> AsyncIterator[str]:
    """The async twin of :func:`sanitize_stream`."""
    s = StreamSanitizer(guard, channel, principal)
    async for chunk in chunks:
        out = s.feed(chunk)
        if out:
            yield out
        if s.blocked:
            return
    out = s.close()
    if out:
        yield out
