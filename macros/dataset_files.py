"""The dataset as CSV files, one concept each, and a Frictionless data package describing them.

Rows about frameworks are read from the API's own records (`macros.api.framework_record`), so
the CSVs and the JSON API cannot disagree; releases, history points and benchmark results,
which the API does not carry whole, come from the loaded dataset. Each table's columns are
stated once, in `TABLES`: the CSV header and the data package's Table Schema are both made
from them.

Spreadsheets read a cell starting with =, +, -, @, a tab or a carriage return as a formula, so
a text cell starting so gets a leading single quote. Numbers are written as numbers (none is
negative).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import posixpath
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from macros import addresses, licences
from macros.api import FrameworkRecord, dump, framework_record
from macros.benchmarks import SampleName, Spread
from macros.inputs import EVERYTHING, FILES_ONLY, Reuse, made_afresh
from macros.model import Dataset, Framework
from macros.vocabulary import INTERFACES, KINDS, LEVELS

NAME = "python-web-frameworks-compared"
TITLE = "Python web frameworks compared"
DESCRIPTION = (
    "Sourced and dated facts comparing Python web frameworks: identity and releases, feature support "
    "levels, criteria with their cited claims, community figures and their history, release histories "
    "and measured benchmark results. Every fact carries the URL of its source and the date it was checked."
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "

FieldType = Literal["string", "integer", "number", "date"]
Cell = str | int | float | dt.date | None
Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Column:
    name: str
    type: FieldType
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Dataset, list[FrameworkRecord]], Iterator[Row]]
    # What its rows read: the records given ("framework", one framework's rows from its record),
    # every framework's files but no fact sheet ("files"), or the measured runs ("runs").
    reads: Literal["framework", "files", "runs"] = "framework"

    @property
    def path(self) -> str:
        return addresses.api_csv(self.name)


def _text(name: str, description: str) -> Column:
    return Column(name, "string", description)


def _cited(prefix: str, what: str) -> tuple[Column, ...]:
    """The source and check date of a fact, as two columns."""
    return (
        _text(f"{prefix}source", f"URL of the primary source of {what}."),
        Column(f"{prefix}as_of", "date", f"The day the source of {what} was checked."),
    )


def _joined(values: Sequence[str] | str | None) -> str | None:
    if values is None or isinstance(values, str):
        return values
    return LIST_SEPARATOR.join(values)


def _median(spread: Spread | None) -> float | None:
    return spread.median if spread else None


FRAMEWORK = _text("framework", "The framework's slug (frameworks.csv).")


def _framework_rows(dataset: Dataset, records: list[FrameworkRecord]) -> Iterator[Row]:
    for fw in records:
        latest, first = fw.latest_release, fw.first_release
        yield (
            *(fw.slug, fw.name, fw.tagline, fw.kind, fw.homepage, fw.documentation, fw.repository, fw.pypi),
            *(_joined(fw.license.value), fw.license.source, fw.license.as_of),
            *(_joined(fw.python.value), fw.python.source, fw.python.as_of),
            *(_joined(fw.interfaces.value), fw.interfaces.source, fw.interfaces.as_of),
            *(latest.version, latest.date, latest.source, latest.as_of),
            *(first.version, first.date, first.source, first.as_of),
        )


def _feature_rows(dataset: Dataset, records: list[FrameworkRecord]) -> Iterator[Row]:
    names = {feature.id: feature.name for feature in dataset.features}
    for fw in records:
        for key, item in fw.features.items():
            packages = _joined(item.packages)
            yield (
                fw.slug,
                key,
                names[key],
                item.level,
                item.since,
                item.missing,
                packages,
                item.note,
                item.source,
                item.as_of,
            )


def _claim_rows(dataset: Dataset, records: list[FrameworkRecord]) -> Iterator[Row]:
    for fw in records:
        for key, item in fw.criteria.items():
            for number, claim in enumerate(item.claims, start=1):
                yield (fw.slug, key, number, item.summary, claim.text, claim.since, claim.source, claim.as_of)


def _metric_rows(dataset: Dataset, records: list[FrameworkRecord]) -> Iterator[Row]:
    for fw in records:
        for key, item in fw.metrics.items():
            yield (fw.slug, key, item.value, item.method, item.source, item.as_of)


def _history_rows(dataset: Dataset, records: list[FrameworkRecord]) -> Iterator[Row]:
    for series in dataset.history:
        for point in series.points:
            yield (series.framework, series.metric, series.label, series.source, point.date, point.value)


def _release_rows(dataset: Dataset, records: list[FrameworkRecord]) -> Iterator[Row]:
    for history in dataset.releases:
        for release in history.releases:
            classifiers = _joined(release.classifiers)
            yield (
                history.framework,
                release.version,
                release.date,
                release.requires_python,
                classifiers,
                history.source,
                history.as_of,
            )


def _benchmark_rows(dataset: Dataset, records: list[FrameworkRecord]) -> Iterator[Row]:
    for run in dataset.benchmarks:
        for result in run.results:
            baseline = run.baseline_of(result)
            yield (
                *(run.date, result.framework, result.framework_version, result.sample, result.server),
                *(result.requests_per_second.median, result.requests_per_cpu_second.median, result.ratio.median),
                *(result.baseline, result.baseline_server, baseline.requests_per_cpu_second.median),
                *(result.cpu_share, result.latency_ms.p50, result.latency_ms.p99),
                *(_median(result.startup_ms), _median(result.memory_idle_mib), _median(result.memory_end_mib)),
                len(result.runs),
            )


TABLES: tuple[Table, ...] = (
    Table(
        "frameworks",
        "Frameworks",
        "One row per framework: identity, licence, Python versions, server interfaces and releases.",
        (
            _text("slug", "The framework's id, used by every other table."),
            _text("name", "The framework's name."),
            _text("tagline", "What it is, in one line."),
            _text("kind", f"One of: {', '.join(KINDS)}."),
            _text("homepage", "The project's home page."),
            _text("documentation", "The project's documentation."),
            _text("repository", "The project's source repository."),
            _text("pypi", "The package's name on PyPI."),
            _text("licence", "The framework's licence."),
            *_cited("licence_", "the licence"),
            _text("python", "The Python versions its latest release supports."),
            *_cited("python_", "the Python versions"),
            _text(
                "interfaces",
                f"The server interfaces it speaks ({', '.join(INTERFACES)}), separated by '{LIST_SEPARATOR}'.",
            ),
            *_cited("interfaces_", "the interfaces"),
            _text("latest_version", "The latest release."),
            Column("latest_date", "date", "The day the latest release was published."),
            *_cited("latest_", "the latest release"),
            _text("first_version", "The first public release."),
            Column("first_date", "date", "The day the first public release was published."),
            *_cited("first_", "the first release"),
        ),
        ("slug",),
        _framework_rows,
    ),
    Table(
        "features",
        "Feature support",
        "How each framework supports each feature of the catalogue.",
        (
            FRAMEWORK,
            _text("feature", "The feature's id."),
            _text("feature_name", "The feature's name."),
            _text("level", f"One of: {', '.join(LEVELS)} (their meanings are in {addresses.api_index()})."),
            _text("since", "The framework version that added it, when recent."),
            _text("missing", "For level partial: what is missing."),
            _text("packages", f"Packages that provide it, separated by '{LIST_SEPARATOR}'."),
            _text("note", "Nuance."),
            *_cited("", "the level (empty for level unknown)"),
        ),
        ("framework", "feature"),
        _feature_rows,
    ),
    Table(
        "claims",
        "Criteria claims",
        "The sourced claims behind each framework's verdict on each criterion, with the verdict.",
        (
            FRAMEWORK,
            _text("criterion", "The criterion's id."),
            Column("claim", "integer", "The claim's number: the summary cites claims by it, e.g. [1, 2]."),
            _text("summary", "The verdict on the criterion (repeated on each of its claims)."),
            _text("text", "The claim."),
            _text("since", "The framework version from which the claim holds."),
            *_cited("", "the claim"),
        ),
        ("framework", "criterion", "claim"),
        _claim_rows,
    ),
    Table(
        "metrics",
        "Figures",
        "Each framework's current community and project figures, with how each was obtained.",
        (
            FRAMEWORK,
            _text("metric", "The metric's id."),
            Column("value", "integer", "The figure."),
            _text("method", "How the figure was obtained."),
            *_cited("", "the figure"),
        ),
        ("framework", "metric"),
        _metric_rows,
    ),
    Table(
        "history",
        "Figures over time",
        "Community figures over time: one series per source and method, one row per point.",
        (
            FRAMEWORK,
            _text("metric", "The metric's id."),
            _text("series", "The series' label: its source and method."),
            _text("source", "Where the values were read, pinned to a commit, or the live API."),
            Column("date", "date", "The day of the point."),
            Column("value", "integer", "The figure on that day."),
        ),
        ("framework", "metric", "source", "date"),
        _history_rows,
        "files",
    ),
    Table(
        "releases",
        "Releases",
        "Each framework's final releases, from the package index.",
        (
            FRAMEWORK,
            _text("version", "The release."),
            Column("date", "date", "The day it was published."),
            _text("requires_python", "The Python versions it declares (Requires-Python)."),
            _text(
                "classifiers",
                f"The Python versions its classifiers name, separated by '{LIST_SEPARATOR}' (given for the latest "
                "release of a series).",
            ),
            *_cited("", "the release history"),
        ),
        ("framework", "version"),
        _release_rows,
        "files",
    ),
    Table(
        "benchmarks",
        "Benchmark results",
        "Every result of every benchmark run: medians over the run's rounds (see the performance page for the method).",
        (
            Column("run", "date", "The run's date."),
            FRAMEWORK,
            _text("framework_version", "The version measured."),
            _text("sample", f"One of: {', '.join(get_args(SampleName))}."),
            _text("server", "The server's id."),
            Column("requests_per_second", "number", "Requests answered per second of wall-clock time."),
            Column("requests_per_cpu_second", "number", "Requests answered per second of the server's CPU time."),
            Column("ratio", "number", "Requests per CPU second as a share of the baseline's, in the same rounds."),
            _text("baseline", "The bare application (no framework) it is compared with."),
            _text("baseline_server", "The server the baseline ran on."),
            Column("baseline_requests_per_cpu_second", "number", "The baseline's requests per CPU second."),
            Column("cpu_share", "number", "The server's CPU time per second of load: 1 is one full core."),
            Column("latency_p50_ms", "number", "50th percentile latency, in milliseconds."),
            Column("latency_p99_ms", "number", "99th percentile latency, in milliseconds."),
            Column("startup_ms", "number", "From starting the server to its first good answer, in milliseconds."),
            Column("memory_idle_mib", "number", "The worker's resident memory after start-up, in MiB."),
            Column("memory_end_mib", "number", "The worker's resident memory after the run, in MiB."),
            Column("rounds", "integer", "How many rounds the medians are of."),
        ),
        ("run", "framework", "sample", "server"),
        _benchmark_rows,
        "runs",
    ),
)


def neutralised(value: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralised(value)
    return value


def csv_text(table: Table, rows: Iterable[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.name for column in table.columns])
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue()


def _licence(licence: licences.Licence) -> list[dict[str, str]]:
    return [{"name": licence.spdx, "path": licence.url, "title": licence.name}] if licence.url else []


def _source(item: licences.ThirdPartyData) -> dict[str, Any]:
    terms = "" if item.licence.url else f" ({item.licence.name}: republished with attribution)"
    source: dict[str, Any] = {
        "title": item.name,
        "path": item.url,
        "description": f"{item.used_in}. Attribution: {item.attribution}{terms}.",
    }
    if licence := _licence(item.licence):
        source["licenses"] = licence
    return source


def _resource(table: Table) -> dict[str, Any]:
    return {
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "path": posixpath.relpath(table.path, posixpath.dirname(addresses.api_datapackage())),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [
                {"name": column.name, "type": column.type, "description": column.description}
                for column in table.columns
            ],
            "primaryKey": list(table.primary_key),
        },
    }


def data_package(site_url: str, today: dt.date) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the CSV files (datapackage.json)."""
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "homepage": site_url,
        "version": today.isoformat(),
        "licenses": _licence(licences.DATA),
        "sources": [_source(item) for item in licences.THIRD_PARTY],
        "resources": [_resource(table) for table in TABLES],
    }


