"""data/releases/ and data/support/: the real files validate, and bad input is reported at its file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import run_script, valid_sheet

from macros.history import PINNED
from macros.model import ROOT, Framework
from macros.problems import Problem
from macros.releases import (
    LATEST_DATE_TOLERANCE,
    MAX_FILE_BYTES,
    PYPI_RELEASE_LIST,
    VERSION,
    Moment,
    ReleaseEntry,
    ReleaseHistory,
    dump_releases,
    latest_release_problems,
    load_releases,
    load_support,
    lowest_python,
    version_key,
)
from macros.yaml_source import parse

SLUGS = sorted(path.stem for path in (ROOT / "data" / "frameworks").glob("*.yml"))
SHA = "0123456789abcdef0123456789abcdef01234567"
SOURCE = f"https://github.com/example/alpha/tree/{SHA}"
TOMORROW = dt.date.today() + dt.timedelta(days=1)


# ---------------------------------------------------------------------------
# The real data


def test_the_real_release_histories_validate() -> None:
    histories, problems = load_releases(ROOT, SLUGS)
    assert problems == []
    assert sorted(history.framework for history in histories) == SLUGS, "every framework has a release history"
    for history in histories:
        assert history.file == f"data/releases/{history.framework}.yml"
        assert PYPI_RELEASE_LIST.match(history.source) or PINNED.match(history.source)
        assert history.newest.date <= history.as_of <= dt.date.today()
        assert [version_key(release.version) for release in history.releases] == sorted(
            version_key(release.version) for release in history.releases
        )


def test_the_real_support_windows_validate() -> None:
    supports, problems = load_support(ROOT, SLUGS)
    assert problems == []
    by_framework = {support.framework: support for support in supports}
    assert "django" in by_framework
    django = {window.series: window for window in by_framework["django"].windows}
    assert django["4.2"].lts and django["5.2"].lts and not django["5.0"].lts
    assert str(django["5.2"].release) == "2025-04-02"
    assert django["5.2"].extended_end == Moment(2028, 4), "the page gives April 2028, without a day"
    assert django["6.2"].planned


def test_histories_agree_with_the_fact_sheets() -> None:
    """Every history contains its sheet's latest release (it may go past it: the sheet can be behind
    PyPI), and a first release both name has the same date in both, within a day."""
    histories, _ = load_releases(ROOT, SLUGS)
    sheets = [parse(ROOT / "data" / "frameworks" / f"{slug}.yml", ROOT).data for slug in SLUGS]
    assert latest_release_problems(histories, [Framework.model_validate(sheet) for sheet in sheets]) == []
    by_slug = {sheet["slug"]: sheet for sheet in sheets}
    assert sorted(by_slug) == sorted(history.framework for history in histories)
    for history in histories:
        sheet = by_slug[history.framework]
        dates = {version_key(release.version): release.date for release in history.releases}
        first = sheet["first_release"]
        if not VERSION.match(str(first["version"])):
            continue  # a pre-release (Pyramid's first was 1.0a1): not in a history of final releases
        written = dates.get(version_key(str(first["version"])))
        if written is not None:  # PyPI lacks the oldest releases of some (Django before 1.2)
            assert abs(written - dt.date.fromisoformat(str(first["date"]))) <= LATEST_DATE_TOLERANCE, first


def test_django_support_windows_match_the_django_release_history() -> None:
    histories, _ = load_releases(ROOT, SLUGS)
    supports, _ = load_support(ROOT, SLUGS)
    [django] = [history for history in histories if history.framework == "django"]
    [windows] = [support for support in supports if support.framework == "django"]
    released = {release.version: release.date for release in django.releases}
    for window in windows.windows:
        if not window.planned:  # PyPI dates the upload in UTC
            assert abs(window.release.first_day - released[window.series]) <= LATEST_DATE_TOLERANCE, window.series


# ---------------------------------------------------------------------------
# Loading


def release_text(*, source: str = SOURCE, as_of: str = "2024-06-30", releases: str = "", extra: str = "") -> str:
    releases = releases or "  - {version: '1.0', date: 2024-01-31}\n  - {version: '1.1', date: 2024-03-31}\n"
    return f"source: {source}\nmethod: Tags read with git.\n{extra}as_of: {as_of}\nreleases:\n{releases}"


def window_text(
    *, series: str = "'1.0'", release: str = "2024-01-31", main: str = "2024-08", ext: str = "unknown", extra: str = ""
) -> str:
    return (
        f"  - series: {series}\n{extra}    release: {release}\n    mainstream_end: {main}\n"
        f"    extended_end: {ext}\n    source: https://example.org/support\n    as_of: 2024-06-30\n"
    )


POLICY = "policy: https://example.org/support\nseries:\n"


def write(root: Path, name: str, text: str) -> Path:
    path = root / "data" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_history_comes_back_in_order_with_its_lines(tmp_path: Path) -> None:
    write(
        tmp_path,
        "releases/alpha.yml",
        release_text(
            releases="  - {version: '0.9', date: 2023-05-01}\n"
            "  - {version: '0.9.1', date: 2024-02-10}\n"  # a fix to the older series after 1.0: allowed
            "  - {version: '1.0', date: 2024-01-31}\n"
        ),
    )
    [history], problems = load_releases(tmp_path, ["alpha"])
    assert problems == []
    assert (history.framework, history.file, history.source, history.as_of) == (
        "alpha",
        "data/releases/alpha.yml",
        SOURCE,
        dt.date(2024, 6, 30),
    )
    assert [(release.version, release.line) for release in history.releases] == [("0.9", 5), ("0.9.1", 6), ("1.0", 7)]
    assert [release.version for release in history.chronological] == ["0.9", "1.0", "0.9.1"]
    assert history.newest.version == "0.9.1" and history.first.version == "0.9"
    assert [release.version for release in history.series_firsts] == ["0.9", "1.0"]


def test_pypis_release_list_is_a_source_dated_by_as_of(tmp_path: Path) -> None:
    write(tmp_path, "releases/alpha.yml", release_text(source="https://pypi.org/pypi/alpha/json"))
    [history], problems = load_releases(tmp_path, ["alpha"])
    assert problems == []
    assert history.source == "https://pypi.org/pypi/alpha/json"


def test_support_windows_come_back_with_unknown_ends_as_none(tmp_path: Path) -> None:
    text = (
        POLICY
        + window_text(extra="    lts: true\n")
        + window_text(series="'2.0'", release="2025-01", main="2025-09-01", ext="2027-01", extra="    planned: true\n")
    )
    write(tmp_path, "support/alpha.yml", text)
    [support], problems = load_support(tmp_path, ["alpha"])
    assert problems == []
    first, planned = support.windows
    assert (first.series, first.lts, first.planned, first.line) == ("1.0", True, False, 3)
    assert first.release == Moment(2024, 1, 31) and first.mainstream_end == Moment(2024, 8)
    assert first.extended_end is None, "unknown is not a date"
    assert (planned.planned, planned.release.precision, str(planned.extended_end)) == (True, "month", "2027-01")


def test_no_folders_mean_no_data(tmp_path: Path) -> None:
    assert load_releases(tmp_path, ["alpha"]) == ([], [])
    assert load_support(tmp_path, ["alpha"]) == ([], [])


def test_dump_writes_what_the_loader_reads_back(tmp_path: Path) -> None:
    entries = [
        ReleaseEntry(version="3.10", date=dt.date(2024, 3, 1)),
        ReleaseEntry(version="3.9", date=dt.date(2024, 1, 1)),
    ]
    text = dump_releases(SOURCE, "Tags read with git, " * 10, dt.date(2024, 6, 30), entries, "Release history of Alpha")
    assert "  - {version: '3.9', date: 2024-01-01}\n  - {version: '3.10', date: 2024-03-01}\n" in text
    write(tmp_path, "releases/alpha.yml", text)
    [history], problems = load_releases(tmp_path, ["alpha"])
    assert problems == []
    assert [release.version for release in history.releases] == ["3.9", "3.10"]


def test_python_versions_are_written_and_read_back(tmp_path: Path) -> None:
    entries = [
        ReleaseEntry(version="3.0", date=dt.date(2024, 1, 1), requires_python=">=3.8, !=3.8.0"),
        ReleaseEntry(version="3.1", date=dt.date(2024, 3, 1), requires_python=">=3.9", classifiers=["3.9", "3.10"]),
    ]
    text = dump_releases(SOURCE, "Tags.", dt.date(2024, 6, 30), entries, "Release history of Alpha", "From PyPI.")
    assert "python_method: >-\n  From PyPI.\n" in text
    assert "  - {version: '3.1', date: 2024-03-01, requires_python: '>=3.9', classifiers: ['3.9', '3.10']}\n" in text
    write(tmp_path, "releases/alpha.yml", text)
    [history], problems = load_releases(tmp_path, ["alpha"])
    assert problems == [] and history.python_method == "From PyPI."
    first, second = history.releases
    assert (first.requires_python, first.classifiers) == (">=3.8, !=3.8.0", None)
    assert (second.requires_python, second.classifiers) == (">=3.9", ("3.9", "3.10"))


@pytest.mark.parametrize(
    ("requires_python", "classifiers", "lowest"),
    [
        (">=3.10", None, "3.10"),
        (">= 2.7, !=3.0.*, !=3.1.*, !=3.2.*, != 3.3.*", ["3.9"], "2.7"),
        ("<4.0,>=3.8", None, "3.8"),
        (">=3.9.2", None, "3.9"),
        ("~=3.11", None, "3.11"),
        ("!=3.0.*", ["3.12", "3.10"], "3.10"),
        (None, ["3.13", "3.9"], "3.9"),
        (None, None, None),
        (None, [], None),
    ],
)
def test_the_lowest_python_a_release_declares(requires_python, classifiers, lowest) -> None:
    assert lowest_python(requires_python, classifiers) == lowest


def test_moments_know_their_bounds() -> None:
    assert (Moment.parse("2028-04").first_day, Moment.parse("2028-04").last_day) == (
        dt.date(2028, 4, 1),
        dt.date(2028, 4, 30),
    )
    assert Moment.parse("2024-02").last_day == dt.date(2024, 2, 29)
    assert str(Moment.parse("2025-12-03")) == "2025-12-03"
    for bad in ("April 2028", "2028-13", "2027-02-29", "2028"):
        with pytest.raises(ValueError):
            Moment.parse(bad)


RELEASES = "data/releases/alpha.yml"
SUPPORT = "data/support/alpha.yml"

BAD_RELEASES = {
    "source-not-pinned": (
        release_text(source="https://github.com/example/alpha/tree/main"),
        Problem(RELEASES, 1, 1, "source", "or be pinned to a commit"),
    ),
    "source-pypi-project-page": (
        release_text(source="https://pypi.org/project/alpha/"),
        Problem(RELEASES, 1, 1, "source", "must be PyPI's release list https://pypi.org/pypi/<name>/json"),
    ),
    "source-pypi-one-version": (
        release_text(source="https://pypi.org/pypi/alpha/1.0/json"),
        Problem(RELEASES, 1, 1, "source", "must be PyPI's release list"),
    ),
    "source-other-live-api": (
        release_text(source="https://api.github.com/repos/example/alpha"),
        Problem(RELEASES, 1, 1, "source", "must be PyPI's release list"),
    ),
    "source-not-https": (
        release_text(source=f"http://github.com/example/alpha/tree/{SHA}"),
        Problem(RELEASES, 1, 1, "source", "must be an https:// URL"),
    ),
    "future-date": (
        release_text(as_of=str(TOMORROW), releases=f"  - {{version: '1.0', date: {TOMORROW}}}\n"),
        Problem(RELEASES, 5, 22, "releases[0].date", f"{TOMORROW} is in the future"),
    ),
    "bad-date": (
        release_text(releases="  - {version: '1.0', date: 2024-02-30}\n"),
        Problem(RELEASES, 5, 22, "releases[0].date", "expected a date written YYYY-MM-DD"),
    ),
    "unquoted-version": (
        release_text(releases="  - {version: 3.10, date: 2024-01-31}\n"),
        Problem(RELEASES, 5, 6, "releases[0].version", "put quotes around numbers meant as text"),
    ),
    "pre-release": (
        release_text(releases="  - {version: '2.0rc1', date: 2024-01-31}\n"),
        Problem(RELEASES, 5, 6, "releases[0].version", "must be a final release number"),
    ),
    "versions-not-increasing": (
        release_text(
            releases="  - {version: '1.0', date: 2024-01-31}\n"
            "  - {version: '1.2', date: 2024-02-28}\n"
            "  - {version: '1.1', date: 2024-03-31}\n"
        ),
        Problem(RELEASES, 7, 6, "releases[2].version", "'1.1' is not after the previous version '1.2'"),
    ),
    "same-version": (
        release_text(releases="  - {version: '1.0', date: 2024-01-31}\n  - {version: '1.0.0', date: 2024-02-28}\n"),
        Problem(RELEASES, 6, 6, "releases[1].version", "same version as the previous entry '1.0'"),
    ),
    "date-goes-back-in-a-series": (
        release_text(releases="  - {version: '1.0.0', date: 2024-03-31}\n  - {version: '1.0.1', date: 2024-02-28}\n"),
        Problem(RELEASES, 6, 24, "releases[1].date", "within a series, dates never go back"),
    ),
    "series-opens-early": (
        release_text(releases="  - {version: '1.0', date: 2024-03-31}\n  - {version: '2.0', date: 2024-02-28}\n"),
        Problem(RELEASES, 6, 22, "releases[1].date", "2.0 opens the 2.0 series on 2024-02-28, before"),
    ),
    "after-as-of": (
        release_text(as_of="2024-02-01"),
        Problem(RELEASES, 6, 22, "releases[1].date", "is after as_of (2024-02-01)"),
    ),
    "unknown-field": (
        release_text(extra="sorce: x\n"),
        Problem(RELEASES, 3, 1, "sorce", "unknown field 'sorce'; did you mean 'source'?"),
    ),
    "unknown-release-field": (
        release_text(releases="  - {version: '1.0', date: 2024-01-31, dat: 2024-01-31}\n"),
        Problem(RELEASES, 5, 40, "releases[0].dat", "unknown field 'dat'; did you mean 'date'?"),
    ),
    "missing-method": (
        f"source: {SOURCE}\nas_of: 2024-06-30\nreleases:\n  - {{version: '1.0', date: 2024-01-31}}\n",
        Problem(RELEASES, 1, 1, "method", "missing required field 'method'"),
    ),
    "no-releases": (
        release_text().split("releases:")[0] + "releases: []\n",
        Problem(RELEASES, 4, 1, "releases", "at least 1 item"),
    ),
    "not-a-mapping": ("- 1\n- 2\n", Problem(RELEASES, 1, 1, "", "must be a mapping of fields")),
    "requires-python-not-a-specifier": (
        release_text(
            extra="python_method: Read from PyPI.\n",
            releases="  - {version: '1.0', date: 2024-01-31, requires_python: '<script>alert(1)</script>'}\n",
        ),
        Problem(RELEASES, 6, 40, "releases[0].requires_python", "must be a version specifier such as '>=3.10'"),
    ),
    "requires-python-a-number": (
        release_text(
            extra="python_method: Read from PyPI.\n",
            releases="  - {version: '1.0', date: 2024-01-31, requires_python: 3.10}\n",
        ),
        Problem(RELEASES, 6, 40, "releases[0].requires_python", "put quotes around numbers meant as text"),
    ),
    "classifier-not-a-python-version": (
        release_text(
            extra="python_method: Read from PyPI.\n",
            releases="  - {version: '1.0', date: 2024-01-31, classifiers: ['3.10', '3 :: Only']}\n",
        ),
        Problem(RELEASES, 6, 62, "releases[0].classifiers[1]", "String should match pattern"),
    ),
    "classifiers-out-of-order": (
        release_text(
            extra="python_method: Read from PyPI.\n",
            releases="  - {version: '1.0', date: 2024-01-31, classifiers: ['3.9', '3.10', '3.10']}\n",
        ),
        Problem(RELEASES, 6, 40, "releases[0].classifiers", "list each Python version once, in increasing order"),
    ),
    "classifiers-on-an-earlier-release-of-the-series": (
        release_text(
            extra="python_method: Read from PyPI.\n",
            releases="  - {version: '1.0', date: 2024-01-31, classifiers: ['3.12']}\n"
            "  - {version: '1.0.1', date: 2024-02-28}\n",
        ),
        Problem(RELEASES, 6, 40, "releases[0].classifiers", "1.0.1 is a later release of 1.0"),
    ),
    "python-versions-without-their-method": (
        release_text(releases="  - {version: '1.0', date: 2024-01-31, requires_python: '>=3.9'}\n"),
        Problem(RELEASES, 4, 1, "releases", "say how they were read in python_method"),
    ),
    "anchor": (
        release_text(releases="  - &first {version: '1.0', date: 2024-01-31}\n"),
        Problem(RELEASES, 5, 5, "", "YAML anchors (&name) are not allowed"),
    ),
}

BAD_SUPPORT = {
    "end-in-words": (
        POLICY + window_text(ext="April 2028"),
        Problem(SUPPORT, 6, 5, "series[0].extended_end", "or write 'unknown' if the project has not published it"),
    ),
    "mainstream-before-release": (
        POLICY + window_text(main="2023-12"),
        Problem(SUPPORT, 5, 5, "series[0].mainstream_end", "is before release (2024-01-31)"),
    ),
    "extended-before-mainstream": (
        POLICY + window_text(main="2025-04-01", ext="2025-03"),
        Problem(SUPPORT, 6, 5, "series[0].extended_end", "is before mainstream_end (2025-04-01)"),
    ),
    "extended-before-release-when-mainstream-unknown": (
        POLICY + window_text(main="unknown", ext="2023-01-01"),
        Problem(SUPPORT, 6, 5, "series[0].extended_end", "is before release (2024-01-31)"),
    ),
    "released-without-a-day": (
        POLICY + window_text(release="2024-01"),
        Problem(SUPPORT, 4, 5, "series[0].release", "a released series gives its release day"),
    ),
    "released-in-the-future": (
        POLICY + window_text(release=str(TOMORROW), main="unknown"),
        Problem(SUPPORT, 4, 5, "series[0].release", "set planned: true"),
    ),
    "released-after-as-of": (
        POLICY + window_text(release="2024-07-01", main="unknown"),
        Problem(SUPPORT, 4, 5, "series[0].release", "is after as_of (2024-06-30)"),
    ),
    "series-not-increasing": (
        POLICY + window_text(series="'1.1'") + window_text(series="'1.0'"),
        Problem(SUPPORT, 9, 5, "series[1].series", "'1.0' is not after the previous series '1.1'"),
    ),
    "release-goes-back": (
        POLICY + window_text() + window_text(series="'1.1'", release="2023-12-31", main="unknown"),
        Problem(SUPPORT, 10, 5, "series[1].release", "is before the release of the previous series 1.0"),
    ),
    "lts-not-a-boolean": (
        POLICY + window_text(extra="    lts: 'yes'\n"),
        Problem(SUPPORT, 4, 5, "series[0].lts", "write true or false"),
    ),
    "unquoted-series": (
        POLICY + window_text(series="4.10"),
        Problem(SUPPORT, 3, 5, "series[0].series", "put quotes around numbers meant as text"),
    ),
    "unknown-window-field": (
        POLICY + window_text(extra="    extended_ends: 2025-01\n"),
        Problem(SUPPORT, 4, 5, "series[0].extended_ends", "did you mean 'extended_end'?"),
    ),
    "missing-policy": (
        "series:\n" + window_text(),
        Problem(SUPPORT, 1, 1, "policy", "missing required field 'policy'"),
    ),
}


def assert_reported(problems: list[Problem], expected: Problem) -> None:
    where = (expected.file, expected.line, expected.column, expected.field)
    assert any(
        (problem.file, problem.line, problem.column, problem.field) == where and expected.message in problem.message
        for problem in problems
    ), f"expected {expected}, got:\n" + "\n".join(map(str, problems))


@pytest.mark.parametrize("case", BAD_RELEASES, ids=str)
def test_bad_release_file_is_reported_at_its_line_and_field(tmp_path: Path, case: str) -> None:
    text, expected = BAD_RELEASES[case]
    write(tmp_path, "releases/alpha.yml", text)
    histories, problems = load_releases(tmp_path, ["alpha"])
    assert histories == []
    assert_reported(problems, expected)


@pytest.mark.parametrize("case", BAD_SUPPORT, ids=str)
def test_bad_support_file_is_reported_at_its_line_and_field(tmp_path: Path, case: str) -> None:
    text, expected = BAD_SUPPORT[case]
    write(tmp_path, "support/alpha.yml", text)
    supports, problems = load_support(tmp_path, ["alpha"])
    assert supports == []
    assert_reported(problems, expected)


def test_files_must_be_known_framework_slugs(tmp_path: Path) -> None:
    write(tmp_path, "releases/flaks.yml", release_text())
    write(tmp_path, "releases/notes.txt", "hello")
    write(tmp_path, "support/flask.yml", POLICY + window_text())
    write(tmp_path, "support/zzz.yml", POLICY + window_text())
    histories, problems = load_releases(tmp_path, ["flask"])
    assert histories == []
    assert [str(problem) for problem in problems] == [
        "data/releases/flaks.yml:1:1: (file): unknown framework 'flaks' (not in data/frameworks/); "
        "did you mean 'flask'?",
        "data/releases/notes.txt:1:1: (file): expected only <framework slug>.yml files here",
    ]
    supports, problems = load_support(tmp_path, ["flask"])
    assert [support.framework for support in supports] == ["flask"]
    assert [str(problem) for problem in problems] == [
        "data/support/zzz.yml:1:1: (file): unknown framework 'zzz' (not in data/frameworks/)"
    ]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    write(tmp_path, "releases/alpha.yml", release_text() + "#" * MAX_FILE_BYTES)
    histories, problems = load_releases(tmp_path, ["alpha"])
    assert histories == []
    assert [(problem.file, problem.line, problem.column) for problem in problems] == [(RELEASES, 1, 1)]
    assert f"the limit here is {MAX_FILE_BYTES:,}" in problems[0].message


def test_a_folder_that_is_a_file_is_one_problem(tmp_path: Path) -> None:
    write(tmp_path, "support", "not a folder")
    assert load_support(tmp_path, ["alpha"]) == (
        [],
        [Problem("data/support", 1, 1, "", "must be a folder, not a link or a file")],
    )


# ---------------------------------------------------------------------------
# Across files: the sheet's latest release is in the history


def sheet(latest: str, date: str = "2024-03-31", slug: str = "alpha") -> Framework:
    data = valid_sheet(slug, slug.title())
    data["latest_release"].update(version=latest, date=date)
    return Framework.model_validate(data)


@pytest.fixture
def alpha(tmp_path: Path) -> list[ReleaseHistory]:
    write(
        tmp_path,
        "releases/alpha.yml",
        release_text(
            releases="  - {version: '1.0', date: 2024-01-31}\n"
            "  - {version: '1.1', date: 2024-03-31}\n"
            "  - {version: '1.3', date: 2024-05-31}\n"
        ),
    )
    histories, problems = load_releases(tmp_path, ["alpha"])
    assert problems == []
    return histories


@pytest.mark.parametrize(
    ("latest", "date"),
    [
        ("1.1", "2024-03-31"),
        ("1.1.0", "2024-04-01"),  # the same version; a day apart: PyPI's UTC day against the project's
        ("1.1", "2024-03-30"),
        ("1.0", "2024-01-31"),  # the sheet is behind the history: the history may go past it
        ("2.0rc1", "2024-06-01"),  # a pre-release is not looked for among final releases
    ],
)
def test_a_history_with_the_sheets_latest_release_passes(alpha, latest: str, date: str) -> None:
    assert latest_release_problems(alpha, [sheet(latest, date)]) == []


def test_a_missing_latest_release_is_reported_where_it_belongs(alpha) -> None:
    assert latest_release_problems(alpha, [sheet("1.2")]) == [
        Problem(
            RELEASES,
            7,
            5,
            "releases",
            "no release '1.2', which data/frameworks/alpha.yml gives as latest_release: refresh the history "
            "(python -m scripts.refresh_releases alpha) or correct the sheet",
        )
    ]
    [after_all] = latest_release_problems(alpha, [sheet("1.4")])
    assert (after_all.line, after_all.column) == (7, 5), "after the last release: reported there"
    [before_all] = latest_release_problems(alpha, [sheet("0.9")])
    assert (before_all.line, before_all.column) == (5, 5)


def test_a_latest_release_dated_differently_is_reported_at_its_date(alpha) -> None:
    assert latest_release_problems(alpha, [sheet("1.1", "2024-04-02")]) == [
        Problem(
            RELEASES,
            6,
            5,
            "releases[1].date",
            "1.1 is dated 2024-03-31 here but 2024-04-02 as latest_release in data/frameworks/alpha.yml (more than "
            "a day apart): correct the one that is wrong",
        )
    ]


def test_a_framework_without_a_history_is_not_this_rules_concern(alpha) -> None:
    assert latest_release_problems(alpha, [sheet("9.9", slug="beta")]) == []
    assert latest_release_problems([], [sheet("9.9")]) == []


def test_validation_reports_a_history_without_the_sheets_latest_release(project) -> None:
    root = project({"alpha": valid_sheet()})  # its latest release is 3.1
    write(root, "releases/alpha.yml", release_text())  # 1.0 and 1.1
    result = run_script(root, "validate")
    assert result.returncode == 1
    assert (
        "data/releases/alpha.yml:6:5: releases: no release '3.1', which data/frameworks/alpha.yml gives as "
        "latest_release" in result.stdout + result.stderr
    )
