"""Reading untrusted YAML: limits first, then the position of every key and item.

Fact sheets come from strangers, so a file is refused (with its true line and column) before
anything expensive happens: oversized files, invalid UTF-8, NUL bytes, anchors, aliases and
tags (which hide text from a diff and can expand exponentially), deep nesting and keys that
are not text.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import stat
import sys
import tempfile
import time
from dataclasses import astuple, dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any

import yaml

from macros.fields import described
from macros.problems import Path_, Positions, Problem, dotted, nearest_position

MAX_FILE_BYTES = 200_000
MAX_DEPTH = 10
_STR_TAG = "tag:yaml.org,2002:str"
_OPENS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSES = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_REFUSED = {
    yaml.AnchorToken: "YAML anchors (&name) are not allowed: write each value out in full",
    yaml.AliasToken: "YAML aliases (*name) are not allowed: write each value out in full",
    yaml.TagToken: "YAML tags (!tag, !!binary) are not allowed: write plain text",
}


class DateAsTextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader (libyaml's when available) that keeps dates as strings, so pydantic
    reports a bad date with its position instead of YAML failing without one."""


DateAsTextLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """A parsed YAML file, with the position of every key and item, and its problems."""

    name: str
    data: Any = None
    positions: Positions = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    digest: bytes = b""  # of the file's text as parsed (empty until it is)

    def problem(self, path: Path_, message: str) -> None:
        line, column = nearest_position(self.positions, path)
        self.problems.append(Problem(self.name, line, column, dotted(path), message))

    def problem_at(self, line: int, column: int, message: str, path: Path_ = ()) -> None:
        self.problems.append(Problem(self.name, line, column, dotted(path), message))


# Parsing is most of the cost of loading data/ (the history files are long), and a file is
# parsed again only when its content changed: results are kept in memory for `mkdocs serve`,
# which loads data/ again after every edit, and on disk for the next build, in a folder only
# this user can use (as Jinja keeps compiled templates). Kept as marshal data (plain values,
# nothing that runs), so every caller gets its own copy; the key names this module's source.
_PARSED: dict[str, tuple[bytes, bytes]] = {}
_VERSION = hashlib.blake2b(
    Path(__file__).read_bytes() + f"{yaml.__version__} {marshal.version} {sys.version}".encode(), digest_size=16
).digest()
_CACHE_LIMIT = 20_000  # files on disk; the older half goes when there are more


def parse(path: Path, root: Path, max_bytes: int = MAX_FILE_BYTES) -> Document:
    doc = Document(path.relative_to(root).as_posix())
    key = str(path)
    stamp = _stamp(path)
    stamped = _STAMPED.get(key)
    if stamp is not None and stamped is not None and stamped[0] == stamp and _PARSED.get(key, (b"",))[0] == stamped[1]:
        # The same file as last time: neither read nor digested again.
        data, positions, problems = marshal.loads(_PARSED[key][1])
        doc.data, doc.positions, doc.problems = data, positions, [Problem(*problem) for problem in problems]
        doc.digest = stamped[1]
        return doc
    text = _read_text(path, doc, max_bytes)
    if text is None:
        return doc
    digest = hashlib.blake2b(_VERSION + doc.name.encode() + b"\0" + text.encode("utf-8"), digest_size=20).digest()
    doc.digest = digest
    known = _PARSED[key][1] if key in _PARSED and _PARSED[key][0] == digest else _from_disk(digest)
    if known is not None:
        try:
            data, positions, problems = marshal.loads(known)
            doc.data, doc.positions, doc.problems = data, positions, [Problem(*problem) for problem in problems]
            _PARSED[key] = (digest, known)
            if stamp is not None:
                _STAMPED[key] = (stamp, digest)
            return doc
        except (EOFError, ValueError, TypeError):
            doc = Document(doc.name, digest=digest)  # unreadable: parse again
    _parse_text(text, doc)
    try:
        parsed = marshal.dumps((doc.data, doc.positions, [astuple(problem) for problem in doc.problems]))
    except ValueError:  # not plain data after all: keep nothing
        return doc
    _PARSED[key] = (digest, parsed)
    if stamp is not None:
        _STAMPED[key] = (stamp, digest)
    _to_disk(digest, parsed)
    return doc


# The digest of each file's text by its modification time, size and inode, for files parsed
# before: `mkdocs serve` loads all of data/ after each edit, and most files did not change.
_STAMPED: dict[str, tuple[tuple[int, int, int], bytes]] = {}
# A file modified this recently may be modified again within the clock's resolution, keeping its
# time and size: it is read again (git's "racily clean" files).
SETTLED_NS = 2_000_000_000


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """A settled regular file's (modification time, size, inode); None for anything else."""
    try:
        stat = path.lstat()
    except OSError:
        return None
    if not S_ISREG(stat.st_mode) or time.time_ns() - stat.st_mtime_ns < SETTLED_NS:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


