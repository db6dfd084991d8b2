"""Write each framework's security record, data/advisories/<slug>.yml, from the PyPA Advisory
Database and PyPI.

For each fact sheet in data/frameworks/ (or the slugs named):
1. The packages: the sheet's `pypi` package and every Requires-Dist entry of the version pinned in
   data/samples/requirements.txt that no `extra` selects (python_version, sys_platform and other
   markers are kept and stated), read from
     GET https://pypi.org/pypi/{package}/{version}/json     info.requires_dist
   or, where that answer is not available, from https://pypi.org/pypi/{package}/json when its
   newest release is the pinned one (the API it came from is recorded as `requires_source`).
2. Each package's advisories: the OSV records under vulns/<package>/ of a clone of
   https://github.com/pypa/advisory-database (--database, read with git at its HEAD; never run),
   withdrawn ones left out, with the affected ECOSYSTEM ranges, the fixed versions, the CVSS vector
   when given and the publication day. `source` is the database at that commit, `covers_until` the
   commit's date (UTC): the database's advisories run to it.
3. Each package's PyPI JSON (https://pypi.org/pypi/{package}/json, read today: `as_of`): its newest
   release, the upload day (UTC) of each final release, so the day the first fixed release came out
   and the days from publication to it; and the advisories PyPI lists against its newest release.
   PyPI lists advisories per release, with ids, aliases and fixed versions but no publication day;
   the releases uploaded after covers_until (newest first, at most MAX_CHECKED) are read too, from
   https://pypi.org/pypi/{package}/{version}/json, until one answers 404 (that API is not
   available from here): each record says which releases were `checked`. An advisory PyPI lists
   that the database copy does not hold (by id or alias) is added without a publication day.

Everything read comes from outside, so shapes, sizes, ids, versions, dates and URLs are checked
before anything is written, texts are cut to the site's limits, and the file's text is loaded with
macros.advisories' own loader. A framework with a bad input gets nothing written and one line on
stderr; the others go on, and the script exits 1 at the end. Files are replaced atomically.

Usage: python -m scripts.refresh_advisories --database PATH [SLUG ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.version import Version
from pydantic import ValidationError

from macros.advisories import (
    ADVISORIES_DIR,
    ADVISORY_ID,
    CVSS,
    DATABASE,
    MAX_ADVISORIES,
    MAX_ALIASES,
    MAX_CHECKED,
    MAX_FIXED,
    MAX_PACKAGES,
    MAX_RANGES,
    MAX_REQUIRES,
    AdvisoryFile,
    AdvisoryRecord,
    dump_advisories,
    load_advisories,
    parse_version,
)
from macros.collections import PINS, _read_pins
from macros.fields import INVISIBLE, LIMITS, NONCHARACTER, PLACEHOLDER, https_url
from macros.model import ROOT, Framework
from macros.problems import dotted
from macros.rules import normalise_package
from macros.yaml_source import parse
from scripts.refresh_releases import PYPI_OPENED, api_url, as_loaded, read_release_list, read_sheet, write_atomically

Fetch = Callable[[str, dict[str, str]], Any]

USER_AGENT = "python-web-frameworks-compared/refresh_advisories.py (+https://github.com/)"
TIMEOUT_SECONDS = 60
MAX_RESPONSE_BYTES = 64_000_000  # aiohttp's project answer lists every wheel: 10 MB
MAX_RECORD_BYTES = 200_000  # one OSV record; Django's longest lists every affected version: 20 KB
MAX_RECORDS = 2_000  # files under one package's folder of the database
MAX_REQUIREMENTS = 500  # Requires-Dist entries of one release; Sanic's has 90
MAX_EVENTS = 100  # events of one affected range
MAX_LISTED = 200  # advisories PyPI lists against one release
SHA = re.compile(r"^[0-9a-f]{40}$")
RECORD_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
EXTRA = re.compile(r"\bextra\b")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")

METHOD = (
    "Packages: the framework's and each Requires-Dist entry of its pin that no extra selects (other markers "
    "kept). Advisories: the PyPA Advisory Database's OSV records at the source commit, unless withdrawn "
    "(ranges, fixed versions, CVSS vector, publication day; summary: the record's or the details' opening "
    "sentences to 250 characters, less one introducing the package), and those PyPI's JSON API lists "
    "for checked releases on as_of (undated). fix_released: a fixed version's first PyPI upload (UTC)."
)


class BadInput(ValueError):
    """An answer or a database record this script will not write from."""


class NotFound(Exception):
    """The API answered 404: that address is not available (PyPI's per-release answers, here)."""


def fetch_json(url: str, headers: dict[str, str]) -> Any:
    """GET a JSON document of at most MAX_RESPONSE_BYTES; NotFound on a 404."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise NotFound(url) from None
        raise
    if len(body) > MAX_RESPONSE_BYTES:
        raise BadInput(f"the answer is larger than {MAX_RESPONSE_BYTES:,} bytes")
    return json.loads(body)


def release_url(package: str, version: str) -> str:
    return api_url(package).removesuffix("json") + f"{version}/json"


# ---------------------------------------------------------------------------
# Text from the sources: one line, visible characters, within the site's limits


def short_text(text: str, limit: int = LIMITS["short"], package: str = "") -> str:
    """The opening sentences of `text` that fit in `limit` characters, on one line, without
    invisible characters; the first sentence cut at a word when even it does not fit. A first
    sentence that only introduces `package` ("Werkzeug is a comprehensive WSGI web application
    library.", as GitHub's advisories begin) is left out when more follows."""
    text = " ".join(NONCHARACTER.sub("", INVISIBLE.sub(" ", text)).split())
    first, *rest = SENTENCE_END.split(text, maxsplit=1)
    if package and rest and re.match(rf"{re.escape(package)} is an? ", first, re.IGNORECASE):
        text = rest[0]
    # Validation refuses the upper-case markers of unfinished text, which a source may use in earnest.
    text = PLACEHOLDER.sub(lambda match: match.group(0).lower(), text)
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in SENTENCE_END.split(text):
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    return kept or text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"


def _day(value: Any, where: str, today: dt.date) -> dt.date:
    """A UTC day from an RFC 3339 time (or a plain day), between PyPI's opening and today."""
    if not isinstance(value, str) or len(value) > 40:
        raise BadInput(f"{where}: expected a date, got {repr(value)[:60]}")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise BadInput(f"{where}: {value!r} is not a date") from None
    day = moment.astimezone(dt.UTC).date() if moment.tzinfo else moment.date()
    if not PYPI_OPENED <= day <= today:
        raise BadInput(f"{where}: {day} is outside {PYPI_OPENED} to {today}")
    return day


def _version(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise BadInput(f"{where}: a version must be text, got {repr(value)[:60]}")
    try:
        parse_version(value)
    except ValueError as error:
        raise BadInput(f"{where}: {error}") from None
    return value


def _ids(values: Any, where: str) -> list[str]:
    if not isinstance(values, list) or len(values) > MAX_ALIASES:
        raise BadInput(f"{where}: expected a list of at most {MAX_ALIASES} ids")
    for value in values:
        if not isinstance(value, str) or len(value) > 60 or not ADVISORY_ID.match(value):
            raise BadInput(f"{where}: {repr(value)[:80]} is not an advisory id")
    return list(dict.fromkeys(values))


def _sorted_versions(versions: list[str]) -> list[str]:
    return sorted(dict.fromkeys(versions), key=Version)


# ---------------------------------------------------------------------------
# The PyPA Advisory Database, read from a clone with git


@dataclass
class Database:
    """A clone of pypa/advisory-database at its HEAD: plain git reads, nothing in it is run."""

    path: Path
    commit: str = ""
    date: dt.date = PYPI_OPENED
    folders: dict[str, str] = field(default_factory=dict)  # normalised package name -> folder under vulns/

    def __post_init__(self) -> None:
        self.git_dir = self.path / ".git" if (self.path / ".git").exists() else self.path
        self.commit = self._git("rev-parse", "--verify", "HEAD^{commit}").strip()
        if not SHA.match(self.commit):
            raise BadInput(f"{self.path}: HEAD is not a commit")
        stamp = self._git("show", "-s", "--format=%cI", self.commit).strip()
        self.date = _day(stamp, "the database's last commit", dt.datetime.now(dt.UTC).date())
        listing = self._git("ls-tree", "-z", "--name-only", f"{self.commit}:vulns")
        self.folders = {normalise_package(name): name for name in listing.split("\0") if name}

    def _git(self, *args: str) -> str:
        result = subprocess.run(
            ["git", f"--git-dir={self.git_dir}", *args], capture_output=True, timeout=120, check=False
        )
        if result.returncode:
            raise BadInput(f"git {args[0]} in {self.path}: {result.stderr.decode(errors='replace').strip()[:300]}")
        return result.stdout.decode("utf-8", errors="replace")

    @property
    def source(self) -> str:
        return f"{DATABASE}/tree/{self.commit}"

    def records(self, package: str) -> list[tuple[str, str]]:
        """(path in the repository, text) of each record under vulns/<package>/."""
        folder = self.folders.get(normalise_package(package))
        if folder is None:
            return []
        listing = self._git("ls-tree", "-z", "-l", f"{self.commit}:vulns/{folder}")
        entries = [line for line in listing.split("\0") if line]
        if len(entries) > MAX_RECORDS:
            raise BadInput(f"vulns/{folder}: {len(entries):,} files; at most {MAX_RECORDS:,} are read")
        records = []
        for entry in entries:
            meta, name = entry.split("\t", 1)
            kind, blob, size = meta.split()[1:4]
            if kind != "blob" or not name.endswith((".yaml", ".json")):
                continue
            if not RECORD_NAME.match(name):
                raise BadInput(f"vulns/{folder}: {name[:80]!r} is not a record's file name")
            if int(size) > MAX_RECORD_BYTES:
                raise BadInput(f"vulns/{folder}/{name}: {int(size):,} bytes; at most {MAX_RECORD_BYTES:,}")
            records.append((f"vulns/{folder}/{name}", self._git("cat-file", "blob", blob)))
        return records

    def url(self, path: str) -> str:
        return f"{DATABASE}/blob/{self.commit}/{path}"


def read_records(database: Database, package: str, today: dt.date) -> list[dict[str, Any]]:
    """The database's advisories for `package`, as fields of macros.advisories.Advisory (withdrawn left out)."""
    advisories = []
    with tempfile.TemporaryDirectory() as folder:
        for path, text in database.records(package):
            # The project's reader of untrusted YAML: no anchors, aliases or tags, limited depth and size.
            copy = Path(folder) / "record.yml"
            copy.write_text(text, encoding="utf-8")
            doc = parse(copy, Path(folder), MAX_RECORD_BYTES)
            if doc.problems:
                raise BadInput(f"{path}: {doc.problems[0].message}")
            advisory = osv_advisory(doc.data, package, path, database, today)
            if advisory is not None:
                advisories.append(advisory)
    if len(advisories) > MAX_ADVISORIES:
        raise BadInput(f"{package}: {len(advisories):,} advisories; a record holds at most {MAX_ADVISORIES:,}")
    return advisories


def osv_advisory(data: Any, package: str, path: str, database: Database, today: dt.date) -> dict[str, Any] | None:
    """One OSV record as Advisory fields, or None when it is withdrawn or names no range of `package`."""
    if not isinstance(data, dict):
        raise BadInput(f"{path}: expected a mapping")
    ident = data.get("id")
    if not isinstance(ident, str) or len(ident) > 60 or not ADVISORY_ID.match(ident):
        raise BadInput(f"{path}: id {repr(ident)[:80]} is not an advisory id")
    if data.get("withdrawn") is not None:
        return None
    affected = [
        entry
        for entry in _list(data.get("affected"), f"{path}: affected", MAX_RANGES)
        if isinstance(entry, dict)
        and isinstance(entry.get("package"), dict)
        and entry["package"].get("ecosystem") == "PyPI"
        and isinstance(entry["package"].get("name"), str)
        and normalise_package(entry["package"]["name"]) == normalise_package(package)
    ]
    if not affected:
        return None
    ranges: list[dict[str, str]] = []
    for entry in affected:
        for item in _list(entry.get("ranges", []), f"{path}: ranges", MAX_RANGES):
            if isinstance(item, dict) and item.get("type") == "ECOSYSTEM":
                ranges += _ranges(_list(item.get("events"), f"{path}: events", MAX_EVENTS), path)
    if len(ranges) > MAX_RANGES:
        raise BadInput(f"{path}: {len(ranges)} affected ranges; at most {MAX_RANGES}")
    summary = data.get("summary") if isinstance(data.get("summary"), str) else data.get("details")
    if not isinstance(summary, str) or not short_text(summary, package=package):
        raise BadInput(f"{path}: neither summary nor details is a text")
    fields: dict[str, Any] = {
        "id": ident,
        "aliases": [alias for alias in _ids(data.get("aliases") or [], f"{path}: aliases") if alias != ident],
        "summary": short_text(summary, package=package),
        "severity": _severity(data.get("severity"), path),
        "affected": ranges,
        "fixed": _sorted_versions([item["fixed"] for item in ranges if "fixed" in item]),
        "published": _day(data.get("published"), f"{path}: published", min(today, database.date)),
        "url": database.url(path),
    }
    if len(fields["fixed"]) > MAX_FIXED:
        raise BadInput(f"{path}: {len(fields['fixed'])} fixed versions; at most {MAX_FIXED}")
    return fields


def _list(value: Any, where: str, most: int) -> list[Any]:
    if not isinstance(value, list) or len(value) > most:
        raise BadInput(f"{where}: expected a list of at most {most} entries")
    return value


def _ranges(events: list[Any], path: str) -> list[dict[str, str]]:
    """OSV events (introduced, then fixed or last_affected, ...) as ranges; one left open runs on."""
    ranges: list[dict[str, str]] = []
    start: str | None = None
    for event in events:
        if not isinstance(event, dict) or len(event) != 1:
            raise BadInput(f"{path}: an event must be one of introduced, fixed, last_affected or limit")
        [(kind, value)] = event.items()
        if kind == "limit":
            continue
        version = _version(value, f"{path}: {kind}")
        if kind == "introduced":
            if start is not None:
                ranges.append({"introduced": start})
            start = version
        elif kind in ("fixed", "last_affected"):
            ranges.append({"introduced": start or "0", kind: version})
            start = None
        else:
            raise BadInput(f"{path}: unknown event {str(kind)[:40]!r}")
    if start is not None:
        ranges.append({"introduced": start})
    return ranges


def _severity(value: Any, path: str) -> str | None:
    """The first CVSS vector the record gives."""
    if value is None:
        return None
    for item in _list(value, f"{path}: severity", 10):
        # CVSS 2 vectors carry no version prefix and have no place in the record.
        if isinstance(item, dict) and item.get("type") in ("CVSS_V3", "CVSS_V4"):
            score = item.get("score")
            if not isinstance(score, str) or len(score) > 200 or not CVSS.match(score):
                raise BadInput(f"{path}: severity {repr(score)[:80]} is not a CVSS 3 or 4 vector")
            return score
    return None


# ---------------------------------------------------------------------------
# PyPI


@dataclass
class Project:
    """What PyPI's project answer says of one package."""

    name: str
    newest: str
    uploads: dict[str, dt.date]  # final release -> its first upload day (UTC)
    listed: dict[str, list[dict[str, Any]]]  # checked release -> the advisories PyPI lists against it
    info: dict[str, Any]


def read_project(package: str, fetch: Fetch, today: dt.date) -> Project:
    data = fetch(api_url(package), {})
    releases, _ = read_release_list(data, package, today)
    info = data["info"]
    name, newest = info.get("name"), _version(info.get("version"), f"{package}: info.version")
    if not isinstance(name, str) or len(name) > 100:
        raise BadInput(f"{package}: info.name is not a package name")
    listed = {newest: pypi_vulnerabilities(data.get("vulnerabilities"), f"{package} {newest}", package)}
    return Project(name, newest, {entry.version: entry.date for entry in releases}, listed, info)


def pypi_vulnerabilities(value: Any, where: str, package: str) -> list[dict[str, Any]]:
    """PyPI's `vulnerabilities` of one release, checked, without the withdrawn ones."""
    listed = []
    for item in _list(value, f"{where}: vulnerabilities", MAX_LISTED):
        if not isinstance(item, dict):
            raise BadInput(f"{where}: a vulnerability must be an object")
        ident = item.get("id")
        if not isinstance(ident, str) or len(ident) > 60 or not ADVISORY_ID.match(ident):
            raise BadInput(f"{where}: id {repr(ident)[:80]} is not an advisory id")
        if item.get("withdrawn") is not None:
            continue
        fixed = _list(item.get("fixed_in") or [], f"{where}: {ident}: fixed_in", MAX_FIXED)
        summary = next((text for text in (item.get("summary"), item.get("details")) if isinstance(text, str)), "")
        link = item.get("link")
        try:
            https_url(link if isinstance(link, str) and len(link) <= LIMITS["url"] else "")
        except ValueError:
            raise BadInput(f"{where}: {ident}: link {repr(link)[:80]} is not an https URL") from None
        listed.append(
            {
                "id": ident,
                "aliases": _ids(item.get("aliases") or [], f"{where}: {ident}: aliases"),
                "summary": short_text(summary, package=package) or "PyPI gives no summary.",
                "fixed": _sorted_versions([_version(version, f"{where}: {ident}: fixed_in") for version in fixed]),
                "url": link,
            }
        )
    return listed


def check_releases(project: Project, package: str, since: dt.date, fetch: Fetch, reachable: list[bool]) -> None:
    """Read PyPI's list for each release uploaded after `since` (newest first, at most MAX_CHECKED in all),
    until the per-release API answers 404, which sets reachable[0] to False for the rest of the run."""
    later = [version for version, day in project.uploads.items() if day > since and version != project.newest]
    for version in sorted(later, key=Version, reverse=True)[: MAX_CHECKED - 1]:
        if not reachable[0]:
            return
        try:
            data = fetch(release_url(package, version), {})
        except NotFound:
            reachable[0] = False
            return
        if not isinstance(data, dict) or not isinstance(data.get("info"), dict):
            raise BadInput(f"{package} {version}: expected a JSON object with an object 'info'")
        if data["info"].get("version") != version:
            raise BadInput(f"{package} {version}: the answer is for {repr(data['info'].get('version'))[:40]}")
        project.listed[version] = pypi_vulnerabilities(data.get("vulnerabilities"), f"{package} {version}", package)


# ---------------------------------------------------------------------------
# Requirements of the pinned release


@dataclass
class Requirements:
    source: str
    dependencies: dict[str, list[str]]  # normalised name -> the Requires-Dist entries naming it
    listed: dict[str, list[dict[str, Any]]]  # the pinned release -> what PyPI lists against it, if read


def requirements(package: str, pinned: str, project: Project, fetch: Fetch) -> Requirements:
    """The Requires-Dist entries of the pinned release that no extra selects, by package."""
    url = release_url(package, pinned)
    listed = {}
    try:
        data = fetch(url, {})
        info = data.get("info") if isinstance(data, dict) else None
        if not isinstance(info, dict) or info.get("version") != pinned:
            raise BadInput(f"{url}: the answer is not for {package} {pinned}")
        listed[pinned] = pypi_vulnerabilities(data.get("vulnerabilities"), f"{package} {pinned}", package)
    except NotFound:
        if project.newest != pinned:
            raise BadInput(
                f"{url} answered 404 and the newest release is {project.newest}, not the pinned {pinned}"
            ) from None
        url, info = api_url(package), project.info
    entries = info.get("requires_dist") or []
    if not isinstance(entries, list) or len(entries) > MAX_REQUIREMENTS:
        raise BadInput(f"{url}: requires_dist must be a list of at most {MAX_REQUIREMENTS} entries")
    dependencies: dict[str, list[str]] = {}
    for entry in entries:
        if not isinstance(entry, str) or len(entry) > LIMITS["text"]:
            raise BadInput(f"{url}: a Requires-Dist entry must be a text of at most {LIMITS['text']} characters")
        try:
            requirement = Requirement(entry)
        except InvalidRequirement as error:
            raise BadInput(f"{url}: {entry[:80]!r} is not a requirement: {str(error)[:120]}") from None
        if requirement.marker is not None and EXTRA.search(str(requirement.marker)):
            continue
        name = normalise_package(requirement.name)
        if name != normalise_package(package):
            dependencies.setdefault(name, []).append(" ".join(INVISIBLE.sub(" ", entry).split()))
    if len(dependencies) >= MAX_PACKAGES:
        raise BadInput(f"{url}: {len(dependencies)} runtime dependencies; a record holds at most {MAX_PACKAGES - 1}")
    for name, written in dependencies.items():
        if len(written) > MAX_REQUIRES:
            raise BadInput(f"{url}: {name} is named by {len(written)} entries; at most {MAX_REQUIRES}")
    return Requirements(url, dependencies, listed)


# ---------------------------------------------------------------------------
# The record


def package_record(
    package: str,
    requires: list[str],
    project: Project,
    database_advisories: list[dict[str, Any]],
) -> dict[str, Any]:
    """One package's entry: the database's advisories, each with the checked releases PyPI lists it
    against, then those PyPI lists that the database does not hold; with fix days from PyPI."""
    advisories = [dict(item, listed_for=[]) for item in database_advisories]
    known = {name: item for item in advisories for name in (item["id"], *item["aliases"])}
    for version in sorted(project.listed, key=Version, reverse=True):
        for listed in project.listed[version]:
            match = next((known[name] for name in (listed["id"], *listed["aliases"]) if name in known), None)
            if match is None:
                match = dict(listed, affected=[], listed_for=[])
                advisories.append(match)
                known |= {name: match for name in (listed["id"], *listed["aliases"])}
            if version not in match["listed_for"]:
                match["listed_for"].append(version)
    for advisory in advisories:
        days = [project.uploads[version] for version in advisory["fixed"] if version in project.uploads]
        advisory["fix_released"] = min(days, default=None)
        if advisory.get("published") and advisory["fix_released"]:
            advisory["days_to_fix"] = (advisory["fix_released"] - advisory["published"]).days
        advisory["listed_for"] = _sorted_versions(advisory["listed_for"])
    advisories.sort(key=lambda item: (item.get("published") or dt.date.max, item["id"]))
    fields: dict[str, Any] = {"name": project.name, "newest": project.newest}
    if requires:
        fields["requires"] = requires
    return fields | {"checked": _sorted_versions(list(project.listed)), "advisories": advisories}


@dataclass
class Run:
    """What one run shares across frameworks: the database, today, and each package read once."""

    database: Database
    fetch: Fetch
    today: dt.date
    reachable: list[bool] = field(default_factory=lambda: [True])  # PyPI's per-release answers
    projects: dict[str, Project] = field(default_factory=dict)
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def project(self, package: str) -> Project:
        key = normalise_package(package)
        if key not in self.projects:
            project = read_project(package, self.fetch, self.today)
            check_releases(project, package, self.database.date, self.fetch, self.reachable)
            self.projects[key] = project
        return self.projects[key]

    def advisories(self, package: str) -> list[dict[str, Any]]:
        key = normalise_package(package)
        if key not in self.records:
            self.records[key] = read_records(self.database, package, self.today)
        return self.records[key]


def record_text(framework: Framework, pinned: str, run: Run) -> tuple[str, AdvisoryRecord]:
    """The text of data/advisories/<slug>.yml for one framework, checked by the loader."""
    package = framework.pypi
    project = run.project(package)
    if pinned not in project.uploads and pinned != project.newest:
        raise BadInput(f"{package} {pinned} (the pin in {PINS}) is not a release on PyPI")
    needed = requirements(package, pinned, project, run.fetch)
    # The pinned release's list, read with its requirements, belongs to this record only: the
    # package's entry in other records (Flask's in Quart's) must not depend on the order of the run.
    own = replace(project, listed=project.listed | needed.listed)
    packages = [package_record(package, [], own, run.advisories(package))]
    for name, requires in needed.dependencies.items():
        packages.append(package_record(name, requires, run.project(name), run.advisories(name)))
    fields = {
        "package": project.name,
        "version": pinned,
        "requires_source": needed.source,
        "source": run.database.source,
        "covers_until": run.database.date,
        "as_of": run.today,
        "method": METHOD,
        "packages": packages,
    }
    try:
        data = AdvisoryFile.model_validate(fields)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        raise BadInput(f"{dotted(tuple(first['loc']))}: {first['msg']}") from None
    text = dump_advisories(data, framework.name)
    return text, checked(text, framework.slug)


def checked(text: str, slug: str) -> AdvisoryRecord:
    """The record `text` holds, read by macros.advisories' loader as data/advisories/<slug>.yml."""
    return as_loaded(text, ADVISORIES_DIR, slug, load_advisories, BadInput)


# ---------------------------------------------------------------------------


def refresh(
    root: Path, database: Database, fetch: Fetch, today: dt.date, only: list[str] | None = None
) -> tuple[list[str], list[str]]:
    """Write the record of every framework (or those in `only`); returns (written, failures)."""
    written: list[str] = []
    failures: list[str] = []
    run = Run(database, fetch, today)
    pins, problems = _read_pins(root / PINS, root)
    if problems:
        return [], [f"{PINS}: {problems[0].message}"]
    for path in sorted((root / "data" / "frameworks").glob("*.yml")):
        slug = path.stem
        if only and slug not in only:
            continue
        try:
            framework = read_sheet(path, root)
            pinned = pins.get(normalise_package(framework.pypi))
            if pinned is None:
                raise BadInput(f"{framework.pypi} is not pinned in {PINS}")
            text, _ = record_text(framework, pinned, run)
            target = root / ADVISORIES_DIR / f"{slug}.yml"
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, text)
            written.append(target.relative_to(root).as_posix())
        except Exception as error:  # one framework's bad input must not cost the others theirs
            failures.append(f"{slug}: nothing written: {type(error).__name__}: {str(error)[:500]}")
    if not run.reachable[0]:
        print(
            "refresh_advisories.py: PyPI's per-release answers are not available here (404): "
            "only each package's newest release was checked",
            file=sys.stderr,
        )
    return written, failures


def main(argv: list[str] | None = None, fetch: Fetch = fetch_json, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", metavar="SLUG", help="refresh only these frameworks")
    parser.add_argument(
        "--database", required=True, type=Path, help="a clone of pypa/advisory-database (work tree or git dir)"
    )
    args = parser.parse_args(argv)
    known = {path.stem for path in (root / "data" / "frameworks").glob("*.yml")}
    if unknown := sorted(set(args.slugs) - known):
        parser.error(f"no fact sheet data/frameworks/<slug>.yml for: {', '.join(unknown)}")
    try:
        database = Database(args.database)
    except (BadInput, OSError, subprocess.SubprocessError) as error:
        print(f"refresh_advisories.py: {error}", file=sys.stderr)
        return 1
    written, failures = refresh(root, database, fetch, dt.datetime.now(dt.UTC).date(), args.slugs)
    for line in written:
        print(f"wrote {line}")
    for failure in failures:
        print(f"refresh_advisories.py: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
