"""The MkDocs adapter: hand the generated pages and nav to MkDocs.

Registered in mkdocs.yml under `hooks:`. Everything else (loading, validating, rendering) is
plain Python in macros/, so another generator needs only its own small adapter; the one other
MkDocs-specific module, macros/mkdocs_light.py, makes the light pages (pair pages) outside
MkDocs' page pipeline.

MkDocs loads this file by path, so `macros` must be importable: run MkDocs as
`python -m mkdocs` from the project root (scripts/serve and CI do), which puts the root on
the import path. MkDocs loads it once per process, and everything it keeps is in `STATE`:
what one build's hooks hand each other (`Build`, made afresh by each build's `on_files`) and,
under `mkdocs serve`, what carries over to the next rebuild (the stamps of the code, so edited
code is imported afresh, and the theme's last output of each page, `ServeCache`).
"""

from __future__ import annotations

import hashlib
import html
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urljoin

import jinja2
import markupsafe
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

import macros.addresses
import macros.collections
import macros.licences
import macros.mkdocs_light
import macros.mkdocs_serve
import macros.problems
import macros.render


@dataclass
class Build:
    """What the hooks of one build hand each other."""

    generated: dict[str, macros.render.Page] = field(default_factory=dict)  # theme pages, by source path
    search_skips: dict[str, macros.mkdocs_light.SearchSkips] = field(default_factory=dict)  # until written
    serve_keys: dict[str, bytes] = field(default_factory=dict)  # pages' ServeCache keys, by source path
    serve_hits: dict[str, str] = field(default_factory=dict)  # pages' last output, when still right
    light_pages: Iterable[macros.render.Page] = ()  # rendered as they are iterated
    light_urls: list[str] = field(default_factory=list)  # site-relative, for the sitemap
    nav: Navigation | None = None
    light_search: list[dict[str, Any]] = field(default_factory=list)  # light pages' search entries
    sections_search: list[dict[str, Any]] = field(default_factory=list)  # Site.search: e.g. the matrix's rows
    worker: macros.mkdocs_light.Worker | None = None  # the process writing them, when there is one
    serve_signature: bytes = b""  # the nav and setup, for ServeCache


@dataclass
class State:
    """Everything the adapter keeps, for as long as the process runs."""

    build: Build = field(default_factory=Build)
    serve_cache: ServeCache | None = None  # under `mkdocs serve` only
    sources: dict[str, tuple[int, int]] | None = None  # loaded modules of macros/: (mtime, size)
    # Under `mkdocs serve` (macros/mkdocs_serve.py): what the renderer made last, what the last
    # good build left for a partial one, the problems of the last save if it failed, and the
    # folder a full rebuild writes to.
    memory: macros.render.Memory | None = None
    served: macros.mkdocs_serve.Served = field(default_factory=macros.mkdocs_serve.Served)
    problems: str | None = None
    staging: str | None = None
    server: Any = None  # MkDocs' live-reload server


STATE = State()


def _code_modules() -> dict[str, ModuleType]:
    """The loaded modules of macros/ (not this file, which MkDocs loads under its path)."""
    return {name: module for name, module in list(sys.modules.items()) if name.startswith("macros.")}


MISSING = (-1, -1)


def _stamp(module: ModuleType) -> tuple[int, int]:
    try:
        stat = os.stat(module.__file__ or "")
    except OSError:
        return MISSING
    return stat.st_mtime_ns, stat.st_size


def _reload_changed_code() -> None:
    """`mkdocs serve` re-runs the build on every change but keeps imported modules: when the
    source of a loaded module of macros/ changed since the last build, import them all afresh
    (all: the others keep names imported from the changed one), so edits to the model or
    renderer show up live too. An edit to data/ only keeps them, with what they cache (parsed
    files whose content did not change)."""
    loaded = _code_modules()
    stamps = {name: _stamp(module) for name, module in loaded.items()}
    previous = STATE.sources
    if previous is not None and any(previous.get(name, stamp) != stamp for name, stamp in stamps.items()):
        for name in loaded:
            del sys.modules[name]
        try:
            for name, stamp in stamps.items():
                if stamp != MISSING:  # a deleted module stays unloaded
                    importlib.import_module(name)
        except BaseException:
            # A half-saved edit: this build fails, the code that worked stays, the next build retries.
            package = sys.modules["macros"]
            for name, module in loaded.items():
                sys.modules[name] = module
                setattr(package, name.removeprefix("macros."), module)
            raise
        if STATE.memory is not None:  # pages made by the old code are not reused
            STATE.memory = macros.render.Memory()
    STATE.sources = {name: _stamp(module) for name, module in _code_modules().items()}


def _branch(config: MkDocsConfig) -> str:
    return config.extra.get("branch", "main")


