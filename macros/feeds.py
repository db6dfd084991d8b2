"""Atom feeds (one per framework, one for the site and one of the "What changed" page) and
shields.io badge endpoints.

A feed lists what changed in the data, dated by the data itself, never by the build: a new
release, facts checked on a day, facts that went stale. So two builds of the same data give
the same bytes, and a reader's feed reader sees an entry once.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import escape

from macros import addresses, freshness
from macros.advisories import AdvisoryRecord
from macros.comparison import section_page
from macros.footprint import FootprintRun, load_footprint
from macros.inputs import Reuse, made_afresh
from macros.model import Dataset, Framework, iter_facts
from macros.per_dataset import per_dataset
from macros.problems import dotted
from macros.views_security import records as advisory_records

MAX_ENTRIES = 40
RELEASES_PER_FEED = 10
# In the site feed, so that a sheet with many check dates cannot crowd out the others; each
# framework's own feed lists up to MAX_ENTRIES of its own.
MAX_SITE_ENTRIES_PER_FRAMEWORK = 5
SITE_FEED_SUBTITLE = (
    f"The newest {MAX_ENTRIES} updates, at most {MAX_SITE_ENTRIES_PER_FRAMEWORK} per framework; "
    "each framework's own feed lists more."
)
# The "What changed" page (issue 22) lists the changes of whole days, newest first, over the
# freshness window up to the newest change, and at most this many: at 12 frameworks 200 changes
# make a page of about 45 KB, well within the page budget (and about six months of changes).
MAX_CHANGES = 200
# The kinds of change, in the order a day lists them (an entry's key starts with its kind).
CHANGE_KINDS = ("release", "advisory", "benchmark", "footprint", "figures", "checked")
CHANGES_TITLE = "Python web frameworks compared: what changed"
CHANGES_SUBTITLE = f"The newest {MAX_ENTRIES} changes to the data; the What changed page lists more."
# Characters XML 1.0 cannot carry even escaped. Validation refuses them in the data; the feed
# stays well-formed should one get through.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Entry:
    key: str  # unique within the site, stable across builds
    title: str
    updated: dt.date
    link: str
    summary: str

    @property
    def kind(self) -> str:
        return self.key.split("/", 1)[0]


def page_url(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + addresses.relative_url(addresses.HOME, path).removeprefix("./")


def framework_entries(
    dataset: Dataset,
    framework: Framework,
    site_url: str,
    today: dt.date,
    advisories: dict[str, AdvisoryRecord] | None = None,
) -> list[Entry]:
    """A framework's releases (the newest RELEASES_PER_FEED of its history), its advisories with a
    publication day, and the days its facts were checked or went stale."""
    link = page_url(site_url, addresses.framework_page(framework.slug))
    record = (advisory_records(dataset) if advisories is None else advisories).get(framework.slug)
    return [
        *release_entries(dataset, framework, link, RELEASES_PER_FEED),
        *advisory_entries(framework, record, link),
        *checked_entries(framework, link),
        *stale_entries(framework, site_url, today),
    ]


def release_entries(dataset: Dataset, framework: Framework, link: str, count: int | None = None) -> list[Entry]:
    """The sheet's latest release, and the release history's newest `count` (all when None)."""
    release = framework.latest_release
    entries = [
        Entry(
            f"release/{framework.slug}/{release.version}",
            f"{framework.name} {release.version} released",
            release.date,
            link,
            f"{framework.name} {release.version} was released on {release.date} (source: {release.source}).",
        )
    ]
    history = next((item for item in dataset.releases if item.framework == framework.slug), None)
    if history is not None:
        releases = history.chronological if count is None else history.chronological[-count:]
        for earlier in reversed(releases):
            if earlier.version != release.version:
                entries.append(
                    Entry(
                        f"release/{framework.slug}/{earlier.version}",
                        f"{framework.name} {earlier.version} released",
                        earlier.date,
                        link,
                        f"{framework.name} {earlier.version} was released on {earlier.date} "
                        f"(source: {history.source}).",
                    )
                )
    return entries


def advisory_entries(framework: Framework, record: AdvisoryRecord | None, link: str) -> list[Entry]:
    """The advisories of a framework's security record that have a publication day."""
    entries = []
    for package, advisory in record.rows() if record else []:
        if advisory.published is None:
            continue  # known from PyPI without a date: on the page, not in a dated feed
        fixed = f" Fixed in {', '.join(advisory.fixed)}." if advisory.fixed else " No fixed version is listed."
        entries.append(
            Entry(
                f"advisory/{framework.slug}/{package.name}/{advisory.id}",
                f"{framework.name}: advisory {advisory.id} in {package.name}",
                advisory.published,
                f"{link}#{addresses.RISK_ANCHORS['advisories']}",
                f"{advisory.summary}{fixed} (source: {advisory.url})",
            )
        )
    return entries


