"""`python -m agentguard` is the `agentguard` command."""

from agentguard.cli.main import main

raise SystemExit(main())
