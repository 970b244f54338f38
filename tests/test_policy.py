"""Policy files, environment, defaults and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentguard import Action, Channel, Guard, Policy, PolicyError
from tests import tokens

POLICY = """
name = "team-payments"
fail_mode = "open"
on_block = "refuse"
refusal = "withheld"

[actions]
secret = "mask"

[channels.tool_output.actions]
"secret/github-pat" = "block"

[limits]
max_chars = 1000
on_exceed = "truncate"

[detectors.secrets]
enabled = true
min_confidence = 0.1
"""


def test_load_from_file_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "agentguard.toml"
    f.write_text(POLICY)
    p = Policy.load(str(f))
    assert p.name == "team-payments" and p.fail_mode == "open" and p.limits.max_chars == 1000
    assert p.action_for(Channel.TOOL_OUTPUT, "secret/github-pat") is Action.BLOCK
    assert p.action_for(Channel.LOG, "secret/github-pat") is Action.MASK
    assert p.action_for(Channel.LOG, "probing/rate") is Action.ALERT
    monkeypatch.setenv("AGENTGUARD_POLICY", str(f))
    assert Policy.load().name == "team-payments"
    g = Guard()
    assert g.sanitize(tokens.github_pat(), channel="tool_output") == "withheld"
    monkeypatch.setenv("AGENTGUARD_FAIL_MODE", "closed")
    assert Policy.load().fail_mode == "closed"


def test_default_policy_redacts_secrets_everywhere_and_never_blocks() -> None:
    p = Policy.load()
    for ch in Channel:
        assert p.action_for(ch, "secret/aws-access-token") is Action.REDACT
    assert p.on_block == "raise" and p.fail_mode == "closed"
    assert all(a is not Action.BLOCK for a in p.actions.values())
    assert not p.channels


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('fail_mode = "sometimes"', "field 'fail_mode'"),
        ('[actions]\nsecret = "shred"', "field 'actions.secret'"),
        ("[limits]\nmax_chars = -5", "field 'limits.max_chars'"),
        ("[channels.email]\nenabled = true", "field 'channels.email"),
        ("unknown_field = 1", "field 'unknown_field'"),
        ("this is = not toml =", "not valid TOML"),
    ],
)
def test_bad_policy_names_file_field_and_reason(tmp_path: Path, text: str, needle: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(text)
    with pytest.raises(PolicyError) as info:
        Policy.load(str(f))
    assert str(f) in str(info.value) and needle in str(info.value)


def test_missing_policy_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read policy file"):
        Policy.load(str(tmp_path / "nope.toml"))


def test_disabled_detector_and_rule() -> None:
    from agentguard.policy import policy_from_mapping

    tok = tokens.github_pat()
    off = Guard(policy_from_mapping({"detectors": {"secrets": {"enabled": False}}}))
    assert off.inspect(tok).findings == ()
    no_rule = Guard(
        policy_from_mapping({"detectors": {"secrets": {"disabled_rules": ["github-pat"]}}})
    )
    assert all(f.rule != "github-pat" for f in no_rule.inspect(tok).findings)


def test_naming_another_detector_keeps_the_secret_detector() -> None:
    from agentguard.policy.load import policy_from_toml

    policy = policy_from_toml("[detectors.custom]\nmin_confidence = 0.5\n")
    assert set(policy.detectors) == {"secrets", "custom"}
    off = policy_from_toml("[detectors.secrets]\nenabled = false\n")
    assert off.detectors["secrets"].enabled is False
