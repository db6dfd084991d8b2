"""Write each framework's release history, data/releases/<slug>.yml, from PyPI's release list.

For each fact sheet in data/frameworks/ (or the slugs named), it reads
  PyPI JSON API   GET https://pypi.org/pypi/{package}/json   releases: {version: [file, ...]}
for the sheet's `pypi` package and writes, through macros.releases.dump_releases, every final
release (digits and dots: no pre-, post- or dev release) dated by the earliest upload time of its
files as a UTC date, in version order, with the API as `source`, today (UTC) as `as_of` and the
method stated. Left out, and said so in the method: releases with no files, releases whose files
are all yanked, and late uploads, whose upload day cannot be their release day: a release dated
after a later release of its series, or a series opening after a later series opened (Tornado's
1.1 to 2.2.1 were uploaded in 2014, after 2.3 and 2.4).

Python versions, said so in `python_method`: each release's `requires_python`, that of its
earliest-uploaded file that states one (yanked files aside), as PyPI gives it; and for the latest
release of each series with a release in the 24 months before today, `classifiers`, the X.Y
versions its 'Programming Language :: Python :: X.Y' classifiers name, read from the METADATA
file of one of its wheels (a pure-Python one if any, else the smallest) with HTTP range requests:
zipfile reads the archive's directory and that one member, a few hundred kilobytes at most. The
release's own metadata, as the per-version JSON (https://pypi.org/pypi/{package}/{version}/json)
shows it, which some PyPI mirrors do not serve. A release without a wheel gets no classifiers.
scripts/new_framework.py's scaffold leaves classifiers out, for the weekly refresh to read.

The answer comes from outside, so before anything is written from it its shape, its size and
every upload time (a real instant from PYPI_OPENED to today) are checked, and the file's text is
loaded with macros.releases' own loader; the sheet's latest release must be in it. A framework
with a bad answer or a file that would not validate gets nothing written and one line on stderr;
the others go on, and the script exits 1 at the end. Files are replaced atomically.

Usage: python -m scripts.refresh_releases [SLUG ...]
scripts/new_framework.py gets a new framework's file from `release_history_text(package, fetch, today)`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.parser
import io
import itertools
import json
import os
import re
import sys
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from pydantic import ValidationError

from macros.fields import LIMITS
from macros.model import ROOT, Framework
from macros.problems import Problem, dotted
from macros.releases import (
    MAX_RELEASES,
    PYPI_API,
    RELEASES_DIR,
    VERSION,
    ReleaseEntry,
    ReleaseHistory,
    dump_releases,
    latest_release_problems,
    load_releases,
    series_of,
    version_key,
)
from macros.rules import normalise_package
from macros.yaml_source import parse

Fetch = Callable[[str, dict[str, str]], Any]
GetRange = Callable[[str, int, int], bytes]  # (url, first byte, length) -> those bytes

USER_AGENT = "python-web-frameworks-compared/refresh_releases.py (+https://github.com/)"
TIMEOUT_SECONDS = 60
MAX_RESPONSE_BYTES = 64_000_000  # aiohttp's answer, listing every wheel of every release, is 10 MB
MAX_VERSIONS = 10_000  # every version a package lists, pre-releases included; the most here is 371
MAX_FILES = 2_000  # files of one release; aiohttp's have up to 161
MAX_WHEEL_BYTES = 500_000_000  # a wheel PyPI lists (its limit is 100 MB unless raised)
MAX_WHEEL_READ = 4_000_000  # read of one wheel: Django's directory of 2,800 files is about 300 KB
MAX_METADATA_BYTES = 1_000_000
RANGE_BLOCK = 65_536
WHEEL_HOSTS = ("files.pythonhosted.org", "pypi.org")
# Series with a release this recently (before the day read) get their classifiers read.
ACTIVE_DAYS = 730
CLASSIFIER = re.compile(r"^Programming Language :: Python :: (0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
PYPI_OPENED = dt.date(2003, 1, 1)  # no upload can be older than the index
PACKAGE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")

METHOD = (
    "PyPI JSON API, read by scripts/refresh_releases.py: each final version (digits and dots) in releases, "
    "dated by the earliest upload_time_iso_8601 of its files (UTC). Left out: pre-, post- and dev releases, "
    "releases without files or with only yanked files, and late uploads (dated after a later release of their "
    "series, or opening a series after a later one opened)."
)


PYTHON_METHOD = (
    "PyPI JSON API, read by scripts/refresh_releases.py: requires_python is that of each release's earliest "
    "uploaded file stating one (yanked files aside), as given. classifiers: the X.Y of each 'Programming "
    "Language :: Python :: X.Y' classifier in the METADATA of a wheel (pure-Python if any) of the latest "
    "release of each series with a release in the 24 months before as_of."
)
SCAFFOLD_PYTHON_METHOD = PYTHON_METHOD.split(" classifiers:")[0] + " Classifiers not read yet."


class BadResponse(ValueError):
    """PyPI's answer is not what this script reads: nothing is written from it."""


