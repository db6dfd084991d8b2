"""The enumerations of the data, each defined once with what readers see of it.

The schema takes its allowed values from here, and pages, the API and the contributor guide
render labels and meanings from here.
"""

from __future__ import annotations

from typing import NamedTuple


class Level(NamedTuple):
    icon: str  # decoration only: the label carries the meaning
    label: str
    meaning: str


LEVELS: dict[str, Level] = {
    "built-in": Level("✔", "Built in", "ships with the framework itself"),
    "partial": Level("◐", "Partial", "built in but incomplete; the cell says what is missing"),
    "official-extension": Level("⊕", "Official extension", "a separate package maintained by the same project"),
    "third-party": Level("⊞", "Third party", "available from packages maintained by others"),
    "none": Level("✘", "Not available", "neither built in nor commonly provided by a package"),
    "unknown": Level("?", "Unknown", "not verified yet; we say so rather than guess"),
}

KINDS: dict[str, str] = {
    "micro": "Micro-framework",
    "full-stack": "Full-stack",
    "api": "API framework",
    "toolkit": "Toolkit",
}

INTERFACES = ("WSGI", "ASGI", "own server")

SECTIONS = ("identity", "community", "feature-summary", "use-cases", "notable-users", "pros-cons")
