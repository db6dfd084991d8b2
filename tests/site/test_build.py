"""The real site, built with `mkdocs build --strict`, checked by parsing its HTML."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
from bs4 import BeautifulSoup
from factories import mkdocs_build, valid_sheet

from macros.comparison import first_sentence, strip_references
from macros.fields import display_host
from macros.model import Dataset, iter_facts
from macros.pages import EVIDENCE_INLINE_LIMIT
from macros.vocabulary import LEVELS


def page(site_dir: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / url_path / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(element: object) -> str:
    return " ".join(element.get_text(" ").split())  # type: ignore[attr-defined]


def squash(value: str) -> str:
    return " ".join(value.split())


def test_build_passes_strict_without_warnings(built_site: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, result = built_site
    assert "WARNING" not in result.stderr, result.stderr
    assert "ERROR" not in result.stderr, result.stderr


def test_every_criterion_page_shows_every_framework_cell(site_dir: Path, dataset: Dataset) -> None:
    for criterion in dataset.criteria:
        soup = page(site_dir, f"criteria/{criterion.id}")
        for framework in dataset.frameworks:
            cell = soup.find(id=f"{criterion.id}--{framework.slug}")
            assert cell is not None, f"criteria/{criterion.id}: no cell for {framework.slug}"
            assessment = framework.criteria[criterion.id]
            # Validation lets a verdict leave out its summary, never its claims (unless the
            # criterion's table or sample holds the facts): only then is no verdict written.
            inline = len(dataset.frameworks) <= EVIDENCE_INLINE_LIMIT
            if assessment.summary:  # past the limit, without its claim numbers, the claims linked
                assert squash(assessment.summary if inline else strip_references(assessment.summary)) in text(cell)
            elif not assessment.claims:
                assert "No verdict written" in text(cell)
            if not inline and assessment.claims:
                link = cell.find("a", class_="evidence")
                assert link["href"].endswith(f"frameworks/{framework.slug}/#{criterion.id}--{framework.slug}")
            for claim in assessment.claims if inline else []:
                assert squash(claim.text) in text(cell)
                assert cell.find("a", href=claim.source) is not None


def test_every_pair_page_walks_every_criterion(site_dir: Path, dataset: Dataset) -> None:
    for first, second in dataset.pairs():
        a, b = sorted((first.slug, second.slug))
        soup = page(site_dir, f"compare/{a}-vs-{b}")
        for criterion in dataset.criteria:
            assert soup.find(id=criterion.id) is not None, f"{a}-vs-{b}: no heading for {criterion.id}"
            for framework in (first, second):
                cell = soup.find(id=f"{criterion.id}--{framework.slug}")
                assert cell is not None, f"{a}-vs-{b}: no {criterion.id} cell for {framework.slug}"
                summary = first_sentence(framework.criteria[criterion.id].summary)
                assert squash(summary or "No verdict written") in text(cell)
                # The whole verdict and its claims are one click away, on the criterion page.
                evidence = cell.find_all("a")[-1]["href"]
                assert evidence.endswith(f"criteria/{criterion.id}/#{criterion.id}--{framework.slug}")


def test_feature_matrix_has_every_feature_for_every_framework(site_dir: Path, dataset: Dataset) -> None:
    soup = page(site_dir, "features")
    for feature in dataset.features:
        row = soup.find(id=f"feature-{feature.id}")
        assert row is not None, f"matrix lacks {feature.id}"
        cells = row.find_all("td", attrs={"data-level": True})
        assert len(cells) == len(dataset.frameworks)
        for cell, framework in zip(cells, dataset.frameworks, strict=True):
            support = framework.features[feature.id]
            icon, label = LEVELS[support.level][:2]
            # The level is given in words and icon, never by colour alone.
            assert label in text(cell) and icon in text(cell), (feature.id, framework.slug)


def test_every_cited_url_appears_on_its_framework_page_and_the_sources_page(site_dir: Path, dataset: Dataset) -> None:
    index = {a["href"] for a in page(site_dir, "sources").find_all("a", href=True)}
    for framework in dataset.frameworks:
        soup = page(site_dir, f"frameworks/{framework.slug}")
        links = {a["href"] for a in soup.find_all("a", href=True)}
        assert f"../frameworks/{framework.slug}/#sources" in index
        cited = [fact.source for _, fact in iter_facts(framework) if fact.source]
        for path, fact in iter_facts(framework):
            if fact.source:
                assert fact.source in links, f"{framework.slug}: {path} source not on its page"
        # The page ends with its sources by site: every site, with its distinct pages and facts.
        by_site: dict[str, tuple[set[str], int]] = {}
        for url in cited:
            pages, facts = by_site.get(display_host(url), (set(), 0))
            by_site[display_host(url)] = (pages | {url}, facts + 1)
        listed = [item.get_text() for item in soup.select("ul.source-hosts li")]
        assert sorted(listed) == sorted(
            f"{host}: {len(pages)} page{'s' if len(pages) != 1 else ''}, {facts} fact{'s' if facts != 1 else ''}"
            for host, (pages, facts) in by_site.items()
        ), framework.slug


def test_citations_show_the_as_of_date(site_dir: Path, dataset: Dataset) -> None:
    framework = dataset.frameworks[0]
    soup = page(site_dir, f"frameworks/{framework.slug}")
    license_cite = soup.find("a", href=framework.license.source).find_parent(class_="cite")
    assert str(framework.license.as_of) in text(license_cite)


def test_pair_pages_stay_out_of_nav_and_are_searched_by_their_introduction(site_dir: Path, dataset: Dataset) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    pair_docs = [doc for doc in index["docs"] if "-vs-" in doc["location"]]
    assert {doc["location"] for doc in pair_docs if "#" not in doc["location"]} == {
        f"compare/{a.slug}-vs-{b.slug}/" for a, b in dataset.pairs()
    }
    assert not [doc for doc in pair_docs if "Built in" in doc["text"] or "as of" in doc["text"]]
    nav = page(site_dir, "criteria/async").find("nav", class_="md-nav--primary")
    assert not [a["href"] for a in nav.find_all("a", href=True) if "-vs-" in a["href"]]
    compare = page(site_dir, "compare")
    pair_links = {a["href"] for a in compare.find_all("a", href=True) if "-vs-" in a["href"]}
    assert len(pair_links) == len(dataset.pairs())


def test_internal_links_resolve(site_dir: Path) -> None:
    broken = []
    for html in site_dir.rglob("index.html"):
        base = "/" + html.parent.relative_to(site_dir).as_posix() + "/"
        for anchor in BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            href = anchor["href"]
            if urlsplit(href).scheme or href.startswith(("#", "mailto:")):
                continue
            target = urlsplit(urljoin(base.replace("//", "/"), href)).path
            path = site_dir / target.lstrip("/")
            if not (path / "index.html").exists() and not path.is_file():
                broken.append(f"{base} -> {href}")
    assert not broken, broken[:20]


def test_code_samples_are_included_verbatim_from_their_files(site_dir: Path, dataset: Dataset) -> None:
    with_samples = [criterion for criterion in dataset.criteria if criterion.sample]
    assert with_samples
    inline = len(dataset.frameworks) <= EVIDENCE_INLINE_LIMIT  # past it, criterion pages link the samples
    for criterion in with_samples:
        for framework in dataset.frameworks:
            shown_on = f"criteria/{criterion.id}" if inline else f"frameworks/{framework.slug}"
            codes = {block.get_text().strip() for block in page(site_dir, shown_on).select(".highlight code")}
            source = (dataset.root / dataset.sample_path(framework, criterion.sample or "")).read_text(encoding="utf-8")
            assert source.strip() in codes, f"{framework.slug}: {criterion.sample} is not shown verbatim"


def test_framework_pages_edit_their_fact_sheet(site_dir: Path, dataset: Dataset) -> None:
    for framework in dataset.frameworks:
        edit = page(site_dir, f"frameworks/{framework.slug}").find("a", rel="edit")
        assert edit["href"].endswith(f"/edit/main/data/frameworks/{framework.slug}.yml")


def test_edit_buttons_open_the_data_behind_the_page_or_are_absent(site_dir: Path, dataset: Dataset) -> None:
    criterion = dataset.criteria[0]
    edit = page(site_dir, f"criteria/{criterion.id}").find("a", rel="edit")
    assert (
        edit["href"]
        == "https://github.com/python-web-frameworks/python-web-frameworks.github.io/edit/main/data/criteria.yml"
    )
    # Generated pages with no data file behind them have no edit button.
    for path in ("", "features", "sources"):
        assert page(site_dir, path).find("a", rel="edit") is None, path


def test_two_builds_are_byte_identical(project, tmp_path: Path) -> None:
    # A small project keeps the real site to one shared build; determinism does not depend on size.
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    once, again = tmp_path / "once", tmp_path / "again"
    assert mkdocs_build(root, once).returncode == 0 and mkdocs_build(root, again).returncode == 0
    first = {path.relative_to(once): path.read_bytes() for path in once.rglob("*") if path.is_file()}
    second = {path.relative_to(again): path.read_bytes() for path in again.rglob("*") if path.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_invalid_data_stops_the_build_and_writes_nothing(project, tmp_path: Path) -> None:
    sheet = valid_sheet()
    sheet["homepage"] = "http://insecure.example.org/"
    out = tmp_path / "never"
    result = mkdocs_build(project({"alpha": sheet}), out)
    assert result.returncode != 0
    assert "data/frameworks/alpha.yml:5:1: homepage: must be an https:// URL" in result.stdout + result.stderr
    assert not out.exists()


def test_json_api_v1_publishes_every_fact_sheet_with_its_schema(site_dir: Path, dataset: Dataset) -> None:
    index = json.loads((site_dir / "api/v1/frameworks.json").read_text(encoding="utf-8"))
    assert index["schema_version"] == 1
    assert [entry["slug"] for entry in index["frameworks"]] == [fw.slug for fw in dataset.frameworks]
    assert [criterion["id"] for criterion in index["criteria"]] == [criterion.id for criterion in dataset.criteria]
    schema = json.loads((site_dir / "api/v1/schema.json").read_text(encoding="utf-8"))
    for framework in dataset.frameworks:
        published = json.loads((site_dir / f"api/v1/frameworks/{framework.slug}.json").read_text(encoding="utf-8"))
        jsonschema.validate(published, schema)
        assert published["schema_version"] == 1
        assert published["latest_release"]["version"] == framework.latest_release.version
        assert published["good_fit"] == list(framework.use_cases.good_fit)
        assert published["features"]["orm"]["level"] == framework.features["orm"].level
        assert (
            published["criteria"]["security"]["claims"][0]["source"] == framework.criteria["security"].claims[0].source
        )
