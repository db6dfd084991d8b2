"""Scaffold every file a new framework needs, as the data-collection registry declares them.

Writes data/frameworks/<slug>.yml with every field, each marked TODO; the sample stubs and
their test (marked TODO(scaffold)); and data/releases/<slug>.yml read from PyPI's release list
when PyPI can be reached (else validation asks for it). Validation rejects every marker, so a
scaffolded framework cannot reach the site until each is replaced with a sourced fact (or an
honest `level: unknown`), and `python -m scripts.validate` then lists what is still missing.

Usage: python -m scripts.new_framework <slug> "<Name>" [--pypi PACKAGE] [--pypi-answer FILE]

--pypi-answer reads PyPI's JSON answer for the package (https://pypi.org/pypi/<package>/json)
from a saved file instead of the network: for machines without access, and for the tests.

The slug and name come from a contributor, so they are checked before anything is written: the
slug must be a plain lower-case name (no `/`, no `..`), not reserved for a generated page, and
no file of the framework may exist yet. Files are created only inside the project, never through
a symbolic link (at the file or at any folder on its way) and never over an existing file.
Every refusal is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import stat
import sys
import unicodedata
from pathlib import Path

from macros.addresses import fact_sheet, id_clash
from macros.collections import REGISTRY, framework_files, one_line
from macros.model import ROOT, load_catalogues
from macros.releases import RELEASES_DIR
from macros.vocabulary import BENCHMARK_SERVERS, INTERFACES, KINDS, LEVELS
from scripts.refresh_releases import Fetch, fetch_json, release_history_text

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
PACKAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class Refused(Exception):
    """A slug, name or target the script will not write."""


SOURCED = "    source: https://TODO.example/primary-source\n    as_of: {today}\n"


def scaffold(slug: str, name: str, today: dt.date, package: str | None = None) -> str:
    catalogues = load_catalogues(ROOT)
    features, metrics, criteria = catalogues.features, catalogues.metrics, catalogues.criteria
    sourced = SOURCED.format(today=today)
    lines = [
        "# yaml-language-server: $schema=../schema/framework.schema.json",
        f"# Fact sheet for {name}. Every TODO must be replaced; see CONTRIBUTING.md.",
        f"slug: {slug}",
        f"name: {json.dumps(name, ensure_ascii=False)}",
        "tagline: TODO one sentence in our own words",
        f"kind: TODO  # {' | '.join(KINDS)}; an extension also names its base in builds_on (CONTRIBUTING.md)",
        "homepage: https://TODO.example/",
        "documentation: https://TODO.example/docs/",
        "repository: https://github.com/TODO/TODO",
        f"pypi: {package or slug}",
        f"license:\n  value: TODO SPDX identifier\n{sourced[2:]}".replace("\n    ", "\n  "),
        f"creators:\n  value: [TODO]\n{sourced}".replace("\n    ", "\n  "),
        f"first_release:\n  version: TODO\n  date: TODO\n{sourced}".replace("\n    ", "\n  "),
        f"latest_release:\n  version: TODO  # as in data/releases/{slug}.yml\n  date: TODO\n{sourced}".replace(
            "\n    ", "\n  "
        ),
        "support_policy:  # TODO: if the project publishes a support policy, delete this and write its\n"
        f"  # windows in data/support/{slug}.yml; if not, give the page checked (release notes, versioning)\n"
        "  published: false\n"
        "  note: TODO what that page says about supported releases, if anything; delete if nothing\n"
        f"{sourced}".replace("\n    ", "\n  "),
        f"python:\n  value: TODO e.g. '>=3.10'\n{sourced}".replace("\n    ", "\n  "),
        f"interfaces:\n  value: [WSGI]  # {' | '.join(INTERFACES)}\n{sourced}".replace("\n    ", "\n  "),
        "features:",
    ]
    for feature in features:
        lines.append(f"  {feature.id}:  # {feature.name}")
        lines.append(f"    level: unknown  # {' | '.join(LEVELS)}")
        lines.append("    note: TODO check, then set the level, packages and source")
        lines.append(f"    as_of: {today}")
    lines.append("metrics:")
    for metric in metrics:
        lines.append(f"  {metric.id}:  # {metric.name}; delete if it cannot be verified")
        lines.append("    value: 0")
        lines.append("    method: TODO how the figure was obtained")
        lines.append(sourced.rstrip("\n"))
    lines += [
        "use_cases:",
        "  good_fit: [TODO]",
        "  poor_fit: [TODO]",
        "notable_users:",
        "  - organisation: TODO",
        "    usage: TODO what they use it for, per the source",
        sourced.rstrip("\n"),
        "pros: [TODO]",
        "cons: [TODO]",
        "criteria:",
    ]
    for criterion in criteria:
        lines.append(f"  {criterion.id}:  # {one_line(criterion.title + ': ' + criterion.question)}")
        lines.append("    summary: TODO verdict in our own words")
        lines.append("    claims:")
        lines.append("      - text: TODO a fact, as stated by the source")
        lines.append(SOURCED.format(today=today).replace("    ", "        ").rstrip("\n"))
    tracked = [metric.id for metric in metrics if metric.tracked]
    lines += [
        "tracking:",
        "  stackoverflow:",
        "    tag: TODO  # its tag on https://stackoverflow.com/tags; delete `stackoverflow` if it has none",
        "    ambiguous: false  # true when the tag also holds questions about other things of that name",
        f"  # History files come from: python -m scripts.refresh_figures --only {slug}. For a metric kept",
        f"  # over time ({', '.join(tracked)}) that cannot be tracked, say why:",
        "  not_tracked: {}",
        "benchmark:",
        "  configuration:  # what is on when the samples are served, as its production docs recommend",
        "    debug: TODO how debug mode is off",
        "    middleware: TODO the middleware on, or none",
        "    validation: TODO what validates the path parameter in json_endpoint.py",
        "    templates: TODO the template engine",
        "    json_encoder: TODO the library that encodes the JSON reply",
        "    database: TODO how fortunes.py queries PostgreSQL (ORM or driver, pool)",
        "    source: https://TODO.example/deployment  # its documentation on deploying to production",
        f"    as_of: {today}",
        f"  servers: [TODO]  # those its documentation recommends: {' | '.join(BENCHMARK_SERVERS)}",
        "  not_measured: TODO why the latest run has no figures (e.g. added since); delete once measured",
    ]
    return "\n".join(lines) + "\n"


def check_slug(slug: str) -> None:
    if not SLUG.fullmatch(slug):
        raise Refused(f"slug {slug!r} must be lower-case words of letters and digits joined by '-', e.g. 'my-app'")
    if "vs" in slug.split("-"):
        raise Refused(f"slug {slug!r} is reserved: no 'vs' word (pair pages use it)")
    if clash := id_clash(slug):
        raise Refused(f"slug {clash}: it is reserved")


def check_name(name: str) -> None:
    if not name.strip() or any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in name):
        raise Refused(f"name {name!r} must be one line of text with no control characters")


def open_folder(parts: tuple[str, ...]) -> int:
    """A descriptor of the project folder `parts`, reached without following any symbolic link
    and created where missing."""
    fd = os.open(ROOT, os.O_RDONLY | DIRECTORY)
    for depth, part in enumerate(parts):
        try:
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o755, dir_fd=fd)
            child = os.open(part, os.O_RDONLY | DIRECTORY | NO_FOLLOW, dir_fd=fd)
        except OSError as error:
            where = "/".join(parts[: depth + 1])
            raise Refused(f"{where}/ must be a plain folder, not a symbolic link ({error.strerror})") from None
        finally:
            os.close(fd)
        fd = child
    return fd


def refuse_existing(path: str) -> None:
    """A file or link at `path` (never followed) means the framework exists, or a trap was laid."""
    try:
        existing = os.lstat(ROOT / path)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise Refused(f"{path}: a folder on its way is a file") from None
    if stat.S_ISLNK(existing.st_mode):
        raise Refused(f"{path} is a symbolic link; refusing to write through it")
    raise Refused(f"{path} already exists; edit it instead")


def create(path: str, text: str) -> None:
    """Write a new file at project path `path`: refuses an existing file, a link (even dangling) or a folder."""
    *folders, filename = path.split("/")
    refuse_existing(path)
    folder = open_folder(tuple(folders))
    try:
        try:
            fd = os.open(filename, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW, 0o644, dir_fd=folder)
        except OSError as error:
            raise Refused(f"{path}: cannot create it ({error.strerror})") from None
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
    finally:
        os.close(folder)


def files_to_write(
    slug: str, name: str, package: str, today: dt.date, fetch: Fetch
) -> tuple[dict[str, str], list[str]]:
    """{project path: text} for every file the registry scaffolds, and notes for the contributor."""
    catalogues = load_catalogues(ROOT)
    files = {fact_sheet(slug): scaffold(slug, name, today, package)}
    for collection in REGISTRY:
        if collection.scaffold:
            files.update(collection.scaffold(catalogues, slug, name))
    notes = []
    try:
        files[f"{RELEASES_DIR.as_posix()}/{slug}.yml"] = release_history_text(package, fetch, today, name)
    except Exception as error:  # PyPI unreachable or no such package: validation will ask for the file
        notes.append(f"no release history written ({type(error).__name__}: {str(error)[:200]})")
    return files, notes


def saved_answer(path: Path) -> Fetch:
    return lambda url, headers: json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None, fetch: Fetch = fetch_json) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug", help="lower-case identifier, e.g. litestar")
    parser.add_argument("name", help="display name, e.g. Litestar")
    parser.add_argument("--pypi", help="its package on PyPI, if not the slug")
    parser.add_argument("--pypi-answer", type=Path, metavar="FILE", help="PyPI's JSON answer, saved")
    args = parser.parse_args(argv)
    if args.pypi_answer:
        fetch = saved_answer(args.pypi_answer)
    try:
        check_slug(args.slug)
        check_name(args.name)
        package = args.pypi or args.slug
        if not PACKAGE.fullmatch(package):
            raise Refused(f"package {package!r} must be a PyPI name: letters, digits, '.', '_' and '-'")
        refuse_existing(fact_sheet(args.slug))
        for _, existing in framework_files(ROOT, args.slug):
            shown = existing.relative_to(ROOT).as_posix()
            raise Refused(f"{shown} already exists: is {args.slug!r} there already?")
        files, notes = files_to_write(args.slug, args.name, package, dt.date.today(), fetch)
        for path in files:
            refuse_existing(path)
        for path, text in files.items():
            create(path, text)
    except Refused as refusal:
        print(f"new_framework.py: error: {refusal}", file=sys.stderr)
        return 2
    for path in files:
        print(f"created {path}")
    for note in notes:
        print(f"note: {note}")
    print("Fill in every TODO, then run python -m scripts.validate: it lists everything still missing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
