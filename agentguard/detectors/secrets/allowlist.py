"""What is never reported as a secret, whatever rule matched it.

Two layers, both applied to the *value* a rule would redact:

* everyone: placeholders and documented examples (``YOUR_API_KEY``, ``<token>``,
  ``${VAR}``, ``AKIA…EXAMPLE``), public key material, publishable keys and object ids,
  and agentguard's own replacements (``[REDACTED:…]``, ``[HASH:…]``, ``****``), so that
  sanitising twice gives the same result as sanitising once;
* generic rules only (a keyword and an entropy check, no provider format): shapes that
  are random-looking but not credentials — git SHAs, UUIDs, digests, paths, identifiers.
  A provider rule with its own context (``heroku_api_key = <uuid>``) overrides that.

Users add their own exceptions as RE2 patterns (the whole value must match) and values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import re2

# Each layer is one RE2 search over the UTF-8 value (one call per candidate keeps the
# cost per hit flat; str input would be re-encoded by the binding on every call).
_PLACEHOLDER = re2.compile(
    r"(?i:"
    r"example|placeholder|change[_\-]?me|redacted|\[hash:|dummy|"
    r"x{4,}|\*{3,}|•{3,}|#{4,}|\.\.\.|…|"  # masked or elided
    r"<[^<>]{1,64}>|\{\{[^{}]*\}\}|\$\{[^{}]*\}|\$\([^()]*\)|%\(\w+\)s|"  # templates
    r"^\$\w+$|^%\w+%$|^\[[A-Za-z_ \-]+\]$|"  # $VAR, %VAR%, [VAR]
    r"os\.environ|getenv|process\.env|env\[|environ\.get|"
    r"^[<\[{(\"']?(?:your|insert[_\-. ]|enter[_\-. ]|replace[_\-. ])|(?:^|[_\-. ])here$|"
    r"ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-|aaaab3nzac1|aaaac3nzac1lzdi1nte5|aaaae2vjzhnh|"
    r"-----begin [a-z0-9 ]*public key|-----begin certificate"
    r")|"
    r"^\{[a-z_][a-z0-9_]*\}$|"  # {var}
    # Publishable keys and payment object ids: safe to show by design.
    r"^(?:pk_(?:live|test)_|(?:cus|ch|pi|pm|prod|price|sub|in|evt|txn|acct|seti|card|ii|il|po)_)"
    r"[A-Za-z0-9]{6,}$"
)
#: Random-looking but not a credential, when all a rule knows is a keyword nearby.
_GENERIC_NOISE = re2.compile(
    r"^(?:(?i:"
    r"[0-9a-f]{7,12}|[0-9a-f]{40}|"  # git SHAs, short and full
    r"\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?|"  # UUID
    r"(?:md5|sha1|sha224|sha256|sha384|sha512)[-:=].*|integrity.*|"  # digests, lockfiles
    r"v?\d+(?:[._\-]\d+)*(?:[._\-][a-z]+\d*)?|"  # numbers and versions
    r"(?:/|\./|\.\./|~/|[a-z]:\\).*|[a-z][a-z0-9+.\-]*://\S*|"  # paths and plain URLs
    r"[\w\-]+\.(?:pem|key|p12|pfx|jks|json|ya?ml|txt|env|ini|cfg|conf|crt|cer|der)|"
    r".*[-_:]v?\d+\.\d+(?:\.\d+)*(?:[-.][a-z0-9]+)?"  # ends in a version: coordinates
    r")|"
    # case-sensitive: names, code references, host names and slugs
    r"[A-Za-z_][A-Za-z_.\-]*[._\-][A-Za-z_.\-]*|"  # dotted or snake names, no digits
    r"(?:[A-Za-z_$][\w$]*\.)+[a-z]+(?:[_A-Z][a-z]+)*(?:\(\))?|"  # X25519.secret_length
    r"[a-z]+(?:[A-Z][a-z]+)+|(?:[A-Z][a-z]+){2,}|[a-z]+|[A-Z]+|"  # camel, Pascal, one case
    r"[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,12}|"  # host names
    r"[a-z0-9]{1,10}(?:-[a-z0-9]{1,10})+"  # kebab-case slugs of short parts
    r")$|"
    r"(?:[A-Z][a-z]{3,}){3}"  # three capitalised words: never in random strings
)


def is_placeholder(value: str) -> bool:
    """True for values that stand for a secret without being one (for every rule)."""
    stripped = value.strip("\"'` ")
    if len(set(stripped)) <= 1:
        return True  # "", "aaaaaaaa", "********"
    return _PLACEHOLDER.search(stripped.encode("utf-8", "surrogatepass")) is not None


def is_generic_noise(value: str) -> bool:
    """True for shapes a keyword-only rule must not report (hashes, ids, names, paths)."""
    return _GENERIC_NOISE.search(value.encode("utf-8", "surrogatepass")) is not None


class Allowlist:
    """Global exceptions plus the user's own (``allow_patterns``, ``allow_values``)."""

    __slots__ = ("_patterns", "_values")

    def __init__(self, patterns: Iterable[str] = (), values: Iterable[str] = ()) -> None:
        compiled: list[Any] = []
        for i, pattern in enumerate(patterns):
            try:
                compiled.append(re2.compile(pattern))
            except re2.error:
                raise ValueError(f"allow_patterns[{i}] is not a valid RE2 pattern") from None
        self._patterns = tuple(compiled)
        self._values = frozenset(values)

    def allows(self, value: str, *, generic: bool) -> bool:
        """True when ``value`` must not be reported; ``generic`` adds the shape checks."""
        if value in self._values or is_placeholder(value):
            return True
        if generic and is_generic_noise(value):
            return True
        return any(p.fullmatch(value) for p in self._patterns)

    def __repr__(self) -> str:  # never show user values: they may be real secrets
        return f"Allowlist(patterns={len(self._patterns)}, values={len(self._values)})"
