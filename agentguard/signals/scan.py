"""Find inversion signals in a payload's structure and reduce them, copying only what changes.

One walk over the payload: dict keys give evidence (``embedding``, ``probs``, ``logprobs``,
``metadata``), values give shape (long fine float vectors, distributions, base64 blobs,
JSON text), and a dict that looks like a retrieved document (``page_content``, a vector,
or an id beside a score) makes its scores and metadata retrieval traces.

The walk is the hot path of every structured inspection: ints, short strings and
ordinary keys are passed over in the loop itself, a dict's document shape is worked
out only when a key needs it, and paths are spelt out only for a hit.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from agentguard.findings import Action
from agentguard.payload import DROP
from agentguard.policy.signals import SignalsPolicy
from agentguard.signals import gate, reduce, shapes, text
from agentguard.signals.prefilter import finest
from agentguard.signals.vocab import CLASSES, KeyClass, classify, words

#: The finding kinds this module reports, after ``inversion_signal/``.
EMBEDDING, PROBABILITIES, LOGPROBS = "embedding", "probabilities", "logprobs"
RETRIEVAL_SCORE, METADATA = "retrieval_score", "metadata"
#: Invert (rebuild inputs) versus membership inference (tell whether a record was used).
TECHNIQUE = {
    EMBEDDING: "AML.T0024.001",
    PROBABILITIES: "AML.T0024.001",
    LOGPROBS: "AML.T0024.001",
    RETRIEVAL_SCORE: "AML.T0024.000",
    METADATA: "AML.T0024.000",
}
_LABEL_WORDS = frozenset({"label", "class", "category", "name", "tag", "intent", "token", "str"})
_ID_WORDS = frozenset({"id", "ids", "uuid"})
_SCORE_WORDS = frozenset({"score", "similarity", "certainty", "relevance", "rerank"})
_MIN_TEXT = 16  # strings shorter than this hold no signal worth decoding
#: A string shorter than a base64 blob holds a signal only with a bracket or a fine number.
_SHORT = 86
#: Only ever run over strings shorter than ``_SHORT`` (no backtracking risk at that size):
#: Python's engine beats the RE2 wrapper's per-call cost on short strings.
_TEXT_HINT = re.compile(r"[\[{]|\d\.\d\d").search
_OTHER = KeyClass.OTHER
_NOT_PROB = KeyClass.NOT_PROBABILITY
#: Key classes whose meaning depends on whether their dict is a retrieved document.
_NEEDS_SHAPE = frozenset(
    {KeyClass.METADATA, KeyClass.CONTENT, KeyClass.RETRIEVAL_SCORE, KeyClass.PROBABILITY}
)
#: What a key says about its dict being a document (bits), and the memo per key set.
_DOC, _BODY, _ID, _SCORE = 1, 2, 4, 8
_ROLES: dict[str, int] = {}
_SHAPED: dict[tuple[Any, ...], bool] = {}

_RETRIEVAL_WORDS = text.Pattern(r"(?i)retriev|doc_?id|document|chunk|similarity|vector|search")
#: A place in the payload: ``(parent, key)`` links, spelt out only for a hit.
Path = tuple[Any, ...] | str
ActionFor = Callable[[str], Action]


@dataclass(slots=True)
class SignalHit:
    """One signal: where it is and what was done, never the value itself."""

    kind: str
    rule: str
    path: str
    sample: str  # a bounded rendering of the value, only ever fingerprinted
    action: Action
    reduction: str | None
    start: int = 0
    end: int = 0


class SignalWalk:
    """One inspection's walk. ``run`` returns the reduced payload (or the same object)."""

    def __init__(
        self, cfg: SignalsPolicy, action_for: ActionFor, max_depth: int, retrieval: bool
    ) -> None:
        self.cfg = cfg
        self.action_for = action_for
        self.max_depth = max_depth
        self.retrieval = retrieval  # the retrieval channel: every mapping is a document
        self.hits: list[SignalHit] = []
        self.blocked = False
        self._allow = frozenset(k.lower() for k in cfg.retrieval.metadata_allow)
        self._stack: set[int] = set()
        self._min_dim = cfg.embedding.min_dim
        limit = cfg.retrieval.max_snippet_chars
        self._short = _SHORT if limit is None else min(_SHORT, limit + 1)
        self._text_context: str | None = None
        self._gate = gate.gate(finest(cfg))
        self._gated: tuple[str, set[str]] | None = None

    def run(self, payload: Any, gated: set[str] | None = None) -> Any:
        """``gated``: what the gate already found in ``payload`` when it is one string."""
        if gated is not None and isinstance(payload, str):
            self._gated = (payload, gated)
        out = self.value(payload, None, _OTHER, "$", 0, self.retrieval)
        if out is DROP:
            return "" if isinstance(payload, str) else None
        return out

    # --- dispatch ----------------------------------------------------------------------

    def value(
        self, v: Any, key: str | None, cls: KeyClass, path: Path, depth: int, doc: bool
    ) -> Any:
        t = type(v)
        if t is str:
            return self.string(v, key, cls, path, depth, doc) if len(v) >= _MIN_TEXT else v
        if t is float:
            return self.scalar(v, key, cls, path, doc)
        if t is int or t is bool or v is None or depth >= self.max_depth:
            return v
        if t is dict or isinstance(v, Mapping):
            return self.mapping(v, path, depth, doc)
        if t is list or isinstance(v, tuple | list):
            return self.sequence(v, key, cls, path, depth, doc)
        if t is bytes or t is bytearray:  # read as Latin-1, like the text scan does
            as_text = bytes(v).decode("latin-1")
            new = self.value(as_text, key, cls, path, depth, doc)
            if new is as_text or not isinstance(new, str):
                return v if new is as_text else new
            data = new.encode("latin-1", "replace")
            return bytearray(data) if t is bytearray else data
        if hasattr(v, "dtype") and hasattr(v, "tolist") and hasattr(v, "ndim"):
            return self.array(v, key, cls, path, depth, doc)
        if isinstance(v, BaseModel) or (dataclasses.is_dataclass(v) and not isinstance(v, type)):
            return self.fields(v, path, depth, doc)
        return v

    # --- containers --------------------------------------------------------------------

    def mapping(self, d: Mapping[Any, Any], path: Path, depth: int, doc: bool) -> Any:
        ident = id(d)
        if ident in self._stack:
            return d
        self._stack.add(ident)
        changes: dict[Any, Any] | None = None
        shaped: bool | None = True if doc else None
        try:
            short = self._short
            for k, v in d.items():
                t = type(v)
                if t is str:
                    if len(v) < short and (len(v) < _MIN_TEXT or not _hint(v)):
                        continue
                elif t is int or t is bool or v is None:
                    continue
                cls = (CLASSES.get(k) or classify(k)) if type(k) is str else _OTHER
                if cls is _OTHER and (t is float or (t is list and _quiet(v, short))):
                    continue
                if cls is _NOT_PROB and (
                    t is float or (t is list and len(v) < self._min_dim and _flat_numbers(v))
                ):
                    continue  # a share, a weight, a box: scalar() and vector() pass these
                if shaped is None and cls in _NEEDS_SHAPE:
                    shaped = _document_shaped(d)
                new = self.keyed(v, k, cls, (path, k), depth + 1, bool(shaped))
                if new is not v:
                    if changes is None:
                        changes = {}
                    changes[k] = new
        finally:
            self._stack.discard(ident)
        if changes is None:
            return d
        return {k: changes.get(k, v) for k, v in d.items() if changes.get(k, v) is not DROP}

    def fields(self, obj: Any, path: Path, depth: int, doc: bool) -> Any:
        if isinstance(obj, BaseModel):
            items = {n: getattr(obj, n, None) for n in type(obj).model_fields}
        else:
            items = {f.name: getattr(obj, f.name, None) for f in dataclasses.fields(obj)}
        new = self.mapping(items, path, depth, doc)
        if new is items:
            return obj
        changes = {n: new.get(n) for n in items if new.get(n) is not items[n]}
        if isinstance(obj, BaseModel):
            return obj.model_copy(update=changes)
        return dataclasses.replace(obj, **changes)

    def sequence(
        self, seq: Sequence[Any], key: str | None, cls: KeyClass, path: Path, depth: int, doc: bool
    ) -> Any:
        nums = shapes.numbers(seq)
        if nums is not None:
            return self.vector(seq, nums, key, cls, path, doc)
        if not seq:
            return seq
        first = seq[0]
        if cls is KeyClass.EMBEDDING and type(first) is int and shapes.ints_only(seq):
            if len(seq) >= self._min_dim:
                return self.embedding(seq, [float(x) for x in seq], "key:int", path)
            return seq
        if len(seq) == 2 and type(seq[1]) is float and _is_document(first):
            return self.scored_pair(seq, path, depth)
        if isinstance(first, Mapping) and all(isinstance(r, Mapping) for r in seq):
            grouped = self.records(seq, path)
            if grouped is not None:
                return grouped
        ident = id(seq)
        if ident in self._stack:
            return seq
        self._stack.add(ident)
        new: list[Any] | None = None
        try:
            short = self._short
            for i, item in enumerate(seq):
                t = type(item)
                if t is str:
                    if len(item) < short and (len(item) < _MIN_TEXT or not _hint(item)):
                        continue
                elif t is int or t is bool or item is None:
                    continue
                if t is dict:
                    out = self.mapping(item, (path, i), depth + 1, doc)
                else:
                    out = self.value(item, key, cls, (path, i), depth + 1, doc)
                if out is not item:
                    if new is None:
                        new = list(seq)
                    new[i] = out
        finally:
            self._stack.discard(ident)
        if new is None:
            return seq
        kept = [x for x in new if x is not DROP]
        if isinstance(seq, list):
            return kept
        if hasattr(seq, "_fields"):  # a named tuple keeps its arity
            return type(seq)(*[None if x is DROP else x for x in new])
        return type(seq)(kept)  # type: ignore[call-arg]

    def array(
        self, arr: Any, key: str | None, cls: KeyClass, path: Path, depth: int, doc: bool
    ) -> Any:
        """numpy (or array-like) values: judged on their float contents, rebuilt alike."""
        if getattr(arr.dtype, "kind", "") != "f" or arr.ndim not in (0, 1, 2):
            return arr
        as_list = arr.tolist()
        new = self.value(as_list, key, cls, path, depth, doc)
        if new is as_list:
            return arr
        if isinstance(new, list | float):
            numpy = importlib.import_module(type(arr).__module__.split(".")[0])
            try:
                return numpy.asarray(new, dtype=arr.dtype)
            except (TypeError, ValueError):
                return new
        return new

    # --- values under a key ------------------------------------------------------------

    def keyed(self, v: Any, key: Any, cls: KeyClass, path: Path, depth: int, doc: bool) -> Any:
        skey = key if type(key) is str else None
        if cls is _OTHER:
            if type(v) is dict and len(v) >= 2:
                grouped = self.label_probabilities(v, cls, path)
                if grouped is not None:
                    return grouped
            return self.value(v, skey, cls, path, depth, doc)
        if cls is KeyClass.LOGPROBS:
            if v is None or v == [] or v == {} or isinstance(v, str | bool):
                return v
            return self.signal(LOGPROBS, f"key:{_word(skey)}", path, v, self._logprobs)
        if doc and cls is KeyClass.METADATA and isinstance(v, Mapping | list):
            return self.metadata(v, path, depth)
        if doc and cls is KeyClass.CONTENT and isinstance(v, str):
            return self.content(v, skey, path, depth)
        if isinstance(v, Mapping) and len(v) >= 2:
            grouped = self.label_probabilities(v, cls, path)
            if grouped is not None:
                return grouped
        return self.value(v, skey, cls, path, depth, doc)

    def content(self, v: str, key: str | None, path: Path, depth: int) -> Any:
        """A document's text: its own signals first, then the snippet cap."""
        new = self.value(v, key, KeyClass.CONTENT, path, depth, False)
        limit = self.cfg.retrieval.max_snippet_chars
        if not isinstance(new, str) or limit is None or len(new) <= limit:
            return new
        return self.signal(
            METADATA,
            "snippet_length",
            path,
            new,
            lambda a, x: reduce.snippet(x, limit) if a is Action.REDUCE else _other(a, x),
            reduction="truncate",
        )

    def scalar(self, x: float, key: str | None, cls: KeyClass, path: Path, doc: bool) -> Any:
        if cls is _OTHER or cls is KeyClass.CONTENT:
            return x
        if cls is KeyClass.LOGITS:
            return self.signal(PROBABILITIES, "key:logits", path, x, self._logits)
        scoreish = cls is KeyClass.RETRIEVAL_SCORE or (
            cls is KeyClass.PROBABILITY and key is not None and "score" in words(key)
        )
        if doc and scoreish:
            if shapes.finer_than(x, self.cfg.retrieval.score_decimals):
                return self.signal(RETRIEVAL_SCORE, f"key:{_word(key)}", path, x, self._score)
            return x
        prob = self.cfg.probabilities
        if cls is KeyClass.PROBABILITY and 0.0 <= x <= 1.0 and shapes.finer_than(x, prob.decimals):
            return self.signal(PROBABILITIES, f"key:{_word(key)}", path, x, self._probability)
        return x

    def vector(
        self,
        seq: Sequence[Any],
        nums: list[float],
        key: str | None,
        cls: KeyClass,
        path: Path,
        doc: bool,
    ) -> Any:
        min_dim = self._min_dim
        if cls is KeyClass.EMBEDDING and shapes.looks_like_embedding(nums, min_dim, strict=False):
            return self.embedding(seq, nums, f"key:{_word(key)}", path)
        if len(nums) >= min_dim and shapes.looks_like_embedding(nums, min_dim):
            return self.embedding(seq, nums, "shape:vector", path)
        if cls is KeyClass.LOGITS:
            return self.signal(PROBABILITIES, "key:logits", path, seq, self._logits)
        prob = self.cfg.probabilities
        scoreish = cls is KeyClass.RETRIEVAL_SCORE or (
            cls is KeyClass.PROBABILITY and "score" in words(key or "")
        )
        if doc and scoreish:
            if shapes.any_finer(nums, self.cfg.retrieval.score_decimals):
                return self.signal(RETRIEVAL_SCORE, f"key:{_word(key)}", path, seq, self._score)
            return seq
        if (
            cls is KeyClass.PROBABILITY
            and shapes.is_fraction_list(nums)
            and shapes.any_finer(nums, prob.decimals)
        ):
            return self.signal(
                PROBABILITIES, f"key:{_word(key)}", path, seq, lambda a, _: self._dist(a, nums)
            )
        if (
            cls in (_OTHER, KeyClass.WEAK_EMBEDDING, KeyClass.EMBEDDING)
            and shapes.looks_like_distribution(nums)
            and shapes.any_finer(nums, shapes.SHAPE_DECIMALS)
        ):
            return self.signal(
                PROBABILITIES, "shape:distribution", path, seq, lambda a, _: self._dist(a, nums)
            )
        return seq

    def label_probabilities(self, d: Mapping[Any, Any], cls: KeyClass, path: Path) -> Any:
        """``{"fraud": 0.9123, "ok": 0.0877}``: a labelled distribution."""
        if cls is not KeyClass.PROBABILITY and cls is not _OTHER:
            return None
        values = list(d.values())
        floats = 0
        for x in values:
            t = type(x)
            if t is float:
                floats += 1
            elif t is not int:
                return None
        if not floats or not shapes.is_fraction_list(values):
            return None
        if cls is KeyClass.PROBABILITY:
            if not shapes.any_finer(values, self.cfg.probabilities.decimals):
                return None
        elif not (
            shapes.looks_like_distribution(values)
            and shapes.any_finer(values, shapes.SHAPE_DECIMALS)
        ):
            return None
        rule = "key:labelled" if cls is KeyClass.PROBABILITY else "shape:labelled"
        return self.signal(PROBABILITIES, rule, path, d, self._labelled)

    def records(self, seq: Sequence[Mapping[Any, Any]], path: Path) -> Any:
        """``[{"label": "cat", "score": 0.91}, …]``: one classifier answer, not many records."""
        names = list(seq[0])
        if not 2 <= len(names) <= 3 or any(list(r) != names for r in seq):
            return None
        score_key = label_key = None
        for name in names:
            if not isinstance(name, str):
                return None
            if classify(name) is KeyClass.PROBABILITY:
                score_key = name
            elif set(words(name)) & _LABEL_WORDS:
                label_key = name
        if score_key is None or label_key is None:
            return None
        scores = [r[score_key] for r in seq]
        if not all(type(x) is float and 0.0 <= x <= 1.0 for x in scores):
            return None
        if not shapes.any_finer(scores, self.cfg.probabilities.decimals):
            return None
        sk = score_key
        return self.signal(
            PROBABILITIES, "shape:records", path, seq, lambda a, _: self._records(a, seq, sk)
        )

    def scored_pair(self, pair: Sequence[Any], path: Path, depth: int) -> Any:
        """``(Document, 0.3412)`` from a vector store's search-with-score."""
        doc = self.value(pair[0], None, _OTHER, (path, 0), depth + 1, True)
        score = pair[1]
        if shapes.finer_than(score, self.cfg.retrieval.score_decimals):
            score = self.signal(RETRIEVAL_SCORE, "pair:score", (path, 1), score, self._score)
        if doc is pair[0] and score is pair[1]:
            return pair
        items = [x for x in (doc, score) if x is not DROP]
        return type(pair)(items) if not hasattr(pair, "_fields") else pair  # type: ignore[call-arg]

    def metadata(self, v: Mapping[Any, Any] | list[Any], path: Path, depth: int) -> Any:
        """A document's metadata, reduced to the allow-list (Chroma: lists of them)."""
        if isinstance(v, list):
            new = [self.metadata(item, (path, i), depth + 1) for i, item in enumerate(v)]
            if all(a is b for a, b in zip(new, v, strict=True)):
                return v
            return [x for x in new if x is not DROP]
        if not isinstance(v, Mapping):
            return v
        # Signals inside (a vector, a rerank score) are reported as what they are first.
        inner = self.mapping(v, path, depth, True)
        if not isinstance(inner, Mapping):
            return inner
        if not reduce.metadata_needs_cut(inner, self._allow):
            return inner
        kept = reduce.metadata(inner, self._allow)
        return self.signal(METADATA, "allowlist", path, inner, lambda a, _: self._meta(a, kept))

    # --- strings -----------------------------------------------------------------------

    def string(
        self, s: str, key: str | None, cls: KeyClass, path: Path, depth: int, doc: bool
    ) -> Any:
        head = s[0]
        if head in "{[" or (head.isspace() and s.lstrip()[:1] in ("{", "[")):
            parsed = text.parse_json(s)
            if parsed is not None:
                new = self.value(parsed, key, cls, path, depth + 1, doc)
                if new is parsed:
                    return s
                return DROP if new is DROP else text.dumps(new, like=s)
        if len(s) >= 86 and " " not in s and text.B64_RUN.fullmatch(s):
            decoded = text.decode_floats(s)
            if decoded is not None:
                return self.blob(s, decoded[0], decoded[1], path, 0, len(s))
            return s
        return self.free_text(s, path, depth, doc)

    def blob(self, s: str, values: list[float], fmt: str, path: Path, start: int, end: int) -> Any:
        emb = self.cfg.embedding
        if len(values) < emb.min_dim or shapes.looks_like_distribution(values):
            return s

        def act(a: Action, _: Any) -> Any:
            if a is not Action.REDUCE:
                return _other(a, s, dim=len(values))
            out = reduce.embedding(values, emb)
            return text.encode_floats(out, fmt) if isinstance(out, list) else out

        return self.signal(
            EMBEDDING, f"base64:{fmt}", path, s, act, start=start, end=end, reduction=emb.method
        )

    def free_text(self, s: str, path: Path, depth: int, doc: bool) -> str:
        """Vectors, blobs, JSON and ``key=value`` scores inside a longer text (a log line)."""
        edits: list[tuple[int, int, str]] = []

        def free(a: int, b: int) -> bool:
            return not any(x < b and a < y for x, y, _ in edits)

        found = self._gated[1] if self._gated and self._gated[0] is s else self._gate(s)
        if not found:
            return s
        if gate.FLOATS in found and s.count(".") >= 16:
            for start, end, values in text.float_runs(s):
                new = self._text_vector(s, start, end, values, path)
                if new is not None:
                    edits.append((start, end, new))
        if gate.JSON in found:
            for start, end, value in text.json_values(s):
                if not free(start, end):
                    continue
                new = self.value(value, None, _OTHER, path, depth + 1, doc)
                if new is not value:
                    edits.append((start, end, "" if new is DROP else text.dumps(new)))
        if gate.B64 in found:
            for start, end, _ in text.B64_RUN.finditer(s):
                if not free(start, end):
                    continue
                blob = s[start:end]
                decoded = text.decode_floats(blob)
                if decoded is not None:
                    new = self.blob(blob, decoded[0], decoded[1], path, start, end)
                    if new is not blob:
                        edits.append((start, end, "" if new is DROP else str(new)))
        if gate.KEYED in found:
            self._text_context = s
            for key, start, end in text.key_numbers(s):
                if free(start, end):
                    new = self._text_score(key, float(s[start:end]), path, start, end)
                    if new is not None:
                        edits.append((start, end, new))
        if not edits:
            return s
        out, pos = [], 0
        for start, end, new in sorted(edits):
            if start < pos:
                continue
            out.append(s[pos:start])
            out.append(new)
            pos = end
        out.append(s[pos:])
        return "".join(out)

    def _text_vector(
        self, s: str, start: int, end: int, values: list[float], path: Path
    ) -> str | None:
        emb = self.cfg.embedding
        before = s[max(0, start - 40) : start].lower()
        strict = not ("embed" in before or "vector" in before)
        if not shapes.looks_like_embedding(values, emb.min_dim, strict=strict):
            return None
        if shapes.looks_like_distribution(values):
            return None
        raw = s[start:end]
        sep = ", " if "," in raw else " "

        def act(a: Action, _: Any) -> Any:
            if a is not Action.REDUCE:
                return _other(a, raw, dim=len(values))
            out = reduce.embedding(values, emb)
            return sep.join(repr(x) for x in out) if isinstance(out, list) else out

        rule, red = "text:float_run", emb.method
        new = self.signal(EMBEDDING, rule, path, raw, act, start=start, end=end, reduction=red)
        return None if new is raw else ("" if new is DROP else str(new))

    def _text_score(self, key: str, x: float, path: Path, start: int, end: int) -> str | None:
        cls = classify(key)
        scoreish = cls is KeyClass.RETRIEVAL_SCORE or (
            cls is KeyClass.PROBABILITY and "score" in words(key) and self._about_retrieval(path)
        )
        reducer: Callable[[Action, Any], Any]
        if scoreish and shapes.finer_than(x, self.cfg.retrieval.score_decimals):
            kind, reducer = RETRIEVAL_SCORE, self._score
        elif (
            cls is KeyClass.PROBABILITY
            and 0.0 <= x <= 1.0
            and shapes.finer_than(x, self.cfg.probabilities.decimals)
        ):
            kind, reducer = PROBABILITIES, self._probability
        else:
            return None
        new = self.signal(kind, f"text:{_word(key)}", path, x, reducer, start=start, end=end)
        if new is x:
            return None
        return "" if new is DROP else str(new)

    def _about_retrieval(self, path: Path) -> bool:
        """A text scored in the retrieval channel, or a log line that speaks of retrieval."""
        return self.retrieval or (
            self._text_context is not None and bool(_RETRIEVAL_WORDS.search(self._text_context))
        )

    # --- recording and acting ----------------------------------------------------------

    def embedding(self, seq: Any, nums: list[float], rule: str, path: Path) -> Any:
        emb = self.cfg.embedding

        def act(a: Action, _: Any) -> Any:
            if a is not Action.REDUCE:
                return _other(a, seq, dim=len(nums))
            out = reduce.embedding(nums, emb)
            return type(seq)(out) if isinstance(out, list) and isinstance(seq, tuple) else out

        return self.signal(EMBEDDING, rule, path, seq, act, reduction=emb.method)

    def signal(
        self,
        kind: str,
        rule: str,
        path: Path,
        value: Any,
        act: Callable[[Action, Any], Any],
        *,
        start: int = 0,
        end: int = 0,
        reduction: str | None = None,
    ) -> Any:
        """Record the hit as the policy's action for the kind says, and apply that action."""
        action = self.action_for(kind)
        if action is Action.ALLOW:
            return value
        if reduction is None:
            reduction = self._method(kind)
        self.hits.append(
            SignalHit(
                kind,
                rule,
                spell(path),
                _sample(value),
                action,
                reduction if action is Action.REDUCE else None,
                start,
                end,
            )
        )
        if action is Action.BLOCK:
            self.blocked = True
            return value
        if action is Action.ALERT:
            return value
        return act(action, value)

    def _method(self, kind: str) -> str:
        cfg = self.cfg
        return {
            EMBEDDING: cfg.embedding.method,
            PROBABILITIES: cfg.probabilities.method,
            LOGPROBS: cfg.logprobs.method,
            RETRIEVAL_SCORE: cfg.retrieval.score_method,
            METADATA: "allowlist",
        }[kind]

    def _probability(self, a: Action, x: Any) -> Any:
        return reduce.probability(x, self.cfg.probabilities) if a is Action.REDUCE else _other(a, x)

    def _dist(self, a: Action, nums: list[float]) -> Any:
        if a is not Action.REDUCE:
            return _other(a, nums)
        return reduce.distribution(nums, self.cfg.probabilities)

    def _labelled(self, a: Action, d: Any) -> Any:
        return reduce.labelled(d, self.cfg.probabilities) if a is Action.REDUCE else _other(a, d)

    def _records(self, a: Action, seq: Sequence[Mapping[str, Any]], score_key: str) -> Any:
        if a is not Action.REDUCE:
            return _other(a, seq)
        return reduce.records(seq, score_key, self.cfg.probabilities)

    def _logits(self, a: Action, v: Any) -> Any:
        return reduce.logits(v, self.cfg.probabilities) if a is Action.REDUCE else _other(a, v)

    def _logprobs(self, a: Action, v: Any) -> Any:
        return reduce.logprobs(v, self.cfg.logprobs) if a is Action.REDUCE else _other(a, v)

    def _score(self, a: Action, v: Any) -> Any:
        if a is not Action.REDUCE:
            return _other(a, v)
        return reduce.score(v, self.cfg.retrieval, self.cfg.probabilities)

    def _meta(self, a: Action, kept: dict[Any, Any]) -> Any:
        return kept if a is Action.REDUCE else _other(a, kept)


