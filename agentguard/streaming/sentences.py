"""Streaming for detectors that judge whole sentences (the memorisation check).

A record leaks sentence by sentence, and whether text reveals a record is decided over
the whole leaked region (its coverage of the record, its facts). So such detectors see
the stream by sentences: each sentence is classified as soon as it is complete, by
``detector.related(sentence)`` (could it be part of a record at all: a shared n-gram, or
its vector close to one of a record's). Unrelated sentences go on at once. Related ones
are held together, and the held region is judged whole — by the guard, with these
detectors only — when an unrelated sentence follows it, when it reaches
:data:`MAX_REGION` characters, or when the stream ends.

So an ordinary answer is delayed by one sentence, and a leak is judged on the same
region a whole-text inspection would find.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from agentguard.findings import Channel, Finding, Verdict

if TYPE_CHECKING:
    from agentguard.detectors.base import Detector

#: A sentence is complete at ``.``, ``!`` or ``?`` followed by white space and the start of
#: the next one, or at a line break (the boundaries the detector's own windows use).
BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])|\n+")
#: A held region is judged once it is this long, so a long leak cannot hold the stream.
MAX_REGION = 4000
#: Text without any boundary is cut into sentences of this length.
MAX_SENTENCE = 2000


@runtime_checkable
class SentenceDetector(Protocol):
    """A detector that can say, of one sentence, whether it may be part of a finding."""

    name: str

    def related(self, sentence: str) -> bool: ...


def sentence_detectors(detectors: Sequence[Detector]) -> list[Detector]:
    return [d for d in detectors if isinstance(d, SentenceDetector)]


Judge = Callable[[str], Verdict]


class SentenceStage:
    """Holds streamed text by whole sentences while they may belong to a finding."""

    def __init__(self, detectors: Sequence[Detector], judge: Judge, channel: Channel) -> None:
        self._detectors = [d for d in detectors if isinstance(d, SentenceDetector)]
        self._judge = judge  # the guard, restricted to these detectors
        self.channel = channel
        self.findings: list[Finding] = []
        self.verdict: Verdict | None = None  # set when a region was blocked
        self._buf = ""  # text not yet released; starts at absolute offset ``_base``
        self._base = 0
        self._checked = 0  # offset in ``_buf`` up to which sentences are classified
        self._region: int | None = None  # offset in ``_buf`` where held related text starts

    @property
    def held(self) -> int:
        return len(self._buf)

    def feed(self, chunk: str) -> str:
        """Take text; return what is now released (judged where it had to be)."""
        self._buf += chunk
        out: list[str] = []
        pos = max(self._checked - 1, 0)  # a boundary may begin in the previous chunk
        while True:
            m = BOUNDARY.search(self._buf, pos)
            if m is None or m.end() == len(self._buf):  # the next sentence must have begun
                if len(self._buf) - self._checked <= MAX_SENTENCE:
                    break
                end = self._checked + MAX_SENTENCE
            else:
                end = m.end()
            if end <= self._checked:
                pos = m.end() if m is not None else end
                continue
            out.append(self._sentence(self._checked, end))
            if self.verdict is not None:
                return "".join(out)
            pos = self._checked  # offsets moved if text was released
        out.append(self._release(self._checked if self._region is None else self._region))
        return "".join(out)

    def close(self) -> str:
        """End of stream: the last sentence is classified, held text judged and released."""
        out = []
        if self._checked < len(self._buf):
            out.append(self._sentence(self._checked, len(self._buf)))
        if self.verdict is None and self._region is not None:
            out.append(self._judged(self._region, len(self._buf)))
        if self.verdict is None:
            out.append(self._release(len(self._buf)))
        return "".join(out)

    # --- internals ---------------------------------------------------------------------

    def _sentence(self, a: int, b: int) -> str:
        """Classify ``_buf[a:b]``; return what it lets go."""
        self._checked = b
        text = self._buf[a:b]
        related = bool(text.strip()) and any(d.related(text) for d in self._detectors)
        if related:
            if self._region is None:
                self._region = a
                return self._release(a)
            if b - self._region > MAX_REGION:
                out = self._judged(self._region, a)
                self._region = None if self.verdict is not None else 0
                return out
            return ""
        if self._region is not None:
            out = self._judged(self._region, a)
            if self.verdict is not None:
                return out
            return out + self._release(self._checked)
        return ""

    def _judged(self, a: int, b: int) -> str:
        """Judge the held region ``_buf[a:b]`` (everything before it is released)."""
        region = self._buf[a:b]
        verdict = self._judge(region)
        offset = self._base + a
        self.findings.extend(
            f.model_copy(update={"start": f.start + offset, "end": f.end + offset})
            for f in verdict.findings
        )
        self._drop(b)
        self._region = None
        if verdict.blocked:
            self.verdict = verdict
            return ""
        return str(verdict.payload)

    def _release(self, upto: int) -> str:
        out = self._buf[:upto]
        self._drop(upto)
        return out

    def _drop(self, upto: int) -> None:
        self._buf = self._buf[upto:]
        self._base += upto
        self._checked = max(self._checked - upto, 0)
        if self._region is not None:
            self._region = max(self._region - upto, 0)
