"""Policy for inversion signals: how far each too-informative output is reduced.

Defaults suit a public endpoint: embeddings withheld, a classifier answers with its top
label and a two-decimal score, logprobs dropped, retrieval scores to one decimal and
document metadata cut to what a citation needs. ``docs/signals.md`` explains each method.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmbeddingSignals(_Strict):
    """Numeric vectors that let a caller invert the encoder or match records."""

    method: Literal["drop", "redact", "quantize", "noise"] = Field(
        "redact",
        description="drop the field; redact to [REDACTED:embedding dim=N]; quantize to `bits`; "
        "or add Gaussian noise calibrated by `epsilon`, `delta` and `clip_norm`",
    )
    min_dim: int = Field(32, ge=2, description="shortest numeric array treated as an embedding")
    bits: int = Field(4, ge=1, le=16, description="quantize: levels = 2**bits per vector")
    epsilon: float = Field(1.0, gt=0.0, description="noise: Gaussian mechanism epsilon")
    delta: float = Field(1e-5, gt=0.0, lt=1.0, description="noise: Gaussian mechanism delta")
    clip_norm: float = Field(1.0, gt=0.0, description="noise: vectors clipped to this L2 norm")


class ProbabilitySignals(_Strict):
    """Class probabilities, confidence scores and logits."""

    method: Literal["round", "top_k", "label_only", "bucket", "drop"] = Field(
        "top_k",
        description="round every value; keep the k best labels (rounded); keep the best label "
        "only; replace values by high/medium/low; or drop the field",
    )
    decimals: int = Field(2, ge=0, le=6, description="decimals kept (round, top_k)")
    k: int = Field(1, ge=1, description="labels kept by top_k")
    high: float = Field(0.8, gt=0.0, le=1.0, description="bucket: at least this is `high`")
    medium: float = Field(0.5, ge=0.0, lt=1.0, description="bucket: at least this is `medium`")

    @model_validator(mode="after")
    def _cuts_ordered(self) -> ProbabilitySignals:
        if self.medium >= self.high:
            raise ValueError("bucket cut points need medium < high")
        return self


class LogprobSignals(_Strict):
    """Token log-probabilities of an LLM response."""

    method: Literal["drop", "chosen_only"] = Field(
        "drop",
        description="drop the logprobs entirely, or keep only the chosen tokens' own "
        "logprobs (rounded), without the alternatives",
    )
    decimals: int = Field(1, ge=0, le=6, description="chosen_only: decimals kept")


#: Metadata keys a citation needs; everything else in a retrieved document's metadata goes.
DEFAULT_METADATA_ALLOW: tuple[str, ...] = (
    "title",
    "source",
    "url",
    "uri",
    "link",
    "page",
    "page_number",
    "page_label",
    "section",
    "heading",
    "chapter",
    "author",
    "authors",
    "publisher",
    "published",
    "published_at",
    "date",
    "year",
    "language",
    "category",
    "tags",
    "doc_type",
    "license",
    "description",
)


class RetrievalSignals(_Strict):
    """Similarity scores, document metadata and snippet length of retrieval results."""

    score_method: Literal["round", "bucket", "drop"] = Field(
        "round", description="coarsen similarity/relevance scores and distances"
    )
    score_decimals: int = Field(1, ge=0, le=6, description="decimals kept by round")
    metadata_allow: list[str] = Field(
        default_factory=lambda: list(DEFAULT_METADATA_ALLOW),
        description="metadata keys kept (case-insensitive); internal paths in them are cut "
        "to the file name",
    )
    max_snippet_chars: int | None = Field(
        4000, gt=0, description="longest document text passed on; None: no cap"
    )


class SignalsPolicy(_Strict):
    """The ``[signals]`` section (and ``[channels.<name>.signals]`` overrides)."""

    enabled: bool = True
    embedding: EmbeddingSignals = Field(default_factory=EmbeddingSignals)
    probabilities: ProbabilitySignals = Field(default_factory=ProbabilitySignals)
    logprobs: LogprobSignals = Field(default_factory=LogprobSignals)
    retrieval: RetrievalSignals = Field(default_factory=RetrievalSignals)
