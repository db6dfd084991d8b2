"""Render the dataset into Markdown pages through the Jinja templates beside this module.

Nothing here knows about MkDocs: `build_site` returns plain pages, files and a nav, which the
thin adapter in macros/mkdocs_hooks.py hands to MkDocs (or to ProperDocs: README, "Engine").

Escaping rule: every value from data/ is rendered inside an HTML block with autoescaping on,
never in Markdown context, so Markdown and HTML in a value stay literal text. Only names,
titles and slugs, which the schema restricts to plain characters, appear in headings.

Pre-rendered HTML (tables, highlighted samples) is set aside as a page's `blocks`: the Markdown
holds a placeholder comment for each, so no Markdown extension ever reads contributor text,
and the adapter puts the blocks back after Markdown has run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import Markup

from macros import addresses, licences
from macros.addresses import relative_url
from macros.api import api_files
from macros.dataset_files import TABLES, dataset_files
from macros.feeds import badge_files, feed_files
from macros.fields import display_host, short_url
from macros.freshness import STALE_AFTER_WORDS
from macros.inputs import EVERYTHING, FILES_ONLY, FileDigests, digest, made_afresh, read_inputs
from macros.model import Dataset, keep_facts_of
from macros.pages import PAIR_GRID_LIMIT, REGISTRY, Instance, PageType, nav, nav_paths
from macros.views import Views
from macros.vocabulary import KINDS, LEADING_SECTIONS, LEVELS

TEMPLATES = Path(__file__).resolve().parent / "templates"

CELL_END = re.compile(r"(</(?:td|th|li|tr|ul|p)>)(?=<)")
BLOCK = re.compile(r"<!-- block (\d+) -->")
# Anchors: HTML ids, explicit heading ids, and the ids the toc extension derives from headings without one.
HTML_ID = re.compile(r'id="([^"]+)"')  # an id attribute where whitespace precedes it (a literal prefix: fast)
ANCHOR = re.compile(r'\sid="([^"]+)"|\{ #([^ }]+)[^}]*\}|^#{1,6} ((?:(?!\{ #).)+?)\s*$', re.MULTILINE)


@dataclass(frozen=True)
class Page:
    path: str
    content: str  # Markdown, with a `<!-- block N -->` placeholder for each of `blocks`
    title: str
    in_nav: bool = True
    edit_path: str | None = None  # repository path of the data file behind the page
    blocks: tuple[str, ...] = ()
    light: bool = False  # rendered outside the theme's page pipeline (see PageType.light)
    description: str = ""  # plain text; in the front matter too, except on light pages

    def restore_blocks(self, text: str) -> str:
        """Put the pre-rendered HTML back in place of its placeholders."""
        return BLOCK.sub(lambda match: self.blocks[int(match.group(1))], text)

    @property
    def markdown(self) -> str:
        """The whole page as Markdown with raw HTML, for generators that run no hook."""
        return self.restore_blocks(self.content)


@dataclass
class Memory:
    """What `build_site` made last, kept between builds by `mkdocs serve`: per page path, the
    digest of what the page read (macros/inputs.py) and of the page made from it, and the theme
    pages themselves (light pages are too many to keep). A page whose inputs are unchanged is
    not rendered again; `Site.changed` and `LightPages.changed` name the pages that came out
    differently."""

    files: FileDigests = field(default_factory=FileDigests)
    read: dict[str, bytes] = field(default_factory=dict)
    made: dict[str, bytes] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    # The generated files and parts of them (macros/inputs.py: Reuse), by what they read.
    outputs: dict[tuple[str, ...], tuple[bytes, Any]] = field(default_factory=dict)
    used: set[tuple[str, ...]] = field(default_factory=set)  # the keys of outputs used in this build

    def made_from[Made](self, key: tuple[str, ...], read: bytes, make: Callable[[], Made]) -> Made:
        """`make()`, or what it made last time from the same inputs."""
        self.used.add(key)
        known = self.outputs.get(key)
        if known is None or known[0] != read:
            known = self.outputs[key] = (read, make())
        return known[1]

    def remember(self, path: str, read: bytes, page: Page) -> bool:
        """Keep what `page` was made from; whether it differs from the page made last time."""
        made = digest([page.content, page.title, repr((page.in_nav, page.edit_path)), page.description, *page.blocks])
        changed = self.made.get(path) != made
        self.read[path], self.made[path] = read, made
        if not page.light:
            self.pages[path] = page
        return changed

    def keep_only(self, paths: set[str]) -> None:
        """Forget pages no longer made, and outputs this build did not use."""
        for known in (self.read, self.made, self.pages):
            for path in [path for path in known if path not in paths]:
                del known[path]
        for key in [key for key in self.outputs if key not in self.used]:
            del self.outputs[key]
        self.used = set()


@dataclass
class Site:
    pages: list[Page]
    nav: list[Any]
    files: dict[str, str]  # other files by site path: the JSON API, redirects for reversed pair URLs
    # With build_site(..., defer_light=True): the light pages, rendered one at a time when iterated
    # (then not in `pages`), so a generator can make them where and when it likes.
    light: LightPages | None = None
    # Search documents for parts of pages that are no heading (PageType.search_sections), escaped.
    search: list[dict[str, Any]] = field(default_factory=list)
    # With a Memory: the theme pages that came out differently from the last build's.
    changed: list[str] = field(default_factory=list)


class LightPages:
    """Light pages rendered on demand, each checked for duplicate anchors as it is rendered."""

    def __init__(
        self,
        items: list[tuple[PageType, Instance]],
        render: Callable[[PageType, Instance], Page],
        reads: PageReads | None = None,
    ) -> None:
        self.items = items
        self._render = render
        self._reads = reads

    @property
    def paths(self) -> list[str]:
        return [instance.path for _, instance in self.items]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Page]:
        for page_type, instance in self.items:
            yield self._made(page_type, instance)[0]

    def changed(self) -> Iterator[Page]:
        """Only the pages whose inputs changed since the Memory's build and that came out differently."""
        for page_type, instance in self.items:
            if self._reads is None or self._reads.memory.read.get(instance.path) != self._reads(page_type, instance):
                page, changed = self._made(page_type, instance)
                if changed:
                    yield page

    def _made(self, page_type: PageType, instance: Instance) -> tuple[Page, bool]:
        """The page, and whether it differs from the Memory's (always, without one)."""
        page = self._render(page_type, instance)
        check_unique_anchors(page)
        if self._reads is None:
            return page, True
        return page, self._reads.memory.remember(instance.path, self._reads(page_type, instance), page)


LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def one_line(value: Any) -> Any:
    """Keep data values on one line, so no value can start a line that Markdown
    preprocessors (snippets, abbreviations) would act on."""
    if isinstance(value, str) and not isinstance(value, Markup) and ("\n" in value or "\r" in value):
        return LINE_BREAK.sub(" ", value)
    return value


class Once(Extension):
    """`{% once key %}...{% endonce %}`: render the body once per build for each key, on pages
    in the same folder (so relative links stay right), and reuse it on the other pages.

    For fragments that thousands of pages repeat (a framework's cell in every pair page); the
    key must name everything the body shows, including the page itself if the body links to
    it. A body may not set blocks aside (their numbers are per page).
    """

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self.tags = {"once"}
        environment.extend(once_fragments={})

    def parse(self, parser: jinja2.parser.Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endonce",), drop_needle=True)
        call = self.call_method("_fragment", [nodes.ContextReference(), key])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, context: jinja2.runtime.Context, key: Any, caller: Callable[[], str]) -> str:
        fragments: dict[Any, tuple[str, list[str]]] = self.environment.once_fragments  # type: ignore[attr-defined]
        links = context.get("url")
        if not isinstance(links, Links):
            return caller()  # no page to share fragments with
        full_key = (links.folder, key)
        known = fragments.get(full_key)
        # Links to this page or below it are not the same across a folder: render those afresh.
        if known is not None and not any(links.is_own(target) for target in known[1]):
            return known[0]
        blocks, links.targets = len(context["blocks"]), []
        try:
            html = caller()
        finally:
            targets, links.targets = links.targets, None
        if len(context["blocks"]) != blocks:
            raise TypeError(f"{{% once {key!r} %}} may not set blocks aside")
        if not any(links.is_own(target) for target in targets):
            fragments[full_key] = (html, targets)
        return html


