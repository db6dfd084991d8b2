"""Write the generated pages as Markdown files, for generators other than MkDocs.

MkDocs gets the same pages in memory through macros/mkdocs_hooks.py; this is the escape hatch
for engines that do not run MkDocs hooks (Zensical ignores them), e.g.:
    python -m scripts.build_pages --out docs/generated

The folder may hold files of its own: the script lists every file it wrote in a manifest,
OUT/.build_pages-manifest, and on the next run replaces or removes only files listed there. It
refuses (one line on stderr, exit status 1, nothing written) to overwrite any other file, and
never writes outside OUT or through a symbolic link inside it.
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from macros.collections import load_or_exit
from macros.render import Page, build_site

MANIFEST = ".build_pages-manifest"
MANIFEST_HEADER = "# Files written by scripts/build_pages.py; it replaces or removes only these.\n"
PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
BLOCK = re.compile(r"<!-- block (\d+) -->")
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class Refused(Exception):
    """A file the script will not write, replace or remove."""


def page_markdown(page: Page) -> str:
    """The page's Markdown, with any pre-rendered HTML blocks put back in their placeholders."""
    blocks = getattr(page, "blocks", ())
    return BLOCK.sub(lambda match: blocks[int(match.group(1))], page.content) if blocks else page.content


def relative_parts(path: str) -> list[str]:
    """`path` split into parts, each a plain name: nothing absolute, no `..`, no hidden files."""
    parts = path.split("/")
    if not all(PART.fullmatch(part) for part in parts):
        raise Refused(f"{path!r} is not a plain relative path inside the output folder")
    return parts


def open_out(out: Path) -> int:
    """A descriptor of the output folder, created if missing; the folder itself may not be a link."""
    if not out.is_symlink():
        out.mkdir(parents=True, exist_ok=True)
    try:
        return os.open(out, os.O_RDONLY | DIRECTORY | NO_FOLLOW)
    except OSError as error:
        raise Refused(f"{out} must be a plain folder, not a symbolic link or a file ({error.strerror})") from None


def kind(folder: int, name: str) -> str | None:
    """'file', 'folder', 'link', 'other', or None when nothing is there (links are not followed)."""
    try:
        mode = os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return "other"
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else "other"


def open_parent(out: int, parts: list[str], create: bool) -> int | None:
    """A descriptor of the folder holding `parts[-1]`, walked without following links (None: absent)."""
    fd = os.dup(out)
    for depth, part in enumerate(parts[:-1]):
        if create and kind(fd, part) is None:
            os.mkdir(part, 0o755, dir_fd=fd)
        try:
            child = os.open(part, os.O_RDONLY | DIRECTORY | NO_FOLLOW, dir_fd=fd)
        except FileNotFoundError:
            os.close(fd)
            return None
        except OSError as error:
            os.close(fd)
            where = "/".join(parts[: depth + 1])
            raise Refused(f"{where} must be a plain folder, not a symbolic link or a file ({error.strerror})") from None
        os.close(fd)
        fd = child
    return fd


def read_manifest(out: int) -> set[str]:
    """The files a previous run wrote; every entry must be a plain path inside the folder."""
    found = kind(out, MANIFEST)
    if found is None:
        return set()
    if found != "file":
        raise Refused(f"{MANIFEST} must be a plain file, not a {found}")
    fd = os.open(MANIFEST, os.O_RDONLY | NO_FOLLOW, dir_fd=out)
    with os.fdopen(fd, encoding="utf-8") as file:
        entries = {line.rstrip("\n") for line in file if line.strip() and not line.startswith("#")}
    for entry in entries:
        try:
            relative_parts(entry)
        except Refused:
            raise Refused(f"{MANIFEST} lists {entry!r}, which is not a plain path inside the folder") from None
    return entries


def write_new(folder: int, name: str, text: str) -> None:
    """Create `name` in `folder`; fails if anything, even a dangling link, is already there."""
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW, 0o644, dir_fd=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)


def write_manifest(out: int, entries: Iterable[str]) -> None:
    """Replace the manifest atomically (rename replaces a link itself, never its target)."""
    temporary = f"{MANIFEST}.{os.getpid()}.tmp"
    write_new(out, temporary, MANIFEST_HEADER + "".join(f"{entry}\n" for entry in sorted(entries)))
    os.replace(temporary, MANIFEST, src_dir_fd=out, dst_dir_fd=out)


def check_targets(out: int, owned: set[str], pages: dict[str, str]) -> None:
    """Refuse before writing anything if a page would replace a file this script did not write."""
    for path in sorted(pages):
        parts = relative_parts(path)
        parent = open_parent(out, parts, create=False)
        if parent is None:
            continue
        try:
            found = kind(parent, parts[-1])
        finally:
            os.close(parent)
        if found is None or (found == "file" and path in owned):
            continue
        if found == "file":
            raise Refused(f"{path} exists and was not written by build_pages.py (not in {MANIFEST}); move it away")
        raise Refused(f"{path} is a {found}; refusing to replace or write through it")


def remove(out: int, path: str) -> None:
    """Remove a file listed in the manifest (a link in its place is removed, never followed)."""
    parts = relative_parts(path)
    parent = open_parent(out, parts, create=False)
    if parent is None:
        return
    try:
        if kind(parent, parts[-1]) in {"file", "symbolic link"}:
            os.unlink(parts[-1], dir_fd=parent)
    finally:
        os.close(parent)


def write_pages(out: int, owned: set[str], pages: dict[str, str]) -> None:
    check_targets(out, owned, pages)
    # Listed first, so a run that stops halfway still owns what it wrote.
    write_manifest(out, owned | set(pages))
    for path, text in sorted(pages.items()):
        parts = relative_parts(path)
        parent = open_parent(out, parts, create=True)
        assert parent is not None
        try:
            if path in owned and kind(parent, parts[-1]) == "file":
                os.unlink(parts[-1], dir_fd=parent)
            write_new(parent, parts[-1], text)
        finally:
            os.close(parent)
    for path in sorted(owned - set(pages)):
        remove(out, path)
    write_manifest(out, pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory to write the pages into")
    parser.add_argument("--repo-url", help="repository URL for per-fact edit links")
    args = parser.parse_args()
    site = build_site(load_or_exit(), repo_url=args.repo_url)
    pages = {page.path: page_markdown(page) for page in site.pages}
    try:
        out = open_out(args.out)
        try:
            write_pages(out, read_manifest(out), pages)
        finally:
            os.close(out)
    except Refused as refusal:
        print(f"build_pages.py: error: {args.out}: {refusal}", file=sys.stderr)
        return 1
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        print(f"build_pages.py: error: {args.out}: {error.strerror}{where}", file=sys.stderr)
        return 1
    print(f"Wrote {len(pages)} pages to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
