"""The only MkDocs-specific code: hand the generated pages and nav to MkDocs.

Registered in mkdocs.yml under `hooks:`. Everything else (loading, validating, rendering) is
plain Python in macros/, so another generator needs only its own small adapter.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

# MkDocs loads hook files by path, so the project root is not importable by default.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import macros.model
import macros.render

_site: macros.render.Site | None = None

# Python-Markdown spends most of a build re-parsing the big pre-rendered tables as raw HTML.
# They need no Markdown processing, so they are set aside before it and put back after it.
_TABLE = re.compile(r'^<div class="[^"]*"><table>.*?</table></div>$', re.DOTALL | re.MULTILINE)
_PLACEHOLDER = re.compile(r"<!-- table (\d+) -->")
_set_aside: dict[str, list[str]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate data/ and render every page before MkDocs reads any file."""
    global _site
    # `mkdocs serve` re-runs this hook on every change but keeps imported modules:
    # reload them so edits to the model or renderer show up live too.
    importlib.reload(macros.model)
    importlib.reload(macros.render)
    try:
        dataset = macros.model.load_dataset(Path(config.config_file_path).parent)
    except macros.model.DataError as error:
        raise Abort(f"Invalid data, nothing was built.\n{error}") from None
    _site = macros.render.build_site(dataset, repo_url=config.repo_url, branch=config.extra.get("branch", "main"))
    if not config.nav:
        config.nav = _site.nav
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the rendered pages and the JSON API as generated files; pair pages stay out of the nav."""
    assert _site is not None
    for page in _site.pages:
        file = File.generated(
            config,
            page.path,
            content=page.content,
            inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
        )
        file.edit_uri = f"../{page.edit_path}" if page.edit_path else None
        files.append(file)
    for path, content in _site.api.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    """Replace each generated table by a placeholder comment that Markdown passes through."""
    if page.file.generated_by is None:
        return markdown
    tables: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        tables.append(match.group(0))
        return f"<!-- table {len(tables) - 1} -->"

    markdown = _TABLE.sub(set_aside, markdown)
    _set_aside[page.file.src_uri] = tables
    return markdown


def on_page_content(html: str, page: Page, **_: object) -> str:
    """Put the tables back, before search indexing and templating see the page."""
    tables = _set_aside.pop(page.file.src_uri, None)
    if tables is None:
        return html
    return _PLACEHOLDER.sub(lambda match: tables[int(match.group(1))], html)
