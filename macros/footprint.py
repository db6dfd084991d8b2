"""Footprint runs: the schema and loader of data/footprint/<date>.yml.

Each file is one run of scripts/measure_footprint.py: every framework's pinned version installed
alone into a fresh virtual environment with a plain `pip install`, then measured: the
distributions that install brought, their installed size, the time fresh interpreters take to
run what its hello-world sample imports of it (over a `python -c pass` baseline), whether the
package ships `py.typed`, and the type completeness `pyright --verifytypes` reports. The file
records the machine, the versions of Python, pip and pyright, and the exact commands. It is
checked like a fact sheet, every problem reported as `file:line:column: field.path: message`:

- a published file is named after its date, times at least MIN_PUBLISHED_RUNS interpreters and
  ran pyright;
- one entry per framework, each a framework of data/frameworks/, whose distributions include its
  own package at the measured version;
- each import time (wall-clock and CPU) is the difference of the two medians it is computed from;
- the type completeness is pyright's share of exported symbols with a known type, given only
  when the package ships py.typed; without a score, pyright's message says why.

    runs, problems = load_footprint(root)   # runs sorted by date, oldest first
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from macros.benchmarks import Machine, PackageName, PackageVersion
from macros.fields import LongText, PastDate, ShortText, Slug, Text
from macros.problems import Problem
from macros.rules import normalise_package
from macros.runs import RunCheck, file_name_is_the_date, load_run_file, load_runs
from macros.yaml_writer import Flow, Folded, Quoted, dump

FOOTPRINT_DIR = ("data", "footprint")
# A published run times at least this many fresh interpreters, so its medians mean something.
MIN_PUBLISHED_RUNS = 5
# Twelve frameworks take about 12 KB; a few hundred fit.
MAX_FILE_BYTES = 400_000
# Figures are written rounded (milliseconds to 2 decimals, the completeness to 4): one unit in the last place.
MS_TOLERANCE = 0.011
SCORE_TOLERANCE = 0.00011

ModuleName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", max_length=100)]
# Import statements of a sample, joined by '; ': names, dots, commas and spaces only.
_STATEMENT = r"(from [A-Za-z_][\w.]* import [\w ,]+|import [\w., ]+)"
ImportStatements = Annotated[str, Field(pattern=rf"^{_STATEMENT}(; {_STATEMENT})*$", max_length=500)]
Milliseconds = Annotated[float, Field(ge=0, le=600_000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Symbols(Strict):
    """pyright's counts of the exported symbols (the package's public interface)."""

    known: int = Field(ge=0, le=10**7)
    ambiguous: int = Field(ge=0, le=10**7)
    unknown: int = Field(ge=0, le=10**7)

    @property
    def total(self) -> int:
        return self.known + self.ambiguous + self.unknown


class Timing(Strict):
    """Medians over fresh interpreters, in milliseconds."""

    interpreter_ms: Milliseconds = Field(description="Median of the interpreters running the imports.")
    baseline_ms: Milliseconds = Field(description="Median of the interpreters running `pass`.")
    import_ms: float = Field(ge=0, le=600_000, description="interpreter_ms minus baseline_ms.")


class Commands(Strict):
    """The exact commands of one framework's measurement ($VENV is the fresh environment's folder)."""

    install: Text
    import_module: LongText = Field(
        description="The command whose fresh interpreters are timed (an extension's sample configures its base first)."
    )
    verify_types: Text | None = Field(None, description="The pyright command; none when pyright was not run.")


class Entry(Strict):
    framework: Slug = Field(description="The framework's slug, as in data/frameworks/<slug>.yml.")
    package: PackageName
    version: PackageVersion = Field(description="The version installed: the pin of data/samples/requirements.txt.")
    module: ModuleName = Field(description="The top-level package the distribution installs, which pyright checks.")
    imports: ImportStatements = Field(description="What is timed: the hello-world sample's imports of the package.")
    distributions: dict[PackageName, PackageVersion] = Field(
        min_length=1, max_length=1000, description="Every distribution the install brought, pip itself excepted."
    )
    installed_bytes: int = Field(ge=1, le=10**11, description="The sizes of the files their RECORDs list, summed.")
    wall_time: Timing = Field(description="Wall-clock time, as a user waits for it.")
    cpu_time: Timing = Field(
        description="User and system CPU time of the interpreter, which other jobs on a shared machine change less."
    )
    py_typed: StrictBool = Field(description="The package ships a py.typed file.")
    completeness: float | None = Field(
        None, ge=0, le=1, description="pyright's type completeness score; none without a score."
    )
    symbols: Symbols | None = Field(None, description="pyright's counts of exported symbols, with the score.")
    pyright_message: ShortText | None = Field(None, description="Why pyright gave no score, in its words.")
    commands: Commands

    @property
    def dependencies(self) -> int:
        """The distributions besides the framework's own."""
        return len(self.distributions) - 1


