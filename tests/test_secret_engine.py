"""SecretEngine behaviour: all occurrences, overlaps, offsets, allowlist, bounded time."""

from __future__ import annotations

import itertools
import json
import random
import string
import threading
import time
from pathlib import Path

import pytest

from agentguard.detectors.base import Detector, detector_factory
from agentguard.detectors.secrets import SecretDetector, secret_detector_from_config
from agentguard.detectors.secrets.allowlist import Allowlist, is_generic_noise, is_placeholder
from agentguard.detectors.secrets.engine import Prefilter, SecretEngine, hyperscan
from agentguard.detectors.secrets.entropy import shannon_entropy
from agentguard.detectors.secrets.rules import builtin_rules, load_rules_text

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "secrets" / "gitleaks_cases.jsonl"
PREFILTERS: list[Prefilter] = ["re2"] if hyperscan is None else ["re2", "hyperscan"]
_RNG = random.Random(20240526)
_ALNUM = string.ascii_letters + string.digits


def rand(n: int) -> str:
    """A fresh random value of the usual token alphabet (never a real credential)."""
    return "".join(_RNG.choice(_ALNUM) for _ in range(n))


PROVIDER_TOML = r"""
[[rules]]
id = "acme-key"
provider = "acme"
keywords = ["acme_"]
regex = '''\b(?P<secret>acme_[A-Za-z0-9]{24})\b'''
examples = ["acme_AbCdEfGhIjKlMnOpQrStUvWx"]
"""


@pytest.fixture(scope="module", params=PREFILTERS)
def detector(request: pytest.FixtureRequest) -> SecretDetector:
    return SecretDetector(prefilter=request.param)


@pytest.fixture(scope="module")
def small() -> SecretEngine:
    """Generic rules plus one provider rule: keeps overlap tests independent of providers."""
    rules = [r for r in builtin_rules() if r.source == "generic.toml"]
    return SecretEngine([*rules, *load_rules_text(PROVIDER_TOML, "test")])


def spans(text: str, engine: SecretEngine | SecretDetector) -> list[str]:
    return [text[h.start : h.end] for h in engine.scan(text)]


# -- what is found -------------------------------------------------------------------------


def test_every_occurrence_of_the_same_kind_is_found(detector: SecretDetector) -> None:
    values = [rand(24) for _ in range(5)]
    text = "\n".join(f"db_password = '{v}'" for v in values)
    assert spans(text, detector) == values
    assert {h.rule for h in detector.scan(text)} == {"generic-credential"}


def test_repeated_identical_secret_is_reported_each_time(detector: SecretDetector) -> None:
    value = rand(20)
    text = f"token={value} and again token={value}"
    assert spans(text, detector) == [value, value]


def test_provider_rule_wins_over_generic(small: SecretEngine) -> None:
    value = "acme_" + rand(24)
    hits = small.scan(f'api_key = "{value}"')
    assert [(h.rule, h.kind) for h in hits] == [("acme-key", "secret/acme-key")]
    assert hits[0].confidence > 0.9 and hits[0].technique == "AML.T0055"


def test_hits_are_sorted_and_disjoint(detector: SecretDetector) -> None:
    text = " ".join(f"secret_{i}={rand(18)}" for i in range(50))
    hits = detector.scan(text)
    assert len(hits) == 50
    assert all(a.end <= b.start for a, b in itertools.pairwise(hits))


def test_url_credentials_report_the_password_only(detector: SecretDetector) -> None:
    pw = rand(16)
    text = f"DATABASE_URL=postgresql://app:{pw}@db.internal:5432/app"
    assert spans(text, detector) == [pw]


