"""The ``agentguard`` command line: ``scan``, ``redact``, ``demo``, ``rules``.

Each subcommand lives in its own module; :mod:`agentguard.cli.main` only parses and
dispatches, so that the commands stay testable as plain functions.
"""
