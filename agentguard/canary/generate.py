"""Random canaries to plant in training data, in the manner of Carlini et al. (USENIX
Security 2019, "The Secret Sharer"): a fixed sentence with a random secret part, so that a
model that reproduces one has memorised it (it cannot be guessed or inferred).

Each canary has a random id; the secret part is 9 digits from the OS's CSPRNG (about 30
bits), plus two words from small lists so that canaries read like ordinary text.
"""

from __future__ import annotations

import secrets

from agentguard.canary.records import Record

_ADJECTIVES = (
    "amber", "brisk", "cobalt", "dusty", "eager", "fabled", "gentle", "hollow", "ivory",
    "jagged", "keen", "lunar", "mellow", "nimble", "olive", "plaid", "quiet", "russet",
    "silent", "tidal", "umber", "vivid", "woven", "young", "zesty",
)  # fmt: skip
_NOUNS = (
    "anchor", "beacon", "cinder", "delta", "ember", "falcon", "garnet", "harbor", "island",
    "juniper", "kestrel", "lantern", "meadow", "nectar", "orchid", "pebble", "quarry",
    "raven", "summit", "thistle", "upland", "violet", "willow", "yarrow", "zephyr",
)  # fmt: skip


def canary(prefix: str = "canary") -> Record:
    adj, noun = secrets.choice(_ADJECTIVES), secrets.choice(_NOUNS)
    number = f"{secrets.randbelow(10**9):09d}"
    text = f"The {adj} {noun} verification number is {number[:3]}-{number[3:6]}-{number[6:]}."
    return Record(f"{prefix}-{secrets.token_hex(6)}", text)


def canaries(n: int, prefix: str = "canary") -> list[Record]:
    if n < 1:
        raise ValueError("n must be at least 1")
    return [canary(prefix) for _ in range(n)]
