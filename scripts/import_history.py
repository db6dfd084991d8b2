"""Fill data/history/ from dated public datasets (a one-off import; refresh_figures.py adds to it).

Reads local clones (bare or mirror) of the repositories that recorded the figures, as listed in
the team's community-sources notes, and writes one history file per metric and framework with
one series per source and method. Every value is copied from a file of those repositories, at a
commit named in the series' `source`; the `method` of each series says how its points were
picked (about one a month, so charts stay small).

Usage:
  python -m scripts.import_history --best-of GIT_DIR --repostory GIT_DIR \\
      --web-framework-rank GIT_DIR --top-pypi-packages GIT_DIR [--print-latest]

  GIT_DIR: clones of ml-tooling/best-of-web-python, 0x0w1/repostory, tbicr/web-framework-rank
  and hugovk/top-pypi-packages. With --print-latest, also prints the newest value of each
  series (the figures the fact sheets cite).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from macros.collections import load_dataset
from macros.history import HISTORY_DIR, Point, SeriesEntry, dump_history
from macros.model import ROOT, Framework

# How each dataset names a framework (its PyPI package, its file in repostory, its name in
# web-framework-rank, its Stack Overflow tag) is stated in its fact sheet, under `tracking`.
FRAMEWORKS: list[Framework] = []  # the sheets' frameworks, read by main()


def packages() -> dict[str, str]:
    """Framework slug by lower-cased PyPI package name."""
    return {framework.pypi.lower(): framework.slug for framework in FRAMEWORKS}


def whole_number(text: str) -> int | None:
    """A count as a dataset's CSV writes it ('1234', '1234.0'), or None for '', 'nan' or 'inf'."""
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if math.isfinite(value) and 0 <= value <= 10**12 else None


DOWNLOAD_CAVEAT = "Downloads count CI runs, mirrors' and dependency installs, not users."


def git(git_dir: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True, text=True).stdout


def head(git_dir: str) -> str:
    return git(git_dir, "rev-parse", "HEAD").strip()


def monthly(points: list[tuple[dt.date, int]], last: bool = True) -> list[Point]:
    """One point per calendar month: the last (or first) of the month, in date order."""
    chosen: dict[tuple[int, int], tuple[dt.date, int]] = {}
    for date, value in sorted(points):
        key = (date.year, date.month)
        if last or key not in chosen:
            chosen[key] = (date, value)
    return [Point(date=date, value=value) for date, value in sorted(chosen.values())]


# ---------------------------------------------------------------------------
# ml-tooling/best-of-web-python: history/<date>_projects.csv, about weekly


def best_of(git_dir: str) -> dict[str, dict[str, list[tuple[dt.date, int]]]]:
    """{slug: {"stars": [(date, value)], "downloads": [...]}} from every history file."""
    slugs = packages()
    found: dict[str, dict[str, list[tuple[dt.date, int]]]] = {
        slug: {"stars": [], "downloads": []} for slug in slugs.values()
    }
    for line in git(git_dir, "ls-tree", "HEAD", "history/").splitlines():
        path = line.split("\t")[1]
        match = re.fullmatch(r"history/(\d{4}-\d{2}-\d{2})_projects\.csv", path)
        if not match:
            continue
        date = dt.date.fromisoformat(match.group(1))
        for row in csv.DictReader(io.StringIO(git(git_dir, "show", f"HEAD:{path}"))):
            slug = slugs.get((row.get("pypi_id") or "").lower())
            if slug is None:
                continue
            for key, column in (("stars", "star_count"), ("downloads", "pypi_monthly_downloads")):
                value = whole_number(row.get(column) or "")
                if value is not None:
                    found[slug][key].append((date, value))
    return found


# ---------------------------------------------------------------------------
# 0x0w1/repostory: repo_data/<owner>_<repo>.json, daily


