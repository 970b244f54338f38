"""Deterministic benchmark texts for ``bench_secrets.py``.

Every generator takes a seed and returns the same text for the same arguments, so runs on
different machines scan byte-identical input:

* :func:`prose` — benign English prose (default 2 MB) built from the sentences of the STS
  benchmark's dev split (``../shared/data/sts-benchmark/sts-dev.csv``), shuffled into
  paragraphs.
* :func:`app_logs` — synthetic application log lines (timestamps, request ids, URLs, user ids,
  latencies, and the odd "token refreshed" / "password policy" / "auth ok" that makes a
  keyword prefilter work for its living).
* :func:`tool_result` / :func:`tool_result_json` — a clean ~2 KB JSON tool result (a CRM
  account search) as a dict and as the JSON string a tool would return.
* :func:`planted_secrets` — a short text with credentials of well-known shapes planted in
  it, for the sanity check that each tool detects something. The credentials are random
  (generated here, never copied from anywhere) and valid nowhere.

Run ``python benchmarks/corpus.py`` to print the sizes and a sample of each.
"""

from __future__ import annotations

import base64
import json
import os
import random
import string
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
#: Where the STS benchmark lies (``shared/`` sits beside the repository); override with
#: ``AGENTGUARD_BENCH_STS=/path/to/sts-dev.csv``.
STS_DEV = Path(
    os.environ.get(
        "AGENTGUARD_BENCH_STS",
        str(REPO_ROOT.parent / "shared" / "data" / "sts-benchmark" / "sts-dev.csv"),
    )
)

DEFAULT_SEED = 20240611
MB = 1_000_000  # throughput is reported in decimal MB/s (10**6 bytes per second)


# --------------------------------------------------------------------------- prose


@lru_cache(maxsize=4)
def sts_sentences(path: Path = STS_DEV) -> tuple[str, ...]:
    """The distinct sentences of an STS file, in file order.

    The file is tab-separated: genre, file, year, id, score, sentence 1, sentence 2, and on
    a few lines extra source columns, which are dropped (only the first seven fields count).
    """
    if not path.is_file():
        raise FileNotFoundError(
            f"STS benchmark file not found at {path}; set AGENTGUARD_BENCH_STS to its path"
        )
    seen: dict[str, None] = {}
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            fields = raw.rstrip("\r\n").split("\t")[:7]
            if len(fields) < 7:
                continue
            for sentence in (fields[5], fields[6]):
                sentence = " ".join(sentence.split())
                if sentence:
                    seen.setdefault(sentence, None)
    if not seen:
        raise ValueError(f"no sentences in {path}")
    return tuple(seen)


def prose(n_bytes: int = 2 * MB, seed: int = DEFAULT_SEED) -> str:
    """Benign English prose of about ``n_bytes`` UTF-8 bytes (never more).

    Paragraphs of 3–7 sentences drawn from a reshuffled STS sentence list, separated by a
    blank line, the way a chat transcript or a fetched article looks to a scanner.
    """
    sentences = list(sts_sentences())
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    pool: list[str] = []
    while size < n_bytes:
        k = rng.randint(3, 7)
        if len(pool) < k:
            refill = sentences[:]
            rng.shuffle(refill)
            pool.extend(refill)
        para = " ".join(pool[:k])
        del pool[:k]
        para_bytes = len(para.encode("utf-8")) + 2
        if size + para_bytes > n_bytes and paragraphs:
            break
        paragraphs.append(para)
        size += para_bytes
    return "\n\n".join(paragraphs) + "\n"


# --------------------------------------------------------------------------- logs