class FootprintRun(Strict):
    """One run of scripts/measure_footprint.py: data/footprint/<date>.yml."""

    date: PastDate
    method: Text = Field(description="How the figures were measured, in plain words, for the pages.")
    caveats: list[ShortText] = Field(min_length=1, max_length=12)
    command: Text = Field(description="The command that produced this file.")
    duration_seconds: int = Field(ge=1, le=86_400)
    machine: Machine
    platform: ShortText = Field(description="Operating system and architecture, e.g. 'Linux x86_64'.")
    pip: PackageVersion = Field(description="The pip of the fresh environments, which made the installs.")
    pyright: PackageVersion | None = Field(description="The pyright version, or none when it was not run.")
    runs: int = Field(ge=1, le=1000, description="Fresh interpreters timed for each median.")
    venv_command: Text = Field(description="How each fresh environment was made.")
    baseline_command: Text = Field(description="The command of the baseline interpreters.")
    frameworks: list[Entry] = Field(min_length=1, max_length=200)

    def entry(self, slug: str) -> Entry | None:
        return next((entry for entry in self.frameworks if entry.framework == slug), None)


def method_text(python: str, platform: str, pip: str, runs: int, pyright: str | None) -> str:
    """The method a run states, from its own settings (scripts/measure_footprint.py writes it)."""
    typing = f"pyright {pyright} --verifytypes completeness score" if pyright else "pyright was not run"
    return (
        f"Each framework's pin installed alone by a plain pip install (pip {pip}, no cache or local pip "
        f"settings) in a new venv of Python {python} on {platform}. Distributions: all it "
        "installed but pip. Size: the files their RECORDs list, bytecode included. Import time: medians over "
        f"{runs} fresh interpreters running its hello-world sample's imports of it, less those over {runs} "
        f"running pass, interleaved; wall and CPU time. Typing: whether py.typed ships; {typing}."
    )


# ---------------------------------------------------------------------------
# Loading


def load_footprint(root: Path) -> tuple[list[FootprintRun], list[Problem]]:
    """Every run in data/footprint/, oldest first, and every problem found in them."""
    return load_runs(root, FOOTPRINT_DIR, load_footprint_file)


def load_footprint_file(
    path: Path, root: Path, *, published: bool = True, frameworks: Collection[str] | None = None
) -> tuple[FootprintRun | None, list[Problem]]:
    """One run file (inside `root`, which problems are reported relative to): the run (None if
    it has any problem) and its problems.

    `published=False` checks a run not meant for data/footprint/ (one framework, or a trial):
    its file name, its number of interpreters and whether pyright ran are then free.
    `frameworks` are the known framework slugs; by default those of root/data/frameworks/.
    """
    return load_run_file(
        path, root, FootprintRun, RUN_RULES, MAX_FILE_BYTES, published=published, frameworks=frameworks
    )


# ---------------------------------------------------------------------------
# Rules across fields: one small function each


def published_runs_are_complete(check: RunCheck[FootprintRun]) -> None:
    if not check.published:
        return
    if check.run.runs < MIN_PUBLISHED_RUNS:
        check.doc.problem(
            ("runs",), f"a published run times at least {MIN_PUBLISHED_RUNS} interpreters, got {check.run.runs}"
        )
    if check.run.pyright is None:
        check.doc.problem(("pyright",), "a published run measures type completeness: run it with pyright")


