"""agentguard beside llm-guard's ``Secrets`` scanner and Yelp's detect-secrets, in one process.

Run it with the bench venv (``make bench`` builds it)::

    bash benchmarks/setup_peers.sh && .bench-venv/bin/python benchmarks/bench_secrets.py

What is measured, on the texts of ``benchmarks/corpus.py`` (all deterministic):

1. **Throughput** (decimal MB/s of UTF-8 input, one core) on ~2 MB of benign English prose and
   ~2 MB of application logs. Each tool is fed the way its users feed it:

   * agentguard ``Guard().inspect(text, channel="tool_output")`` on the whole text in one
     call (and, for an apples-to-apples row, on the same 8 KB chunks llm-guard gets), plus
     the raw engine ``SecretDetector().scan(text)``;
   * llm-guard ``Secrets().scan(prompt)`` on prompts of at most 8 KB cut at line ends (the
     scanner writes each prompt to a temporary file and runs ~90 detect-secrets plugins on it);
   * detect-secrets ``scan_line(line)`` on every line inside ``default_settings()`` (its
     in-memory, ad-hoc API, all default plugins and filters), and, as its bulk path,
     ``SecretsCollection().scan_file()`` on the text written once to a temporary file.

   A pass scans the whole text (or, for a slow tool, a prefix sized so that a pass takes
   about ``--pass-seconds``; the table says how much was scanned). Passes repeat until
   ``--min-passes`` and ``--budget`` seconds are reached; the median pass gives MB/s.
2. **Per-call latency** (p50/p90/p99, µs) on a clean ~2 KB JSON tool result: agentguard
   ``Guard().inspect(dict)`` and ``inspect(json_string)``; the peers scan the JSON string.
3. **Sanity**: each tool must find something in a text with planted credentials.

Timing: ``time.perf_counter_ns``, warm-up calls first, the garbage collector paused during
timed loops (as ``timeit`` does), the process pinned to one CPU (``os.sched_setaffinity``),
thread pools capped at one thread. Ratios are agentguard against each peer.

llm-guard depends on ``bc-detect-secrets`` (Bridgecrew's fork), which installs the same
``detect_secrets`` package name as Yelp's detect-secrets. ``setup_peers.sh`` therefore puts
Yelp's package in ``.bench-venv/peers/yelp-detect-secrets`` and this script swaps the two
module trees in ``sys.modules`` (outside the timed regions) so that each peer runs its own
code. See ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import importlib
import importlib.metadata as md
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # sibling module; benchmarks/ is not a package
from provenance import git_state

RESULTS_DIR = Path(__file__).resolve().parent / "results"
YELP_DIR = Path(sys.prefix) / "peers" / "yelp-detect-secrets"
DS_PKG = "detect_secrets"


# --------------------------------------------------------------------------- environment


def limit_threads() -> None:
    """One thread everywhere: set before the peers import numpy/torch."""
    for var in (
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    ):
        os.environ.setdefault(var, "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # The Secrets scanner needs no model; keep any hub lookup from touching the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def pin_cpu(cpu: int | None) -> int | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    target = allowed[-1] if cpu is None else cpu
    os.sched_setaffinity(0, {target})
    return target


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def dist_version(name: str, path: Path | None = None) -> str | None:
    try:
        if path is None:
            return md.version(name)
        for dist in md.distributions(path=[str(path)]):
            if dist.metadata["Name"].lower() == name.lower():
                return dist.version
    except md.PackageNotFoundError:
        return None
    return None


# --------------------------------------------------------------------------- detect_secrets x2


class DetectSecretsFlavors:
    """Two packages named ``detect_secrets`` in one process, swapped in ``sys.modules``.

    ``bc`` is Bridgecrew's fork in site-packages (llm-guard's dependency); ``yelp`` is Yelp's
    detect-secrets from ``YELP_DIR``. Submodules are resolved through the parent package's
    ``__path__``, and detect-secrets imports its filters by dotted name at run time, so
    swapping every ``detect_secrets*`` entry makes each flavour run only its own code.
    """

    def __init__(self) -> None:
        self.trees: dict[str, dict[str, ModuleType]] = {}
        self.active: str | None = None

    @staticmethod
    def _pop_tree() -> dict[str, ModuleType]:
        names = [n for n in sys.modules if n == DS_PKG or n.startswith(DS_PKG + ".")]
        return {n: sys.modules.pop(n) for n in names}

    def load(self, flavor: str, path: Path | None, submodules: Sequence[str]) -> ModuleType:
        """Import a flavour from ``path`` (site-packages when None) and stash its modules."""
        self.deactivate()
        if path is not None:
            sys.path.insert(0, str(path))
        try:
            pkg = importlib.import_module(DS_PKG)
            for sub in submodules:
                importlib.import_module(f"{DS_PKG}.{sub}")
        finally:
            if path is not None:
                sys.path.remove(str(path))
        self.trees[flavor] = self._pop_tree()
        return pkg

    def adopt(self, flavor: str) -> None:
        """Stash whatever ``detect_secrets`` tree is loaded now (imported by a peer)."""
        self.trees[flavor] = self._pop_tree()

    def deactivate(self) -> None:
        if self.active is not None:
            self.trees[self.active].update(self._pop_tree())
            self.active = None

    @contextlib.contextmanager
    def use(self, flavor: str | None) -> Iterator[None]:
        if flavor is None:
            yield
            return
        self.deactivate()
        sys.modules.update(self.trees[flavor])
        self.active = flavor
        try:
            yield
        finally:
            self.deactivate()

    def origin(self, flavor: str) -> str:
        return str(getattr(self.trees[flavor].get(DS_PKG), "__file__", "?"))


# --------------------------------------------------------------------------- tools


#: Splits a text into the units one call scans.
Splitter = Callable[[str], list[str]]


def whole(text: str) -> list[str]:
    return [text]


def lines(text: str) -> list[str]:
    return text.splitlines()


def chunker(max_bytes: int) -> Splitter:
    """Prompts of at most ``max_bytes`` UTF-8 bytes, cut after a newline."""

    def split(text: str) -> list[str]:
        out: list[str] = []
        buf: list[str] = []
        size = 0
        for line in text.splitlines(keepends=True):
            n = len(line.encode("utf-8"))
            if buf and size + n > max_bytes:
                out.append("".join(buf))
                buf, size = [], 0
            buf.append(line)
            size += n
        if buf:
            out.append("".join(buf))
        return out

    return split


@dataclass
class Tool:
    name: str  # "agentguard Guard.inspect"
    family: str  # "agentguard" | "llm-guard" | "detect-secrets"
    fed: str  # how a text is fed, for the table
    split: Splitter
    call: Callable[[Any], int]  # scans one unit, returns the number of findings
    flavor: str | None = None  # detect_secrets flavour it needs active
    note: str = ""


class LimitHit(RuntimeError):
    """agentguard answered with a guard/limit finding: the timing would be meaningless."""


def agentguard_tools(chunk: Splitter, chunk_kb: int) -> tuple[list[Tool], dict[str, Any]]:
    from agentguard import Guard

    guard = Guard()
    info: dict[str, Any] = {"guard": repr(guard)}
    limits = getattr(guard.policy, "limits", None)
    if limits is not None:
        info["limits"] = {
            k: getattr(limits, k, None)
            for k in ("max_chars", "max_depth", "max_items", "on_exceed")
        }

    def inspect(payload: Any) -> int:
        verdict = guard.inspect(payload, channel="tool_output")
        for f in verdict.findings:
            if f.kind.startswith("guard/"):
                raise LimitHit(f"{f.kind}: {verdict.reason}")
        return len(verdict.findings)

    tools = [
        Tool("agentguard Guard.inspect", "agentguard", "whole text, one call", whole, inspect),
        Tool(
            f"agentguard Guard.inspect ({chunk_kb} KB)",
            "agentguard",
            f"≤{chunk_kb} KB prompts (as llm-guard)",
            chunk,
            inspect,
        ),
    ]
    try:
        from agentguard.detectors.secrets import SecretDetector
    except ImportError as exc:
        info["engine"] = f"unavailable: {exc}"
    else:
        engine = SecretDetector()
        info["engine"] = repr(engine)
        info["hyperscan"] = hyperscan_state(engine)

        def scan(text: str) -> int:
            return len(engine.scan(text))

        tools.append(
            Tool(
                "agentguard SecretDetector.scan", "agentguard", "whole text, one call", whole, scan
            )
        )
    return tools, info


def hyperscan_state(engine: Any) -> str:
    """Best effort: what the engine says about its prefilter, else whether hyperscan imports."""
    inner = getattr(engine, "engine", engine)  # SecretDetector wraps a SecretEngine
    for attr in ("prefilter", "backend"):
        value = getattr(inner, attr, None)
        if value is not None and not callable(value):
            return f"{attr}={value!r}"
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return "hyperscan not importable"
    return "hyperscan importable (engine does not say whether it uses it)"


def llm_guard_tools(flavors: DetectSecretsFlavors, chunk: Splitter, chunk_kb: int) -> list[Tool]:
    from llm_guard.input_scanners import Secrets
    from llm_guard.util import configure_logger

    # llm-guard logs every scan (debug when clean, warning on a find) to stdout by default;
    # a service would raise the level. Printing is not what we measure.
    configure_logger(log_level="ERROR", stream=sys.stderr)
    flavors.adopt("bc")
    scanner = Secrets()

    def scan(prompt: str) -> int:
        # The scanner returns no list of secrets, only (sanitized, is_valid, risk_score):
        # count flagged prompts. (Counting its "******" masks is not stable: on the same
        # text it varies from call to call, as overlapping matches are replaced in set order.)
        _sanitized, valid, _score = scanner.scan(prompt)
        return 0 if valid else 1

    return [
        Tool(
            "llm-guard Secrets.scan",
            "llm-guard",
            f"≤{chunk_kb} KB prompts",
            chunk,
            scan,
            flavor="bc",
            note="writes each prompt to a temp file, then detect-secrets (bc fork) + ~90 plugins",
        )
    ]


def detect_secrets_tools(flavors: DetectSecretsFlavors) -> tuple[list[Tool], contextlib.ExitStack]:
    """Yelp's detect-secrets with its default plugins and filters (``default_settings()``)."""
    flavors.load(
        "yelp",
        YELP_DIR,
        ("core.scan", "core.secrets_collection", "settings", "core.plugins.util"),
    )
    with flavors.use("yelp"):
        from detect_secrets.core.scan import scan_line
        from detect_secrets.core.secrets_collection import SecretsCollection
        from detect_secrets.settings import default_settings, get_plugins

        # Enter default_settings once and keep it for the whole run (a long-lived scanner
        # would configure once); the settings singleton lives in Yelp's own module tree.
        settings_cm = default_settings()
        settings_cm.__enter__()
        plugins = {p.secret_type: p for p in get_plugins()}

    def leave_settings() -> None:
        with flavors.use("yelp"):
            settings_cm.__exit__(None, None, None)

    stack = contextlib.ExitStack()
    stack.callback(leave_settings)

    def per_line(line: str) -> int:
        # scan_line is the ad-hoc API: its entropy plugins search eagerly and yield every
        # candidate, leaving the entropy limit to the caller (as `detect-secrets scan
        # --string` does when it prints "False (2.3)"); apply it the same way.
        n = 0
        for secret in scan_line(line):
            plugin = plugins[secret.type]
            limit = getattr(plugin, "entropy_limit", None)
            if (
                limit is not None
                and secret.secret_value
                and plugin.calculate_shannon_entropy(secret.secret_value) <= limit
            ):
                continue
            n += 1
        return n

    tmpdir = Path(tempfile.mkdtemp(prefix="bench-ds-"))
    stack.callback(shutil.rmtree, tmpdir, True)

    def as_file(text: str) -> int:
        path = tmpdir / "scan.txt"
        path.write_text(text, encoding="utf-8")
        secrets = SecretsCollection()
        secrets.scan_file(str(path))
        return sum(len(secrets[f]) for f in secrets.files)

    tools = [
        Tool("detect-secrets scan_line", "detect-secrets", "every line", lines, per_line, "yelp"),
        Tool(
            "detect-secrets scan_file",
            "detect-secrets",
            "whole text via one temp file",
            whole,
            as_file,
            "yelp",
            note="bulk path: text written to a temp file (write included), SecretsCollection",
        ),
    ]
    return tools, stack


