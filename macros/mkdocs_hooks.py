"""The only MkDocs-specific code: hand the generated pages and nav to MkDocs.

Registered in mkdocs.yml under `hooks:`. Everything else (loading, validating, rendering) is
plain Python in macros/, so another generator needs only its own small adapter.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

# MkDocs loads hook files by path, so the project root is not importable by default.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import macros.addresses
import macros.api
import macros.fields
import macros.freshness
import macros.model
import macros.pages
import macros.problems
import macros.render
import macros.vocabulary
import macros.yaml_source

# Dependencies before dependants, so each reload sees its freshly reloaded imports.
_RELOAD_ORDER = (
    macros.problems,
    macros.addresses,
    macros.vocabulary,
    macros.fields,
    macros.yaml_source,
    macros.model,
    macros.freshness,
    macros.api,
    macros.pages,
    macros.render,
)

_site: macros.render.Site | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate data/ and render every page before MkDocs reads any file."""
    global _site
    # `mkdocs serve` re-runs this hook on every change but keeps imported modules:
    # reload them so edits to the model or renderer show up live too.
    for module in _RELOAD_ORDER:
        importlib.reload(module)
    try:
        dataset = macros.model.load_dataset(Path(config.config_file_path).parent)
        _site = macros.render.build_site(dataset, repo_url=config.repo_url, branch=config.extra.get("branch", "main"))
    except (macros.problems.DataError, macros.render.CollisionError) as error:
        raise Abort(f"Invalid data, nothing was built.\n{error}") from None
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
        file.generated_page = page  # type: ignore[attr-defined]  # read back by on_page_content
        files.append(file)
    for path, content in _site.api.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html: str, page: Page, **_: object) -> str:
    """Put the pre-rendered HTML blocks back, before search indexing and templating see the page."""
    generated: macros.render.Page | None = getattr(page.file, "generated_page", None)
    return generated.restore_blocks(html) if generated else html
