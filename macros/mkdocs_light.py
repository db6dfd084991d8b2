"""Light pages for MkDocs: the MkDocs-specific work behind macros/mkdocs_hooks.py's light pages.

Light pages (pair pages: 4,950 at 100 frameworks) skip the theme's page pipeline, whose fixed
cost per page (nav, templates, search parsing) would dominate the build. The theme renders one
frame per build instead, a page like theirs with markers for the title, the address, the h1's
anchor and the content; each light page is its Markdown converted with the site's extensions
(the part pages share once), poured into that frame and written as a static file, one at a
time, in a second process when the build is single-threaded and there are many. They are
searched by title and introduction (entries like the ones Material makes for a page) and
listed in the sitemap, as full pages would be.

Also here, for theme pages: `SearchSkips` (what Material's search need not parse) and
`compact` (the theme's indentation, which browsers ignore).
"""

from __future__ import annotations

import html
import json
import os
import re
import signal
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2
import markdown
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.meta import YAML_RE, get_data

import macros.addresses
import macros.render

if TYPE_CHECKING:
    from mkdocs.structure.toc import _TocToken as TocToken  # MkDocs' type of Markdown's toc tokens

# Markers in the frame: plain words, which no escaping changes and no page contains.
# The stem is the last part of the frame's address; the anchor the id of the page's h1 (the theme's
# skip link goes there); "<h1" in the content keeps the theme from adding a heading of its own.
FRAME_STEM, FRAME_TITLE, FRAME_ANCHOR, _CONTENT, FRAME_DESCRIPTION = macros.addresses.LIGHT_FRAME_MARKERS
FRAME_CONTENT = f"<h1>{_CONTENT}</h1>"
_FRAME_MARKERS = re.compile(
    "(" + "|".join(map(re.escape, (FRAME_STEM, FRAME_TITLE, FRAME_ANCHOR, FRAME_CONTENT, FRAME_DESCRIPTION))) + ")"
)


_EXCLUDED = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*?\sdata-search-exclude(?=[\s>=/])[^>]*>")
_HEADING = re.compile(r"<h[1-6][\s>]", re.IGNORECASE)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
_HTML_ID = re.compile(r'\bid="([^"]*)"')
# Indentation and blank lines between tags, which the theme's nested templates produce (at 100
# frameworks, a quarter of a pair page: mostly the nav; blank lines are 1% of a framework page);
# kept inside elements where whitespace may count.
_INDENT = re.compile(r"\n[ \t\n]+")
_KEEP_WHITESPACE = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Frame:
    """A page of the theme cut at its markers: literal text at even indexes, markers at odd ones."""

    parts: tuple[str, ...]

    def fill(self, values: dict[str, str]) -> str:
        return "".join(values[part] if index % 2 else part for index, part in enumerate(self.parts))


# From this many light pages on, `mkdocs build` writes them in a second process while it
# builds the theme's pages (a second core halves the wall time at 100 frameworks).
WORKER_MIN_PAGES = 50


def may_fork(serving: bool) -> bool:
    """Only a single-threaded process forks safely: not under `mkdocs serve` (its server and
    file watchers are threads, and what the renderer made stays in this process for the next
    rebuild), and only where fork exists."""
    return not serving and hasattr(os, "fork") and threading.active_count() == 1


