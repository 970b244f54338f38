"""Character offsets to 1-based line and column, across consecutive pieces of one input.

Editors, SARIF viewers and ``grep -n`` all speak lines and columns, while findings carry
character offsets into the piece that was inspected. Lines end at ``\\n`` only (a
``\\r\\n`` line's ``\\r`` is its last character, so columns are unaffected); columns count
characters (code points), not bytes and not UTF-16 units.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_NEWLINE = re.compile("\n")


class LineCursor:
    """Tracks the line and column where the current piece starts.

    Pieces must be fed in order with :meth:`advance`; :meth:`locate` maps an offset inside
    the current piece. A newline index is built only for pieces that have findings.
    """

    __slots__ = ("_newlines", "_text", "column", "line")

    def __init__(self) -> None:
        self.line = 1
        self.column = 1
        self._text = ""
        self._newlines: list[int] | None = None

    def enter(self, text: str) -> None:
        """Make ``text`` (which starts at the cursor's place) the current piece."""
        self._text = text
        self._newlines = None

    def locate(self, offset: int) -> tuple[int, int]:
        """Line and column of the character at ``offset`` in the current piece.

        ``offset == len(text)`` is allowed: it names the place just after the piece, which
        is what an exclusive end offset needs.
        """
        if self._newlines is None:
            self._newlines = [m.start() for m in _NEWLINE.finditer(self._text)]
        before = bisect_left(self._newlines, offset)  # newlines strictly before `offset`
        if before == 0:
            return self.line, self.column + offset
        return self.line + before, offset - self._newlines[before - 1]

    def advance(self, owned: int) -> None:
        """Move to the start of the next piece, ``owned`` characters further on."""
        text = self._text
        breaks = text.count("\n", 0, owned)
        if breaks:
            self.line += breaks
            self.column = owned - text.rindex("\n", 0, owned)
        else:
            self.column += owned
