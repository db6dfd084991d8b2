"""Release timelines and support windows: data/releases/<slug>.yml and data/support/<slug>.yml.

A release file lists a framework's final releases (no alpha, beta, rc, dev or post releases),
each with the day it was published, read from one source: PyPI's release list, which
scripts/refresh_releases.py reads and writes (a live API, so `as_of` is the day it was read), or
a snapshot pinned to a commit (`as_of` the date of its last commit):

    source: https://pypi.org/pypi/flask/json
    method: PyPI JSON API, field releases: ... read by scripts/refresh_releases.py on the as-of date.
    as_of: 2026-12-07
    releases:
      - {version: '0.1', date: 2010-04-16}
      - {version: '0.2', date: 2010-05-12}
      - {version: '3.1.2', date: 2025-08-19, requires_python: '>=3.9'}
      - {version: '3.1.3', date: 2026-02-19, requires_python: '>=3.9', classifiers: ['3.9', '3.10']}

A release may give the Python versions it declares: `requires_python`, its Requires-Python as the
index gives it, and, for the latest release of a series, `classifiers`, the versions its
'Programming Language :: Python :: X.Y' classifiers name (scripts/refresh_releases.py reads them
for each series with a release in the 24 months before as_of), so Python support can be told per
release series and not only for the newest release.

A support file lists the support windows a project publishes for its release series, for the
projects that publish any (Django's LTS series, for example):

    policy: https://www.djangoproject.com/download/#supported-versions
    series:
      - series: '5.2'
        lts: true
        release: 2025-04-02
        mainstream_end: 2025-12-03   # bug and security fixes until then
        extended_end: 2028-04        # security fixes until then: the source gives no day
        source: https://github.com/django/djangoproject.com/blob/<commit>/.../download.html
        as_of: 2026-08-21

An end is a day (YYYY-MM-DD), a month when the source gives no day (YYYY-MM), or `unknown`
when the project has not published it: a chart draws `unknown` as unknown, never as a bar that
runs on. A `planned` series has not been released yet; its release may be a month.

Rules (each problem reported as `file:line:column: field: message`, like the fact sheets):
- the folders hold only <framework slug>.yml files, one per framework of data/frameworks/;
- a release file's `source` is PyPI's JSON API for one package (https://pypi.org/pypi/<name>/json,
  one of macros/history.py's LIVE_APIS) or an https URL pinned to a commit (github.com .../tree|
  blob|commits|commit|raw/<40-hex sha>..., or raw.githubusercontent.com at a sha); support
  sources are https URLs (pinned where possible) with the date they were read;
- versions are final release numbers (digits and dots) and strictly increase down a file;
  release dates are not in the future nor after the file's `as_of`; within one release series
  (the first two numbers) dates never go back, and each series opens no earlier than the one
  before it, while a fix to an older series may come after a newer series opened (Flask 0.12.5
  came after 1.0);
- `requires_python` is a version specifier; `classifiers` are X.Y versions in increasing order,
  given only on the latest release of a series;
- support series strictly increase, released ones give their release day, and each window is
  in order: release <= end of mainstream support <= end of extended support, where known;
- limits: MAX_FILE_BYTES per file, MAX_RELEASES per release file, MAX_SERIES per support file;
- across files (`latest_release_problems`): a framework's release history contains the version
  its fact sheet gives as `latest_release` (when final), dated within a day of the sheet's date.

    histories, problems = load_releases(root, slugs)    # ReleaseHistory per framework with a file
    supports, problems = load_support(root, slugs)      # SupportWindows per framework with a file
    problems = latest_release_problems(histories, frameworks)   # once the fact sheets are loaded

`dump_releases(...)` writes the canonical text of a release file.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlsplit

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool

from macros.addresses import fact_sheet
from macros.fields import HttpsUrl, PastDate, Text, visible_text
from macros.history import LIVE_APIS, PINNED
from macros.problems import Problem, dotted
from macros.schema_errors import validate
from macros.yaml_source import Document, parse
from macros.yaml_writer import Flow, Folded, Quoted, dump

if TYPE_CHECKING:
    from macros.model import Framework

RELEASES_DIR = Path("data") / "releases"
SUPPORT_DIR = Path("data") / "support"
MAX_FILE_BYTES = 100_000
MAX_RELEASES = 1_500
MAX_SERIES = 60
UNKNOWN = "unknown"

_NUMBER = r"(0|[1-9][0-9]*)"
VERSION = re.compile(rf"^{_NUMBER}(\.{_NUMBER}){{0,3}}$")
_MOMENT = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")
# Of the live APIs, the one that lists a package's releases: https://pypi.org/pypi/<name>/json.
PYPI_API = next(api for api in LIVE_APIS if urlsplit(api).hostname == "pypi.org")
PYPI_RELEASE_LIST = re.compile(rf"^{re.escape(PYPI_API)}[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?/json$")
# PyPI dates an upload in UTC, a project its release in its own time zone.
LATEST_DATE_TOLERANCE = dt.timedelta(days=1)


# ---------------------------------------------------------------------------
# Values


def version_key(version: str) -> tuple[int, ...]:
    """A version as numbers padded to four, so '1.0' and '1.0.0' compare equal and sort as numbers."""
    numbers = tuple(int(part) for part in version.split("."))
    return numbers + (0,) * (4 - len(numbers))


def series_of(version: str) -> str:
    """The release series a version belongs to: its first two numbers ('3.1.2' -> '3.1')."""
    return ".".join(version.split(".")[:2])


@dataclass(frozen=True)
class Moment:
    """A day, or only a month when the source gives no day ('April 2028')."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> Moment:
        match = _MOMENT.match(text)
        if not match:
            raise ValueError(f"expected a day written YYYY-MM-DD or a month written YYYY-MM, got {text!r}")
        year, month, day = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
        try:
            dt.date(year, month, day or 1)
        except ValueError as error:
            raise ValueError(f"{text!r} is not a real {'day' if day else 'month'}: {error}") from None
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["day", "month"]:
        return "month" if self.day is None else "day"

    @property
    def first_day(self) -> dt.date:
        """The earliest day it can mean (the day itself, or the month's first day)."""
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The latest day it can mean (the day itself, or the month's last day)."""
        return dt.date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04}-{self.month:02}" + ("" if self.day is None else f"-{self.day:02}")


