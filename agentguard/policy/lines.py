"""Where a field is set in a TOML file: ``tomllib`` parses values but forgets lines.

A policy error that says "field 'actions.secret'" sends a reader hunting through a long
file; one that says "org.toml:14" does not. This is a small line scanner, not a TOML
parser: it follows table headers, dotted and quoted keys, and skips the inside of
multi-line strings and arrays, which is all a key's position needs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence


def find_line(text: str, loc: Sequence[str]) -> int | None:
    """The 1-based line that sets ``loc`` (a field path), else the closest enclosing table
    or key, else the first line under ``loc``; None when nothing on the path is in ``text``."""
    want = tuple(str(p) for p in loc)
    best: tuple[int, int] | None = None  # (length of the matched prefix, line)
    first_under: int | None = None
    for line, path in _key_lines(text):
        if path == want:
            return line
        n = len(path)
        if n < len(want) and want[:n] == path and (best is None or n > best[0]):
            best = (n, line)
        if first_under is None and n > len(want) and path[: len(want)] == want:
            first_under = line
    if first_under is not None:
        return first_under
    return best[1] if best is not None else None


def _key_lines(text: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    table: tuple[str, ...] = ()
    closer: str | None = None  # the delimiter that ends the multi-line value we are in
    depth = 0  # open brackets of a multi-line array
    for number, raw in enumerate(text.splitlines(), start=1):
        if closer is not None:
            if raw.count(closer) % 2 == 1:
                closer = None
            continue
        if depth > 0:
            depth = max(0, depth + _bracket_balance(raw))
            continue
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            inner = line[2:] if line.startswith("[[") else line[1:]
            end = _unquoted_index(inner, "]")
            table = tuple(_split_key(inner[:end] if end >= 0 else inner))
            yield number, table
            continue
        eq = _unquoted_index(line, "=")
        if eq < 0:
            continue
        yield number, (*table, *_split_key(line[:eq]))
        value = line[eq + 1 :].strip()
        for delim in ('"""', "'''"):
            if value.startswith(delim) and value.count(delim) == 1:
                closer = delim
        if closer is None and value.startswith("["):
            depth = max(0, _bracket_balance(value))


def _split_key(key: str) -> list[str]:
    parts: list[str] = []
    buf: list[str] = []
    quote: str | None = None
    for ch in key.strip():
        if quote is not None:
            if ch == quote:
                quote = None
            else:
                buf.append(ch)
        elif ch in "\"'":
            quote = ch
        elif ch == ".":
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf).strip())
    return parts


def _unquoted_index(text: str, target: str) -> int:
    quote: str | None = None
    for i, ch in enumerate(text):
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == target:
            return i
    return -1


def _bracket_balance(text: str) -> int:
    balance = 0
    quote: str | None = None
    for ch in text:
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch == "[":
            balance += 1
        elif ch == "]":
            balance -= 1
    return balance
