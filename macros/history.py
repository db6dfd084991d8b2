"""Community figures over time: data/history/<metric id>/<framework slug>.yml.

A history file holds one or more series of dated values for one metric of one framework. A
series is what one source measured with one method; when a source changes its method (another
window, another API), the values that follow start a new series that says why in `break`, so a
chart never draws one line across two ways of counting. Example:

    series:
      - label: best-of-web-python
        source: https://github.com/ml-tooling/best-of-web-python/tree/<40-hex commit>/history
        method: GitHub GraphQL stargazers.totalCount, one point per month ...
        points:
          - {date: 2021-01-06, value: 53404}
          - {date: 2021-02-03, value: 54013}

Rules (each problem reported as `file:line:column: field: message`, like the fact sheets):
- the folder is a metric id of data/metrics.yml and the file name a framework slug;
- `source` is an https URL pinned to a commit of the file(s) the values were read from
  (github.com .../blob|tree|commits|commit|raw/<40-hex sha>/..., or raw.githubusercontent.com
  at a sha), or one of the live APIs that scripts/refresh_figures.py reads, whose points are
  dated by the day they were read;
- dates are not in the future and strictly increase within a series; values are whole numbers
  from 0 to 10**12;
- series from the same origin (repository or API endpoint) follow each other without
  overlapping, differ in method, and every one after the first carries `break`;
- limits: MAX_FILE_BYTES per file, MAX_SERIES per file, MAX_POINTS per series.

`load_history(root, slugs, metric_ids)` reads and checks every file; `dump_history(series)`
writes the canonical text that scripts produce.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from macros.fields import HttpsUrl, Name, PastDate, Text
from macros.problems import Problem
from macros.schema_errors import validate
from macros.yaml_source import Document, parse
from macros.yaml_writer import Flow, Folded, dump

HISTORY_DIR = Path("data") / "history"
MAX_FILE_BYTES = 100_000
MAX_SERIES = 12
MAX_POINTS = 600

# Live APIs read by scripts/refresh_figures.py: a point from them is dated by when it was read.
LIVE_APIS = (
    "https://api.github.com/repos/",
    "https://api.stackexchange.com/2.3/tags/",
    "https://pypistats.org/api/packages/",
    "https://pypi.org/pypi/",
)
_SHA = r"[0-9a-f]{40}"
PINNED = re.compile(
    rf"^https://github\.com/[\w.-]+/[\w.-]+/(?:blob|tree|commits|commit|raw)/{_SHA}(?:[/?#]|$)"
    rf"|^https://raw\.githubusercontent\.com/[\w.-]+/[\w.-]+/{_SHA}/"
)


def pinned_source(value: str) -> str:
    if PINNED.match(value) or value.startswith(LIVE_APIS):
        return value
    raise ValueError(
        "must be pinned to a commit (https://github.com/<owner>/<repo>/blob/<40-hex commit>/<path>, "
        "or tree/, commits/, commit/) or be a live API read by scripts/refresh_figures.py "
        f"({', '.join(LIVE_APIS)}); got {value!r}"
    )


PinnedUrl = Annotated[HttpsUrl, AfterValidator(pinned_source)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Point(_Strict):
    date: PastDate
    value: int = Field(ge=0, le=10**12)


class SeriesEntry(_Strict):
    """One series as written in a history file."""

    label: Name = Field(description="Short name of the source and method, shown in chart legends.")
    source: PinnedUrl = Field(description="Where the values were read, pinned to a commit (or a live API).")
    method: Text = Field(description="How the source measures the values and how points were picked.")
    break_: Text | None = Field(
        None, alias="break", description="Why this series does not continue the previous one from its origin."
    )
    points: list[Point] = Field(min_length=1, max_length=MAX_POINTS)


class HistoryFile(_Strict):
    series: list[SeriesEntry] = Field(min_length=1, max_length=MAX_SERIES)


@dataclass(frozen=True)
class Series:
    """A checked series with what it measures: the unit the loader returns."""

    metric: str
    framework: str
    file: str
    line: int
    label: str
    source: str
    method: str
    break_note: str | None
    points: tuple[Point, ...]

    @property
    def first(self) -> Point:
        return self.points[0]

    @property
    def last(self) -> Point:
        return self.points[-1]


def origin(source: str) -> str:
    """What a source's series share: a GitHub repository, or an API endpoint without its query."""
    parts = urlsplit(source)
    if parts.hostname in ("github.com", "raw.githubusercontent.com"):
        owner_repo = "/".join(parts.path.strip("/").split("/")[:2]).lower()
        return f"github:{owner_repo}"
    return f"{parts.hostname}{parts.path}"


# ---------------------------------------------------------------------------
# Loading