def _pinned(value: str) -> str:
    if PINNED.match(value) or PYPI_RELEASE_LIST.match(value):
        return value
    raise ValueError(
        f"must be PyPI's release list {PYPI_API}<name>/json (a live API, dated by as_of) or be pinned to a "
        "commit: https://github.com/<owner>/<repo>/tree/<40-hex commit> (or blob/, commits/, commit/, raw/, "
        f"or raw.githubusercontent.com at a commit); got {value!r}"
    )


def _version(value: str) -> str:
    if not VERSION.match(value):
        raise ValueError(
            f"must be a final release number such as '3.1' or '3.1.2' (digits and dots, at most four "
            f"numbers, no leading zeros; no a, b, rc, dev or post suffix), got {value!r}"
        )
    return value


def _requires_python(value: str) -> str:
    visible_text(value)
    try:
        SpecifierSet(value)
    except InvalidSpecifier:
        raise ValueError(f"must be a version specifier such as '>=3.10' or '>=3.9, !=3.9.1', got {value!r}") from None
    return value


def _moment_text(value: str) -> str:
    return str(Moment.parse(value))


def _end_text(value: str) -> str:
    if value == UNKNOWN:
        return value
    try:
        return str(Moment.parse(value))
    except ValueError as error:
        raise ValueError(f"{error}; or write {UNKNOWN!r} if the project has not published it") from None


PinnedUrl = Annotated[HttpsUrl, AfterValidator(_pinned)]
ReleaseVersion = Annotated[str, Field(max_length=20), AfterValidator(_version)]
MomentText = Annotated[str, Field(max_length=10), AfterValidator(_moment_text)]
EndText = Annotated[str, Field(max_length=10), AfterValidator(_end_text)]
RequiresPython = Annotated[str, Field(max_length=200), AfterValidator(_requires_python)]
PythonVersion = Annotated[str, Field(pattern=rf"^{_NUMBER}\.{_NUMBER}$", max_length=10)]


