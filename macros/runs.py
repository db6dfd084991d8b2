"""Dated measurement runs (data/benchmarks/<date>.yml, data/footprint/<date>.yml): one file per
run, named after its date, checked by its model and by rules across its fields."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.problems import Problem
from macros.schema_errors import validate
from macros.yaml_source import Document, parse


@dataclass(frozen=True)
class RunCheck[Run]:
    doc: Document
    run: Run
    path: Path
    published: bool
    frameworks: frozenset[str]


def file_name_is_the_date(check: RunCheck[Any]) -> None:
    if check.published and check.path.stem != check.run.date.isoformat():
        check.doc.problem(("date",), f"the file must be named after the run's date: {check.run.date}.yml")


def load_run_file[Run: BaseModel](
    path: Path,
    root: Path,
    model: type[Run],
    rules: Sequence[Callable[[RunCheck[Run]], None]],
    max_bytes: int,
    *,
    published: bool = True,
    frameworks: Collection[str] | None = None,
) -> tuple[Run | None, list[Problem]]:
    """One run file (inside `root`, which problems are reported relative to): the run (None if
    it has any problem) and its problems. `published=False` checks a run not meant for the data
    folder, which the rules may hold to less; `frameworks` are the known framework slugs, by
    default those of root/data/frameworks/."""
    if frameworks is None:
        frameworks = [sheet.stem for sheet in root.joinpath("data", "frameworks").glob("*.yml")]
    doc = parse(path, root, max_bytes)
    if doc.problems:
        return None, doc.problems
    if not isinstance(doc.data, dict):
        doc.problem((), "a run must be a mapping of fields")
        return None, doc.problems
    run = validate(doc, model, doc.data)
    if run is None:
        return None, doc.problems
    check = RunCheck(doc, run, path, published, frozenset(frameworks))
    for rule in rules:
        rule(check)
    return (None if doc.problems else run), doc.problems


def load_runs[Run: BaseModel](
    root: Path, folder: Sequence[str], load: Callable[[Path, Path], tuple[Run | None, list[Problem]]]
) -> tuple[list[Run], list[Problem]]:
    """Every run in `folder`, oldest first, and every problem found in them. No folder means no
    runs (and no problem); a file that has any problem is left out."""
    where = root.joinpath(*folder)
    if not where.is_dir() or where.is_symlink():
        return [], []
    runs: list[Run] = []
    problems: list[Problem] = []
    for path in sorted(where.iterdir()):
        if path.suffix != ".yml":
            shown = path.relative_to(root).as_posix()
            problems.append(Problem(shown, 1, 1, "", f"only <date>.yml files belong in {'/'.join(folder)}/"))
            continue
        run, found = load(path, root)
        problems += found
        if run is not None:
            runs.append(run)
    return sorted(runs, key=lambda run: run.date), sorted(problems)  # type: ignore[attr-defined]
