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
    score: int  # what the decision guide counts for a need met at this level (0 to 3)


LEVELS: dict[str, Level] = {
    "built-in": Level("✔", "Built in", "ships with the framework itself", 3),
    "partial": Level("◐", "Partial", "built in but incomplete; the cell says what is missing", 2),
    "official-extension": Level("⊕", "Official extension", "a separate package maintained by the same project", 2),
    "third-party": Level("⊞", "Third party", "available from packages maintained by others", 1),
    "none": Level("✘", "Not available", "neither built in nor commonly provided by a package", 0),
    "unknown": Level("?", "Unknown", "not verified yet; we say so rather than guess", 0),
}

KINDS: dict[str, str] = {
    "micro": "Micro-framework",
    "full-stack": "Full-stack",
    "api": "API framework",
    "toolkit": "Toolkit",
    # A package that adds to another framework (Django REST framework to Django): its sheet
    # names that framework in `builds_on`, and its features say which come from it.
    "extension": "Extension",
}

INTERFACES = ("WSGI", "ASGI", "own server")

# Sections of measured figures lead their criterion page; the frameworks' verdicts follow them.
LEADING_SECTIONS = ("benchmarks",)

SECTIONS = ("identity", "community", "feature-summary", "use-cases", "notable-users", "pros-cons", "benchmarks")

# The servers scripts/bench_frameworks.py can run a framework under: a sheet's
# `benchmark.servers` names some of these (the script describes each one).
BENCHMARK_SERVERS = (
    "gunicorn-sync",
    "gunicorn-gthread",
    "uvicorn",
    "granian",
    "hypercorn",
    "aiohttp",
    "sanic",
    "tornado",
    "robyn",
)
