"""The measured benchmark on the pages: figures with the method, conditions and date, never a bare verdict."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from macros.model import Dataset

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
    rows = block.select("table tbody tr")
    assert len(rows) == len(run.results)
    for result in run.results:
        assert f"{result.ratio.median}{TIMES} ({result.ratio.min}{DASH}{result.ratio.max})" in text, result.framework
    charts = block.select("figure.bench-chart svg.chart")
    assert len(charts) == 2 and all(chart.title.get_text() for chart in charts)
    # The charts lead the page: before the method, and before the frameworks' verdicts.
    content = soup.select_one(".md-content")
    order = [node for node in content.find_all(True) if node.name == "figure" or "assessments" in node.get("class", [])]
    assert order[0].name == "figure" and "assessments" in order[-1].get("class", [])
    method = block.select_one("#performance--benchmark_method")
    assert method and method.find_previous("figure") and block.select_one("a[href='#performance--benchmark_method']")


def test_a_framework_page_summarises_its_own_figures_and_links_to_the_method(site_dir: Path, dataset: Dataset) -> None:
    run = dataset.benchmarks[-1]
    for framework in dataset.frameworks:
        results = [item for item in run.results if item.framework == framework.slug]
        summary = soup_of(site_dir, f"frameworks/{framework.slug}").select_one("#performance--benchmarks")
        text = " ".join(summary.get_text(" ").split())
        assert f"Measured on {run.date}" in text
        for result in results:
            assert f"{result.ratio.median}{TIMES}" in text
        # Figures are separated in the page's own text, not only by the tags around them.
        plain = summary.get_text()
        assert plain.count(f"{TIMES}; ") == len(results) - 1 and f"{TIMES}. Every framework" in plain
        assert summary.find("a", href="../../criteria/performance/")


def test_each_sample_section_of_the_performance_page_is_searchable_by_its_caption(site_dir: Path) -> None:
    docs = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    sections = {doc["location"]: doc["text"] for doc in docs if doc["location"].startswith("criteria/performance/#")}
    for sample in ("json_endpoint", "html_template"):
        text = sections[f"criteria/performance/#performance--{sample}"]
        assert "share of the bare app" in text, "the section has text, not only a title"
        assert TIMES not in text, "its figures (ratios such as 0.628\u00d7) stay out of the index"