@functools.cache  # looked up once per process, not before each read and write
def _cache_dir() -> Path | None:
    """The per-user folder for parsed files, or None where none can be trusted."""
    if not hasattr(os, "getuid"):
        return None
    folder = Path(tempfile.gettempdir()) / f"_python-web-frameworks-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077
    return folder if private else None


def _from_disk(digest: bytes) -> bytes | None:
    folder = _cache_dir()
    try:
        return (folder / f"{digest.hex()}.parsed").read_bytes() if folder else None
    except OSError:
        return None


def _to_disk(digest: bytes, parsed: bytes) -> None:
    folder = _cache_dir()
    if folder is None:
        return
    try:
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as file:
            file.write(parsed)
        os.replace(file.name, folder / f"{digest.hex()}.parsed")
        if digest[0] == 0:  # now and then (1 in 256 writes): drop the older half if there are too many
            entries = sorted(os.scandir(folder), key=lambda entry: entry.stat().st_mtime)
            for entry in entries[: len(entries) // 2] if len(entries) > _CACHE_LIMIT else []:
                os.unlink(entry.path)
    except OSError:
        pass


def _parse_text(text: str, doc: Document) -> None:
    if not _tokens_are_plain(text, doc):
        return
    loader = DateAsTextLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _index(node, (), doc)
            if not doc.problems:
                doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        _syntax_problem(error, text, doc)
    finally:
        loader.dispose()


def _read_text(path: Path, doc: Document, max_bytes: int) -> str | None:
    if path.is_symlink() or not path.is_file():
        doc.problem_at(1, 1, "must be a regular file, not a symbolic link or anything else")
        return None
    raw = path.read_bytes()
    if len(raw) > max_bytes:
        doc.problem_at(1, 1, f"file is {len(raw):,} bytes; the limit is {max_bytes:,}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(raw, error.start, b"\n")
        doc.problem_at(line, column, f"invalid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8")
        return None
    if "\x00" in text:
        line, column = _line_column(text, text.index("\x00"), "\n")
        doc.problem_at(line, column, "NUL character; the file must be plain text")
        return None
    return text


def _line_column(text: Any, offset: int, newline: Any) -> tuple[int, int]:
    line_start = text.rfind(newline, 0, offset) + 1
    return text.count(newline, 0, offset) + 1, offset - line_start + 1


def _tokens_are_plain(text: str, doc: Document) -> bool:
    """One linear pass over the tokens: refuse anchors, aliases, tags and deep nesting
    before anything is composed (aliases can expand a kilobyte into gigabytes)."""
    loader = DateAsTextLoader(text)
    depth = 0
    try:
        while (token := loader.get_token()) is not None:
            mark = token.start_mark
            if type(token) in _REFUSED:
                doc.problem_at(mark.line + 1, mark.column + 1, _REFUSED[type(token)])
            elif isinstance(token, _OPENS):
                depth += 1
                if depth > MAX_DEPTH:
                    doc.problem_at(mark.line + 1, mark.column + 1, f"nested more than {MAX_DEPTH} levels deep")
                    break
            elif isinstance(token, _CLOSES):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        _syntax_problem(error, text, doc)
    except yaml.reader.ReaderError as error:
        # libyaml reports a byte offset, so the character is found in the text instead.
        line, column = _line_column(text, text.find(chr(error.character)), "\n")
        doc.problem_at(
            line, column, f"the character {described(chr(error.character))} is not allowed in YAML; delete it"
        )
    finally:
        loader.dispose()
    return not doc.problems


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, doc: Document) -> None:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    # libyaml's wording for a tab in the indentation never says "tab" when it starts a line.
    lines = text.split("\n")
    source_line = lines[line - 1] if line <= len(lines) else ""
    indentation = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    if "\t" in indentation:
        column = indentation.index("\t") + 1
        doc.problem_at(
            line, column, "a tab in the indentation; YAML indents with spaces only, so replace it with spaces"
        )
        return
    message = " ".join(filter(None, [error.context, error.problem]))
    doc.problem_at(line, column, f"YAML syntax error: {message}")


def _index(node: yaml.Node, path: Path_, doc: Document) -> None:
    doc.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR_TAG):
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a list or mapping"
                doc.problem_at(line, column, f"keys must be text, got {shown!r}; put quotes around it", path)
                continue
            key = key_node.value
            key_path = (*path, key)
            if key in seen:
                message = f"duplicate key {key!r} (first set on line {seen[key]}); YAML would silently keep only one"
                doc.problem_at(line, column, message, key_path)
                continue
            seen[key] = line
            doc.positions[key_path] = (line, column)
            _index(value_node, key_path, doc)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*path, index), doc)
