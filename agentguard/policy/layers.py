"""Policy layers: an organisation's base policy with team and application overlays.

Layers are TOML files read in order; each is merged over the ones before it (tables key
by key, everything else replaced). A layer's ``[lock]`` table pins rules for every layer
after it:

- ``actions = ["secret", "inversion_signal"]`` — for these finding kinds (and every kind
  under them) a later layer may make the action stricter, never looser, on any channel;
  nor may it switch a channel off or allowlist such a kind;
- ``fields = ["fail_mode", "limits", "detectors.secrets"]`` — these fields (or every field
  under a table) may only move in the strict direction where one is known (``fail_mode``
  towards ``closed``, ``enabled`` towards ``true``, a limit downwards, an allowlist
  shrinking...), and may not change at all otherwise.

A violation fails at load time and names both files and the rule. Every other error
names its file, line and field; all of them are reported at once.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from agentguard.errors import PolicyError
from agentguard.findings import Action, Channel
from agentguard.policy.lines import find_line
from agentguard.policy.model import Policy, _deep_merge
from agentguard.policy.version import policy_version

#: Strictness of each action: a locked rule may move up this scale, never down.
RANK: dict[Action, int] = {
    Action.ALLOW: 0,
    Action.ALERT: 1,
    Action.THROTTLE: 2,
    Action.DEGRADE: 3,
    Action.MASK: 4,
    Action.REDUCE: 5,
    Action.HASH: 5,
    Action.REDACT: 5,
    Action.DROP: 6,
    Action.BLOCK: 7,
}
#: Fields with a known strict direction: the values from loosest to strictest.
_ORDERED: dict[str, tuple[Any, ...]] = {
    "fail_mode": ("open", "closed"),
    "on_exceed": ("allow", "truncate", "block"),
    "mode": ("shadow", "inline"),
    "enabled": (False, True),
}
#: Numeric fields where a lower value is stricter.
_LOWER_IS_STRICTER = frozenset(
    {"max_chars", "max_depth", "max_items", "min_confidence", "rate_per_minute"}
)
ENV_LAYER = "<environment>"
DEFAULT_SOURCE = "<built-in default>"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a policy: where (file, line, field) and why."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: field '{self.field}': {self.message}"
            if self.field
            else (f"{where}: {self.message}")
        )


class PolicyLayerError(PolicyError):
    """An invalid policy; ``problems`` lists each error with its file, line and field."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        files = {p.file: i for i, p in reversed(list(enumerate(problems)))}
        # In the order of the files, then of the lines: the way an editor walks them.
        self.problems = sorted(problems, key=lambda p: (files[p.file], p.line or 0))
        super().__init__("invalid policy\n  " + "\n  ".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Locks:
    actions: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.actions or self.fields)


@dataclass(frozen=True)
class Layer:
    """One file (or the environment overrides) as read, its ``[lock]`` taken out."""

    source: str
    text: str
    data: dict[str, Any]
    locks: Locks = field(default_factory=Locks)

    def line(self, loc: Sequence[str]) -> int | None:
        return find_line(self.text, loc) if self.text else None


@dataclass(frozen=True)
class LayeredPolicy:
    """The effective policy and where each of its values came from."""

    policy: Policy
    layers: tuple[Layer, ...]

    @property
    def version(self) -> str:
        return policy_version(self.policy)

    @property
    def files(self) -> list[str]:
        return [layer.source for layer in self.layers if layer.source != ENV_LAYER]

    def source_of(self, path: Sequence[str]) -> str:
        """The last layer that set ``path`` or a table above it; else the built-in default.

        A channel's ``signals`` settings it does not set itself come from ``[signals]``."""
        found = _setter(self.layers, tuple(path))
        if found is None and len(path) > 3 and path[0] == "channels" and path[2] == "signals":
            found = _setter(self.layers, ("signals", *path[3:]))
        return found.source if found is not None else DEFAULT_SOURCE

    def locks(self) -> list[tuple[str, str, str]]:
        """(file, "actions" or "fields", entry) for every lock in force."""
        out = []
        for layer in self.layers:
            out += [(layer.source, "actions", a) for a in layer.locks.actions]
            out += [(layer.source, "fields", f) for f in layer.locks.fields]
        return out


