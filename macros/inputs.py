"""What the pages are made from, digested: how the renderer knows, between builds, which pages an
edit touches.

A page reads its template, the shared partials (templates whose name starts with "_"), the files
under data/ that belong to no one framework (catalogues, benchmark and footprint runs, the pins)
and the files of the frameworks its page type declares (`PageType.reads`; all of them unless it
says otherwise). A framework's files are the ones the data-collection registry lists for it
(`macros.collections.framework_of`). Under `mkdocs serve`, a page whose inputs digest as before is
not rendered again (`macros.render.Memory`).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from macros import addresses
from macros.collections import framework_of
from macros.yaml_source import SETTLED_NS, parse

TEMPLATES = "macros/templates"
T = TypeVar("T")
SHARED_TEMPLATE_PREFIX = "_"


# What a generated file, or a part of one, reads: one framework's files (its slug), every
# framework's files but no fact sheet (FILES_ONLY), or everything (EVERYTHING); the shared data
# and the build's settings always.
EVERYTHING = "*"
FILES_ONLY = "*files"


class Reuse(Protocol):
    """`reuse(key, reads, make)`: `make()`, or under `mkdocs serve` what it made last time under
    `key` if what it `reads` is unchanged (macros.render.PageReads.reuse)."""

    def __call__(self, key: tuple[str, ...], reads: str, make: Callable[[], T]) -> T: ...


def made_afresh[Made](key: tuple[str, ...], reads: str, make: Callable[[], Made]) -> Made:
    return make()


def digest(parts: Iterable[bytes | str]) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.digest()


@dataclass
class FileDigests:
    """Digests of files' contents, worked out again only for files whose size or time changed;
    a fact sheet's, one per top-level key (its value and where it is written: edit links name
    lines), so a page that shows no tagline is not made again when only a tagline changed."""

    known: dict[str, tuple[tuple[int, int], dict[str, bytes]]] = field(default_factory=dict)

    def of(self, path: str, root: Path, sheet: bool = False) -> dict[str, bytes]:
        """The file's parts: its relative path, or for a sheet "sheet" and "sheet.<key>" for each key."""
        stat = os.stat(path)
        stamp = (stat.st_mtime_ns, stat.st_size)
        found = self.known.get(path)
        if found is None or found[0] != stamp:
            found = (stamp, _sheet_parts(Path(path), root) if sheet else _file_part(path, root))
            if time.time_ns() - stat.st_mtime_ns > SETTLED_NS:  # else it may change again unseen (yaml_source)
                self.known[path] = found
        return found[1]

    def forget_except(self, paths: set[str]) -> None:
        """Drop deleted files, so the digests of a long `mkdocs serve` do not grow."""
        for path in [path for path in self.known if path not in paths]:
            del self.known[path]


def _file_part(path: str, root: Path) -> dict[str, bytes]:
    with open(path, "rb") as file:
        return {os.path.relpath(path, root).replace(os.sep, "/"): hashlib.blake2b(file.read(), digest_size=16).digest()}


def _sheet_parts(path: Path, root: Path) -> dict[str, bytes]:
    doc = parse(path, root)  # kept parsed by the loader: no second parse
    if not isinstance(doc.data, dict) or doc.problems:
        return {"sheet": next(iter(_file_part(str(path), root).values()))}
    written: dict[str, list[tuple[Any, ...]]] = {}
    for place, position in doc.positions.items():
        written.setdefault(str(place[0]) if place else "", []).append((place, position))
    parts = {"sheet": digest([repr(sorted(written.get("", [])))])}
    for key, value in doc.data.items():
        parts[f"sheet.{key}"] = digest([repr(value), repr(sorted(written.get(str(key), []), key=repr))])
    return parts


@dataclass(frozen=True)
class Inputs:
    frameworks: dict[str, dict[str, bytes]]  # slug -> the digest of each part of that framework's files
    shared: bytes  # the files under data/ that belong to no one framework
    templates: dict[str, bytes]  # template name -> its digest

    def of_framework(self, slug: str, ignoring: frozenset[str] = frozenset(), files_only: bool = False) -> bytes:
        """A framework's files, but for the sheet's parts in `ignoring` ("sheet.tagline"), or
        for the whole sheet with `files_only`."""
        parts = self.frameworks.get(slug, {})
        kept = [
            name for name in sorted(parts) if name not in ignoring and not (files_only and name.startswith("sheet"))
        ]
        return digest([slug, *(part for name in kept for part in (name, parts[name]))])

    def of_template(self, name: str) -> bytes:
        """A page template and every shared partial it may import or include."""
        shared = [digest for template, digest in self.templates.items() if template.startswith(SHARED_TEMPLATE_PREFIX)]
        return digest([name, self.templates.get(name, b""), *shared])


def read_inputs(root: Path, digests: FileDigests) -> Inputs:
    """The digests of data/ (per framework and shared) and of the page templates."""
    owned: dict[str | None, dict[str, bytes]] = {}
    templates: dict[str, bytes] = {}
    seen: set[str] = set()
    for top in ("data", TEMPLATES):
        for folder, subfolders, names in os.walk(root / top):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
            relative_folder = Path(folder).relative_to(root).as_posix()
            for name in sorted(names):
                path = os.path.join(folder, name)
                relative = f"{relative_folder}/{name}"
                seen.add(path)
                if top == TEMPLATES:
                    [templates[relative.removeprefix(TEMPLATES + "/")]] = digests.of(path, root).values()
                else:
                    sheet = relative.startswith(addresses.FACT_SHEETS + "/")
                    owned.setdefault(framework_of(relative), {}).update(digests.of(path, root, sheet))
    digests.forget_except(seen)
    shared = owned.pop(None, {})
    return Inputs(
        {slug: parts for slug, parts in owned.items() if slug is not None},
        digest([part for name in sorted(shared) for part in (name, shared[name])]),
        templates,
    )
