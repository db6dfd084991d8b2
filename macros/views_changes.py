"""What the "What changed" page shows: the entries of its Atom feed (macros/feeds.py), by day.

The page and the feed are made from one list, `change_entries`, so they cannot disagree; the
page links relatively (the feed's links are absolute, for feed readers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from macros import addresses
from macros.feeds import MAX_CHANGES, MAX_ENTRIES, change_entries
from macros.model import Dataset

# The kinds of change whose feed summary the page shows too: it says what the title cannot (the
# advisory's text, the figures, what was measured). A release's or a check's title says it all;
# the facts checked are listed with their dates on the framework's page.
DETAILED = ("advisory", "benchmark", "footprint", "figures")


@dataclass(frozen=True)
class Change:
    title: str
    href: str  # relative to the page
    detail: str | None


@dataclass(frozen=True)
class Day:
    date: dt.date
    changes: list[Change]


@dataclass
class ChangesView:
    dataset: Dataset
    site_url: str
    most: ClassVar[int] = MAX_CHANGES
    feed_entries: ClassVar[int] = MAX_ENTRIES

    @cached_property
    def days(self) -> list[Day]:
        """The changes, newest day first."""
        root = self.site_url.rstrip("/") + "/"
        to_home = addresses.relative_url(addresses.CHANGES, addresses.HOME)
        days: dict[dt.date, list[Change]] = {}
        for entry in change_entries(self.dataset, self.site_url):
            detail = entry.summary if entry.kind in DETAILED else None
            days.setdefault(entry.updated, []).append(
                Change(entry.title, to_home + entry.link.removeprefix(root), detail)
            )
        return [Day(day, changes) for day, changes in days.items()]

    def count(self) -> int:
        return sum(len(day.changes) for day in self.days)