def _render_options(config: MkDocsConfig) -> dict[str, Any]:
    return {
        "repo_url": config.repo_url,
        "branch": _branch(config),
        "site_url": config.site_url or "https://example.invalid/",
    }


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The footer names the licences (macros/licences.py), so no page is without them. Under
    `mkdocs serve`, a full rebuild writes to a folder of its own (served once it is complete)."""
    if STATE.staging is not None:
        config.site_dir = STATE.staging
    config.copyright = macros.licences.footer_html(
        urljoin(config.site_url or "/", macros.addresses.relative_url(macros.addresses.HOME, macros.addresses.API_DOCS))
        + "#licence",
        f"{config.repo_url}/blob/{_branch(config)}/LICENSE" if config.repo_url else None,
    )
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate data/, render every page, and add pages and API files as generated files.

    MkDocs builds the nav after this hook, so the generated nav is set here too.
    """
    _reload_changed_code()
    STATE.build = build = Build()
    try:
        dataset = macros.collections.load_dataset(Path(config.config_file_path).parent)
        site = macros.render.build_site(dataset, defer_light=True, memory=STATE.memory, **_render_options(config))
    except (macros.problems.DataError, macros.render.CollisionError) as error:
        raise Abort(f"Invalid data, nothing was built.\n{error}") from None
    if not config.nav:
        config.nav = site.nav
    if STATE.memory is not None:
        STATE.served = macros.mkdocs_serve.Served(
            config=config,
            files=files,
            site_nav=site.nav,
            page_paths=[page.path for page in site.pages] + (site.light.paths if site.light else []),
            written=site.files,
            day=macros.render.build_day().isoformat(),
        )
    build.sections_search = site.search
    # Rendered and written by on_env, once the theme can render their frame.
    if site.light:
        build.light_pages = site.light
        build.light_urls = [macros.mkdocs_light.page_url(path) for path in site.light.paths]
    for page in site.pages:
        file = File.generated(
            config,
            page.path,
            content=page.content,
            inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
        )
        build.generated[file.src_uri] = page
        files.append(file)
    for path, content in site.files.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, **_: object) -> Navigation:
    """Keep the nav for the light pages' frame (and, under `mkdocs serve`, what pages' output
    depends on beyond themselves)."""
    STATE.build.nav = STATE.served.nav = nav
    if STATE.serve_cache is not None:
        STATE.build.serve_signature = _nav_signature(nav) + _setup_signature(config)
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
    STATE.served.env = env
    build = STATE.build
    if not build.light_urls:
        return env
    pages, build.light_pages = build.light_pages, ()

    def write() -> list[dict[str, Any]]:
        return macros.mkdocs_light.write_light_pages(pages, env, config, files, build.nav)

    if len(build.light_urls) >= macros.mkdocs_light.WORKER_MIN_PAGES and macros.mkdocs_light.may_fork(
        STATE.memory is not None
    ):
        build.worker = macros.mkdocs_light.Worker(write)
    else:
        build.light_search = write()
    return env


def on_pre_page(page: Page, config: MkDocsConfig, **_: object) -> Page:
    """The edit button opens the data file behind the page, or nothing for pages with none."""
    generated = STATE.build.generated.get(page.file.src_uri)
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
    `mkdocs serve`, a page the theme would render as it did last time is not rendered again.

    The front matter's description is plain text, and MkDocs' templates do not escape what they
    print (the theme puts it in attributes): it goes to the theme escaped."""
    if "description" in page.meta:
        page.meta["description"] = markupsafe.escape(page.meta["description"])
    build = STATE.build
    generated = build.generated.get(page.file.src_uri)
    if generated is None:
        return content
    skips = build.search_skips[page.file.src_uri] = macros.mkdocs_light.SearchSkips()
    whole = generated.restore_blocks(content)
    content = skips.set_aside(whole)
    if STATE.serve_cache is not None:  # keyed by the whole content: what search skips shows too
        key = build.serve_keys[page.file.src_uri] = STATE.serve_cache.key(page, whole, build.serve_signature)
        cached = STATE.serve_cache.look_up(page.url, key)
        if cached is not None:
            build.serve_hits[page.file.src_uri] = cached
            page.meta["template"] = ServeCache.TEMPLATE
    return content


def on_post_page(output: str, page: Page, **_: object) -> str:
    build = STATE.build
    skips = build.search_skips.pop(page.file.src_uri, None)
    key = build.serve_keys.pop(page.file.src_uri, None)
    cached = build.serve_hits.pop(page.file.src_uri, None)
    if cached is not None:
        return cached
    output = skips.put_back(output) if skips else output
    # Without the theme's indentation between tags (what a browser shows is the same): about 7%
    # of a framework page, which keeps the largest within the page budget.
    output = macros.mkdocs_light.compact(output)
    if STATE.serve_cache is not None and key is not None:
        STATE.serve_cache.pages[page.url] = (key, output)
    return output


# How often `mkdocs serve` looks for edits; MkDocs polls every 0.5 s. A look at data/, macros/
# and docs/ takes about 2 ms at 12 frameworks; looking every 0.1 s shows an edit about 0.3 s
# sooner (median reload at 12 frameworks 1.65 -> 1.35 s, scripts/benchmark.py --scale 12).
SERVE_POLL_SECONDS = 0.1
# How long MkDocs waits for more changes before it rebuilds (its own: 0.1 s). The watcher sees a
# save in one look; the edit loop (macros/mkdocs_serve.py) works out what changed itself.
SERVE_BUILD_DELAY_SECONDS = 0.02


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[[], None], **kwargs: object) -> Any:
    """Rebuild only what an edit touches, keep serving the last good site when a save fails and
    show its problems on every page (macros/mkdocs_serve.py); poll the watched folders more
    often, so an edit starts the rebuild sooner. MkDocs has watched docs/ and mkdocs.yml by now
    (data/ and macros/, from `watch:`, come after): they move to the new observer through the
    server's own watch and unwatch."""
    from watchdog.observers.polling import PollingObserver  # only `mkdocs serve` needs watchdog

    root = Path(config.config_file_path).parent
    server.builder = macros.mkdocs_serve.EditLoop(builder, server, root, STATE, _render_options)
    inject = server._inject_js_into_html  # MkDocs' live-reload script, added to each served page

    def with_problems(content: bytes, epoch: int) -> bytes:
        return macros.mkdocs_serve.show_problems(inject(content, epoch), STATE.problems)

    server._inject_js_into_html = with_problems
    server.error_handler = lambda code: _error_page(server.root, code)
    STATE.server = server

    watched = dict(server._watched_paths)  # path -> number of watch() calls so far
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=SERVE_POLL_SECONDS)
    server.build_delay = SERVE_BUILD_DELAY_SECONDS
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return server