def _hint(s: str) -> bool:
    return _TEXT_HINT(s) is not None


def _quiet(items: list[Any], short: int) -> bool:
    """A list of short plain strings (tags, names): nothing in it to look at."""
    for x in items:
        if type(x) is not str or len(x) >= short or (len(x) >= _MIN_TEXT and _hint(x)):
            return False
    return True


def _other(action: Action, value: Any, dim: int | None = None) -> Any:
    """Actions other than reduce: drop the field, or put an inert marker in its place."""
    if action is Action.DROP:
        return DROP
    if dim is not None:
        return reduce.redacted_embedding(dim)
    return "[REDACTED:inversion_signal]"


def _document_shaped(d: Mapping[Any, Any]) -> bool:
    """A retrieved document: ``page_content`` or a vector; or an id or a score beside a
    text or metadata; or an id beside a score (vector stores, search engines, RAG tools).

    Depends on the keys only, so records of one list share the answer (memoised)."""
    keys = tuple(d) if len(d) <= 64 else None
    if keys is not None:
        hit = _SHAPED.get(keys)
        if hit is not None:
            return hit
    mask = 0
    for k in d:
        if type(k) is str:
            role = _ROLES.get(k)
            if role is None:
                role = _key_role(k)
                if len(_ROLES) < 8192:
                    _ROLES[k] = role
            mask |= role
    shaped = bool(
        mask & _DOC or (mask & _ID and mask & _SCORE) or (mask & _BODY and mask & (_ID | _SCORE))
    )
    if keys is not None and len(_SHAPED) < 4096:
        _SHAPED[keys] = shaped
    return shaped


