"""``[detectors.canary]``: the policy's way to switch the memorisation check on.

```toml
[detectors.canary]
index = "/etc/agentguard/canaries"   # built by `agentguard canary build`
# model = "sentence-transformers/all-MiniLM-L6-v2"  # must be the index's, when given
# channels = ["model_output", "tool_output", "retrieval", "log"]  # the default
```
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agentguard.canary.detector import CanaryDetector
from agentguard.detectors.base import register_detector


def from_options(options: Mapping[str, Any]) -> CanaryDetector:
    index = options.get("index")
    if not isinstance(index, str) or not index:
        raise ValueError("'index' (the folder 'agentguard canary build' wrote) is required")
    unknown = set(options) - {"index", "model"}
    if unknown:
        raise ValueError(f"unknown option(s): {', '.join(sorted(unknown))}")
    model = options.get("model")
    return CanaryDetector.from_path(index, model if isinstance(model, str) else None)


register_detector("canary", from_options, replace=True)
