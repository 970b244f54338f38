"""Sanitising one LangChain message: the piece every LangChain adapter shares.

A message is inspected as one payload (one rendered text, one span):

- ``content``: a string, or a list of content blocks (kept a list of blocks);
- ``tool_calls[*].args``, ``invalid_tool_calls[*].args`` and ``tool_call_chunks[*].args``;
- ``additional_kwargs`` (where providers keep raw ``function_call`` / ``tool_calls``);
- ``response_metadata`` (logprobs, provider extras);
- ``artifact`` of a :class:`~langchain_core.messages.ToolMessage`.

The result is a new message of the same class (``model_copy``), never the input mutated.
Under a blocking finding the policy's ``on_block`` decides: ``"raise"`` raises
:class:`~agentguard.errors.GuardBlocked`, ``"refuse"`` returns a message of the same class
that says what was withheld and why (kinds only, never a value).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from agentguard.errors import GuardBlocked
from agentguard.findings import Channel, Decision, Verdict

if TYPE_CHECKING:
    from langchain_core.messages import BaseMessage

    from agentguard.guard import Guard

M = TypeVar("M", bound="BaseMessage")

__all__ = [
    "asanitize_message",
    "asanitize_messages",
    "refusal_text",
    "sanitize_message",
    "sanitize_messages",
]

_CALL_FIELDS = ("tool_calls", "invalid_tool_calls", "tool_call_chunks")


def message_payload(message: BaseMessage) -> dict[str, Any]:
    """The parts of ``message`` that can carry data, as one plain payload."""
    out: dict[str, Any] = {"content": message.content}
    for name in _CALL_FIELDS:
        calls = getattr(message, name, None)
        if calls:
            # keyed by position, so a dropped entry cannot shift the others
            out[name] = {str(i): call.get("args") for i, call in enumerate(calls)}
    if message.additional_kwargs:
        out["additional_kwargs"] = message.additional_kwargs
    if message.response_metadata:
        out["response_metadata"] = message.response_metadata
    artifact = getattr(message, "artifact", None)
    if artifact is not None:
        out["artifact"] = artifact
    return out


_EMPTY: dict[str, Any] = {
    "content": "",
    "additional_kwargs": {},
    "response_metadata": {},
    "artifact": None,
}


def _apply(message: M, original: dict[str, Any], clean: dict[str, Any]) -> M:
    update: dict[str, Any] = {}
    for key, before in original.items():
        if key not in clean:  # the policy dropped the whole field
            update[key] = _call_update(message, key, {}) if key in _CALL_FIELDS else _EMPTY[key]
            continue
        value = clean[key]
        if value is before:
            continue
        update[key] = _call_update(message, key, value) if key in _CALL_FIELDS else value
    return message.model_copy(update=update) if update else message


def _call_update(message: BaseMessage, key: str, args: dict[str, Any]) -> list[Any]:
    calls = getattr(message, key)
    empty: Any = "" if key == "tool_call_chunks" else {}
    return [{**call, "args": args.get(str(i), empty)} for i, call in enumerate(calls)]


def refusal_text(verdict: Verdict, what: str = "content") -> str:
    """What the agent is told in place of a blocked payload: kinds and reason, no value."""
    kinds = ", ".join(sorted({f.kind for f in verdict.findings})) or "unspecified"
    reason = verdict.reason or "blocked by policy"
    return (
        f"[agentguard] {what} withheld on channel {verdict.channel.value}: {reason} "
        f"(finding kinds: {kinds}). The value is not shown."
    )


def _refused(guard: Guard, message: M, verdict: Verdict, what: str) -> M:
    if verdict.on_block == "raise":
        raise GuardBlocked(verdict.reason or "policy", verdict.findings, verdict.channel.value)
    text = refusal_text(verdict, what)
    update: dict[str, Any] = {
        "content": text,
        "additional_kwargs": {},
        "response_metadata": {},
    }
    for name in _CALL_FIELDS:  # a refused answer must not go on to run tools
        if getattr(message, name, None) is not None:
            update[name] = []
    if hasattr(message, "artifact"):
        update["artifact"] = None
    if hasattr(message, "status"):
        update["status"] = "error"
    return message.model_copy(update=update)


def _finish(guard: Guard, message: M, payload: dict[str, Any], verdict: Verdict, what: str) -> M:
    if verdict.blocked:
        return _refused(guard, message, verdict, what)
    if verdict.decision is Decision.ALLOWED or not isinstance(verdict.payload, dict):
        return message
    return _apply(message, payload, verdict.payload)


def sanitize_message(
    guard: Guard,
    message: M,
    channel: Channel | str,
    principal: str | None = None,
    *,
    what: str = "message",
) -> tuple[M, list[Verdict]]:
    """A sanitised copy of ``message`` (the same object when clean) and the verdicts."""
    payload = message_payload(message)
    verdict = guard.inspect(payload, channel, principal)
    return _finish(guard, message, payload, verdict, what), [verdict]


async def asanitize_message(
    guard: Guard,
    message: M,
    channel: Channel | str,
    principal: str | None = None,
    *,
    what: str = "message",
) -> tuple[M, list[Verdict]]:
    """The async twin of :func:`sanitize_message` (large payloads leave the event loop)."""
    payload = message_payload(message)
    verdict = await guard.ainspect(payload, channel, principal)
    return _finish(guard, message, payload, verdict, what), [verdict]


def sanitize_messages(
    guard: Guard,
    messages: list[M],
    channel: Channel | str,
    principal: str | None = None,
) -> tuple[list[M], list[Verdict]]:
    """:func:`sanitize_message` over a list; unchanged messages are the same objects."""
    out: list[M] = []
    verdicts: list[Verdict] = []
    for message in messages:
        clean, found = sanitize_message(guard, message, channel, principal)
        out.append(clean)
        verdicts.extend(found)
    return out, verdicts


async def asanitize_messages(
    guard: Guard,
    messages: list[M],
    channel: Channel | str,
    principal: str | None = None,
) -> tuple[list[M], list[Verdict]]:
    out: list[M] = []
    verdicts: list[Verdict] = []
    for message in messages:
        clean, found = await asanitize_message(guard, message, channel, principal)
        out.append(clean)
        verdicts.extend(found)
    return out, verdicts
