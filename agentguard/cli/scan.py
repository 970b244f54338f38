"""``agentguard scan``: run the guard over files and collect located findings.

The guard does the detection *and* applies the policy (actions, allowlists, disabled
detectors and channels), so the CLI reports exactly what the guard would act on in an
agent: ``--channel`` picks which channel's rules apply (``log`` by default, since files on
disk are most often logs and dumps).

Inputs are inspected piece by piece (see :mod:`agentguard.cli.inputs`), never more than
``WINDOW_CHARS`` at a time, so the guard's ``limits.max_chars`` is never hit and a large
file is scanned in full rather than blocked or truncated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agentguard.cli import inputs
from agentguard.cli.positions import LineCursor
from agentguard.findings import Channel, Finding, Severity
from agentguard.guard import Guard

#: Characters inspected at once. Big enough that per-call overhead vanishes.
WINDOW_CHARS = 1 << 20
#: Overlap between windows: longer than any rule's ``max_len`` (512 by default) and than
#: a 4096-bit RSA private key block, so a secret across a boundary is seen whole.
OVERLAP_CHARS = 8192


@dataclass(frozen=True, slots=True)
class Located:
    """A finding with its place in a file. The end is exclusive, as in SARIF: it names
    the character just after the match."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    finding: Finding


@dataclass(slots=True)
class Report:
    """Everything ``scan`` learned; the formatters turn it into text, JSON or SARIF."""

    findings: list[Located] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    #: (path, reason) for inputs not scanned: binary files, unreadable files.
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[str, str]]:
        """Skipped inputs that were not merely binary: they make the exit status 2."""
        return [(p, r) for p, r in self.skipped if r != "binary"]

    def worst(self) -> Severity | None:
        if not self.findings:
            return None
        return max((loc.finding.severity for loc in self.findings), key=lambda s: s.rank)


def window_sizes(guard: Guard) -> tuple[int, int]:
    """(window, overlap) that fit the policy's ``limits.max_chars``."""
    window = min(WINDOW_CHARS, guard.policy.limits.max_chars)
    return window, min(OVERLAP_CHARS, window // 4)


def run_scan(paths: list[str], guard: Guard, channel: Channel) -> Report:
    """Scan every input named by ``paths``; raises CliError for a missing path."""
    report = Report()
    for source in inputs.sources(paths):
        try:
            scan_source(source, guard, channel, report)
        except OSError as exc:
            report.skipped.append((source.name, f"unreadable: {exc.strerror or exc}"))
    return report


def scan_source(source: inputs.Source, guard: Guard, channel: Channel, report: Report) -> None:
    stream = inputs.open_source(source)
    try:
        head, binary = inputs.sniff(stream)
        if binary:
            report.skipped.append((source.name, "binary"))
            return
        raw = inputs.CountingReader(head, stream)
        found = _scan_stream(source, raw, guard, channel)
        report.files += 1
        report.bytes += raw.count
        report.findings.extend(found)
    finally:
        if source.fs_path is not None:
            stream.close()


def _scan_stream(
    source: inputs.Source, raw: inputs.CountingReader, guard: Guard, channel: Channel
) -> list[Located]:
    window, overlap = window_sizes(guard)
    cursor = LineCursor()
    found: list[Located] = []
    previous: list[tuple[int, int]] = []  # absolute spans reported by the previous piece
    for piece in inputs.pieces(raw, window=window, overlap=overlap, by_line=source.by_line):
        cursor.enter(piece.text)
        verdict = guard.inspect(piece.text, channel=channel)
        reported: list[tuple[int, int]] = []
        for f in sorted(verdict.findings, key=lambda f: (f.start, f.end, f.kind)):
            if f.start >= piece.owned:
                continue  # the next piece sees it too, with more context after it
            if f.start == 0 and _clipped(piece.start, previous):
                continue  # the tail of a match the previous piece already reported
            line, column = cursor.locate(f.start)
            end_line, end_column = cursor.locate(f.end)
            found.append(Located(source.name, line, column, end_line, end_column, f))
            reported.append((piece.start + f.start, piece.start + f.end))
        previous = reported
        cursor.advance(piece.owned)
    return found


def _clipped(start: int, previous: list[tuple[int, int]]) -> bool:
    return any(lo < start < hi for lo, hi in previous)
