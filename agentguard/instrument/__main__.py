"""``python -m agentguard.instrument COMMAND…``: the same as ``agentguard-instrument``."""

import sys

from agentguard.instrument.cli import main

sys.exit(main())
