"""Put one call in front of an agent's output."""

from agentguard import Guard, GuardBlocked
from agentguard.policy import policy_from_mapping


def fake_tool() -> dict[str, object]:
    # What a misconfigured tool might return: a config with a live-looking credential.
    return {"service": "billing", "dsn": "mysql://billing:Zq7xPp2Lm9Vt4Rr8@10.0.0.5/billing"}


def main() -> None:
    guard = Guard()
    verdict = guard.inspect(fake_tool(), channel="tool_output", principal="agent-7")
    print("caller receives:", verdict.payload)
    for f in verdict.findings:
        print(f"  {f.kind} at {f.path}[{f.start}:{f.end}] -> {f.action.value} (fp {f.fingerprint})")

    strict = Guard(
        policy_from_mapping({"channels": {"tool_output": {"actions": {"secret": "block"}}}})
    )
    try:
        strict.sanitize(fake_tool(), channel="tool_output")
    except GuardBlocked as exc:
        print("strict policy:", exc)


if __name__ == "__main__":
    main()
