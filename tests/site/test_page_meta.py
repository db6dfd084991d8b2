"""Every page describes itself: its own description, canonical address and link-preview tags,
and a line saying when the facts it shows were checked."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from macros.freshness import is_stale
from macros.model import ROOT, Dataset, Framework, iter_facts

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
CHECKED = re.compile(r"(\d+) cited facts, checked ([\d-]+)(?: to ([\d-]+))?; (\d+) older than")


def page(site_dir: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / relative).read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup) -> dict[str, list[str]]:
    """The head's meta tags by name or property (each with every value it has)."""
    found: dict[str, list[str]] = {}
    for tag in soup.head.find_all("meta"):
        key = tag.get("name") or tag.get("property")
        if key:
            found.setdefault(key, []).append(tag.get("content", ""))
    return found


def test_every_page_has_its_own_description_canonical_address_and_preview_tags(site_dir: Path) -> None:
    seen: dict[str, str] = {}
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        soup = page(site_dir, relative)
        if relative == "404.html":  # MkDocs renders it without a page: the site's description, no address
            assert meta(soup)["description"] == meta(soup)["og:description"] == [CONFIG["site_description"]]
            assert meta(soup)["og:title"] == [f"{CONFIG['site_name']}: page not found"] and "og:url" not in meta(soup)
            continue
        tags = meta(soup)
        [description] = tags["description"]
        assert description.strip() and len(description) <= 160, relative
        assert description not in seen, f"{relative} and {seen.get(description)} share {description!r}"
        seen[description] = relative
        if soup.find("meta", attrs={"http-equiv": "refresh"}):  # a reversed pair address: canonical is the pair
            assert tags["og:description"] == [description] and tags["og:title"], relative
            continue
        [canonical] = [link["href"] for link in soup.head.find_all("link", rel="canonical")]
        assert canonical == CONFIG["site_url"] + relative.removesuffix("index.html"), relative
        assert tags["og:description"] == tags["twitter:description"] == [description], relative
        assert tags["og:url"] == [canonical] and tags["og:site_name"] == [CONFIG["site_name"]], relative
        assert tags["og:type"] == ["website"] and tags["twitter:card"] == ["summary"], relative
        [title] = tags["og:title"]
        assert title.strip() and tags["twitter:title"] == [title], relative
    assert CONFIG["site_description"] not in seen
    assert "frameworks/flask/index.html" in seen.values() and "compare/django-vs-flask/index.html" in seen.values()


def test_pair_descriptions_name_both_frameworks(site_dir: Path, dataset: Dataset) -> None:
    for first, second in dataset.pairs():
        relative = f"compare/{min(first.slug, second.slug)}-vs-{max(first.slug, second.slug)}/index.html"
        [description] = meta(page(site_dir, relative))["description"]
        assert first.name in description and second.name in description, relative


def checked(frameworks: list[Framework]) -> tuple[int, str, str, int]:
    """What the line must say, from the sheets: their cited facts' count, dates and stale ones."""
    facts = [(path, fact) for framework in frameworks for path, fact in iter_facts(framework) if fact.source]
    dates = [fact.as_of for _, fact in facts]
    stale = sum(is_stale(path, fact.as_of, dt.date.today()) for path, fact in facts)
    return len(facts), str(min(dates)), str(max(dates)), stale


def test_the_checked_line_gives_the_oldest_and_newest_check_of_the_page_facts(site_dir: Path, dataset: Dataset) -> None:
    by_slug = {framework.slug: framework for framework in dataset.frameworks}
    for relative, shown in (
        ("frameworks/flask/index.html", [by_slug["flask"]]),
        ("compare/django-vs-flask/index.html", [by_slug["django"], by_slug["flask"]]),
    ):
        [line] = page(site_dir, relative).select("p.checked")
        found = CHECKED.match(line.get_text())
        assert found, line
        count, oldest, newest, stale = found.groups(default="")
        newest = newest or oldest  # one date when all were checked the same day
        assert (int(count), oldest, newest, int(stale)) == checked(shown), relative