def checked_entries(framework: Framework, link: str) -> list[Entry]:
    """One entry per day facts of the sheet were checked (added, corrected or confirmed)."""
    checked: dict[dt.date, list[str]] = defaultdict(list)
    for path, fact in iter_facts(framework):
        checked[fact.as_of].append(dotted(path))
    return [
        Entry(
            f"checked/{framework.slug}/{day}",
            f"{framework.name}: {len(labels)} fact{'s' if len(labels) != 1 else ''} checked on {day}",
            day,
            link,
            "Checked against their sources: " + ", ".join(labels[:30]) + (" and more." if len(labels) > 30 else "."),
        )
        for day, labels in checked.items()
    ]


def stale_entries(framework: Framework, site_url: str, today: dt.date) -> list[Entry]:
    """One entry per day facts of the sheet went stale (macros/freshness.py's window)."""
    stale: dict[dt.date, list[str]] = defaultdict(list)
    for path, fact in iter_facts(framework):
        if freshness.is_stale(path, fact.as_of, today):
            stale[freshness.stale_since(fact.as_of)].append(dotted(path))
    return [
        Entry(
            f"stale/{framework.slug}/{day}",
            f"{framework.name}: {len(labels)} fact{'s' if len(labels) != 1 else ''} need review",
            day,
            page_url(site_url, addresses.REVIEW),
            f"Last checked more than {freshness.STALE_AFTER_WORDS} ago: " + ", ".join(labels[:30]) + ".",
        )
        for day, labels in stale.items()
    ]


def figure_entries(dataset: Dataset, framework: Framework, site_url: str) -> list[Entry]:
    """The days a framework's community figures over time reached: the newest point of each series."""
    names = {metric.id: metric.name for metric in dataset.metrics}
    newest_points: dict[dt.date, list[str]] = defaultdict(list)
    for series in dataset.history:
        if series.framework == framework.slug:
            figure = f"{names.get(series.metric, series.metric)} ({series.label}): {series.last.value:,}"
            newest_points[series.last.date].append(figure)
    return [
        Entry(
            f"figures/{framework.slug}/{day}",
            f"{framework.name}: community figures of {day}",
            day,
            page_url(site_url, addresses.trends_page(framework.slug)),
            "Newest figures over time: " + "; ".join(figures) + ".",
        )
        for day, figures in newest_points.items()
    ]


@per_dataset
def footprint_runs(dataset: Dataset) -> list[FootprintRun]:
    """Every footprint run (load_dataset has reported any problem already)."""
    return load_footprint(dataset.root)[0]


def run_entries(dataset: Dataset, site_url: str) -> list[Entry]:
    """Each benchmark run, on the page of the criterion that shows it (if one does), and each
    footprint run, in the feature matrix's section on maintenance, security and footprint."""
    names = {framework.slug: framework.name for framework in dataset.frameworks}
    entries = []
    performance = section_page(dataset, "benchmarks")
    # Without a criterion showing the benchmark, no page shows its runs.
    runs = dataset.benchmarks if performance is not None else ()
    performance_url = page_url(site_url, performance) if performance is not None else ""
    for run in runs:
        measured = sorted({names.get(result.framework, result.framework) for result in run.results})
        entries.append(
            Entry(
                f"benchmark/{run.date}",
                f"Benchmark run of {run.date}: {len(measured)} framework{'s' if len(measured) != 1 else ''}",
                run.date,
                performance_url,
                "Requests per second of server CPU time, measured for " + ", ".join(measured) + ".",
            )
        )
    for footprint in footprint_runs(dataset):
        installed = [f"{entry.package} {entry.version}" for entry in footprint.frameworks]
        entries.append(
            Entry(
                f"footprint/{footprint.date}",
                f"Footprint run of {footprint.date}: {len(installed)} framework{'s' if len(installed) != 1 else ''}",
                footprint.date,
                f"{page_url(site_url, addresses.MATRIX)}#{addresses.MATRIX_RISK}",
                "Installed size, import time and typing, measured for " + ", ".join(installed) + ".",
            )
        )
    return entries


def change_entries(dataset: Dataset, site_url: str, reuse: Reuse = made_afresh) -> list[Entry]:
    """What the "What changed" page and its feed list, newest day first: releases, dated
    advisories, days facts were checked, community figures' newest points, benchmark and
    footprint runs. Made by the framework feeds' own functions, so they cannot disagree."""

    def changes_of(framework: Framework) -> list[Entry]:
        link = page_url(site_url, addresses.framework_page(framework.slug))
        return [
            *release_entries(dataset, framework, link),
            *advisory_entries(framework, advisory_records(dataset).get(framework.slug), link),
            *checked_entries(framework, link),
            *figure_entries(dataset, framework, site_url),
        ]

    entries = run_entries(dataset, site_url)
    for framework in dataset.frameworks:
        entries += reuse(("changes", framework.slug), framework.slug, functools.partial(changes_of, framework))
    days = changes_window(entries)
    return sorted(
        (entry for entry in entries if entry.updated in days),
        key=lambda entry: (
            -entry.updated.toordinal(),
            CHANGE_KINDS.index(entry.kind),
            entry.title.casefold(),
            entry.key,
        ),
    )