def _key_role(k: str) -> int:
    ws = words(k)
    cls = classify(k)
    if ws == ("page", "content") or cls is KeyClass.EMBEDDING:
        return _DOC
    if cls is KeyClass.CONTENT or cls is KeyClass.METADATA:
        return _BODY
    if any(w in _ID_WORDS for w in ws):
        return _ID
    if any(w in _SCORE_WORDS for w in ws):
        return _SCORE
    return 0


def _flat_numbers(v: list[Any]) -> bool:
    return all((type(x) is float or type(x) is int) for x in v)


def _is_document(obj: Any) -> bool:
    if isinstance(obj, Mapping):
        return _document_shaped(obj) or any(
            type(k) is str and classify(k) is KeyClass.CONTENT for k in obj
        )
    return hasattr(obj, "page_content")


def spell(path: Path) -> str:
    """``(("$", "data"), 0)`` → ``$.data[0]``."""
    keys: list[Any] = []
    while isinstance(path, tuple):
        path, key = path
        keys.append(key)
    out = [path]
    for key in reversed(keys):
        if type(key) is int:
            out.append(f"[{key}]")
        elif type(key) is not str:
            out.append("[?]")
        elif key.isidentifier():
            out.append(f".{key}")
        else:
            escaped = key.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out)


def _word(key: str | None) -> str:
    return "_".join(words(key)) if key else "?"


def _sample(value: Any) -> str:
    """A bounded stand-in for the value, fingerprinted and then dropped."""
    if isinstance(value, str):
        return value[:4096]
    if isinstance(value, list | tuple) and len(value) > 64:
        return f"{len(value)}:{value[:64]!r}"
    return repr(value)[:4096]