# ---------------------------------------------------------------------------
# Schema (as written in the files)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReleaseEntry(_Strict):
    version: ReleaseVersion = Field(description="A final release number, quoted: '3.1.2'.")
    date: PastDate = Field(description="The day it was published, as the source dates it.")
    requires_python: RequiresPython | None = Field(
        None, description="The Python versions it declares it runs on (Requires-Python), as the index gives it."
    )
    classifiers: list[PythonVersion] | None = Field(
        None,
        max_length=40,
        description="The Python versions its classifiers name ('Programming Language :: Python :: 3.12'), "
        "in increasing order; given for the latest release of a series.",
    )


class ReleaseFile(_Strict):
    source: PinnedUrl = Field(description="Where the releases were read: PyPI's JSON API, or pinned to a commit.")
    method: Text = Field(description="How versions were picked and dated, precisely enough to redo it.")
    python_method: Text | None = Field(
        None, description="How the releases' requires_python and classifiers were read, when they are given."
    )
    as_of: PastDate = Field(description="The day the API was read, or the date of the snapshot's last commit.")
    releases: list[ReleaseEntry] = Field(min_length=1, max_length=MAX_RELEASES)


class WindowEntry(_Strict):
    series: ReleaseVersion = Field(description="The release series, quoted: '4.2', '24.12', '2028'.")
    lts: StrictBool = Field(False, description="True when the project designates the series long-term support.")
    planned: StrictBool = Field(False, description="True when the series is not released yet (a roadmap entry).")
    release: MomentText = Field(description="The release day (YYYY-MM-DD); a planned series may give a month.")
    mainstream_end: EndText = Field(description="End of bug and security fixes: day, month or 'unknown'.")
    extended_end: EndText = Field(description="End of security fixes: day, month or 'unknown'.")
    note: Text | None = Field(None, description="How a date was read, when the source does not state it as such.")
    release_source: HttpsUrl | None = Field(None, description="Where the release day is stated, if not in source.")
    source: HttpsUrl = Field(description="Where the support window is stated.")
    as_of: PastDate = Field(description="When the source was read.")


class SupportFile(_Strict):
    policy: HttpsUrl = Field(description="The project's support policy page, as readers see it.")
    series: list[WindowEntry] = Field(min_length=1, max_length=MAX_SERIES)


# ---------------------------------------------------------------------------
# What the loaders return


@dataclass(frozen=True)
class Release:
    version: str
    date: dt.date
    line: int
    column: int = 1
    requires_python: str | None = None
    classifiers: tuple[str, ...] | None = None  # None: not read; (): none named

    @property
    def series(self) -> str:
        return series_of(self.version)


@dataclass(frozen=True)
class ReleaseHistory:
    """A framework's checked release history; `releases` in version order, as written."""

    framework: str
    file: str
    source: str
    method: str
    as_of: dt.date
    releases: tuple[Release, ...]
    python_method: str | None = None

    @property
    def chronological(self) -> list[Release]:
        """The releases by date (versions breaking ties), oldest first: the order of a timeline."""
        return sorted(self.releases, key=lambda release: (release.date, version_key(release.version)))

    @property
    def first(self) -> Release:
        return self.chronological[0]

    @property
    def newest(self) -> Release:
        """The most recently published release (not necessarily the highest version)."""
        return self.chronological[-1]

    @property
    def series_firsts(self) -> list[Release]:
        """The first release of each series (3.0.0, 3.1.0, ...), in version order: the minor and major releases."""
        seen: dict[str, Release] = {}
        for release in self.releases:
            seen.setdefault(release.series, release)
        return list(seen.values())


@dataclass(frozen=True)
class SupportWindow:
    """One release series' support window; an end of None is unknown (not published)."""

    series: str
    lts: bool
    planned: bool
    release: Moment
    mainstream_end: Moment | None
    extended_end: Moment | None
    note: str | None
    release_source: str | None
    source: str
    as_of: dt.date
    line: int


@dataclass(frozen=True)
class SupportWindows:
    framework: str
    file: str
    policy: str
    windows: tuple[SupportWindow, ...]


# ---------------------------------------------------------------------------
# Loading