def split_paths(value: str) -> list[str]:
    """``$AGENTGUARD_POLICY`` may hold several files, separated like ``PATH`` entries."""
    return [p for p in value.split(os.pathsep) if p.strip()]


def load_layers(
    paths: Sequence[str | os.PathLike[str]], env: Mapping[str, str] | None = None
) -> LayeredPolicy:
    """Read, merge, validate and lock-check the layers; raises :class:`PolicyLayerError`
    listing every problem. ``env`` (default ``os.environ``) supplies the override layer."""
    problems: list[Problem] = []
    layers = [layer for p in paths if (layer := _read(Path(p), problems)) is not None]
    return _resolve(layers, problems, env)


def load_text(text: str, source: str, env: Mapping[str, str] | None = None) -> LayeredPolicy:
    """One policy given as TOML text (``source`` names it in errors)."""
    problems: list[Problem] = []
    layer = parse_layer(text, source, problems)
    return _resolve([layer] if layer is not None else [], problems, env)


def _resolve(
    layers: list[Layer], problems: list[Problem], env: Mapping[str, str] | None
) -> LayeredPolicy:
    overrides = _env_layer(os.environ if env is None else env)
    if overrides is not None:
        layers.append(overrides)
    if problems:
        raise PolicyLayerError(problems)
    for layer in layers:  # each file alone: its own errors, with its own lines
        problems += _validate(layer.data, lambda loc, la=layer: (la.source, la.line(loc)))
    if problems:
        raise PolicyLayerError(problems)
    merged: dict[str, Any] = {}
    cumulative: list[Policy] = []
    for layer in layers:  # together: errors that only the combination has
        merged = _deep_merge(merged, layer.data)
        problems += _validate(merged, lambda loc: _where(layers, loc))
        if problems:
            raise PolicyLayerError(problems)
        cumulative.append(Policy.model_validate(merged))
    problems += _check_locks(layers, cumulative)
    if problems:
        raise PolicyLayerError(problems)
    return LayeredPolicy(cumulative[-1] if cumulative else Policy(), tuple(layers))


# --- reading ------------------------------------------------------------------------------


def _read(path: Path, problems: list[Problem]) -> Layer | None:
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        problems.append(Problem(source, None, "", f"cannot read policy file: {exc.strerror}"))
        return None
    except UnicodeDecodeError:
        problems.append(Problem(source, None, "", "cannot read policy file: not UTF-8 text"))
        return None
    return parse_layer(text, source, problems)


def parse_layer(text: str, source: str, problems: list[Problem]) -> Layer | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(source, _toml_line(exc), "", f"not valid TOML: {exc}"))
        return None
    raw_lock = data.pop("lock", None)
    locks = _locks(raw_lock, source, text, problems)
    return Layer(source, text, data, locks)


def _toml_line(exc: tomllib.TOMLDecodeError) -> int | None:
    lineno = getattr(exc, "lineno", None)  # Python 3.14 adds it; older ones say it in text
    if isinstance(lineno, int):
        return lineno
    marker = "(at line "
    msg = str(exc)
    if marker in msg:
        digits = msg.split(marker, 1)[1].split(",", 1)[0]
        return int(digits) if digits.isdigit() else None
    return None


def _locks(raw: Any, source: str, text: str, problems: list[Problem]) -> Locks:
    if raw is None:
        return Locks()
    line = find_line(text, ["lock"])
    if not isinstance(raw, dict):
        problems.append(Problem(source, line, "lock", "must be a table"))
        return Locks()
    out: dict[str, tuple[str, ...]] = {}
    for key, value in raw.items():
        where = find_line(text, ["lock", key]) or line
        if key not in ("actions", "fields"):
            problems.append(Problem(source, where, f"lock.{key}", "expected 'actions' or 'fields'"))
        elif not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            problems.append(Problem(source, where, f"lock.{key}", "must be a list of names"))
        else:
            out[key] = tuple(value)
    for name in out.get("fields", ()):
        if name.split(".")[0] not in Policy.model_fields:
            where = find_line(text, ["lock", "fields"]) or line
            problems.append(Problem(source, where, "lock.fields", f"no policy field {name!r}"))
    return Locks(actions=out.get("actions", ()), fields=out.get("fields", ()))


