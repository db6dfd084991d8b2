"""Fixtures shared by all tests."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, serve_directory
from factories import mkdocs_build, write_project
from playwright.sync_api import Browser
from samples import contract

from macros.collections import load_dataset
from macros.model import ROOT, Dataset
from scripts.postgres import temporary_postgres


@pytest.fixture
def project(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    """Factory: project({slug: sheet}) -> root of a fresh copy of the project with those sheets."""
    counter = iter(range(1000))
    return lambda sheets: write_project(tmp_path / f"project{next(counter)}", sheets)


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """A real headless Chromium (Debian's), shared by the browser tests."""
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The real site served on loopback."""
    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def fortunes_database() -> Iterator[dict[str, str]]:
    """Start the seeded server and point libpq's environment (which every sample reads) at it."""
    with temporary_postgres(contract.FORTUNES) as environment:
        saved = {name: os.environ.get(name) for name in environment}
        os.environ.update(environment)
        try:
            yield environment
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
