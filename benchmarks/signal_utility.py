"""Utility left by the embedding reductions: mean cosine between a vector and its reduction.

Run with the project venv: ``.venv/bin/python benchmarks/signal_utility.py``.

Unit vectors drawn uniformly on the sphere (seeded), 50 per dimension; ``noise`` is the
Gaussian mechanism with ``delta = 1e-5`` and ``clip_norm = 1`` (the policy defaults).
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agentguard.signals.reduce import gaussian_noise, noise_sigma, quantize


def unit(rng: random.Random, dim: int) -> list[float]:
    v = [rng.gauss(0.0, 1.0) for _ in range(dim)]
    n = math.sqrt(sum(x * x for x in v))
    return [x / n for x in v]


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vectors", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print("| dim | reduction | mean cosine to the original |")
    print("| --- | --- | --- |")
    for dim in (384, 1536):
        vs = [unit(rng, dim) for _ in range(args.vectors)]
        for bits in (1, 2, 4, 8):
            c = statistics.mean(cosine(v, quantize(v, bits)) for v in vs)
            print(f"| {dim} | quantize, bits = {bits} | {c:.3f} |")
        for eps in (1.0, 10.0, 100.0, 500.0):
            sigma = noise_sigma(eps, 1e-5, 1.0)
            c = statistics.mean(cosine(v, gaussian_noise(v, eps, 1e-5, 1.0)) for v in vs)
            print(f"| {dim} | noise, epsilon = {eps:g} (sigma {sigma:.3f}) | {c:.3f} |")


if __name__ == "__main__":
    main()