def changes_window(entries: list[Entry]) -> set[dt.date]:
    """The days the "What changed" page covers: those of the freshness window up to the newest
    change, newest first, as long as their changes number at most MAX_CHANGES (the newest
    day always)."""
    if not entries:
        return set()
    start = max(entry.updated for entry in entries) - dt.timedelta(days=freshness.STALE_AFTER_DAYS)
    per_day = Counter(entry.updated for entry in entries if entry.updated > start)
    days: set[dt.date] = set()
    count = 0
    for day in sorted(per_day, reverse=True):
        count += per_day[day]
        if days and count > MAX_CHANGES:
            break
        days.add(day)
    return days


def newest(entries: list[Entry], count: int) -> list[Entry]:
    return sorted(entries, key=lambda entry: (entry.updated, entry.key), reverse=True)[:count]


def xml(value: str) -> str:
    """`value` as XML text or attribute value: escaped, and what XML cannot carry shown as U+FFFD."""
    return str(escape(NOT_XML.sub("\ufffd", value)))


def atom(
    site_url: str, feed_path: str, title: str, entries: list[Entry], subtitle: str = "", alternate: str = ""
) -> str:
    """An Atom 1.0 document; every value is escaped as XML text. `alternate`: the page the feed
    is of (the home page when not given)."""
    host = urlsplit(site_url).hostname or "localhost"
    shown = newest(entries, MAX_ENTRIES)
    updated = max((entry.updated for entry in shown), default=dt.date(2000, 1, 1))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<id>tag:{xml(host)},2026:{xml(feed_path)}</id>",
        f"<title>{xml(title)}</title>",
        *([f"<subtitle>{xml(subtitle)}</subtitle>"] if subtitle else []),
        f'<link rel="self" href="{xml(site_url.rstrip("/") + "/" + feed_path)}"/>',
        f'<link rel="alternate" href="{xml(alternate or site_url)}"/>',
        f"<updated>{updated}T00:00:00Z</updated>",
        "<author><name>Python web frameworks compared</name></author>",
    ]
    for entry in shown:
        lines += [
            "<entry>",
            f"<id>tag:{xml(host)},2026:{xml(entry.key)}</id>",
            f"<title>{xml(entry.title)}</title>",
            f'<link href="{xml(entry.link)}"/>',
            f"<updated>{entry.updated}T00:00:00Z</updated>",
            f"<summary>{xml(entry.summary)}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def feed_files(dataset: Dataset, site_url: str, today: dt.date, reuse: Reuse = made_afresh) -> dict[str, str]:
    """Each framework's feed (each made from that framework's files alone), the site's, and the
    "What changed" feed."""
    files = {}
    everything: list[Entry] = []

    def feed(framework: Framework) -> tuple[list[Entry], str]:
        entries = framework_entries(dataset, framework, site_url, today)
        title = f"{framework.name}: releases, advisories and fact updates"
        return entries, atom(site_url, addresses.framework_feed(framework.slug), title, entries)

    for framework in dataset.frameworks:
        entries, files[addresses.framework_feed(framework.slug)] = reuse(
            ("feed", framework.slug), framework.slug, functools.partial(feed, framework)
        )
        everything += newest(entries, MAX_SITE_ENTRIES_PER_FRAMEWORK)
    files[addresses.site_feed()] = atom(
        site_url, addresses.site_feed(), "Python web frameworks compared: updates", everything, SITE_FEED_SUBTITLE
    )
    files[addresses.changes_feed()] = atom(
        site_url,
        addresses.changes_feed(),
        CHANGES_TITLE,
        change_entries(dataset, site_url, reuse),
        CHANGES_SUBTITLE,
        page_url(site_url, addresses.CHANGES),
    )
    return files


def badge_files(dataset: Dataset, today: dt.date) -> dict[str, str]:
    """shields.io endpoint JSON: https://img.shields.io/endpoint?url=<site>/<path>."""
    review = freshness.stale_facts(dataset, today)
    files = {}
    for framework in dataset.frameworks:
        waiting = len(review.get(framework.name, []))
        badges = {
            "release": {"label": "latest release", "message": framework.latest_release.version, "color": "blue"},
            "review": {
                "label": "facts needing review",
                "message": str(waiting),
                "color": "green" if waiting == 0 else "orange",
            },
        }
        for name, badge in badges.items():
            body = {"schemaVersion": 1, **badge}
            text = json.dumps(body, sort_keys=True, ensure_ascii=False)
            files[addresses.badge(framework.slug, name)] = (
                text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
            )
    return files
