"""Properties over generated payloads: idempotence, cleanliness, structure preserved."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentguard import Guard, Policy
from tests import tokens

GUARD = Guard(Policy())
SECRETS = st.sampled_from(
    [tokens.github_pat(), tokens.slack_bot(), tokens.aws_key_id(), tokens.jwt()]
)
TEXT = st.one_of(
    st.text(max_size=60),
    st.builds(lambda a, s, b: f"{a}{s}{b}", st.text(max_size=20), SECRETS, st.text(max_size=20)),
    st.builds(
        lambda s: f"password = '{s}'",
        st.text(alphabet="abcdefXYZ0123456789!#", min_size=12, max_size=30),
    ),
)
LEAF = st.one_of(
    TEXT,
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.binary(max_size=40),
)
PAYLOAD = st.recursive(
    LEAF,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.tuples(children, children),
        st.dictionaries(TEXT, children, max_size=5),
    ),
    max_leaves=25,
)


def shape(node: Any) -> Any:
    if isinstance(node, dict):
        return ("dict", sorted(repr(shape(v)) for v in node.values()))
    if isinstance(node, list | tuple):
        return (type(node).__name__, [shape(v) for v in node])
    return type(node).__name__


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(PAYLOAD)
def test_sanitising_twice_equals_once(payload: Any) -> None:
    once = GUARD.sanitize(payload)
    assert GUARD.sanitize(once) == once


@SETTINGS
@given(PAYLOAD)
def test_sanitised_payload_has_no_findings(payload: Any) -> None:
    assert GUARD.inspect(GUARD.sanitize(payload)).findings == ()


@SETTINGS
@given(PAYLOAD)
def test_structure_and_types_preserved(payload: Any) -> None:
    out = GUARD.sanitize(payload)
    assert type(out) is type(payload)
    assert shape(out) == shape(payload)
