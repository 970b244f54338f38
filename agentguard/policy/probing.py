"""Policy for probing detection: where the history lives and what a flag does."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ProbingPolicy(BaseModel):
    """The ``[probing]`` section. On by default, in process, for inspections with a principal."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    store: Literal["memory", "redis"] = Field(
        "memory", description="memory: this process; redis: shared by every guard process"
    )
    redis_url: str = Field("redis://127.0.0.1:6379/0", description="store = redis: the server")
    window: float = Field(172_800.0, gt=0, description="seconds of history a check looks at")
    rate_per_minute: int = Field(60, gt=0, description="queries per minute that are a flag")
    degrade_seconds: float = Field(
        900.0, gt=0, description="degrade: how long the principal gets the strictest signals"
    )
    throttle_seconds: float = Field(
        1.0, ge=0, description="throttle: the delay sanitize() adds to a flagged query"
    )
    encoder: str | None = Field(
        None,
        description=(
            "sentence-encoder model name or path for near-duplicate detection by meaning "
            '(e.g. "all-MiniLM-L6-v2"; needs the semantic extra); off by default: MinHash only'
        ),
    )