_SERVICES = ("api", "auth", "billing", "search", "accounts", "worker", "gateway", "cache")
_PATHS = (
    "/v1/orders/{n}",
    "/v1/orders/{n}/items",
    "/v2/search?q=red+running+shoes&page={p}",
    "/v1/users/{n}/preferences",
    "/healthz",
    "/v1/invoices?status=open&limit={p}0",
    "/v1/catalog/products/{n}",
    "/v1/carts/{n}/checkout",
    "/static/app.{p}.js",
)
_HOSTS = ("api.example.com", "search.internal.example.net", "billing.example.com")
_METHODS = ("GET", "GET", "GET", "POST", "PUT", "DELETE")
_STATUSES = (200, 200, 200, 200, 201, 204, 304, 400, 401, 404, 429, 500, 503)


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _log_message(rng: random.Random, user: str) -> tuple[str, str, str]:
    """One (level, service, message) triple."""
    roll = rng.random()
    if roll < 0.45:
        path = rng.choice(_PATHS).format(n=rng.randint(1000, 999_999), p=rng.randint(1, 9))
        status = rng.choice(_STATUSES)
        latency = rng.lognormvariate(3.0, 0.8)
        return (
            "INFO",
            "gateway",
            f"{rng.choice(_METHODS)} https://{rng.choice(_HOSTS)}{path} status={status} "
            f"user_id={user} latency_ms={latency:.1f} bytes={rng.randint(120, 90_000)}",
        )
    if roll < 0.55:
        return (
            "DEBUG",
            "auth",
            f"token refreshed for user_id={user} expires_in=3600s scope=read:orders",
        )
    if roll < 0.63:
        return "INFO", "auth", f"auth ok user_id={user} method=oauth2 mfa=true"
    if roll < 0.68:
        return (
            "INFO",
            "accounts",
            f"password policy check passed user_id={user} min_length=12 rotation_days=90",
        )
    if roll < 0.76:
        key = f"session:{user}"
        return "DEBUG", "cache", f"cache {rng.choice(('hit', 'miss'))} key={key} ttl=300"
    if roll < 0.84:
        return (
            "DEBUG",
            "search",
            f"query parsed terms={rng.randint(1, 6)} filters={rng.randint(0, 4)} "
            f"shard={rng.randint(0, 15)} took_ms={rng.uniform(0.5, 40):.2f}",
        )
    if roll < 0.90:
        return (
            "WARN",
            "billing",
            f"upstream slow url=https://payments.example.com/v1/charges "
            f"latency_ms={rng.uniform(500, 3000):.1f} retry={rng.randint(1, 3)}",
        )
    if roll < 0.95:
        return (
            "INFO",
            "worker",
            f"job finished job_id=job_{rng.randint(10_000, 99_999)} queue=emails "
            f"attempts=1 duration_ms={rng.randint(3, 900)}",
        )
    return (
        "ERROR",
        "api",
        f"request failed user_id={user} error=TimeoutError upstream=inventory "
        f"after_ms={rng.randint(1000, 5000)}",
    )


def app_logs(n_bytes: int = 2 * MB, seed: int = DEFAULT_SEED) -> str:
    """Synthetic INFO/DEBUG/WARN application logs of about ``n_bytes`` bytes (never more)."""
    rng = random.Random(seed + 1)
    t = datetime(2025, 6, 3, 14, 0, 0, tzinfo=UTC)
    lines: list[str] = []
    size = 0
    while True:
        t += timedelta(microseconds=rng.randint(50, 40_000))
        ts = t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
        user = f"u_{rng.randint(1000, 250_000)}"
        level, service, msg = _log_message(rng, user)
        line = f"{ts} {level:<5} [{service}] req_id={_hex(rng, 16)} {msg}"
        if size + len(line) + 1 > n_bytes and lines:
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- tool result

_COMPANIES = (
    "Northwind Traders",
    "Contoso Pharmaceuticals",
    "Fabrikam Logistics",
    "Tailspin Toys",
    "Wide World Importers",
    "Adventure Works Cycles",
    "Proseware Analytics",
    "Litware Health",
    "Blue Yonder Airlines",
    "Coho Vineyard",
    "Trey Research",
    "Alpine Ski House",
)
_INDUSTRIES = ("Retail", "Healthcare", "Logistics", "Manufacturing", "Software")
_REGIONS = ("EMEA", "NA-East", "NA-West", "APAC", "LATAM")
_TAGS = ("renewal", "upsell", "at-risk", "expansion", "multi-year", "procurement")


def tool_result(seed: int = DEFAULT_SEED, target_bytes: int = 2048) -> dict[str, Any]:
    """A clean CRM-search tool result whose compact JSON is just under ``target_bytes``.

    Nested objects, a list of records, numbers, booleans and short strings; no credential,
    no e-mail address, no phone number: every finding a tool reports on it is a false
    positive.
    """
    rng = random.Random(seed + 2)
    result: dict[str, Any] = {
        "tool": "crm.search_accounts",
        "query": {"q": "enterprise accounts renewing next quarter", "page": 1, "page_size": 8},
        "total": 137,
        "took_ms": 42,
        "results": [],
        "facets": {
            "industry": [{"value": v, "count": rng.randint(3, 60)} for v in _INDUSTRIES[:4]],
            "region": [{"value": v, "count": rng.randint(3, 60)} for v in _REGIONS[:3]],
        },
        "next_cursor": "page-2",
        "truncated": False,
        "api_version": "2024-10-01",
        "generated_at": "2025-06-03T14:22:07Z",
    }
    records: list[dict[str, Any]] = result["results"]
    for i, name in enumerate(_COMPANIES):
        record = {
            "id": f"acc_{10480 + 7 * i}",
            "name": name,
            "industry": _INDUSTRIES[i % len(_INDUSTRIES)],
            "region": _REGIONS[i % len(_REGIONS)],
            "arr_usd": rng.randint(40, 900) * 1000,
            "renewal_date": f"2025-{7 + i % 3:02d}-{rng.randint(1, 28):02d}",
            "health": {
                "score": round(rng.uniform(0.3, 0.98), 2),
                "trend": rng.choice(("up", "flat", "down")),
            },
            "seats": rng.randint(20, 4000),
            "tags": rng.sample(_TAGS, 2),
        }
        records.append(record)
        if len(json.dumps(result).encode()) > target_bytes:
            records.pop()
            break
    return result


