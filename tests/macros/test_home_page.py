"""The home page's shortcut compares the most popular frameworks by the metric data/metrics.yml
names for it, differences only; only one metric may name itself."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from factories import valid_sheet

from macros.collections import load_dataset
from macros.model import load_catalogues
from macros.problems import DataError
from macros.render import build_site

RANKING = next(metric for metric in load_catalogues().metrics if metric.ranks_popularity)


def sheet(slug: str, figure: int | None) -> dict:
    facts = valid_sheet(slug, slug.title())
    facts["metrics"] = (
        {} if figure is None else {RANKING.id: {**next(iter(facts["metrics"].values())), "value": figure}}
    )
    return facts


def test_the_shortcut_compares_the_three_highest_figures_in_order(project) -> None:
    root = project(
        {
            "alpha": sheet("alpha", 10),
            "beta": sheet("beta", 30),
            "gamma": sheet("gamma", 20),
            "delta": sheet("delta", None),
            "omega": sheet("omega", 5),
        }
    )
    site = build_site(load_dataset(root), today=dt.date(2026, 11, 23))
    home = BeautifulSoup(next(page.markdown for page in site.pages if page.path == "index.md"), "html.parser")
    [link] = [a for a in home.select(".start-here a") if "diff=1" in a["href"]]
    assert link["href"] == "compare/?f=beta,gamma,alpha&diff=1"
    assert link.get_text() == "Beta, Gamma, Alpha, differences only"
    assert f"the 3 with the most {RANKING.name}" in link.parent.get_text()


def test_only_one_metric_may_rank_popularity(project) -> None:
    root = project({"alpha": valid_sheet()})
    metrics = root / "data/metrics.yml"
    text = metrics.read_text(encoding="utf-8")
    metrics.write_text(text.replace("  unit: people\n", "  unit: people\n  ranks_popularity: true\n", 1), "utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(root)
    [problem] = [str(problem) for problem in caught.value.problems]
    assert (
        problem.startswith("data/metrics.yml:") and "ranks_popularity: only one metric may rank popularity" in problem
    )
