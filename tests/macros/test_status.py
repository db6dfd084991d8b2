"""A framework's status (macros/views_status.py): figures with their dates and evidence, one
reference date per build taken from the data, supported series by the stated rule, and the
absence of a policy said with the page checked; rendered first on the framework page and as a row
group on pair pages."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from factories import SOURCE, valid_sheet

from macros.collections import load_dataset
from macros.releases import Moment, SupportWindow
from macros.render import build_site
from macros.views_status import (
    Evidence,
    StatusView,
    ends_in_words,
    is_supported,
    reference_date,
    status_summaries,
)

TODAY = dt.date(2027, 6, 1)  # the build clock: never the reference date

HISTORY = """source: https://pypi.org/pypi/alpha/json
method: PyPI JSON API.
as_of: 2026-11-30
releases:
  - {version: '0.1', date: 2010-04-16}
  - {version: '3.0', date: 2025-11-29}
  - {version: '3.0.1', date: 2025-11-30}
  - {version: '3.1', date: 2026-01-10}
  - {version: '3.2', date: 2026-11-30}
"""

SUPPORT = """policy: https://example.org/policy
series:
  - series: '3.0'
    release: 2025-11-29
    mainstream_end: 2026-01-10
    extended_end: 2026-11-29
    source: https://example.org/policy
    as_of: 2026-02-01
  - series: '3.1'
    lts: true
    release: 2026-01-10
    mainstream_end: 2026-11-30
    extended_end: 2027-01
    source: https://example.org/policy
    as_of: 2026-02-01
  - series: '3.2'
    release: 2026-11-30
    mainstream_end: unknown
    extended_end: unknown
    note: Supported until the next release.
    source: https://example.org/policy/3.2
    as_of: 2026-12-01
