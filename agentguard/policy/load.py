"""Loading a policy from TOML, with errors that name the file, the line, the field and why.

One file or several: ``AGENTGUARD_POLICY`` may hold a list of paths (``org.toml:team.toml``),
read as layers by :mod:`agentguard.policy.layers`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from agentguard.errors import PolicyError
from agentguard.policy.model import Policy

ENV_POLICY = "AGENTGUARD_POLICY"
#: Environment overrides applied on top of any file: variable -> top-level field.
ENV_FIELDS = {
    "AGENTGUARD_FAIL_MODE": "fail_mode",
    "AGENTGUARD_ON_BLOCK": "on_block",
}

PolicyPaths = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


def policy_from_mapping(data: dict[str, Any], source: str = "<policy>") -> Policy:
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or "(top level)"
            problems.append(f"{source}: field '{field}': {err['msg']}")
        raise PolicyError("invalid policy\n  " + "\n  ".join(problems)) from None


def policy_from_toml(text: str, source: str = "<policy>") -> Policy:
    """The policy in ``text`` (environment overrides applied); errors carry ``source`` and
    the line of the field."""
    from agentguard.policy.layers import load_text

    return load_text(text, source).policy


def policy_paths(path: PolicyPaths | None = None) -> list[str]:
    """The files to read: ``path`` (one or a list), else ``$AGENTGUARD_POLICY``'s list."""
    from agentguard.policy.layers import split_paths

    if path is None:
        return split_paths(os.environ.get(ENV_POLICY, ""))
    if isinstance(path, str | os.PathLike):
        return [os.fspath(path)]
    return [os.fspath(p) for p in path]


def load_policy(path: PolicyPaths | None = None) -> Policy:
    """The policy at ``path`` (a file, or a list of layer files), else at
    ``$AGENTGUARD_POLICY`` (one path or several), else the built-in default."""
    from agentguard.policy.layers import load_layers

    paths = policy_paths(path)
    if not paths:
        return policy_from_mapping(_with_env({}), "<built-in default>")
    return load_layers(paths).policy


def _with_env(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for var, field in ENV_FIELDS.items():
        value = os.environ.get(var)
        if value:
            out[field] = value.strip().lower()
    return out
