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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from macros.collections import framework_of

TEMPLATES = "macros/templates"
SHARED_TEMPLATE_PREFIX = "_"


def digest(parts: Iterable[bytes | str]) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.digest()


@dataclass
class FileDigests:
    """Digests of files' contents, worked out again only for files whose size or time changed."""

    known: dict[str, tuple[tuple[int, int], bytes]] = field(default_factory=dict)

    def of(self, path: str) -> bytes:
        stat = os.stat(path)
        stamp = (stat.st_mtime_ns, stat.st_size)
        found = self.known.get(path)
        if found is None or found[0] != stamp:
            with open(path, "rb") as file:
                found = self.known[path] = (stamp, hashlib.blake2b(file.read(), digest_size=16).digest())
        return found[1]

    def forget_except(self, paths: set[str]) -> None:
        """Drop deleted files, so the digests of a long `mkdocs serve` do not grow."""
        for path in [path for path in self.known if path not in paths]:
            del self.known[path]


@dataclass(frozen=True)
class Inputs:
    frameworks: dict[str, bytes]  # slug -> the digest of that framework's files
    shared: bytes  # the files under data/ that belong to no one framework
    templates: dict[str, bytes]  # template name -> its digest

    def of_template(self, name: str) -> bytes:
        """A page template and every shared partial it may import or include."""
        shared = [digest for template, digest in self.templates.items() if template.startswith(SHARED_TEMPLATE_PREFIX)]
        return digest([name, self.templates.get(name, b""), *shared])


def read_inputs(root: Path, digests: FileDigests) -> Inputs:
    """The digests of data/ (per framework and shared) and of the page templates."""
    owned: dict[str | None, list[bytes | str]] = {}
    templates: dict[str, bytes] = {}
    seen: set[str] = set()
    for top in ("data", TEMPLATES):
        for folder, subfolders, names in os.walk(root / top):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
            for name in sorted(names):
                path = os.path.join(folder, name)
                relative = Path(path).relative_to(root).as_posix()
                seen.add(path)
                if top == TEMPLATES:
                    templates[relative.removeprefix(TEMPLATES + "/")] = digests.of(path)
                else:
                    owned.setdefault(framework_of(relative), []).extend((relative, digests.of(path)))
    digests.forget_except(seen)
    shared = digest(owned.pop(None, []))
    return Inputs({slug: digest(parts) for slug, parts in owned.items() if slug is not None}, shared, templates)