"""


def figure(value: int, as_of: str) -> dict:
    return {"value": value, "method": f"counted {value}", "source": "https://github.com/example/alpha", "as_of": as_of}


@pytest.fixture
def alpha_with_support(project):
    """Alpha publishes support windows and has both repository figures; Beta publishes no policy
    and has no repository figures."""
    alpha = valid_sheet()
    del alpha["support_policy"]
    alpha["metrics"] |= {
        "commits-last-year": figure(1234, "2026-10-01"),
        "half-of-commits-people": figure(2, "2026-10-01"),
    }
    alpha["latest_release"] |= {"version": "3.2", "date": "2026-11-30"}
    beta = valid_sheet("beta", "Beta")
    beta["support_policy"] = {"published": False, "note": "The release notes say nothing.", **SOURCE}
    root = project({"alpha": alpha, "beta": beta})
    (root / "data/releases/alpha.yml").write_text(HISTORY, encoding="utf-8")
    (root / "data/support").mkdir()
    (root / "data/support/alpha.yml").write_text(SUPPORT, encoding="utf-8")
    return root


def window(release: str, mainstream: str | None, extended: str | None, planned: bool = False) -> SupportWindow:
    def moment(text: str | None) -> Moment | None:
        return Moment.parse(text) if text else None

    ends = moment(mainstream), moment(extended)
    return SupportWindow("1.0", False, planned, Moment.parse(release), *ends, None, None, "https://e.org", TODAY, 1)


def test_the_reference_date_is_the_newest_as_of_of_the_data_not_the_build_clock(alpha_with_support) -> None:
    dataset = load_dataset(alpha_with_support)
    assert reference_date(dataset) == dt.date(2026, 12, 1)  # the 3.2 window's as_of, the newest
    assert StatusView(dataset).reference == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("release", "mainstream", "extended", "planned", "supported"),
    [
        ("2026-01-10", "2026-06-01", "2026-12-01", False, True),  # security fixes end on the day: still supported
        ("2026-01-10", "2026-06-01", "2026-11-30", False, False),  # ended the day before
        ("2026-01-10", None, None, False, True),  # the end is not published
        ("2026-01-10", "2026-06-01", "2026-12", False, True),  # a month runs to its last day
        ("2026-12-02", None, None, False, False),  # not released yet on the day
        ("2026-11", "2027-01", "2028-01", True, False),  # planned
    ],
)
def test_a_series_is_supported_while_released_and_its_published_end_is_not_passed(
    release: str, mainstream: str | None, extended: str | None, planned: bool, supported: bool
) -> None:
    assert is_supported(window(release, mainstream, extended, planned), dt.date(2026, 12, 1)) is supported


@pytest.mark.parametrize(
    ("mainstream", "extended", "words"),
    [
        (None, None, "support end not published"),
        ("2026-12", "2026-12", "bug and security fixes until 2026-12"),
        ("2026-06-01", "2028-04", "bug fixes ended 2026-06-01; security fixes until 2028-04"),
        ("2027-04", "2027-12", "bug fixes until 2027-04; security fixes until 2027-12"),
        ("2027-04", None, "bug fixes until 2027-04; security fixes: end not published"),
    ],
)
def test_the_end_of_a_window_is_said_in_words(mainstream: str | None, extended: str | None, words: str) -> None:
    assert ends_in_words(window("2026-01-10", mainstream, extended), dt.date(2026, 12, 1)) == words


def test_the_status_of_a_framework_that_publishes_windows(alpha_with_support) -> None:
    dataset = load_dataset(alpha_with_support)
    alpha = next(framework for framework in dataset.frameworks if framework.slug == "alpha")
    status = StatusView(dataset).status(alpha)
    assert (status.latest.version, status.latest.date) == ("3.2", dt.date(2026, 11, 30))
    assert status.latest.fact is alpha.latest_release  # the sheet's fact, with its edit link
    # 365 days before 2026-12-01 is 2025-12-01: 3.0 and 3.0.1 fall before it; the list ends 2026-11-30.
    assert (status.releases.count, status.releases.since, status.releases.until) == (
        2,
        dt.date(2025, 12, 1),
        dt.date(2026, 11, 30),
    )
    assert status.releases.evidence == Evidence("https://pypi.org/pypi/alpha/json", dt.date(2026, 11, 30))
    assert status.commits.fact.value == 1234 and status.commits.since == dt.date(2025, 10, 1)
    assert status.half_of_commits.fact.value == 2 and status.half_of_commits.since == dt.date(2024, 10, 1)
    assert [(item.window.series, item.ends) for item in status.supported] == [
        ("3.1", "bug fixes ended 2026-11-30; security fixes until 2027-01"),
        ("3.2", "support end not published"),
    ]
    assert status.no_policy is None


def test_the_status_of_a_framework_whose_project_publishes_no_policy(alpha_with_support) -> None:
    dataset = load_dataset(alpha_with_support)
    beta = next(framework for framework in dataset.frameworks if framework.slug == "beta")
    status = StatusView(dataset).status(beta)
    assert status.support is None and status.supported == ()
    assert status.no_policy is beta.support_policy and status.no_policy.note == "The release notes say nothing."
    assert status.commits.fact is None and status.half_of_commits.fact is None  # unknown, not 0


def test_a_history_newer_than_the_sheet_gives_the_latest_release_with_its_own_evidence(project) -> None:
    root = project({"alpha": valid_sheet()})  # the sheet says 3.1
    (root / "data/releases/alpha.yml").write_text(HISTORY, encoding="utf-8")
    dataset = load_dataset(root)
    status = StatusView(dataset).status(dataset.frameworks[0])
    assert (status.latest.version, status.latest.date) == ("3.2", dt.date(2026, 11, 30))
    assert status.latest.fact == Evidence("https://pypi.org/pypi/alpha/json", dt.date(2026, 11, 30))


def test_the_summaries_for_the_api_are_plain_data_with_sources(alpha_with_support) -> None:
    summaries = status_summaries(load_dataset(alpha_with_support))
    json.dumps(summaries)  # JSON types only
    alpha, beta = summaries["alpha"], summaries["beta"]
    assert alpha["reference_date"] == beta["reference_date"] == "2026-12-01"
    assert alpha["latest_release"]["version"] == "3.2"
    assert alpha["releases_last_12_months"]["count"] == 2
    assert alpha["commits_last_12_months"] == {
        "value": 1234,
        "from": "2025-10-01",
        "to": "2026-10-01",
        "method": "counted 1234",
        "source": "https://github.com/example/alpha",
        "as_of": "2026-10-01",
    }
    assert [item["series"] for item in alpha["support"]["supported"]] == ["3.1", "3.2"]
    assert alpha["support"]["supported"][0]["security_fixes_until"] == "2027-01"
    assert alpha["support"]["supported"][1]["bug_fixes_until"] is None
    assert beta["commits_last_12_months"] is None and beta["half_of_commits_people"] is None
    assert beta["support"] == {"published": False, "checked": SOURCE["source"], "as_of": SOURCE["as_of"]}


def squash(text: str) -> str:
    return " ".join(text.split())


def test_the_status_comes_first_on_the_framework_page_and_in_rows_on_the_pair_page(alpha_with_support) -> None:
    site = build_site(load_dataset(alpha_with_support), repo_url="https://github.com/example/compare", today=TODAY)
    pages = {page.path: BeautifulSoup(page.markdown, "html.parser") for page in site.pages}
    alpha, beta = pages["frameworks/alpha.md"], pages["frameworks/beta.md"]
    block = alpha.select_one("#status")
    # Right after the tagline and the identity line: the first screen.
    assert [element.name for element in block.find_previous_siblings()] == ["p", "p"]
    assert block.find_previous_sibling("p")["class"] == ["identity-line"]
    items = [squash(item.get_text(" ")) for item in block.select(".status-list > li")]
    assert squash(block.select_one(".status-title").get_text()).startswith("Status on 2026-12-01")
    assert items[0].startswith("Latest release 3.2 , 2026-11-30 source")
    assert items[1].startswith("2 releases in the 12 months to 2026-11-30 source")
    assert items[2].startswith("1,234 commits in the 12 months to 2026-10-01 source")
    assert items[3].startswith("2 people made half of the commits of the 24 months to 2026-10-01 source")
    assert "3.1 LTS : bug fixes ended 2026-11-30; security fixes until 2027-01 source" in items[4]
    assert "3.2 : support end not published source" in items[4]
    assert block.select_one("a[href='https://example.org/policy']").get_text() == "policy"
    # Every figure carries its citation, the sheet's facts with their edit links.
    assert len(block.select("details.cite")) == 6
    assert block.select_one(".status-list > li details.cite")["data-edit"].startswith("alpha.yml#L")
    no_policy = [squash(item.get_text(" ")) for item in beta.select("#status .status-list > li")]
    assert no_policy[2:4] == [
        "Commits in the 12 months: unknown",
        "People who made half of the commits of the 24 months: unknown",
    ]
    assert no_policy[4].startswith("No published support policy: checked example.org on 2026-01-15 what it says")
    assert beta.select_one("#status a[href='https://example.org/docs/page']")

    pair = pages["compare/alpha-vs-beta.md"]
    rows = pair.select("tbody.status-rows tr")
    assert squash(rows[0].get_text(" ")) == "Status on 2026-12-01, the newest date of the data"
    cells = {squash(row.th.get_text(" ")): [squash(td.get_text(" ")) for td in row.select("td")] for row in rows[1:]}
    assert cells == {
        "Latest release": ["3.2 (2026-11-30)", "3.1 (2026-01-10)"],
        "Releases in the 12 months to 2026-12-01": ["2 (to 2026-11-30)", "1 (to 2026-11-30)"],
        "Commits in 12 months": ["1,234 (to 2026-10-01)", "unknown"],
        "People who made half of the commits of 24 months": ["2 (to 2026-10-01)", "unknown"],
        "Supported series": [
            "3.1 LTS: bug fixes ended 2026-11-30; security fixes until 2027-01; 3.2: support end not published",
            "No published support policy",
        ],
    }
    for link in pair.select("tbody.status-rows td a"):
        assert link["href"].endswith("/#status"), link
    # The figures are not repeated among the other figures' rows.
    headers = [squash(th.get_text()) for th in pair.select(".key-differences tbody:not(.status-rows) th")]
    assert "Commits in the last 12 months" not in headers and "People behind half of the commits" not in headers
