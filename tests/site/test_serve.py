"""`mkdocs serve` picks up edits to fact sheets, templates and code without a restart, on
theme pages and on the pair pages built outside the theme's pipeline alike."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import pytest
import yaml
from factories import valid_sheet
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, text: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {timeout}s")


@pytest.fixture
def served(project) -> Iterator[tuple[Path, str]]:
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # mkdocs serve mounts the site under the path of site_url.
        site_path = urlsplit(yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path
        yield root, f"http://127.0.0.1:{port}{site_path}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a file of the served project, as a contributor saving it would."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_serve_reloads_fact_sheet_and_template_edits(served: tuple[Path, str]) -> None:
    root, base = served
    page = base + "frameworks/alpha/"
    wait_for(page, "Alpha is a synthetic framework for tests.")

    replace_in(
        root / "data/frameworks/alpha.yml", "Alpha is a synthetic framework for tests.", "Edited live in the YAML."
    )
    wait_for(page, "Edited live in the YAML.")

    replace_in(
        root / "macros/templates/framework.md.j2",
        "Compare {{ framework.name }} with:",
        "Put {{ framework.name }} beside:",
    )
    wait_for(page, "Put Alpha beside:")


def test_serve_rebuilds_pair_pages_their_search_entries_and_edited_code(served: tuple[Path, str]) -> None:
    root, base = served
    pair = base + "compare/alpha-vs-beta/"
    wait_for(pair, "small services")

    replace_in(root / "data/frameworks/alpha.yml", "small services", "services edited live")
    wait_for(pair, "services edited live")

    replace_in(root / "data/frameworks/alpha.yml", "name: Alpha", "name: Alphabet")
    wait_for(pair, "<title>Alphabet vs Beta - ")
    wait_for(base + "search/search_index.json", '"title":"Alphabet vs Beta"')

    # Code is reloaded when it changed (and only then): a label defined in Python.
    replace_in(root / "macros/vocabulary.py", '"Built in", "ships', '"Built right in", "ships')
    wait_for(base + "frameworks/alpha/", "Built right in")
    wait_for(pair, "Built right in")

    # A half-saved edit fails its rebuild; the code that worked stays, and the fix shows.
    vocabulary = root / "macros/vocabulary.py"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "BROKEN = (\n", encoding="utf-8")
    time.sleep(3)  # a rebuild takes about a second
    replace_in(vocabulary, "BROKEN = (\n", "")
    replace_in(vocabulary, '"Built right in", "ships', '"Built in again", "ships')
    wait_for(base + "frameworks/alpha/", "Built in again")


def test_pages_kept_between_serve_rebuilds_equal_a_clean_build(project, tmp_path: Path, monkeypatch) -> None:
    """ServeCache: a rebuild under `mkdocs serve` writes unchanged pages' last output; the
    site must be byte for byte what a clean build makes."""
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    monkeypatch.chdir(root)
    sheet = root / "data/frameworks/alpha.yml"

    def build(site_dir: Path, startup: str | None = None) -> ModuleType:
        """Build as `mkdocs serve` does (once per process: on_startup); returns the hooks module,
        which MkDocs loads once per process and path, as it does under serve."""
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
        if startup:
            config.plugins.on_startup(command=startup, dirty=False)
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/")
        return config.hooks["macros/mkdocs_hooks.py"]

    hooks = build(tmp_path / "served", startup="serve")
    for edit in ("First edit.", "Second edit."):
        sheet.write_text(
            re.sub(r"(?m)^tagline:.*$", f"tagline: {edit}", sheet.read_text(encoding="utf-8")), encoding="utf-8"
        )
        assert build(tmp_path / "served") is hooks
    assert hooks.STATE.serve_cache.hits > 10
    build(tmp_path / "clean", startup="build")
    served, clean = (
        {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
        for site in (tmp_path / "served", tmp_path / "clean")
    )
    assert served.keys() == clean.keys()
    assert [path for path in served if served[path] != clean[path]] == []
    assert b"Second edit." in served[Path("frameworks/alpha/index.html")]
