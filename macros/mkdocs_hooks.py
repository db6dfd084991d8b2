"""The only MkDocs-specific code: hand the generated pages and nav to MkDocs.

Registered in mkdocs.yml under `hooks:`. Everything else (loading, validating, rendering) is
plain Python in macros/, so another generator needs only its own small adapter.

MkDocs loads this file by path, so `macros` must be importable: run MkDocs as
`python -m mkdocs` from the project root (scripts/serve and CI do), which puts the root on
the import path. Nothing is kept between builds: each build renders afresh in `on_files`,
and what a page needs later travels on its own File object.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

import macros.addresses
import macros.api
import macros.charts
import macros.comparison
import macros.feeds
import macros.fields
import macros.freshness
import macros.history
import macros.model
import macros.pages
import macros.problems
import macros.render
import macros.rules
import macros.schema_errors
import macros.views
import macros.vocabulary
import macros.yaml_source

# Dependencies before dependants, so each reload sees its freshly reloaded imports.
_RELOAD_ORDER = (
    macros.problems,
    macros.addresses,
    macros.vocabulary,
    macros.fields,
    macros.yaml_source,
    macros.charts,
    macros.history,
    macros.schema_errors,
    macros.rules,
    macros.model,
    macros.freshness,
    macros.comparison,
    macros.api,
    macros.feeds,
    macros.pages,
    macros.views,
    macros.render,
)


def _branch(config: MkDocsConfig) -> str:
    return config.extra.get("branch", "main")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate data/, render every page, and add pages and API files as generated files.

    MkDocs builds the nav after this hook, so the generated nav is set here too.
    """
    # `mkdocs serve` re-runs the build on every change but keeps imported modules:
    # reload them so edits to the model, renderer or templates show up live too.
    for module in _RELOAD_ORDER:
        importlib.reload(module)
    try:
        dataset = macros.model.load_dataset(Path(config.config_file_path).parent)
        site = macros.render.build_site(
            dataset,
            repo_url=config.repo_url,
            branch=_branch(config),
            site_url=config.site_url or "https://example.invalid/",
        )
    except (macros.problems.DataError, macros.render.CollisionError) as error:
        raise Abort(f"Invalid data, nothing was built.\n{error}") from None
    if not config.nav:
        config.nav = site.nav
    for page in site.pages:
        file = File.generated(
            config,
            page.path,
            content=page.content,
            inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
        )
        file.generated_page = page  # type: ignore[attr-defined]  # read by the page hooks below
        files.append(file)
    for path, content in site.files.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_pre_page(page: Page, config: MkDocsConfig, **_: object) -> Page:
    """The edit button opens the data file behind the page, or nothing for pages with none."""
    generated: macros.render.Page | None = getattr(page.file, "generated_page", None)
    if generated is not None:
        page.edit_url = (
            macros.addresses.edit_url(config.repo_url, _branch(config), generated.edit_path, action="edit")
            if config.repo_url and generated.edit_path
            else None
        )
    return page


def on_page_content(html: str, page: Page, **_: object) -> str:
    """Put the pre-rendered HTML blocks back, before search indexing and templating see the page."""
    generated: macros.render.Page | None = getattr(page.file, "generated_page", None)
    return generated.restore_blocks(html) if generated else html
