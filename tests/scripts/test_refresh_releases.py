"""scripts/refresh_releases.py on a recorded PyPI answer (tests/fixtures/releases/) and hostile variants of it."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import valid_sheet

from macros.model import ROOT
from macros.releases import MAX_RELEASES, ReleaseEntry, load_releases
from scripts import refresh_releases
from scripts.refresh_figures import fixture_name, replay
from scripts.refresh_releases import (
    MAX_FILES,
    MAX_VERSIONS,
    MAX_WHEEL_READ,
    METHOD,
    PYTHON_METHOD,
    BadResponse,
    GetRange,
    api_url,
    main,
    method,
    on_time,
    read_release_list,
    refresh,
    release_history_text,
)

FIXTURES = ROOT / "tests" / "fixtures" / "releases"
DJANGO_API = "https://pypi.org/pypi/django/json"
TODAY = dt.date(2026, 12, 7)
RECORDED: dict[str, Any] = json.loads((FIXTURES / fixture_name(DJANGO_API)).read_text(encoding="utf-8"))

# What the scaffold writes: no classifiers, no request but the release list.
DJANGO_TEXT = f"""\
# Release history of Django: final releases only, one per line in version order (see macros/releases.py).
source: https://pypi.org/pypi/django/json
method: >-
  PyPI JSON API, read by scripts/refresh_releases.py: each final version (digits and dots) in releases,
  dated by the earliest upload_time_iso_8601 of its files (UTC). Left out: pre-, post- and dev releases,
  releases without files or with only yanked files, and late uploads (dated after a later release of their
  series, or opening a series after a later one opened). Left out here: no files: 1.0.4, 1.1; yanked:
  4.2.12; late: 1.1.3, 1.1.4, 1.3.4.
python_method: >-
  PyPI JSON API, read by scripts/refresh_releases.py: requires_python is that of each release's earliest
  uploaded file stating one (yanked files aside), as given. Classifiers not read yet.
as_of: {TODAY}
releases:
  - {{version: '1.2', date: 2010-05-17}}
  - {{version: '1.2.1', date: 2010-05-24}}
  - {{version: '1.3.3', date: 2012-08-01}}
  - {{version: '1.3.5', date: 2012-12-10}}
  - {{version: '4.2.11', date: 2024-03-04, requires_python: '>=3.8'}}
  - {{version: '4.2.13', date: 2024-05-07, requires_python: '>=3.8'}}
  - {{version: '6.0', date: 2025-12-03, requires_python: '>=3.12'}}
  - {{version: '6.1', date: 2026-08-05, requires_python: '>=3.12'}}
  - {{version: '6.1.1', date: 2026-09-02, requires_python: '>=3.12'}}
  - {{version: '6.1.2', date: 2026-10-06, requires_python: '>=3.12'}}
  - {{version: '6.1.3', date: 2026-11-03, requires_python: '>=3.12'}}
