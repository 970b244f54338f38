"""The core stays light: importing and using it pulls in no torch, LangChain or CLI."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from agentguard import Guard
Guard().inspect({"k": "v"}, channel="tool_output")
heavy = [m for m in ("torch", "langchain_core", "sentence_transformers", "redis", "agentguard.cli")
         if m in sys.modules]
print(",".join(heavy))
"""


def test_core_imports_no_heavy_dependency() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_arrows_point_down() -> None:
    """Policy, detectors, signals and telemetry never import the guard or an adapter at run
    time (type-only imports are fine): the guard uses them, not the other way round."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "agentguard"
    lower = ["policy", "detectors", "signals", "canary", "probing"]
    upward = ("agentguard.guard", "agentguard.langchain", "agentguard.cli", "agentguard.instrument")
    offenders = []
    for pkg in lower:
        for path in (root / pkg).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            typing_only = {
                id(n)
                for node in ast.walk(tree)
                if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                for n in ast.walk(node)
            }
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ImportFrom)
                    and id(node) not in typing_only
                    and (node.module or "").startswith(upward)
                ):
                    offenders.append(f"{path.relative_to(root)}: {node.module}")
    assert offenders == []
