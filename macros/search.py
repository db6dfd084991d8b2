"""What search finds on a page besides what the theme's search reads from its HTML.

The theme's search makes a section of each heading. The feature matrix is one table (marked
data-search-exclude: thousands of cells), so a question like "websockets" or "orm" could not
reach its row. Each row becomes a search section of its own here, at the row's anchor: the
feature, what it is, and which frameworks have it at which level, with the packages that
provide it. The page registry names the page types that have such sections
(`PageType.search_sections`); an adapter adds them to the index as `entry` writes them.

Entries are the theme's search documents (location, title, text). The theme's search shows
title and text as HTML, so both are escaped here, as it escapes what it reads from pages.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from macros import addresses
from macros.model import Dataset
from macros.vocabulary import LEVELS


@dataclass(frozen=True)
class SearchSection:
    anchor: str  # the id of the element on the page
    title: str  # plain text
    text: str  # plain text

    def entry(self, page_url: str) -> dict[str, Any]:
        """The theme's search document for this section of the page at `page_url` (site-relative)."""
        return {
            "location": f"{page_url}#{self.anchor}",
            "title": html.escape(self.title, quote=False),
            "text": f"<p>{html.escape(self.text, quote=False)}</p>",
        }


def matrix_rows(dataset: Dataset) -> list[SearchSection]:
    """One section per feature row of the matrix: 'ORM: Map database tables ... Built in: Django.
    Third party: Flask (Flask-SQLAlchemy), ...', levels in the legend's order."""
    sections = []
    for feature in dataset.features:
        by_level: dict[str, list[str]] = {level: [] for level in LEVELS}
        for framework in dataset.frameworks:
            support = framework.features[feature.id]
            packages = f" ({', '.join(support.packages)})" if support.packages else ""
            by_level[support.level].append(framework.name + packages)
        levels = " ".join(f"{LEVELS[level].label}: {', '.join(names)}." for level, names in by_level.items() if names)
        sections.append(
            SearchSection(addresses.feature_row("", feature.id), feature.name, f"{feature.description} {levels}")
        )
    return sections
