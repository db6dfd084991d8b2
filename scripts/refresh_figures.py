"""Refresh the community figures and latest releases of every fact sheet from live APIs.

For each framework it reads:
  GitHub REST API     GET https://api.github.com/repos/{owner}/{repo}      stargazers_count
  Stack Exchange API  GET https://api.stackexchange.com/2.3/tags/{tag}/info?site=stackoverflow   items[0].count
  pypistats.org API   GET https://pypistats.org/api/packages/{package}/recent   data.last_month
  PyPI JSON API       GET https://pypi.org/pypi/{package}/json   info.version, upload time of its files

and writes, with today's date (UTC) as `as_of` and the method stated:
- github-stars, stackoverflow-questions and pypi-downloads-month into the sheet's `metrics:`
  block (only those entries' lines change; the other metrics and all comments stay as written);
- `latest_release` when PyPI's latest version differs from the sheet's (version, upload date,
  the PyPI release page as source);
- a point in data/history/<metric>/<slug>.yml, in the series with the same source and method, when
  that series has no point in the current month yet (series stay monthly); a new series, marked
  as a break when the same API was read another way before, when there is none.

A figure the APIs cannot give (network error, unknown tag) keeps its old value and is reported
on stderr. After writing, the whole of data/ is validated; on any problem every file is restored
and the script exits 1. Exit 2 when no figure at all could be read (no network).

Usage: python -m scripts.refresh_figures [--only SLUG ...] [--record DIR]
  --record DIR saves every response as DIR/<fixture_name(url)>, as in tests/fixtures/refresh/.
Environment: GITHUB_TOKEN, when set, is sent to the GitHub API (higher rate limit; read-only use).
Standard library only: the tests run it on recorded responses by passing `fetch` to `refresh`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import re
import sys
import textwrap
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from pydantic import TypeAdapter, ValidationError

from macros.collections import load_dataset
from macros.fields import Version
from macros.history import HISTORY_DIR, Point, SeriesEntry, dump_history, origin, read_entries
from macros.model import ROOT, Dataset, Framework
from macros.problems import DataError

Fetch = Callable[[str, dict[str, str]], Any]

USER_AGENT = "python-web-frameworks-compared/refresh_figures.py (+https://github.com/)"
TIMEOUT_SECONDS = 30
VERSION = TypeAdapter(Version)


def fetch_json(url: str, headers: dict[str, str]) -> Any:
    """GET a JSON document (the Stack Exchange API always answers gzip-compressed)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip", **headers})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
    return json.loads(body)


def fixture_name(url: str) -> str:
    """The file a response is recorded in: the URL without scheme, every other character as '_'."""
    return re.sub(r"[^A-Za-z0-9.-]+", "_", url.removeprefix("https://")).strip("_") + ".json"


def recording(fetch: Fetch, directory: Path) -> Fetch:
    """`fetch` that also saves every response under `directory` (to re-record the test fixtures)."""

    def record(url: str, headers: dict[str, str]) -> Any:
        data = fetch(url, headers)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / fixture_name(url)).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        return data

    return record


def replay(directory: Path) -> Fetch:
    """A `fetch` that answers from responses recorded by `recording`; unknown URLs fail like the network."""

    def answer(url: str, headers: dict[str, str]) -> Any:
        path = directory / fixture_name(url)
        if not path.is_file():
            raise OSError(f"no recorded response for {url} ({path.name})")
        return json.loads(path.read_text(encoding="utf-8"))

    return answer


@dataclass(frozen=True)
class Figure:
    metric: str
    value: int
    method: str
    source: str  # the page a reader can open, cited in the sheet
    api: str  # the request that was read, cited by the history series
    label: str  # the history series' label


@dataclass(frozen=True)
class Release:
    version: str
    date: dt.date
    source: str


# ---------------------------------------------------------------------------
# Reading the APIs


