"""Secret rules: plain data in ``rules/*.toml``, loaded and compiled once.

Rules are data, not code, so that adding a provider is a reviewed TOML change and the
same file can be audited by people who do not read Python. See ``docs/secret-rules.md``.

A rule is either

* ``regex``: a full RE2 pattern; a named group ``secret`` marks the part to redact
  (the whole match otherwise); or
* ``secret`` + ``context``: the shape of the credential itself plus the words that must
  name it (``heroku``); the loader wraps it in :data:`ASSIGNMENT_PREFIX` so that one rule
  covers ``HEROKU_KEY=…``, ``"heroku_token": "…"``, ``<herokuToken>…``, ``herokuKey := `…```
  and the other ways code, config and logs assign a value.

Every rule names lowercase ``keywords``: literals of which at least one occurs (ignoring
case) in any text the rule can match. The engine finds keywords first and runs a rule
only near them, which is what keeps scanning at hundreds of MB/s.

Optional fields, all backwards compatible:

* ``allow``: RE2 patterns searched in the secret value; a value containing a match is
  not reported (anchor with ``^…$`` for a full match).
* ``allow_context``: the same, searched in the whole match (names, operators, quotes).
* ``priority``: which rule wins when two overlap (higher wins, then the longer match;
  default 50). The keyword-and-entropy rule of ``generic.toml`` sits at 10 and its
  header/URL/JWT rules between 20 and 49, so a provider's own format wins over them.
* several named groups ``secret``, ``secret2``, ``secret3``…: alternatives of one
  pattern (quoted or bare value); the first one that took part is the secret.
* ``confidence``: a fixed confidence in [0, 1]; by default the engine derives one.
* ``max_len`` bounds a whole match: the engine looks at least that far around a keyword
  and drops a match that reaches the edge of what it looked at (it may be truncated).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

SEVERITIES = ("low", "medium", "high", "critical")

#: An identifier that contains one of the context words, then however the language at hand
#: assigns a value to it. ``{ctx}`` is replaced by the rule's context alternation.
_OPERATOR = r"(?:=>|:{1,3}=|\?=|\.=|\|\|=|[=:,>])"
ASSIGNMENT_PREFIX = (
    r"(?i:[\w.\-]{0,40}?(?:{ctx})[\w.\-]{0,40}?)"  # identifier naming the value
    r"(?:[ \t]{1,3}(?i:string|str|var|char\*?))?"  # `var herokuToken string = ...`
    # at least one separator: a closing quote/tag/bracket, a space or an operator, so that
    # a longer identifier (`LookerProjectsLocations…`) never runs on into a "value"
    r"(?:[\"'`>\]\)]{1,2}[ \t]{0,4}"
    + _OPERATOR
    + r"?|[ \t]{1,4}"
    + _OPERATOR
    + r"?|"
    + _OPERATOR
    + r")"
    r"[ \t\"'`=(]{0,6}(?:\r?\n[ \t]{0,16})?[ \t\"'`]{0,2}"  # quotes, XML line break
)
#: What may follow a context-assigned secret: a quote, space, separator or escaped newline.
ASSIGNMENT_SUFFIX = r"(?:[\"'`\s;,<)\]}&|]|\\[nrt]|$)"


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled-ready secret rule (still a pattern string; the engine compiles it)."""

    id: str
    provider: str
    title: str
    keywords: tuple[str, ...]
    pattern: str
    severity: str = "high"
    entropy: float = 0.0
    max_len: int = 512
    allow: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    negatives: tuple[str, ...] = ()
    allow_context: tuple[str, ...] = ()
    priority: int = 50
    confidence: float | None = None
    source: str = field(default="", compare=False)

    @property
    def kind(self) -> str:
        return f"secret/{self.id}"


class RuleError(ValueError):
    """A rules file is malformed; the message names the file, the rule and the field."""


def _context_pattern(secret: str, context: Iterable[str]) -> str:
    ctx = "|".join(context)
    return ASSIGNMENT_PREFIX.replace("{ctx}", ctx) + f"(?P<secret>{secret})" + ASSIGNMENT_SUFFIX


def _str_list(raw: dict[str, object], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: field {key!r} must be a list of strings")
    return tuple(value)


def parse_rule(raw: dict[str, object], source: str) -> Rule:
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid:
        raise RuleError(f"{source}: a rule has no 'id'")
    where = f"{source}: rule {rid!r}"
    keywords = tuple(k.lower() for k in _str_list(raw, "keywords", where))
    if not keywords:
        raise RuleError(f"{where}: field 'keywords' must name at least one literal")
    regex, secret = raw.get("regex"), raw.get("secret")
    if isinstance(regex, str) and secret is None:
        pattern = regex
    elif isinstance(secret, str) and regex is None:
        context = _str_list(raw, "context", where)
        if not context:
            raise RuleError(f"{where}: 'secret' needs a non-empty 'context'")
        pattern = _context_pattern(secret, context)
    else:
        raise RuleError(f"{where}: give exactly one of 'regex' or 'secret'")
    severity = raw.get("severity", "high")
    if severity not in SEVERITIES:
        raise RuleError(f"{where}: field 'severity' must be one of {', '.join(SEVERITIES)}")
    entropy = raw.get("entropy", 0.0)
    max_len = raw.get("max_len", 512)
    if not isinstance(entropy, int | float) or not isinstance(max_len, int) or max_len < 8:
        raise RuleError(f"{where}: 'entropy' must be a number and 'max_len' an integer >= 8")
    priority = raw.get("priority", 50)
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise RuleError(f"{where}: 'priority' must be an integer")
    confidence = raw.get("confidence")
    if confidence is not None and (
        not isinstance(confidence, int | float) or not 0.0 <= confidence <= 1.0
    ):
        raise RuleError(f"{where}: 'confidence' must be a number in [0, 1]")
    return Rule(
        id=rid,
        provider=str(raw.get("provider", rid.split("-")[0])),
        title=str(raw.get("title", rid)),
        keywords=keywords,
        pattern=pattern,
        severity=str(severity),
        entropy=float(entropy),
        max_len=max_len,
        allow=_str_list(raw, "allow", where),
        examples=_str_list(raw, "examples", where),
        negatives=_str_list(raw, "negatives", where),
        allow_context=_str_list(raw, "allow_context", where),
        priority=priority,
        confidence=None if confidence is None else float(confidence),
        source=source,
    )


def load_rules_text(text: str, source: str) -> list[Rule]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{source}: {exc}") from None
    raw_rules = doc.get("rules", [])
    if not isinstance(raw_rules, list):
        raise RuleError(f"{source}: 'rules' must be an array of tables ([[rules]])")
    return [parse_rule(r, source) for r in raw_rules]


def builtin_rules() -> list[Rule]:
    """All rules shipped with the package, in file order, ids unique."""
    rules: list[Rule] = []
    folder = resources.files("agentguard.detectors.secrets") / "rules"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            rules.extend(load_rules_text(entry.read_text(encoding="utf-8"), entry.name))
    return _unique(rules)


def load_rules_file(path: str | Path) -> list[Rule]:
    p = Path(path)
    return load_rules_text(p.read_text(encoding="utf-8"), str(p))


def _unique(rules: list[Rule]) -> list[Rule]:
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(
                f"rule id {rule.id!r} is defined in both {seen[rule.id]} and {rule.source}"
            )
        seen[rule.id] = rule.source
    return rules