def load_history(root: Path, slugs: Iterable[str], metric_ids: Iterable[str]) -> tuple[list[Series], list[Problem]]:
    """Every series under data/history/, sorted by metric, framework and file order, and every problem."""
    slugs, metric_ids = sorted(set(slugs)), sorted(set(metric_ids))
    folder = root / HISTORY_DIR
    if not folder.exists():
        return [], []
    series: list[Series] = []
    problems: list[Problem] = []
    if folder.is_symlink() or not folder.is_dir():
        return [], [Problem(HISTORY_DIR.as_posix(), 1, 1, "", "must be a folder, not a link or a file")]
    for metric_dir in sorted(folder.iterdir()):
        shown = metric_dir.relative_to(root).as_posix()
        if metric_dir.is_symlink() or not metric_dir.is_dir():
            problems.append(Problem(shown, 1, 1, "", "expected only folders named after metric ids here"))
            continue
        if metric_dir.name not in metric_ids:
            problems.append(
                Problem(shown, 1, 1, "", _unknown("metric", metric_dir.name, metric_ids, "data/metrics.yml"))
            )
            continue
        for path in sorted(metric_dir.iterdir()):
            shown = path.relative_to(root).as_posix()
            if path.suffix != ".yml":
                problems.append(Problem(shown, 1, 1, "", "expected only <framework slug>.yml files here"))
                continue
            if path.stem not in slugs:
                problems.append(Problem(shown, 1, 1, "", _unknown("framework", path.stem, slugs, "data/frameworks/")))
                continue
            found, doc = _load_file(path, root, metric_dir.name)
            series += found
            problems += doc.problems
    return series, problems


def _unknown(kind: str, name: str, known: Sequence[str], where: str) -> str:
    guess = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean {guess[0]!r}?" if guess else ""
    return f"unknown {kind} {name!r} (not in {where}){hint}"


def _load_file(path: Path, root: Path, metric: str) -> tuple[list[Series], Document]:
    if not path.is_symlink() and path.is_file() and (size := path.stat().st_size) > MAX_FILE_BYTES:
        doc = Document(path.relative_to(root).as_posix())
        doc.problem_at(1, 1, f"file is {size:,} bytes; the limit for a history file is {MAX_FILE_BYTES:,}")
        return [], doc
    doc = parse(path, root)
    if doc.problems:
        return [], doc
    if not isinstance(doc.data, dict):
        doc.problem((), "a history file must be a mapping with a 'series' list")
        return [], doc
    history = validate(doc, HistoryFile, doc.data)
    if history is None:
        return [], doc
    _check_dates(doc, history)
    _check_origins(doc, history)
    if doc.problems:
        return [], doc
    return [
        Series(
            metric=metric,
            framework=path.stem,
            file=doc.name,
            line=doc.positions.get(("series", index), (1, 1))[0],
            label=entry.label,
            source=entry.source,
            method=entry.method,
            break_note=entry.break_,
            points=tuple(entry.points),
        )
        for index, entry in enumerate(history.series)
    ], doc


def _check_dates(doc: Document, history: HistoryFile) -> None:
    for index, entry in enumerate(history.series):
        for number, (before, point) in enumerate(zip(entry.points, entry.points[1:], strict=False), start=1):
            if point.date <= before.date:
                doc.problem(
                    ("series", index, "points", number, "date"),
                    f"{point.date} is not after the previous point's date {before.date}: dates must strictly increase",
                )


def _check_origins(doc: Document, history: HistoryFile) -> None:
    """Series sharing an origin are one source's method changes: in order, distinct, each marked."""
    seen: dict[str, tuple[int, SeriesEntry]] = {}
    for index, entry in enumerate(history.series):
        key = origin(entry.source)
        if key in seen:
            earlier_index, earlier = seen[key]
            if entry.method == earlier.method:
                doc.problem(
                    ("series", index, "method"),
                    f"same origin and method as series {earlier_index}: add the points to that series instead",
                )
            elif entry.points[0].date <= earlier.points[-1].date:
                doc.problem(
                    ("series", index, "points", 0, "date"),
                    f"starts on {entry.points[0].date}, before series {earlier_index} from the same origin ends "
                    f"({earlier.points[-1].date}): a method change starts after the last point of the old method",
                )
            if entry.break_ is None:
                doc.problem(
                    ("series", index),
                    f"continues series {earlier_index} from the same origin with another method: say why in 'break'",
                )
        seen[key] = (index, entry)


# ---------------------------------------------------------------------------
# Writing


def dump_history(entries: Sequence[SeriesEntry], title: str) -> str:
    """The canonical text of a history file (what the scripts write): points one per line."""
    data = {
        "series": [
            {
                "label": entry.label,
                "source": entry.source,
                "method": Folded(entry.method),
                **({"break": Folded(entry.break_)} if entry.break_ else {}),
                "points": [Flow(date=point.date, value=point.value) for point in entry.points],
            }
            for entry in entries
        ]
    }
    return dump(data, f"{title}: one series per source and method, written by scripts (see macros/history.py).")


def read_entries(path: Path, root: Path) -> list[SeriesEntry]:
    """The series of one history file, for scripts that add to it; raises ValueError if it is invalid."""
    doc = parse(path, root)
    if doc.problems:
        raise ValueError("\n".join(map(str, doc.problems)))
    try:
        return list(HistoryFile.model_validate(doc.data).series)
    except ValidationError as error:
        raise ValueError(str(error)) from None
