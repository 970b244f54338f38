"""One normal form for text compared against canaries: case, width, punctuation, numbers.

``"Refund of $12,500.00 approved"`` and ``"refund of 12500 approved"`` must share their word
n-grams, so words are NFKC-folded and lower-cased, punctuation goes, thousands separators
go, and a number's trailing ``.00`` goes.
"""

from __future__ import annotations

import re
import unicodedata

#: Version of this normal form; an index records it and refuses another.
NORMALIZATION = "nfkc-casefold-words-v1"

_WORD = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)
_THOUSANDS = re.compile(r"(?<=\d)[,’'](?=\d{3}\b)")
_ZERO_CENTS = re.compile(r"(?<=\d)\.0+\b")


def words(text: str) -> list[str]:
    """The words of ``text`` in normal form, numbers written plainly (``12500``)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _ZERO_CENTS.sub("", _THOUSANDS.sub("", folded))
    out = []
    for m in _WORD.finditer(folded):
        w = m.group()
        if not w[0].isdigit():
            w = w.replace(".", "").replace(",", "").replace("'", "").replace("’", "")
        out.append(w)
    return out
