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
