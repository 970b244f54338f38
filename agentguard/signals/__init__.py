"""Inversion signals: embeddings, confidence scores, logprobs and retrieval traces.

Model inversion and membership inference feed on outputs that say more than the caller
needs. This package finds those outputs in a payload's structure (``scan``), tells them
from ordinary numbers by key and shape (``vocab``, ``shapes``, ``text``) and coarsens them
as the policy's ``[signals]`` section says (``reduce``).
"""

from agentguard.signals.scan import TECHNIQUE, SignalHit, SignalWalk

__all__ = ["TECHNIQUE", "SignalHit", "SignalWalk"]
