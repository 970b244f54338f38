"""``agentguard canary build`` and ``agentguard canary generate``.

Both print ids and counts only: a record's text never reaches the terminal.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TextIO

from agentguard.cli.common import EXIT_OK, CliError


def run_build(
    paths: list[str],
    out_dir: str,
    *,
    split: str,
    id_field: str,
    text_field: str,
    model: str | None,
    keep_text: bool,
    out: TextIO,
) -> int:
    from agentguard.canary import index as index_mod
    from agentguard.canary.encoder import DEFAULT_MODEL, ModelUnavailable, shared_encoder
    from agentguard.canary.records import CorpusError, read_corpus

    t0 = time.perf_counter()
    try:
        records = read_corpus(paths, split=split, id_field=id_field, text_field=text_field)  # type: ignore[arg-type]
        index = index_mod.build(
            records,
            shared_encoder(model or DEFAULT_MODEL),
            keep_text=keep_text,
            inputs=[Path(p) for p in paths],
        )
    except (CorpusError, ModelUnavailable, index_mod.CanaryIndexError, ValueError) as exc:
        raise CliError(str(exc)) from None
    where = index_mod.save(index, out_dir)
    m = index.manifest
    print(
        f"indexed {m['records']} records ({m['vectors']} vectors, model {m['model']}, "
        f"dim {m['dim']}) into {where} in {time.perf_counter() - t0:.1f} s"
        + ("; record texts kept (--keep-text)" if keep_text else "; no record text kept"),
        file=out,
    )
    if not m["key_in_index"]:
        print("the fingerprint key is not in the index: keep AGENTGUARD_CANARY_KEY set", file=out)
    return EXIT_OK


def run_generate(n: int, prefix: str, output: str | None, out: TextIO) -> int:
    from agentguard.canary.generate import canaries

    try:
        recs = canaries(n, prefix)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    lines = "".join(json.dumps({"id": r.id, "text": r.text}) + "\n" for r in recs)
    if output is None or output == "-":
        sys.stdout.write(lines)
    else:
        Path(output).write_text(lines, encoding="utf-8")
        print(f"wrote {n} canaries to {output}", file=out)
    return EXIT_OK