def fetch_json(url: str, headers: dict[str, str]) -> Any:
    """GET a JSON document of at most MAX_RESPONSE_BYTES."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json", **headers})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        body = response.read(MAX_RESPONSE_BYTES + 1)
    if len(body) > MAX_RESPONSE_BYTES:
        raise BadResponse(f"the answer is larger than {MAX_RESPONSE_BYTES:,} bytes")
    return json.loads(body)


def api_url(package: str) -> str:
    if not PACKAGE.match(package) or len(package) > 100:
        raise ValueError(f"{package[:120]!r} is not a package name")
    return f"{PYPI_API}{normalise_package(package)}/json"


# ---------------------------------------------------------------------------
# Reading the answer


def read_release_list(data: Any, package: str, today: dt.date) -> tuple[list[ReleaseEntry], dict[str, list[str]]]:
    """The final releases in an answer, dated and in version order, and the versions left out, by reason."""
    if not isinstance(data, dict) or not isinstance(data.get("info"), dict):
        raise BadResponse("expected a JSON object with an object 'info'")
    name = data["info"].get("name")
    if not isinstance(name, str) or normalise_package(name) != normalise_package(package):
        raise BadResponse(f"info.name is {repr(name)[:120]}, not the package {package!r}")
    releases = data.get("releases")
    if not isinstance(releases, dict):
        raise BadResponse("expected an object 'releases' mapping versions to lists of files")
    if len(releases) > MAX_VERSIONS:
        raise BadResponse(f"{len(releases):,} versions; at most {MAX_VERSIONS:,} are read")
    dated: list[ReleaseEntry] = []
    left_out: dict[str, list[str]] = {"no files": [], "yanked": [], "late": []}
    for version, files in releases.items():
        uploads = _uploads(version, files, today)
        if not VERSION.match(version):
            continue
        if not uploads:
            left_out["no files"].append(version)
        elif all(upload.yanked for upload in uploads):
            left_out["yanked"].append(version)
        else:
            stated = sorted((u.moment, u.requires_python) for u in uploads if u.requires_python and not u.yanked)
            try:
                dated.append(
                    ReleaseEntry(
                        version=version,
                        date=min(upload.moment.date() for upload in uploads),
                        requires_python=stated[0][1] if stated else None,
                    )
                )
            except ValidationError as error:
                raise BadResponse(
                    f"releases[{version[:40]!r}]: {error.errors()[0]['msg'].removeprefix('Value error, ')}"
                ) from None
    dated.sort(key=lambda entry: version_key(entry.version))
    for before, entry in itertools.pairwise(dated):
        if version_key(before.version) == version_key(entry.version):
            raise BadResponse(f"versions {before.version!r} and {entry.version!r} are the same release")
    kept, late = on_time(dated)
    left_out["late"] = late
    if not kept:
        raise BadResponse("no final release with files")
    if len(kept) > MAX_RELEASES:
        raise BadResponse(f"{len(kept):,} final releases; a release file holds at most {MAX_RELEASES:,}")
    for versions in left_out.values():
        versions.sort(key=version_key)
    return kept, left_out


@dataclass(frozen=True)
class Upload:
    moment: dt.datetime  # in UTC
    yanked: bool
    requires_python: str | None


def _uploads(version: Any, files: Any, today: dt.date) -> list[Upload]:
    """Each file's upload time (UTC), whether it is yanked and the Requires-Python it states."""
    where = f"releases[{str(version)[:40]!r}]"
    if not isinstance(version, str):
        raise BadResponse(f"{where}: a version must be a string")
    if not isinstance(files, list) or len(files) > MAX_FILES:
        raise BadResponse(f"{where}: expected a list of at most {MAX_FILES:,} files")
    uploads = []
    for file in files:
        if not isinstance(file, dict):
            raise BadResponse(f"{where}: a file must be an object")
        text, yanked = file.get("upload_time_iso_8601"), file.get("yanked")
        if not isinstance(yanked, bool):
            raise BadResponse(f"{where}: 'yanked' must be true or false, got {repr(yanked)[:40]}")
        try:
            moment = dt.datetime.fromisoformat(text) if isinstance(text, str) and len(text) <= 40 else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise BadResponse(f"{where}: upload_time_iso_8601 {repr(text)[:40]} is not a time with its zone")
        moment = moment.astimezone(dt.UTC)
        if not PYPI_OPENED <= moment.date() <= today:
            raise BadResponse(f"{where}: uploaded on {moment.date()}, outside {PYPI_OPENED} to {today}")
        requires = file.get("requires_python")
        if requires is not None and not isinstance(requires, str):
            raise BadResponse(f"{where}: requires_python must be text or null, got {repr(requires)[:40]}")
        uploads.append(Upload(moment, yanked, requires.strip() if requires and requires.strip() else None))
    return uploads


