"""The edit loop of `mkdocs serve`: after a save, rebuild only what the edit touches.

`macros/mkdocs_hooks.py`'s on_serve hands the server's builder to `EditLoop`, which looks at what
changed since the last good build and then:

- an asset under docs/ (CSS, JavaScript, images): copies it, and renders nothing;
- data/ or a page template (macros/templates/): loads and checks data/ again, renders only the
  pages whose inputs changed (`macros.render.Memory`, `PageType.reads`), runs MkDocs' page steps
  for the theme pages that came out differently, writes the light pages and files that did,
  and patches the search index;
- anything else (mkdocs.yml, the code in macros/, the theme overrides), or an edit that changes
  the nav, the set of pages or the build's day: builds everything again, into a new folder that
  replaces the served one only when the build succeeded.

A build that fails (a sheet with a YAML error, a failed rule, a deleted required file) changes
nothing that is served: the terminal prints the problems with file:line:column, every served page
shows them in a banner, and the next save that fixes them rebuilds. What the server serves after
any edits equals a clean `mkdocs build` of the same tree (tests/site/test_serve_edits.py).
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files, InclusionLevel

import macros.collections
import macros.mkdocs_light
import macros.problems
import macros.render

log = logging.getLogger("mkdocs.serve.edits")

WATCHED = ("data", "macros", "docs", "mkdocs.yml")
# Edits here change pages' inputs only (macros/inputs.py): the rest of macros/ is code.
PAGE_INPUTS = ("data/", "macros/templates/")
ASSETS = "docs/"


@dataclass
class Served:
    """What the last good build left for the next partial one (set by the hooks of a full build)."""

    config: Any = None  # MkDocsConfig
    files: Files | None = None
    nav: Any = None  # mkdocs.structure.nav.Navigation
    env: Any = None  # the theme's jinja2.Environment
    site_nav: list[Any] = field(default_factory=list)
    page_paths: list[str] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)  # the generated files, by site path
    search_config: dict[str, Any] = field(default_factory=dict)
    search_pages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # theme pages' entries, by URL
    search_light: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # light pages' entries, by URL
    search_sections: list[dict[str, Any]] = field(default_factory=list)
    day: str = ""

    def search_index(self) -> str:
        docs = [entry for entries in (*self.search_pages.values(), *self.search_light.values()) for entry in entries]
        data = {"config": self.search_config, "docs": docs + self.search_sections}
        return json.dumps(data, separators=(",", ":"), default=str)


def by_page(entries: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Search entries grouped by the page they are on (their location without the anchor)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        grouped.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    return grouped


class DataProblems(Exception):
    """data/ has problems: the message lists them, one file:line:column each."""


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every watched file, by path relative to `root`."""
    found = {}
    for top in WATCHED:
        path = root / top
        if path.is_file():
            stat = path.stat()
            found[top] = (stat.st_mtime_ns, stat.st_size)
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = [name for name in subfolders if name != "__pycache__"]
            relative = Path(folder).relative_to(root).as_posix()
            for name in names:
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:  # deleted while we looked
                    continue
                found[f"{relative}/{name}"] = (stat.st_mtime_ns, stat.st_size)
    return found


