"""Finding what ``scan`` was pointed at, and reading it in bounded, overlapping pieces.

Memory stays bounded whatever the input size (a 20 GB log, an endless pipe): text is
decoded incrementally and handed out in windows of at most ``window`` characters. Each
window overlaps the next by ``overlap`` characters so that a secret straddling a chunk
boundary is still seen whole by one of them; :class:`Piece.owned` says which findings a
window is responsible for, so nothing is reported twice.

Invalid UTF-8 never stops a scan: undecodable bytes become lone surrogates
(``surrogateescape``), one character each, so offsets stay consistent and the detectors
still see the ASCII around them.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import AnyStr, BinaryIO

from agentguard.cli.common import CliError

#: Folders never worth scanning and often huge; skipped while walking, not when named.
SKIP_DIRS = frozenset({".git", ".venv", "node_modules", "__pycache__"})
#: A NUL byte in this many leading bytes marks a file as binary (git's heuristic).
SNIFF_BYTES = 8192
#: The command-line name of standard input.
STDIN = "-"
STDIN_NAME = "<stdin>"
#: Files whose lines are independent records: each line is inspected on its own.
LINE_SUFFIXES = frozenset({".jsonl", ".ndjson"})


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file found on disk, or standard input (``fs_path`` is None)."""

    name: str
    fs_path: Path | None

    @property
    def by_line(self) -> bool:
        return self.fs_path is not None and self.fs_path.suffix.lower() in LINE_SUFFIXES


@dataclass(frozen=True, slots=True)
class Piece:
    """A window of decoded text.

    ``start`` is the character offset of ``text[0]`` in the whole input. Findings that
    start at or after ``owned`` belong to the next piece, which begins at
    ``start + owned``; consecutive pieces therefore tile the input without gaps.
    """

    text: str
    start: int
    owned: int


def sources(paths: Sequence[str]) -> Iterator[Source]:
    """Expand the command-line paths: files as given, folders walked, ``-`` as stdin.

    Every path is checked before anything is yielded, so a typo fails fast (exit 2)
    instead of after minutes of scanning.
    """
    for p in paths:
        if p != STDIN and not os.path.exists(p):
            raise CliError(f"{p}: no such file or directory")
    if paths.count(STDIN) > 1:
        raise CliError("'-' (standard input) can be given only once")
    for p in paths:
        if p == STDIN:
            yield Source(STDIN_NAME, None)
        elif os.path.isdir(p):
            yield from _walk(Path(p))
        else:
            yield Source(p, Path(p))


def _walk(top: Path) -> Iterator[Source]:
    """Regular files under ``top`` in a stable order; symlinks and devices are skipped,
    so a link to ``/dev/zero`` or out of the tree cannot make the scan endless."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            path = Path(root, name)
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode):
                yield Source(str(path), path)


def single(path: str) -> Source:
    """The one file (or ``-``) a command like ``redact`` reads; folders are refused."""
    if path == STDIN:
        return Source(STDIN_NAME, None)
    if not os.path.exists(path):
        raise CliError(f"{path}: no such file or directory")
    if os.path.isdir(path):
        raise CliError(f"{path}: is a directory (redact reads one file or '-')")
    return Source(path, Path(path))


def open_source(source: Source) -> BinaryIO:
    """The raw byte stream of a source; the caller closes it (never stdin, though)."""
    if source.fs_path is None:
        return sys.stdin.buffer
    return open(source.fs_path, "rb")  # the caller closes it


def sniff(stream: BinaryIO) -> tuple[bytes, bool]:
    """The first bytes of ``stream`` and whether they mark it as binary."""
    head = read_bytes(stream, SNIFF_BYTES)
    return head, b"\0" in head


def pieces(raw: CountingReader, *, window: int, overlap: int, by_line: bool) -> Iterator[Piece]:
    """Decode ``raw`` and cut it into pieces.

    Text mode: windows of ``window`` characters, each overlapping the next by
    ``overlap``. Line mode (``by_line``): one piece per line, and only a line longer
    than ``window`` falls back to overlapping windows.
    """
    chunk = window - overlap
    text_io = io.TextIOWrapper(
        io.BufferedReader(raw),
        encoding="utf-8-sig",
        errors="surrogateescape",
        newline="\n",  # no newline translation: offsets are offsets into the real text
    )
    start, carry = 0, ""
    while True:
        if by_line:
            text = carry + text_io.readline(window - len(carry))
            whole = text.endswith("\n") or len(text) < window
        else:
            text = carry + _read_chars(text_io, window - len(carry))
            whole = len(text) < window
        if not text:
            return
        if whole:
            yield Piece(text, start, len(text))
            start, carry = start + len(text), ""
            if not by_line:
                return
        else:
            yield Piece(text, start, chunk)
            start, carry = start + chunk, text[chunk:]


def _read_up_to(read: Callable[[int], AnyStr], n: int) -> list[AnyStr]:
    """Call ``read`` until ``n`` units arrived or the stream ends (reads may come short)."""
    parts: list[AnyStr] = []
    got = 0
    while got < n:
        part = read(n - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return parts


def _read_chars(text_io: io.TextIOWrapper, n: int) -> str:
    return "".join(_read_up_to(text_io.read, n))


def read_bytes(stream: BinaryIO, n: int) -> bytes:
    return b"".join(_read_up_to(stream.read, n))


class CountingReader(io.RawIOBase):
    """``head`` followed by the rest of ``stream`` (sniffing must not lose stdin's first
    bytes), counting the bytes read for the scan summary."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._stream = stream
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
        else:
            data = self._stream.read(len(buffer))
            n = len(data)
            buffer[:n] = data
        self.count += n
        return n
