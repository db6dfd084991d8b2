"""The "What changed" page and its feed (issue 22): the data's dated changes, newest day first,
each linking to where it shows; the page and the feed list the same entries."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from factories import BENCHMARK_DATE, valid_benchmark_run, valid_sheet
from footprint_factories import FOOTPRINT_DATE, valid_footprint_run, write_footprint

from macros import feeds, freshness
from macros.collections import load_dataset
from macros.feeds import Entry, changes_window
from macros.model import Dataset, Framework, iter_facts
from macros.render import Site, build_site

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://frameworks.example.org/"
TODAY = dt.date(2026, 12, 7)

STARS = """series:
  - label: Live API
    source: https://api.github.com/repos/example/alpha
    method: stargazers_count, read weekly.
    points:
      - {date: 2026-01-01, value: 1000}
      - {date: 2026-02-01, value: 1200}
"""

# One dated advisory in the window, one long before it, one without a date.
ADVISORIES = """package: alpha
version: '1.0'
requires_source: https://pypi.org/pypi/alpha/json
source: https://github.com/pypa/advisory-database/tree/0123456789abcdef0123456789abcdef01234567
covers_until: 2026-10-10
as_of: 2026-11-30
method: Written by hand for the tests.
packages:
  - name: alpha
    newest: '1.0'
    checked: ['1.0']
    advisories:
      - {id: PYSEC-2026-1, summary: Header injection., published: 2026-03-02, url: https://osv.dev/PYSEC-2026-1}
      - {id: PYSEC-2019-1, summary: An old one., published: 2019-05-05, url: https://osv.dev/PYSEC-2019-1}
      - {id: GHSA-aaaa-bbbb-cccc, summary: Undated., listed_for: ['1.0'], url: https://osv.dev/GHSA-aaaa-bbbb-cccc}
"""


def fact_count(sheet: dict) -> int:
    return len(list(iter_facts(Framework.model_validate(sheet))))


@dataclass(frozen=True)
class Synthetic:
    dataset: Dataset
    site: Site
    alpha_facts: int
    beta_facts: int


@pytest.fixture
def synthetic(project) -> Synthetic:
    """Alpha: facts checked on two days, a release history, an advisory, stars over time, measured
    by a benchmark run; Beta: facts checked on one day; both measured by a footprint run."""
    alpha, beta = valid_sheet(), valid_sheet("beta", "Beta")
    alpha["license"]["as_of"] = "2026-03-01"
    del alpha["tracking"]["not_tracked"]["github-stars"]
    del alpha["benchmark"]["not_measured"]
    root = project({"alpha": alpha, "beta": beta})
    (root / "data/releases/alpha.yml").write_text(
        "source: https://pypi.org/pypi/alpha/json\nmethod: PyPI's release list.\nas_of: 2026-11-30\nreleases:\n"
        "  - {version: '0.1', date: 2010-04-16}\n  - {version: '3.0', date: 2025-08-20}\n"
        "  - {version: '3.1', date: 2026-01-10}\n",
        encoding="utf-8",
    )
    (root / "data/advisories/alpha.yml").write_text(ADVISORIES, encoding="utf-8")
    (root / "data/history/github-stars").mkdir(parents=True)
    (root / "data/history/github-stars/alpha.yml").write_text(STARS, encoding="utf-8")
    run = valid_benchmark_run()
    run["results"][0] |= {"framework": "alpha", "framework_version": "1.0"}
    run["packages"] = {"alpha": "1.0", "gunicorn": "27.0.1"}
    (root / "data/benchmarks").mkdir()
    (root / f"data/benchmarks/{BENCHMARK_DATE}.yml").write_text(yaml.safe_dump(run), encoding="utf-8")
    write_footprint(root, valid_footprint_run("alpha", "beta"))
    dataset = load_dataset(root)
    return Synthetic(dataset, build_site(dataset, today=TODAY, site_url=SITE), fact_count(alpha), fact_count(beta))


def page_entries(site: Site) -> list[tuple[str, str, str]]:
    """(day, title, absolute link) of every change the page lists, in its order."""
    page = next(page for page in site.pages if page.path == "changes.md")
    soup = BeautifulSoup(page.markdown, "html.parser")
    return [
        (day.h2.get_text(), item.a.get_text(), urljoin(SITE + "changes/", item.a["href"]))
        for day in soup.select("section.changes-day")
        for item in day.select("li")
    ]


def feed_entries(site: Site) -> list[tuple[str, str, str]]:
    root = ElementTree.fromstring(site.files["feeds/changes.xml"].encode("utf-8"))
    return [
        (
            entry.findtext(f"{ATOM}updated").removesuffix("T00:00:00Z"),
            entry.findtext(f"{ATOM}title"),
            entry.find(f"{ATOM}link").get("href"),
        )
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_the_page_lists_every_change_newest_day_first(synthetic: Synthetic) -> None:
    site, alpha_facts, beta_facts = synthetic.site, synthetic.alpha_facts, synthetic.beta_facts
    alpha, beta = SITE + "frameworks/alpha/", SITE + "frameworks/beta/"
    assert page_entries(site) == [
        (FOOTPRINT_DATE, "Footprint run of 2026-11-30: 2 frameworks", SITE + "features/#risk"),
        (BENCHMARK_DATE, "Benchmark run of 2026-11-01: 1 framework", SITE + "criteria/performance/"),
        ("2026-03-02", "Alpha: advisory PYSEC-2026-1 in alpha", alpha + "#security-record"),
        ("2026-03-01", "Alpha: 1 fact checked on 2026-03-01", alpha),
        ("2026-02-01", "Alpha: community figures of 2026-02-01", SITE + "trends/alpha/"),
        ("2026-01-15", f"Alpha: {alpha_facts - 1} facts checked on 2026-01-15", alpha),
        ("2026-01-15", f"Beta: {beta_facts} facts checked on 2026-01-15", beta),
        ("2026-01-10", "Alpha 3.1 released", alpha),
        ("2026-01-10", "Beta 3.1 released", beta),
        ("2025-08-20", "Alpha 3.0 released", alpha),
    ], "the 2010 release and the 2019 advisory are older than the window; the undated one has no day"


def test_the_feed_has_the_pages_entries_and_heads_the_page(synthetic: Synthetic) -> None:
    site = synthetic.site
    assert sorted(feed_entries(site)) == sorted(page_entries(site))
    root = ElementTree.fromstring(site.files["feeds/changes.xml"].encode("utf-8"))
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == SITE + "changes/"
    page = next(page for page in site.pages if page.path == "changes.md")
    assert page.content.startswith("---\n") and "\nfeed: feeds/changes.xml\n" in page.content.split("---\n")[1]
    soup = BeautifulSoup(page.markdown, "html.parser")
    assert soup.select_one(".changes-scope a")["href"] == "../feeds/changes.xml"
    # The page shows what an advisory says and what was measured; a release's title says it all.
    details = [item.get_text() for item in soup.select("section.changes-day li")]
    assert details[2].endswith(": Header injection. No fixed version is listed. (source: https://osv.dev/PYSEC-2026-1)")
    assert details[4].endswith(": Newest figures over time: GitHub stars (Live API): 1,200.")
    assert details[-1] == "Alpha 3.0 released"


def test_the_home_page_links_to_it(synthetic: Synthetic) -> None:
    home = BeautifulSoup(next(page.markdown for page in synthetic.site.pages if page.path == "index.md"), "html.parser")
    assert [link.get_text() for link in home.select("a[href='changes/']")] == ["what changed"]


def test_the_feed_lists_the_newest_of_a_long_page(monkeypatch: pytest.MonkeyPatch, synthetic: Synthetic) -> None:
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 3)
    files = feeds.feed_files(synthetic.dataset, SITE, TODAY)
    root = ElementTree.fromstring(files["feeds/changes.xml"].encode("utf-8"))
    assert [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")] == [
        title for _, title, _ in page_entries(synthetic.site)[:3]
    ]


def entry(day: dt.date, n: int = 0) -> Entry:
    return Entry(f"checked/x/{day}/{n}", f"{day} {n}", day, SITE, "s")


def test_the_window_is_the_freshness_window_before_the_newest_change_in_whole_days(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    newest = dt.date(2026, 6, 1)
    edge = newest - dt.timedelta(days=freshness.STALE_AFTER_DAYS)
    found = [entry(newest), entry(edge + dt.timedelta(days=1)), entry(edge), entry(dt.date(2001, 1, 1))]
    assert changes_window(found) == {newest, edge + dt.timedelta(days=1)}
    monkeypatch.setattr(feeds, "MAX_CHANGES", 3)
    days = [newest - dt.timedelta(days=n) for n in range(3)]
    crowded = [entry(day, n) for day in days for n in range(2)]
    assert changes_window(crowded) == {days[0]}, "two days would be four changes: whole days only"
    assert changes_window([entry(newest, n) for n in range(5)]) == {newest}, "the newest day always"
    assert changes_window([]) == set()
