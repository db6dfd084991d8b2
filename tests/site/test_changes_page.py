"""The real site's "What changed" page (issue 22): it starts at the newest dated change in data/,
the home page links to it, its head and text link its feed, and it stays well within budget."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from bs4 import BeautifulSoup

from macros.footprint import load_footprint
from macros.model import Dataset, iter_facts
from macros.views_security import records

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_page_starts_at_the_newest_change_in_the_data(site_dir: Path, dataset: Dataset) -> None:
    html = (site_dir / "changes/index.html").read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) < 100_000
    soup = BeautifulSoup(html, "html.parser")
    days = [heading.get_text() for heading in soup.select("section.changes-day h2")]
    dated = [fact.as_of for framework in dataset.frameworks for _, fact in iter_facts(framework)]
    dated += [framework.latest_release.date for framework in dataset.frameworks]
    dated += [release.date for history in dataset.releases for release in history.chronological]
    dated += [advisory.published for record in records(dataset).values() for _, advisory in record.rows()]
    dated += [run.date for run in dataset.benchmarks] + [run.date for run in load_footprint(dataset.root)[0]]
    dated += [series.last.date for series in dataset.history]
    assert days[0] == max(day for day in dated if day).isoformat()
    assert days == sorted(set(days), reverse=True)
    feed = soup.head.find("link", href="../feeds/changes.xml")
    assert feed is not None and "feed" in feed["rel"] and feed["type"] == "application/atom+xml"
    assert soup.select_one(".changes-scope a[href='../feeds/changes.xml']") is not None
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select("article a[href='changes/']")


def test_the_feed_holds_the_newest_changes_of_the_page(site_dir: Path) -> None:
    soup = BeautifulSoup((site_dir / "changes/index.html").read_text(encoding="utf-8"), "html.parser")
    listed = {
        (day.h2.get_text(), item.a.get_text())
        for day in soup.select("section.changes-day")
        for item in day.select("li")
    }
    root = ElementTree.parse(site_dir / "feeds/changes.xml").getroot()
    entries = root.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 40
    fed = {
        (entry.findtext(f"{ATOM}updated").removesuffix("T00:00:00Z"), entry.findtext(f"{ATOM}title"))
        for entry in entries
    }
    assert fed <= listed
    oldest = min(day for day, _ in fed)
    assert {change for change in listed if change[0] > oldest} <= fed, "the newest of the page's changes"