def one_entry_per_known_framework(check: RunCheck[FootprintRun]) -> None:
    seen: set[str] = set()
    for index, entry in enumerate(check.run.frameworks):
        if entry.framework in seen:
            check.doc.problem(("frameworks", index, "framework"), f"{entry.framework!r} is measured twice")
        seen.add(entry.framework)
        if entry.framework not in check.frameworks:
            check.doc.problem(
                ("frameworks", index, "framework"),
                f"unknown framework {entry.framework!r} (no data/frameworks/{entry.framework}.yml)",
            )


def the_package_is_installed(check: RunCheck[FootprintRun]) -> None:
    for index, entry in enumerate(check.run.frameworks):
        installed = {normalise_package(name): version for name, version in entry.distributions.items()}
        got = installed.get(normalise_package(entry.package))
        if got != entry.version:
            check.doc.problem(
                ("frameworks", index, "distributions"),
                f"must include {entry.package} {entry.version}, the package measured"
                + (f" (it lists {got})" if got else ""),
            )


def import_time_is_the_difference(check: RunCheck[FootprintRun]) -> None:
    for index, entry in enumerate(check.run.frameworks):
        for name, timing in (("wall_time", entry.wall_time), ("cpu_time", entry.cpu_time)):
            expected = timing.interpreter_ms - timing.baseline_ms
            if abs(timing.import_ms - expected) > MS_TOLERANCE:
                check.doc.problem(
                    ("frameworks", index, name, "import_ms"),
                    f"is {timing.import_ms}, but interpreter_ms minus baseline_ms is {round(expected, 2)}",
                )


def typing_is_consistent(check: RunCheck[FootprintRun]) -> None:
    ran = check.run.pyright is not None
    for index, entry in enumerate(check.run.frameworks):
        path = ("frameworks", index)
        pyright_fields = (entry.completeness, entry.symbols, entry.pyright_message)
        if not ran and any(value is not None for value in pyright_fields):
            check.doc.problem((*path, "completeness"), "pyright was not run (pyright: null): no pyright figures")
            continue
        if entry.completeness is None and entry.symbols is not None:
            check.doc.problem((*path, "symbols"), "symbol counts come with a completeness score")
        if entry.completeness is None:
            if ran and entry.pyright_message is None:
                check.doc.problem((*path, "pyright_message"), "without a completeness score, say why pyright gave none")
            continue
        if not entry.py_typed:
            check.doc.problem((*path, "completeness"), "pyright scores only a package that ships py.typed")
        if entry.pyright_message is not None:
            check.doc.problem((*path, "pyright_message"), "a scored package has no pyright message")
        if entry.symbols is None:
            check.doc.problem((*path, "symbols"), "a completeness score comes with its symbol counts")
        elif entry.symbols.total == 0:
            check.doc.problem((*path, "symbols"), "a score needs at least one exported symbol")
        elif abs(entry.completeness - entry.symbols.known / entry.symbols.total) > SCORE_TOLERANCE:
            share = round(entry.symbols.known / entry.symbols.total, 4)
            check.doc.problem(
                (*path, "completeness"), f"is {entry.completeness}, but known over all exported symbols is {share}"
            )


RUN_RULES: tuple[Callable[[RunCheck[FootprintRun]], None], ...] = (
    file_name_is_the_date,
    published_runs_are_complete,
    one_entry_per_known_framework,
    the_package_is_installed,
    import_time_is_the_difference,
    typing_is_consistent,
)


# ---------------------------------------------------------------------------
# Writing


def dump_footprint(data: dict[str, Any]) -> str:
    """The canonical text of a run file: versions quoted, each entry's distributions on a line of their own."""
    text = dict(data, method=Folded(data["method"]), pip=Quoted(data["pip"]))
    text["machine"] = dict(data["machine"], python=Quoted(data["machine"]["python"]))
    if data["pyright"] is not None:
        text["pyright"] = Quoted(data["pyright"])
    text["frameworks"] = [
        dict(
            entry,
            version=Quoted(entry["version"]),
            distributions=Flow({name: Quoted(version) for name, version in entry["distributions"].items()}),
            wall_time=Flow(entry["wall_time"]),
            cpu_time=Flow(entry["cpu_time"]),
            symbols=None if entry["symbols"] is None else Flow(entry["symbols"]),
        )
        for entry in data["frameworks"]
    ]
    return dump(
        text, "Footprint of each framework, written by python -m scripts.measure_footprint (macros/footprint.py)."
    )