def on_time(releases: list[ReleaseEntry]) -> tuple[list[ReleaseEntry], list[str]]:
    """The releases (in version order) whose upload day can be their release day, and the versions that cannot.

    Within a series, a release dated after a later release of the series was uploaded late; and
    a series that opens after a later series opened was uploaded late (or its first releases
    have no files), so its opening is not known. What is kept obeys macros.releases' series rules.
    """
    kept: list[ReleaseEntry] = []
    late: list[str] = []
    earliest_later: dict[str, dt.date] = {}
    for entry in reversed(releases):
        series = series_of(entry.version)
        if series in earliest_later and entry.date > earliest_later[series]:
            late.append(entry.version)
            continue
        earliest_later[series] = min(entry.date, earliest_later.get(series, entry.date))
        kept.append(entry)
    kept.reverse()
    openings: dict[str, dt.date] = {}
    for entry in kept:
        openings.setdefault(series_of(entry.version), entry.date)
    dropped: set[str] = set()
    later_opening: dt.date | None = None
    for series, opened in reversed(openings.items()):
        if later_opening is not None and opened > later_opening:
            dropped.add(series)
        else:
            later_opening = opened
    late += [entry.version for entry in kept if series_of(entry.version) in dropped]
    return [entry for entry in kept if series_of(entry.version) not in dropped], late


def method(left_out: dict[str, list[str]]) -> str:
    """METHOD and what it left out of this package, by version where the field's limit allows."""
    named = "; ".join(f"{reason}: {', '.join(versions)}" for reason, versions in left_out.items() if versions)
    counted = "; ".join(
        f"{reason}: {len(versions)} release{'s' * (len(versions) != 1)}"
        for reason, versions in left_out.items()
        if versions
    )
    if not named:
        return METHOD
    for detail in (named, counted):
        text = f"{METHOD} Left out here: {detail}."
        if len(text) <= LIMITS["text"]:
            return text
    return METHOD


def http_range(url: str, start: int, length: int) -> bytes:
    """GET `length` bytes of `url` from byte `start`, which the server must answer as partial content."""
    headers = {"User-Agent": USER_AGENT, "Range": f"bytes={start}-{start + length - 1}"}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=TIMEOUT_SECONDS) as response:
        if response.status != 206:
            raise BadResponse(f"{url} does not answer range requests (HTTP {response.status})")
        return response.read(length + 1)