def bytecode_cache(name: str, options: dict[str, Any]) -> jinja2.BytecodeCache:
    """Compiled templates kept between builds, in Jinja's private per-user folder: compiling the
    templates is a fixed cost of every build (and every `mkdocs serve` rebuild). Entries are
    checked against the template's source; `options` (anything else that changes the compiled
    code) name the cache."""
    digest = hashlib.sha256(repr(sorted(options.items())).encode()).hexdigest()[:16]
    return _BytecodeByName(pattern=f"__{name}_{jinja2.__version__}_{digest}_%s.cache")


class _BytecodeByName(jinja2.FileSystemBytecodeCache):
    """One entry per template name, not per file path: copies of the project (tests make many)
    share entries instead of adding files forever; the source checksum decides what is valid."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()


def environment() -> jinja2.Environment:
    options: dict[str, Any] = {
        "autoescape": True,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "finalize": one_line,
        "extensions": [Once],
    }
    named = {key: getattr(value, "__name__", value) for key, value in options.items()}
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), bytecode_cache=bytecode_cache("render", named), **options
    )
    env.filters["host"] = display_host
    env.filters["short_url"] = short_url
    env.filters["block"] = set_aside
    env.globals.update(zip=zip)
    env.globals.update(
        LEVELS=LEVELS,
        KINDS=KINDS,
        LEADING_SECTIONS=LEADING_SECTIONS,
        STALE_AFTER_WORDS=STALE_AFTER_WORDS,
        api_version=addresses.API_VERSION,
        licences=licences,
        dataset_tables=TABLES,
        PAIR_GRID_LIMIT=PAIR_GRID_LIMIT,
    )
    return env


@jinja2.pass_context
def set_aside(context: jinja2.runtime.Context, html: str) -> Markup:
    """`{% filter block %}...{% endfilter %}`: keep finished HTML away from Markdown."""
    blocks: list[str] = context["blocks"]
    blocks.append(CELL_END.sub(r"\1\n", str(html)).strip("\n"))
    return Markup(f"<!-- block {len(blocks) - 1} -->")


def build_day() -> dt.date:
    """The build's date: SOURCE_DATE_EPOCH's (UTC) when set, for builds that must agree (the
    second engine's, built after midnight, takes the first's), else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()


def build_site(
    dataset: Dataset,
    repo_url: str | None = None,
    branch: str = "main",
    today: dt.date | None = None,
    site_url: str = "https://example.invalid/",
    defer_light: bool = False,
    memory: Memory | None = None,
) -> Site:
    """Every page, file and search section of the site. With a `memory` of the last build, pages
    whose inputs did not change are taken from it instead of being rendered again."""
    env = environment()
    keep_facts_of(dataset.frameworks)
    link_cache: dict[tuple[str, str], str] = {}
    today = today or build_day()
    views = Views.of(dataset, repo_url, branch, today, site_url)
    common = {"data": dataset, "view": views, "addr": addresses}

    def render(page_type: PageType, instance: Instance) -> Page:
        blocks: list[str] = []
        content = env.get_template(page_type.template).render(
            **common,
            url=Links(instance.path, link_cache),
            blocks=blocks,
            title=instance.title,
            **instance.values,
        )
        description = page_type.describe(dataset, views, instance)
        # Search indexes text with tags stripped: without a break, adjacent cells run together.
        content = page_type.front_matter(instance, description) + CELL_END.sub(r"\1\n", content)
        in_nav = instance.path in in_nav_paths
        return Page(
            instance.path,
            content,
            instance.title,
            in_nav,
            instance.edit_path,
            tuple(blocks),
            page_type.light,
            description,
        )

    registered = [(page_type, instance) for page_type in REGISTRY for instance in page_type.instances(dataset)]
    site_nav = nav(registered)
    in_nav_paths = nav_paths(site_nav)
    check_unique_addresses([instance.path for _, instance in registered])
    reads = None if memory is None else PageReads(dataset, memory, (repo_url or "", branch, site_url, today))
    deferred = [(page_type, instance) for page_type, instance in registered if page_type.light and defer_light]
    pages, changed = [], []
    for page_type, instance in registered:
        if page_type.light and defer_light:
            continue
        read = reads(page_type, instance) if reads is not None else b""
        if reads is not None and reads.memory.read.get(instance.path) == read:
            pages.append(reads.memory.pages[instance.path])
            continue
        page = render(page_type, instance)
        check_unique_anchors(page)
        pages.append(page)
        if reads is not None and reads.memory.remember(instance.path, read, page):
            changed.append(page.path)
    reuse = reads.reuse if reads is not None else made_afresh
    files = reuse(("api",), EVERYTHING, lambda: api_files(dataset)) | badge_files(dataset, today)
    files |= feed_files(dataset, site_url, today, reuse) | dataset_files(dataset, site_url, today, reuse)
    if reads is None:
        files |= reversed_pair_redirects(dataset, env)
    else:  # from the names alone
        files |= reads.memory.made_from(("redirects",), reads.names, lambda: reversed_pair_redirects(dataset, env))
        reads.memory.keep_only({instance.path for _, instance in registered})
    search = [
        section.entry(html_path(instance.path).removesuffix("index.html"))
        for page_type, instance in registered
        if page_type.in_search and page_type.search_sections
        for section in page_type.search_sections(dataset, instance)
    ]
    return Site(
        pages=pages,
        nav=site_nav,
        files=files,
        light=LightPages(deferred, render, reads) if defer_light else None,
        search=search,
        changed=changed,
    )


