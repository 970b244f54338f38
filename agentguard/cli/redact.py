"""``agentguard redact``: copy an input to stdout with the policy's actions applied.

Bytes in, bytes out: the guard scans ``bytes`` as Latin-1, so any byte string (UTF-8,
another encoding, or garbage) round-trips exactly and only the secrets change.

The input is read whole, but never more than the policy's ``limits.max_chars`` + 1
bytes, and that is what the guard sees; the policy's own ``limits.on_exceed`` then
decides what happens to a longer input: ``block`` refuses it (exit 1), ``truncate``
redacts what fits and marks the cut, ``allow`` passes the whole stream on unscanned.
Redaction is deliberately not chunked like ``scan``: a ``block`` must be able to
withhold *everything*, which a writer that has already printed earlier chunks cannot.
"""

from __future__ import annotations

import shutil
import sys
from typing import BinaryIO

from agentguard.cli import inputs
from agentguard.cli.common import EXIT_FINDINGS, EXIT_OK, CliError
from agentguard.errors import GuardBlocked
from agentguard.findings import Channel
from agentguard.guard import Guard


def run_redact(path: str, guard: Guard, channel: Channel, out: BinaryIO) -> int:
    source = inputs.single(path)
    try:
        stream = inputs.open_source(source)
    except OSError as exc:
        raise CliError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return redact_stream(stream, guard, channel, out)
    finally:
        if source.fs_path is not None:
            stream.close()


def redact_stream(stream: BinaryIO, guard: Guard, channel: Channel, out: BinaryIO) -> int:
    """Write the sanitised stream to ``out``; exit status 1 when the policy blocks it."""
    limits = guard.policy.limits
    data = inputs.read_bytes(stream, limits.max_chars + 1)
    verdict = guard.inspect(data, channel=channel)
    if verdict.blocked:
        if guard.policy.on_block == "refuse":  # the caller asked for the refusal text
            out.write(_as_bytes(verdict.payload))
        print(
            GuardBlocked(verdict.reason or "policy", verdict.findings, channel.value),
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    out.write(_as_bytes(verdict.payload))
    if len(data) > limits.max_chars:
        if limits.on_exceed == "allow":
            shutil.copyfileobj(stream, out)
        print(
            f"agentguard: input exceeds limits.max_chars ({limits.max_chars}); "
            f"limits.on_exceed = {limits.on_exceed}: "
            + ("passed on unscanned" if limits.on_exceed == "allow" else "the rest was cut"),
            file=sys.stderr,
        )
    return EXIT_OK


def _as_bytes(payload: object) -> bytes:
    """The guard returns bytes for bytes, but the policy's refusal is a str."""
    if isinstance(payload, bytes | bytearray):
        return bytes(payload)
    return str(payload).encode("utf-8")