def load_releases(root: Path, slugs: Iterable[str]) -> tuple[list[ReleaseHistory], list[Problem]]:
    """Every release file under data/releases/, sorted by framework, and every problem found.

    No folder means no histories and no problem; a file with any problem is left out.
    """
    histories: list[ReleaseHistory] = []
    problems: list[Problem] = []
    for path, found in slug_files(root, RELEASES_DIR, slugs):
        problems += found
        if path is not None:
            history, doc = _load_release_file(path, root)
            problems += doc.problems
            if history is not None:
                histories.append(history)
    return histories, problems


def load_support(root: Path, slugs: Iterable[str]) -> tuple[list[SupportWindows], list[Problem]]:
    """Every support file under data/support/, sorted by framework, and every problem found.

    No folder means no support windows and no problem; a file with any problem is left out.
    """
    supports: list[SupportWindows] = []
    problems: list[Problem] = []
    for path, found in slug_files(root, SUPPORT_DIR, slugs):
        problems += found
        if path is not None:
            support, doc = _load_support_file(path, root)
            problems += doc.problems
            if support is not None:
                supports.append(support)
    return supports, problems


def slug_files(
    root: Path, folder: Path, slugs: Iterable[str], max_bytes: int = MAX_FILE_BYTES
) -> Iterator[tuple[Path | None, list[Problem]]]:
    """The <slug>.yml files of a folder of one file per framework, or the problem with each entry
    that is not one (a link is left to `parse`, which refuses it)."""
    known = sorted(set(slugs))
    where = root / folder
    if not where.exists() and not where.is_symlink():
        return
    if where.is_symlink() or not where.is_dir():
        yield None, [Problem(folder.as_posix(), 1, 1, "", "must be a folder, not a link or a file")]
        return
    for path in sorted(where.iterdir()):
        shown = path.relative_to(root).as_posix()
        if path.suffix != ".yml":
            yield None, [Problem(shown, 1, 1, "", "expected only <framework slug>.yml files here")]
        elif path.stem not in known:
            guess = difflib.get_close_matches(path.stem, known, n=1)
            hint = f"; did you mean {guess[0]!r}?" if guess else ""
            yield None, [Problem(shown, 1, 1, "", f"unknown framework {path.stem!r} (not in data/frameworks/){hint}")]
        elif not path.is_symlink() and path.is_file() and (size := path.stat().st_size) > max_bytes:
            yield None, [Problem(shown, 1, 1, "", f"file is {size:,} bytes; the limit here is {max_bytes:,}")]
        else:
            yield path, []


def _validated(path: Path, root: Path, model: type[_Strict], kind: str) -> tuple[Any, Document]:
    doc = parse(path, root)
    if doc.problems:
        return None, doc
    if not isinstance(doc.data, dict):
        doc.problem((), f"a {kind} file must be a mapping of fields")
        return None, doc
    return validate(doc, model, doc.data), doc


# The last good history of each file, by its digest and the day (its checks refuse future dates):
# `mkdocs serve` loads data/ again after every edit, and checking versions is most of the cost.
_LOADED: dict[str, tuple[tuple[bytes, dt.date], ReleaseHistory]] = {}


def _load_release_file(path: Path, root: Path) -> tuple[ReleaseHistory | None, Document]:
    data, doc = _validated(path, root, ReleaseFile, "release")
    if data is None:
        return None, doc
    known = _LOADED.get(doc.name)
    if doc.digest and known is not None and known[0] == (doc.digest, dt.date.today()):
        return known[1], doc
    _check_releases(doc, data)
    if doc.problems:
        return None, doc
    releases = tuple(
        Release(
            entry.version,
            entry.date,
            *doc.positions.get(("releases", index), (1, 1)),
            requires_python=entry.requires_python,
            classifiers=None if entry.classifiers is None else tuple(entry.classifiers),
        )
        for index, entry in enumerate(data.releases)
    )
    history = ReleaseHistory(path.stem, doc.name, data.source, data.method, data.as_of, releases, data.python_method)
    if doc.digest:
        _LOADED[doc.name] = ((doc.digest, dt.date.today()), history)
    return history, doc


