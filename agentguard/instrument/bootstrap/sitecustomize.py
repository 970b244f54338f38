"""Started by ``agentguard-instrument`` through ``PYTHONPATH``: install the guard, then run
any ``sitecustomize`` this one hides, so the environment's own start-up still happens."""

import importlib.util
import os
import sys


def _install() -> None:
    if os.environ.get("AGENTGUARD_INSTRUMENT") != "1":
        return
    try:
        import agentguard

        agentguard.install()
    except Exception as exc:  # a bad policy must not leave the program running unguarded
        print(f"agentguard-instrument: not starting: {exc}", file=sys.stderr, flush=True)
        os._exit(2)


def _chain() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    for entry in sys.path:
        if os.path.abspath(entry or ".") == here:
            continue
        candidate = os.path.join(entry or ".", "sitecustomize.py")
        if os.path.isfile(candidate):
            spec = importlib.util.spec_from_file_location(
                "_agentguard_next_sitecustomize", candidate
            )
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
            return


_install()
_chain()
