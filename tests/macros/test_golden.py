"""Golden output of the renderer for the small synthetic project, without running MkDocs.

A change to a template or view shows up here as a readable diff. After checking that the
change is intended, rewrite the files with: UPDATE_GOLDEN=1 scripts/test tests/macros/test_golden.py
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from factories import valid_sheet, write_project

from macros.collections import load_dataset
from macros.render import build_site

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
PAGES = ["index.md", "frameworks/alpha.md", "criteria/security.md", "compare/alpha-vs-beta.md", "review.md"]
FILES = ["api/v1/frameworks/alpha.json"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    sheets = {"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")}
    root = write_project(tmp_path_factory.mktemp("golden") / "project", sheets)
    site = build_site(load_dataset(root), repo_url="https://github.com/example/compare", today=dt.date(2026, 11, 23))
    return {page.path: page.markdown for page in site.pages} | site.files


@pytest.mark.parametrize("path", PAGES + FILES)
def test_renderer_output_matches_the_golden_file(rendered: dict[str, str], path: str) -> None:
    golden = GOLDEN / path
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered[path], encoding="utf-8")
    assert rendered[path] == golden.read_text(encoding="utf-8"), f"{path} changed; see the module docstring"
