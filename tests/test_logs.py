"""Log scrubbing: stdlib logging filter and structlog processor on the same engine."""

from __future__ import annotations

import io
import json
import logging

import structlog

from agentguard import Guard
from agentguard.logs import RedactingFilter, RedactingProcessor
from agentguard.policy import policy_from_mapping
from tests import tokens


def make_logger(guard: Guard) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s %(user)s"))
    handler.addFilter(RedactingFilter(guard))
    logger = logging.getLogger(f"agentguard-test-{id(stream)}")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, stream


def test_stdlib_filter_scrubs_message_args_extras_and_traceback(guard: Guard) -> None:
    tok, tok2, tok3 = tokens.github_pat(), tokens.slack_bot(), tokens.github_pat()
    logger, stream = make_logger(guard)
    logger.info("tool returned %s", {"token": tok}, extra={"user": f"bob {tok2}"})
    try:
        raise ValueError(f"bad credential {tok3}")
    except ValueError:
        logger.exception("failed", extra={"user": "alice"})
    out = stream.getvalue()
    for raw in (tok, tok2, tok3):
        assert raw not in out
    assert out.count("[REDACTED:secret/") == 3
    assert "ValueError" in out and "alice" in out


def test_stdlib_filter_under_block_keeps_a_record_without_content() -> None:
    tok = tokens.github_pat()
    logger, stream = make_logger(Guard(policy_from_mapping({"actions": {"secret": "block"}})))
    logger.warning("leak %s", tok, extra={"user": "u"})
    out = stream.getvalue()
    assert tok not in out and "withheld" in out


def test_structlog_processor(guard: Guard) -> None:
    tok = tokens.github_pat()
    stream = io.StringIO()
    structlog.configure(
        processors=[
            structlog.processors.format_exc_info,
            RedactingProcessor(guard),
            structlog.processors.JSONRenderer(),
        ],
        logger_factory=structlog.PrintLoggerFactory(stream),
        cache_logger_on_first_use=False,
    )
    log = structlog.get_logger()
    log.info("tool result", result={"cfg": {"token": tok}}, count=3)
    try:
        raise RuntimeError(tok)
    except RuntimeError:
        log.exception("boom")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert tok not in stream.getvalue()
    assert (
        lines[0]["result"]["cfg"]["token"] == "[REDACTED:secret/github-pat]"
        and lines[0]["count"] == 3
    )
    assert "RuntimeError" in lines[1]["exception"]
    structlog.reset_defaults()