def _error_page(site: str, code: int) -> bytes | None:
    """The site's own 404 page, from the folder served now (a full rebuild replaces it)."""
    page = Path(site) / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def on_startup(command: str, **_: object) -> None:
    """`mkdocs serve` keeps what the renderer and the theme made, for the next rebuild (see
    macros.render.Memory and ServeCache)."""
    serving = command == "serve"
    STATE.serve_cache = ServeCache() if serving else None
    STATE.memory = macros.render.Memory() if serving else None


def on_shutdown() -> None:
    """Remove the folders full rebuilds under `mkdocs serve` made (MkDocs removes its own)."""
    server, STATE.server = STATE.server, None
    if server is not None and isinstance(server.builder, macros.mkdocs_serve.EditLoop):
        server.builder.close()


class ServeCache:
    """Under `mkdocs serve`, the theme's output of each page, by everything it depends on.

    After a one-line edit most pages come out the same: a page whose content, table of
    contents, title, address, edit link, neighbours and front matter, the nav, mkdocs.yml and
    the theme overrides are all as in the last build is not rendered again (its last output
    is written instead; search still reads it). Saves most of a rebuild's theme time.
    """

    TEMPLATE = "serve-cached.html"  # in macros/theme: the least the theme can render

    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}  # by page URL: (key, output)
        self.hits = 0

    @staticmethod
    def key(page: Page, content: str, build_signature: bytes) -> bytes:
        """Everything the theme's output of `page` depends on, digested."""
        key = hashlib.blake2b(digest_size=20)
        for part in (content, _toc_signature(page.toc), page.title, page.url, page.canonical_url, page.edit_url):
            key.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
        neighbours = [(other.url, other.title) if other else None for other in (page.previous_page, page.next_page)]
        key.update(repr((neighbours, page.is_homepage, json.dumps(page.meta, sort_keys=True, default=str))).encode())
        key.update(build_signature)
        return key.digest()

    def look_up(self, url: str, key: bytes) -> str | None:
        """The page's last output, if it was made from the same `key`."""
        known = self.pages.get(url)
        if known is None or known[0] != key:
            return None
        self.hits += 1
        return known[1]


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
    worker, STATE.build.worker = STATE.build.worker, None
    if worker is not None:
        worker.stop()


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """List the light pages in the sitemap (and so in its gzipped copy), as pages are."""
    urls = STATE.build.light_urls
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
    """Wait for the light pages' worker, if any; add the light pages' entries and the sections
    no heading starts (the matrix's rows) to the search index."""
    build = STATE.build
    if build.worker is not None:
        worker, build.worker = build.worker, None
        build.light_search = worker.result()
    entries = build.light_search + build.sections_search
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    if STATE.memory is not None:  # what a partial rebuild patches
        served = STATE.served
        pages = [file.page for file in served.files or [] if file.page is not None]
        served.search_config = data["config"]
        served.search_pages = {page.url: [] for page in pages} | macros.mkdocs_serve.by_page(data["docs"])
        served.search_light = {url: [] for url in build.light_urls} | macros.mkdocs_serve.by_page(build.light_search)
        served.search_sections = build.sections_search
    if not entries:
        return
    data["docs"].extend(entries)
    index.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
