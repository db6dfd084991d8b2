"""Fixtures shared by all tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from factories import write_project

from macros.model import ROOT, Dataset, load_dataset


@pytest.fixture
def project(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    """Factory: project({slug: sheet}) -> root of a fresh copy of the project with those sheets."""
    counter = iter(range(1000))
    return lambda sheets: write_project(tmp_path / f"project{next(counter)}", sheets)


def mkdocs_build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The real site, built once per test session with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="session")
def site_dir(built_site: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return built_site[0]
