"""Synthetic fact sheets and throw-away copies of the project.

Tests that need exact control over the data (bad input, hostile input, rendering rules) build
their own project in a temporary directory instead of depending on the real facts.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from macros.model import CATALOGUES, ROOT, load_catalogues

SOURCE = {"source": "https://example.org/docs/page", "as_of": "2026-01-15"}


# One other benchmark, of servers only: it names no framework, so it fits any synthetic project.
OUTSIDE_BENCHMARKS = [
    {
        "id": "example-bench",
        "name": "Example benchmark",
        "url": "https://example.org/bench",
        "as_of": "2026-01-15",
        "method": "wrk against bare apps on each server, on one machine.",
        "frameworks": [],
    }
]


def valid_sheet(slug: str = "alpha", name: str = "Alpha") -> dict[str, Any]:
    """A fact sheet that passes validation, with every catalogue entry filled in."""
    catalogues = load_catalogues(ROOT)
    features, metrics, criteria = catalogues.features, catalogues.metrics, catalogues.criteria
    return {
        "slug": slug,
        "name": name,
        "tagline": f"{name} is a synthetic framework for tests.",
        "kind": "micro",
        "homepage": f"https://{slug}.example.org/",
        "documentation": f"https://{slug}.example.org/docs/",
        "repository": f"https://github.com/example/{slug}",
        "pypi": slug,
        "license": {"value": "BSD-3-Clause", **SOURCE},
        "creators": {"value": ["Ada Example"], **SOURCE},
        "first_release": {"version": "0.1", "date": "2010-04-16", **SOURCE},
        "latest_release": {"version": "3.1", "date": "2026-01-10", **SOURCE},
        "support_policy": {"published": False, **SOURCE},  # or data/support/<slug>.yml
        "python": {"value": ">=3.10", **SOURCE},
        "interfaces": {"value": ["WSGI"], **SOURCE},
        "features": {feature.id: {"level": "built-in", **SOURCE} for feature in features},
        "metrics": {metrics[0].id: {"value": 1234, "method": "counted by hand", **SOURCE}},
        "use_cases": {"good_fit": ["small services"], "poor_fit": ["large portals"]},
        "notable_users": [{"organisation": "Example Corp", "usage": "internal tools", **SOURCE}],
        "pros": ["small"],
        "cons": ["few batteries"],
        "criteria": {
            criterion.id: {"summary": f"{name} on {criterion.title} [1].", "claims": [{"text": "A fact.", **SOURCE}]}
            for criterion in criteria
        },
        "tracking": {"not_tracked": {metric.id: "A synthetic framework." for metric in metrics if metric.tracked}},
        "benchmark": {
            "configuration": {
                "debug": "off (the default)",
                "middleware": "none",
                "validation": "the path converter",
                "templates": "Jinja2",
                "json_encoder": "the standard json module",
                "database": "SQLAlchemy with psycopg, its default pool",
                "source": "https://example.org/docs/page",
                "as_of": "2026-01-15",
            },
            "servers": ["gunicorn-sync"],
            "not_measured": "A synthetic framework.",
        },
    }


def release_history(version: str = "3.1", date: str = "2026-01-10") -> str:
    """A release history (data/releases/) that holds the given latest release."""
    return (
        "source: https://github.com/example/alpha/tree/0123456789abcdef0123456789abcdef01234567\n"
        "method: Tags of the repository at that commit.\n"
        "as_of: 2026-11-30\n"
        f"releases:\n  - {{version: '0.1', date: 2010-04-16}}\n  - {{version: '{version}', date: {date}}}\n"
    )


def advisory_record(package: str = "alpha", version: str = "1.0") -> str:
    """A security record (data/advisories/) for a package pinned at `version`, without advisories
    or dependencies."""
    return (
        f"package: {package}\nversion: '{version}'\nrequires_source: https://pypi.org/pypi/{package}/json\n"
        "source: https://github.com/pypa/advisory-database/tree/0123456789abcdef0123456789abcdef01234567\n"
        "covers_until: 2024-10-10\nas_of: 2026-11-30\nmethod: Written by hand for the tests.\n"
        f"packages:\n  - name: {package}\n    newest: '{version}'\n    checked: ['{version}']\n    advisories: []\n"
    )


SAMPLE = 'app = "sample"  # refers to hello.html\n'


def write_project(root: Path, sheets: dict[str, dict[str, Any] | str]) -> Path:
    """Copy the site's code and catalogues to `root` and add the given fact sheets.

    A sheet given as a string is written verbatim, so tests control every byte and line.
    """
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("docs", "macros", "scripts"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "data" / "frameworks").mkdir(parents=True)
    for name in CATALOGUES:
        shutil.copy(ROOT / "data" / name, root / "data" / name)
    # The real list names the real frameworks, which a synthetic project does not have.
    (root / "data" / "outside_benchmarks.yml").write_text(yaml.safe_dump(OUTSIDE_BENCHMARKS), encoding="utf-8")
    pins = []
    for slug, sheet in sheets.items():
        text = sheet if isinstance(sheet, str) else yaml.safe_dump(sheet, sort_keys=False, allow_unicode=True)
        (root / "data" / "frameworks" / f"{slug}.yml").write_text(text, encoding="utf-8")
        pins.append(f"{slug}==1.0")
        samples = root / "data" / "samples" / slug
        (samples / "templates").mkdir(parents=True)
        for module in ("hello_world", "json_endpoint", "html_template", "fortunes"):
            (samples / f"{module}.py").write_text(SAMPLE, encoding="utf-8")
        (samples / "templates" / "hello.html").write_text("<h1>Hello, {{ name }}!</h1>\n", encoding="utf-8")
        tests = root / "tests" / "samples"
        tests.mkdir(parents=True, exist_ok=True)
        (tests / f"test_{slug.replace('-', '_')}.py").write_text("def test_samples() -> None: ...\n", encoding="utf-8")
        (root / "data" / "releases").mkdir(exist_ok=True)
        (root / "data" / "releases" / f"{slug}.yml").write_text(release_history(*_latest(sheet)), encoding="utf-8")
        (root / "data" / "advisories").mkdir(exist_ok=True)
        (root / "data" / "advisories" / f"{slug}.yml").write_text(advisory_record(slug), encoding="utf-8")
    (root / "data" / "samples" / "requirements.txt").write_text("\n".join(pins) + "\n", encoding="utf-8")
    return root


def _latest(sheet: dict[str, Any] | str) -> tuple[str, str]:
    """The latest release a sheet states, if it can be read (a test may pass any text)."""
    try:
        data = yaml.safe_load(sheet) if isinstance(sheet, str) else sheet
        latest = data["latest_release"]
        version, date = str(latest["version"]), str(latest["date"])
    except (yaml.YAMLError, ValueError, KeyError, TypeError):
        return "3.1", "2026-01-10"
    return (version, date) if re.fullmatch(r"[0-9]+(\.[0-9]+){0,3}", version) else ("3.1", "2026-01-10")


def load_sample(framework: str, name: str) -> ModuleType:
    """Import data/samples/<framework>/<name>.py by path (the folder is not a package).

    The module is registered in sys.modules under a sample-specific name, as a normal import
    would: Pyramid and Litestar look the module up there (caller lookup, type hints).
    """
    path = ROOT / "data" / "samples" / framework / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"sample_{framework}_{name}", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run_script(root: Path, name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/<name>.py as a contributor would, from the project root: `python -m scripts.<name>`."""
    return subprocess.run([sys.executable, "-m", f"scripts.{name}", *args], cwd=root, capture_output=True, text=True)