def test_private_key_block_but_not_public_material(detector: SecretDetector) -> None:
    body = "\n".join(rand(64) for _ in range(4))
    key = f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"
    assert spans(f"key:\n{key}\n", detector) == [key]
    public = key.replace("RSA PRIVATE", "PUBLIC")
    cert = key.replace("RSA PRIVATE KEY", "CERTIFICATE")
    assert not detector.scan(public) and not detector.scan(cert)
    assert not detector.scan("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + rand(200) + " me@host")


def test_confidence_is_lower_for_generic_rules(small: SecretEngine) -> None:
    generic = small.scan(f"password = '{rand(12)}'")[0]
    provider = small.scan("acme_" + rand(24))[0]
    assert 0.0 <= generic.confidence < provider.confidence <= 1.0


# -- offsets -------------------------------------------------------------------------------


NON_ASCII = ["héllo wörld ", "日本語のテキスト ", "emoji 🔑🔑 ", "\ud800 lone "]


@pytest.mark.parametrize("prefix", NON_ASCII)
def test_offsets_are_characters_after_non_ascii(detector: SecretDetector, prefix: str) -> None:
    value = rand(22)
    text = f"{prefix}client_secret: '{value}' → ok 🎉 secret2='{rand(20)}'"
    hits = detector.scan(text)
    assert text[hits[0].start : hits[0].end] == value
    assert len(hits) == 2 and text[hits[1].start : hits[1].end].isalnum()


def test_binary_ish_text(detector: SecretDetector) -> None:
    noise = "".join(chr(i) for i in range(256)) * 50
    value = rand(24)
    text = f"{noise}\x00token={value}\x00{noise}"
    assert spans(text, detector) == [value]


def test_secret_far_from_the_start(detector: SecretDetector) -> None:
    value = rand(30)
    text = "lorem ipsum " * 5000 + f"auth_token: {value}\n" + "dolor sit " * 5000
    assert spans(text, detector) == [value]


# -- not secrets ---------------------------------------------------------------------------

PLACEHOLDERS = [
    "YOUR_API_KEY",
    "your-token-here",
    "xxxxxxxxxxxxxxxx",
    "XXXXXXXXXXXX",
    "<token>",
    "{{ token }}",
    "AKIAIOSFODNN7EXAMPLE",
    "${API_TOKEN}",
    "$API_TOKEN",
    "%(password)s",
    "os.environ['TOKEN']",
    "process.env.API_TOKEN",
    "changeme",
    "********",
    "[REDACTED:secret/github-pat]",
    "[HASH:9f2c1ab0]",
    "aaaaaaaaaaaaaaaa",
    "sk-****abcd",
    "pk_live_51HqLyjWDarjtT1zdp7dcXbDm4",
    "cus_NffrFeUfNV2Hib",
]


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_placeholders_are_not_secrets(value: str, detector: SecretDetector) -> None:
    assert is_placeholder(value)
    for text in (f'api_key = "{value}"', f"password: {value}", f"Authorization: Bearer {value}"):
        assert not detector.scan(text), text


GENERIC_NOISE = [
    "da39a3ee5e6b4b0d3255bfef95601890afd80709",  # git SHA
    "0b7e3c52-8f1a-4d36-9c2e-5a4f6b7d8e90",  # UUID
    "sha512-Xq4lFb0r2bJ6lYc3aKp8mS1qH0sT7wZ9nV5uE2gR4yI=",  # lockfile integrity
    "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",  # digest
    "config.secret_key",
    "/etc/ssl/private/server.key",
    "SECRET_NAME_FIELD",
]


@pytest.mark.parametrize("value", GENERIC_NOISE)
def test_hashes_ids_and_names_are_not_generic_secrets(value: str, detector: SecretDetector) -> None:
    assert is_generic_noise(value)
    assert not detector.scan(f'token = "{value}"')


def test_uuid_is_a_key_where_the_rule_has_context(detector: SecretDetector) -> None:
    value = "0b7e3c52-8f1a-4d36-9c2e-5a4f6b7d8e90"
    assert spans(f"curl -H 'X-Api-Key: {value}' https://api.invalid", detector) == [value]


def test_sanitising_twice_equals_sanitising_once(detector: SecretDetector) -> None:
    text = (
        f"password={rand(16)}\nAuthorization: Bearer {rand(40)}\n"
        f"postgres://u:{rand(14)}@h/db\ncurl -u admin:{rand(12)} https://x.invalid"
    )
    hits = detector.scan(text)
    assert len(hits) == 4
    for replacement in ("[REDACTED:{kind}]", "[HASH:1a2b3c4d5e6f]", "********"):
        once = text
        for h in reversed(hits):
            once = once[: h.start] + replacement.format(kind=h.kind) + once[h.end :]
        assert detector.scan(once) == [], replacement


# -- configuration -------------------------------------------------------------------------


def test_registered_factory_builds_a_detector() -> None:
    det = detector_factory("secrets")({})
    assert isinstance(det, Detector) and det.name == "secrets"


def test_config_options(tmp_path: Path) -> None:
    value = rand(24)
    text = f"password = '{value}' acme_{value}"
    extra = tmp_path / "acme.toml"
    extra.write_text(PROVIDER_TOML, encoding="utf-8")
    det = secret_detector_from_config({"extra_rules_files": [str(extra)]})
    assert {h.rule for h in det.scan(text)} >= {"acme-key", "generic-credential"}
    det = secret_detector_from_config({"disabled_rules": ["generic-credential"]})
    assert "generic-credential" not in {h.rule for h in det.scan(text)}
    assert not secret_detector_from_config({"allow_values": [value]}).scan(f"password='{value}'")
    allow = {"allow_patterns": [value[:4] + ".*"]}
    assert not secret_detector_from_config(allow).scan(f"password='{value}'")
    low = "pqrpqrpq12"  # entropy ~2.2: under the default floor, over an explicit one
    assert not secret_detector_from_config({}).scan(f"password='{low}'")
    assert secret_detector_from_config({"min_entropy": 2.0}).scan(f"password='{low}'")


@pytest.mark.parametrize(
    "config",
    [
        {"nope": 1},
        {"disabled_rules": "x"},
        {"disabled_rules": ["no-such-rule"]},
        {"min_entropy": "high"},
        {"allow_patterns": ["("]},
    ],
)
def test_bad_config_is_rejected_without_echoing_values(config: dict[str, object]) -> None:
    with pytest.raises(ValueError) as err:
        secret_detector_from_config(config)
    assert "(" not in str(err.value).replace("(s)", "")


def test_reprs_never_show_values() -> None:
    value = rand(24)
    allow = Allowlist([value], [value])
    assert value not in repr(allow)
    det = secret_detector_from_config({"allow_values": [value]})
    assert value not in repr(det) and value not in repr(det.scan(f"token={rand(20)}"))


# -- prefilter -----------------------------------------------------------------------------


def test_might_contain_is_the_prefilter(detector: SecretDetector) -> None:
    assert not detector.might_contain("A man is playing a guitar. " * 80)
    assert detector.might_contain("x" * 100 + "PASSWORD")
    assert not detector.might_contain("")


def test_env_var_forces_the_re2_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENTGUARD_PREFILTER", "re2")
    assert SecretEngine(builtin_rules()).prefilter == "re2"
    assert SecretEngine(builtin_rules(), prefilter="re2").prefilter == "re2"
    with pytest.raises(ValueError):
        SecretEngine(builtin_rules(), prefilter="pcre")  # type: ignore[arg-type]


def test_overlapping_keywords_give_the_same_windows_on_both_paths() -> None:
    rules = load_rules_text(
        r"""
[[rules]]
id = "inner"
keywords = ["token"]
regex = '''tokenZ(?P<secret>[0-9]{6})'''
examples = ["tokenZ123456"]
[[rules]]
id = "outer"
keywords = ["secretoken"]
regex = '''secretoken(?P<secret>[a-z]{6})'''
examples = ["secretokenabcdef"]
""",
        "test",
    )
    text = "secretokenZ123456 secretokenabcdef"
    results = [SecretEngine(rules, prefilter=p).scan(text) for p in PREFILTERS]
    assert all(r == results[0] for r in results) and len(results[0]) == 2


@pytest.mark.skipif(hyperscan is None, reason="hyperscan is not installed")
def test_prefilters_agree_on_the_dataset() -> None:
    if not DATA.exists():
        pytest.skip(f"labelled secrets dev set not found at {DATA}")
    fast, portable = SecretDetector(prefilter="hyperscan"), SecretDetector(prefilter="re2")
    with DATA.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    for text in texts:
        assert fast.scan(text) == portable.scan(text)
        assert fast.might_contain(text) == portable.might_contain(text)


@pytest.mark.skipif(hyperscan is None, reason="hyperscan is not installed")
def test_threads_share_one_engine() -> None:
    det = SecretDetector(prefilter="hyperscan")
    texts = [f"password={rand(20)} " * 50 for _ in range(8)]
    expected = [det.scan(t) for t in texts]
    results: dict[int, list[object]] = {}

    def work(i: int) -> None:
        results[i] = [det.scan(texts[i]) for _ in range(30)]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(all(r == expected[i] for r in results[i]) for i in range(8))


# -- bounded time --------------------------------------------------------------------------

ADVERSARIAL = {
    "long value": "password=" + "a" * 1_000_000,
    "long random value": "password=" + "aB3x" * 250_000,
    "keyword flood": "token " * 200_000,
    "begin flood": "-----BEGIN" * 100_000,
    "private key flood": "-----BEGIN PRIVATE KEY-----" * 40_000,
    "base64 near keywords": ("secret=" + "QUJD" * 2000 + " ") * 100,
    "jwt prefix": "eyJ" + "a" * 1_000_000,
    "jwt dots": "eyJabcdefghij." * 70_000,
    "userinfo flood": "postgres://u:" * 80_000,
    "header flood": "Authorization: " * 70_000,
    "curl flood": "curl -u " * 100_000,
    "keyword soup": "password secret token apikey auth= bearer curl jwt " * 20_000,
}


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_adversarial_inputs_finish_in_bounded_time(detector: SecretDetector, name: str) -> None:
    text = ADVERSARIAL[name]
    start = time.perf_counter()
    detector.scan(text)
    detector.might_contain(text)
    assert time.perf_counter() - start < 5.0


def test_entropy() -> None:
    assert shannon_entropy("") == 0.0
    assert shannon_entropy("aaaa") == 0.0
    assert shannon_entropy("abcd") == pytest.approx(2.0)


def test_anchors_keep_their_whole_text_meaning_inside_windows() -> None:
    """Windows are searched in place (pos/endpos), so ^ and $ still mean text or line edges."""
    rules = load_rules_text(
        r"""
[[rules]]
id = "line-start"
keywords = ["zqkey="]
regex = '''(?m)^ZQKEY=(?P<secret>[A-Za-z0-9]{16})$'''
examples = ["ZQKEY=AbCdEfGhIjKlMnOp"]
""",
        "test",
    )
    value = rand(16)
    filler = "filler text " * 200
    for prefilter in PREFILTERS:
        engine = SecretEngine(rules, prefilter=prefilter)
        text = f"{filler}\nZQKEY={value}\n{filler}"
        assert spans(text, engine) == [value]
        assert not engine.scan(f"{filler} ZQKEY={value}\n{filler}")  # not at a line start
        assert not engine.scan(f"{filler}\nZQKEY={value}x{filler}")  # not at a line end