def github_stars(framework: Framework, fetch: Fetch, token: str | None) -> Figure:
    parts = urlsplit(framework.repository)
    if parts.hostname != "github.com":
        raise LookupError(f"repository {framework.repository} is not on GitHub")
    owner, repo = parts.path.strip("/").split("/")[:2]
    api = f"https://api.github.com/repos/{owner}/{repo}"
    headers = {"Accept": "application/vnd.github+json", **({"Authorization": f"Bearer {token}"} if token else {})}
    data = fetch(api, headers)
    return Figure(
        "github-stars",
        _count(data.get("stargazers_count")),
        f"GitHub REST API GET /repos/{owner}/{repo}, field stargazers_count (the count the repository page "
        "shows), read by scripts/refresh_figures.py on the as-of date.",
        f"https://github.com/{owner}/{repo}",
        api,
        "GitHub API",
    )


def stackoverflow_questions(framework: Framework, fetch: Fetch) -> Figure:
    if framework.tracking.stackoverflow is None:
        raise LookupError("its sheet names no Stack Overflow tag (tracking.stackoverflow)")
    tag = framework.tracking.stackoverflow.tag
    api = f"https://api.stackexchange.com/2.3/tags/{quote(tag)}/info?site=stackoverflow"
    items = fetch(api, {}).get("items") or []
    if not items:
        raise LookupError(f"Stack Overflow has no tag [{tag}]")
    ambiguous = f" The tag is ambiguous: it also holds questions about other things called {tag}." * (
        framework.tracking.stackoverflow.ambiguous
    )
    return Figure(
        "stackoverflow-questions",
        _count(items[0].get("count")),
        f"Stack Exchange API 2.3 GET /tags/{tag}/info?site=stackoverflow, field count: the questions carrying "
        f"the tag [{tag}], read by scripts/refresh_figures.py on the as-of date.{ambiguous}",
        f"https://stackoverflow.com/questions/tagged/{quote(tag)}",
        api,
        "Stack Exchange API",
    )


def pypi_downloads(framework: Framework, fetch: Fetch) -> Figure:
    package = _normalise(framework.pypi)
    api = f"https://pypistats.org/api/packages/{package}/recent"
    data = fetch(api, {}).get("data") or {}
    return Figure(
        "pypi-downloads-month",
        _count(data.get("last_month")),
        f"pypistats.org API GET /api/packages/{package}/recent, field last_month: downloads of {package} in "
        "the 30 days before the as-of date, mirrors excluded, read by scripts/refresh_figures.py. Downloads "
        "count CI runs and installs as a dependency, not users.",
        f"https://pypistats.org/packages/{package}",
        api,
        "pypistats API",
    )


def latest_release(framework: Framework, fetch: Fetch) -> Release:
    package = _normalise(framework.pypi)
    data = fetch(f"https://pypi.org/pypi/{package}/json", {})
    version = str(data["info"]["version"])
    uploads = [item["upload_time_iso_8601"] for item in data.get("urls") or [] if item.get("upload_time_iso_8601")]
    try:
        VERSION.validate_python(version)
    except ValidationError:
        raise LookupError(
            f"PyPI's latest version {version!r} of {package} is not a version the sheets accept"
        ) from None
    if not uploads:
        raise LookupError(f"PyPI lists no files for {package} {version}")
    return Release(version, dt.date.fromisoformat(min(uploads)[:10]), f"https://pypi.org/project/{package}/{version}/")


MAX_COUNT = 10**12  # the sheets' and history's own limit


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
        raise LookupError(f"expected a count from 0 to {MAX_COUNT:,}, got {str(value)[:40]!r}")
    return value


def _normalise(package: str) -> str:
    return re.sub(r"[-_.]+", "-", package).lower()


# ---------------------------------------------------------------------------
# Writing fact sheets: targeted edits of the text, so comments and hand-written entries stay