def mkdocs_build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )


# Benchmark runs (data/benchmarks/)

BENCHMARK_DATE = "2026-11-01"
BASELINE = [2000.0, 2100.0, 1900.0, 2050.0, 1950.0]
FLASK = [1000.0, 1260.0, 950.0, 1025.0, 1170.0]


def measurements(values: list[float], baseline: list[float] | None = None) -> list[dict[str, Any]]:
    runs = []
    for index, value in enumerate(values):
        run = {
            "round": index + 1,
            "requests_per_second": value,
            "requests_per_cpu_second": 2 * value,  # the server had half its core
            "cpu_seconds": 1.5,
            "latency_p50_ms": 5.0 + index,
            "latency_p99_ms": 20.0 + index,
            "socket_errors": 0,
            "bad_responses": 0,
        }
        if baseline:
            run["ratio"] = round(value / baseline[index], 3)
        runs.append(run)
    return runs


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measured(values: list[float], baseline: list[float] | None = None) -> dict[str, Any]:
    return {
        "sample": "json_endpoint",
        "server": "gunicorn-sync",
        "command": "taskset -c 0 .venv/bin/gunicorn --chdir scripts --bind 127.0.0.1:8000 bench_apps:wsgi",
        "load_command": "taskset -c 1 wrk -t1 -c32 -d3s http://127.0.0.1:8000/items/42",
        "requests_per_second": spread(values),
        "requests_per_cpu_second": spread([2 * value for value in values]),
        "cpu_share": 0.5,
        "latency_ms": {"p50": 7.0, "p99": 22.0},
        "runs": measurements(values, baseline),
    }