def tool_result_json(seed: int = DEFAULT_SEED, target_bytes: int = 2048) -> str:
    """:func:`tool_result` as the compact one-line JSON string a tool hands back."""
    return json.dumps(tool_result(seed, target_bytes))


# --------------------------------------------------------------------------- planted secrets

_B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def _rand(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _github_pat(rng: random.Random) -> str:
    """A GitHub classic PAT shape with a correct CRC32 checksum (base62, 6 chars)."""
    body = _rand(rng, string.ascii_letters + string.digits, 30)
    crc = zlib.crc32(body.encode())
    digits = ""
    while crc:
        crc, r = divmod(crc, 62)
        digits = _B62[r] + digits
    return "ghp_" + body + digits.rjust(6, "0")


def planted_secrets(seed: int = DEFAULT_SEED) -> str:
    """A short text (log lines, config, prose) with random credentials of known shapes."""
    rng = random.Random(seed + 3)
    alnum = string.ascii_letters + string.digits
    aws_id = "AKIA" + _rand(rng, string.ascii_uppercase + "234567", 16)
    aws_secret = _rand(rng, alnum + "+/", 40)
    slack = "-".join(
        (
            "xoxb",
            _rand(rng, string.digits, 12),
            _rand(rng, string.digits, 13),
            _rand(rng, alnum, 24),
        )
    )
    stripe = "sk_" + "live_" + _rand(rng, alnum, 24)
    db_password = _rand(rng, alnum, 10) + "!" + _rand(rng, alnum, 8)
    jwt = ".".join(
        (
            _b64url(b'{"alg":"HS256","typ":"JWT"}'),
            _b64url(json.dumps({"sub": "u_104233", "iat": 1717400000}).encode()),
            _b64url(rng.randbytes(32)),
        )
    )
    key_lines = [base64.b64encode(rng.randbytes(48)).decode() for _ in range(8)]
    private_key = "\n".join(
        ["-----BEGIN RSA PRIVATE KEY-----", *key_lines, "-----END RSA PRIVATE KEY-----"]
    )
    return (
        "\n".join(
            [
                "2025-06-03T14:22:07.481Z INFO  [deploy] starting rollout of billing v2.14.1",
                f"2025-06-03T14:22:07.502Z DEBUG [deploy] env AWS_ACCESS_KEY_ID={aws_id}",
                f'aws_secret_access_key = "{aws_secret}"',
                f"export GITHUB_TOKEN={_github_pat(rng)}",
                f'slack_bot_token: "{slack}"',
                f'stripe.api_key = "{stripe}"',
                f'DB_PASSWORD="{db_password}"',
                f"DATABASE_URL=postgres://billing:{db_password}@db.example.com:5432/billing",
                f"Authorization: Bearer {jwt}",
                "The assistant pasted the deploy key below so the job could clone the repo:",
                private_key,
                "Thanks, the rollout finished without errors.",
            ]
        )
        + "\n"
    )


# --------------------------------------------------------------------------- bundle


@dataclass(frozen=True, slots=True)
class Corpora:
    prose: str
    logs: str
    tool_result: dict[str, Any]
    tool_result_json: str
    planted: str


def build(prose_bytes: int = 2 * MB, log_bytes: int = 2 * MB, seed: int = DEFAULT_SEED) -> Corpora:
    return Corpora(
        prose=prose(prose_bytes, seed),
        logs=app_logs(log_bytes, seed),
        tool_result=tool_result(seed),
        tool_result_json=tool_result_json(seed),
        planted=planted_secrets(seed),
    )


def _main() -> None:
    c = build()
    for name in ("prose", "logs", "tool_result_json", "planted"):
        text: str = getattr(c, name)
        print(f"== {name}: {len(text.encode())} bytes, {text.count(chr(10))} lines")
        print(text[:400])
        print()


if __name__ == "__main__":
    _main()