class PageReads:
    """The digest of everything a page reads (macros/inputs.py): the shared data, the templates,
    every framework's name and kind, the build's settings and day, and the files of the
    frameworks its page type declares."""

    def __init__(self, dataset: Dataset, memory: Memory, settings: tuple[Any, ...]) -> None:
        self.dataset, self.memory = dataset, memory
        self.inputs = inputs = read_inputs(dataset.root, memory.files)
        roster = [(fw.slug, fw.name, fw.kind, fw.builds_on and fw.builds_on.framework) for fw in dataset.frameworks]
        self.names = digest([repr(roster), inputs.templates.get("redirect.html.j2", b"")])
        self.common = digest([inputs.shared, repr(roster), repr(settings)])
        self.slugs = sorted(inputs.frameworks)
        self._known: dict[tuple[str, frozenset[str]], bytes] = {}  # frameworks' digests worked out in this build
        self._templates: dict[str, bytes] = {}
        self.everything = digest([self.common, self._all(frozenset())])

    def __call__(self, page_type: PageType, instance: Instance) -> bytes:
        ignoring = page_type.ignores()
        if page_type.reads is None:
            frameworks = [self._all(ignoring)]
        else:
            frameworks = [self._one(slug, ignoring) for slug in sorted(page_type.reads(self.dataset, instance))]
        return digest([self.common, self._template(page_type.template), instance.path, instance.title, *frameworks])

    def reuse[Made](self, key: tuple[str, ...], reads: str, make: Callable[[], Made]) -> Made:
        """macros.inputs.Reuse, from this build's inputs and the memory of the last."""
        if reads == EVERYTHING:
            read = self.everything
        elif reads == FILES_ONLY:
            read = digest([self.common, *(self.inputs.of_framework(slug, files_only=True) for slug in self.slugs)])
        else:
            read = digest([self.common, self._one(reads, frozenset())])
        return self.memory.made_from(key, read, make)

    def _one(self, slug: str, ignoring: frozenset[str]) -> bytes:
        key = (slug, ignoring)
        if key not in self._known:
            self._known[key] = self.inputs.of_framework(slug, ignoring)
        return self._known[key]

    def _all(self, ignoring: frozenset[str]) -> bytes:
        key = ("*", ignoring)
        if key not in self._known:
            self._known[key] = digest([self._one(slug, ignoring) for slug in self.slugs])
        return self._known[key]

    def _template(self, name: str) -> bytes:
        if name not in self._templates:
            self._templates[name] = self.inputs.of_template(name)
        return self._templates[name]


