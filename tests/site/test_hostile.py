"""Contributor text is data: a hostile fact sheet must come out as literal text everywhere."""

from __future__ import annotations

import copy
import csv
import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from html import escape as html_escape
from pathlib import Path

import pytest
import yaml
from browser import serve_directory
from bs4 import BeautifulSoup
from factories import BENCHMARK_DATE, extension_of, mkdocs_build, valid_benchmark_run, valid_sheet, write_project
from footprint_factories import footprint_entry, valid_footprint_run, write_footprint
from markupsafe import escape
from playwright.sync_api import Browser

from macros.advisories import load_advisories

SCRIPT = "<script>alert('tagline')</script>"
IMG = "<img src=x onerror=alert('pro')>"
MD_LINK = "[click me](javascript:alert('claim'))"
JINJA = "{{ 7 * 7 }} {% if true %}evaluated{% endif %}"
BREAKOUT = "\" onmouseover=\"alert('attribute')"
CLOSE_TAGS = "</td></tr></table><svg onload=alert('packages')>"
SNIPPET = 'before\n--8<-- "mkdocs.yml"\nafter'
MARKDOWN = "**bold** _em_ <b>tag</b> &amp; entity"
# Text a spreadsheet would run: the CSV files must quote it.
FORMULA = '=HYPERLINK("https://evil.example/","click")'
DDE = "-2+3+cmd|' /C calc'!A0"


# A sample whose lines try to close the code fence, include other files and hide lines.
HOSTILE_SAMPLE = '''"""Docstring that closes the fence:
```
<script>alert('sample')</script>
~~~~
"""
--8<-- "mkdocs.yml"
--8<-- "/etc/passwd"
# --8<-- [start:hidden]
SECRET_LINE = "shown on the page"
# --8<-- [end:hidden]
app = "sample"  # refers to hello.html
'''


# The most markup-like name the schema allows: it must reach <title>, nav and TOC as text.
NAME = "Evil & 'Co' (x/y)+"


# A history series whose method and break note try markup in the chart's caption and table, and
# whose first point, in year 1, would draw one year tick per year up to today.
HOSTILE_HISTORY = f"""series:
  - label: Evil & 'Co' (x/y)+
    source: https://github.com/example/data/blob/{"a" * 40}/stars.csv
    method: {json.dumps(SCRIPT + " " + CLOSE_TAGS)}
    points:
      - {{date: 0001-01-01, value: 5}}
      - {{date: 2026-01-01, value: 10}}
      - {{date: 2026-02-01, value: 20}}
"""


# Support windows whose policy URL, series source and note try markup (alpha's status shows them).
STATUS_URL = 'https://example.org/status?b=<c>&d="e"'
AS_OF = {"as_of": "2026-01-15"}
HOSTILE_SUPPORT = {
    "policy": STATUS_URL,
    "series": [
        {
            "series": "3.1",
            "release": "2026-01-10",
            "mainstream_end": "unknown",
            "extended_end": "unknown",
            "note": f"{SCRIPT} {CLOSE_TAGS}",
            "source": STATUS_URL,
            "as_of": "2026-01-15",
        }
    ],
}


def hostile_sheet() -> dict:
    sheet = valid_sheet("evil", NAME)
    sheet["tagline"] = SCRIPT
    sheet["pros"] = [IMG, MARKDOWN]
    sheet["cons"] = [SNIPPET]
    sheet["criteria"]["security"]["claims"][0]["text"] = MD_LINK
    sheet["criteria"]["security"]["summary"] = JINJA + " [1]."
    sheet["features"]["orm"] = {
        "level": "third-party",
        "packages": [CLOSE_TAGS],
        "note": BREAKOUT,
        "source": 'https://example.org/a?b=<c>&d="e"',
        "as_of": "2026-01-15",
    }
    sheet["metrics"]["github-stars"]["method"] = BREAKOUT
    sheet["criteria"]["philosophy"] |= {"summary": "@SUM(1+1) is it [1]."}
    sheet["criteria"]["philosophy"]["claims"][0]["text"] = FORMULA
    sheet["features"]["routing"] = {"level": "partial", "missing": DDE, "source": STATUS_URL, **AS_OF}
    packages = ["+evil-sessions", "@evil/other"]
    sheet["features"]["sessions"] = {"level": "third-party", "packages": packages, "source": STATUS_URL, **AS_OF}
    sheet["notable_users"][0]["organisation"] = SCRIPT
    sheet["use_cases"]["good_fit"] = [JINJA]
    # Its project publishes no support policy: the page checked and what it says show in its status.
    sheet["support_policy"] = {"published": False, "note": f"{IMG} {MD_LINK}", "source": STATUS_URL, **AS_OF}
    # What it had on when measured shows in the performance page's table.
    sheet["benchmark"]["configuration"] |= {"middleware": CLOSE_TAGS, "database": IMG, "source": STATUS_URL}
    sheet["benchmark"]["configuration"] = {  # `departs` sits before `source` in the model's order
        key: value for key, value in sheet["benchmark"]["configuration"].items() if key not in ("source", "as_of")
    } | {"departs": SCRIPT, "source": STATUS_URL, "as_of": sheet["benchmark"]["configuration"]["as_of"]}
    # The fixture writes its stars history and a benchmark run that measures it.
    del sheet["tracking"]["not_tracked"]["github-stars"]
    del sheet["benchmark"]["not_measured"]
    # A check date per feature, each an entry of its own in the feeds.
    for day, feature in enumerate(sheet["features"].values(), start=1):
        feature["as_of"] = f"2026-02-{day:02d}"
    return sheet