class RemoteFile(io.RawIOBase):
    """A read-only, seekable view of a file on a server, read in blocks by range requests (zipfile
    reads a wheel's directory at its end and one member, never the whole file)."""

    def __init__(self, url: str, size: int, get_range: GetRange) -> None:
        self.url, self.size, self.get_range = url, size, get_range
        self.position = 0
        self.blocks: dict[int, bytes] = {}

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def readinto(self, buffer: Any) -> int:
        wanted = min(len(buffer), max(0, self.size - self.position))
        data = b""
        while len(data) < wanted:
            index = (self.position + len(data)) // RANGE_BLOCK
            block = self._block(index)
            start = self.position + len(data) - index * RANGE_BLOCK
            data += block[start : start + wanted - len(data)]
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)

    def _block(self, index: int) -> bytes:
        if index not in self.blocks:
            if (len(self.blocks) + 1) * RANGE_BLOCK > MAX_WHEEL_READ:
                raise BadResponse(f"{self.url}: reading its metadata needs more than {MAX_WHEEL_READ:,} bytes")
            length = min(RANGE_BLOCK, self.size - index * RANGE_BLOCK)
            block = self.get_range(self.url, index * RANGE_BLOCK, length)
            if len(block) != length:
                raise BadResponse(
                    f"{self.url}: asked for {length:,} bytes at {index * RANGE_BLOCK:,}, got {len(block):,}"
                )
            self.blocks[index] = block
        return self.blocks[index]


def wheel_of(files: list[dict[str, Any]], base: str) -> tuple[str, int] | None:
    """The URL and size of the wheel to read a release's metadata from (a pure-Python one if any,
    else the smallest), or None when it has none."""
    wheels = [
        file
        for file in files
        if not file.get("yanked")
        and str(file.get("filename", "")).endswith(".whl")
        and isinstance(file.get("url"), str)
    ]
    if not wheels:
        return None
    wheel = min(wheels, key=lambda file: (not str(file["filename"]).endswith("-none-any.whl"), file.get("size", 0)))
    url, size = urljoin(base, wheel["url"]), wheel.get("size")
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in WHEEL_HOSTS:
        raise BadResponse(f"{wheel['filename'][:80]!r}: its url {url[:120]!r} is not on {' or '.join(WHEEL_HOSTS)}")
    if not isinstance(size, int) or not 0 < size <= MAX_WHEEL_BYTES:
        raise BadResponse(f"{wheel['filename'][:80]!r}: size {size!r} is not a size up to {MAX_WHEEL_BYTES:,}")
    return url, size