def _env_layer(env: Mapping[str, str]) -> Layer | None:
    from agentguard.policy.load import ENV_FIELDS

    data = {f: v.strip().lower() for var, f in ENV_FIELDS.items() if (v := env.get(var))}
    return Layer(ENV_LAYER, "", data) if data else None


# --- validation -------------------------------------------------------------------------


def _validate(data: dict[str, Any], where: Any) -> list[Problem]:
    try:
        Policy.model_validate(data)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = [str(p) for p in err["loc"]]
            source, line = where(loc)
            out.append(Problem(source, line, ".".join(loc) or "(top level)", err["msg"]))
        return out
    return []


def _setter(layers: Iterable[Layer], path: tuple[str, ...]) -> Layer | None:
    """The last layer whose data sets ``path``, or a value (not a table) above it."""
    found = None
    for layer in layers:
        node: Any = layer.data
        for part in path:
            if not isinstance(node, dict):
                found = layer  # an inline value higher up sets everything below it
                break
            if part not in node:
                break
            node = node[part]
        else:
            found = layer
    return found


def _where(layers: Sequence[Layer], loc: Sequence[str]) -> tuple[str, int | None]:
    for n in range(len(loc), 0, -1):
        layer = _setter(layers, tuple(loc[:n]))
        if layer is not None:
            return layer.source, layer.line(loc)
    last = layers[-1]
    return last.source, last.line(loc)


# --- locks --------------------------------------------------------------------------------


def _check_locks(layers: Sequence[Layer], cumulative: Sequence[Policy]) -> list[Problem]:
    problems: list[Problem] = []
    for i, base in enumerate(layers):
        if not base.locks:
            continue
        locked = cumulative[i]
        for j in range(i + 1, len(layers)):
            over, now = layers[j], cumulative[j]
            for prefix in base.locks.actions:
                problems += _action_violations(base, locked, over, now, prefix)
            for name in base.locks.fields:
                problems += _field_violations(base, locked, over, now, name)
            if problems:  # name the first layer that loosens; later ones inherit its values
                return problems
    return problems


def _lock_note(base: Layer, kind: str, entry: str) -> str:
    line = base.line(["lock", kind])
    where = f"{base.source}:{line}" if line else base.source
    return f"locked by {where} (lock.{kind} {entry!r})"


def _covers(prefix: str, kind: str) -> bool:
    return prefix == "*" or kind == prefix or kind.startswith(prefix + "/")


def _action_violations(
    base: Layer, locked: Policy, over: Layer, now: Policy, prefix: str
) -> list[Problem]:
    note = _lock_note(base, "actions", prefix)
    kinds = {prefix, *_mentioned(locked), *_mentioned(now)}
    kinds = {k for k in kinds if _covers(prefix, k)}
    if prefix == "*":
        kinds.add("agentguard/any-other-kind")
    out: list[Problem] = []
    for channel in Channel:
        name = channel.value
        if locked.channel_enabled(channel) and not now.channel_enabled(channel):
            loc = ["channels", name, "enabled"]
            out.append(
                Problem(
                    over.source,
                    over.line(loc),
                    ".".join(loc),
                    f"switches off a channel where locked rule {prefix!r} applies; {note}",
                )
            )
            continue
        for kind in sorted(kinds):
            was, is_now = locked.action_for(channel, kind), now.action_for(channel, kind)
            if RANK[is_now] >= RANK[was]:
                continue
            loc = _rule_loc(now, channel, kind)
            if any(p.field == ".".join(loc) for p in out):
                break  # a global rule: reported once, not once per channel
            out.append(
                Problem(
                    over.source,
                    over.line(loc),
                    ".".join(loc),
                    f"loosens locked rule {prefix!r} on {name} for {kind!r} "
                    f"from {was.value} to {is_now.value}; {note}",
                )
            )
            break  # one report per channel is enough to find the line
    for kind in set(now.allowlist.kinds) - set(locked.allowlist.kinds):
        if _covers(prefix, kind) or _covers(kind, prefix):
            loc = ["allowlist", "kinds"]
            out.append(
                Problem(
                    over.source,
                    over.line(loc),
                    "allowlist.kinds",
                    f"allowlists {kind!r}, under locked rule {prefix!r}; {note}",
                )
            )
    return out