def hostile_benchmark_run() -> dict:
    """A published benchmark run whose free text tries markup in the performance page's prose,
    table and SVG chart, and in the framework page's summary."""
    run = valid_benchmark_run()
    run["method"] = f"{SCRIPT} {CLOSE_TAGS}"
    run["caveats"] = [IMG, MARKDOWN]
    run["command"] = BREAKOUT
    run["machine"]["cpu"] = CLOSE_TAGS
    run["load"]["tool"] = JINJA
    run["load"]["paths"]["json_endpoint"] = SCRIPT
    run["servers"][0]["name"] = NAME
    run["results"][0] |= {"framework": "evil", "framework_version": "1.0"}
    # beta on the same (hostile-named) server: the pair page and compare data show both side by side
    run["results"].append(copy.deepcopy(run["results"][0]) | {"framework": "beta"})
    run["packages"] = {"evil": "1.0", "beta": "1.0", "gunicorn": "27.0.1"}
    return run


# A security record whose texts try markup in every place the section shows them: summaries, the
# Requires-Dist entry a marker is read from, and a link (ids, names and versions may not hold markup:
# validation refuses them, tested below).
ADVISORY_URL = 'https://example.org/a?b=<c>&d="e"'
HOSTILE_ADVISORIES = {
    "package": "evil",
    "version": "1.0",
    "requires_source": "https://pypi.org/pypi/evil/json",
    "source": f"https://github.com/pypa/advisory-database/tree/{'a' * 40}",
    "covers_until": "2026-10-10",
    "as_of": "2026-11-30",
    "method": f"{SCRIPT} {CLOSE_TAGS}",
    "packages": [
        {
            "name": "evil",
            "newest": "1.0",
            "checked": ["1.0"],
            "advisories": [
                {
                    "id": "PYSEC-2024-1",
                    "aliases": ["CVE-2024-1", "GHSA-aaaa-bbbb-cccc"],
                    "summary": f"{SCRIPT} {IMG}",
                    "severity": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                    "affected": [
                        {"introduced": "0.5", "fixed": "1.0rc1"},
                        {"introduced": "1.0", "last_affected": "1.0"},
                    ],
                    "fixed": ["1.0rc1"],
                    # Within the What changed page's window (the freshness window before the newest change).
                    "published": "2026-10-01",
                    "fix_released": "2026-10-02",
                    "days_to_fix": 1,
                    "url": ADVISORY_URL,
                },
                {
                    "id": "GHSA-dddd-eeee-ffff",
                    "summary": f"{MD_LINK} {JINJA} {BREAKOUT}",
                    "listed_for": ["1.0"],
                    "url": "https://osv.dev/vulnerability/GHSA-dddd-eeee-ffff",
                },
            ],
        },
        {
            "name": "lib",
            "requires": [f'lib>=1.0; python_version < "3.10" and platform_release == "{CLOSE_TAGS}"'],
            "newest": "2.0",
            "checked": ["2.0"],
            "advisories": [
                {"id": "PYSEC-2020-7", "summary": MARKDOWN, "published": "2020-02-02", "url": ADVISORY_URL},
            ],
        },
    ],
}


