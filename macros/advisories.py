"""Security records: data/advisories/<slug>.yml, one per framework.

A record lists the published security advisories of a framework's package and of the packages it
cannot work without (the Requires-Dist entries of its pinned release that no `extra` selects),
as scripts/refresh_advisories.py reads them from two sources:

- the PyPA Advisory Database (https://github.com/pypa/advisory-database, CC BY 4.0), OSV records
  read from a clone at one commit: `source` is that commit's URL and `covers_until` the date of
  the commit. Advisories published after that date are not in it;
- PyPI's JSON API, read on `as_of`: each package's newest release, the upload day of every
  release (so the day a fix came out) and, for the releases in `checked`, the advisories PyPI
  lists against them, which may be newer than the database copy but carry no publication date.

    package: Flask
    version: '3.1.3'                  # the pin in data/samples/requirements.txt
    requires_source: https://pypi.org/pypi/flask/json
    source: https://github.com/pypa/advisory-database/tree/<40-hex commit>
    covers_until: 2024-10-10
    as_of: 2026-12-07
    method: ...
    packages:
      - name: Flask                   # the framework's own package first
        newest: '3.1.3'
        checked: ['3.1.3']
        advisories:
          - id: PYSEC-2023-62
            aliases: [CVE-2023-30861, GHSA-m2qf-hxjv-5gpq]
            summary: ...
            severity: CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N
            affected:
              - {introduced: '0', fixed: 2.2.5}
            fixed: ['2.2.5', '2.3.2']
            published: 2023-05-02
            fix_released: 2023-05-02
            days_to_fix: 0
            url: https://github.com/pypa/advisory-database/blob/<commit>/vulns/flask/PYSEC-2023-62.yaml
      - name: Werkzeug
        requires: ['werkzeug>=3.1.0']
        ...

Rules (each problem reported as `file:line:column: field: message`):
- the folder holds only <framework slug>.yml files of known frameworks, each at most MAX_FILE_BYTES;
- ids and aliases are advisory ids (PYSEC-..., GHSA-..., CVE-...), package names PyPI names,
  versions PEP 440 versions; every text is a short text (fields.py: visible, limited);
- covers_until <= as_of; a dated advisory is published no later than covers_until; a fix is
  released no later than as_of; days_to_fix is given exactly when both days are, and equals their
  difference (negative when the fix came out before the advisory);
- the first package is the framework's own (`package`), which requires nothing; names and ids
  are unique; `listed_for` holds only `checked` releases; limits on every list.
Across files (collections.py's coverage rule): every framework has a record, for the package its
sheet names at the version data/samples/requirements.txt pins.

Counts (`security_summary`) never claim more than the data covers: a window that starts after
`covers_until` is not covered (None, never 0), and one it reaches into only partly says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from packaging.version import InvalidVersion, Version
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from macros.fields import HttpsUrl, PastDate, ShortText, Text
from macros.history import PINNED
from macros.problems import Problem
from macros.releases import slug_files
from macros.rules import normalise_package
from macros.schema_errors import validate
from macros.yaml_source import Document, parse
from macros.yaml_writer import Flow, Folded, Quoted, dump

ADVISORIES_DIR = Path("data") / "advisories"
DATABASE = "https://github.com/pypa/advisory-database"
DATABASE_NAME = "PyPA Advisory Database"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
WINDOW_MONTHS = 24

# Django's record, the largest (116 advisories), is about 90 KB.
MAX_FILE_BYTES = 400_000
MAX_PACKAGES = 40  # the most runtime dependencies here is Litestar's 16
MAX_ADVISORIES = 500  # of one package; Django has 116
MAX_ALIASES = 10
MAX_RANGES = 20
MAX_FIXED = 20
MAX_CHECKED = 50
MAX_REQUIRES = 5

ADVISORY_ID = re.compile(r"^[A-Z][A-Z0-9]{1,9}(-[A-Za-z0-9]{1,20}){1,5}$")
PACKAGE_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$")
# PEP 440's characters; packaging decides whether the whole is a version.
VERSION_TEXT = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.!+_-]{0,39}$")
CVSS = re.compile(r"^CVSS:(3\.[01]|4\.0)(/[A-Za-z]{1,3}:[A-Za-z]{1,2}){4,40}$")
PYPI_PROJECT = re.compile(
    r"^https://pypi\.org/pypi/[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?(/[0-9A-Za-z.!+_-]+)?/json$"
)


# ---------------------------------------------------------------------------
# Values


def parse_version(text: str) -> Version:
    if not VERSION_TEXT.match(text):
        raise ValueError(f"must be a version (PEP 440: digits, letters, '.', '!', '+', '-'), got {text[:60]!r}")
    try:
        return Version(text)
    except InvalidVersion:
        raise ValueError(f"{text!r} is not a PEP 440 version") from None


def _version(value: str) -> str:
    parse_version(value)
    return value


def _pattern(pattern: re.Pattern[str], what: str) -> Any:
    def check(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(f"must be {what}, got {value[:60]!r}")
        return value

    return AfterValidator(check)


def _pinned_database(value: str) -> str:
    if not PINNED.match(value):
        raise ValueError(f"must be the database's URL at a commit ({DATABASE}/tree/<40-hex commit>), got {value!r}")
    return value


def _pypi_api(value: str) -> str:
    if not PYPI_PROJECT.match(value):
        raise ValueError(
            f"must be PyPI's JSON API for the package (https://pypi.org/pypi/<name>[/<version>]/json), got {value!r}"
        )
    return value


AdvisoryId = Annotated[
    str, Field(max_length=60), _pattern(ADVISORY_ID, "an advisory id such as PYSEC-2024-24 or GHSA-5h86-8mv2-jq9f")
]
PackageName = Annotated[str, Field(max_length=100), _pattern(PACKAGE_NAME, "a PyPI package name")]
PackageVersion = Annotated[str, Field(max_length=40), AfterValidator(_version)]
CvssVector = Annotated[str, Field(max_length=200), _pattern(CVSS, "a CVSS 3.0, 3.1 or 4.0 vector (CVSS:3.1/AV:N/...)")]
DatabaseUrl = Annotated[HttpsUrl, AfterValidator(_pinned_database)]
PypiUrl = Annotated[HttpsUrl, AfterValidator(_pypi_api)]


# ---------------------------------------------------------------------------
# Schema (as written in the files)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AffectedRange(_Strict):
    introduced: PackageVersion = Field(description="The first affected version ('0': from the first release).")
    fixed: PackageVersion | None = Field(None, description="The first version no longer affected.")
    last_affected: PackageVersion | None = Field(None, description="The last affected version, when no fix is named.")

    @model_validator(mode="after")
    def _in_order(self) -> AffectedRange:
        if self.fixed and self.last_affected:
            raise ValueError("give fixed or last_affected, not both")
        end = self.fixed or self.last_affected
        if end and Version(end) < Version(self.introduced):
            raise ValueError(f"ends ({end}) before it starts ({self.introduced})")
        return self

    def contains(self, version: Version) -> bool:
        if version < Version(self.introduced):
            return False
        if self.fixed:
            return version < Version(self.fixed)
        return self.last_affected is None or version <= Version(self.last_affected)

    def __str__(self) -> str:
        start = "" if self.introduced == "0" else f">= {self.introduced}"
        end = f"< {self.fixed}" if self.fixed else f"<= {self.last_affected}" if self.last_affected else ""
        return ", ".join(part for part in (start, end) if part) or "every version"


class Advisory(_Strict):
    id: AdvisoryId = Field(description="The advisory's id in its source (PYSEC-..., GHSA-...).")
    aliases: list[AdvisoryId] = Field([], max_length=MAX_ALIASES, description="Its other ids (CVE, GHSA).")
    summary: ShortText = Field(description="What it is about, in at most 250 characters.")
    severity: CvssVector | None = Field(None, description="The CVSS vector the source gives, if any.")
    affected: list[AffectedRange] = Field([], max_length=MAX_RANGES, description="Affected version ranges.")
    fixed: list[PackageVersion] = Field([], max_length=MAX_FIXED, description="The versions that fix it.")
    published: PastDate | None = Field(None, description="When the source published it (PyPI gives no date).")
    fix_released: PastDate | None = Field(None, description="The earliest PyPI upload day (UTC) of a fixed version.")
    days_to_fix: int | None = Field(None, description="fix_released - published, in days, when both are known.")
    listed_for: list[PackageVersion] = Field(
        [], max_length=MAX_CHECKED, description="Checked releases PyPI lists it against (as of as_of)."
    )
    url: HttpsUrl = Field(description="Where to read it: the database's file at the commit, or PyPI's link.")


class PackageRecord(_Strict):
    name: PackageName = Field(description="The package's name on PyPI.")
    requires: list[Text] = Field(
        [], max_length=MAX_REQUIRES, description="The Requires-Dist entries that name it (none for the framework)."
    )
    newest: PackageVersion = Field(description="Its newest release on PyPI on as_of.")
    checked: list[PackageVersion] = Field(
        [], max_length=MAX_CHECKED, description="Releases whose PyPI list of known advisories was read on as_of."
    )
    advisories: list[Advisory] = Field([], max_length=MAX_ADVISORIES)


class AdvisoryFile(_Strict):
    package: PackageName = Field(description="The framework's package on PyPI.")
    version: PackageVersion = Field(description="The pinned version whose requirements were read.")
    requires_source: PypiUrl = Field(description="The PyPI JSON the Requires-Dist entries were read from.")
    source: DatabaseUrl = Field(description="The PyPA Advisory Database at the commit that was read.")
    covers_until: PastDate = Field(description="The date of that commit: the advisories run to it.")
    as_of: PastDate = Field(description="The day PyPI was read.")
    method: Text = Field(description="How packages and advisories were chosen, precisely enough to redo it.")
    packages: list[PackageRecord] = Field(min_length=1, max_length=MAX_PACKAGES)


# ---------------------------------------------------------------------------
# What the loader returns, and what pages and the API count from it


@dataclass(frozen=True)
class AdvisoryRecord:
    framework: str
    file: str
    data: AdvisoryFile

    @property
    def own(self) -> PackageRecord:
        return self.data.packages[0]

    @property
    def dependencies(self) -> list[PackageRecord]:
        return list(self.data.packages[1:])

    def rows(self) -> list[tuple[PackageRecord, Advisory]]:
        """Every advisory with its package, newest first (undated ones, known only from PyPI, first)."""
        rows = [(package, advisory) for package in self.data.packages for advisory in package.advisories]
        return sorted(rows, key=lambda row: (row[1].published or dt.date.max, row[1].id), reverse=True)

    def unfixed_in_pinned(self) -> list[Advisory]:
        """The framework package's advisories that affect the pinned version: by the database's
        ranges (to covers_until) or PyPI's list for that release (on as_of, if it was checked)."""
        pinned = Version(self.data.version)
        return [
            advisory
            for advisory in self.own.advisories
            if self.data.version in advisory.listed_for or any(item.contains(pinned) for item in advisory.affected)
        ]

    @property
    def unfixed_known_until(self) -> dt.date:
        """What unfixed_in_pinned can speak for: as_of when PyPI's list for the pinned release was read."""
        return self.data.as_of if self.data.version in self.own.checked else self.data.covers_until

    def open_in_newest(self, package: PackageRecord) -> list[Advisory]:
        return [advisory for advisory in package.advisories if package.newest in advisory.listed_for]