def repostory_by_starring_date(data: dict, before: dt.date) -> list[tuple[dt.date, int]]:
    """Running total of stars_by_date at the end of each month before `before`."""
    total, points = 0, []
    by_month: dict[tuple[int, int], int] = {}
    for day, change in sorted(data["stars_by_date"].items()):
        date = dt.date.fromisoformat(day)
        if date >= before:
            break
        total += change
        by_month[(date.year, date.month)] = total
    if not by_month:
        return []
    year, month = min(by_month)
    running = 0
    while (year, month) < (before.year, before.month):
        running = by_month.get((year, month), running)
        next_month = dt.date(year + month // 12, month % 12 + 1, 1)
        points.append((next_month - dt.timedelta(days=1), running))
        year, month = next_month.year, next_month.month
    return points


def repostory_daily(git_dir: str, path: str, since: dt.date) -> list[tuple[dt.date, int]]:
    """(fetched_at date, total_stars) of every version of the file committed since `since`."""
    points = []
    for line in git(git_dir, "log", "--format=%H %cs", f"--since={since}", "--", path).splitlines():
        commit, _ = line.split()
        data = json.loads(git(git_dir, "show", f"{commit}:{path}"))
        points.append((dt.date.fromisoformat(data["fetched_at"][:10]), int(data["total_stars"])))
    return points


# ---------------------------------------------------------------------------
# tbicr/web-framework-rank: data.csv, one row per framework and week


def web_framework_rank(git_dir: str) -> dict[str, list[tuple[dt.date, int]]]:
    by_name = {
        framework.tracking.web_framework_rank_name: framework.slug
        for framework in FRAMEWORKS
        if framework.tracking.web_framework_rank_name
    }
    found: dict[str, list[tuple[dt.date, int]]] = {slug: [] for slug in by_name.values()}
    for row in csv.DictReader(io.StringIO(git(git_dir, "show", "HEAD:data.csv"))):
        if row["name"] in by_name:
            date = dt.date.fromisoformat(row["collected_at"][:10])
            value = whole_number(row["stackoverflow_questions"])
            if value is not None:
                found[by_name[row["name"]]].append((date, value))
    return found


# ---------------------------------------------------------------------------
# hugovk/top-pypi-packages: one file per month, the method read from generate.sh at that commit


def top_pypi_packages(git_dir: str) -> Iterator[tuple[str, str, dt.date, str, dict[str, int]]]:
    """(file, commit, date, method key, {slug: downloads}) for every monthly version."""
    seen: set[str] = set()
    for path in ("top-pypi-packages.json", "top-pypi-packages-30-days.json"):
        for line in git(git_dir, "log", "--format=%H %cs", "--", path).splitlines():
            commit, committed = line.split()
            if commit in seen:
                continue
            # Until 2025-02 the monthly file was top-pypi-packages-30-days.json; from 2025-03 it is
            # top-pypi-packages.json (the -30-days file a copy; the 2018 top-pypi-packages.json another list).
            if (path.endswith("-30-days.json")) != (committed < "2025-03-01"):
                continue
            seen.add(commit)
            data = json.loads(git(git_dir, "show", f"{commit}:{path}"))
            rows = data["rows"] if isinstance(data, dict) else data
            updated = data.get("last_update", committed)[:10] if isinstance(data, dict) else committed
            counts = {row["project"].lower(): int(row["download_count"]) for row in rows}
            if isinstance(data, dict) and data.get("source") == "ClickHouse":
                key = "clickhouse"
            else:
                key = bigquery_method(git(git_dir, "show", f"{commit}:generate.sh"))
            yield (
                path,
                commit,
                dt.date.fromisoformat(updated),
                key,
                {slug: counts[package] for package, slug in packages().items() if package in counts},
            )


def bigquery_method(script: str) -> str:
    """'bigquery-<days>-<all|pip>' from the pypinfo command that wrote the file."""
    command = next(line for line in script.splitlines() if "pypinfo" in line and "--days" in line and ">" in line)
    days = re.search(r"--days\s+(\d+|\$days)", command).group(1)  # type: ignore[union-attr]
    if days == "$days":
        days = re.search(r"^days=(\d+)", script, re.MULTILINE).group(1)  # type: ignore[union-attr]
    return f"bigquery-{days}-{'all' if '--all' in command else 'pip'}"


TOP_PYPI_METHODS = {
    "bigquery-30-pip": (
        "30 days, pip only",
        "BigQuery PyPI downloads by pip only (pypinfo without --all) in the 30 days before the file's "
        "last_update, per generate.sh at each commit; the BigQuery table and pypinfo version are not recorded.",
        None,
    ),
    "bigquery-30-all": (
        "30 days, all",
        "BigQuery PyPI downloads by every installer (pypinfo --all) in the 30 days before last_update.",
        "pypinfo --all from 2024-11: every installer is counted, no longer only pip.",
    ),
    "bigquery-29-all": (
        "29 days, all",
        "BigQuery PyPI downloads by every installer (pypinfo --all) in the 29 days before last_update.",
        "The window shrank from 30 to 29 days to stay within the BigQuery quota.",
    ),
    "bigquery-28-all": (
        "28 days, all",
        "BigQuery PyPI downloads by every installer (pypinfo --all) in the 28 days before last_update.",
        "The window shrank to 28 days to stay within the BigQuery quota.",
    ),
    "bigquery-27-all": (
        "27 days, all",
        "BigQuery PyPI downloads by every installer (pypinfo --all) in the 27 days before last_update.",
        "The window shrank to 27 days to stay within the BigQuery quota.",
    ),
    "bigquery-24-all": (
        "24 days, all",
        "BigQuery PyPI downloads by every installer (pypinfo --all) in the 24 days before last_update.",
        "The window shrank to 24 days to stay within the BigQuery quota.",
    ),
    "bigquery-22-all": (
        "22 days, all",
        "BigQuery PyPI downloads by every installer (pypinfo --all) in the 22 days before last_update.",
        "The window shrank to 22 days to stay within the BigQuery quota.",
    ),
    "clickhouse": (
        "ClickHouse month",
        "ClickHouse pypi.pypi_downloads_per_month: downloads in the calendar month before the file's "
        "last_update (clickhouse.py), dated by last_update.",
        "From 2025-07 the file comes from ClickHouse's calendar months instead of BigQuery's trailing days.",
    ),
}


# ---------------------------------------------------------------------------


def build(args: argparse.Namespace) -> dict[tuple[str, str], list[SeriesEntry]]:
    history: dict[tuple[str, str], list[SeriesEntry]] = {}
    best_of_commit = head(args.best_of)
    best = best_of(args.best_of)
    best_of_source = f"https://github.com/ml-tooling/best-of-web-python/tree/{best_of_commit}/history"
    for framework in FRAMEWORKS:
        slug = framework.slug
        # A framework best-of-web-python does not list (or lists under another package) has no series.
        if best[slug]["stars"] and not framework.tracking.best_of_stars_left_out:
            history.setdefault(("github-stars", slug), []).append(
                SeriesEntry(
                    label="best-of-web-python",
                    source=best_of_source,
                    method=(
                        "star_count of history/<date>_projects.csv, written by best-of-generator from GitHub "
                        "GraphQL stargazers.totalCount (or libraries.io's count when larger); one point a "
                        "month, the last file of the month with a value, dated by its name. No files from "
                        "2024-06-07 to 2025-07-16."
                    ),
                    points=monthly(best[slug]["stars"]),
                )
            )
        if not best[slug]["downloads"]:
            continue
        history.setdefault(("pypi-downloads-month", slug), []).append(
            SeriesEntry(
                label="best-of-web-python",
                source=best_of_source,
                method=(
                    "pypi_monthly_downloads of history/<date>_projects.csv: pypistats.org recent last_month, "
                    "downloads in the last 30 days without mirrors; one point a month, the last file of the "
                    f"month with a value, dated by its name. No files from 2024-06-07 to 2025-07-16. {DOWNLOAD_CAVEAT}"
                ),
                points=monthly(best[slug]["downloads"]),
            )
        )

    repostory_commit = head(args.repostory)
    switch = dt.date(2025, 8, 1)
    for framework in FRAMEWORKS:
        slug, name = framework.slug, framework.tracking.repostory_file
        if name is None:
            continue
        path = f"repo_data/{name}.json"
        data = json.loads(git(args.repostory, "show", f"HEAD:{path}"))
        history.setdefault(("github-stars", slug), []).extend(
            [
                SeriesEntry(
                    label="repostory, by starring date",
                    source=f"https://github.com/0x0w1/repostory/blob/{repostory_commit}/{path}",
                    method=(
                        "Running sum of stars_by_date to the last day of each month before 2025-08: those "
                        "entries are the starredAt dates of the stargazers GitHub GraphQL listed when the file "
                        "was made (2025-08-05 to 2025-08-09), so earlier stargazers who left are missing and "
                        "older values are lower bounds."
                    ),
                    points=[Point(date=d, value=v) for d, v in repostory_by_starring_date(data, switch)],
                ),
                SeriesEntry(
                    label="repostory, daily count",
                    source=f"https://github.com/0x0w1/repostory/commits/{repostory_commit}/{path}",
                    method=(
                        "total_stars (GitHub REST stargazers_count, read daily by python/fetcher.py) of the "
                        "last version of the file committed in each month from 2025-08, dated by its "
                        "fetched_at."
                    ),
                    break_=(
                        "From 2025-08 the file adds each day's change of GitHub's stargazers_count, no longer "
                        "stargazers by starring date."
                    ),
                    points=monthly(repostory_daily(args.repostory, path, dt.date(2025, 8, 10))),
                ),
            ]
        )

    rank_commit = head(args.web_framework_rank)
    by_slug = {framework.slug: framework for framework in FRAMEWORKS}
    for slug, points in web_framework_rank(args.web_framework_rank).items():
        stackoverflow = by_slug[slug].tracking.stackoverflow
        if stackoverflow is None:
            continue
        tag = stackoverflow.tag
        ambiguous = (
            f" The tag [{tag}] is ambiguous: it also holds questions about other things called {tag}."
            if stackoverflow.ambiguous
            else ""
        )
        history[("stackoverflow-questions", slug)] = [
            SeriesEntry(
                label="web-framework-rank",
                source=f"https://github.com/tbicr/web-framework-rank/blob/{rank_commit}/data.csv",
                method=(
                    f"stackoverflow_questions of data.csv: Stack Exchange API tags/{tag}/info count, the "
                    f"questions carrying the tag [{tag}]; one point a month, the last weekly row of the month, "
                    f"dated by collected_at.{ambiguous}"
                ),
                points=monthly(points),
            )
        ]

    top_commit = head(args.top_pypi_packages)
    runs: dict[str, list[tuple[str, str, list[tuple[dt.date, int]]]]] = {slug: [] for slug in packages().values()}
    for path, _commit, date, key, counts in sorted(top_pypi_packages(args.top_pypi_packages), key=lambda r: r[2]):
        for slug, value in counts.items():
            series = runs[slug]
            if not series or series[-1][0] != key:
                series.append((key, path, []))
            series[-1][2].append((date, value))
    for slug, series_list in runs.items():
        for index, (key, path, points) in enumerate(series_list):
            label, method, why = TOP_PYPI_METHODS[key]
            history.setdefault(("pypi-downloads-month", slug), []).append(
                SeriesEntry(
                    label=f"top-pypi-packages, {label}",
                    source=f"https://github.com/hugovk/top-pypi-packages/commits/{top_commit}/{path}",
                    method=(
                        f"{method} One point a month from the file's versions, dated by last_update (in 2018, "
                        f"the commit date). {DOWNLOAD_CAVEAT}"
                    ),
                    break_=why if index else None,
                    points=monthly(points),
                )
            )
    return history


TITLES = {
    "github-stars": "GitHub stars",
    "stackoverflow-questions": "Stack Overflow questions",
    "pypi-downloads-month": "PyPI downloads in the last month",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("--best-of", "--repostory", "--web-framework-rank", "--top-pypi-packages"):
        parser.add_argument(name, required=True, metavar="GIT_DIR")
    parser.add_argument("--print-latest", action="store_true")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    FRAMEWORKS[:] = load_dataset(args.root, coverage=False).frameworks
    names = {framework.slug: framework.name for framework in FRAMEWORKS}
    for (metric, slug), entries in sorted(build(args).items()):
        entries = [entry for entry in entries if entry.points]
        path = args.root / HISTORY_DIR / metric / f"{slug}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_history(entries, f"{TITLES[metric]} of {names[slug]}"), encoding="utf-8")
        if args.print_latest:
            for entry in entries:
                print(f"{metric:24} {slug:10} {entry.points[-1].date} {entry.points[-1].value:>12}  {entry.label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