def hostile_footprint_run() -> dict:
    """A footprint run whose every free text tries markup on evil's page. Module, imports and
    distribution names cannot: their patterns refuse anything but names (tests/macros/test_footprint.py)."""
    run = valid_footprint_run("alpha", "beta")
    evil = footprint_entry("evil", "3.1")
    evil.update(py_typed=False, completeness=None, symbols=None, pyright_message=IMG)
    evil["commands"] = {"install": SCRIPT, "import_module": CLOSE_TAGS, "verify_types": BREAKOUT}
    run["frameworks"].append(evil)
    run["method"] = f"{SCRIPT} {CLOSE_TAGS}"
    run["caveats"] = [IMG, MARKDOWN, JINJA]
    run["command"] = BREAKOUT
    run["venv_command"] = MD_LINK
    run["baseline_command"] = CLOSE_TAGS
    run["platform"] = SCRIPT
    run["machine"] |= {"cpu": CLOSE_TAGS, "os": MARKDOWN}
    return run


# A release history whose Python versions' method tries markup in the series table's citation.
HOSTILE_RELEASES = f"""source: https://pypi.org/pypi/evil/json
method: PyPI's release list, read by hand.
python_method: {json.dumps(IMG + " " + CLOSE_TAGS)}
as_of: 2026-11-30
releases:
  - {{version: '0.1', date: 2010-04-16}}
  - {{version: '3.1', date: 2026-01-10, requires_python: '>=3.10, !=3.11.*', classifiers: ['3.10', '3.12']}}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    alpha = valid_sheet()
    alpha["benchmark"]["not_measured"] = MD_LINK + " " + IMG  # the reason shows on its page
    del alpha["support_policy"]  # it publishes support windows (HOSTILE_SUPPORT)
    # An extension of the hostile framework: its base's name shows in its kind and features.
    beta = extension_of("evil", "beta")
    del beta["benchmark"]["not_measured"]
    orm = hostile_sheet()["features"]["orm"]
    beta["features"]["orm"] = {"level": orm["level"], "packages": orm["packages"], "provided_by": "evil",
                               "source": orm["source"], "as_of": orm["as_of"]}  # fmt: skip
    root = write_project(
        tmp_path_factory.mktemp("hostile") / "project", {"evil": hostile_sheet(), "alpha": alpha, "beta": beta}
    )
    (root / "data/samples/evil/hello_world.py").write_text(HOSTILE_SAMPLE, encoding="utf-8")
    (root / "data/support").mkdir()
    (root / "data/support/alpha.yml").write_text(yaml.safe_dump(HOSTILE_SUPPORT, sort_keys=False), encoding="utf-8")
    history = root / "data/history/github-stars"
    history.mkdir(parents=True)
    (history / "evil.yml").write_text(HOSTILE_HISTORY, encoding="utf-8")
    (root / "data/advisories/evil.yml").write_text(
        yaml.safe_dump(HOSTILE_ADVISORIES, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    benchmarks = root / "data/benchmarks"
    benchmarks.mkdir()
    (benchmarks / f"{BENCHMARK_DATE}.yml").write_text(
        yaml.safe_dump(hostile_benchmark_run(), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    outside = [{"id": "evil-bench", "name": NAME + SCRIPT, "url": STATUS_URL, "as_of": "unknown",
                "method": CLOSE_TAGS, "frameworks": ["evil"], "note": IMG + MD_LINK}]  # fmt: skip
    (root / "data/outside_benchmarks.yml").write_text(yaml.safe_dump(outside), encoding="utf-8")
    write_footprint(root, hostile_footprint_run())
    (root / "data/releases/evil.yml").write_text(HOSTILE_RELEASES, encoding="utf-8")
    out = root / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def pages(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    for html in sorted(site.rglob("*.html")):
        yield html, BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def test_no_injected_element_or_attribute_on_any_page(hostile_site: Path) -> None:
    for html, soup in pages(hostile_site):
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, f"{html}: {element.name} has {handlers}"
            for name in ("href", "src"):
                assert not str(element.get(name, "")).lower().startswith("javascript:"), f"{html}: {element}"
        assert not soup.find_all(["img", "svg"], src=True)
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()], html
        assert not soup.find_all("b", string="tag"), html


def test_every_page_states_the_content_security_policy_first(hostile_site: Path) -> None:
    redirects = 0
    for html, soup in pages(hostile_site):
        policy = soup.head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None and not policy.find_all_previous("script"), html
        assert "'unsafe-inline'" not in policy["content"], html
        if soup.find("meta", attrs={"http-equiv": "refresh"}):  # a reversed pair address: allows nothing
            redirects += 1
            assert policy["content"] == "default-src 'none'", html
    assert redirects


def test_hostile_values_show_up_as_literal_text(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "frameworks/evil/index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text()
    for value in (SCRIPT, IMG, MD_LINK, JINJA, CLOSE_TAGS, MARKDOWN):
        assert value in text, value
    assert "49" not in soup.find(id="security--evil").get_text()
    # A value that tries to pull a file in through the snippets extension stays text.
    assert "--8<--" in text and "site_name:" not in text


def test_an_extensions_base_name_and_a_departure_stay_text(hostile_site: Path) -> None:
    beta = BeautifulSoup((hostile_site / "frameworks/beta/index.html").read_text(encoding="utf-8"), "html.parser")
    assert beta.select_one(".identity-line").get_text().startswith(f"Extension of {NAME} for")
    assert f"from {NAME}" in [span.get_text() for span in beta.select(".from-base")]
    assert f"Beta, from {NAME}: ORM." in [line.get_text() for line in beta.select(".by-level")]
    performance = (hostile_site / "criteria/performance/index.html").read_text(encoding="utf-8")
    notes = BeautifulSoup(performance, "html.parser").select("#performance--benchmark_configuration ~ div .note")
    assert [note.get_text() for note in notes] == [f"Departs from them: {SCRIPT}"]
    compare = json.loads((hostile_site / "api/v1/compare.json").read_text(encoding="utf-8"))
    [record] = [fw for fw in compare["frameworks"] if fw["slug"] == "beta"]
    assert record["builds_on_name"] == NAME and record["from_base"] == ["orm"]


def test_footprint_and_python_series_keep_hostile_text_as_text(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "frameworks/evil/index.html").read_text(encoding="utf-8"), "html.parser")
    footprint = soup.select_one(".footprint")
    text = footprint.get_text()
    for value in (SCRIPT, IMG, MD_LINK, JINJA, CLOSE_TAGS, MARKDOWN, BREAKOUT):
        assert value in text, value
    assert not footprint.select("script, img, svg, b") and "49" not in text
    series = soup.select_one(".python-series").parent
    assert IMG + " " + CLOSE_TAGS in series.get_text()
    assert [cell.get_text() for cell in soup.select(".python-series td")] == [
        "3.1 (2026-01-10)",
        ">=3.10, !=3.11.*",
        "3.10, 3.12",
    ]


def test_search_index_keeps_hostile_text_escaped(hostile_site: Path) -> None:
    raw = (hostile_site / "search/search_index.json").read_text(encoding="utf-8")
    for doc in json.loads(raw)["docs"]:
        assert "<script>alert" not in doc["text"] and "<img src=x" not in doc["text"], doc["location"]


def test_search_results_in_a_real_browser_run_no_injected_script(hostile_site: Path, browser: Browser) -> None:
    with serve_directory(hostile_site) as base_url:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base_url + "frameworks/evil/")
        page.locator("input.md-search__input").click()
        page.keyboard.type("alert", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        page.mouse.move(300, 300)
        page.wait_for_timeout(500)
        assert dialogs == []
        assert page.locator(".md-search-result img, .md-search-result svg[onload]").count() == 0


def test_json_api_carries_hostile_text_inertly(hostile_site: Path) -> None:
    raw = (hostile_site / "api/v1/frameworks/evil.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw)["tagline"] == SCRIPT
    for name in ("compare.json", "history.json"):  # read by the compare page's script
        raw = (hostile_site / "api/v1" / name).read_text(encoding="utf-8")
        assert "<" not in raw and ">" not in raw and "&" not in raw, name
    servers = json.loads((hostile_site / "api/v1/compare.json").read_text(encoding="utf-8"))["benchmark"]["servers"]
    assert servers[0]["name"] == NAME
    labels = {item["label"] for item in json.loads((hostile_site / "api/v1/history.json").read_text())["series"]}
    assert "Evil & 'Co' (x/y)+" in labels, "the hostile series label arrives whole, as data"


def test_samples_show_every_line_as_code_and_include_nothing(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "criteria/hello-world/index.html").read_text(encoding="utf-8"), "html.parser")
    [code] = [block for block in soup.select(".highlight") if "evil/hello_world.py" in block.get_text()]
    assert code.select_one("code").get_text() == HOSTILE_SAMPLE
    assert not soup.select(".tabbed-block script")


def test_no_local_file_reaches_any_built_file(hostile_site: Path) -> None:
    for path in hostile_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "root:x:0:0" not in text and "site_name:" not in text and "[core]" not in text, path


def test_names_stay_text_in_title_nav_and_headings(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "frameworks/evil/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith(NAME)
    assert soup.find("h1").get_text(strip=True).startswith(NAME)
    nav_labels = [link.get_text(strip=True) for link in soup.select("nav.md-nav--primary a")]
    assert NAME in nav_labels


def test_names_and_taglines_stay_inert_in_descriptions_and_preview_tags(hostile_site: Path) -> None:
    # A theme page (from its front matter) and a light pair page (from its frame's markers).
    for relative, title in (
        ("frameworks/evil/index.html", NAME),
        ("compare/alpha-vs-evil/index.html", f"Alpha vs {NAME}"),
    ):
        raw = (hostile_site / relative).read_text(encoding="utf-8")
        assert SCRIPT not in raw, relative  # escaped wherever it is, attributes too
        soup = BeautifulSoup(raw, "html.parser")
        tags = {tag.get("name") or tag.get("property"): tag.get("content") for tag in soup.head.find_all("meta")}
        assert tags["og:title"] == tags["twitter:title"] == title, relative
        assert tags["description"].startswith(title), relative
        assert tags["og:description"] == tags["twitter:description"] == tags["description"], relative
        assert not soup.body.find_all("meta"), relative  # no value broke out of its attribute
        if relative.startswith("frameworks/"):
            assert tags["description"].endswith(SCRIPT)  # the tagline, last


def test_guide_and_compare_pages_render_hostile_data_as_text(hostile_site: Path, browser: Browser) -> None:
    with serve_directory(hostile_site) as base_url:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base_url + "guide/")
        page.locator("input[name=need-data][value=nice]").check()
        assert NAME in page.locator(".ranking").inner_text()
        assert page.locator(".ranking img, .ranking script, .ranking svg").count() == 0

        page.goto(base_url + "compare/?f=beta,evil")
        table = page.locator(".compare-table")
        table.wait_for()
        assert JINJA in table.inner_text()  # the hostile security summary, as text
        assert NAME in table.inner_text()  # the hostile server name of the benchmark rows, as text
        assert table.locator("img, script, svg, b").count() == 0
        chart = page.locator(".compare-figure").first
        chart.wait_for()  # evil's hostile stars history, drawn
        assert chart.locator("svg.compare-chart text", has_text=NAME[:11]).count() == 1  # its end label
        assert chart.locator("script, img, foreignObject").count() == 0
        assert "Evil & 'Co' (x/y)+" in (chart.locator("table").text_content() or "")
        page.mouse.move(300, 300)
        page.wait_for_timeout(300)
        assert dialogs == []


def test_compare_data_and_redirect_pages_stay_inert(hostile_site: Path) -> None:
    raw = (hostile_site / "api/v1/compare.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw
    redirect = BeautifulSoup(
        (hostile_site / "compare/evil-vs-alpha/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert redirect.title.get_text() == f"{NAME} vs Alpha"
    assert redirect.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../alpha-vs-evil/"
    assert not redirect.find("script")
    for name in ("description", "og:description", "og:title"):
        tag = redirect.find("meta", attrs={"name": name}) or redirect.find("meta", attrs={"property": name})
        assert tag["content"].startswith(f"{NAME} vs Alpha"), name
    assert len(redirect.head.find_all("meta")) == 8  # no value broke out of its attribute


def test_the_home_page_shortcut_names_the_frameworks_as_text(hostile_site: Path) -> None:
    home = BeautifulSoup((hostile_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    [shortcut] = [link for link in home.select(".start-here a") if "diff=1" in link["href"]]
    assert NAME in shortcut.get_text() and "evil" in shortcut["href"]
    assert NAME in [link.get_text() for link in home.select(".framework-links a")]


def test_trend_charts_feeds_and_badges_keep_hostile_text_inert(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "trends/evil/index.html").read_text(encoding="utf-8"), "html.parser")
    # The stars chart (the release timeline and support windows come first).
    [stars] = [figure for figure in soup.select("figure.trend") if SCRIPT in figure.figcaption.get_text()]
    assert NAME in stars.select_one("svg.chart").get_text()  # the legend, as SVG text
    assert not soup.select("figure.trend script, figure.trend img, figure.trend svg svg")
    for feed in ("feeds/evil.xml", "feeds/site.xml"):
        root = ElementTree.parse(hostile_site / feed).getroot()  # well-formed despite the data
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert NAME in (hostile_site / "feeds/evil.xml").read_text(encoding="utf-8").replace("&amp;", "&").replace(
        "&#39;", "'"
    )
    badge = (hostile_site / "api/v1/badges/evil/release.json").read_text(encoding="utf-8")
    assert "<" not in badge and json.loads(badge)["schemaVersion"] == 1
    head = BeautifulSoup((hostile_site / "frameworks/evil/index.html").read_text(encoding="utf-8"), "html.parser")
    feed_link = head.find("link", rel="alternate", href="../../feeds/evil.xml")
    assert feed_link is not None and feed_link["title"].startswith(NAME)


def test_one_sheet_takes_at_most_five_entries_of_the_site_feed(hostile_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.parse(hostile_site / "feeds/site.xml").getroot()
    ids = [entry.findtext(f"{atom}id") for entry in root.findall(f"{atom}entry")]
    assert len([found for found in ids if "/evil/" in found]) == 5
    assert any("/alpha/" in found for found in ids)
    assert len(ElementTree.parse(hostile_site / "feeds/evil.xml").getroot().findall(f"{atom}entry")) > 5


def test_a_series_from_year_1_draws_a_few_year_ticks(hostile_site: Path) -> None:
    page = (hostile_site / "trends/evil/index.html").read_text(encoding="utf-8")
    figures = BeautifulSoup(page, "html.parser").select("figure.trend")
    [chart] = [figure.select_one("svg.chart") for figure in figures if SCRIPT in figure.figcaption.get_text()]
    years = [tick.get_text() for tick in chart.select("text.tick[text-anchor=middle]")]
    assert 2 <= len(years) <= 20, years
    assert len(page) < 100_000, f"{len(page):,} characters"


def test_pair_pages_and_their_search_entries_keep_names_as_text(hostile_site: Path) -> None:
    # Pair pages are poured into a frame outside MkDocs' page pipeline: the name goes into the
    # title, the header and the h1, and the pair's own search entry.
    title = f"Alpha vs {NAME}"
    page = BeautifulSoup((hostile_site / "compare/alpha-vs-evil/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.title.get_text() == f"{title} - Python web frameworks compared"
    header = page.find(class_="md-header__topic", attrs={"data-md-component": "header-topic"})
    assert header.get_text(strip=True) == title
    assert page.find("h1").get_text().startswith(title)
    fit = page.find(id="fit-evil").find_parent("section")
    assert JINJA in fit.get_text() and "49" not in fit.get_text()  # a use case, shown literally
    [entry] = [
        doc
        for doc in json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
        if doc["location"] == "compare/alpha-vs-evil/"
    ]
    assert entry["title"] == "Alpha vs Evil &amp; 'Co' (x/y)+"
    assert "and Evil &amp; 'Co' (x/y)+ apart" in entry["text"]
    assert "<a" not in entry["text"] and "<script" not in entry["text"]
    assert "/compare/alpha-vs-evil/</loc>" in (hostile_site / "sitemap.xml").read_text(encoding="utf-8")


def test_benchmark_figures_keep_hostile_text_inert(hostile_site: Path) -> None:
    raw = (hostile_site / "criteria/performance/index.html").read_text(encoding="utf-8")
    block = BeautifulSoup(raw, "html.parser").select_one(".benchmarks")
    text = block.get_text()
    for value in (f"{SCRIPT} {CLOSE_TAGS}", IMG, MARKDOWN, BREAKOUT, CLOSE_TAGS, JINJA, f"({SCRIPT})"):
        assert value in text, value
    assert "49" not in text
    chart = block.select_one("figure.bench-chart svg.chart")
    assert f"{NAME}, gunicorn-sync" in chart.get_text()  # the bar's label: framework, server
    assert f">{escape(NAME)}, gunicorn-sync</text>" in raw  # escaped, as SVG in HTML needs
    assert block.select_one("tbody td[data-label='Server']").get_text() == f"{NAME} (WSGI)"
    assert block.select_one("ul.baselines li strong").get_text() == NAME  # each server's baseline
    # What the framework had on: the sheet's text as text, its source an escaped link.
    setup = block.select_one("#performance--benchmark_configuration").find_next("table")
    [evil] = [row for row in setup.select("tbody tr") if row.th.a.get_text() == NAME]
    assert CLOSE_TAGS in evil.get_text() and IMG in evil.get_text()
    assert evil.select_one("a.source")["href"] == STATUS_URL
    # Another benchmark's name, method and note as text, its address an escaped link.
    [elsewhere] = block.select("ul.elsewhere li")
    assert NAME + SCRIPT in elsewhere.get_text() and IMG + MD_LINK in elsewhere.get_text()
    assert CLOSE_TAGS in elsewhere.get_text() and elsewhere.a["href"] == STATUS_URL
    assert not block.select("script, img, b, svg svg, table table")
    summary = BeautifulSoup(
        (hostile_site / "frameworks/evil/index.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one("#performance--benchmarks")
    assert f"under {NAME} " in summary.get_text() and not summary.select("script, img, svg")


def test_pair_page_benchmark_rows_keep_the_server_name_as_text(hostile_site: Path) -> None:
    html = (hostile_site / "compare/beta-vs-evil/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    [row] = [tr for tr in soup.select(".key-differences tr") if "server CPU time" in tr.get_text()]
    assert all(f" on {NAME}" in cell.get_text() for cell in row.select("td"))
    assert "<script" not in str(row) and "Evil & 'Co'" not in str(row), "the name is escaped in the markup"


def test_security_record_keeps_hostile_text_inert(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "frameworks/evil/index.html").read_text(encoding="utf-8"), "html.parser")
    record = soup.select_one(".security-record")
    text = record.get_text()
    for value in (f"{SCRIPT} {IMG}", f"{MD_LINK} {JINJA} {BREAKOUT}", MARKDOWN, CLOSE_TAGS):
        assert value in text, value
    assert "49" not in text
    assert not record.select("script, img, svg, b, table table")
    cells = [cell.get_text() for cell in record.select("td[data-label=Affected]")]
    assert cells == ["releases PyPI lists it for: 1.0", ">= 0.5, < 1.0rc1; >= 1.0, <= 1.0", "not given"]
    assert [link["href"] for link in record.select("td a")].count(ADVISORY_URL) == 2  # escaped, then read back
    assert "Known to affect evil 1.0: 2 advisories" in text  # by its range and by PyPI's list


@pytest.mark.parametrize(
    ("place", "value"),
    [
        (("id",), "<script>PYSEC</script>"),
        (("aliases",), ["CVE-1<img src=x>"]),
        (("fixed",), ["1.0<b>"]),
        (("affected",), [{"introduced": "0<svg onload=alert(1)>"}]),
    ],
)
def test_markup_in_an_advisory_id_or_version_is_refused(tmp_path: Path, place: tuple[str, ...], value: object) -> None:
    data = json.loads(json.dumps(HOSTILE_ADVISORIES))
    data["packages"][0]["advisories"][0][place[0]] = value
    (tmp_path / "data/advisories").mkdir(parents=True)
    (tmp_path / "data/advisories/evil.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    records, problems = load_advisories(tmp_path, ["evil"])
    assert records == [] and problems and f"advisories[0].{place[0]}" in str(problems[0])
    data = json.loads(json.dumps(HOSTILE_ADVISORIES))
    data["packages"][1]["name"] = "<i>lib</i>"
    (tmp_path / "data/advisories/evil.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    assert "packages[1].name" in str(load_advisories(tmp_path, ["evil"])[1][0])


def test_status_keeps_hostile_text_inert(hostile_site: Path) -> None:
    for slug, values in (("evil", [f"{IMG} {MD_LINK}"]), ("alpha", [f"{SCRIPT} {CLOSE_TAGS}"])):
        html = (hostile_site / f"frameworks/{slug}/index.html").read_text(encoding="utf-8")
        status = BeautifulSoup(html, "html.parser").select_one("#status")
        for value in values:
            assert value in status.get_text(), value
        assert STATUS_URL in [link["href"] for link in status.select("a")]  # escaped, then read back
        assert not status.select("script, img, svg, b, a[href^=javascript]")
    pair = BeautifulSoup((hostile_site / "compare/alpha-vs-evil/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = pair.select_one("tbody.status-rows")
    assert NAME in [cell["data-label"] for cell in rows.select("td")]
    assert "No published support policy" in rows.get_text() and not rows.select("script, img, svg, b")


def test_matrix_rows_and_trends_pages_in_search_keep_hostile_text_escaped(hostile_site: Path) -> None:
    # Two sources of search text besides theme pages' HTML: the matrix's rows, written from the data
    # by the adapter, and the trends pages (searched without their charts and method notes).
    raw = (hostile_site / "search/search_index.json").read_text(encoding="utf-8")
    docs = {doc["location"]: doc for doc in json.loads(raw)["docs"]}
    row = docs["features/#feature-orm"]
    assert row["title"] == "ORM"
    assert html_escape(f"{NAME} ({CLOSE_TAGS})", quote=False) in row["text"]
    assert row["text"].startswith("<p>") and row["text"].endswith("</p>") and row["text"].count("<") == 2
    trends = [doc for location, doc in docs.items() if location.startswith("trends/evil/")]
    assert trends[0]["title"] == "Evil &amp; 'Co' (x/y)+: releases and community figures"
    for doc in trends:  # the stars series' method holds SCRIPT: not searched, escaped or not
        assert "<script" not in doc["text"] and "&lt;script" not in doc["text"], doc


def test_a_matrix_row_found_in_a_real_browser_shows_its_packages_as_text(hostile_site: Path, browser: Browser) -> None:
    with serve_directory(hostile_site) as base_url:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base_url + "features/")
        page.locator("input.md-search__input").click()
        page.keyboard.type("onload", delay=20)
        row = page.locator(".md-search-result__link[href*='#feature-orm']").first
        row.wait_for(timeout=15_000)
        page.mouse.move(300, 300)
        page.wait_for_timeout(500)
        assert CLOSE_TAGS in row.inner_text()
        assert dialogs == [] and page.locator(".md-search-result svg[onload], .md-search-result td").count() == 0
        page.close()


def test_csv_files_keep_formulas_inert(hostile_site: Path) -> None:
    folder = hostile_site / "api/v1"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    tables = {}
    for resource in package["resources"]:
        with (folder / resource["path"]).open(encoding="utf-8", newline="") as file:
            tables[resource["name"]] = list(csv.DictReader(file))
        numbers = [field["name"] for field in resource["schema"]["fields"] if field["type"] in ("integer", "number")]
        for row in tables[resource["name"]]:
            for name, value in row.items():
                if name in numbers:
                    assert value == "" or float(value) >= 0, (resource["name"], name, value)  # numbers stay numbers
                else:
                    assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (resource["name"], value)
    [claim] = [row for row in tables["claims"] if (row["framework"], row["criterion"]) == ("evil", "philosophy")]
    assert (claim["text"], claim["summary"]) == ("'" + FORMULA, "'@SUM(1+1) is it [1].")
    features = {row["feature"]: row for row in tables["features"] if row["framework"] == "evil"}
    assert features["routing"]["missing"] == "'" + DDE
    assert features["sessions"]["packages"] == "'+evil-sessions; @evil/other"
    assert (features["orm"]["packages"], features["orm"]["note"]) == (CLOSE_TAGS, BREAKOUT)  # text as it is
    [evil] = [row for row in tables["frameworks"] if row["slug"] == "evil"]
    assert (evil["name"], evil["tagline"]) == (NAME, SCRIPT)
    assert [row["framework"] for row in tables["benchmarks"]] == ["evil", "beta"]


def test_the_changes_page_and_its_feed_keep_hostile_text_inert(hostile_site: Path) -> None:
    soup = BeautifulSoup((hostile_site / "changes/index.html").read_text(encoding="utf-8"), "html.parser")
    days = soup.select("section.changes-day")
    text = " ".join(day.get_text() for day in days)
    summary = f"{SCRIPT} {IMG} Fixed in 1.0rc1. (source: {ADVISORY_URL})"
    advisory = f"{NAME}: advisory PYSEC-2024-1 in evil: {summary}"
    for value in (f"{NAME} 3.1 released", advisory, f"GitHub stars ({NAME}): 20", f"measured for Beta, {NAME}."):
        assert value in text, value
    assert "49" not in text and not [day for day in days if day.select("script, img, svg, b")]
    root = ElementTree.parse(hostile_site / "feeds/changes.xml").getroot()  # well-formed despite the data
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {
        entry.findtext(f"{atom}title"): entry.findtext(f"{atom}summary") for entry in root.findall(f"{atom}entry")
    }
    assert entries[f"{NAME}: advisory PYSEC-2024-1 in evil"] == summary
    assert f"{NAME} 3.1 released" in entries and f"{NAME}: community figures of 2026-02-01" in entries
