"""Atom feeds (issue 18): well-formed whatever the text, one sheet cannot fill the site feed,
and the freshness window comes from macros/freshness.py."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ElementTree
from types import SimpleNamespace

import pytest
from factories import valid_sheet

from macros import feeds, freshness
from macros.feeds import Entry, atom, feed_files, framework_entries
from macros.model import Framework

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://frameworks.example.org/"
HOSTILE = "<script>alert(1)</script> ]]> &amp; \"q\" 'a' \x01\x1b\ufffe\uffff\ud800 end"


def parsed(document: str) -> ElementTree.Element:
    return ElementTree.fromstring(document.encode("utf-8"))


def test_hostile_text_leaves_the_feed_well_formed_and_shown_as_text() -> None:
    entry = Entry(f"checked/evil/{HOSTILE}", HOSTILE, dt.date(2026, 1, 1), SITE + '"><x>', HOSTILE)
    root = parsed(atom(SITE, "feeds/evil.xml", HOSTILE, [entry]))
    [shown] = root.findall(f"{ATOM}entry")
    expected = "<script>alert(1)</script> ]]> &amp; \"q\" 'a' \ufffd\ufffd\ufffd\ufffd\ufffd end"
    assert shown.findtext(f"{ATOM}title") == shown.findtext(f"{ATOM}summary") == expected
    assert root.findtext(f"{ATOM}title") == expected
    assert shown.find(f"{ATOM}link").get("href") == SITE + '"><x>'
    assert not root.findall(f".//{ATOM}script") and not root.findall(".//script")


def test_one_framework_cannot_take_most_of_the_site_feed(monkeypatch: pytest.MonkeyPatch) -> None:
    frameworks = [SimpleNamespace(slug=slug, name=slug.title()) for slug in ("evil", "alpha", "beta")]

    def entries(dataset, framework, site_url, today, advisories=None) -> list[Entry]:
        # The hostile sheet has 60 check dates, all newer than anything the others have.
        count, first = (60, dt.date(2026, 1, 1)) if framework.slug == "evil" else (3, dt.date(2025, 1, 1))
        return [
            Entry(f"checked/{framework.slug}/{n}", f"{framework.name} {n}", first + dt.timedelta(days=n), SITE, "s")
            for n in range(count)
        ]

    monkeypatch.setattr(feeds, "framework_entries", entries)
    monkeypatch.setattr(feeds, "advisory_records", lambda dataset: {})
    monkeypatch.setattr(feeds, "change_entries", lambda dataset, site_url, reuse: [])  # What changed: test_changes.py
    files = feed_files(SimpleNamespace(frameworks=frameworks), SITE, dt.date(2026, 6, 1))
    site = parsed(files["feeds/site.xml"])
    ids = [entry.findtext(f"{ATOM}id") for entry in site.findall(f"{ATOM}entry")]
    evil = [found for found in ids if "checked/evil/" in found]
    assert len(evil) == feeds.MAX_SITE_ENTRIES_PER_FRAMEWORK == 5
    assert evil[0].endswith("checked/evil/59"), "its newest entries"
    assert len(ids) == 5 + 3 + 3
    assert "at most 5 per framework" in site.findtext(f"{ATOM}subtitle")
    assert len(parsed(files["feeds/evil.xml"]).findall(f"{ATOM}entry")) == feeds.MAX_ENTRIES


def test_the_freshness_window_is_the_one_freshness_py_states(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(freshness, "STALE_AFTER_DAYS", 30)
    monkeypatch.setattr(freshness, "STALE_AFTER_WORDS", "a month")
    framework = Framework.model_validate(valid_sheet())
    as_of = framework.license.as_of
    found = framework_entries(SimpleNamespace(releases=()), framework, SITE, as_of + dt.timedelta(days=40), {})
    [stale] = [entry for entry in found if entry.key.startswith("stale/")]
    assert stale.updated == as_of + dt.timedelta(days=31)
    assert stale.summary.startswith("Last checked more than a month ago: ")


def test_a_framework_feed_announces_its_releases_and_dated_advisories(dataset) -> None:
    flask = next(framework for framework in dataset.frameworks if framework.slug == "flask")
    entries = framework_entries(dataset, flask, SITE, dt.date(2026, 12, 7))
    releases = [entry for entry in entries if entry.key.startswith("release/flask/")]
    history = next(item for item in dataset.releases if item.framework == "flask")
    newest = history.chronological[-feeds.RELEASES_PER_FEED :]
    assert {entry.key for entry in releases} == {f"release/flask/{release.version}" for release in newest} | {
        f"release/flask/{flask.latest_release.version}"
    }
    advisories = [entry for entry in entries if entry.key.startswith("advisory/flask/")]
    record = feeds.advisory_records(dataset)["flask"]
    dated = [(package, advisory) for package, advisory in record.rows() if advisory.published]
    assert len(advisories) == len(dated) > 0
    package, advisory = dated[0]
    [entry] = [entry for entry in advisories if entry.key == f"advisory/flask/{package.name}/{advisory.id}"]
    assert entry.updated == advisory.published and entry.link.endswith("frameworks/flask/#security-record")
    assert advisory.summary in entry.summary and advisory.url in entry.summary
