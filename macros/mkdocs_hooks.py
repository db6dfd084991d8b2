"""The MkDocs adapter: hand the generated pages and nav to MkDocs.

Registered in mkdocs.yml under `hooks:`. Everything else (loading, validating, rendering) is
plain Python in macros/, so another generator needs only its own small adapter; the one other
MkDocs-specific module, macros/mkdocs_light.py, makes the light pages (pair pages) outside
MkDocs' page pipeline.

MkDocs loads this file by path, so `macros` must be importable: run MkDocs as
`python -m mkdocs` from the project root (scripts/serve and CI do), which puts the root on
the import path. Nothing is kept between builds but code, parsed files and, under `mkdocs
serve`, the theme's last output of each page (ServeCache): each build renders afresh in
`on_files`, what a page needs later travels on its own File object, and what the light pages
need across hooks travels on the build's config.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

import macros.addresses
import macros.api
import macros.benchmarks
import macros.charts
import macros.collections
import macros.comparison
import macros.feeds
import macros.fields
import macros.freshness
import macros.history
import macros.mkdocs_light
import macros.model
import macros.pages
import macros.problems
import macros.releases
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
    macros.releases,
    macros.benchmarks,
    macros.schema_errors,
    macros.rules,
    macros.model,
    macros.collections,
    macros.freshness,
    macros.comparison,
    macros.api,
    macros.feeds,
    macros.pages,
    macros.views,
    macros.render,
    macros.mkdocs_light,
)

_STATE = "generated_light_pages"


@dataclass
class LightBuild:
    """What the light pages of one build need across hooks (kept on that build's config)."""

    pages: Iterable[macros.render.Page]  # rendered as they are iterated
    urls: list[str] = field(default_factory=list)  # site-relative, for the sitemap
    nav: Navigation | None = None
    search: list[dict[str, Any]] = field(default_factory=list)  # entries for the search index
    worker: macros.mkdocs_light.Worker | None = None  # the process writing them, when there is one
    serve_signature: bytes = b""  # the nav and setup, for ServeCache


def _reload_changed_code() -> None:
    """`mkdocs serve` re-runs the build on every change but keeps imported modules: when a
    source file of macros/ changed since the last build, reload them all (dependencies first),
    so edits to the model or renderer show up live too. An edit to data/ only keeps them,
    with what they cache (parsed files whose content did not change)."""
    stamps = {}
    for module in _RELOAD_ORDER:
        stat = os.stat(module.__file__ or "")
        stamps[module.__name__] = (stat.st_mtime_ns, stat.st_size)
    previous = getattr(macros, "_loaded_sources", None)
    if previous is not None and previous != stamps:
        for module in _RELOAD_ORDER:
            importlib.reload(module)
    macros._loaded_sources = stamps  # type: ignore[attr-defined]  # the package outlives builds


def _branch(config: MkDocsConfig) -> str:
    return config.extra.get("branch", "main")


def _light(config: MkDocsConfig) -> LightBuild:
    return getattr(config, _STATE, None) or LightBuild([])


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate data/, render every page, and add pages and API files as generated files.

    MkDocs builds the nav after this hook, so the generated nav is set here too.
    """
    _reload_changed_code()
    try:
        dataset = macros.collections.load_dataset(Path(config.config_file_path).parent)
        site = macros.render.build_site(
            dataset,
            repo_url=config.repo_url,
            branch=_branch(config),
            site_url=config.site_url or "https://example.invalid/",
            defer_light=True,
        )
    except (macros.problems.DataError, macros.render.CollisionError) as error:
        raise Abort(f"Invalid data, nothing was built.\n{error}") from None
    if not config.nav:
        config.nav = site.nav
    # Rendered and written by on_env, once the theme can render their frame.
    paths = site.light.paths if site.light else []
    light = LightBuild(site.light or [], [macros.mkdocs_light.page_url(path) for path in paths])
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
    setattr(config, _STATE, light)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, **_: object) -> Navigation:
    """Keep the nav for the light pages' frame (and, under `mkdocs serve`, what pages' output
    depends on beyond themselves)."""
    light = _light(config)
    light.nav = nav
    if getattr(macros, "_serve_cache", None) is not None:
        light.serve_signature = _nav_signature(nav) + _setup_signature(config)
    return nav


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Write every light page: its Markdown converted once, in a frame the theme rendered once.

    Each page is written as soon as it is made, so the build never holds them all."""
    # The theme's templates are compiled again on every build (and serve rebuild) otherwise.
    options = {
        name: repr(getattr(env, name))
        for name in ("autoescape", "trim_blocks", "lstrip_blocks", "keep_trailing_newline", "finalize")
    } | {"extensions": repr(sorted(env.extensions))}
    env.bytecode_cache = macros.render.bytecode_cache("theme", options)
    light = _light(config)
    if not light.urls:
        return env
    pages, light.pages = light.pages, []

    def write() -> list[dict[str, Any]]:
        return macros.mkdocs_light.write_light_pages(pages, env, config, files, light.nav)

    if len(light.urls) >= macros.mkdocs_light.WORKER_MIN_PAGES and macros.mkdocs_light.may_fork():
        light.worker = macros.mkdocs_light.Worker(write)
    else:
        light.search = write()
    return env


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