def _mentioned(policy: Policy) -> set[str]:
    kinds = set(policy.actions)
    for cp in policy.channels.values():
        kinds |= set(cp.actions)
    kinds.discard("*")
    return kinds


def _rule_loc(policy: Policy, channel: Channel, kind: str) -> list[str]:
    """The field that decides ``kind`` on ``channel`` (as ``Policy.action_for`` resolves)."""
    parts = kind.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(len(parts), 0, -1)] + ["*"]
    cp = policy.channels.get(channel)
    if cp is not None:
        for p in prefixes:
            if p in cp.actions:
                return ["channels", channel.value, "actions", p]
    for p in prefixes:
        if p in policy.actions:
            return ["actions", p]
    return ["actions"]


def _field_violations(
    base: Layer, locked: Policy, over: Layer, now: Policy, name: str
) -> list[Problem]:
    note = _lock_note(base, "fields", name)
    path = tuple(name.split("."))
    if path[0] == "fingerprint_key":  # compared as secrets, never shown
        same = _secret(locked) == _secret(now)
        return (
            []
            if same
            else [
                Problem(
                    over.source,
                    over.line(["fingerprint_key"]),
                    "fingerprint_key",
                    f"changes a locked field; {note}",
                )
            ]
        )
    old = dict(_leaves(locked.model_dump(mode="json"), path))
    new = dict(_leaves(now.model_dump(mode="json"), path))
    out = []
    for leaf in sorted(set(old) | set(new), key=str):
        if leaf in old and leaf in new and _not_looser(leaf[-1], old[leaf], new[leaf]):
            continue
        if leaf not in old and leaf not in new:
            continue
        loc = list(leaf)
        shown = ".".join(loc)
        out.append(
            Problem(
                over.source,
                over.line(loc),
                shown,
                f"loosens or changes a locked field ({_show(old.get(leaf))} → "
                f"{_show(new.get(leaf))}); {note}",
            )
        )
    return out


def _secret(policy: Policy) -> str | None:
    key = policy.fingerprint_key
    return key.get_secret_value() if key is not None else None


def _show(value: Any) -> str:
    """A locked value as an error may print it: enums, flags and numbers only (a URL or
    an allowlisted value can hold a credential)."""
    if value is None:
        return "unset"
    if isinstance(value, bool | int | float) or value in {v for o in _ORDERED.values() for v in o}:
        return repr(value)
    if isinstance(value, list):
        return f"[{len(value)} entries]"
    return "<value>"


def _leaves(data: Any, path: tuple[str, ...]) -> Iterable[tuple[tuple[str, ...], Any]]:
    node = data
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return
        node = node[part]
    yield from _flatten(node, path)


def _flatten(node: Any, prefix: tuple[str, ...]) -> Iterable[tuple[tuple[str, ...], Any]]:
    if isinstance(node, dict) and node:
        for key, value in node.items():
            yield from _flatten(value, (*prefix, str(key)))
    else:
        yield prefix, node


def _not_looser(name: str, old: Any, new: Any) -> bool:
    if old == new:
        return True
    order = _ORDERED.get(name)
    if order is not None and old in order and new in order:
        return order.index(new) >= order.index(old)
    if name in _LOWER_IS_STRICTER and isinstance(old, int | float) and isinstance(new, int | float):
        return new <= old
    if isinstance(old, list) and isinstance(new, list):  # allowlists, disabled rules
        return set(map(repr, new)) <= set(map(repr, old))
    return False


def flatten_policy(policy: Policy) -> list[tuple[tuple[str, ...], Any]]:
    """Every leaf of the effective policy, ``fingerprint_key`` shown only as set or unset."""
    data = policy.model_dump(mode="json")
    data["fingerprint_key"] = "<set>" if policy.fingerprint_key is not None else None
    return list(_flatten(data, ()))
