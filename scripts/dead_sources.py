"""Facts whose cited source no longer answers: lychee's JSON report mapped back to the data.

  python -m scripts.dead_sources urls > cited-urls.txt
      every https URL the data cites (fact sheets: source, homepage, documentation, repository;
      history files: source), one per line, sorted, for lychee to check;
  python -m scripts.dead_sources report lychee.json [--markdown dead-sources.md]
      reads lychee's report (`lychee --format json --output lychee.json cited-urls.txt`) and
      prints each fact citing a URL that failed as `file:line:column: field: url: status`; with
      --markdown, also writes an issue body listing them, when there is at least one. Cited URLs
      and lychee's status texts go into it as code spans: text, never a link, mention or HTML.

The link check itself runs only in .github/workflows/links.yml (never in the offline tests),
which opens the issue; what counts as an answer (2xx, and 403 or 429 from sites that turn robots
away) is set there with lychee's --accept. Exits 0 (1, with one line saying why, if the report
cannot be read or is not shaped like lychee's).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.history import HISTORY_DIR
from macros.model import ROOT
from macros.problems import dotted
from macros.releases import RELEASES_DIR, SUPPORT_DIR
from macros.yaml_source import Document, parse

URL_FIELDS = {"source", "homepage", "documentation", "repository", "policy", "release_source"}
# Where lychee puts links that did not answer: error_map (lychee 0.19 and later), fail_map
# (earlier versions) and timeout_map.
FAILURE_MAPS = ("error_map", "fail_map", "timeout_map")
JSON_KINDS = {dict: "an object", list: "a list", str: "text", bool: "true or false", int: "a number", float: "a number"}
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class MalformedReport(ValueError):
    """JSON that is not shaped like lychee's report."""


@dataclass(frozen=True, order=True)
class Citation:
    file: str
    line: int
    column: int
    field: str
    url: str


@dataclass(frozen=True, order=True)
class DeadSource:
    citation: Citation
    status: str

    def __str__(self) -> str:
        citation = self.citation
        return f"{citation.file}:{citation.line}:{citation.column}: {citation.field}: {citation.url}: {self.status}"


def data_files(root: Path) -> list[Path]:
    """The fact sheets, history series, release histories and support windows."""
    files = sorted((root / "data" / "frameworks").glob("*.yml"))
    for folder, pattern in ((HISTORY_DIR, "*/*.yml"), (RELEASES_DIR, "*.yml"), (SUPPORT_DIR, "*.yml")):
        if (root / folder).is_dir():
            files += sorted((root / folder).glob(pattern))
    return files


def citations(root: Path) -> list[Citation]:
    """Every https URL in a URL field of the fact sheets and history files, with its position."""
    found = []
    for path in data_files(root):
        doc = parse(path, root)
        found += list(_walk(doc, doc.data, ()))
    return sorted(found)


def _walk(doc: Document, value: Any, path: tuple[str | int, ...]) -> Iterator[Citation]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(doc, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(doc, item, (*path, index))
    elif isinstance(value, str) and path and path[-1] in URL_FIELDS and value.startswith("https://"):
        line, column = doc.positions.get(path, (1, 1))
        yield Citation(doc.name, line, column, dotted(path), value)


def _normal(url: str) -> str:
    """The form two spellings of one link share: lychee may drop a fragment or a final slash."""
    return url.split("#", 1)[0].rstrip("/")


def failures(report: Any) -> dict[str, str]:
    """{url: status text} of every link lychee could not reach or that answered with an error."""
    if not isinstance(report, dict):
        raise MalformedReport(f"expected an object, got {_kind(report)}")
    failed = {}
    for name in FAILURE_MAPS:
        inputs = report.get(name)
        if inputs is None:
            continue
        if not isinstance(inputs, dict):
            raise MalformedReport(f"{name}: expected an object of lists, got {_kind(inputs)}")
        for source, entries in inputs.items():
            if not isinstance(entries, list):
                raise MalformedReport(f"{name}[{source!r}]: expected a list, got {_kind(entries)}")
            for index, entry in enumerate(entries):
                where = f"{name}[{source!r}][{index}]"
                if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
                    raise MalformedReport(f"{where}: expected an object with a text 'url'")
                status = entry.get("status", {})
                if not isinstance(status, dict):
                    raise MalformedReport(f"{where}.status: expected an object, got {_kind(status)}")
                text = status.get("text") or status.get("details") or "failed"
                if not isinstance(text, str):
                    raise MalformedReport(f"{where}.status.text: expected text, got {_kind(text)}")
                text = " ".join(CONTROL.sub(" ", text).split()) or "failed"  # one line, in logs and the issue
                failed[_normal(entry["url"])] = "timeout" if name == "timeout_map" and text == "failed" else text
    return failed


def _kind(value: Any) -> str:
    return JSON_KINDS.get(type(value), "null")


def dead_sources(root: Path, report: Any) -> list[DeadSource]:
    return matched(root, failures(report))


def matched(root: Path, failed: dict[str, str]) -> list[DeadSource]:
    return [
        DeadSource(citation, failed[_normal(citation.url)])
        for citation in citations(root)
        if _normal(citation.url) in failed
    ]


def code(text: str) -> str:
    """`text` as one Markdown code span, shown literally: GitHub makes no link, mention, issue
    reference, HTML or formatting of it, and a backtick in it cannot end the span early."""
    text = " ".join(CONTROL.sub(" ", text).split()) or "(empty)"
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def markdown(dead: list[DeadSource]) -> str:
    """The issue body: one list item per fact (a list, not a table: a '|' in a cited URL cannot
    split a row)."""
    lines = [
        "The monthly link check (lychee) found cited sources that no longer answer. For each fact, find the "
        "page that now states it (or an archived copy), update `source` and `as_of`, or mark the fact "
        "`unknown`.",
        "",
    ]
    for item in dead:
        citation = item.citation
        lines.append(
            f"- {code(f'{citation.file}:{citation.line}')} {code(citation.field)}: "
            f"{code(citation.url)} ({code(item.status)})"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("urls", help="print every cited URL, one per line")
    report_parser = commands.add_parser("report", help="map a lychee JSON report to facts")
    report_parser.add_argument("report", type=Path)
    report_parser.add_argument("--markdown", type=Path, help="write an issue body here if any source is dead")
    args = parser.parse_args(argv)
    if args.command == "urls":
        for url in sorted({citation.url for citation in citations(root)}):
            print(url)
        return 0
    try:
        failed = failures(json.loads(args.report.read_text(encoding="utf-8")))
    except (OSError, ValueError, RecursionError) as error:  # RecursionError: JSON nested too deep
        print(f"dead_sources.py: cannot read the lychee report {args.report}: {error}", file=sys.stderr)
        return 1
    dead = matched(root, failed)
    for item in dead:
        print(item)
    print(f"{len(dead)} cited source(s) did not answer", file=sys.stderr)
    if dead and args.markdown:
        args.markdown.write_text(markdown(dead), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
