"""Community figures over time: charts with captions and tables, feeds that parse as Atom,
badge endpoints, and the figures on the community page."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from bs4 import BeautifulSoup

from macros.collections import load_dataset
from macros.feeds import framework_entries
from macros.model import Dataset
from macros.pages import EVIDENCE_INLINE_LIMIT
from macros.render import build_site

ATOM = "{http://www.w3.org/2005/Atom}"


def soup_of(site_dir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_community_page_shows_every_sourced_figure_with_its_date(site_dir: Path, dataset: Dataset) -> None:
    soup = soup_of(site_dir, "criteria/community")
    for framework in dataset.frameworks:
        row = soup.find(id=f"community--community--{framework.slug}")
        assert row is not None, framework.slug
        for metric_id, figure in framework.metrics.items():
            assert f"{figure.value:,}" in row.get_text(), (framework.slug, metric_id)
            assert str(figure.as_of) in row.get_text()
    for framework in dataset.frameworks:  # stars from a dated source, or a reason why none covers them
        assert ("github-stars" in framework.metrics) != ("github-stars" in framework.tracking.not_tracked), framework


def test_the_community_page_shows_a_small_trend_for_each_framework_with_history(
    site_dir: Path, dataset: Dataset
) -> None:
    soup = soup_of(site_dir, "criteria/community")
    with_history = {series.framework for series in dataset.history}
    cards = soup.select(".trend-cards li")
    if len(dataset.frameworks) > EVIDENCE_INLINE_LIMIT:  # past it, each framework's page has its charts
        assert cards == [] and "figures over time" in soup.select_one("p.trend-metric").get_text()
        return
    assert {card.a["href"].split("/")[-2] for card in cards} == with_history
    for card in cards:
        assert card.select_one("svg.chart title").get_text()  # the sparkline has a name
        assert " to " in card.select_one(".trend-range").get_text()  # first and last value with dates, in words


def test_trend_pages_have_charts_with_captions_and_data_tables(site_dir: Path, dataset: Dataset) -> None:
    for framework in dataset.frameworks:
        series = [item for item in dataset.history if item.framework == framework.slug]
        if not series:
            continue
        soup = soup_of(site_dir, f"trends/{framework.slug}")
        for figure in soup.select("figure.trend"):
            assert figure.select_one("svg.chart title") is not None
            caption = figure.figcaption.get_text(" ")
            assert " to " in caption and "source" in caption
        tables = soup.select("details.data-table.history table")
        assert sum(len(table.select("tbody tr")) for table in tables) == sum(len(item.points) for item in series)
        assert not soup.find("script", src=lambda src: src and "//" in src)  # no request to another host


def test_charts_are_byte_identical_across_builds(dataset: Dataset) -> None:
    def trends() -> dict[str, str]:
        site = build_site(load_dataset(dataset.root), today=dt.date(2026, 11, 29))
        return {page.path: page.markdown for page in site.pages if page.path.startswith("trends/")}

    first, second = trends(), trends()
    assert first and first == second


def test_feeds_parse_as_atom_and_are_linked_from_page_heads(site_dir: Path, dataset: Dataset) -> None:
    feeds = sorted((site_dir / "feeds").glob("*.xml"))
    assert {path.stem for path in feeds} == {fw.slug for fw in dataset.frameworks} | {"site", "changes"}
    for path in feeds:
        root = ElementTree.parse(path).getroot()
        assert root.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{name}") is not None, (path.name, name)
        entries = root.findall(f"{ATOM}entry")
        assert entries, path.name
        ids = [entry.findtext(f"{ATOM}id") for entry in entries]
        assert len(ids) == len(set(ids))
        for entry in entries:
            assert entry.findtext(f"{ATOM}title") and entry.find(f"{ATOM}link").get("href").startswith("https://")
            dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated").replace("Z", "+00:00"))
    flask = soup_of(site_dir, "frameworks/flask")
    hrefs = [link["href"] for link in flask.find_all("link", rel="alternate", type="application/atom+xml")]
    assert hrefs == ["../../feeds/site.xml", "../../feeds/flask.xml"]
    assert soup_of(site_dir, "guide").find("link", type="application/atom+xml")["href"] == "../feeds/site.xml"


def test_a_feed_announces_the_latest_releases_dated_by_the_data(dataset: Dataset) -> None:
    for framework in dataset.frameworks:
        entries = framework_entries(dataset, framework, "https://example.org/", dt.date(2026, 11, 29))
        release = [entry for entry in entries if entry.key.startswith("release/")]
        latest = (f"{framework.name} {framework.latest_release.version} released", framework.latest_release.date)
        history = next(item for item in dataset.releases if item.framework == framework.slug)
        newest = {
            (f"{framework.name} {item.version} released", item.date)
            for item in history.chronological[-10:]
            if item.version != framework.latest_release.version  # the sheet dates its latest release
        }
        assert (release[0].title, release[0].updated) == latest
        assert {(entry.title, entry.updated) for entry in release} == newest | {latest}


def test_badges_are_shields_endpoints(site_dir: Path, dataset: Dataset) -> None:
    for framework in dataset.frameworks:
        release = json.loads((site_dir / f"api/v1/badges/{framework.slug}/release.json").read_text())
        assert release == {
            "schemaVersion": 1,
            "label": "latest release",
            "message": framework.latest_release.version,
            "color": "blue",
        }
        review = json.loads((site_dir / f"api/v1/badges/{framework.slug}/review.json").read_text())
        assert review["schemaVersion"] == 1 and review["message"].isdigit()


def test_trend_pages_show_the_release_timeline_and_support_windows(site_dir: Path, dataset: Dataset) -> None:
    for history in dataset.releases:
        soup = soup_of(site_dir, f"trends/{history.framework}")
        timeline = soup.select_one("#releases ~ div figure svg.chart.timeline, figure svg.chart.timeline")
        assert timeline is not None and f"{len(history.releases)} releases" in timeline.title.get_text()
        table = soup.select_one("details.data-table table")
        assert len(table.select("tbody tr")) == len(history.series_firsts)
        framework_page = soup_of(site_dir, f"frameworks/{history.framework}")
        assert framework_page.find("a", href=f"../../trends/{history.framework}/")


def test_an_unannounced_end_of_support_is_written_never_drawn(site_dir: Path, dataset: Dataset) -> None:
    for support in dataset.support:
        soup = soup_of(site_dir, f"trends/{support.framework}")
        chart = soup.select_one("svg.chart.windows")
        unknown = [window for window in support.windows if window.mainstream_end is None]
        assert len(chart.find_all(string="end not announced")) == len(unknown)
        bars = chart.select("rect.bar")
        drawn = sum(bool(w.mainstream_end) + bool(w.mainstream_end and w.extended_end) for w in support.windows)
        assert len(bars) == drawn
        rows = soup.select("#support ~ div details.data-table tbody tr, details.data-table tbody tr")
        assert sum("not announced" in row.get_text() for row in rows) >= len(unknown)
