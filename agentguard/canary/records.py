"""Reading canary corpora: text files, JSONL and CSV, each record an id and a text.

Text files hold one record per line, or (``split="blank"``) records separated by blank
lines; ids are ``<file stem>:<record number>``. JSONL and CSV name their id and text fields
(``id`` and ``text`` unless told otherwise); a record without an id gets one the same way.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from agentguard.errors import AgentGuardError


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str

    def __repr__(self) -> str:  # a record's text is what must not leak
        return f"Record(id={self.id!r}, chars={len(self.text)})"


class CorpusError(AgentGuardError):
    """A corpus file cannot be read as records."""


Split = Literal["line", "blank"]


def read_corpus(
    paths: Iterable[str | Path],
    *,
    split: Split = "line",
    id_field: str = "id",
    text_field: str = "text",
) -> list[Record]:
    """Every record of every file, by suffix: ``.jsonl``/``.ndjson``, ``.csv``, else text."""
    records: list[Record] = []
    seen: set[str] = set()
    for path in map(Path, paths):
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            found = _jsonl(path, id_field, text_field)
        elif suffix == ".csv":
            found = _csv(path, id_field, text_field)
        else:
            found = _text(path, split)
        for rec in found:
            if rec.id in seen:
                raise CorpusError(f"{path}: duplicate record id {rec.id!r}")
            seen.add(rec.id)
            records.append(rec)
    return records


def _open(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def _text(path: Path, split: Split) -> Iterator[Record]:
    content = _open(path)
    if split == "blank":
        chunks = [" ".join(c.split()) for c in content.replace("\r\n", "\n").split("\n\n")]
    else:
        chunks = [line.strip() for line in content.splitlines()]
    n = 0
    for chunk in chunks:
        if chunk:
            n += 1
            yield Record(f"{path.stem}:{n}", chunk)


def _jsonl(path: Path, id_field: str, text_field: str) -> Iterator[Record]:
    for lineno, line in enumerate(_open(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            raise CorpusError(f"{path}:{lineno}: not a JSON object") from None
        if not isinstance(obj, dict):
            raise CorpusError(f"{path}:{lineno}: not a JSON object")
        yield _record(path, lineno, obj, id_field, text_field)


def _csv(path: Path, id_field: str, text_field: str) -> Iterator[Record]:
    reader = csv.DictReader(_open(path).splitlines())
    if reader.fieldnames is None or text_field not in reader.fieldnames:
        raise CorpusError(f"{path}: no {text_field!r} column (columns: {reader.fieldnames})")
    for lineno, row in enumerate(reader, 2):
        yield _record(path, lineno, row, id_field, text_field)


def _record(
    path: Path, lineno: int, obj: dict[str, object], id_field: str, text_field: str
) -> Record:
    text = obj.get(text_field)
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{path}:{lineno}: field {text_field!r} is missing or not text")
    rid = obj.get(id_field)
    return Record(str(rid) if rid not in (None, "") else f"{path.stem}:{lineno}", text.strip())
