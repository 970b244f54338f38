"""``agentguard-instrument [options] COMMAND…``: run a program with agentguard installed.

Like ``opentelemetry-instrument``: the program is started unchanged, with a
``sitecustomize`` on ``PYTHONPATH`` that calls :func:`agentguard.install` in every
Python process it starts (children included) before the application's code runs.
A policy that does not load stops the program before it starts (exit status 2): an
agent that was meant to run guarded never runs unguarded by accident.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from agentguard.instrument import ENV_AUDIT, ENV_RELOAD, ENV_RELOAD_INTERVAL

#: Set for the child: the bootstrap installs only where this says so.
ENV_ACTIVE = "AGENTGUARD_INSTRUMENT"
BOOTSTRAP = Path(__file__).resolve().parent / "bootstrap"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="agentguard-instrument",
        description="Run COMMAND with every LangChain agent, tool, retriever and chat model "
        "guarded by the effective policy, without changing its code.",
    )
    p.add_argument(
        "--policy",
        action="append",
        metavar="FILE",
        help="a policy layer (repeat: base first); default: $AGENTGUARD_POLICY",
    )
    p.add_argument("--audit-log", metavar="FILE", help="append decisions to this JSONL file")
    p.add_argument("--no-reload", action="store_true", help="do not watch the policy files")
    p.add_argument("--reload-interval", type=float, metavar="SECONDS", help="default: 2")
    p.add_argument("command", nargs=argparse.REMAINDER, metavar="COMMAND…")
    return p


def child_env(args: argparse.Namespace, env: dict[str, str]) -> dict[str, str]:
    out = dict(env)
    out[ENV_ACTIVE] = "1"
    if args.policy:
        out["AGENTGUARD_POLICY"] = os.pathsep.join(str(Path(p).resolve()) for p in args.policy)
    if args.audit_log:
        out[ENV_AUDIT] = str(Path(args.audit_log).resolve())
    if args.no_reload:
        out[ENV_RELOAD] = "0"
    if args.reload_interval is not None:
        out[ENV_RELOAD_INTERVAL] = str(args.reload_interval)
    old = out.get("PYTHONPATH")
    out["PYTHONPATH"] = os.pathsep.join([str(BOOTSTRAP), *([old] if old else [])])
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = list(args.command)
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        print("agentguard-instrument: a COMMAND to run is required", file=sys.stderr)
        return 2
    exe = shutil.which(command[0])
    if exe is None:
        print(f"agentguard-instrument: {command[0]}: command not found", file=sys.stderr)
        return 127
    env = child_env(args, dict(os.environ))
    os.execve(exe, command, env)  # replaces this process: signals and exit status are the app's
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
