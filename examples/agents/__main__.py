"""``python -m examples.agents``: run every scenario without and with agentguard."""

from __future__ import annotations

import sys

from examples.agents import main

sys.exit(main())
