"""The measured benchmark on the pages: figures with the method, conditions and date, never a bare verdict."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from macros.charts import compact
from macros.model import Dataset
from macros.pages import EVIDENCE_INLINE_LIMIT

TIMES, DASH = "\u00d7", "\u2013"  # as the page writes ratios and their range


def soup_of(site_dir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_performance_page_shows_every_result_with_method_caveats_and_date(site_dir: Path, dataset: Dataset) -> None:
    run = dataset.benchmarks[-1]
    soup = soup_of(site_dir, "criteria/performance")
    block = soup.select_one(".benchmarks")
    text = " ".join(block.get_text(" ").split())
    assert str(run.date) in text and " ".join(run.method.split()) in text
    for caveat in run.caveats:
        assert " ".join(caveat.split()) in text
    # Past EVIDENCE_INLINE_LIMIT frameworks, each framework has one row per sample, on the server
    # where it did the most requests per CPU second; the row names its figures on the others.
    one_row = len(dataset.frameworks) > EVIDENCE_INLINE_LIMIT
    shown: dict[tuple[str, str, str], object] = {}
    for result in sorted(run.results, key=lambda item: -item.requests_per_cpu_second.median):
        shown.setdefault((result.framework, result.sample, "" if one_row else result.server), result)
    rows = block.select("table tbody tr")
    assert len(rows) == len(shown) + len(dataset.frameworks)  # the results, then what each had on
    names = {server.id: server.name for server in run.servers}
    for result in run.results:
        cpu = result.requests_per_cpu_second
        if result in shown.values():
            assert f"{cpu.median:,.0f} ({cpu.min:,.0f}{DASH}{cpu.max:,.0f})" in text, result.framework
            assert f"{result.ratio.median}{TIMES} ({result.ratio.min}{DASH}{result.ratio.max})" in text, (
                result.framework
            )
        else:
            table = block.select_one(f"#performance--{result.sample}").find_next("table")
            row = next(row for row in table.select("tbody tr") if row.th.a["href"].endswith(f"/{result.framework}/"))
            assert f"{names[result.server]} {cpu.median:,.0f}" in row.select_one(".others").get_text(), result
    samples = sorted({result.sample for result in run.results})
    charts = block.select("figure.bench-chart svg.chart.wide")
    assert len(charts) == len(samples) == len(block.select("figure.bench-chart svg.chart.narrow"))
    assert all(chart.title.get_text() for chart in charts)
    # The charts lead the page: before the method, and before the frameworks' verdicts.
    content = soup.select_one(".md-content")
    order = [node for node in content.find_all(True) if node.name == "figure" or "assessments" in node.get("class", [])]
    assert order[0].name == "figure" and "assessments" in order[-1].get("class", [])
    method = block.select_one("#performance--benchmark_method")
    assert method and method.find_previous("figure") and block.select_one("a[href='#performance--benchmark_method']")


def test_charts_rank_one_figure_that_shares_a_baseline_requests_per_cpu_second(
    site_dir: Path, dataset: Dataset
) -> None:
    """Every bar is a result's (or a bare app's) requests per CPU second, measured on one machine:
    no chart ranks shares of different bare apps against each other."""
    run = dataset.benchmarks[-1]
    block = soup_of(site_dir, "criteria/performance").select_one(".benchmarks")
    for chart in block.select("figure.bench-chart svg.chart"):  # for phones and for larger screens
        sample = chart.find_parent("figure").find_previous("h2")["id"].removeprefix("performance--")
        figures = [item.requests_per_cpu_second.median for item in run.results if item.sample == sample]
        figures += [item.requests_per_cpu_second.median for item in run.baselines if item.sample == sample]
        shown = [tick.get_text() for tick in chart.select("text.tick")][:-1]  # the last tick is the axis' 0
        assert shown and set(shown) <= {compact(figure) for figure in figures}, sample
        assert TIMES not in chart.get_text()
        values = [float(rect["width"]) for rect in chart.select("rect.bar")]
        assert values == sorted(values, reverse=True), "bars are ranked"
        assert chart.select("rect.bar.reference"), "the bare apps are drawn as references"


def test_the_stated_baselines_are_the_ones_each_result_was_divided_by(site_dir: Path, dataset: Dataset) -> None:
    """The page's list of baselines, read back, names for every result the bare app and server
    its ratio was computed against (a page that said "the same server" for a framework on its
    own server would fail here)."""
    run = dataset.benchmarks[-1]
    block = soup_of(site_dir, "criteria/performance").select_one(".benchmarks")
    stated = {}
    for item in block.select("ul.baselines li"):
        server = item.strong.get_text()
        match = re.fullmatch(r": the (bare \w+ app) on (.+)", item.get_text().removeprefix(server))
        assert match, item.get_text()
        stated[server] = (match.group(1), server if match.group(2) == "the same server" else match.group(2))
    names = {server.id: server.name for server in run.servers}
    for result in run.results:
        wanted = (f"bare {result.baseline.removeprefix('bare-').upper()} app", names[result.baseline_server])
        assert stated[names[result.server]] == wanted, result


def test_what_each_framework_had_on_is_listed_from_its_sheet(site_dir: Path, dataset: Dataset) -> None:
    block = soup_of(site_dir, "criteria/performance").select_one(".benchmarks")
    table = block.select_one("#performance--benchmark_configuration").find_next("table")
    rows = {row.th.a.get_text(): row for row in table.select("tbody tr")}
    assert set(rows) == {framework.name for framework in dataset.frameworks}
    for framework in dataset.frameworks:
        setup = framework.benchmark.configuration
        cells = [cell.get_text() for cell in rows[framework.name].select("td")]
        assert cells == [setup.debug, setup.middleware, setup.validation, setup.templates, setup.json_encoder,
                         setup.database]  # fmt: skip
        assert rows[framework.name].select_one(f"a[href='{setup.source}']")


def test_other_benchmarks_are_linked_with_their_date_and_method(site_dir: Path, dataset: Dataset) -> None:
    block = soup_of(site_dir, "criteria/performance").select_one(".benchmarks")
    items = block.select("ul.elsewhere li")
    assert len(items) == len(dataset.outside_benchmarks) > 0
    for item, benchmark in zip(items, dataset.outside_benchmarks, strict=True):
        text = " ".join(item.get_text().split())
        assert item.a["href"] == benchmark.url and item.a.get_text() == benchmark.name
        dated = f"results of {benchmark.as_of}." if benchmark.as_of != "unknown" else "a date its page does not state"
        assert dated in text
        assert " ".join(benchmark.method.split()) in text
        names = [f.name for f in dataset.frameworks if f.slug in benchmark.frameworks]
        assert all(name in text for name in names)


def test_a_framework_page_summarises_its_own_figures_and_links_to_the_method(site_dir: Path, dataset: Dataset) -> None:
    run = dataset.benchmarks[-1]
    names = {server.id: server.name for server in run.servers}
    for framework in dataset.frameworks:
        results = [item for item in run.results if item.framework == framework.slug]
        summary = soup_of(site_dir, f"frameworks/{framework.slug}").select_one("#performance--benchmarks")
        text = " ".join(summary.get_text(" ").split())
        assert f"Measured on {run.date}" in text
        for result in results:
            assert f"{result.requests_per_cpu_second.median:,.0f} ({result.ratio.median}{TIMES} the " in text
            assert f"on {names[result.baseline_server]})" in text
        assert summary.find("a", href="../../criteria/performance/")


def test_each_sample_section_of_the_performance_page_is_searchable_by_its_caption(site_dir: Path) -> None:
    docs = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    sections = {doc["location"]: doc["text"] for doc in docs if doc["location"].startswith("criteria/performance/#")}
    for sample in ("json_endpoint", "html_template", "fortunes"):
        text = sections[f"criteria/performance/#performance--{sample}"]
        assert "requests per second of server CPU time" in text, "the section has text, not only a title"
        assert TIMES not in text, "its figures (ratios such as 0.628\u00d7) stay out of the index"