def on_page_content(content: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    """Put the pre-rendered HTML blocks back, before search indexing and templating see the page;
    what search skips is set aside until the page is written (see `SearchSkips`). Under
    `mkdocs serve`, a page the theme would render as it did last time is not rendered again."""
    generated: macros.render.Page | None = getattr(page.file, "generated_page", None)
    if generated is None:
        return content
    skips = macros.mkdocs_light.SearchSkips()
    page.search_skips = skips  # type: ignore[attr-defined]  # read by on_post_page
    content = skips.set_aside(generated.restore_blocks(content))
    cache: ServeCache | None = getattr(macros, "_serve_cache", None)
    if cache is not None:
        cache.look_up(page, content, _light(config).serve_signature)
    return content


def on_post_page(output: str, page: Page, **_: object) -> str:
    cached: str | None = getattr(page, "serve_cached", None)
    if cached is not None:
        return cached
    skips: macros.mkdocs_light.SearchSkips | None = getattr(page, "search_skips", None)
    output = skips.put_back(output) if skips else output
    cache: ServeCache | None = getattr(macros, "_serve_cache", None)
    if cache is not None and getattr(page, "serve_key", None):
        cache.pages[page.url] = (page.serve_key, output)  # type: ignore[attr-defined]
    return output


# How often `mkdocs serve` looks for edits; MkDocs polls every 0.5 s. A look at data/, macros/
# and docs/ takes about 2 ms at 12 frameworks; looking every 0.1 s shows an edit about 0.3 s
# sooner (median reload at 12 frameworks 1.65 -> 1.35 s, scripts/benchmark.py --scale 12).
SERVE_POLL_SECONDS = 0.1


def on_serve(server: Any, config: MkDocsConfig, **kwargs: object) -> Any:
    """Poll the watched folders more often, so an edit starts the rebuild sooner. MkDocs has
    watched docs/ and mkdocs.yml by now (data/ and macros/, from `watch:`, come after): they
    move to the new observer through the server's own watch and unwatch."""
    from watchdog.observers.polling import PollingObserver  # only `mkdocs serve` needs watchdog

    watched = dict(server._watched_paths)  # path -> number of watch() calls so far
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=SERVE_POLL_SECONDS)
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return server


def on_startup(command: str, **_: object) -> None:
    """`mkdocs serve` keeps what the theme rendered, for the next rebuild (see ServeCache)."""
    macros._serve_cache = ServeCache() if command == "serve" else None  # type: ignore[attr-defined]


class ServeCache:
    """Under `mkdocs serve`, the theme's output of each page, by everything it depends on.

    After a one-line edit most pages come out the same: a page whose content, table of
    contents, title, address, edit link, neighbours and front matter, the nav, mkdocs.yml and
    the theme overrides are all as in the last build is not rendered again (its last output
    is written instead; search still reads it). Saves most of a rebuild's theme time.
    """

    TEMPLATE = "serve-cached.html"  # in macros/theme: the least the theme can render

    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.hits = 0

    def look_up(self, page: Page, content: str, build_signature: bytes) -> None:
        key = hashlib.blake2b(digest_size=20)
        for part in (content, _toc_signature(page.toc), page.title, page.url, page.canonical_url, page.edit_url):
            key.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
        neighbours = [(other.url, other.title) if other else None for other in (page.previous_page, page.next_page)]
        key.update(repr((neighbours, page.is_homepage, json.dumps(page.meta, sort_keys=True, default=str))).encode())
        key.update(build_signature)
        page.serve_key = key.digest()  # type: ignore[attr-defined]
        known = self.pages.get(page.url)
        if known is not None and known[0] == page.serve_key:  # type: ignore[attr-defined]
            page.serve_cached = known[1]  # type: ignore[attr-defined]
            page.meta["template"] = self.TEMPLATE
            self.hits += 1


def _toc_signature(toc: Iterable[Any]) -> list[Any]:
    return [(item.title, item.id, item.level, _toc_signature(item.children)) for item in toc]


def _nav_signature(nav: Navigation | None) -> bytes:
    def items(entries: Iterable[Any]) -> list[Any]:
        return [(entry.title, getattr(entry, "url", None), items(entry.children or [])) for entry in entries]

    return repr(items(nav.items) if nav else None).encode("utf-8", "surrogatepass")


def _setup_signature(config: MkDocsConfig) -> bytes:
    """mkdocs.yml and the theme overrides as they are on disk now."""
    root = Path(config.config_file_path).parent
    stamps = [(path.as_posix(), path.stat().st_mtime_ns) for path in sorted((root / "macros" / "theme").rglob("*"))]
    stamps.append(("mkdocs.yml", (root / "mkdocs.yml").stat().st_mtime_ns))
    return repr(stamps).encode("utf-8", "surrogatepass")


def on_build_error(error: Exception, **_: object) -> None:
    """A failed build leaves no worker behind."""
    for worker in list(macros.mkdocs_light.WORKERS):
        worker.stop()


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """List the light pages in the sitemap (and so in its gzipped copy), as pages are."""
    urls = _light(config).urls
    if template_name != "sitemap.xml" or not urls or "</urlset>" not in output:
        return output
    date = get_build_date()
    entries = "".join(
        f"    <url>\n         <loc>{html.escape(urljoin(config.site_url or '', url))}</loc>\n"
        f"         <lastmod>{date}</lastmod>\n    </url>\n"
        for url in urls
    )
    head, _, tail = output.rpartition("</urlset>")
    return head + entries + "</urlset>" + tail


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: MkDocsConfig) -> None:
    """Wait for the light pages' worker, if any; add the pages' entries to the search index."""
    light = _light(config)
    if light.worker is not None:
        worker, light.worker = light.worker, None
        light.search = worker.result()
    entries = light.search
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not entries or not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"].extend(entries)
    index.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