# --------------------------------------------------------------------------- timing


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def prefix(text: str, n_bytes: int) -> str:
    """The longest run of whole lines of ``text`` within ``n_bytes`` UTF-8 bytes (≥ 1 line)."""
    data = text.encode("utf-8")
    if len(data) <= n_bytes:
        return text
    cut = data.rfind(b"\n", 0, n_bytes)
    if cut < 0:
        cut = data.find(b"\n", n_bytes)
    return data[: cut + 1].decode("utf-8") if cut >= 0 else text


@dataclass
class Throughput:
    tool: str
    corpus: str
    fed: str
    bytes_total: int
    bytes_scanned: int
    calls_per_pass: int
    passes: int
    pass_ms: list[float]
    mb_s_median: float
    mb_s_best: float
    findings: int
    note: str = ""


def measure_throughput(
    tool: Tool,
    corpus_name: str,
    text: str,
    *,
    budget_s: float,
    pass_s: float,
    min_passes: int,
    max_passes: int,
) -> Throughput:
    total = len(text.encode("utf-8"))
    # Warm-up and rate estimate on the first ~64 KB, fed the tool's way.
    sample = prefix(text, 64_000)
    t0 = time.perf_counter_ns()
    for u in tool.split(sample):
        tool.call(u)
    warm_s = max((time.perf_counter_ns() - t0) / 1e9, 1e-9)
    rate = len(sample.encode("utf-8")) / warm_s  # bytes/s
    # A slow tool scans a prefix sized for about pass_s seconds (never under ~128 KB).
    if rate * pass_s < total:
        text = prefix(text, max(int(rate * pass_s), 128_000))
    work = tool.split(text)
    scanned = sum(len(u.encode("utf-8")) for u in work)
    if tool.split is whole and scanned == total:
        tool.call(text)  # a full-size warm-up for one-call tools (caches, buffers)
    passes: list[int] = []
    findings = 0
    with gc_paused():
        start = time.perf_counter_ns()
        while True:
            t = time.perf_counter_ns()
            found = 0
            for u in work:
                found += tool.call(u)
            passes.append(time.perf_counter_ns() - t)
            if len(passes) == 1:
                findings = found
            elapsed = (time.perf_counter_ns() - start) / 1e9
            if len(passes) >= max_passes or (len(passes) >= min_passes and elapsed >= budget_s):
                break
            if elapsed >= 3 * budget_s:  # a very slow tool: fewer passes, said in the output
                break
    med = statistics.median(passes) / 1e9
    best = min(passes) / 1e9
    note = tool.note
    if scanned < total:
        note = (note + "; " if note else "") + f"prefix of {scanned / 1e3:.0f} KB (slow)"
    return Throughput(
        tool=tool.name,
        corpus=corpus_name,
        fed=tool.fed,
        bytes_total=total,
        bytes_scanned=scanned,
        calls_per_pass=len(work),
        passes=len(passes),
        pass_ms=[round(p / 1e6, 3) for p in passes],
        mb_s_median=scanned / med / corpus.MB,
        mb_s_best=scanned / best / corpus.MB,
        findings=findings,
        note=note,
    )


