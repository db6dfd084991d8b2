"""The page registry: every page type the site has, declared once.

Each entry names its template, where its pages live, their titles, the nav section they
belong to, whether search indexes them and which theme parts they hide. The nav and the page
list are derived from this list; adding a page type is one entry here and one template.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from macros import addresses, descriptions
from macros.model import Dataset
from macros.search import SearchSection, matrix_rows

if TYPE_CHECKING:
    from macros.views import Views

TOP_LEVEL = ""  # a nav entry of its own
HIDDEN = None  # reachable by links only (pair pages)
# Every page carries the whole sidebar: a section longer than this shows only its index pages
# (at 100 frameworks the Frameworks section alone would be a third of a pair page; at 20 it
# costs every page 2.6 KB of its 150 KB budget).
NAV_SECTION_LIMIT = 15
# The compare page's grid of every pair (N x N links) is left out above this; the list stays.
PAIR_GRID_LIMIT = 30
# A page listing every framework shows each one's claims, citations, code samples and trend
# charts while it lists at most this many; past that it links to each framework's page for
# them. Measured with scripts/benchmark.py's synthetic sites: at 20 frameworks inline, the
# community page is 210 KB and the database page 200 KB, over the 150 KB page budget; linked,
# 80 KB and 60 KB.
EVIDENCE_INLINE_LIMIT = 15


# Sheet keys only some page templates show: a page of any other template is not rendered again
# under `mkdocs serve` when only these change (tests/macros/test_inputs.py checks that it shows
# nothing of them).
SHOWN_ONLY_BY: dict[str, frozenset[str]] = {
    "tagline": frozenset({"framework.md.j2", "frameworks_index.md.j2"}),
}


@dataclass(frozen=True)
class Instance:
    path: str
    title: str
    values: dict[str, Any] = field(default_factory=dict)
    edit_path: str | None = None  # repository path of the data behind the page
    feed: str | None = None  # site path of the Atom feed that page heads link to


@dataclass(frozen=True)
class PageType:
    template: str
    nav_section: str | None
    instances: Callable[[Dataset], Iterable[Instance]]
    search_boost: float | None = None  # None: indexed with the default weight
    in_search: bool = True
    hide: tuple[str, ...] = ()  # theme parts to hide: "navigation", "toc"
    # Light pages are rendered once each outside the theme's page pipeline, into a frame the
    # theme renders once per build (same head, header, nav, scripts and footer), and are
    # searched by title and introduction only. For page types with thousands of instances.
    light: bool = False
    # The section's index page: what the nav keeps of a section longer than NAV_SECTION_LIMIT.
    nav_index: bool = False
    # Parts of a page that search finds as sections of their own though they are no heading
    # (the matrix's rows; see macros/search.py), when the page is in search.
    search_sections: Callable[[Dataset, Instance], Iterable[SearchSection]] | None = None
    # The page's own description (macros/descriptions.py), for search results and link previews.
    describe: Callable[[Dataset, Views, Instance], str] = descriptions.default
    # The frameworks whose files (macros/inputs.py) a page shows facts of, beyond every
    # framework's name and kind; None: all of them. Under `mkdocs serve` a page is rendered again
    # only when these, its templates or the shared data changed (tests/macros/test_inputs.py
    # checks that pages read no other framework's files).
    reads: Callable[[Dataset, Instance], frozenset[str]] | None = None

    def ignores(self) -> frozenset[str]:
        """The parts of fact sheets (macros/inputs.py) this type's pages never show."""
        return frozenset(f"sheet.{key}" for key, templates in SHOWN_ONLY_BY.items() if self.template not in templates)

    def front_matter(self, instance: Instance, description: str) -> str:
        # JSON's string syntax is YAML's double-quoted one. Light pages carry their description
        # on the Page instead: a line each would make every front matter one to parse.
        lines = [] if self.light else [f"description: {json.dumps(description, ensure_ascii=False)}"]
        lines += [f"feed: {instance.feed}"] if instance.feed else []
        if not self.in_search:
            lines += ["search:", "  exclude: true"]
        elif self.search_boost is not None:
            lines += ["search:", f"  boost: {self.search_boost:g}"]
        if self.hide:
            lines += ["hide:", *(f"  - {part}" for part in self.hide)]
        return "---\n" + "".join(line + "\n" for line in lines) + "---\n\n" if lines else ""


def _single(path: str, title: str) -> Callable[[Dataset], Iterable[Instance]]:
    return lambda dataset: [Instance(path, title)]