"""

# What the weekly refresh writes: the classifiers of the two series with a release in the last 24
# months (6.0 and 6.1; 4.2's last release here is from May 2024), read from their wheels.
DJANGO_REFRESHED = (
    DJANGO_TEXT.replace(
        "uploaded file stating one (yanked files aside), as given. Classifiers not read yet.\n",
        "uploaded file stating one (yanked files aside), as given. classifiers: the X.Y of each 'Programming\n"
        "  Language :: Python :: X.Y' classifier in the METADATA of a wheel (pure-Python if any) of the latest\n"
        "  release of each series with a release in the 24 months before as_of.\n",
    )
    .replace(
        "{version: '6.0', date: 2025-12-03, requires_python: '>=3.12'}",
        "{version: '6.0', date: 2025-12-03, requires_python: '>=3.12', classifiers: ['3.12', '3.13', '3.14']}",
    )
    .replace(
        "{version: '6.1.3', date: 2026-11-03, requires_python: '>=3.12'}",
        "{version: '6.1.3', date: 2026-11-03, requires_python: '>=3.12', classifiers: ['3.12', '3.13', '3.14',\n"
        "      '3.15']}",
    )
)


def wheel(metadata: str, version: str, size: int) -> bytes:
    """A wheel of Django `version` holding `metadata`, padded in front to the `size` PyPI lists
    (zipfile reads an archive from its end, whatever comes before it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("django/__init__.py", "")
        archive.writestr(f"django-{version}.dist-info/METADATA", metadata)
        archive.writestr(f"django-{version}.dist-info/RECORD", "")
    data = buffer.getvalue()
    return bytes(size - len(data)) + data


def recorded_wheels() -> dict[str, bytes]:
    """The recorded answer's wheels of 6.0 and 6.1.3, each with the METADATA recorded from the real one."""
    wheels = {}
    for version in ("6.0", "6.1.3"):
        [file] = [file for file in RECORDED["releases"][version] if file["filename"].endswith(".whl")]
        metadata = (FIXTURES / f"django-{version}.dist-info-METADATA.txt").read_text(encoding="utf-8")
        wheels[file["url"]] = wheel(metadata, version, file["size"])
    return wheels


WHEELS = recorded_wheels()


def serving(wheels: dict[str, bytes], asked: list[tuple[str, int, int]] | None = None) -> GetRange:
    """A range reader that answers from the given files, noting each request."""

    def get_range(url: str, start: int, length: int) -> bytes:
        if url not in wheels:
            raise OSError(f"no wheel at {url}")
        if asked is not None:
            asked.append((url, start, length))
        return wheels[url][start : start + length]

    return get_range


def answering(responses: dict[str, Any]) -> Callable[[str, dict[str, str]], Any]:
    """A fetch that answers each package's API URL with a copy of the given response."""

    def fetch(url: str, headers: dict[str, str]) -> Any:
        if url not in responses:
            raise OSError(f"no answer for {url}")
        return copy.deepcopy(responses[url])

    return fetch


def project(tmp_path: Path, *sheets: tuple[str, str, str, str, str]) -> Path:
    """A data/frameworks/ of the given (slug, name, pypi package, latest version, its date) sheets."""
    folder = tmp_path / "data" / "frameworks"
    folder.mkdir(parents=True)
    for slug, name, package, version, date in sheets:
        sheet = valid_sheet(slug, name)
        sheet["pypi"] = package
        sheet["latest_release"].update(version=version, date=date)
        (folder / f"{slug}.yml").write_text(yaml.safe_dump(sheet, sort_keys=False), encoding="utf-8")
    return tmp_path


def flask_answer() -> dict[str, Any]:
    """Another package's answer, made from the recorded one."""
    answer = copy.deepcopy(RECORDED)
    answer["info"]["name"] = "Flask"
    return answer


@pytest.fixture
def two(tmp_path: Path) -> Path:
    return project(
        tmp_path,
        ("django", "Django", "Django", "6.1.3", "2026-11-03"),
        ("flask", "Flask", "flask", "6.1.3", "2026-11-03"),
    )


# ---------------------------------------------------------------------------
# The recorded answer


def test_the_recorded_answer_gives_final_releases_dated_by_their_first_upload() -> None:
    assert release_history_text("Django", replay(FIXTURES), TODAY, name="Django") == DJANGO_TEXT


def test_refresh_writes_every_framework_and_the_files_validate(two: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fetch = answering({DJANGO_API: RECORDED, "https://pypi.org/pypi/flask/json": flask_answer()})
    written = refresh(two, fetch, TODAY, get_range=serving(WHEELS))
    assert written == (["data/releases/django.yml", "data/releases/flask.yml"], [])
    assert (two / "data" / "releases" / "django.yml").read_text(encoding="utf-8") == DJANGO_REFRESHED
    histories, problems = load_releases(two, ["django", "flask"])
    assert problems == [] and [history.framework for history in histories] == ["django", "flask"]
    assert sorted(path.name for path in (two / "data" / "releases").iterdir()) == ["django.yml", "flask.yml"]
    assert histories[0].python_method == " ".join(PYTHON_METHOD.split())


def test_classifiers_are_read_from_a_few_blocks_of_each_recent_series_wheel(two: Path) -> None:
    asked: list[tuple[str, int, int]] = []
    text = release_history_text("Django", replay(FIXTURES), TODAY, "Django", serving(WHEELS, asked))
    assert text == DJANGO_REFRESHED
    assert {url for url, _, _ in asked} == set(WHEELS), "one wheel of each recent series, none of the others"
    assert sum(length for _, _, length in asked) <= 4 * 65_536, "the end of each wheel, not the whole 8 MB"


def test_a_release_without_a_wheel_gets_no_classifiers() -> None:
    answer = mutated(
        lambda a: a["releases"].update({"6.0": [f for f in files(a, "6.0") if f["packagetype"] == "sdist"]})
    )
    text = release_history_text("Django", answering({DJANGO_API: answer}), TODAY, "Django", serving(WHEELS))
    assert "{version: '6.0', date: 2025-12-03, requires_python: '>=3.12'}\n" in text
    assert "{version: '6.1.3', date: 2026-11-03, requires_python: '>=3.12', classifiers: ['3.12'" in text


def test_requires_python_is_the_earliest_files_that_states_one() -> None:
    def change(answer: dict[str, Any]) -> None:
        sdist, wheel_file = files(answer, "6.1.3")  # the wheel was uploaded first
        wheel_file.update(requires_python=None)
        sdist.update(requires_python=">=3.11")
        files(answer, "6.1.2")[0].update(requires_python="  ")  # blank: not a statement

    releases, _ = read_release_list(mutated(change), "django", TODAY)
    by_version = {entry.version: entry.requires_python for entry in releases}
    assert by_version["6.1.3"] == ">=3.11" and by_version["6.1.2"] == ">=3.12" and by_version["1.2"] is None


def test_an_existing_history_is_replaced(two: Path) -> None:
    target = two / "data" / "releases" / "django.yml"
    target.parent.mkdir(parents=True)
    target.write_text("old\n", encoding="utf-8")
    assert main(["django"], fetch=replay(FIXTURES), root=two, get_range=serving(WHEELS)) == 0
    assert target.read_text(encoding="utf-8").startswith("# Release history of Django:")
    assert target.stat().st_mode & 0o777 == 0o644
    assert not (two / "data" / "releases" / "flask.yml").exists(), "only the slugs named"


def test_a_sheet_behind_pypi_is_fine(tmp_path: Path) -> None:
    root = project(tmp_path, ("django", "Django", "django", "6.1.1", "2026-09-02"))
    assert refresh(root, replay(FIXTURES), TODAY, get_range=serving(WHEELS)) == (["data/releases/django.yml"], [])


def test_a_history_without_the_sheets_latest_release_is_not_written(tmp_path: Path) -> None:
    root = project(tmp_path, ("django", "Django", "django", "6.1.4", "2026-11-03"))
    written, [failure] = refresh(root, replay(FIXTURES), TODAY, get_range=serving(WHEELS))
    assert written == []
    assert failure.startswith("django: nothing written: BadResponse: the file would not validate: ")
    assert "no release '6.1.4', which data/frameworks/django.yml gives as latest_release" in failure
    assert not (root / "data" / "releases").exists() or not any((root / "data" / "releases").iterdir())


def test_main_reports_each_failure_on_one_line_and_exits_1(two: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([], fetch=replay(FIXTURES), root=two, get_range=serving(WHEELS)) == 1
    out, err = capsys.readouterr()
    assert out == "wrote data/releases/django.yml\n"
    assert err == (
        "refresh_releases.py: flask: nothing written: OSError: no recorded response for "
        "https://pypi.org/pypi/flask/json (pypi.org_pypi_flask_json.json)\n"
    )


def test_main_refuses_unknown_slugs(two: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["flaks"], fetch=replay(FIXTURES), root=two, get_range=serving(WHEELS))
    assert exit_.value.code == 2
    assert "no fact sheet data/frameworks/<slug>.yml for: flaks" in capsys.readouterr().err


def test_a_package_name_is_checked_before_it_becomes_a_url() -> None:
    assert api_url("Django") == DJANGO_API
    assert api_url("zope.interface") == "https://pypi.org/pypi/zope-interface/json"
    for bad in ("../admin", "django/json?x=", "", "a" * 101):
        with pytest.raises(ValueError):
            api_url(bad)


# ---------------------------------------------------------------------------
# Hostile answers: nothing is written for the framework, the others go on


def mutated(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    answer = copy.deepcopy(RECORDED)
    change(answer)
    return answer


def files(answer: dict[str, Any], version: str = "6.1.3") -> list[dict[str, Any]]:
    return answer["releases"][version]


TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()

HOSTILE: dict[str, tuple[Any, str]] = {
    "not-an-object": ([RECORDED], "expected a JSON object with an object 'info'"),
    "no-info": (mutated(lambda a: a.pop("info")), "expected a JSON object with an object 'info'"),
    "another-package": (
        mutated(lambda a: a["info"].update(name="djangoo")),
        "info.name is 'djangoo', not the package 'Django'",
    ),
    "no-releases": (mutated(lambda a: a.pop("releases")), "expected an object 'releases'"),
    "releases-a-list": (mutated(lambda a: a.update(releases=[])), "expected an object 'releases'"),
    "files-not-a-list": (
        mutated(lambda a: a["releases"].update({"6.1.3": {"a": 1}})),
        "releases['6.1.3']: expected a list of at most",
    ),
    "file-not-an-object": (mutated(lambda a: files(a).append("x")), "releases['6.1.3']: a file must be an object"),
    "no-upload-time": (
        mutated(lambda a: files(a)[0].pop("upload_time_iso_8601")),
        "releases['6.1.3']: upload_time_iso_8601 None is not a time with its zone",
    ),
    "upload-time-a-number": (
        mutated(lambda a: files(a)[0].update(upload_time_iso_8601=1762183286)),
        "upload_time_iso_8601 1762183286 is not a time with its zone",
    ),
    "upload-time-without-zone": (
        mutated(lambda a: files(a)[0].update(upload_time_iso_8601="2026-11-03T15:21:26")),
        "upload_time_iso_8601 '2026-11-03T15:21:26' is not a time with its zone",
    ),
    "upload-time-not-a-time": (
        mutated(lambda a: files(a)[0].update(upload_time_iso_8601="yesterday")),
        "'yesterday' is not a time with its zone",
    ),
    "upload-before-pypi": (
        mutated(lambda a: files(a, "1.2")[0].update(upload_time_iso_8601="1970-01-01T00:00:00Z")),
        "releases['1.2']: uploaded on 1970-01-01, outside 2003-01-01 to",
    ),
    "upload-in-the-future": (
        mutated(lambda a: files(a)[0].update(upload_time_iso_8601=f"{TOMORROW}T10:00:00Z")),
        f"releases['6.1.3']: uploaded on {TOMORROW}, outside",
    ),
    "upload-in-9999": (
        mutated(lambda a: files(a, "6.0rc1")[0].update(upload_time_iso_8601="9999-12-31T23:59:59Z")),
        "releases['6.0rc1']: uploaded on 9999-12-31",
    ),
    "yanked-not-a-boolean": (
        mutated(lambda a: files(a)[0].update(yanked="false")),
        "releases['6.1.3']: 'yanked' must be true or false, got 'false'",
    ),
    "too-many-versions": (
        mutated(lambda a: a["releases"].update({f"0.0.{n}rc1": [] for n in range(MAX_VERSIONS)})),
        f"versions; at most {MAX_VERSIONS:,} are read",
    ),
    "too-many-final-releases": (
        mutated(
            lambda a: a["releases"].update(
                {f"7.{n}": [{"upload_time_iso_8601": "2026-11-04T00:00:00Z", "yanked": False}] for n in range(1500)}
            )
        ),
        f"final releases; a release file holds at most {MAX_RELEASES:,}",
    ),
    "too-many-files": (
        mutated(lambda a: files(a).extend([files(a)[0]] * MAX_FILES)),
        f"releases['6.1.3']: expected a list of at most {MAX_FILES:,} files",
    ),
    "version-too-long": (
        mutated(lambda a: a["releases"].update({"1" * 30: files(a)})),
        "String should have at most 20 characters",
    ),
    "same-release-twice": (
        mutated(lambda a: a["releases"].update({"6.1.0": files(a, "6.1")})),
        "versions '6.1' and '6.1.0' are the same release",
    ),
    "only-yanked": (
        mutated(lambda a: [file.update(yanked=True) for entry in a["releases"].values() for file in entry]),
        "no final release with files",
    ),
    "only-pre-releases": (
        mutated(lambda a: a.update(releases={key: value for key, value in a["releases"].items() if "a" in key})),
        "no final release with files",
    ),
    "requires-python-markup": (
        mutated(lambda a: files(a)[1].update(requires_python="<script>alert(1)</script>")),
        "releases['6.1.3']: must be a version specifier such as '>=3.10'",
    ),
    "requires-python-a-number": (
        mutated(lambda a: files(a)[1].update(requires_python=3.12)),
        "releases['6.1.3']: requires_python must be text or null, got 3.12",
    ),
    "wheel-on-another-host": (
        mutated(lambda a: files(a)[1].update(url="https://evil.example.org/django-6.1.3-py3-none-any.whl")),
        "its url 'https://evil.example.org/django-6.1.3-py3-none-any.whl' is not on files.pythonhosted.org or pypi.org",
    ),
    "wheel-over-http": (
        mutated(lambda a: files(a)[1].update(url=files(a)[1]["url"].replace("https:", "http:"))),
        "is not on files.pythonhosted.org or pypi.org",
    ),
    "wheel-size-not-a-number": (
        mutated(lambda a: files(a)[1].update(size="8424610")),
        "size '8424610' is not a size up to",
    ),
}


@pytest.mark.parametrize("case", HOSTILE, ids=str)
def test_a_bad_answer_writes_nothing_for_its_framework(two: Path, case: str) -> None:
    answer, message = HOSTILE[case]
    fetch = answering({DJANGO_API: answer, "https://pypi.org/pypi/flask/json": flask_answer()})
    # The day before TOMORROW, not today: collected before midnight and run after, it is the same day.
    today = dt.date.fromisoformat(TOMORROW) - dt.timedelta(days=1)
    written, failures = refresh(two, fetch, today, get_range=serving(WHEELS))
    assert written == ["data/releases/flask.yml"], "the other framework is written"
    [failure] = failures
    assert failure.startswith("django: nothing written: BadResponse: ")
    assert message in failure
    assert len(failure) < 700 and "\n" not in failure
    assert not (two / "data" / "releases" / "django.yml").exists()


WHEEL_URL = next(url for url in WHEELS if "6.1.3" in url)
BAD_WHEELS: dict[str, tuple[dict[str, bytes], str]] = {
    "not-a-zip": ({WHEEL_URL: bytes(len(WHEELS[WHEEL_URL]))}, "not a readable wheel: File is not a zip file"),
    "no-metadata": (
        {WHEEL_URL: wheel("", "6.1.3", len(WHEELS[WHEEL_URL])).replace(b"dist-info/METADATA", b"dist-info/METAD4TA")},
        "expected one <name>.dist-info/METADATA, found 0",
    ),
    "short-answer": ({WHEEL_URL: WHEELS[WHEEL_URL][:-10]}, "asked for 36,002 bytes at 8,388,608, got 35,992"),
}


@pytest.mark.parametrize("case", BAD_WHEELS, ids=str)
def test_a_bad_wheel_writes_nothing_for_its_framework(two: Path, case: str) -> None:
    served, message = BAD_WHEELS[case]
    fetch = answering({DJANGO_API: RECORDED})
    written, [failure] = refresh(two, fetch, TODAY, ["django"], get_range=serving(WHEELS | served))
    assert written == [] and message in failure and "\n" not in failure, failure


def test_reading_a_wheel_stops_at_its_budget(two: Path) -> None:
    url = WHEEL_URL
    stuffed = io.BytesIO()
    with zipfile.ZipFile(stuffed, "w") as archive:  # a directory larger than the budget
        for index in range(MAX_WHEEL_READ // 60):
            archive.writestr(f"django/{index:08}.py", "")
        archive.writestr("django-6.1.3.dist-info/METADATA", "Classifier: Programming Language :: Python :: 3.12\n")
    served = {url: stuffed.getvalue()}
    fetch = answering({DJANGO_API: mutated(lambda a: files(a)[1].update(size=len(served[url])))})
    written, [failure] = refresh(two, fetch, TODAY, ["django"], get_range=serving(WHEELS | served))
    assert written == [] and f"reading its metadata needs more than {MAX_WHEEL_READ:,} bytes" in failure


def test_the_old_file_stays_when_the_answer_is_bad(two: Path) -> None:
    target = two / "data" / "releases" / "django.yml"
    target.parent.mkdir(parents=True)
    target.write_text("old\n", encoding="utf-8")
    fetch = answering({DJANGO_API: HOSTILE["upload-before-pypi"][0]})
    assert main(["django"], fetch=fetch, root=two, get_range=serving(WHEELS)) == 1
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in target.parent.iterdir()] == ["django.yml"], "no temporary file left"


def test_a_file_that_would_not_validate_is_not_written(two: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh_releases, "PYPI_API", "https://pypi.example.org/pypi/")
    fetch = answering({"https://pypi.example.org/pypi/django/json": RECORDED})
    written, [failure] = refresh(two, fetch, TODAY, ["django"], get_range=serving(WHEELS))
    assert written == []
    assert "the file would not validate: data/releases/django.yml:2:1: source: must be PyPI's release list" in failure


# ---------------------------------------------------------------------------
# Reading the answer


def entries(*pairs: tuple[str, str]) -> list[ReleaseEntry]:
    return [ReleaseEntry(version=version, date=dt.date.fromisoformat(day)) for version, day in pairs]


def test_late_uploads_are_left_out_so_the_series_rules_hold() -> None:
    """Tornado uploaded 1.1 to 2.2.1 to PyPI in 2014, after 2.3 (2012) and 2.4; Django's 1.3.4 file came after 1.3.5."""
    kept, late = on_time(
        entries(
            ("1.0", "2010-07-23"),
            ("1.1", "2014-05-22"),
            ("2.2.1", "2014-05-22"),
            ("2.3", "2012-06-01"),
            ("2.3.4", "2013-03-05"),
            ("2.3.5", "2012-12-10"),
            ("2.4", "2012-09-04"),
            ("2.4.1", "2014-06-01"),  # a fix to an older series after a newer one opened: kept
            ("3.0", "2013-03-28"),
        )
    )
    assert [entry.version for entry in kept] == ["1.0", "2.3", "2.3.5", "2.4", "2.4.1", "3.0"]
    assert sorted(late) == ["1.1", "2.2.1", "2.3.4"]


def test_the_day_is_the_utc_day_of_the_earliest_file() -> None:
    answer = mutated(
        lambda a: a.update(
            releases={
                "1.0": [
                    {"upload_time_iso_8601": "2024-03-05T08:00:00Z", "yanked": False},
                    {"upload_time_iso_8601": "2024-03-04T23:30:00-05:00", "yanked": True},  # 04:30 UTC, yanked later
                ],
                "1.1": [{"upload_time_iso_8601": "2024-03-06T01:00:00+02:00", "yanked": False}],
            }
        )
    )
    releases, left_out = read_release_list(answer, "django", TODAY)
    assert [(entry.version, str(entry.date)) for entry in releases] == [("1.0", "2024-03-05"), ("1.1", "2024-03-05")]
    assert left_out == {"no files": [], "yanked": [], "late": []}


def test_the_method_names_what_was_left_out_while_it_fits() -> None:
    assert method({"no files": [], "yanked": []}) == METHOD
    assert method({"yanked": ["3.8.2", "3.12.1"]}) == f"{METHOD} Left out here: yanked: 3.8.2, 3.12.1."
    many = {"no files": [f"1.{n}" for n in range(40)], "yanked": ["2.0"]}
    assert method(many) == f"{METHOD} Left out here: no files: 40 releases; yanked: 1 release."


def test_bad_response_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="expected an object 'releases'"):
        read_release_list({"info": {"name": "django"}}, "django", TODAY)
    assert issubclass(BadResponse, ValueError)
