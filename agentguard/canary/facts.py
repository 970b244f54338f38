"""The distinctive facts of a text: what makes a record *this* record.

Two discharge notes written on one template share almost every word; what tells them
apart is the patient's name, the dates, the amounts, the ids and the rare words. A leak of
a record reveals those, however it is worded, so the semantic stage asks for them too.

Facts are normalised so that formatting does not hide them: ``03/14/2024``,
``14 March 2024`` and ``March 14, 2024`` are one date; ``$12,500``, ``12500 dollars`` and
``$12.5k`` one number. Each kind has a weight: names, numbers, dates and identifiers 1,
rare words (Zipf frequency below :data:`RARE_ZIPF` in ``wordfreq``) and short acronyms
0.5.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

#: Words rarer than this (Zipf scale: 3 = once per million words) are facts.
RARE_ZIPF = 3.3
#: Words at least this common are never names, even capitalised mid-sentence.
COMMON_ZIPF = 5.0
WEIGHTS = {"num": 1.0, "date": 1.0, "id": 1.0, "name": 1.0, "acronym": 0.5, "rare": 0.5}
#: Kinds that identify a record (a template shares its rare words and acronyms).
STRONG = frozenset({"num", "date", "id", "name"})

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for m in names
}
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_DATES = [
    # 2024-03-14, 2024/03/14
    (re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b"), "ymd"),
    # 03/14/2024 (US first), 14.03.2024
    (re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b"), "mdy"),
    # March 14, 2024 / Mar 14 2024
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I), "Mdy"),
    # 14 March 2024
    (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.I),
        "dMy",
    ),
    # March 2024
    (re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.I), "My"),
]
_MONEY_K = re.compile(r"(?<![\w.])\$?(\d+(?:\.\d+)?)\s?([km])\b", re.I)
_NUMBER = re.compile(r"(?<![\w.])[$€£]?(\d{1,3}(?:[,’' ]\d{3})+|\d+)(?:\.(\d+))?(?![\w])")
#: A token of letters and digits, possibly joined by - or _ (``INV-20931``, ``hr_0007``);
#: an identifier when it mixes letters and digits (checked in Python: no lookaheads).
_TOKEN = re.compile(r"(?<![\w-])[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*")
_UNIT = re.compile(r"(\d+(?:\.\d+)?)[A-Za-z]{1,3}$")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


#: Facts are read from windows and records, never from more text than this at once.
MAX_CHARS = 20_000


def facts(text: str) -> dict[str, str]:
    """``{normalised fact: kind}`` for ``text`` (its first :data:`MAX_CHARS` characters)."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS])
    out: dict[str, str] = {}
    taken: list[tuple[int, int]] = []

    def take(a: int, b: int) -> bool:
        if any(x < b and a < y for x, y in taken):
            return False
        taken.append((a, b))
        return True

    for pattern, form in _DATES:
        for m in pattern.finditer(text):
            value = _date(m.groups(), form)
            if value and take(*m.span()):
                out[f"date:{value}"] = "date"
    for m in _EMAIL.finditer(text):
        if take(*m.span()):
            out[f"id:{m.group().lower()}"] = "id"
    for m in _MONEY_K.finditer(text):
        if take(*m.span()):
            scale = 1000 if m.group(2).lower() == "k" else 1_000_000
            out[f"num:{_plain(float(m.group(1)) * scale)}"] = "num"
    for m in _TOKEN.finditer(text):
        tok = m.group()
        unit = _UNIT.match(tok)
        if unit and take(*m.span()):  # 500mg, 12kg: the number is the fact
            out[f"num:{_plain(float(unit.group(1)))}"] = "num"
        elif len(tok) >= 3 and _mixed(tok) and take(*m.span()):
            out[f"id:{tok.replace('-', '').replace('_', '').lower()}"] = "id"
    for m in _NUMBER.finditer(text):
        whole, frac = m.group(1), m.group(2)
        digits = re.sub(r"[,’' ]", "", whole)
        if len(digits) < 2 and not frac:  # "1", "7": too common to tell records apart
            continue
        if take(*m.span()):
            number = float(f"{digits}.{frac}") if frac else float(digits)
            out[f"num:{_plain(number)}"] = "num"
    for m in _WORD.finditer(text):
        if any(x <= m.start() < y for x, y in taken):
            continue
        word = m.group()
        kind = _word_kind(word, _sentence_start(text, m.start()))
        if kind:
            out[f"{kind}:{word.lower()}"] = kind
    return out


def _mixed(tok: str) -> bool:
    digit = alpha = False
    for c in tok:
        digit = digit or c.isdigit()
        alpha = alpha or c.isalpha()
        if digit and alpha:
            return True
    return False


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _date(groups: tuple[str | None, ...], form: str) -> str | None:
    g = [x or "" for x in groups]
    try:
        if form == "ymd":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif form == "mdy":
            a, b, y = int(g[0]), int(g[1]), int(g[2])
            mo, d = (a, b) if a <= 12 else (b, a)
        elif form == "Mdy":
            mo, d, y = _MONTHS[g[0].lower()[:3]], int(g[1]), int(g[2])
        elif form == "dMy":
            d, mo, y = int(g[0]), _MONTHS[g[1].lower()[:3]], int(g[2])
        else:
            mo, y = _MONTHS[g[0].lower()[:3]], int(g[1])
            return f"{y:04d}-{mo:02d}" if 1 <= mo <= 12 else None
    except (KeyError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1000 <= y <= 2999):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos]
    return pos == 0 or (not before.strip() and pos < 4) or bool(_SENTENCE_END.search(before))


def _word_kind(word: str, sentence_start: bool) -> str | None:
    z = zipf(word.lower())
    if word.isupper() and len(word) <= 5:  # INR, DKA, NDA: a field's vocabulary, not a name
        return "acronym" if len(word) >= 2 else None
    capital = word[0].isupper() and len(word) >= 2
    if capital and z < COMMON_ZIPF and (not sentence_start or z < RARE_ZIPF):
        return "name"
    if len(word) >= 5 and z < RARE_ZIPF:
        return "rare"
    return None


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # the semantic extra; loaded on first use

    return float(zipf_frequency(word, "en"))


def weight(found: dict[str, str]) -> float:
    return sum(WEIGHTS[k] for k in found.values())


def alternatives(fact: str) -> tuple[str, ...]:
    """The keys that reveal a record's fact in an output: a name or a rare word in any case
    (``maria``), an identifier joined or by its digits (``inv20931`` or ``20931``)."""
    kind, _, value = fact.partition(":")
    if kind in ("name", "rare", "acronym"):
        return (f"word:{value}",)
    if kind == "id":
        digits = "".join(re.findall(r"\d+", value))
        alts = [fact]
        if len(digits) >= 4 and "@" not in value:
            alts.append(f"num:{int(digits)}")
        return tuple(alts)
    return (fact,)


def output_keys(text: str) -> set[str]:
    """Every key an output offers: its facts, every word, and letter-digit joins of
    neighbouring tokens (``INV 20931`` offers ``inv20931``)."""
    found = facts(text)
    keys = {f for f, kind in found.items() if kind not in ("name", "rare", "acronym")}
    words = [w.lower() for w in _WORD.findall(unicodedata.normalize("NFKC", text[:MAX_CHARS]))]
    keys.update(f"word:{w}" for w in words)
    tokens = _TOKEN.findall(text[:MAX_CHARS])
    for a, b in itertools.pairwise(tokens):
        joined = (a + b).lower()
        if _mixed(joined) and len(joined) >= 3:
            keys.add(f"id:{joined}")
    return keys
