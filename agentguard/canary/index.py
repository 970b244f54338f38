"""The canary index: what the detector compares output against, without the records' text.

A directory:

* ``manifest.json`` — format version, model, dimension, normal form, counts, a keyed
  checksum of the inputs, the key's id, and whether texts are kept;
* ``vectors.npy`` + ``owners.npy`` — unit sentence embeddings of each record and of its
  runs of sentences, and the record each belongs to;
* ``ngrams.npz`` — keyed fingerprints of every record's word n-grams (sorted, with owners);
* ``facts.npz`` — keyed fingerprints of every record's distinctive facts, with weights;
* ``ids.json`` — the record ids; ``key.bin`` — the fingerprint key, unless it comes from
  ``AGENTGUARD_CANARY_KEY``; ``texts.jsonl`` — only with ``keep_text`` (for explanations).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from agentguard.canary import facts as facts_mod
from agentguard.canary import hashing, search, shingles, windows
from agentguard.canary.encoder import Encoder
from agentguard.canary.normalize import NORMALIZATION
from agentguard.canary.records import Record
from agentguard.errors import AgentGuardError

FORMAT = "agentguard-canary-index"
FORMAT_VERSION = 1
FACTS_VERSION = "facts-v1"
GRAPH = "graph.usearch"


class CanaryIndexError(AgentGuardError):
    """An index is missing, damaged, or built for another model or format."""


@dataclass
class CanaryIndex:
    ids: list[str]
    vectors: np.ndarray  # float32 [m, dim], unit rows
    owners: np.ndarray  # int32 [m]
    ngram_hashes: np.ndarray  # uint64 [g], sorted
    ngram_owners: np.ndarray  # int32 [g]
    ngram_counts: np.ndarray  # int32 [n]: distinct n-grams per record
    fact_owner: np.ndarray  # int32 [f]
    fact_weight: np.ndarray  # float32 [f]
    fact_alt: np.ndarray  # uint64 [f, 2]; 0 = no second alternative
    fact_total: np.ndarray  # float32 [n]
    key: bytes
    manifest: dict[str, Any]
    texts: list[str] | None = None
    source: Path | None = None  # the folder it was loaded from

    @property
    def graph(self) -> Path | None:
        """The saved approximate-search graph, when the index has one."""
        path = self.source / GRAPH if self.source is not None else None
        return path if path is not None and path.exists() else None

    def __repr__(self) -> str:
        return (
            f"CanaryIndex(records={len(self.ids)}, vectors={len(self.vectors)}, "
            f"model={self.manifest.get('model')!r})"
        )

    @property
    def window_span(self) -> int:
        """Sentences per output window worth embedding: a record's worth, plus one for a
        paraphrase that splits a sentence (indexes without the figure get the default)."""
        longest = int(self.manifest.get("max_sentences", windows.SPAN))
        return max(1, min(windows.SPAN, longest + 1))

    @property
    def model(self) -> str:
        return str(self.manifest["model"])


def build(
    records: list[Record],
    encoder: Encoder,
    *,
    key: bytes | None = None,
    keep_text: bool = False,
    inputs: list[Path] | None = None,
) -> CanaryIndex:
    """Index ``records``: their n-grams, facts and embeddings (record and sentence runs)."""
    if not records:
        raise CanaryIndexError("no records to index")
    key = key or hashing.key_from_env() or hashing.new_key()
    gram_hashes: list[np.ndarray] = []
    gram_owners: list[np.ndarray] = []
    counts = np.zeros(len(records), dtype=np.int32)
    f_owner: list[int] = []
    f_weight: list[float] = []
    f_alt: list[tuple[int, int]] = []
    totals = np.zeros(len(records), dtype=np.float32)
    texts: list[str] = []
    owners: list[int] = []
    for i, rec in enumerate(records):
        grams = hashing.digests(key, shingles.ngrams(rec.text))
        grams = np.unique(grams)
        counts[i] = len(grams)
        gram_hashes.append(grams)
        gram_owners.append(np.full(len(grams), i, dtype=np.int32))
        found = facts_mod.facts(rec.text)
        for fact, kind in found.items():
            alts = [hashing.digest(key, a) for a in facts_mod.alternatives(fact)]
            f_owner.append(i)
            f_weight.append(facts_mod.WEIGHTS[kind])
            f_alt.append((alts[0], alts[1] if len(alts) > 1 else 0))
        totals[i] = facts_mod.weight(found)
        for w in _record_windows(rec.text):
            texts.append(w)
            owners.append(i)
    hashes = np.concatenate(gram_hashes) if gram_hashes else np.zeros(0, np.uint64)
    g_owners = np.concatenate(gram_owners) if gram_owners else np.zeros(0, np.int32)
    order = np.argsort(hashes, kind="stable")
    vectors = encoder.encode_uncached(texts)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "model": encoder.model_name,
        "dim": int(vectors.shape[1]),
        "normalization": NORMALIZATION,
        "ngram_n": shingles.N,
        "facts": FACTS_VERSION,
        "records": len(records),
        "vectors": int(vectors.shape[0]),
        "inputs_checksum": _checksum(key, records, inputs),
        "key_id": hashing.key_id(key),
        "key_in_index": hashing.key_from_env() != key,
        # The longest record in sentences: output windows need not be longer than this + 1.
        "max_sentences": max(len(windows.sentences(r.text)) or 1 for r in records),
        "keeps_text": keep_text,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    return CanaryIndex(
        ids=[r.id for r in records],
        vectors=vectors,
        owners=np.asarray(owners, dtype=np.int32),
        ngram_hashes=hashes[order],
        ngram_owners=g_owners[order],
        ngram_counts=counts,
        fact_owner=np.asarray(f_owner, dtype=np.int32),
        fact_weight=np.asarray(f_weight, dtype=np.float32),
        fact_alt=np.asarray(f_alt, dtype=np.uint64).reshape(-1, 2),
        fact_total=totals,
        key=key,
        manifest=manifest,
        texts=[r.text for r in records] if keep_text else None,
    )


def _record_windows(text: str) -> list[str]:
    """The record itself, and its runs of sentences when it has more than one."""
    sents = windows.sentences(text)
    out = [text]
    if len(sents) > 1:
        out += [w.text for w in windows.windows(text, span=min(windows.SPAN, len(sents) - 1))]
    return list(dict.fromkeys(out))


def _checksum(key: bytes, records: list[Record], inputs: list[Path] | None) -> str:
    """Keyed, so the checksum cannot be used to confirm a guessed corpus."""
    mac = hashlib.blake2b(key=key, digest_size=16)
    for rec in records:
        mac.update(rec.id.encode() + b"\0" + rec.text.encode() + b"\0")
    for path in inputs or []:
        mac.update(path.name.encode() + b"\0")
    return mac.hexdigest()


def save(index: CanaryIndex, directory: str | Path) -> Path:
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "vectors.npy", index.vectors)
    np.save(out / "owners.npy", index.owners)
    np.savez(
        out / "ngrams.npz",
        hashes=index.ngram_hashes,
        owners=index.ngram_owners,
        counts=index.ngram_counts,
    )
    np.savez(
        out / "facts.npz",
        owner=index.fact_owner,
        weight=index.fact_weight,
        alt=index.fact_alt,
        total=index.fact_total,
    )
    (out / "ids.json").write_text(json.dumps(index.ids))
    if index.manifest["key_in_index"]:
        (out / "key.bin").write_bytes(index.key)
        (out / "key.bin").chmod(0o600)
    if index.texts is not None:
        with (out / "texts.jsonl").open("w", encoding="utf-8") as fh:
            for rid, text in zip(index.ids, index.texts, strict=True):
                fh.write(json.dumps({"id": rid, "text": text}) + "\n")
    if len(index.vectors) > search.EXACT_MAX:  # build the graph once, here, not per load
        with contextlib.suppress(ImportError):  # without usearch the search is exact
            search.ApproximateSearch(index.vectors).save(out / GRAPH)
    (out / "manifest.json").write_text(json.dumps(index.manifest, indent=2) + "\n")
    return out


def load(directory: str | Path, model: str | None = None) -> CanaryIndex:
    """Load an index; ``model``, when given, must be the one the index was built with."""
    src = Path(directory)
    manifest_path = src / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text())
    except FileNotFoundError:
        raise CanaryIndexError(f"{src}: not a canary index (no manifest.json)") from None
    except (OSError, ValueError) as exc:
        raise CanaryIndexError(f"{manifest_path}: unreadable ({type(exc).__name__})") from None
    if manifest.get("format") != FORMAT:
        raise CanaryIndexError(f"{src}: not a canary index")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise CanaryIndexError(
            f"{src}: index format version {manifest.get('format_version')}, this agentguard "
            f"reads version {FORMAT_VERSION}; rebuild it with 'agentguard canary build'"
        )
    if manifest.get("normalization") != NORMALIZATION or manifest.get("facts") != FACTS_VERSION:
        raise CanaryIndexError(f"{src}: built with another text normal form; rebuild it")
    if model is not None and model != manifest.get("model"):
        raise CanaryIndexError(
            f"{src}: built with model {manifest.get('model')!r}, not {model!r}; rebuild it with "
            "that model or configure the index's model"
        )
    key = hashing.key_from_env()
    if key is None:
        try:
            key = (src / "key.bin").read_bytes()
        except FileNotFoundError:
            raise CanaryIndexError(
                f"{src}: the index's key is not in it; set {hashing.KEY_ENV}"
            ) from None
    if hashing.key_id(key) != manifest.get("key_id"):
        raise CanaryIndexError(f"{src}: wrong key for this index ({hashing.KEY_ENV})")
    try:
        ngrams = np.load(src / "ngrams.npz")
        fact_arrays = np.load(src / "facts.npz")
        index = CanaryIndex(
            ids=json.loads((src / "ids.json").read_text()),
            vectors=np.load(src / "vectors.npy"),
            owners=np.load(src / "owners.npy"),
            ngram_hashes=ngrams["hashes"],
            ngram_owners=ngrams["owners"],
            ngram_counts=ngrams["counts"],
            fact_owner=fact_arrays["owner"],
            fact_weight=fact_arrays["weight"],
            fact_alt=fact_arrays["alt"],
            fact_total=fact_arrays["total"],
            key=key,
            manifest=manifest,
            source=src,
        )
    except (OSError, ValueError, KeyError) as exc:
        raise CanaryIndexError(f"{src}: damaged index ({type(exc).__name__})") from None
    if len(index.ids) != manifest.get("records") or len(index.vectors) != manifest.get("vectors"):
        raise CanaryIndexError(f"{src}: damaged index (counts differ from the manifest)")
    return index