def _load_support_file(path: Path, root: Path) -> tuple[SupportWindows | None, Document]:
    data, doc = _validated(path, root, SupportFile, "support")
    if data is None:
        return None, doc
    _check_windows(doc, data)
    if doc.problems:
        return None, doc
    windows = tuple(
        SupportWindow(
            series=entry.series,
            lts=entry.lts,
            planned=entry.planned,
            release=Moment.parse(entry.release),
            mainstream_end=_end(entry.mainstream_end),
            extended_end=_end(entry.extended_end),
            note=entry.note,
            release_source=entry.release_source,
            source=entry.source,
            as_of=entry.as_of,
            line=doc.positions.get(("series", index), (1, 1))[0],
        )
        for index, entry in enumerate(data.series)
    )
    return SupportWindows(path.stem, doc.name, data.policy, windows), doc


def _end(text: str) -> Moment | None:
    return None if text == UNKNOWN else Moment.parse(text)


# ---------------------------------------------------------------------------
# Rules across entries


def _check_releases(doc: Document, data: ReleaseFile) -> None:
    versions_in_order = True
    for index, (before, entry) in enumerate(itertools.pairwise(data.releases), start=1):
        if version_key(entry.version) <= version_key(before.version):
            versions_in_order = False
            same = version_key(entry.version) == version_key(before.version)
            doc.problem(
                ("releases", index, "version"),
                f"{entry.version!r} is the same version as the previous entry {before.version!r}"
                if same
                else f"{entry.version!r} is not after the previous version {before.version!r}: "
                "list releases in increasing version order",
            )
    for index, entry in enumerate(data.releases):
        if entry.date > data.as_of:
            doc.problem(
                ("releases", index, "date"),
                f"{entry.date} is after as_of ({data.as_of}): a release cannot be newer than the snapshot it was "
                "read from",
            )
    declared = [entry for entry in data.releases if entry.requires_python is not None or entry.classifiers is not None]
    if declared and data.python_method is None:
        doc.problem(("releases",), "releases give Python versions: say how they were read in python_method")
    for index, entry in enumerate(data.releases):
        if entry.classifiers is None:
            continue
        keys = [version_key(version) for version in entry.classifiers]
        if keys != sorted(set(keys)):
            doc.problem(("releases", index, "classifiers"), "list each Python version once, in increasing order")
        later = data.releases[index + 1] if index + 1 < len(data.releases) else None
        if later is not None and series_of(later.version) == series_of(entry.version):
            doc.problem(
                ("releases", index, "classifiers"),
                f"classifiers are given for the latest release of a series; {later.version} is a later release of "
                f"{series_of(entry.version)}",
            )
    if not versions_in_order:
        return  # the series rules below assume version order
    latest: dict[str, ReleaseEntry] = {}
    opened: ReleaseEntry | None = None
    for index, entry in enumerate(data.releases):
        series = series_of(entry.version)
        if (earlier := latest.get(series)) is not None:
            if entry.date < earlier.date:
                doc.problem(
                    ("releases", index, "date"),
                    f"{entry.date} is before the date of {earlier.version} ({earlier.date}), an earlier release of the "
                    f"same {series} series: within a series, dates never go back",
                )
        else:
            if opened is not None and entry.date < opened.date:
                doc.problem(
                    ("releases", index, "date"),
                    f"{entry.version} opens the {series} series on {entry.date}, before the previous series opened "
                    f"({opened.version} on {opened.date}): series open in version order",
                )
            opened = entry
        latest[series] = entry


