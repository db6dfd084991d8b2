"""The fallback engine (README, "Engine"): ProperDocs, the maintained continuation of MkDocs 1.x,
builds the site with `--strict` into the same files as MkDocs, byte for byte, but for the
generator tag that names the engine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.model import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def build_date(site: Path) -> int:
    """The day MkDocs built `site` on, as it wrote it: the time in the sitemap's gzip header."""
    return int.from_bytes((site / "sitemap.xml.gz").read_bytes()[4:8], "little")


@pytest.fixture(scope="module")
def second_build(
    site_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("properdocs-site")
    # The sitemap's dates and its gzip header hold the build date: built after midnight, the
    # second site would differ from the first in them alone, so it takes the first one's date.
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(build_date(site_dir))}
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "--config-file", "mkdocs.yml"]
    result = subprocess.run(
        [*command, "--site-dir", str(out)], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return out, result


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


def without_generator(path: Path) -> bytes:
    return GENERATOR.sub(b"", path.read_bytes(), count=1) if path.suffix == ".html" else path.read_bytes()


def test_properdocs_builds_the_site_without_warnings(
    second_build: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = second_build
    assert "WARNING" not in result.stderr, result.stderr
    assert "ERROR" not in result.stderr, result.stderr


def test_properdocs_writes_the_files_mkdocs_writes(
    site_dir: Path, second_build: tuple[Path, subprocess.CompletedProcess[str]]
) -> None:
    first, second = files(site_dir), files(second_build[0])
    assert len(first) > 100
    only_mkdocs, only_properdocs = sorted(first.keys() - second.keys()), sorted(second.keys() - first.keys())
    assert not only_mkdocs and not only_properdocs, f"only MkDocs: {only_mkdocs}; only ProperDocs: {only_properdocs}"
    differing = [path for path in first if without_generator(first[path]) != without_generator(second[path])]
    assert not differing, f"{len(differing)} files differ between MkDocs and ProperDocs: {differing}"


def test_only_the_generator_tag_names_the_engine(
    site_dir: Path, second_build: tuple[Path, subprocess.CompletedProcess[str]]
) -> None:
    """The tag the comparison leaves out is there, and the second site really is ProperDocs'."""
    for path in ["index.html", "frameworks/django/index.html", "compare/django-vs-flask/index.html"]:
        mkdocs = GENERATOR.search((site_dir / path).read_bytes())
        properdocs = GENERATOR.search((second_build[0] / path).read_bytes())
        assert mkdocs is not None and properdocs is not None, path
        assert mkdocs.group(1).startswith(b"mkdocs-1.") and b"ProperDocs" in properdocs.group(1), path