REGISTRY: tuple[PageType, ...] = (
    PageType("home.md.j2", TOP_LEVEL, _single(addresses.HOME, "Home"), search_boost=1.5, describe=descriptions.home),
    PageType(
        "guide.md.j2",
        TOP_LEVEL,
        _single(addresses.GUIDE, "Decision guide"),
        search_boost=3,
        describe=descriptions.guide,
    ),
    # Only when there are too many frameworks for the sidebar: it lists them instead.
    PageType(
        "frameworks_index.md.j2",
        "Frameworks",
        lambda dataset: (
            [Instance(addresses.FRAMEWORKS_INDEX, "All frameworks")]
            if len(dataset.frameworks) > NAV_SECTION_LIMIT
            else []
        ),
        in_search=False,
        nav_index=True,
        describe=descriptions.frameworks_index,
    ),
    PageType(
        "framework.md.j2",
        "Frameworks",
        lambda dataset: [
            Instance(
                addresses.framework_page(framework.slug),
                framework.name,
                {"framework": framework},
                addresses.fact_sheet(framework.slug),
                addresses.framework_feed(framework.slug),
            )
            for framework in dataset.frameworks
        ],
        search_boost=3,
        describe=descriptions.framework,
        reads=lambda dataset, instance: dataset.related(instance.values["framework"].slug),
    ),
    PageType(
        "criteria_index.md.j2",
        "Criteria",
        _single(addresses.CRITERIA_INDEX, "All criteria"),
        describe=descriptions.criteria_index,
    ),
    PageType(
        "criterion.md.j2",
        "Criteria",
        lambda dataset: [
            Instance(
                addresses.criterion_page(criterion.id),
                criterion.title,
                {"criterion": criterion},
                addresses.catalogue("criteria"),
            )
            for criterion in dataset.criteria
        ],
        # One section per page: the table of contents would be empty, the tables need the room.
        hide=("toc",),
        # A topic ("security", "testing") finds the page comparing every framework on it before
        # the sections of that name on each framework page (boosted 3, but sections).
        search_boost=2,
        describe=descriptions.criterion,
    ),
    # Twelve columns need the full width. Search finds each row (a feature, who has it at which level).
    PageType(
        "features.md.j2",
        TOP_LEVEL,
        _single(addresses.MATRIX, "Feature matrix"),
        hide=("navigation", "toc"),
        search_sections=lambda dataset, instance: matrix_rows(dataset),
        describe=descriptions.matrix,
    ),
    PageType(
        "compare_index.md.j2",
        TOP_LEVEL,
        _single(addresses.COMPARE_INDEX, "Compare frameworks"),
        describe=descriptions.compare_index,
    ),
    PageType(
        "pair.md.j2",
        HIDDEN,
        lambda dataset: [
            Instance(
                addresses.pair_page(first.slug, second.slug),
                f"{first.name} vs {second.name}",
                {"first": first, "second": second},
            )
            for first, second in dataset.pairs()
        ],
        # Searched by their title and introduction ("flask vs django" in either order); the
        # tables are marked data-search-exclude.
        search_boost=3,
        # Pair pages are not in the sidebar, so its room goes to the two columns.
        hide=("navigation",),
        # n(n-1)/2 of them: 4,950 at 100 frameworks, too many for full theme pages (issue 13).
        light=True,
        describe=descriptions.pair,
        reads=lambda dataset, instance: (
            dataset.related(instance.values["first"].slug) | dataset.related(instance.values["second"].slug)
        ),
    ),
    # Searched a little above the default weight ("django releases", "django lts": above the pages
    # of Django's extensions, whose names hold "django"), below the framework and pair pages;
    # their charts, tables of figures and method notes are not searched. Titles
    # weigh a thousand times more than text, so the title has no "over time": "real-time" and
    # "response time" found every trends page first.
    PageType(
        "trends.md.j2",
        HIDDEN,
        lambda dataset: [
            Instance(
                addresses.trends_page(framework.slug),
                f"{framework.name}: releases and community figures",
                {"framework": framework},
                addresses.fact_sheet(framework.slug),
            )
            for framework in dataset.frameworks
            if any(item.framework == framework.slug for item in dataset.history)
            or any(item.framework == framework.slug for item in dataset.releases)
        ],
        search_boost=2,
        describe=descriptions.trends,
        reads=lambda dataset, instance: dataset.related(instance.values["framework"].slug),
    ),
    # Maintainer pages: out of search, so ordinary queries find the comparisons.
    PageType(
        "sources.md.j2",
        TOP_LEVEL,
        _single(addresses.SOURCES, "Sources"),
        in_search=False,
        describe=descriptions.sources,
    ),
    PageType(
        "review.md.j2",
        TOP_LEVEL,
        _single(addresses.REVIEW, "Needs review"),
        in_search=False,
        describe=descriptions.review,
    ),
    # Linked from the home page, not the sidebar (every page carries the sidebar, and the largest
    # framework page is at its size budget); out of search: its names and versions are on the
    # framework pages, which queries should find.
    PageType(
        "changes.md.j2",
        HIDDEN,
        lambda dataset: [Instance(addresses.CHANGES, "What changed", feed=addresses.changes_feed())],
        in_search=False,
        hide=("toc",),
        describe=descriptions.changes,
    ),
    PageType("api.md.j2", TOP_LEVEL, _single(addresses.API_DOCS, "Data API"), describe=descriptions.api),
)


def nav(pages: Iterable[tuple[PageType, Instance]]) -> list[dict[str, Any]]:
    """The sidebar: top-level pages in registry order, sectioned pages grouped under their
    section; a section longer than NAV_SECTION_LIMIT keeps only its index pages, if it has any
    (the frameworks, whose number grows; not the criteria)."""
    order: list[str | dict[str, str]] = []  # top-level entries, and section names where they start
    sections: dict[str, list[tuple[PageType, dict[str, str]]]] = {}
    for page_type, instance in pages:
        if page_type.nav_section is HIDDEN:
            continue
        if page_type.nav_section == TOP_LEVEL:
            order.append({instance.title: instance.path})
            continue
        if page_type.nav_section not in sections:
            sections[page_type.nav_section] = []
            order.append(page_type.nav_section)
        sections[page_type.nav_section].append((page_type, {instance.title: instance.path}))
    entries: list[dict[str, Any]] = []
    for entry in order:
        if isinstance(entry, dict):
            entries.append(entry)
            continue
        members = sections[entry]
        indexes = [member for member in members if member[0].nav_index]
        if len(members) > NAV_SECTION_LIMIT and indexes:
            members = indexes
        entries.append({entry: [item for _, item in members]})
    return entries


def nav_paths(entries: list[Any]) -> set[str]:
    """The page paths a nav links to."""
    paths: set[str] = set()
    for entry in entries:
        for value in entry.values():
            paths |= nav_paths(value) if isinstance(value, list) else {value}
    return paths
