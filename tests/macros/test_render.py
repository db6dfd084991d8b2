"""Rendering rules, checked on the generated pages without running MkDocs."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from factories import valid_sheet

import macros.pages
from macros.collections import load_dataset
from macros.render import CollisionError, Page, build_site, check_unique_addresses, check_unique_anchors, relative_url

TODAY = dt.date(2026, 11, 23)
REPO = "https://github.com/example/compare"


def pages(project, sheets):
    site = build_site(load_dataset(project(sheets)), repo_url=REPO, today=TODAY)
    return {page.path: BeautifulSoup(page.markdown, "html.parser") for page in site.pages}


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("index.md", "frameworks/flask.md", "frameworks/flask/"),
        ("frameworks/flask.md", "compare/django-vs-flask.md", "../../compare/django-vs-flask/"),
        ("criteria/async.md", "criteria/index.md", "../"),
        ("criteria/index.md", "index.md", "../"),
        ("features.md", "features.md", "./"),
    ],
)
def test_relative_url(source: str, target: str, expected: str) -> None:
    assert relative_url(source, target) == expected


def test_stale_facts_are_flagged_and_listed_for_review(project) -> None:
    sheet = valid_sheet()
    sheet["license"]["as_of"] = "2025-05-01"  # 18 months and a bit before TODAY
    sheet["python"]["as_of"] = "2025-06-01"  # within 18 months
    sheet["creators"]["as_of"] = "2010-04-16"  # history never goes stale
    rendered = pages(project, {"alpha": sheet})
    cites = rendered["frameworks/alpha.md"].select("details.cite")
    stale = [cite.get_text(" ") for cite in cites if "checked more than 18 months ago" in cite.get_text()]
    fresh = [cite.get_text(" ") for cite in cites if "checked more than" not in cite.get_text()]
    # The flag is visible next to the closed marker, not only inside it.
    assert all(cite.find_previous_sibling("span", class_="stale") for cite in cites if cite.get_text(" ") in stale)
    assert stale and all("2025-05-01" in text for text in stale)
    assert any("2025-06-01" in text for text in fresh)
    review = rendered["review.md"]
    assert [code.get_text() for code in review.select("td code")] == ["license"]


def test_review_page_says_when_everything_is_fresh(project) -> None:
    review = pages(project, {"alpha": valid_sheet()})["review.md"]
    assert review.select_one(".all-fresh") is not None


def test_edit_links_point_at_the_line_of_the_fact(project) -> None:
    root = project({"alpha": valid_sheet()})
    lines = (root / "data/frameworks/alpha.yml").read_text(encoding="utf-8").splitlines()
    site = build_site(load_dataset(root), repo_url=REPO, today=TODAY)
    framework = BeautifulSoup(next(p for p in site.pages if p.path == "frameworks/alpha.md").markdown, "html.parser")
    # The page says the links' common start once; each link carries the rest.
    base = framework.find(id="edit-base")["data-base"]
    assert base == f"{REPO}/blob/main/data/frameworks/"
    hrefs = [base + cite["data-edit"] for cite in framework.find(id="identity--alpha").select("details.cite")]
    assert all(href.startswith(f"{REPO}/blob/main/data/frameworks/alpha.yml#L") for href in hrefs)
    fields = {lines[int(href.rsplit("#L", 1)[1]) - 1].split(":")[0] for href in hrefs}
    assert fields == {"interfaces", "first_release", "latest_release", "python", "license", "creators"}


def test_rendering_is_deterministic(project) -> None:
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    first = build_site(load_dataset(root), repo_url=REPO, today=TODAY)
    second = build_site(load_dataset(root), repo_url=REPO, today=TODAY)
    assert [(p.path, p.content) for p in first.pages] == [(p.path, p.content) for p in second.pages]


def test_pair_pages_are_generated_for_every_pair_and_kept_out_of_nav(project) -> None:
    sheets = {slug: valid_sheet(slug, slug.title()) for slug in ("alpha", "beta", "gamma", "delta")}
    site = build_site(load_dataset(project(sheets)), repo_url=REPO, today=TODAY)
    pairs = [page for page in site.pages if "-vs-" in page.path]
    assert len(pairs) == 6 and not any(page.in_nav for page in pairs)
    # Searched by title and introduction only (their tables carry data-search-exclude).
    assert all(page.content.startswith("---\nsearch:\n  boost: 3\n") for page in pairs)


def test_two_pages_on_one_path_fail_the_build() -> None:
    with pytest.raises(CollisionError, match=r"share the path 'criteria/index\.md'"):
        check_unique_addresses(["criteria/index.md", "criteria/index.md"])


def test_two_sections_with_one_anchor_fail_the_build() -> None:
    page = Page("frameworks/x.md", "## Features { #features }\n<!-- block 0 -->\n", "X", blocks=('<tr id="features">',))
    with pytest.raises(CollisionError, match="share the anchor #features"):
        check_unique_anchors(page)


def test_pages_hold_no_data_value_in_markdown_outside_blocks(project) -> None:
    sheet = valid_sheet()
    sheet["tagline"] = "A tagline that must stay inside an HTML block"
    site = build_site(load_dataset(project({"alpha": sheet})), repo_url=REPO, today=TODAY)
    framework = next(page for page in site.pages if page.path == "frameworks/alpha.md")
    assert sheet["tagline"] in framework.markdown
    # The description in the front matter is a quoted YAML string, which MkDocs takes off before Markdown runs.
    front_matter, body = framework.content.removeprefix("---\n").split("\n---\n", 1)
    assert sheet["tagline"] not in body
    assert front_matter.splitlines()[0].startswith('description: "Alpha, ')


def test_pages_listing_many_frameworks_link_to_each_ones_evidence(project, monkeypatch) -> None:
    two = {"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")}
    inline = pages(project, two)
    monkeypatch.setattr(macros.pages, "EVIDENCE_INLINE_LIMIT", 1)
    linked = pages(project, two)

    # Up to the limit, a criterion page carries each framework's claims, citations and samples.
    assert inline["criteria/security.md"].select("#security--alpha ol.claims details.cite")
    assert "[1]" in inline["criteria/security.md"].select_one("#security--alpha .summary").get_text()
    assert inline["criteria/hello-world.md"].select(".highlight")
    assert inline["criteria/community.md"].select("#community--community--alpha details.cite")
    assert inline["features.md"].select("#matrix-table td[data-label='Alpha'] a.evidence")

    # Past it, the same page links to the framework's page for them.
    security = linked["criteria/security.md"]
    assert not security.select("details.cite") and not security.select("ol.claims")
    assert security.select_one("#security--alpha .summary").get_text() == "Alpha on Security."
    assert security.select_one("#security--alpha a.evidence")["href"] == "../../frameworks/alpha/#security--alpha"
    hello = linked["criteria/hello-world.md"]
    assert not hello.select(".highlight")
    assert hello.select_one("ul.sample-links a")["href"] == "../../frameworks/alpha/#hello-world--alpha"
    community = linked["criteria/community.md"]
    assert not community.select("details.cite") and not community.select(".trend-cards")
    figure = community.select_one("#community--community--alpha td a")
    assert figure["href"] == "../../frameworks/alpha/#community--community--alpha"
    cells = linked["features.md"].select("#matrix-table td[data-level]")
    assert cells and not any(cell.has_attr("data-label") for cell in cells)
    assert cells[0].select_one("a")["href"] == "../frameworks/alpha/#feature-routing"
    assert "it links to the framework's notes" in linked["features.md"].select_one(".lead").get_text()
    # A framework's own page keeps its evidence inline: it lists one framework.
    assert linked["frameworks/alpha.md"].select("#security--alpha ol.claims details.cite")


def test_linked_evidence_keeps_hostile_text_inert(project, monkeypatch) -> None:
    hostile = valid_sheet("beta", "Beta")
    hostile["criteria"]["security"]["summary"] = '<img src=x onerror="alert(1)"> A verdict [1].'
    hostile["use_cases"]["good_fit"] = ['<script>alert("fit")</script>']
    monkeypatch.setattr(macros.pages, "EVIDENCE_INLINE_LIMIT", 1)
    linked = pages(project, {"alpha": valid_sheet(), "beta": hostile})
    security = linked["criteria/security.md"]
    assert not security.select("img") and '<img src=x onerror="alert(1)"> A verdict' in security.get_text()
    for page in linked.values():
        assert not page.select("script"), page