def dataset_files(dataset: Dataset, site_url: str, today: dt.date, reuse: Reuse = made_afresh) -> dict[str, str]:
    """The CSV files and their data package, by site path. A table of framework records is made
    of each framework's rows (each from that framework's files alone); the others read every
    framework's files but no fact sheet (history, releases) or only the shared runs."""
    files = {}
    for table in TABLES:
        if table.reads == "framework":
            chunks = [
                reuse(("csv", table.name, fw.slug), fw.slug, functools.partial(_framework_chunk, table, dataset, fw))
                for fw in dataset.frameworks
            ]
            files[table.path] = csv_text(table, []) + "".join(chunks)
        else:
            reads = FILES_ONLY if table.reads == "files" else EVERYTHING
            files[table.path] = reuse(("csv", table.name), reads, functools.partial(_whole, table, dataset))
    files[addresses.api_datapackage()] = dump(data_package(site_url, today))
    return files


def _whole(table: Table, dataset: Dataset) -> str:
    return csv_text(table, table.rows(dataset, []))


def _framework_chunk(table: Table, dataset: Dataset, framework: Framework) -> str:
    """A framework's rows of a table of framework records, as CSV without the header."""
    return csv_text(table, table.rows(dataset, [framework_record(framework)])).partition("\r\n")[2]