def _check_windows(doc: Document, data: SupportFile) -> None:
    today = dt.date.today()
    previous: WindowEntry | None = None
    for index, entry in enumerate(data.series):
        where = ("series", index)
        release = Moment.parse(entry.release)
        if previous is not None:
            if version_key(entry.series) <= version_key(previous.series):
                doc.problem(
                    (*where, "series"),
                    f"{entry.series!r} is not after the previous series {previous.series!r}: "
                    "list series in increasing version order",
                )
            elif release.last_day < Moment.parse(previous.release).first_day:
                doc.problem(
                    (*where, "release"),
                    f"{release} is before the release of the previous series {previous.series} ({previous.release})",
                )
        if not entry.planned:
            if release.day is None:
                doc.problem(
                    (*where, "release"),
                    f"a released series gives its release day (YYYY-MM-DD), not only {release}; or set planned: true",
                )
            elif release.first_day > today:
                doc.problem((*where, "release"), f"{release} is in the future; set planned: true for a roadmap entry")
            elif release.first_day > entry.as_of:
                doc.problem(
                    (*where, "release"),
                    f"{release} is after as_of ({entry.as_of}): a series not yet released when read is planned",
                )
        phases = [("release", release), ("mainstream_end", _end(entry.mainstream_end))]
        phases.append(("extended_end", _end(entry.extended_end)))
        known = [(name, moment) for name, moment in phases if moment is not None]
        for (earlier_name, earlier), (name, moment) in itertools.pairwise(known):
            if moment.last_day < earlier.first_day:
                doc.problem(
                    (*where, name),
                    f"{moment} is before {earlier_name} ({earlier}): a window runs release <= mainstream_end <= "
                    "extended_end",
                )
        previous = entry


def latest_release_problems(histories: Iterable[ReleaseHistory], frameworks: Iterable[Framework]) -> list[Problem]:
    """A history must contain its sheet's latest release, dated within a day of the sheet's date.

    Reported at the release file: where the missing version belongs, or at the release whose date
    differs. A history may go past the sheet (the index has a newer release than the sheet says),
    and a pre-release given as latest is not looked for in a history of final releases.
    """
    by_slug = {history.framework: history for history in histories}
    problems = []
    for framework in frameworks:
        history, latest = by_slug.get(framework.slug), framework.latest_release
        if history is None or not VERSION.match(latest.version):
            continue
        sheet = fact_sheet(framework.slug)
        wanted = version_key(latest.version)
        releases = history.releases
        index = next((i for i, release in enumerate(releases) if version_key(release.version) >= wanted), None)
        if index is None or version_key(releases[index].version) != wanted:
            where = releases[-1 if index is None else index]
            message = (
                f"no release {latest.version!r}, which {sheet} gives as latest_release: refresh the history "
                f"(python -m scripts.refresh_releases {framework.slug}) or correct the sheet"
            )
            problems.append(Problem(history.file, where.line, where.column, "releases", message))
        elif abs(releases[index].date - latest.date) > LATEST_DATE_TOLERANCE:
            release = releases[index]
            message = (
                f"{release.version} is dated {release.date} here but {latest.date} as latest_release in {sheet} "
                "(more than a day apart): correct the one that is wrong"
            )
            field = dotted(("releases", index, "date"))
            problems.append(Problem(history.file, release.line, release.column, field, message))
    return problems


# ---------------------------------------------------------------------------
# Writing


def dump_releases(
    source: str,
    method: str,
    as_of: dt.date,
    releases: Sequence[ReleaseEntry],
    title: str,
    python_method: str | None = None,
) -> str:
    """The canonical text of a release file: metadata first, then one release per line in version order."""
    ordered = sorted(releases, key=lambda entry: version_key(entry.version))
    data: dict[str, Any] = {"source": source, "method": Folded(method)}
    if python_method is not None:
        data["python_method"] = Folded(python_method)
    data |= {
        "as_of": as_of,
        "releases": [_release_line(entry) for entry in ordered],
    }
    return dump(data, f"{title}: final releases only, one per line in version order (see macros/releases.py).")


def _release_line(entry: ReleaseEntry) -> Flow:
    line = Flow(version=Quoted(entry.version), date=entry.date)
    if entry.requires_python is not None:
        line["requires_python"] = Quoted(entry.requires_python)
    if entry.classifiers is not None:
        line["classifiers"] = [Quoted(version) for version in entry.classifiers]
    return line


def lowest_python(requires_python: str | None, classifiers: Sequence[str] | None = None) -> str | None:
    """The lowest Python version (X.Y) a release declares: the lower bound of its Requires-Python,
    else the lowest of its classifiers; None when it declares neither."""
    if requires_python:
        bounds = [
            ".".join(spec.version.split(".")[:2])
            for spec in SpecifierSet(requires_python)
            if spec.operator in (">=", ">", "~=", "==", "===") and VERSION.match(spec.version.removesuffix(".*"))
        ]
        if bounds:
            return max(bounds, key=version_key)
    return min(classifiers, key=version_key) if classifiers else None
