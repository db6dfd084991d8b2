"""The CSV files and their data package: the same facts as the JSON API, typed as declared,
valid by the Frictionless spec, and inert in spreadsheets."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from frictionless import Package

from macros import addresses, licences
from macros.api import api_files
from macros.dataset_files import TABLES, Column, Table, csv_text, dataset_files
from macros.model import ROOT, Dataset

SITE_URL = "https://frameworks.example.org/"
TODAY = dt.date(2026, 11, 23)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def files(dataset: Dataset) -> dict[str, str]:
    return api_files(dataset) | dataset_files(dataset, SITE_URL, TODAY)


def rows(files: dict[str, str], table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[addresses.api_csv(table)], newline="")))


def text(cell: str) -> str | None:
    """A text cell as the data has it: without the quote that keeps a formula inert; None if empty."""
    if cell[:1] == "'" and cell[1:2] and cell[1:2] in "".join(FORMULA_STARTS):
        return cell[1:]
    return cell or None


def record(files: dict[str, str], slug: str) -> dict[str, Any]:
    return json.loads(files[addresses.api_framework(slug)])


def test_frameworks_features_claims_and_figures_equal_the_json_records(dataset: Dataset, files: dict[str, str]) -> None:
    frameworks = {row["slug"]: row for row in rows(files, "frameworks")}
    features, claims, metrics = rows(files, "features"), rows(files, "claims"), rows(files, "metrics")
    assert list(frameworks) == [framework.slug for framework in dataset.frameworks]
    for slug, row in frameworks.items():
        api = record(files, slug)
        assert (text(row["name"]), row["kind"], row["pypi"], row["repository"]) == (
            api["name"], api["kind"], api["pypi"], api["repository"]
        )  # fmt: skip
        assert (text(row["licence"]), row["licence_source"], row["licence_as_of"]) == (
            api["license"]["value"], api["license"]["source"], api["license"]["as_of"]
        )  # fmt: skip
        assert row["interfaces"].split("; ") == api["interfaces"]["value"]
        for which in ("latest", "first"):
            release = api[f"{which}_release"]
            assert [row[f"{which}_{key}"] for key in ("version", "date", "source", "as_of")] == [
                release[key] for key in ("version", "date", "source", "as_of")
            ]
        assert {item["feature"]: (item["level"], text(item["source"]), item["as_of"], text(item["missing"]))
                for item in features if item["framework"] == slug} == {
            key: (value["level"], value["source"], value["as_of"], value["missing"])
            for key, value in api["features"].items()
        }  # fmt: skip
        assert {item["metric"]: (int(item["value"]), text(item["method"]), item["source"], item["as_of"])
                for item in metrics if item["framework"] == slug} == {
            key: (value["value"], value["method"], value["source"], value["as_of"])
            for key, value in api["metrics"].items()
        }  # fmt: skip
        assert {(item["criterion"], int(item["claim"])): (text(item["summary"]), text(item["text"]), item["source"])
                for item in claims if item["framework"] == slug} == {
            (key, number): (value["summary"], claim["text"], claim["source"])
            for key, value in api["criteria"].items()
            for number, claim in enumerate(value["claims"], start=1)
        }  # fmt: skip
    assert any(item["packages"] for item in features), "some feature lists its packages"


def test_history_points_equal_the_history_api(files: dict[str, str]) -> None:
    from_csv: dict[tuple[str, str, str], list[list[Any]]] = defaultdict(list)
    for row in rows(files, "history"):
        from_csv[row["framework"], row["metric"], row["series"]].append([row["date"], int(row["value"])])
    from_api: dict[tuple[str, str, str], list[list[Any]]] = defaultdict(list)
    for series in json.loads(files[addresses.api_history()])["series"]:
        from_api[series["framework"], series["metric"], series["label"]] += series["points"]
    assert from_csv and from_csv == from_api


def test_benchmark_rows_of_the_latest_run_equal_the_compare_data(files: dict[str, str]) -> None:
    compare = json.loads(files[addresses.api_compare()])
    latest = [row for row in rows(files, "benchmarks") if row["run"] == compare["benchmark"]["date"]]
    from_csv = sorted(
        (row["framework"], row["sample"], row["server"], row["baseline_server"],
         float(row["requests_per_cpu_second"]), float(row["ratio"]))
        for row in latest
    )  # fmt: skip
    from_api = sorted(
        (framework["slug"], item["sample"], item["server"], item["baseline_server"],
         item["requests_per_cpu_second"], item["ratio"])
        for framework in compare["frameworks"]
        for item in framework["measured"]
    )  # fmt: skip
    assert from_csv and from_csv == from_api
    runs = {path.stem for path in (ROOT / "data/benchmarks").glob("*.yml")}
    assert {row["run"] for row in rows(files, "benchmarks")} == runs, "every run, not only the latest"


def test_release_rows_equal_the_release_files(files: dict[str, str]) -> None:
    from_csv: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows(files, "releases"):
        from_csv[row["framework"]].append((row["version"], row["date"]))
    for path in sorted((ROOT / "data/releases").glob("*.yml")):
        written = yaml.safe_load(path.read_text(encoding="utf-8"))["releases"]
        assert from_csv[path.stem] == [(item["version"], str(item["date"])) for item in written], path.stem


def parses(value: str, kind: str) -> bool:
    if kind == "integer":
        return re.fullmatch(r"[0-9]+", value) is not None
    if kind == "number":
        return re.fullmatch(r"[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?", value) is not None
    if kind == "date":
        return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None and bool(dt.date.fromisoformat(value))
    return not value.startswith(FORMULA_STARTS)


def test_every_csv_matches_its_schema_and_its_primary_key_is_unique(files: dict[str, str]) -> None:
    package = json.loads(files[addresses.api_datapackage()])
    folder = posixpath.dirname(addresses.api_datapackage())
    assert [resource["name"] for resource in package["resources"]] == [table.name for table in TABLES]
    for resource in package["resources"]:
        content = files[posixpath.join(folder, resource["path"])]
        header, *body = list(csv.reader(io.StringIO(content, newline="")))
        fields = resource["schema"]["fields"]
        assert header == [field["name"] for field in fields], resource["name"]
        assert body, f"{resource['name']} has rows"
        for line in body:
            for value, field in zip(line, fields, strict=True):
                assert value == "" or parses(value, field["type"]), (resource["name"], field["name"], value)
        key = [header.index(name) for name in resource["schema"]["primaryKey"]]
        keys = [tuple(line[index] for index in key) for line in body]
        assert all(all(part for part in found) for found in keys), resource["name"]
        assert len(set(keys)) == len(keys), f"{resource['name']}: duplicate primary key"


def test_the_data_package_names_the_licence_sources_and_build(files: dict[str, str]) -> None:
    package = json.loads(files[addresses.api_datapackage()])
    assert package["homepage"] == SITE_URL and package["version"] == TODAY.isoformat()
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": licences.DATA.url, "title": licences.DATA.name}]
    assert [source["title"] for source in package["sources"]] == [item.name for item in licences.THIRD_PARTY]
    for source, item in zip(package["sources"], licences.THIRD_PARTY, strict=True):
        named = [licence.get("name") for licence in source.get("licenses", [])]
        assert named == ([item.licence.spdx] if item.licence.url else []), item.name
        assert item.licence.url or item.licence.name in source["description"], item.name


def test_the_data_package_validates(files: dict[str, str], tmp_path: Path) -> None:
    for path, content in files.items():
        if path == addresses.api_datapackage() or path.endswith(".csv"):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_text(content, encoding="utf-8", newline="")
    report = Package(str(tmp_path / addresses.api_datapackage())).validate()
    problems = [(task.name, task.flatten(["rowNumber", "fieldName", "type", "note"])[:5]) for task in report.tasks]
    assert report.valid, [problem for problem in problems if problem[1]] or report.errors


def test_a_duplicate_key_or_a_mistyped_value_fails_validation(files: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / addresses.api_datapackage()
    path.parent.mkdir(parents=True)
    path.write_text(files[addresses.api_datapackage()], encoding="utf-8")
    for table in TABLES:
        (tmp_path / table.path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / table.path).write_text(files[table.path], encoding="utf-8", newline="")
    frameworks = tmp_path / addresses.api_csv("frameworks")
    header, first, *_ = frameworks.read_text(encoding="utf-8").splitlines(keepends=True)
    frameworks.write_text(header + first + first, encoding="utf-8", newline="")
    metrics = tmp_path / addresses.api_csv("metrics")
    lines = metrics.read_text(encoding="utf-8").splitlines(keepends=True)
    metrics.write_text(lines[0] + re.sub(r",[0-9]+,", ",many,", lines[1], count=1), encoding="utf-8", newline="")
    errors = {error_type for [error_type] in Package(str(path)).validate().flatten(["type"])}
    assert {"primary-key", "type-error"} <= errors, errors


def test_formula_cells_are_quoted_and_numbers_stay_numbers() -> None:
    columns = (Column("a", "string", "A."), Column("n", "number", "N."))
    table = Table("t", "T", "A table.", columns, ("a",), lambda dataset, records: iter(()))
    values = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", "a=b", ""]
    written = csv_text(table, [(value, 2.5) for value in values] + [(None, 3)])
    _, *body = list(csv.reader(io.StringIO(written, newline="")))
    assert [row[0] for row in body] == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "plain", "a=b", "", ""]
    assert [row[1] for row in body] == ["2.5"] * len(values) + ["3"]


def test_the_api_page_links_every_file_of_the_data_package(site_dir: Path) -> None:
    page = site_dir / "api/index.html"
    links = {link["href"] for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("a")}
    wanted = [addresses.api_datapackage()] + [table.path for table in TABLES]
    for path in wanted:
        [link] = [link for link in links if link.endswith(path)]
        assert (page.parent / link).resolve() == (site_dir / path).resolve() and (site_dir / path).is_file(), path