def metric_lines(figure: Figure, as_of: dt.date) -> list[str]:
    method = textwrap.wrap(figure.method, width=94, break_long_words=False, break_on_hyphens=False)
    return [
        f"  {figure.metric}:\n",
        f"    value: {figure.value}\n",
        "    method: >-\n",
        *(f"      {line}\n" for line in method),
        f"    source: {json.dumps(figure.source)}\n",
        f"    as_of: {as_of.isoformat()}\n",
    ]


def _top_level(line: str) -> bool:
    return bool(line.strip()) and not line.startswith((" ", "\t", "#"))


def set_metric(text: str, figure: Figure, as_of: dt.date, order: list[str]) -> str:
    """The sheet's text with `metrics.<figure.metric>` replaced or inserted (in catalogue order)."""
    lines = text.splitlines(keepends=True)
    start = next((index for index, line in enumerate(lines) if re.match(r"metrics:\s*(\{\s*\})?\s*$", line)), None)
    if start is None:
        where = next((index for index, line in enumerate(lines) if line.startswith("use_cases:")), len(lines))
        lines[where:where] = ["metrics:\n"]
        start = where
    lines[start] = "metrics:\n"
    end = next((index for index in range(start + 1, len(lines)) if _top_level(lines[index])), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines before the next field stay outside the block
    entries = [index for index in range(start + 1, end) if re.match(r"  [a-z0-9-]+:", lines[index])]
    names = [re.match(r"  ([a-z0-9-]+):", lines[index]).group(1) for index in entries]  # type: ignore[union-attr]
    new = metric_lines(figure, as_of)
    if figure.metric in names:
        at = names.index(figure.metric)
        stop = entries[at + 1] if at + 1 < len(entries) else end
        lines[entries[at] : stop] = new
    else:
        rank = order.index(figure.metric) if figure.metric in order else len(order)
        later = [
            index
            for index, name in zip(entries, names, strict=True)
            if (order.index(name) if name in order else len(order)) > rank
        ]
        where = later[0] if later else end
        lines[where:where] = new
    return "".join(lines)


def set_latest_release(text: str, release: Release, as_of: dt.date) -> str:
    lines = text.splitlines(keepends=True)
    start = next(index for index, line in enumerate(lines) if line.startswith("latest_release:"))
    end = next((index for index in range(start + 1, len(lines)) if _top_level(lines[index])), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    lines[start:end] = [
        "latest_release:\n",
        f"  version: '{release.version}'\n",
        f"  date: {release.date.isoformat()}\n",
        f"  source: {json.dumps(release.source)}\n",
        f"  as_of: {as_of.isoformat()}\n",
    ]
    return "".join(lines)


# ---------------------------------------------------------------------------
# Writing history


def add_point(entries: list[SeriesEntry], figure: Figure, today: dt.date) -> list[SeriesEntry]:
    """The series with today's figure added: monthly, one series per source and method."""
    point = Point(date=today, value=figure.value)
    for index, entry in enumerate(entries):
        if entry.source == figure.api and entry.method == figure.method:
            last = entry.points[-1].date
            if (last.year, last.month) == (today.year, today.month) or last >= today:
                return entries  # this month already has its point
            entries[index] = entry.model_copy(update={"points": [*entry.points, point]})
            return entries
    earlier = [entry for entry in entries if origin(entry.source) == origin(figure.api)]
    if earlier and earlier[-1].points[-1].date >= today:
        return entries  # cannot start a new method before the old one's last point
    entry = SeriesEntry(
        label=figure.label,
        source=figure.api,
        method=figure.method,
        break_="The method changed from the previous series read from this API (see both methods)."
        if earlier
        else None,
        points=[point],
    )
    return [*entries, entry]


# ---------------------------------------------------------------------------


@dataclass
class Report:
    written: list[str]
    failures: list[str]
    figures: int


def refresh(root: Path, fetch: Fetch, today: dt.date, token: str | None = None, only: set[str] | None = None) -> Report:
    """Read the APIs for every framework (or those in `only`) and write sheets and history under root.

    Each framework's files are checked as soon as they are written; if they do not validate, or
    anything fails, that framework's files are put back as they were and the others go on.
    """
    dataset = load_dataset(root, coverage=False)
    written: list[str] = []
    failures: list[str] = []
    figures = 0
    for framework in dataset.frameworks:
        if only and framework.slug not in only:
            continue
        originals: dict[Path, str | None] = {}
        try:
            figures += _refresh_one(root, dataset, framework, fetch, today, token, originals, failures)
            _validate(root)
        except Exception as error:  # one framework's bad answer must not cost the others theirs
            _restore(originals)
            detail = str(error).splitlines()
            failures.append(f"{framework.slug}: nothing written: {type(error).__name__}: {' '.join(detail[:3])[:300]}")
            continue
        written += [path.relative_to(root).as_posix() for path in originals]
    return Report(sorted(written), failures, figures)


def _refresh_one(
    root: Path,
    dataset: Dataset,
    framework: Framework,
    fetch: Fetch,
    today: dt.date,
    token: str | None,
    originals: dict[Path, str | None],
    failures: list[str],
) -> int:
    """Write one framework's figures; returns how many were read. `originals` records what each
    written file held before (None: it did not exist)."""
    order = [metric.id for metric in dataset.metrics]
    names = {metric.id: metric.name for metric in dataset.metrics}

    def write(path: Path, text: str) -> None:
        if path not in originals:
            originals[path] = path.read_text(encoding="utf-8") if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    figures = 0
    sheet = root / "data" / "frameworks" / f"{framework.slug}.yml"
    text = sheet.read_text(encoding="utf-8")
    readers = (
        ("github-stars", lambda: github_stars(framework, fetch, token)),
        ("stackoverflow-questions", lambda: stackoverflow_questions(framework, fetch)),
        ("pypi-downloads-month", lambda: pypi_downloads(framework, fetch)),
    )
    for metric, read in readers:
        if metric not in order:
            continue
        try:
            figure = read()
        except Exception as error:  # any failure of one API keeps the old figure
            failures.append(f"{framework.slug}: {metric}: {type(error).__name__}: {error}")
            continue
        figures += 1
        text = set_metric(text, figure, today, order)
        history = root / HISTORY_DIR / metric / f"{framework.slug}.yml"
        entries = read_entries(history, root) if history.exists() else []
        updated = add_point(list(entries), figure, today)
        if updated != entries:
            write(history, dump_history(updated, f"{names[metric]} of {framework.name}"))
    try:
        release = latest_release(framework, fetch)
        figures += 1
        if release.version != framework.latest_release.version and release.date >= framework.latest_release.date:
            text = set_latest_release(text, release, today)
    except Exception as error:  # idem
        failures.append(f"{framework.slug}: latest_release: {type(error).__name__}: {error}")
    if text != sheet.read_text(encoding="utf-8"):
        write(sheet, text)
    return figures


def _restore(originals: dict[Path, str | None]) -> None:
    for path, original in originals.items():
        if original is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(original, encoding="utf-8")


def _validate(root: Path) -> None:
    """What the refresh wrote must load; what a framework still lacks is its contributor's to add."""
    load_dataset(root, coverage=False)


def main(argv: list[str] | None = None, fetch: Fetch = fetch_json, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="SLUG", help="refresh only these frameworks")
    parser.add_argument("--record", type=Path, metavar="DIR", help="also save every API response in DIR")
    args = parser.parse_args(argv)
    if args.record:
        fetch = recording(fetch, args.record)
    today = dt.datetime.now(dt.UTC).date()
    try:
        load_dataset(root, coverage=False)
    except DataError as error:
        print(f"refresh_figures.py: data/ must validate before a refresh:\n{error}", file=sys.stderr)
        return 1
    report = refresh(root, fetch, today, os.environ.get("GITHUB_TOKEN") or None, set(args.only or ()))
    for failure in report.failures:
        print(f"not refreshed: {failure}", file=sys.stderr)
    for path in report.written:
        print(f"wrote {path}")
    if not report.figures:
        print("refresh_figures.py: no figure could be read", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
