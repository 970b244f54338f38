"""The ``agentguard`` command: argument parsing and dispatch, nothing else.

``main(argv)`` returns the exit status instead of exiting, so tests and embedding code
can call it in-process; the console script and ``python -m agentguard.cli.main`` pass it
to :func:`sys.exit`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from agentguard import __version__
from agentguard.cli import formats
from agentguard.cli.canary import run_build, run_generate
from agentguard.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CliError, load_guard
from agentguard.cli.demo import run_agents_demo, run_demo
from agentguard.cli.redact import run_redact
from agentguard.cli.rules import run_rules
from agentguard.cli.scan import run_scan
from agentguard.errors import PolicyError
from agentguard.findings import Channel, Decision, Severity
from agentguard.fingerprint import ENV_KEY
from agentguard.guard import Guard

FAIL_ON = (*(s.value for s in Severity), "none")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agentguard",
        description="Find and redact secrets in what an AI agent emits.",
    )
    parser.add_argument("--version", action="version", version=f"agentguard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    policy = argparse.ArgumentParser(add_help=False)
    policy.add_argument(
        "--policy", metavar="FILE", help="policy TOML (default: $AGENTGUARD_POLICY, else built-in)"
    )
    channel = argparse.ArgumentParser(add_help=False)
    channel.add_argument(
        "--channel",
        default=Channel.LOG.value,
        choices=[c.value for c in Channel],
        help="whose policy rules apply (default: log)",
    )

    scan = sub.add_parser("scan", parents=[policy, channel], help="report secrets in files")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for stdin")
    scan.add_argument("--format", choices=formats.FORMATS, default="text")
    scan.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=Severity.HIGH.value,
        help="exit 1 when a finding is at least this severe (default: high)",
    )

    redact = sub.add_parser("redact", parents=[policy, channel], help="print a sanitised copy")
    redact.add_argument("path", nargs="?", default="-", metavar="PATH", help="file, or - (default)")

    demo = sub.add_parser(
        "demo", parents=[policy], help="play sample agent traffic through the guard"
    )
    demo.add_argument(
        "--agents",
        action="store_true",
        help="only the example LangChain agents (examples/agents), without and with the guard",
    )

    scan.add_argument(
        "--canaries",
        metavar="INDEX_DIR",
        help="also report memorised canary records (an index from 'agentguard canary build')",
    )

    canary = sub.add_parser("canary", help="build a canary index, or generate canaries")
    canary_sub = canary.add_subparsers(dest="canary_command", metavar="ACTION")
    build = canary_sub.add_parser("build", help="index canary records (no plaintext kept)")
    build.add_argument("corpus", nargs="+", metavar="CORPUS", help=".txt, .jsonl or .csv files")
    build.add_argument("-o", "--output", required=True, metavar="INDEX_DIR")
    build.add_argument(
        "--split",
        choices=("line", "blank"),
        default="line",
        help="text files: one record per line, or records separated by blank lines",
    )
    build.add_argument("--id-field", default="id", help="JSONL/CSV id field (default: id)")
    build.add_argument("--text-field", default="text", help="JSONL/CSV text field (default: text)")
    build.add_argument("--model", help="sentence-transformers model (default: all-MiniLM-L6-v2)")
    build.add_argument(
        "--keep-text", action="store_true", help="also store the record texts (for explanations)"
    )
    generate = canary_sub.add_parser(
        "generate", help="random canaries to plant in training data (JSONL: id, text)"
    )
    generate.add_argument("-n", type=int, default=10, help="how many (default: 10)")
    generate.add_argument("--prefix", default="canary", help="id prefix (default: canary)")
    generate.add_argument("-o", "--output", help="file to write (default: stdout)")

    rules = sub.add_parser("rules", help="list the built-in secret rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    _policy_commands(sub)
    _audit_commands(sub)
    return parser


def _policy_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pol = sub.add_parser("policy", help="check, explain or try out policy layers")
    act = pol.add_subparsers(dest="policy_command", metavar="ACTION")
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=("text", "json"), default="text")
    check = act.add_parser("check", parents=[fmt], help="validate layers (exit 1 if invalid)")
    check.add_argument("files", nargs="+", metavar="FILE", help="base first, then overlays")
    explain = act.add_parser(
        "explain", parents=[fmt], help="the effective policy and which layer set each value"
    )
    explain.add_argument("files", nargs="+", metavar="FILE", help="base first, then overlays")
    test = act.add_parser("test", parents=[fmt], help="what the policy does to a sample")
    test.add_argument(
        "items", nargs="+", metavar="FILE… SAMPLE",
        help="layer files, then the sample: text, @file, or - for stdin",
    )  # fmt: skip
    test.add_argument("--channel", required=True, choices=[c.value for c in Channel])
    test.add_argument("--json", action="store_true", help="parse the sample as JSON")
    test.add_argument("--principal", help="inspect as this principal (probing applies)")
    test.add_argument(
        "--expect", choices=[d.value for d in Decision], help="exit 1 unless this is the decision"
    )


def _audit_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    aud = sub.add_parser("audit", help="read an audit trail")
    act = aud.add_subparsers(dest="audit_command", metavar="ACTION")
    summary = act.add_parser("summary", help="decisions counted by kind, channel and action")
    summary.add_argument("files", nargs="+", metavar="FILE", help="audit JSONL (rotated too)")
    summary.add_argument("--since", help="ISO 8601 time, or an age: 30m, 24h, 7d")
    summary.add_argument("--until", help="ISO 8601 time, or an age: 30m, 24h, 7d")
    summary.add_argument("--format", choices=("text", "json"), default="text")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra and _takes_extra(args, extra):
            args.items += extra  # `policy test FILE… --channel X SAMPLE`: the sample
        elif extra:
            parser.parse_args(argv)  # the usual usage error
    except SystemExit as exc:  # --help, --version, or a usage error (argparse says 2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_usage(sys.stderr)
        print(
            "agentguard: a command is required (scan, redact, canary, demo, rules, policy, audit)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        return _dispatch(args)
    except (CliError, PolicyError) as exc:
        print(f"agentguard: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130  # the shell's convention for SIGINT
    except BrokenPipeError:  # `agentguard scan … | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _takes_extra(args: argparse.Namespace, extra: list[str]) -> bool:
    if args.command != "policy" or getattr(args, "policy_command", None) != "test":
        return False
    return not any(e.startswith("-") and e != "-" for e in extra)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "rules":
        return run_rules(args.format, sys.stdout)
    if args.command == "canary":
        return _canary(args)
    if args.command == "policy":
        return _policy(args)
    if args.command == "audit":
        return _audit(args)
    guard = load_guard(args.policy)
    if args.command == "demo":
        if args.agents:
            return run_agents_demo(sys.stdout)
        status = run_demo(guard, sys.stdout)
        sys.stdout.write("\n")
        return max(status, run_agents_demo(sys.stdout))
    channel = Channel(args.channel)
    if args.command == "redact":
        return run_redact(args.path, guard, channel, sys.stdout.buffer)
    if args.canaries:
        guard = _with_canaries(guard, args.canaries)
    return _scan(args, guard, channel)


def _canary(args: argparse.Namespace) -> int:
    if args.canary_command == "build":
        return run_build(
            args.corpus,
            args.output,
            split=args.split,
            id_field=args.id_field,
            text_field=args.text_field,
            model=args.model,
            keep_text=args.keep_text,
            out=sys.stderr,
        )
    if args.canary_command == "generate":
        return run_generate(args.n, args.prefix, args.output, sys.stderr)
    raise CliError("canary: an action is required (build, generate)")


def _policy(args: argparse.Namespace) -> int:
    from agentguard.cli import policy

    if args.policy_command == "check":
        return policy.run_check(args.files, args.format, sys.stdout)
    if args.policy_command == "explain":
        return policy.run_explain(args.files, args.format, sys.stdout)
    if args.policy_command == "test":
        if len(args.items) < 2:
            raise CliError("policy test: give at least one policy FILE, then the SAMPLE")
        return policy.run_test(
            args.items[:-1],
            Channel(args.channel),
            args.items[-1],
            as_json=args.json,
            principal=args.principal,
            expect=args.expect,
            fmt=args.format,
            out=sys.stdout,
        )
    raise CliError("policy: an action is required (check, explain, test)")


def _audit(args: argparse.Namespace) -> int:
    from agentguard.cli import audit

    if args.audit_command == "summary":
        return audit.run_summary(args.files, args.since, args.until, args.format, sys.stdout)
    raise CliError("audit: an action is required (summary)")


def _with_canaries(guard: Guard, index_dir: str) -> Guard:
    from agentguard.canary.detector import CanaryDetector
    from agentguard.errors import AgentGuardError

    try:
        detector = CanaryDetector.from_path(index_dir)
    except AgentGuardError as exc:
        raise CliError(str(exc)) from None
    return Guard(guard.policy, detectors=[detector])


def _scan(args: argparse.Namespace, guard: Guard, channel: Channel) -> int:
    if not guard.policy.channel_enabled(channel):
        print(
            f"agentguard: channel {channel.value!r} is disabled by the policy; nothing is reported",
            file=sys.stderr,
        )
    report = run_scan(args.paths, guard, channel)
    formats.write(report, args.format, sys.stdout)
    for path, reason in report.errors:
        print(f"agentguard: {path}: {reason}", file=sys.stderr)
    if report.findings and guard.policy.fingerprint_key is None and not os.environ.get(ENV_KEY):
        print(
            f"agentguard: fingerprints use a per-run key; set {ENV_KEY} or the policy's "
            "fingerprint_key to compare them across runs or allowlist them",
            file=sys.stderr,
        )
    if report.errors:
        return EXIT_USAGE
    worst = report.worst()
    if args.fail_on == "none" or worst is None:
        return EXIT_OK
    return EXIT_FINDINGS if worst.rank >= Severity(args.fail_on).rank else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
