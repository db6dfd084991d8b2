"""Render the dataset into Markdown pages through the Jinja templates beside this module.

Nothing here knows about MkDocs: `build_site` returns plain pages and a nav, which the thin
adapter in macros/mkdocs_hooks.py hands to MkDocs (and scripts/build_pages.py writes to disk
for any other generator).

Escaping rule: every value from data/ is rendered inside an HTML block with autoescaping on,
never in Markdown context, so Markdown and HTML in a value stay literal text. Only names,
titles and slugs, which the schema restricts to plain characters, appear in headings.

Pre-rendered HTML (tables, highlighted samples) is set aside as a page's `blocks`: the Markdown
holds a placeholder comment for each, so no Markdown extension ever reads contributor text,
and the adapter puts the blocks back after Markdown has run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from macros import addresses
from macros.addresses import relative_url
from macros.api import api_files
from macros.feeds import badge_files, feed_files
from macros.fields import display_host
from macros.freshness import STALE_AFTER_WORDS
from macros.model import (
    Dataset,
)
from macros.pages import HIDDEN, REGISTRY, Instance, PageType, nav
from macros.views import Views
from macros.vocabulary import KINDS, LEVELS

TEMPLATES = Path(__file__).resolve().parent / "templates"

CELL_END = re.compile(r"(</(?:td|th|li|tr|ul|p)>)(?=<)")
BLOCK = re.compile(r"<!-- block (\d+) -->")
# Anchors: HTML ids, explicit heading ids, and the ids the toc extension derives from headings without one.
ANCHOR = re.compile(r'\sid="([^"]+)"|\{ #([^ }]+)[^}]*\}|^#{1,6} ((?:(?!\{ #).)+?)\s*$', re.MULTILINE)


@dataclass(frozen=True)
class Page:
    path: str
    content: str  # Markdown, with a `<!-- block N -->` placeholder for each of `blocks`
    title: str
    in_nav: bool = True
    edit_path: str | None = None  # repository path of the data file behind the page
    blocks: tuple[str, ...] = ()

    def restore_blocks(self, text: str) -> str:
        """Put the pre-rendered HTML back in place of its placeholders."""
        return BLOCK.sub(lambda match: self.blocks[int(match.group(1))], text)

    @property
    def markdown(self) -> str:
        """The whole page as Markdown with raw HTML, for generators that run no hook."""
        return self.restore_blocks(self.content)


@dataclass
class Site:
    pages: list[Page]
    nav: list[Any]
    files: dict[str, str]  # other files by site path: the JSON API, redirects for reversed pair URLs


def one_line(value: Any) -> Any:
    """Keep data values on one line, so no value can start a line that Markdown
    preprocessors (snippets, abbreviations) would act on."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return re.sub(r"\s*[\r\n]+\s*", " ", value)
    return value


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=one_line,
    )
    env.filters["host"] = display_host
    env.filters["block"] = set_aside
    env.globals.update(zip=zip)
    env.globals.update(
        LEVELS=LEVELS, KINDS=KINDS, STALE_AFTER_WORDS=STALE_AFTER_WORDS, api_version=addresses.API_VERSION
    )
    return env


@jinja2.pass_context
def set_aside(context: jinja2.runtime.Context, html: str) -> Markup:
    """`{% filter block %}...{% endfilter %}`: keep finished HTML away from Markdown."""
    blocks: list[str] = context["blocks"]
    blocks.append(CELL_END.sub(r"\1\n", str(html)).strip("\n"))
    return Markup(f"<!-- block {len(blocks) - 1} -->")


def build_site(
    dataset: Dataset,
    repo_url: str | None = None,
    branch: str = "main",
    today: dt.date | None = None,
    site_url: str = "https://example.invalid/",
) -> Site:
    env = environment()
    views = Views(dataset, repo_url, branch, today or dt.date.today())
    common = {"data": dataset, "view": views, "addr": addresses}

    def render(page_type: PageType, instance: Instance) -> Page:
        blocks: list[str] = []
        content = env.get_template(page_type.template).render(
            **common, url=partial(relative_url, instance.path), blocks=blocks, title=instance.title, **instance.values
        )
        # Search indexes text with tags stripped: without a break, adjacent cells run together.
        content = page_type.front_matter(instance) + CELL_END.sub(r"\1\n", content)
        in_nav = page_type.nav_section is not HIDDEN
        return Page(instance.path, content, instance.title, in_nav, instance.edit_path, tuple(blocks))

    registered = [(page_type, instance) for page_type in REGISTRY for instance in page_type.instances(dataset)]
    pages = [render(page_type, instance) for page_type, instance in registered]
    check_unique_addresses(pages)
    files = api_files(dataset) | reversed_pair_redirects(dataset)
    files |= feed_files(dataset, site_url, views.today) | badge_files(dataset, views.today)
    return Site(pages=pages, nav=nav(registered), files=files)


class CollisionError(ValueError):
    """Two generated pages share a path, or two sections of a page share an anchor."""


def check_unique_addresses(pages: list[Page]) -> None:
    """Fail instead of letting one page or section silently replace another."""
    paths: set[str] = set()
    for page in pages:
        if page.path in paths:
            raise CollisionError(f"two generated pages share the path {page.path!r}")
        paths.add(page.path)
        anchors: set[str] = set()
        for match in ANCHOR.finditer(page.markdown):
            anchor = match.group(1) or match.group(2) or heading_slug(match.group(3))
            if anchor in anchors:
                raise CollisionError(f"{page.path}: two sections share the anchor #{anchor}")
            anchors.add(anchor)


def heading_slug(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading without an explicit one."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", text).strip().lower())


def reversed_pair_redirects(dataset: Dataset) -> dict[str, str]:
    """A tiny page at each pair's other order (compare/flask-vs-django/) that sends readers on
    to the pair's page: static HTML, so it costs nothing to build and works without scripts."""
    files = {}
    template = environment().get_template("redirect.html.j2")
    for first, second in dataset.pairs():
        target = addresses.pair_page(first.slug, second.slug)
        reverse = addresses.pair_page_reversed(first.slug, second.slug)
        url = relative_url(reverse, target)
        files[reverse.removesuffix(".md") + "/index.html"] = template.render(
            url=url, title=f"{second.name} vs {first.name}"
        )
    return files
