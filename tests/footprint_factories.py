"""Synthetic footprint runs (data/footprint/<date>.yml) for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from macros.footprint import method_text

FOOTPRINT_DATE = "2026-11-30"


def footprint_entry(slug: str = "alpha", version: str = "3.1") -> dict[str, Any]:
    """A typed framework with one dependency, scored by pyright."""
    return {
        "framework": slug,
        "package": slug,
        "version": version,
        "module": slug,
        "imports": f"from {slug} import App; import {slug}.web",
        "distributions": {slug: version, "blinker": "1.9.0"},
        "installed_bytes": 2_500_000,
        "wall_time": {"interpreter_ms": 75.0, "baseline_ms": 14.5, "import_ms": 60.5},
        "cpu_time": {"interpreter_ms": 70.0, "baseline_ms": 12.0, "import_ms": 58.0},
        "py_typed": True,
        "completeness": 0.75,
        "symbols": {"known": 300, "ambiguous": 40, "unknown": 60},
        "pyright_message": None,
        "commands": {
            "install": f"PIP_CONFIG_FILE=/dev/null $VENV/bin/python -m pip install --isolated {slug}=={version}",
            "import_module": f"$VENV/bin/python -I -c 'import {slug}'",
            "verify_types": f"PATH=$VENV/bin:$PATH pyright --verifytypes {slug} --outputjson",
        },
    }


def valid_footprint_run(*slugs: str) -> dict[str, Any]:
    """A published run measuring the given frameworks (default: alpha)."""
    return {
        "date": FOOTPRINT_DATE,
        "method": method_text("3.13.0", "Linux x86_64", "24.2", 15, "1.1.414"),
        "caveats": ["Wall-clock times on a shared machine."],
        "command": ".venv/bin/python -m scripts.measure_footprint",
        "duration_seconds": 120,
        "machine": {
            "cpu": "AMD EPYC",
            "virtual": True,
            "cores": 2,
            "memory_mib": 24000,
            "os": "Debian GNU/Linux 12 (bookworm)",
            "kernel": "Linux 6.1",
            "python": "3.13.0",
            "load_average_start": 0.5,
            "load_average_end": 0.6,
        },
        "platform": "Linux x86_64",
        "pip": "24.2",
        "pyright": "1.1.414",
        "runs": 15,
        "venv_command": "python3.13 -m venv $VENV",
        "baseline_command": "$VENV/bin/python -I -c pass",
        "frameworks": [footprint_entry(slug) for slug in slugs or ("alpha",)],
    }


def write_footprint(root: Path, run: dict[str, Any] | str, name: str = f"{FOOTPRINT_DATE}.yml") -> Path:
    path = root / "data" / "footprint" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = run if isinstance(run, str) else yaml.safe_dump(run, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path
