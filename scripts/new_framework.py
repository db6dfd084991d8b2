"""Create data/frameworks/<slug>.yml with every field, each marked TODO.

Validation rejects TODO markers, so a scaffolded sheet cannot reach the site until every
field is filled in with a sourced fact (or an honest `level: unknown`).

Usage: python -m scripts.new_framework <slug> "<Name>"

The slug and name come from a contributor, so they are checked before anything is written: the
slug must be a plain lower-case name (no `/`, no `..`), not reserved for a generated page, and
the file must not exist yet. The file is created only inside data/frameworks/, never through a
symbolic link (at the file or at data/ or data/frameworks/ themselves) and never over an existing
file. Every refusal is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import stat
import sys
import unicodedata

from macros.addresses import RESERVED_IDS
from macros.model import ROOT, load_catalogues
from macros.vocabulary import INTERFACES, LEVELS

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Pages the generator owns: a sheet with one of these slugs would replace a page, and a `vs`
# segment would make pair pages (compare/<a>-vs-<b>.md) ambiguous.
RESERVED = {"index"} | RESERVED_IDS
FOLDER = ("data", "frameworks")
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class Refused(Exception):
    """A slug, name or target the script will not write."""


SOURCED = "    source: https://TODO.example/primary-source\n    as_of: {today}\n"


def scaffold(slug: str, name: str, today: dt.date) -> str:
    catalogues = load_catalogues(ROOT)
    features, metrics, criteria = catalogues.features, catalogues.metrics, catalogues.criteria
    sourced = SOURCED.format(today=today)
    lines = [
        "# yaml-language-server: $schema=../schema/framework.schema.json",
        f"# Fact sheet for {name}. Every TODO must be replaced; see CONTRIBUTING.md.",
        f"slug: {slug}",
        f"name: {json.dumps(name, ensure_ascii=False)}",
        "tagline: TODO one sentence in our own words",
        "kind: TODO  # micro | full-stack | api | toolkit",
        "homepage: https://TODO.example/",
        "documentation: https://TODO.example/docs/",
        "repository: https://github.com/TODO/TODO",
        f"pypi: {slug}",
        f"license:\n  value: TODO SPDX identifier\n{sourced[2:]}".replace("\n    ", "\n  "),
        f"creators:\n  value: [TODO]\n{sourced}".replace("\n    ", "\n  "),
        f"first_release:\n  version: '0.1'\n  date: {today}\n{sourced}".replace("\n    ", "\n  "),
        f"latest_release:\n  version: '1.0'\n  date: {today}\n{sourced}".replace("\n    ", "\n  "),
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
        lines.append(f"  {criterion.id}:  # {criterion.title}: {criterion.question}")
        lines.append("    summary: TODO verdict in our own words")
        lines.append("    claims:")
        lines.append("      - text: TODO a fact, as stated by the source")
        lines.append(SOURCED.format(today=today).replace("    ", "        ").rstrip("\n"))
    return "\n".join(lines) + "\n"


def check_slug(slug: str) -> None:
    if not SLUG.fullmatch(slug):
        raise Refused(f"slug {slug!r} must be lower-case words of letters and digits joined by '-', e.g. 'my-app'")
    if slug in RESERVED or "vs" in slug.split("-"):
        reserved = ", ".join(sorted(RESERVED))
        raise Refused(f"slug {slug!r} is reserved: not {reserved}, and no 'vs' word (pair pages use it)")


def check_name(name: str) -> None:
    if not name.strip() or any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in name):
        raise Refused(f"name {name!r} must be one line of text with no control characters")


def open_folder() -> int:
    """A descriptor of data/frameworks/, reached without following any symbolic link."""
    fd = os.open(ROOT, os.O_RDONLY | DIRECTORY)
    for depth, part in enumerate(FOLDER):
        try:
            child = os.open(part, os.O_RDONLY | DIRECTORY | NO_FOLLOW, dir_fd=fd)
        except OSError as error:
            where = "/".join(FOLDER[: depth + 1])
            raise Refused(f"{where}/ must be a plain folder, not a symbolic link ({error.strerror})") from None
        finally:
            os.close(fd)
        fd = child
    return fd


def create(folder: int, filename: str, text: str) -> None:
    """Write a new file in `folder`: refuses an existing file, a link (even dangling) or a folder."""
    shown = "/".join((*FOLDER, filename))
    try:
        existing = os.stat(filename, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        pass
    else:
        if stat.S_ISLNK(existing.st_mode):
            raise Refused(f"{shown} is a symbolic link; refusing to write through it")
        raise Refused(f"{shown} already exists; edit it instead")
    try:
        fd = os.open(filename, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW, 0o644, dir_fd=folder)
    except OSError as error:
        raise Refused(f"{shown}: cannot create it ({error.strerror})") from None
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug", help="lower-case identifier, e.g. litestar")
    parser.add_argument("name", help="display name, e.g. Litestar")
    args = parser.parse_args()
    try:
        check_slug(args.slug)
        check_name(args.name)
        text = scaffold(args.slug, args.name, dt.date.today())
        folder = open_folder()
        try:
            create(folder, f"{args.slug}.yml", text)
        finally:
            os.close(folder)
    except Refused as refusal:
        print(f"new_framework.py: error: {refusal}", file=sys.stderr)
        return 2
    print(f"Created data/frameworks/{args.slug}.yml; fill in every TODO, then run python -m scripts.validate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
