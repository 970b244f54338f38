"""Policy layers: merge order, locks that only tighten, errors with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentguard import Action, Channel, Guard, Policy, PolicyError
from agentguard.policy import PolicyLayerError, load_layers, policy_version
from tests import tokens

ORG = """\
name = "acme-org"
fingerprint_key = "org-fingerprint-key-never-printed"

[actions]
secret = "redact"
inversion_signal = "reduce"

[limits]
max_chars = 100000

[lock]
actions = ["secret"]
fields = ["fail_mode", "limits", "detectors.secrets"]
"""


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text)
    return str(path)


@pytest.fixture
def org(tmp_path: Path) -> str:
    return write(tmp_path, "org.toml", ORG)


def problems(paths: list[str]) -> list[str]:
    with pytest.raises(PolicyLayerError) as info:
        load_layers(paths)
    return [str(p) for p in info.value.problems]


def test_overlays_merge_in_order_and_remember_who_set_what(org: str, tmp_path: Path) -> None:
    team = write(
        tmp_path,
        "team.toml",
        'name = "payments"\n[channels.tool_output.actions]\n"secret/github-pat" = "block"\n',
    )
    app = write(tmp_path, "app.toml", 'name = "checkout"\n[limits]\nmax_chars = 5000\n')
    layered = load_layers([org, team, app])
    p = layered.policy
    assert p.name == "checkout" and p.limits.max_chars == 5000
    assert p.action_for(Channel.TOOL_OUTPUT, "secret/github-pat") is Action.BLOCK
    assert p.action_for(Channel.LOG, "secret/github-pat") is Action.REDACT
    assert layered.source_of(["name"]) == app
    assert layered.source_of(["channels", "tool_output", "actions", "secret/github-pat"]) == team
    assert layered.source_of(["actions", "secret"]) == org
    assert layered.source_of(["limits", "max_depth"]) == "<built-in default>"
    assert layered.files == [org, team, app]
    # the version follows the rules, not the key
    assert layered.version == policy_version(p)
    assert policy_version(p) == policy_version(p.model_copy(update={"fingerprint_key": None}))
    assert policy_version(p) != policy_version(load_layers([org, team]).policy)


def test_env_policy_holds_several_paths(
    org: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = write(tmp_path, "team.toml", 'name = "team"\nfail_mode = "closed"\n')
    monkeypatch.setenv("AGENTGUARD_POLICY", f"{org}:{team}")
    assert Policy.load().name == "team"
    assert Guard().policy.fingerprint_key is not None
    assert Policy.load([org, team]).name == "team"


@pytest.mark.parametrize(
    ("overlay", "line", "field", "why"),
    [
        ('[actions]\nsecret = "alert"\n', 2, "actions.secret", "from redact to alert"),
        (
            '\n[channels.log.actions]\n"secret/github-pat" = "allow"\n',
            3,
            "channels.log.actions.secret/github-pat",
            "from redact to allow",
        ),
        ("[channels.retrieval]\nenabled = false\n", 2, "channels.retrieval.enabled", "switches"),
        ('[allowlist]\nkinds = ["secret/github-pat"]\n', 2, "allowlist.kinds", "allowlists"),
        ('fail_mode = "open"\n', 1, "fail_mode", "'closed' → 'open'"),
        ('[limits]\non_exceed = "allow"\n', 2, "limits.on_exceed", "'block' → 'allow'"),
        ("[limits]\nmax_chars = 9000000\n", 2, "limits.max_chars", "100000 → 9000000"),
        ("[detectors.secrets]\nenabled = false\n", 2, "detectors.secrets.enabled", "True → F"),
    ],
)
def test_a_loosening_overlay_fails_naming_both_files_and_the_rule(
    org: str, tmp_path: Path, overlay: str, line: int, field: str, why: str
) -> None:
    team = write(tmp_path, "team.toml", overlay)
    (msg,) = problems([org, team])
    assert msg.startswith(f"{team}:{line}: field '{field}'"), msg
    assert why in msg and f"locked by {org}:" in msg
    with pytest.raises(PolicyError, match="locked by"):
        Policy.load([org, team])


def test_tightening_a_locked_rule_is_allowed(org: str, tmp_path: Path) -> None:
    team = write(
        tmp_path,
        "team.toml",
        'fail_mode = "closed"\n[actions]\nsecret = "block"\n'
        '[channels.log.actions]\n"secret/github-pat" = "drop"\n'
        "[limits]\nmax_chars = 5000\n",
    )
    p = load_layers([org, team]).policy
    assert p.action_for(Channel.TOOL_OUTPUT, "secret/aws") is Action.BLOCK
    # the lock holds at the org's level (redact): the team locked nothing, so an app
    # layer may go back to redact, but not below
    app = write(tmp_path, "app.toml", '[actions]\nsecret = "redact"\n')
    assert load_layers([org, team, app]).policy.action_for(Channel.LOG, "secret") is Action.REDACT


def test_a_team_layer_can_lock_for_the_apps_under_it(org: str, tmp_path: Path) -> None:
    team = write(
        tmp_path,
        "team.toml",
        '[actions]\nmemorisation = "block"\n[lock]\nactions = ["memorisation"]\n',
    )
    app = write(tmp_path, "app.toml", '[channels.log.actions]\nmemorisation = "redact"\n')
    (msg,) = problems([org, team, app])
    assert msg.startswith(f"{app}:2:") and f"locked by {team}:4" in msg


def test_star_lock_covers_every_kind(tmp_path: Path) -> None:
    base = write(tmp_path, "base.toml", '[lock]\nactions = ["*"]\n')
    over = write(tmp_path, "over.toml", '[actions]\n"*" = "allow"\n')
    (msg,) = problems([base, over])
    assert "from alert to allow" in msg


def test_every_error_names_file_line_and_field(tmp_path: Path) -> None:
    a = write(tmp_path, "a.toml", 'name = "a"\n\n[actions]\nsecret = "shred"\n')
    b = write(tmp_path, "b.toml", "[limits]\nmax_depth = 5\nmax_chars = -1\n[bogus]\nx = 1\n")
    msgs = problems([a, b])
    assert any(m.startswith(f"{a}:4: field 'actions.secret'") for m in msgs), msgs
    assert any(m.startswith(f"{b}:3: field 'limits.max_chars'") for m in msgs), msgs
    assert any(m.startswith(f"{b}:4: field 'bogus'") for m in msgs), msgs


def test_errors_only_the_combination_has_point_at_the_layer(tmp_path: Path) -> None:
    a = write(tmp_path, "a.toml", "[signals.probabilities]\nhigh = 0.6\n")
    b = write(tmp_path, "b.toml", "\n[signals.probabilities]\nmedium = 0.7\n")
    (msg,) = problems([a, b])
    assert "medium < high" in msg and msg.startswith(f"{b}:2: field 'signals.probabilities'")


def test_unreadable_and_malformed_overlays_fail_clearly(org: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.toml")
    broken = write(tmp_path, "broken.toml", 'name = "x"\n[actions\nsecret = 1\n')
    msgs = problems([org, missing, broken])
    assert any(m.startswith(f"{missing}: cannot read policy file") for m in msgs)
    assert any(m.startswith(f"{broken}:2: not valid TOML") for m in msgs), msgs
    bad_lock = write(tmp_path, "lock.toml", '[lock]\nactions = "secret"\nrules = []\n')
    msgs = problems([bad_lock])
    assert any("lock.actions" in m and "list of names" in m for m in msgs)
    assert any("lock.rules" in m for m in msgs)


def test_environment_overrides_cannot_loosen_a_lock(
    org: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENTGUARD_FAIL_MODE", "open")
    (msg,) = problems([org])
    assert msg.startswith("<environment>: field 'fail_mode'") and "locked by" in msg


def test_errors_never_print_secrets_from_the_policy(tmp_path: Path) -> None:
    url = f"redis://:{tokens.db_password()}@cache:6379/0"
    base = write(
        tmp_path,
        "b.toml",
        f'[probing]\nredis_url = "{url}"\n'
        '[lock]\nfields = ["probing", "fingerprint_key"]\nactions = []\n',
    )
    over = write(tmp_path, "o.toml", '[probing]\nredis_url = "redis://other:6379/0"\n')
    (msg,) = problems([base, over])
    assert msg.startswith(f"{over}:2: field 'probing.redis_url'") and "<value>" in msg
    assert url not in msg
    key = write(tmp_path, "k.toml", 'fingerprint_key = "new-secret-key-1"\n')
    (msg,) = problems([base, key])
    assert msg.startswith(f"{key}:1: field 'fingerprint_key'") and "new-secret-key-1" not in msg


def test_single_file_errors_carry_the_line(tmp_path: Path) -> None:
    f = write(tmp_path, "team.toml", '# team\nname = "t"\n[actions]\nsecret = "shred"\n')
    with pytest.raises(PolicyError, match=r"team\.toml:4: field 'actions\.secret'"):
        Policy.load(f)
