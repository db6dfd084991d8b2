"""Atom feeds (one per framework and one for the site) and shields.io badge endpoints.

A feed lists what changed in the data, dated by the data itself, never by the build: a new
release, facts checked on a day, facts that went stale. So two builds of the same data give
the same bytes, and a reader's feed reader sees an entry once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import escape

from macros import addresses, freshness
from macros.advisories import AdvisoryRecord
from macros.model import Dataset, Framework, iter_facts
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
        for earlier in reversed(history.chronological[-RELEASES_PER_FEED:]):
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
    record = (advisory_records(dataset) if advisories is None else advisories).get(framework.slug)
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
    checked: dict[dt.date, list[str]] = defaultdict(list)
    stale: dict[dt.date, list[str]] = defaultdict(list)
    for path, fact in iter_facts(framework):
        checked[fact.as_of].append(dotted(path))
        if freshness.is_stale(path, fact.as_of, today):
            stale[freshness.stale_since(fact.as_of)].append(dotted(path))
    for day, labels in checked.items():
        entries.append(
            Entry(
                f"checked/{framework.slug}/{day}",
                f"{framework.name}: {len(labels)} fact{'s' if len(labels) != 1 else ''} checked on {day}",
                day,
                link,
                "Checked against their sources: "
                + ", ".join(labels[:30])
                + (" and more." if len(labels) > 30 else "."),
            )
        )
    for day, labels in stale.items():
        entries.append(
            Entry(
                f"stale/{framework.slug}/{day}",
                f"{framework.name}: {len(labels)} fact{'s' if len(labels) != 1 else ''} need review",
                day,
                page_url(site_url, addresses.REVIEW),
                f"Last checked more than {freshness.STALE_AFTER_WORDS} ago: " + ", ".join(labels[:30]) + ".",
            )
        )
    return entries


def newest(entries: list[Entry], count: int) -> list[Entry]:
    return sorted(entries, key=lambda entry: (entry.updated, entry.key), reverse=True)[:count]


def xml(value: str) -> str:
    """`value` as XML text or attribute value: escaped, and what XML cannot carry shown as U+FFFD."""
    return str(escape(NOT_XML.sub("\ufffd", value)))


def atom(site_url: str, feed_path: str, title: str, entries: list[Entry], subtitle: str = "") -> str:
    """An Atom 1.0 document; every value is escaped as XML text."""
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
        f'<link rel="alternate" href="{xml(site_url)}"/>',
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


def feed_files(dataset: Dataset, site_url: str, today: dt.date) -> dict[str, str]:
    files = {}
    everything: list[Entry] = []
    advisories = advisory_records(dataset)
    for framework in dataset.frameworks:
        entries = framework_entries(dataset, framework, site_url, today, advisories)
        everything += newest(entries, MAX_SITE_ENTRIES_PER_FRAMEWORK)
        files[addresses.framework_feed(framework.slug)] = atom(
            site_url,
            addresses.framework_feed(framework.slug),
            f"{framework.name}: releases, advisories and fact updates",
            entries,
        )
    files[addresses.site_feed()] = atom(
        site_url, addresses.site_feed(), "Python web frameworks compared: updates", everything, SITE_FEED_SUBTITLE
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