def valid_benchmark_run() -> dict[str, Any]:
    """A small benchmark run (data/benchmarks/) that passes every rule: one server, its
    baseline and Flask."""
    ratios = [round(value / base, 3) for value, base in zip(FLASK, BASELINE, strict=True)]
    return {
        "date": BENCHMARK_DATE,
        "method": "Measured over loopback with wrk on a two-core machine.",
        "caveats": ["Loopback only, no database, small responses."],
        "command": ".venv/bin/python -m scripts.bench_frameworks",
        "duration_seconds": 1300,
        "machine": {
            "cpu": "AMD EPYC",
            "virtual": True,
            "cores": 2,
            "memory_mib": 24105,
            "os": "Debian GNU/Linux 12 (bookworm)",
            "kernel": "Linux 6.1",
            "python": "3.13.0",
            "load_average_start": 0.5,
            "load_average_end": 1.5,
        },
        "load": {
            "tool": "wrk 4.1.0",
            "connections": 32,
            "threads": 1,
            "duration_seconds": 3,
            "warmup_seconds": 1,
            "timeout_seconds": 2,
            "runs": 5,
            "server_cpus": "0",
            "client_cpus": "1",
            "paths": {"json_endpoint": "/items/42", "html_template": "/hello/World"},
        },
        "servers": [
            {
                "id": "gunicorn-sync",
                "name": "gunicorn, sync worker",
                "package": "gunicorn",
                "interface": "WSGI",
                "settings": "One worker process.",
                "baseline": "bare-wsgi",
                "baseline_server": "gunicorn-sync",
            }
        ],
        "baselines": [{"app": "bare-wsgi", **measured(BASELINE)}],
        "results": [
            {
                "framework": "flask",
                "framework_version": "3.1.3",
                **measured(FLASK, BASELINE),
                "baseline": "bare-wsgi",
                "baseline_server": "gunicorn-sync",
                "ratio": spread(ratios),
            }
        ],
        "skipped": [],
        "packages": {"flask": "3.1.3", "gunicorn": "27.0.1"},
    }


def extension_of(base: str, slug: str = "beta") -> dict:
    """A valid sheet of an extension that builds on `base`, with builds_on where the key order wants it."""
    sheet = valid_sheet(slug, slug.capitalize())
    sheet["kind"] = "extension"
    ordered: dict[str, Any] = {}
    for key, value in sheet.items():
        ordered[key] = value
        if key == "kind":
            ordered["builds_on"] = {"framework": base, "source": "https://example.org/base", "as_of": "2026-01-15"}
    return ordered