@dataclass(frozen=True)
class WindowCount:
    """Advisories published in a window, as far as the data covers it."""

    start: dt.date | None  # None: from the first advisory
    end: dt.date
    until: dt.date | None  # the last day of the window the data covers; None: none of it
    count: int | None  # None when the data covers none of the window (never 0 for that)

    @property
    def covered(self) -> bool:
        return self.until is not None

    @property
    def partial(self) -> bool:
        return self.until is not None and self.until < self.end


@dataclass(frozen=True)
class SecuritySummary:
    """One framework's counts, for its page, the compare page and the API: never a score."""

    framework: str
    package: str
    pinned: str
    covers_until: dt.date
    as_of: dt.date
    all_time: WindowCount
    recent: WindowCount  # the WINDOW_MONTHS months to as_of
    own: int  # of all_time, the framework's own package
    undated: int  # listed by PyPI against checked releases, without a publication date
    unfixed_in_pinned: int
    unfixed_known_until: dt.date
    open_in_newest: int  # in the newest releases of the framework and its dependencies, on as_of
    packages: int

    def as_json(self) -> dict[str, Any]:
        """Plain values for the JSON API: dates as text, a count the data does not cover as null."""
        return {
            "package": self.package,
            "pinned": self.pinned,
            "covers_until": self.covers_until.isoformat(),
            "as_of": self.as_of.isoformat(),
            "all_time": self.all_time.count,
            "own_package": self.own,
            "last_24_months": {
                "from": _iso(self.recent.start),
                "to": self.recent.end.isoformat(),
                "covered_until": _iso(self.recent.until),
                "count": self.recent.count,
            },
            "without_publication_date": self.undated,
            "unfixed_in_pinned": self.unfixed_in_pinned,
            "unfixed_known_until": self.unfixed_known_until.isoformat(),
            "open_in_newest_releases": self.open_in_newest,
            "packages": self.packages,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day where it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def window_count(record: AdvisoryRecord, start: dt.date | None, end: dt.date) -> WindowCount:
    until = min(end, record.data.covers_until)
    if start is not None and until < start:
        return WindowCount(start, end, None, None)
    dated = [advisory.published for _, advisory in record.rows() if advisory.published]
    count = sum(1 for day in dated if (start is None or day >= start) and day <= until)
    return WindowCount(start, end, until, count)


def security_summary(record: AdvisoryRecord) -> SecuritySummary:
    data = record.data
    return SecuritySummary(
        framework=record.framework,
        package=data.package,
        pinned=data.version,
        covers_until=data.covers_until,
        as_of=data.as_of,
        all_time=window_count(record, None, data.covers_until),
        recent=window_count(record, months_before(data.as_of, WINDOW_MONTHS), data.as_of),
        own=sum(1 for advisory in record.own.advisories if advisory.published),
        undated=sum(1 for _, advisory in record.rows() if advisory.published is None),
        unfixed_in_pinned=len(record.unfixed_in_pinned()),
        unfixed_known_until=record.unfixed_known_until,
        open_in_newest=sum(len(record.open_in_newest(package)) for package in data.packages),
        packages=len(data.packages),
    )


# ---------------------------------------------------------------------------
# Severity: the CVSS 3.x base score, computed from the vector by FIRST's formula


_CVSS3 = {
    "AV": {"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2},
    "AC": {"L": 0.77, "H": 0.44},
    "UI": {"N": 0.85, "R": 0.62},
    "C": {"H": 0.56, "L": 0.22, "N": 0.0},
    "I": {"H": 0.56, "L": 0.22, "N": 0.0},
    "A": {"H": 0.56, "L": 0.22, "N": 0.0},
}
RATINGS = ((0.0, "None"), (3.9, "Low"), (6.9, "Medium"), (8.9, "High"), (10.0, "Critical"))
_PRIVILEGES = {"U": {"N": 0.85, "L": 0.62, "H": 0.27}, "C": {"N": 0.85, "L": 0.68, "H": 0.5}}


def _round_up(value: float, version: str) -> float:
    """CVSS's Roundup: 3.1 works in integers so that 4.0000000001 is not 4.1."""
    if version == "3.0":
        return -(-value * 10 // 1) / 10
    whole = round(value * 100_000)
    return whole / 100_000 if whole % 10_000 == 0 else (whole // 10_000 + 1) / 10


def cvss3_score(vector: str) -> float | None:
    """The base score of a CVSS 3.0 or 3.1 vector, or None for other versions or a vector missing a metric."""
    parts = vector.split("/")
    version = parts[0].removeprefix("CVSS:")
    metrics = dict(part.split(":", 1) for part in parts[1:] if ":" in part)
    if version not in ("3.0", "3.1"):
        return None
    try:
        scope = metrics["S"]
        weights = {key: table[metrics[key]] for key, table in _CVSS3.items()}
        privileges = _PRIVILEGES[scope][metrics["PR"]]
    except KeyError:
        return None
    base = 1 - (1 - weights["C"]) * (1 - weights["I"]) * (1 - weights["A"])
    impact = 6.42 * base if scope == "U" else 7.52 * (base - 0.029) - 3.25 * (base - 0.02) ** 15
    exploitability = 8.22 * weights["AV"] * weights["AC"] * privileges * weights["UI"]
    if impact <= 0:
        return 0.0
    total = impact + exploitability if scope == "U" else 1.08 * (impact + exploitability)
    return _round_up(min(total, 10), version)


def severity_label(vector: str | None) -> str | None:
    """'High 7.5' from a CVSS 3.x vector; 'CVSS 4.0' for a vector whose score is not computed here."""
    if vector is None:
        return None
    score = cvss3_score(vector)
    if score is None:
        return vector.split("/", 1)[0].replace(":", " ")
    rating = next(name for limit, name in RATINGS if score <= limit)
    return f"{rating} {score:.1f}"


# ---------------------------------------------------------------------------
# Loading


def load_advisories(root: Path, slugs: Iterable[str]) -> tuple[list[AdvisoryRecord], list[Problem]]:
    """Every record under data/advisories/, sorted by framework, and every problem found.

    No folder means no records and no problem (coverage names what is missing); a file with any
    problem is left out.
    """
    records: list[AdvisoryRecord] = []
    problems: list[Problem] = []
    for path, found in slug_files(root, ADVISORIES_DIR, slugs, MAX_FILE_BYTES):
        problems += found
        if path is None:
            continue
        doc = parse(path, root, MAX_FILE_BYTES)
        if not doc.problems and not isinstance(doc.data, dict):
            doc.problem((), "a security record must be a mapping of fields")
        data = None if doc.problems else validate(doc, AdvisoryFile, doc.data)
        if data is not None:
            _check(doc, data)
        problems += doc.problems
        if data is not None and not doc.problems:
            records.append(AdvisoryRecord(path.stem, doc.name, data))
    return records, problems


def _check(doc: Document, data: AdvisoryFile) -> None:
    """The rules across fields that the schema cannot state."""
    if data.covers_until > data.as_of:
        doc.problem(("covers_until",), f"{data.covers_until} is after as_of ({data.as_of})")
    own = data.packages[0]
    if normalise_package(own.name) != normalise_package(data.package):
        doc.problem(("packages", 0, "name"), f"the first package must be the framework's own, {data.package!r}")
    if own.requires:
        doc.problem(("packages", 0, "requires"), "the framework's own package requires nothing of itself")
    names: set[str] = set()
    for index, package in enumerate(data.packages):
        where: tuple[str | int, ...] = ("packages", index)
        if (key := normalise_package(package.name)) in names:
            doc.problem((*where, "name"), f"{package.name!r} is listed twice")
        names.add(key)
        if index and not package.requires:
            doc.problem((*where, "requires"), "give the Requires-Dist entries that name this dependency")
        _check_package(doc, data, package, where)


def _check_package(doc: Document, data: AdvisoryFile, package: PackageRecord, where: tuple[str | int, ...]) -> None:
    if len(set(package.checked)) != len(package.checked):
        doc.problem((*where, "checked"), "a release is listed twice")
    ids: set[str] = set()
    for index, advisory in enumerate(package.advisories):
        at = (*where, "advisories", index)
        if advisory.id in ids:
            doc.problem((*at, "id"), f"{advisory.id} is listed twice")
        ids.add(advisory.id)
        if advisory.published and advisory.published > data.covers_until:
            doc.problem((*at, "published"), f"{advisory.published} is after covers_until ({data.covers_until})")
        if advisory.fix_released and advisory.fix_released > data.as_of:
            doc.problem((*at, "fix_released"), f"{advisory.fix_released} is after as_of ({data.as_of})")
        if advisory.published and advisory.fix_released:
            days = (advisory.fix_released - advisory.published).days
            if advisory.days_to_fix != days:
                doc.problem((*at, "days_to_fix"), f"must be {days}: fix_released - published, in days")
        elif advisory.days_to_fix is not None:
            doc.problem((*at, "days_to_fix"), "give it only when both published and fix_released are known")
        if unchecked := sorted(set(advisory.listed_for) - set(package.checked)):
            doc.problem((*at, "listed_for"), f"{', '.join(unchecked)} not in this package's checked releases")
        if advisory.fix_released and not advisory.fixed:
            doc.problem((*at, "fix_released"), "a fix was released, but no fixed version is given")


# ---------------------------------------------------------------------------
# Writing


def dump_advisories(data: AdvisoryFile, name: str) -> str:
    """The canonical text of a record, with the database's attribution and licence in its header."""

    def advisory(item: Advisory) -> dict[str, Any]:
        fields: dict[str, Any] = {"id": item.id}
        if item.aliases:
            fields["aliases"] = list(item.aliases)
        fields["summary"] = item.summary
        if item.severity:
            fields["severity"] = item.severity
        if item.affected:
            fields["affected"] = [
                Flow({key: Quoted(value) for key, value in part.model_dump(exclude_none=True).items()})
                for part in item.affected
            ]
        fields["fixed"] = [Quoted(version) for version in item.fixed]
        for key in ("published", "fix_released", "days_to_fix"):
            if getattr(item, key) is not None:
                fields[key] = getattr(item, key)
        if item.listed_for:
            fields["listed_for"] = [Quoted(version) for version in item.listed_for]
        fields["url"] = item.url
        return fields

    def package(item: PackageRecord) -> dict[str, Any]:
        fields: dict[str, Any] = {"name": item.name}
        if item.requires:
            fields["requires"] = list(item.requires)
        fields |= {
            "newest": Quoted(item.newest),
            "checked": [Quoted(version) for version in item.checked],
            "advisories": [advisory(entry) for entry in item.advisories],
        }
        return fields

    text = {
        "package": data.package,
        "version": Quoted(data.version),
        "requires_source": data.requires_source,
        "source": data.source,
        "covers_until": data.covers_until,
        "as_of": data.as_of,
        "method": Folded(data.method),
        "packages": [package(item) for item in data.packages],
    }
    header = (
        f"Security record of {name}, written by scripts/refresh_advisories.py (see macros/advisories.py). "
        f"Advisories from the {DATABASE_NAME} ({DATABASE}), licensed {LICENCE} ({LICENCE_URL}), "
        "and from PyPI's JSON API."
    )
    return dump(text, header)