@dataclass
class Latency:
    tool: str
    call: str
    payload_bytes: int
    calls: int
    p50_us: float
    p90_us: float
    p99_us: float
    mean_us: float
    findings: int
    note: str = ""


def measure_latency(
    name: str,
    call_desc: str,
    fn: Callable[[], int],
    payload_bytes: int,
    *,
    budget_s: float,
    min_calls: int,
    max_calls: int,
) -> Latency:
    # Warm-up: at least 20 calls and ~0.3 s, which also gives the per-call estimate.
    t0 = time.perf_counter_ns()
    n = 0
    findings = fn()
    while n < 20 or (time.perf_counter_ns() - t0) < 300_000_000:
        fn()
        n += 1
        if n >= max_calls:
            break
    est = (time.perf_counter_ns() - t0) / 1e9 / (n + 1)
    calls = int(min(max(budget_s / est, min_calls), max_calls))
    samples = [0] * calls
    clock = time.perf_counter_ns
    with gc_paused():
        for i in range(calls):
            t = clock()
            fn()
            samples[i] = clock() - t
    q = statistics.quantiles(samples, n=100, method="inclusive")
    note = ""
    if calls < max_calls and calls <= min_calls:
        note = f"slow: {calls} calls"
    return Latency(
        tool=name,
        call=call_desc,
        payload_bytes=payload_bytes,
        calls=calls,
        p50_us=q[49] / 1e3,
        p90_us=q[89] / 1e3,
        p99_us=q[98] / 1e3,
        mean_us=statistics.fmean(samples) / 1e3,
        findings=findings,
        note=note,
    )