class Worker:
    """`work()` run in a forked copy of this process; `result()` waits for what it returned
    (JSON) and raises Abort with the worker's traceback if it failed."""

    def __init__(self, work: Callable[[], Any]) -> None:
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the worker: report, then leave without running the parent's exit code
            os.close(read)
            status = 0
            try:
                report = {"result": work()}
            except BaseException as error:  # every failure is reported
                report, status = {"error": "".join(traceback.format_exception(error))}, 1
            try:
                with os.fdopen(write, "wb") as out:
                    out.write(json.dumps(report).encode("utf-8"))
            finally:
                os._exit(status)
        os.close(write)
        self.read = read

    def result(self) -> Any:
        with os.fdopen(self.read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        try:
            report = json.loads(data)
        except ValueError:
            report = {"error": f"the worker stopped without a report (exit status {status})"}
        if "error" in report:
            raise Abort(f"Writing the light pages failed:\n{report['error']}")
        return report["result"]

    def stop(self) -> None:
        """The build failed elsewhere: end the worker and reap it."""
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.close(self.read)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def page_url(path: str) -> str:
    """A page's site-relative address, from its .md path."""
    return macros.render.html_path(path).removesuffix("index.html")


def write_light_pages(
    pages: Iterable[macros.render.Page],
    env: jinja2.Environment,
    config: MkDocsConfig,
    files: Files,
    nav: Navigation | None,
) -> list[dict[str, Any]]:
    """Render, convert, frame and write each light page; return their search entries.

    Each page is written as soon as it is made, so the build never holds them all."""
    converter = Converter(
        markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    )
    frames: dict[tuple[Any, ...], Frame] = {}
    front_matters: dict[str, tuple[str, dict[str, Any]]] = {}  # the same for every page of a type
    entries = []
    for page in pages:
        source, meta = _front_matter(page.content, front_matters)
        content, toc = converter.convert(source)
        body = page.restore_blocks(content)
        url = page_url(page.path)
        directory, _, stem = url.rstrip("/").rpartition("/")
        heading = _heading(toc)
        values = {
            FRAME_STEM: stem,
            FRAME_TITLE: html.escape(page.title),
            FRAME_ANCHOR: heading.id if heading else "",
            FRAME_CONTENT: body,
            FRAME_DESCRIPTION: html.escape(page.description),
        }
        key = (directory, json.dumps(meta, sort_keys=True, default=str), _toc_key(toc))
        if key not in frames:
            frames[key] = _frame(env, config, files, nav, directory, meta, toc)
        target = os.path.join(config.site_dir, macros.render.html_path(page.path))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as output:
            output.write(frames[key].fill(values).encode("utf-8", errors="xmlcharrefreplace"))
        search = meta.get("search") or {}
        if not search.get("exclude"):
            # Escaped as Material's search escapes what it indexes (text, not attributes).
            entry = {
                "location": url,
                "title": html.escape(page.title, quote=False),
                "text": f"<p>{html.escape(macros.render.search_intro(body), quote=False)}</p>",
            }
            if "boost" in search:
                entry["boost"] = search["boost"]
            entries.append(entry)
    return entries


def _front_matter(content: str, known: dict[str, tuple[str, dict[str, Any]]]) -> tuple[str, dict[str, Any]]:
    """MkDocs' reading of a page's front matter (`get_data`), parsed once per distinct one."""
    match = YAML_RE.match(content)
    if match is None:
        return get_data(content)
    if match.group() not in known:
        known[match.group()] = get_data(match.group())
    rest, meta = known[match.group()]  # rest is "" where MkDocs takes the front matter off
    return (content[match.end() :].lstrip("\n") if rest == "" else content), meta


class Converter:
    """Markdown to HTML with the site's extensions, as MkDocs converts a page.

    Light pages of one type differ in their first line (`# First vs Second`) and are alike
    after it, so the rest is converted once and the heading on its own (a tenth of the cost);
    the first page of each kind is also converted whole, and the two results must agree.
    A heading whose id the rest also uses (the toc extension would have made it unique) is
    converted whole.
    """

    def __init__(self, converter: markdown.Markdown) -> None:
        self.markdown = converter
        self.rests: dict[str, tuple[str, list[TocToken], set[str]] | None] = {}

    def whole(self, source: str) -> tuple[str, list[TocToken]]:
        self.markdown.reset()
        html_ = self.markdown.convert(source)
        return html_, getattr(self.markdown, "toc_tokens", [])

    def convert(self, source: str) -> tuple[str, TableOfContents]:
        first, newline, rest = source.partition("\n")
        if not first.startswith("# ") or not newline:
            return self._toc(*self.whole(source))
        if rest not in self.rests:
            rest_html, rest_tokens = self.whole(rest)
            self.rests[rest] = (rest_html, rest_tokens, set(_HTML_ID.findall(rest_html)))
            if any(token["level"] == 1 for token in rest_tokens) or self._joined(first, rest) != self.whole(source):
                self.rests[rest] = None  # this kind of page is converted whole
        known = self.rests[rest]
        if known is None:
            return self._toc(*self.whole(source))
        heading_html, heading_tokens = self.whole(first)
        if not heading_tokens or heading_tokens[0]["id"] in known[2]:
            return self._toc(*self.whole(source))
        return self._toc(*self._join(heading_html, heading_tokens, known[0], known[1]))

    def _joined(self, first: str, rest: str) -> tuple[str, list[TocToken]]:
        known = self.rests[rest]
        assert known is not None
        return self._join(*self.whole(first), known[0], known[1])

    @staticmethod
    def _join(
        heading_html: str, heading_tokens: list[TocToken], rest_html: str, rest_tokens: list[TocToken]
    ) -> tuple[str, list[TocToken]]:
        [heading] = heading_tokens
        html_ = heading_html + "\n" + rest_html if rest_html else heading_html
        return html_, [{**heading, "children": heading["children"] + rest_tokens}]

    @staticmethod
    def _toc(html_: str, tokens: list[TocToken]) -> tuple[str, TableOfContents]:
        return html_, get_toc(tokens)


def _heading(toc: TableOfContents) -> Any:
    """The page's h1 as the table of contents' first entry, or None."""
    items = list(toc)
    return items[0] if items and items[0].level == 1 else None


def _toc_key(toc: TableOfContents) -> tuple[Any, ...]:
    """The table of contents without the page's own h1, which the frame marks instead."""
    heading = _heading(toc)
    items = heading.children if heading else list(toc)

    def key(item: Any) -> tuple[Any, ...]:
        return (item.title, item.url, item.level, tuple(key(child) for child in item.children))

    return tuple(key(item) for item in items)


def _frame(
    env: jinja2.Environment,
    config: MkDocsConfig,
    files: Files,
    nav: Navigation | None,
    directory: str,
    meta: dict[str, Any],
    toc: TableOfContents,
) -> Frame:
    """The theme's page for a light page at `directory`/<stem>/ with this front matter and
    table of contents, with markers for its address, title and content. Plugins' page events
    do not run: the frame is no page of the site and stays out of the search index."""
    source = f"{directory}/{FRAME_STEM}.md" if directory else f"{FRAME_STEM}.md"
    heading = _heading(toc)
    if heading:
        heading.id, heading.title = FRAME_ANCHOR, FRAME_TITLE
    page = Page(FRAME_TITLE, File.generated(config, source, content=""), config)
    # Each page's own description takes the marker's place (in the head's meta tags).
    page.meta = meta | {"description": FRAME_DESCRIPTION}
    page.toc, page.content, page.edit_url = toc, FRAME_CONTENT, None
    if nav is None:
        raise Abort("light pages: the nav was not built before the theme environment")
    output = env.get_template(meta.get("template", "main.html")).render(get_context(nav, files, config, page))
    parts = tuple(_FRAME_MARKERS.split(compact(output)))
    if parts[1::2].count(FRAME_CONTENT) != 1:
        raise Abort("light pages: the theme's page template did not show the content exactly once")
    return Frame(parts)


def compact(page: str) -> str:
    """The page without indentation or blank lines between tags: what a browser shows is the
    same, since HTML collapses that whitespace anyway (it is kept in pre, textarea, script and
    style)."""
    out, end = [], 0
    for match in _KEEP_WHITESPACE.finditer(page):
        out += [_INDENT.sub("\n", page[end : match.start()]), match.group()]
        end = match.end()
    out.append(_INDENT.sub("\n", page[end:]))
    return "".join(out)


class SearchSkips:
    """Elements marked data-search-exclude, emptied while the search plugin reads the page.

    The plugin parses every tag of a page, also inside the elements it then skips; on
    framework and criterion pages those are most of the page (citations, tables, code), so
    each such element without a heading inside (headings start search sections) is left as
    an empty copy of its start and end tag until the page is written. Search sees the same
    structure and text; the page is unchanged.
    """

    STUB = "<!--search-skip-5d1f:{}-->"
    # Material's search removes data-search-* attributes with values from what it indexed.
    _ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")

    def __init__(self) -> None:
        self.elements: list[str] = []

    def set_aside(self, content: str) -> str:
        out, end = [], 0
        for match in _EXCLUDED.finditer(content):
            if match.start() < end:
                continue  # inside an element already set aside
            close = _element_end(content, match)
            if close is None or _HEADING.match(match.group()) or _HEADING.search(content, match.end(), close):
                continue  # headings start sections, even excluded ones
            tag = match.group(1)
            out += [content[end : match.start()], f"<{tag} data-search-exclude>", self.STUB.format(len(self.elements))]
            out.append(f"</{tag}>")
            self.elements.append(content[match.start() : close])
            end = close
        return "".join(out) + content[end:] if out else content

    def put_back(self, output: str) -> str:
        if not self.elements:
            return output
        return self._STUBBED.sub(lambda match: self._ATTRIBUTES.sub("", self.elements[int(match.group(2))]), output)

    _STUBBED = re.compile(r"<([a-zA-Z][\w-]*) data-search-exclude><!--search-skip-5d1f:(\d+)--></\1>")


def _element_end(content: str, start: re.Match[str]) -> int | None:
    """Where the element opened by `start` ends (after its end tag), or None if unclear."""
    tag = start.group(1)
    if tag.lower() in _VOID or start.group().endswith("/>"):
        return None
    depth = 0
    # Searched from the start tag on, without copying the rest of the page for each element.
    for match in re.compile(rf"<(/?){re.escape(tag)}(?=[\s>/])[^>]*>").finditer(content, start.start()):
        if match.group().endswith("/>"):
            continue
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return None
