"""Pair pages are built outside MkDocs' page pipeline (macros/mkdocs_light.py): they must still
look like the theme's pages, be searched and listed like them, and the shortcuts the adapter
takes must give what the theme and its search would have given."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import markdown
import pytest
from bs4 import BeautifulSoup
from material.plugins.search.plugin import Parser
from mkdocs.config import load_config

from macros.mkdocs_light import Converter, SearchSkips, compact
from macros.model import ROOT, Dataset


def soup(site_dir: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")


def assets(page: BeautifulSoup) -> tuple[list[str], list[str]]:
    styles = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    scripts = [script["src"] for script in page.find_all("script", src=True)]
    return styles, scripts


def squash(element: object) -> str:
    """Markup with whitespace runs as one space (pair pages drop the theme's indentation)."""
    return re.sub(r"\s+", " ", str(element))


def nav_links(page: BeautifulSoup, url_path: str) -> list[tuple[str, str]]:
    """The nav's links, as site paths, with their text."""
    nav = page.find("nav", class_="md-nav--primary")
    base = f"https://site.invalid/{url_path}/"
    return [(urljoin(base, a["href"]), " ".join(a.get_text().split())) for a in nav.find_all("a", href=True)]


def test_a_pair_page_has_the_head_header_nav_scripts_and_footer_of_theme_pages(site_dir: Path) -> None:
    pair, framework = soup(site_dir, "compare/django-vs-flask"), soup(site_dir, "frameworks/flask")
    # Same depth, so the same relative addresses: Material's hashed bundles, site.css, decide.js, tablesort.
    assert assets(pair) == assets(framework)
    assert any("assets/stylesheets/main." in href for href in assets(pair)[0])
    assert any(src.endswith("assets/decide.js") for src in assets(pair)[1])
    assert pair.find(id="__config").get_text() == framework.find(id="__config").get_text()
    for header in (pair, framework):
        header.find(class_="md-header__topic", attrs={"data-md-component": "header-topic"}).decompose()
    assert squash(pair.find("header")) == squash(framework.find("header"))
    # The framework page's own entry is open in its nav (with its table of contents); the links are the same.
    assert [link for link in nav_links(pair, "compare/django-vs-flask") if "#" not in link[0]] == [
        link for link in nav_links(framework, "frameworks/flask") if "#" not in link[0]
    ]
    assert squash(pair.find(class_="md-footer-meta")) == squash(framework.find(class_="md-footer-meta"))
    assert pair.title.get_text() == "Django vs Flask - Python web frameworks compared"
    assert pair.find("link", rel="canonical")["href"].endswith("/compare/django-vs-flask/")
    assert pair.find("a", class_="md-skip")["href"] == "#django-vs-flask"
    toc = [a["href"] for a in pair.find("nav", class_="md-nav--secondary").find_all("a")]
    assert toc == ["#key-differences", "#which-fits", "#every-criterion"]


def test_every_pair_is_in_the_sitemap_and_has_one_search_entry(site_dir: Path, dataset: Dataset) -> None:
    locations = set(re.findall(r"<loc>[^<]*?/(compare/[^<]*-vs-[^<]*/)</loc>", (site_dir / "sitemap.xml").read_text()))
    pairs = {f"compare/{a.slug}-vs-{b.slug}/" for a, b in dataset.pairs()}
    assert locations == pairs
    docs = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = {doc["location"]: doc for doc in docs if "-vs-" in doc["location"]}
    assert set(entries) == pairs
    flask_django = entries["compare/django-vs-flask/"]
    assert flask_django["title"] == "Django vs Flask" and flask_django["boost"] == 3
    assert flask_django["text"].startswith("<p>What sets Django and Flask apart") and "</p>" in flask_django["text"]


@pytest.fixture(scope="module")
def converter() -> Converter:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return Converter(markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs))


REST = "\n<!-- block 0 -->\n## Key differences { #key-differences }\n\n<!-- block 1 -->\n## Who { #who }\n"


@pytest.mark.parametrize("title", ["Alpha vs Beta", "Evil & 'Co' (x/y)+ vs Alpha", "Key differences", "Who"])
def test_a_heading_converted_on_its_own_gives_the_whole_conversion(converter: Converter, title: str) -> None:
    # The first page of a kind is checked whole; then each is joined from its heading and the rest.
    converter.convert("# First vs Page\n" + REST)
    html, toc = converter.convert(f"# {title}\n" + REST)
    whole_html, whole_tokens = converter.whole(f"# {title}\n" + REST)
    assert html == whole_html
    assert [(item.id, item.title, [child.id for child in item.children]) for item in toc] == [
        (token["id"], token["name"], [child["id"] for child in token["children"]]) for token in whole_tokens
    ]
    if title in ("Key differences", "Who"):  # the toc extension makes the heading's id unique: converted whole
        assert toc.items[0].id.endswith("_1")


def sections(html: str) -> list[tuple[str | None, str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(section.id, "".join(section.title), "".join(section.text)) for section in parser.data]


def test_search_skips_leave_what_search_reads_and_what_the_page_shows_unchanged(site_dir: Path) -> None:
    # Real content: a framework page's article, with citations, tables, code and excluded headings.
    article = str(soup(site_dir, "frameworks/flask").find("article"))
    article += (
        '<div data-search-exclude><h3 id="inside">Heading inside</h3><p>x</p></div>'
        '<div class="outer" data-search-exclude><div><div>nested</div></div></div><p>after</p>'
        '<svg data-search-exclude viewBox="0 0 1 1"><path d="M0 0"/></svg><p>end</p>'
    )
    skips = SearchSkips()
    read = skips.set_aside(article)
    assert len(read) < len(article) / 2 and skips.elements
    assert sections(read) == sections(article)
    assert skips.put_back(read) == article


def test_compacting_keeps_whitespace_where_it_counts() -> None:
    page = "<div>\n    <p>a\n      b</p>\n\n  \n  <pre>x\n\n    y</pre>\n<script>\n\n  let s = 1;\n</script>\n</div>"
    assert compact(page) == "<div>\n<p>a\nb</p>\n<pre>x\n\n    y</pre>\n<script>\n\n  let s = 1;\n</script>\n</div>"


WORKER_CHECK = """
from mkdocs.exceptions import Abort
from macros.mkdocs_light import Worker
assert Worker(lambda: [{"location": "compare/a-vs-b/"}] * 3000).result() == [{"location": "compare/a-vs-b/"}] * 3000
try:
    Worker(lambda: {"never": 1 / 0}).result()
except Abort as error:
    print(error)
"""


def test_a_worker_returns_its_result_or_aborts_with_its_traceback() -> None:
    # In a process of its own: forking is for single-threaded processes (this one runs a browser).
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", WORKER_CHECK], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Writing the light pages failed:") and "ZeroDivisionError" in result.stdout
