"""Every address the generator owns: page paths, API files, repository paths and anchors.

Python and templates both ask this module (templates as `addr`), so a path is spelled once.
Page paths are MkDocs source paths (`.md`); `relative_url` turns them into links.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
CRITERIA_INDEX = "criteria/index.md"
FRAMEWORKS_INDEX = "frameworks/index.md"  # only when the sidebar cannot list them all
MATRIX = "features.md"
COMPARE_INDEX = "compare/index.md"
SOURCES = "sources.md"
REVIEW = "review.md"
GUIDE = "guide.md"
API_DOCS = "api.md"
CHANGES = "changes.md"

PAIR_SEPARATOR = "-vs-"
# Slugs and criterion ids that would land on a generator-owned page or anchor (validation refuses them).
RESERVED_IDS = frozenset(
    {
        "index",
        "features",
        "at-a-glance",
        "frameworks",
        "how-to-read",
        "api",
        "v1",
        "needs",
        "key-differences",
        "which-fits",
        "community-figures",
        "every-criterion",
        # element ids of the pages and of docs/assets/decide.js
        "edit-base",
        "guide-app",
        "compare-app",
        "matrix-app",
        "matrix-table",
        "benchmarks",
        "status",  # a framework page's status block (macros/templates/_status.j2)
        "status-title",
        "security-record",  # a framework page's security record (_advisories.j2)
        "footprint",  # a framework page's footprint and Python support (_footprint.j2)
        # feeds/site.xml is the site's feed and feeds/changes.xml the "What changed" page's, next to feeds/<slug>.xml
        "site",
        "changes",
    }
)
# Where a framework page answers the guide's risk questions (ids of the sections above).
RISK_ANCHORS = {"releases": "status", "advisories": "security-record", "footprint": "footprint"}
# The feature matrix's section on maintenance, security and footprint, for every framework.
MATRIX_RISK = "risk"

# Anchors built from a prefix and an id (`feature-orm`, `fit-flask`, `need-async`, `summary--flask`):
# a slug or criterion id starting so could take another element's anchor.
RESERVED_PREFIXES = ("feature-", "fit-", "need-", "summary-")

# Markers the light pages' frame is cut at (macros/mkdocs_light.py): plain words no page may contain.
LIGHT_FRAME_MARKERS = (
    "light-page-frame-5d1f",
    "light-page-title-5d1f",
    "light-page-anchor-5d1f",
    "light-page-content-5d1f",
    "light-page-description-5d1f",
)


def id_clash(value: str) -> str | None:
    """Why an id taken from data (slug, criterion id) would clash with a generated page, feed or
    anchor, or None when it is free."""
    if value in RESERVED_IDS:
        return f"{value!r} is the name of a generated page, feed or element"
    prefix = next((prefix for prefix in RESERVED_PREFIXES if value.startswith(prefix)), None)
    if prefix:
        return f"{value!r} starts with {prefix!r}, which generated anchors use"
    if any(marker in value for marker in LIGHT_FRAME_MARKERS) or "light-page-" in value:
        return f"{value!r} holds 'light-page-', which marks the light pages' frame"
    return None


API_VERSION = "v1"


def framework_page(slug: str) -> str:
    return f"frameworks/{slug}.md"


def trends_page(slug: str) -> str:
    return f"trends/{slug}.md"


def criterion_page(criterion_id: str) -> str:
    return f"criteria/{criterion_id}.md"


def pair_page(first: str, second: str) -> str:
    """The one page for a pair, whichever order it is asked in."""
    a, b = sorted((first, second))
    return f"compare/{a}{PAIR_SEPARATOR}{b}.md"


def pair_page_reversed(first: str, second: str) -> str:
    """The other order of a pair's address, which redirects to `pair_page`."""
    a, b = sorted((first, second))
    return f"compare/{b}{PAIR_SEPARATOR}{a}.md"


FACT_SHEETS = "data/frameworks"


def fact_sheet(slug: str) -> str:
    return f"{FACT_SHEETS}/{slug}.yml"


def catalogue(name: str) -> str:
    return f"data/{name}.yml"


def sample(slug: str, name: str) -> str:
    return f"data/samples/{slug}/{name}.py"


def api_index() -> str:
    return f"api/{API_VERSION}/frameworks.json"


def api_framework(slug: str) -> str:
    return f"api/{API_VERSION}/frameworks/{slug}.json"


def api_compare() -> str:
    return f"api/{API_VERSION}/compare.json"


def badge(slug: str, name: str) -> str:
    return f"api/{API_VERSION}/badges/{slug}/{name}.json"


def site_feed() -> str:
    return "feeds/site.xml"


def changes_feed() -> str:
    return "feeds/changes.xml"


def framework_feed(slug: str) -> str:
    return f"feeds/{slug}.xml"


def api_history() -> str:
    return f"api/{API_VERSION}/history.json"


def api_schema() -> str:
    return f"api/{API_VERSION}/schema.json"


def api_csv(table: str) -> str:
    return f"api/{API_VERSION}/csv/{table}.csv"


def api_datapackage() -> str:
    return f"api/{API_VERSION}/datapackage.json"


# Anchors. A criterion's section is `#<criterion id>`; rows carry ids built here, separated by
# "--", which no slug or id can contain, so no two kinds of row can share an anchor.


def assessment_row(criterion_id: str, slug: str) -> str:
    return f"{criterion_id}--{slug}"


def section_row(prefix: str, section: str, slug: str) -> str:
    return f"{prefix}{section}--{slug}"


def feature_row(prefix: str, feature_id: str) -> str:
    return f"{prefix}feature-{feature_id}"


def relative_url(source: str, target: str) -> str:
    """The link from page `source` to page `target` (both .md paths), with directory URLs."""

    def directory(path: str) -> str:
        stem = path.removesuffix(".md")
        if stem == "index":
            return "/"
        return "/" + stem.removesuffix("/index") + "/"

    relative = posixpath.relpath(directory(target), directory(source))
    return "./" if relative == "." else relative + "/"


def edit_url(repo_url: str, branch: str, repository_path: str, line: int | None = None, action: str = "blob") -> str:
    """A GitHub link to a file of the repository: "blob" shows it (at a line when given),
    "edit" opens the editor."""
    anchor = f"#L{line}" if line else ""
    return f"{repo_url.rstrip('/')}/{action}/{branch}/{repository_path}{anchor}"