class Links:
    """`url(target)` in templates: the relative link from one page to another page (.md paths).

    A link to a page outside this page's own address depends only on the folder the page's
    address is in, so links are worked out once per folder and target (a pair page links to
    the same framework and criterion pages as the 4,949 others)."""

    def __init__(self, source: str, cache: dict[tuple[str, str], str]) -> None:
        self.source = source
        self.address = url_directory(source)
        self.folder = posixpath.dirname(self.address.rstrip("/"))
        self.cache = cache
        self.targets: list[str] | None = None  # while a {% once %} fragment renders: what it links to

    def is_own(self, target: str) -> bool:
        """Whether `target` is this page or below it, the links that differ across a folder."""
        return url_directory(target).startswith(self.address)

    def __call__(self, target: str) -> str:
        if self.targets is not None:
            self.targets.append(target)
        if self.is_own(target):
            return relative_url(self.source, target)
        key = (self.folder, target)
        if key not in self.cache:
            self.cache[key] = relative_url(self.source, target)
        return self.cache[key]


def url_directory(path: str) -> str:
    """A page's address as a site-root directory: 'compare/a-vs-b.md' -> '/compare/a-vs-b/'."""
    stem = path.removesuffix(".md")
    return "/" if stem == "index" else "/" + stem.removesuffix("/index") + "/"


class CollisionError(ValueError):
    """Two generated pages share a path, or two sections of a page share an anchor."""


def check_unique_addresses(paths: Sequence[str]) -> None:
    """Fail instead of letting one page silently replace another."""
    seen: set[str] = set()
    for path in paths:
        if path in seen:
            raise CollisionError(f"two generated pages share the path {path!r}")
        seen.add(path)


def check_unique_anchors(page: Page) -> None:
    """Fail instead of letting one section of a page silently shadow another."""
    anchors: set[str] = set()
    # Blocks never reach Markdown: only their HTML ids are anchors (scanned on their own,
    # without joining the page, which is most of this check's cost at 100 frameworks).
    found = [
        match.group(1) or match.group(2) or heading_slug(match.group(3)) for match in ANCHOR.finditer(page.content)
    ]
    found += [
        match.group(1)
        for block in page.blocks
        for match in HTML_ID.finditer(block)
        if match.start() and block[match.start() - 1].isspace()
    ]
    for anchor in found:
        if anchor in anchors:
            raise CollisionError(f"{page.path}: two sections share the anchor #{anchor}")
        anchors.add(anchor)


def heading_slug(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading without an explicit one."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", text).strip().lower())


def reversed_pair_redirects(dataset: Dataset, env: jinja2.Environment) -> dict[str, str]:
    """A tiny page at each pair's other order (compare/flask-vs-django/) that sends readers on
    to the pair's page: static HTML, so it costs nothing to build and works without scripts."""
    files = {}
    template = env.get_template("redirect.html.j2")
    for first, second in dataset.pairs():
        target = addresses.pair_page(first.slug, second.slug)
        reverse = addresses.pair_page_reversed(first.slug, second.slug)
        url = relative_url(reverse, target)
        files[html_path(reverse)] = template.render(url=url, title=f"{second.name} vs {first.name}")
    return files


def html_path(path: str) -> str:
    """The file a page (by its .md source path) is served from: its directory URL's index.html."""
    stem = path.removesuffix(".md")
    return stem + ".html" if stem == "index" or stem.endswith("/index") else stem + "/index.html"


class _IntroText(HTMLParser):
    """Collects the text of an HTML fragment, leaving out hidden and search-excluded elements."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.skipped = 0  # depth inside an element left out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        names = {name for name, _ in attrs}
        if self.skipped or "hidden" in names or "data-search-exclude" in names:
            self.skipped += 1

    def handle_endtag(self, tag: str) -> None:
        if self.skipped and tag not in self.VOID:
            self.skipped -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipped:
            self.text.append(data)


def search_intro(html: str) -> str:
    """What a light page is searched by besides its title: the text between its h1 and its first
    h2 (the introduction), without hidden or search-excluded elements, as plain text."""
    start = html.find("</h1>")
    head = html[start + len("</h1>") if start >= 0 else 0 :].split("<h2", 1)[0]
    parser = _IntroText()
    parser.feed(head)
    parser.close()
    return " ".join("".join(parser.text).split())
