"""data/history/: the real series validate, and every bad input is reported at its file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.collections import load_dataset
from macros.history import MAX_FILE_BYTES, MAX_POINTS, Point, SeriesEntry, dump_history, load_history, origin
from macros.model import ROOT, load_catalogues
from macros.problems import Problem

SLUGS = sorted(path.stem for path in (ROOT / "data" / "frameworks").glob("*.yml"))
METRICS = load_catalogues(ROOT).metric_ids or []
SHA = "0123456789abcdef0123456789abcdef01234567"
SOURCE = f"https://github.com/example/stats/blob/{SHA}/data.csv"


def test_the_real_history_validates() -> None:
    series, problems = load_history(ROOT, SLUGS, METRICS)
    assert problems == []
    assert series, "data/history/ holds no series"
    covered = {(item.metric, item.framework) for item in series}
    for framework in load_dataset(ROOT).frameworks:  # a metric no dataset tracks says why instead
        for metric in ("github-stars", "pypi-downloads-month", "stackoverflow-questions"):
            tracked = metric not in framework.tracking.not_tracked
            assert ((metric, framework.slug) in covered) == tracked, f"{metric} history of {framework.slug}"
    for item in series:
        assert item.file == f"data/history/{item.metric}/{item.framework}.yml"
        assert len(item.points) <= MAX_POINTS


def test_series_come_back_with_what_they_measure(tmp_path: Path) -> None:
    write(tmp_path, "github-stars/alpha.yml", GOOD)
    series, problems = load_history(tmp_path, ["alpha"], ["github-stars"])
    assert problems == []
    [item] = series
    assert (item.metric, item.framework, item.file, item.line) == (
        "github-stars",
        "alpha",
        "data/history/github-stars/alpha.yml",
        2,
    )
    assert (item.label, item.source, item.break_note) == ("example stats", SOURCE, None)
    assert item.first == Point(date=dt.date(2024, 1, 31), value=10)
    assert item.last.value == 12


def test_no_history_folder_is_no_history(tmp_path: Path) -> None:
    assert load_history(tmp_path, ["alpha"], ["github-stars"]) == ([], [])


def test_dump_writes_what_the_loader_reads_back(tmp_path: Path) -> None:
    entries = [
        SeriesEntry(
            label="example stats",
            source=SOURCE,
            method="Counted: a long method text, " * 8,
            points=[Point(date=dt.date(2024, 1, 31), value=10), Point(date=dt.date(2024, 2, 29), value=12)],
        ),
        SeriesEntry(
            label="example stats, new",
            source=f"https://github.com/example/stats/commits/{SHA}/data.csv",
            method="Counted another way.",
            break_="The source changed its window: #1 and 'quotes' survive.",
            points=[Point(date=dt.date(2024, 3, 31), value=7)],
        ),
    ]
    text = dump_history(entries, "GitHub stars of Alpha")
    assert "&" not in text and "*" not in text, "no YAML anchors or aliases"
    assert "      - {date: 2024-01-31, value: 10}\n" in text
    write(tmp_path, "github-stars/alpha.yml", text)
    series, problems = load_history(tmp_path, ["alpha"], ["github-stars"])
    assert problems == []
    assert [item.method for item in series] == [entry.method.strip() for entry in entries]
    assert series[1].break_note == entries[1].break_


def test_origin_is_the_repository_or_the_endpoint() -> None:
    assert origin(SOURCE) == origin(f"https://github.com/Example/Stats/tree/{SHA}/history") == "github:example/stats"
    assert origin("https://api.github.com/repos/pallets/flask") == "api.github.com/repos/pallets/flask"
    assert origin("https://api.stackexchange.com/2.3/tags/flask/info?site=stackoverflow") == (
        "api.stackexchange.com/2.3/tags/flask/info"
    )


GOOD = f"""\
series:
  - label: example stats
    source: {SOURCE}
    method: Counted by the example project.
    points:
      - {{date: 2024-01-31, value: 10}}
      - {{date: 2024-02-29, value: 12}}