class EditLoop:
    """The server's builder: each call brings the served site up to date with the tree."""

    def __init__(
        self,
        full_build: Callable[[], None],
        server: Any,
        root: Path,
        state: Any,
        render_options: Callable[[Any], dict[str, Any]],
    ) -> None:
        self.full_build = full_build
        self.server = server
        self.root = root
        self.state = state  # the hooks' STATE: its build, memory and problems
        self.render_options = render_options
        self.known = stamps(root)
        self.pending: set[str] = set()  # changed since the last good build
        self.first_root = server.root  # MkDocs' own folder, which MkDocs removes
        # The folder served before the last full rebuild: requests that waited for that rebuild
        # may still open files in it (MkDocs works out a file's path before it waits), so it
        # goes at the next full rebuild, or when the server stops.
        self.previous_root: str | None = None

    def __call__(self) -> None:
        now = stamps(self.root)
        self.pending |= {path for path in now.keys() | self.known.keys() if now.get(path) != self.known.get(path)}
        self.known = now
        assets = {path for path in self.pending if path.startswith(ASSETS) and not path.endswith(".md")}
        rest = self.pending - assets
        try:
            full = bool(rest) and not (all(path.startswith(PAGE_INPUTS) for path in rest) and self._partial())
            if full:
                self._full()  # which copies the assets too
            elif assets:
                self._copy_assets(assets)
                log.info(f"Copied the edited assets: {', '.join(sorted(assets))}")
        except DataProblems as problems:
            self.state.problems = str(problems)
            log.error(str(problems))
            return
        except Exception as error:  # a code or template error: the traceback is for whoever wrote it
            self.state.problems = f"The build failed: {type(error).__name__}: {error} (the terminal has the traceback)"
            traceback.print_exc()
            return
        self.pending.clear()
        self.state.problems = None

    def _copy_assets(self, paths: Iterable[str]) -> None:
        for path in sorted(paths):
            target = Path(self.server.root) / path.removeprefix(ASSETS)
            source = self.root / path
            if source.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            elif target.is_file():
                target.unlink()

    def _full(self) -> None:
        """Build everything into a new folder; serve it once it is complete."""
        staging = tempfile.mkdtemp(prefix="mkdocs_")
        self.state.staging = staging
        try:
            self.full_build()
        except BaseException as error:
            shutil.rmtree(staging, ignore_errors=True)
            self.state.memory = macros.render.Memory()  # it may hold pages the failed build never wrote
            if isinstance(error, Abort):
                raise DataProblems(str(error)) from None
            raise
        finally:
            self.state.staging = None
        if self.previous_root is not None:
            shutil.rmtree(self.previous_root, ignore_errors=True)
        self.previous_root, self.server.root = self.server.root, staging

    def close(self) -> None:
        """Remove the folders this loop made (MkDocs removes its own)."""
        for folder in (self.previous_root, self.server.root):
            if folder is not None and folder != self.first_root:
                shutil.rmtree(folder, ignore_errors=True)

    def _partial(self) -> bool:
        """Rebuild the pages, files and search entries an edit of data/ or a template touched;
        False when the edit needs a full build (the nav, the pages or the day changed)."""
        served: Served = self.state.served
        if served.config is None:
            return False
        start = time.perf_counter()
        try:
            dataset = macros.collections.load_dataset(self.root)
        except macros.problems.DataError as error:
            raise DataProblems(f"Invalid data, the last good site is still served.\n{error}") from None
        try:
            return self._rebuild(dataset, start)
        except BaseException as error:
            self.state.memory = macros.render.Memory()  # it may hold pages this build never wrote
            if isinstance(error, macros.render.CollisionError):
                raise DataProblems(f"Invalid data, the last good site is still served.\n{error}") from None
            raise

    def _rebuild(self, dataset: Any, start: float) -> bool:
        served: Served = self.state.served
        day = macros.render.build_day().isoformat()
        site = macros.render.build_site(
            dataset, defer_light=True, memory=self.state.memory, **self.render_options(served.config)
        )
        paths = [page.path for page in site.pages] + (site.light.paths if site.light else [])
        if site.nav != served.site_nav or paths != served.page_paths or day != served.day:
            return False
        rendered = time.perf_counter()
        pages = self._pages(site)
        log.debug(f"Pages that came out differently: {', '.join(site.changed)}")
        light = self._light_pages(site)
        files = self._files(site.files)
        served.search_sections = site.search
        target = Path(served.config.site_dir) / "search" / "search_index.json"
        target.write_text(served.search_index(), encoding="utf-8")
        log.info(
            f"Rebuilt what the edit touched: {pages} pages, {light} light pages and {files} files "
            f"in {time.perf_counter() - start:.2f} s (data checked and rendered in {rendered - start:.2f} s)"
        )
        return True

    def _pages(self, site: macros.render.Site) -> int:
        """MkDocs' steps for each theme page that came out differently: Markdown, theme, search."""
        served: Served = self.state.served
        build = self.state.build
        assert served.files is not None
        changed = [page for page in site.pages if page.path in set(site.changed)]
        if not changed:
            return 0
        search = served.config.plugins.get("material/search") or served.config.plugins.get("search")
        fresh = type(search.search_index)(**search.search_index.config)
        search.search_index, previous = fresh, search.search_index
        try:
            documents = served.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            for page in changed:
                file = served.files.get_file_from_path(page.path)
                assert file is not None and file.page is not None
                build.generated[file.src_uri] = page
                file.content_string = page.content
                _populate_page(file.page, served.config, served.files)
                _build_page(file.page, served.config, documents, served.nav, served.env)
                served.search_pages[file.page.url] = []  # its entries, if any, follow
            served.search_pages.update(by_page(fresh.entries))
        finally:
            search.search_index = previous
        return len(changed)

    def _light_pages(self, site: macros.render.Site) -> int:
        served: Served = self.state.served
        if site.light is None or served.files is None:
            return 0
        pages = list(site.light.changed())
        if not pages:
            return 0
        entries = macros.mkdocs_light.write_light_pages(pages, served.env, served.config, served.files, served.nav)
        for page in pages:
            served.search_light[macros.mkdocs_light.page_url(page.path)] = []
        served.search_light.update(by_page(entries))
        return len(pages)

    def _files(self, files: dict[str, str]) -> int:
        served: Served = self.state.served
        changed = [path for path, content in files.items() if served.written.get(path) != content]
        for path in changed:
            target = Path(served.config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(files[path], encoding="utf-8")
        for path in served.written.keys() - files.keys():
            (Path(served.config.site_dir) / path).unlink(missing_ok=True)
        served.written = files
        return len(changed)


def problems_banner(message: str) -> bytes:
    """The problems of a failed build, as a banner at the top of every served page."""
    lines = "".join(f"<li>{html.escape(line)}</li>" for line in message.splitlines() if line.strip())
    return (  # styled by docs/assets/site.css: the pages' Content-Security-Policy allows no inline style
        '<div role="alert" id="serve-problems"><strong>The last save did not build; this is the last good site.'
        f"</strong><ul>{lines}</ul></div>"
    ).encode()


def show_problems(content: bytes, message: str | None) -> bytes:
    """A served page with the banner after its <body> tag, when there are problems."""
    if not message:
        return content
    start = content.find(b"<body")
    end = content.find(b">", start) + 1 if start >= 0 else 0
    return content[:end] + problems_banner(message) + content[end:]