# --------------------------------------------------------------------------- report


@dataclass
class Report:
    started: str
    command: str
    machine: dict[str, Any]
    versions: dict[str, str | None]
    agentguard: dict[str, Any]
    settings: dict[str, Any]
    corpora: dict[str, int]
    throughput: list[Throughput] = field(default_factory=list)
    latency: list[Latency] = field(default_factory=list)
    sanity: dict[str, int] = field(default_factory=dict)
    targets: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def fmt(x: float, digits: int = 3) -> str:
    """A number with about ``digits`` significant figures, no exponent."""
    if x == 0:
        return "0"
    if x >= 10 ** (digits - 1):
        return f"{x:,.0f}"
    decimals = max(digits - 1 - int(f"{x:e}".split("e")[1]), 0)
    return f"{x:.{decimals}f}"


def ratio(x: float) -> str:
    return f"{fmt(x)}×"


def markdown(r: Report, base_tp: str, base_lat: str) -> str:
    out: list[str] = []
    m = r.machine
    out.append(f"## agentguard vs llm-guard `Secrets` vs detect-secrets ({r.started[:10]})")
    out.append("")
    out.append(
        f"Machine: {m['cpu']}, {m['cpus_online']} cores, pinned to CPU {m['pinned_cpu']}; "
        f"Python {m['python']} ({m['platform']}); "
        f"hyperscan: {r.agentguard.get('hyperscan', 'n/a')}; "
        f"agentguard at {m['agentguard_git']}; load average at start "
        f"{m['loadavg_at_start'][0]}."
    )
    out.append(
        "Versions: " + ", ".join(f"{k} {v}" for k, v in r.versions.items() if v is not None) + "."
    )
    c = r.corpora
    out.append(
        f"Texts: prose {c['prose'] / 1e6:.2f} MB, logs {c['logs'] / 1e6:.2f} MB, "
        f"tool result {c['tool_result_json']} B of JSON, planted-secrets text {c['planted']} B."
    )
    out.append("")

    out.append("### Throughput, one core (decimal MB/s of input: median pass (best pass))")
    out.append("")
    out.append(
        "| tool · call | fed as | prose MB/s | logs MB/s | scanned (prose / logs) "
        "| findings on benign text (prose / logs) | agentguard ÷ tool (prose / logs) |"
    )
    out.append("|---|---|--:|--:|---|---|--:|")
    by: dict[tuple[str, str], Throughput] = {(t.tool, t.corpus): t for t in r.throughput}
    names = list(dict.fromkeys(t.tool for t in r.throughput))
    for name in names:
        p, lg = by.get((name, "prose")), by.get((name, "logs"))
        bp, bl = by.get((base_tp, "prose")), by.get((base_tp, "logs"))

        def cell(t: Throughput | None) -> str:
            return f"{fmt(t.mb_s_median)} ({fmt(t.mb_s_best)})" if t else "–"

        def scanned(t: Throughput | None) -> str:
            if t is None:
                return "–"
            s = f"{t.bytes_scanned / 1e6:.2f} MB ×{t.passes}"
            return s + (" (prefix)" if t.bytes_scanned < t.bytes_total else "")

        def rat(b: Throughput | None, t: Throughput | None) -> str:
            return ratio(b.mb_s_median / t.mb_s_median) if b and t else "–"

        first = p or lg
        fed = first.fed if first else ""
        found = f"{p.findings if p else '–'} / {lg.findings if lg else '–'}"
        rats = "baseline" if name == base_tp else f"{rat(bp, p)} / {rat(bl, lg)}"
        out.append(
            f"| {name} | {fed} | {cell(p)} | {cell(lg)} | {scanned(p)} / {scanned(lg)} "
            f"| {found} | {rats} |"
        )
    out.append("")
    out.append(f"### Per-call latency on a clean {c['tool_result_json']} B JSON tool result (µs)")
    out.append("")
    out.append(
        "| tool · call | p50 | p90 | p99 | calls timed | findings | tool p50 ÷ agentguard p50 |"
    )
    out.append("|---|--:|--:|--:|--:|--:|--:|")
    base = next((x for x in r.latency if x.tool == base_lat), None)
    for x in r.latency:
        rel = "baseline" if x is base else (ratio(x.p50_us / base.p50_us) if base else "–")
        out.append(
            f"| {x.tool} · `{x.call}` | {fmt(x.p50_us)} | {fmt(x.p90_us)} | {fmt(x.p99_us)} "
            f"| {x.calls:,} | {x.findings} | {rel} |"
        )
    out.append("")
    out.append(f"### Sanity: findings in the planted-secrets text ({c['planted']} B)")
    out.append("")
    out.append(
        "Counts differ in kind: agentguard counts non-overlapping findings, detect-secrets one "
        "per plugin and line, llm-guard flagged prompts (its scan returns no list)."
    )
    out.append("")
    out.append("| tool · call | findings | detects something |")
    out.append("|---|--:|---|")
    for name, n in r.sanity.items():
        out.append(f"| {name} | {n} | {'yes' if n > 0 else '**no**'} |")
    if r.targets:
        out.append("")
        out.append("### Targets")
        out.append("")
        for label, t in r.targets.items():
            out.append(
                f"- {label}: measured {t['measured']} → {'met' if t['met'] else '**missed**'}"
            )
    notes = [f"- {t.tool} ({t.corpus}): {t.note}" for t in r.throughput if t.note] + [
        f"- {x.tool}: {x.note}" for x in r.latency if x.note
    ]
    if notes:
        out.append("")
        out.append("Notes:")
        out.extend(dict.fromkeys(notes))
    if r.errors:
        out.append("")
        out.append("Errors:")
        out.extend(f"- {e}" for e in r.errors)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    p.add_argument("--prose-mb", type=float, default=2.0, help="size of the prose text")
    p.add_argument("--logs-mb", type=float, default=2.0, help="size of the log text")
    p.add_argument("--chunk-kb", type=int, default=8, help="prompt size for llm-guard")
    p.add_argument("--budget", type=float, default=3.0, help="seconds per throughput row")
    p.add_argument("--pass-seconds", type=float, default=3.0, help="max seconds per pass")
    p.add_argument("--min-passes", type=int, default=3)
    p.add_argument("--max-passes", type=int, default=30)
    p.add_argument("--latency-budget", type=float, default=3.0, help="seconds per latency row")
    p.add_argument("--min-calls", type=int, default=300)
    p.add_argument("--max-calls", type=int, default=50_000)
    p.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: the last)")
    p.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    p.add_argument("--only", default="", help="comma list of families to run")
    p.add_argument("--quick", action="store_true", help="small texts and budgets (smoke test)")
    p.add_argument("--no-json", action="store_true", help="do not write benchmarks/results/")
    args = p.parse_args(argv)
    if args.quick:
        args.prose_mb, args.logs_mb = min(args.prose_mb, 0.25), min(args.logs_mb, 0.25)
        args.budget, args.pass_seconds, args.latency_budget = 0.3, 0.5, 0.3
        args.min_passes, args.min_calls = 1, 50
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    limit_threads()
    pinned = pin_cpu(args.cpu)
    families = {f.strip() for f in args.only.split(",") if f.strip()}

    def wanted(family: str) -> bool:
        return not families or family in families

    started = datetime.now(UTC).isoformat(timespec="seconds")
    texts = corpus.build(int(args.prose_mb * corpus.MB), int(args.logs_mb * corpus.MB), args.seed)
    chunk = chunker(args.chunk_kb * 1024)

    tools: list[Tool] = []
    errors: list[str] = []
    ag_info: dict[str, Any] = {}
    flavors = DetectSecretsFlavors()
    stack = contextlib.ExitStack()
    if wanted("agentguard"):
        try:
            ag_tools, ag_info = agentguard_tools(chunk, args.chunk_kb)
            tools += ag_tools
        except ImportError as exc:
            errors.append(f"agentguard unavailable: {exc}")
    if wanted("llm-guard"):
        try:
            tools += llm_guard_tools(flavors, chunk, args.chunk_kb)
        except ImportError as exc:
            errors.append(f"llm-guard unavailable: {exc}")
    if wanted("detect-secrets"):
        try:
            ds_tools, ds_stack = detect_secrets_tools(flavors)
            tools += ds_tools
            stack.enter_context(ds_stack)
        except ImportError as exc:
            errors.append(f"detect-secrets unavailable: {exc}")
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)

    versions = {
        "agentguard": dist_version("agentguard"),
        "llm-guard": dist_version("llm-guard"),
        "bc-detect-secrets (llm-guard's)": dist_version("bc-detect-secrets"),
        "detect-secrets (Yelp)": dist_version("detect-secrets", YELP_DIR),
        "torch": dist_version("torch"),
        "hyperscan": dist_version("hyperscan"),
        "google-re2": dist_version("google-re2"),
        "pydantic": dist_version("pydantic"),
    }
    machine = {
        "cpu": cpu_model(),
        "cpus_online": os.cpu_count(),
        "pinned_cpu": pinned,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "agentguard_git": git_state(),
        "detect_secrets_origins": {f: flavors.origin(f) for f in flavors.trees},
    }
    report = Report(
        started=started,
        command=" ".join([Path(sys.executable).name, *sys.argv]),
        machine=machine,
        versions=versions,
        agentguard=ag_info,
        settings={k: v for k, v in vars(args).items()},
        corpora={
            "prose": len(texts.prose.encode()),
            "logs": len(texts.logs.encode()),
            "tool_result_json": len(texts.tool_result_json.encode()),
            "planted": len(texts.planted.encode()),
        },
        errors=errors,
    )

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    with stack:
        # Sanity first: every tool must find something in the planted text.
        for tool in tools:
            with flavors.use(tool.flavor):
                try:
                    report.sanity[tool.name] = sum(tool.call(u) for u in tool.split(texts.planted))
                except LimitHit as exc:
                    errors.append(f"{tool.name}: {exc}")
        for tool in tools:
            for name, text in (("prose", texts.prose), ("logs", texts.logs)):
                log(f"throughput: {tool.name} on {name} …")
                with flavors.use(tool.flavor):
                    try:
                        res = measure_throughput(
                            tool,
                            name,
                            text,
                            budget_s=args.budget,
                            pass_s=args.pass_seconds,
                            min_passes=args.min_passes,
                            max_passes=args.max_passes,
                        )
                    except LimitHit as exc:
                        errors.append(f"{tool.name} on {name}: {exc}")
                        continue
                report.throughput.append(res)
                log(f"  {res.mb_s_median:.3f} MB/s ({res.passes} passes)")

        lat_cases: list[tuple[str, str, Callable[[], int], str | None]] = []
        payload, payload_json = texts.tool_result, texts.tool_result_json
        for tool in tools:
            if tool.name == "agentguard Guard.inspect":
                lat_cases.append(
                    (
                        tool.name + " (dict)",
                        "inspect(dict, channel='tool_output')",
                        functools.partial(tool.call, payload),
                        None,
                    )
                )
                lat_cases.append(
                    (
                        tool.name + " (JSON str)",
                        "inspect(json_str, channel='tool_output')",
                        functools.partial(tool.call, payload_json),
                        None,
                    )
                )
            elif tool.name == "agentguard SecretDetector.scan":
                lat_cases.append(
                    (tool.name, "scan(json_str)", functools.partial(tool.call, payload_json), None)
                )
            elif tool.family != "agentguard":
                units = tool.split(payload_json)
                desc = "scan(json_str)"
                if tool.name == "detect-secrets scan_line":
                    desc = "scan_line(line) for each line of json_str"
                elif tool.name == "detect-secrets scan_file":
                    desc = "temp file + SecretsCollection.scan_file"

                def run_units(t: Tool = tool, us: list[str] = units) -> int:
                    return sum(t.call(u) for u in us)

                lat_cases.append((tool.name, desc, run_units, tool.flavor))
        for name, desc, fn, flavor in lat_cases:
            log(f"latency: {name} …")
            with flavors.use(flavor):
                try:
                    lat = measure_latency(
                        name,
                        desc,
                        fn,
                        report.corpora["tool_result_json"],
                        budget_s=args.latency_budget,
                        min_calls=args.min_calls,
                        max_calls=args.max_calls,
                    )
                except LimitHit as exc:
                    errors.append(f"{name}: {exc}")
                    continue
            report.latency.append(lat)
            log(f"  p50 {lat.p50_us:.1f} µs ({lat.calls} calls)")

    base_tp = "agentguard Guard.inspect"
    base_lat = "agentguard Guard.inspect (dict)"
    tp = {(t.tool, t.corpus): t for t in report.throughput}
    for corpus_name in ("prose", "logs"):
        if (base_tp, corpus_name) in tp:
            v = tp[(base_tp, corpus_name)].mb_s_median
            report.targets[f"Guard.inspect ≥ 100 MB/s on {corpus_name}"] = {
                "measured": f"{fmt(v)} MB/s",
                "met": v >= 100,
            }
    lat_by = {x.tool: x for x in report.latency}
    if base_lat in lat_by:
        b = lat_by[base_lat]
        report.targets["Guard.inspect p50 ≤ 30 µs on the 2 KB tool result"] = {
            "measured": f"{fmt(b.p50_us)} µs",
            "met": b.p50_us <= 30,
        }
        if "llm-guard Secrets.scan" in lat_by:
            rel = lat_by["llm-guard Secrets.scan"].p50_us / b.p50_us
            report.targets["Guard.inspect ≥ 200× faster than llm-guard (p50)"] = {
                "measured": ratio(rel),
                "met": rel >= 200,
            }

    print(markdown(report, base_tp, base_lat))
    if not args.no_json:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        stamp = started.replace(":", "").replace("-", "").replace("+0000", "Z")
        doc = asdict(report)
        for path in (RESULTS_DIR / f"bench_secrets-{stamp}.json", RESULTS_DIR / "latest.json"):
            path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        log(f"wrote {RESULTS_DIR / 'latest.json'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