def classifier_versions(url: str, size: int, get_range: GetRange) -> list[str]:
    """The X.Y Python versions the classifiers of a wheel's METADATA name, in increasing order."""
    try:
        with zipfile.ZipFile(RemoteFile(url, size, get_range)) as wheel:
            names = [name for name in wheel.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", name)]
            if len(names) != 1:
                raise BadResponse(f"{url}: expected one <name>.dist-info/METADATA, found {len(names)}")
            if wheel.getinfo(names[0]).file_size > MAX_METADATA_BYTES:
                raise BadResponse(f"{url}: its METADATA is larger than {MAX_METADATA_BYTES:,} bytes")
            text = wheel.read(names[0]).decode("utf-8")
    except (zipfile.BadZipFile, UnicodeDecodeError, EOFError) as error:
        raise BadResponse(f"{url}: not a readable wheel: {error}") from None
    classifiers = email.parser.Parser().parsestr(text, headersonly=True).get_all("Classifier") or []
    found = {(int(match[1]), int(match[2])) for item in classifiers if (match := CLASSIFIER.match(item.strip()))}
    return [f"{major}.{minor}" for major, minor in sorted(found)]


def with_classifiers(
    releases: list[ReleaseEntry], answer: dict[str, Any], base: str, get_range: GetRange, today: dt.date
) -> list[ReleaseEntry]:
    """The releases, the latest of each series with a release in the ACTIVE_DAYS before `today`
    carrying its classifiers' Python versions (read from a wheel of it, when it has one)."""
    since = today - dt.timedelta(days=ACTIVE_DAYS)
    latest: dict[str, ReleaseEntry] = {}
    newest: dict[str, dt.date] = {}
    for entry in releases:  # in version order: the last of a series is its latest
        series = series_of(entry.version)
        latest[series] = entry
        newest[series] = max(entry.date, newest.get(series, entry.date))
    read = {}
    for series, entry in latest.items():
        wheel = wheel_of(answer["releases"][entry.version], base) if newest[series] >= since else None
        if wheel is not None:
            read[entry.version] = classifier_versions(*wheel, get_range)
    return [
        entry.model_copy(update={"classifiers": read[entry.version]}) if entry.version in read else entry
        for entry in releases
    ]


# ---------------------------------------------------------------------------
# The file


def release_history_text(
    package: str, fetch: Fetch, today: dt.date, name: str | None = None, get_range: GetRange | None = None
) -> str:
    """The text of data/releases/<slug>.yml for one PyPI package, checked by the loader; given
    `get_range`, with the classifiers of recent series read from their wheels.

    Raises BadResponse (a ValueError) when PyPI's answer is not usable, and what `fetch` raises.
    """
    return _history(package, fetch, today, name or package, normalise_package(package), get_range)[0]


def _history(
    package: str, fetch: Fetch, today: dt.date, name: str, stem: str, get_range: GetRange | None
) -> tuple[str, ReleaseHistory]:
    url = api_url(package)
    answer = fetch(url, {})
    releases, left_out = read_release_list(answer, package, today)
    if get_range is not None:
        releases = with_classifiers(releases, answer, url, get_range, today)
    python_method = PYTHON_METHOD if get_range is not None else SCAFFOLD_PYTHON_METHOD
    text = dump_releases(url, method(left_out), today, releases, f"Release history of {name}", python_method)
    return text, checked(text, stem)


def as_loaded[Item](
    text: str,
    folder: Path,
    stem: str,
    load: Callable[[Path, list[str]], tuple[list[Item], list[Problem]]],
    error: type[ValueError] = BadResponse,
) -> Item:
    """What `text` holds, read by its collection's loader as <folder>/<stem>.yml in a throw-away
    project; raises `error` when it would not validate."""
    with tempfile.TemporaryDirectory() as root:
        path = Path(root) / folder / f"{stem}.yml"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        items, problems = load(Path(root), [stem])
    if problems or not items:
        raise error("the file would not validate: " + "; ".join(map(str, problems[:3])))
    return items[0]


def checked(text: str, stem: str) -> ReleaseHistory:
    """The history `text` holds, read by macros.releases' loader as data/releases/<stem>.yml."""
    return as_loaded(text, RELEASES_DIR, stem, load_releases)


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, never a part of one."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o644)  # mkstemp's 0600 would make the file unreadable to others
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------------------


def refresh(
    root: Path, fetch: Fetch, today: dt.date, only: list[str] | None = None, get_range: GetRange = http_range
) -> tuple[list[str], list[str]]:
    """Write the release history of every framework (or those in `only`); returns (written, failures)."""
    written: list[str] = []
    failures: list[str] = []
    for path in sorted((root / "data" / "frameworks").glob("*.yml")):
        slug = path.stem
        if only and slug not in only:
            continue
        try:
            framework = read_sheet(path, root)
            text, history = _history(framework.pypi, fetch, today, framework.name, slug, get_range)
            if problems := latest_release_problems([history], [framework]):
                raise BadResponse(f"the file would not validate: {problems[0]}")
            target = root / RELEASES_DIR / f"{slug}.yml"
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, text)
            written.append(target.relative_to(root).as_posix())
        except Exception as error:  # one framework's bad answer must not cost the others theirs
            failures.append(f"{slug}: nothing written: {type(error).__name__}: {str(error)[:500]}")
    return written, failures


def read_sheet(path: Path, root: Path) -> Framework:
    """A fact sheet, which must validate on its own (for the scripts that read its package and releases)."""
    doc = parse(path, root)
    if doc.problems:
        raise ValueError(str(doc.problems[0]))
    try:
        return Framework.model_validate(doc.data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = f"{doc.name}: {dotted(tuple(first['loc']))}"
        raise ValueError(f"{where}: {first['msg']} (the sheet must validate: run scripts.validate)") from None


def main(
    argv: list[str] | None = None, fetch: Fetch = fetch_json, root: Path = ROOT, get_range: GetRange = http_range
) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", metavar="SLUG", help="refresh only these frameworks")
    args = parser.parse_args(argv)
    known = {path.stem for path in (root / "data" / "frameworks").glob("*.yml")}
    if unknown := sorted(set(args.slugs) - known):
        parser.error(f"no fact sheet data/frameworks/<slug>.yml for: {', '.join(unknown)}")
    written, failures = refresh(root, fetch, dt.datetime.now(dt.UTC).date(), args.slugs, get_range)
    for line in written:
        print(f"wrote {line}")
    for failure in failures:
        print(f"refresh_releases.py: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