"""


def series_text(*, source: str = SOURCE, points: str = "", extra: str = "", method: str = "Counted.") -> str:
    points = points or "      - {date: 2024-01-31, value: 10}\n"
    return f"  - label: example stats\n    source: {source}\n    method: {method}\n{extra}    points:\n{points}"


def write(root: Path, name: str, text: str) -> Path:
    path = root / "data" / "history" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


FILE = "data/history/github-stars/alpha.yml"
TOMORROW = dt.date.today() + dt.timedelta(days=1)

BAD_CASES = {
    "source-not-pinned": (
        "series:\n" + series_text(source="https://github.com/example/stats/blob/main/data.csv"),
        Problem(FILE, 3, 5, "series[0].source", "must be pinned to a commit"),
    ),
    "source-short-sha": (
        "series:\n" + series_text(source="https://github.com/example/stats/blob/0123abc/data.csv"),
        Problem(FILE, 3, 5, "series[0].source", "must be pinned to a commit"),
    ),
    "source-not-https": (
        "series:\n" + series_text(source=f"http://github.com/example/stats/blob/{SHA}/data.csv"),
        Problem(FILE, 3, 5, "series[0].source", "must be an https:// URL"),
    ),
    "future-date": (
        "series:\n" + series_text(points=f"      - {{date: {TOMORROW}, value: 1}}\n"),
        Problem(FILE, 6, 10, "series[0].points[0].date", f"{TOMORROW} is in the future"),
    ),
    "bad-date": (
        "series:\n" + series_text(points="      - {date: 2024-02-30, value: 1}\n"),
        Problem(FILE, 6, 10, "series[0].points[0].date", "expected a date written YYYY-MM-DD"),
    ),
    "dates-not-increasing": (
        "series:\n"
        + series_text(
            points="      - {date: 2024-01-31, value: 1}\n"
            "      - {date: 2024-03-31, value: 2}\n"
            "      - {date: 2024-03-31, value: 3}\n"
        ),
        Problem(FILE, 8, 10, "series[0].points[2].date", "is not after the previous point's date 2024-03-31"),
    ),
    "negative-value": (
        "series:\n" + series_text(points="      - {date: 2024-01-31, value: -5}\n"),
        Problem(FILE, 6, 28, "series[0].points[0].value", "greater than or equal to 0"),
    ),
    "fractional-value": (
        "series:\n" + series_text(points="      - {date: 2024-01-31, value: 2.5}\n"),
        Problem(FILE, 6, 28, "series[0].points[0].value", "valid integer"),
    ),
    "unknown-field": (
        "series:\n" + series_text(extra="    sorce: x\n"),
        Problem(FILE, 5, 5, "series[0].sorce", "unknown field 'sorce'; did you mean 'source'?"),
    ),
    "unknown-point-field": (
        "series:\n" + series_text(points="      - {date: 2024-01-31, value: 1, vlaue: 2}\n"),
        Problem(FILE, 6, 38, "series[0].points[0].vlaue", "unknown field 'vlaue'; did you mean 'value'?"),
    ),
    "missing-method": (
        "series:\n  - label: example stats\n    source: " + SOURCE + "\n    points:\n"
        "      - {date: 2024-01-31, value: 1}\n",
        Problem(FILE, 2, 5, "series[0].method", "missing required field 'method'"),
    ),
    "no-points": (
        "series:\n  - label: example stats\n    source: " + SOURCE + "\n    method: Counted.\n    points: []\n",
        Problem(FILE, 5, 5, "series[0].points", "at least 1 item"),
    ),
    "not-a-mapping": ("- 1\n- 2\n", Problem(FILE, 1, 1, "", "must be a mapping with a 'series' list")),
    "method-change-without-break": (
        "series:\n"
        + series_text(method="Counted one way.")
        + series_text(method="Counted another way.", points="      - {date: 2024-02-29, value: 11}\n"),
        Problem(FILE, 7, 5, "series[1]", "say why in 'break'"),
    ),
    "method-change-overlaps": (
        "series:\n"
        + series_text(method="Counted one way.")
        + series_text(
            method="Counted another way.",
            extra="    break: The window changed.\n",
            points="      - {date: 2024-01-15, value: 11}\n",
        ),
        Problem(FILE, 12, 10, "series[1].points[0].date", "before series 0 from the same origin ends (2024-01-31)"),
    ),
    "same-origin-same-method": (
        "series:\n"
        + series_text()
        + series_text(extra="    break: Again.\n", points="      - {date: 2024-02-29, value: 11}\n"),
        Problem(FILE, 9, 5, "series[1].method", "same origin and method as series 0"),
    ),
    "anchor": (
        "series:\n  - &first\n    label: x\n",
        Problem(FILE, 2, 5, "", "YAML anchors (&name) are not allowed"),
    ),
}


@pytest.mark.parametrize("case", BAD_CASES, ids=str)
def test_bad_input_is_reported_at_its_line_and_field(tmp_path: Path, case: str) -> None:
    text, expected = BAD_CASES[case]
    write(tmp_path, "github-stars/alpha.yml", text)
    series, problems = load_history(tmp_path, ["alpha"], ["github-stars"])
    assert series == []
    where = (expected.file, expected.line, expected.column, expected.field)
    assert any(
        (problem.file, problem.line, problem.column, problem.field) == where and expected.message in problem.message
        for problem in problems
    ), f"expected {expected}, got:\n" + "\n".join(map(str, problems))


def located(tmp_path: Path, problems: list[Problem]) -> list[tuple[str, int, int, str]]:
    return [(problem.file, problem.line, problem.column, problem.field) for problem in problems]


def test_unknown_framework_and_metric_are_named_with_a_guess(tmp_path: Path) -> None:
    write(tmp_path, "github-stars/flaks.yml", GOOD)
    write(tmp_path, "github-star/alpha.yml", GOOD)
    _, problems = load_history(tmp_path, ["flask"], ["github-stars"])
    assert [str(problem) for problem in problems] == [
        "data/history/github-star:1:1: (file): unknown metric 'github-star' (not in data/metrics.yml); "
        "did you mean 'github-stars'?",
        "data/history/github-stars/flaks.yml:1:1: (file): unknown framework 'flaks' (not in data/frameworks/); "
        "did you mean 'flask'?",
    ]


def test_only_yml_files_and_no_links(tmp_path: Path) -> None:
    write(tmp_path, "github-stars/notes.txt", "notes")
    link = tmp_path / "data" / "history" / "github-stars" / "alpha.yml"
    link.symlink_to(write(tmp_path, "elsewhere.yml", GOOD).resolve())
    _, problems = load_history(tmp_path, ["alpha"], ["github-stars"])
    assert located(tmp_path, problems) == [
        ("data/history/elsewhere.yml", 1, 1, ""),
        ("data/history/github-stars/alpha.yml", 1, 1, ""),
        ("data/history/github-stars/notes.txt", 1, 1, ""),
    ]
    assert "not a symbolic link" in problems[1].message


def test_file_size_limit(tmp_path: Path) -> None:
    write(tmp_path, "github-stars/alpha.yml", GOOD + "#" * MAX_FILE_BYTES)
    _, problems = load_history(tmp_path, ["alpha"], ["github-stars"])
    assert [str(problem) for problem in problems] == [
        f"{FILE}:1:1: (file): file is {len(GOOD) + MAX_FILE_BYTES:,} bytes; "
        f"the limit for a history file is {MAX_FILE_BYTES:,}"
    ]


def test_point_limit(tmp_path: Path) -> None:
    start = dt.date(1970, 1, 1)
    points = "".join(
        f"      - {{date: {start + dt.timedelta(days=day)}, value: {day}}}\n" for day in range(MAX_POINTS + 1)
    )
    write(tmp_path, "github-stars/alpha.yml", "series:\n" + series_text(points=points))
    _, problems = load_history(tmp_path, ["alpha"], ["github-stars"])
    assert [str(problem) for problem in problems] == [
        f"{FILE}:5:5: series[0].points: List should have at most {MAX_POINTS} items after validation, "
        f"not {MAX_POINTS + 1}"
    ]


def test_live_api_sources_are_accepted(tmp_path: Path) -> None:
    text = "series:\n" + series_text(source="https://api.github.com/repos/example/alpha")
    write(tmp_path, "github-stars/alpha.yml", text)
    series, problems = load_history(tmp_path, ["alpha"], ["github-stars"])
    assert problems == [] and series[0].source == "https://api.github.com/repos/example/alpha"
