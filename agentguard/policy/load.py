"""Loading a policy from TOML, with errors that name the file, the field and the reason."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
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
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source}: not valid TOML: {exc}") from None
    return policy_from_mapping(_with_env(data), source)


def load_policy(path: str | os.PathLike[str] | None = None) -> Policy:
    """The policy at ``path``, else at ``$AGENTGUARD_POLICY``, else the built-in default."""
    chosen = path if path is not None else os.environ.get(ENV_POLICY) or None
    if chosen is None:
        return policy_from_mapping(_with_env({}), "<built-in default>")
    file = Path(chosen)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"{file}: cannot read policy file: {exc.strerror}") from None
    return policy_from_toml(text, str(file))


def _with_env(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for var, field in ENV_FIELDS.items():
        value = os.environ.get(var)
        if value:
            out[field] = value.strip().lower()
    return out
