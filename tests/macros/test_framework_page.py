"""A framework page's head and summaries say what its sections say: notable users whose use
may have ended carry their flag, and a framework the benchmark left out is said to be."""

from __future__ import annotations

import datetime as dt

import yaml
from bs4 import BeautifulSoup
from factories import BENCHMARK_DATE, extension_of, valid_benchmark_run, valid_sheet

from macros.collections import load_dataset
from macros.render import build_site

TODAY = dt.date(2026, 11, 23)


def pages(root) -> dict[str, BeautifulSoup]:
    site = build_site(load_dataset(root), today=TODAY)
    return {page.path: BeautifulSoup(page.markdown, "html.parser") for page in site.pages}


def squash(text: str) -> str:
    return " ".join(text.split())


def test_the_users_line_flags_the_users_their_section_flags(project) -> None:
    sheet = valid_sheet()
    user = sheet["notable_users"][0]
    sheet["notable_users"] = [
        {**user, "organisation": "Current Corp", "as_of": "2026-06-01"},
        {**user, "organisation": "Archived Corp", "as_of": "2026-06-01", "evidence_archived": "2026-03-01"},
        {**user, "organisation": "Old Corp", "as_of": "2024-01-01"},
    ]
    page = pages(project({"alpha": sheet}))["frameworks/alpha.md"]
    line = page.select_one(".users-line")
    assert squash(line.get_text()) == (
        "Used by, with public evidence: Current Corp, Archived Corp evidence archived 2026-03-01,"
        " Old Corp needs review."
    )
    flags = {
        item.strong.get_text(): [flag.get_text() for flag in item.select(".stale")]
        for item in page.select("#notable-users--notable-users--alpha li")
    }
    assert flags == {
        "Current Corp": [],
        "Archived Corp": ["evidence archived 2026-03-01"],
        "Old Corp": ["needs review"],  # once, not again by its citation
    }


def test_a_framework_the_benchmark_left_out_says_so_with_the_link_to_the_method(project) -> None:
    alpha = valid_sheet()
    del alpha["benchmark"]["not_measured"]  # the run below measures it
    root = project({"alpha": alpha, "beta": valid_sheet("beta", "Beta")})
    run = valid_benchmark_run()
    run["results"][0] |= {"framework": "alpha", "framework_version": "3.1"}
    run["packages"] = {"alpha": "3.1", "gunicorn": "27.0.1"}
    (root / "data/benchmarks").mkdir()
    (root / f"data/benchmarks/{BENCHMARK_DATE}.yml").write_text(yaml.safe_dump(run, sort_keys=False), encoding="utf-8")
    rendered = pages(root)
    summaries = {
        slug: rendered[f"frameworks/{slug}.md"].select_one("#performance--benchmarks p") for slug in ("alpha", "beta")
    }
    assert squash(summaries["beta"].get_text()) == (
        f"Not measured in the benchmark of {BENCHMARK_DATE}. A synthetic framework. "
        "Every framework, the method and the caveats."
    )
    result = run["results"][0]
    assert squash(summaries["alpha"].get_text()).endswith(
        f"json endpoint under gunicorn, sync worker {result['requests_per_cpu_second']['median']:,.0f} "
        f"({result['ratio']['median']}\u00d7 the bare WSGI app on gunicorn, sync worker)."
        " Every framework, the method and the caveats."
    )
    for summary in summaries.values():
        assert summary.select_one("a")["href"] == "../../criteria/performance/"


def test_an_extension_is_not_credited_with_its_bases_features(project) -> None:
    base = valid_sheet()
    extension = extension_of("alpha")
    orm = base["features"]["orm"]
    extension["features"]["orm"] = {
        "level": orm["level"],
        **{k: v for k, v in orm.items() if k in ("packages", "since", "missing")},
        "provided_by": "alpha",
        "source": orm["source"],
        "as_of": orm["as_of"],
    }
    site = pages(project({"alpha": base, "beta": extension}))
    page = site["frameworks/beta.md"]
    lines = [squash(line.get_text()) for line in page.select(".by-level")]
    assert lines[-1] == "Beta, from Alpha: ORM."
    assert not any("ORM" in line for line in lines[:-1])
    assert squash(page.select_one(".identity-line").get_text()).startswith("Extension of Alpha for")
    own_built_in = sum(
        support["level"] == "built-in" and "provided_by" not in support for support in extension["features"].values()
    )
    home = site["index.md"].select_one('tr:has(a[href$="beta/"]) td[data-label="Built-in features"]')
    assert squash(home.get_text()) == f"{own_built_in} of {len(extension['features'])}, and 1 from Alpha"
