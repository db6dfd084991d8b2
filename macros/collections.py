"""The registry of data collections: every kind of file under data/, declared once.

The data-side twin of macros/pages.REGISTRY. Each entry names where its files live, the model
that checks them, the program that writes them, and what every framework must have of it. From
this list:
- `load_dataset` loads and checks all of data/ in registry order, then runs each collection's
  coverage rule on every fact sheet, so a contributor sees every missing piece as
  `file:line:column: field: message` before any test fails;
- `scripts/new_framework.py` scaffolds the files a new framework needs;
- `scripts/export_schema.py` writes the table of data files in CONTRIBUTING.md;
- every data folder and file must resolve inside data/, and no other file may sit in data/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros import addresses
from macros.advisories import ADVISORIES_DIR, AdvisoryFile, AdvisoryRecord, load_advisories
from macros.benchmarks import BenchmarkRun, load_benchmarks
from macros.fields import comparison_key
from macros.footprint import FOOTPRINT_DIR, FootprintRun, load_footprint
from macros.history import HISTORY_DIR, HistoryFile, load_history
from macros.model import (
    CATALOGUES,
    ROOT,
    Catalogues,
    Dataset,
    Framework,
    MetricDefinition,
    Strict,
    load_catalogues,
)
from macros.problems import DataError, Problem
from macros.releases import (
    RELEASES_DIR,
    SUPPORT_DIR,
    ReleaseFile,
    SupportFile,
    latest_release_problems,
    load_releases,
    load_support,
)
from macros.rules import FRAMEWORK_RULES, SheetCheck, normalise_package
from macros.schema_errors import validate
from macros.yaml_source import Document, parse

# The most fact sheets one build accepts: the scale work measured builds up to 100; past a few
# hundred, pair pages alone (n x (n - 1) / 2) would make the build take hours.
MAX_FRAMEWORKS = 200
# All of data/history/ together: the largest real set is about 150 KB; files at their own limits
# could otherwise cost tens of seconds of validation.
MAX_HISTORY_BYTES = 3_000_000
# Marks the code the scaffold writes; a sample or test that still carries it is not written yet.
SCAFFOLD_MARKER = "TODO(scaffold)"
SAMPLE_TESTS = "tests/samples"


def sample_test(slug: str) -> str:
    return f"{SAMPLE_TESTS}/test_{slug.replace('-', '_')}.py"


def framework_files(root: Path, slug: str) -> list[tuple[str, Path]]:
    """(path pattern, existing file or folder) for every file of one framework, from the registry."""
    found = []
    for collection in REGISTRY:
        for pattern in collection.files:
            for path in sorted(root.glob(pattern.format(slug=slug, module=slug.replace("-", "_")))):
                found.append((pattern, path))
    return found


@dataclass
class Loading:
    """What is known while the collections load, in registry order."""

    root: Path
    catalogues: Catalogues
    stems: list[str]  # every fact sheet's file name, valid or not
    pins: dict[str, str] = field(default_factory=dict)
    sheets: list[Sheet] = field(default_factory=list)
    loaded: dict[str, Any] = field(default_factory=dict)  # collection id -> what it loaded
    problems: list[Problem] = field(default_factory=list)

    def tracked_metrics(self) -> list[MetricDefinition]:
        return [metric for metric in self.catalogues.metrics if metric.tracked]


@dataclass(frozen=True)
class Sheet:
    """What coverage rules read of a fact sheet, valid or not, so a contributor sees the files a
    framework lacks while its sheet still has markers to fill in."""

    slug: str
    doc: Document
    framework: Framework | None  # None while the sheet does not validate

    def field(self, *path: str) -> Any:
        """The value written at `path`, or None."""
        value = self.doc.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    @property
    def pypi(self) -> str | None:
        value = self.field("pypi")
        return value if isinstance(value, str) else None

    @property
    def not_tracked(self) -> list[str]:
        value = self.field("tracking", "not_tracked")
        return [str(key) for key in value] if isinstance(value, dict) else []

    @property
    def not_measured(self) -> bool:
        return self.field("benchmark", "not_measured") is not None


@dataclass(frozen=True)
class Collection:
    """One kind of file under data/."""

    id: str
    pattern: str  # where its files live, as a contributor reads it
    holds: str  # what it holds, in a few words
    model: Sequence[type[Strict]] | type[Any] | None  # what checks each file (Any for hand-checked files)
    writer: str  # what writes or updates it
    required: str  # what every framework must have of it ("" if nothing)
    load: Callable[[Loading], None]
    # Paths of one framework's files in this collection: `{slug}` is its slug, `{module}` its slug
    # as a Python name, `*` any one name (a metric id).
    files: tuple[str, ...] = ()
    coverage: Callable[[Sheet, Loading], None] | None = None
    # Files `scripts/new_framework.py` writes for a new framework: {repository path: text}.
    scaffold: Callable[[Catalogues, str, str], dict[str, str]] | None = None


# ---------------------------------------------------------------------------
# Loaders: each adds what it loaded to `loading.loaded[id]` and its problems to `loading.problems`


def _load_catalogues(loading: Loading) -> None:
    for doc in loading.catalogues.docs:
        _frame_marker_problems(loading.root / doc.name, doc)
    outside = loading.catalogues.docs[list(CATALOGUES).index("outside_benchmarks.yml")]
    for index, benchmark in enumerate(loading.catalogues.outside_benchmarks):
        for position, slug in enumerate(benchmark.frameworks):
            if slug not in loading.stems:
                message = f"unknown framework {slug!r} (no {addresses.fact_sheet(slug)})"
                outside.problem((index, "frameworks", position), message)
    loading.problems += [problem for doc in loading.catalogues.docs for problem in doc.problems]


def _load_sheets(loading: Loading) -> None:
    paths = sorted((loading.root / addresses.FACT_SHEETS).glob("*.yml"))
    if len(paths) > MAX_FRAMEWORKS:
        loading.problems.append(
            Problem(addresses.FACT_SHEETS, 1, 1, "", f"{len(paths)} fact sheets; the limit is {MAX_FRAMEWORKS}")
        )
        return
    for path in paths:
        doc = parse(path, loading.root)
        if not doc.problems and not isinstance(doc.data, dict):
            doc.problem((), "a fact sheet must be a mapping of fields")
        framework = None if doc.problems else validate(doc, Framework, doc.data)
        if framework is not None:
            for rule in FRAMEWORK_RULES:
                rule(SheetCheck(doc, framework, path.stem, loading.catalogues, loading.pins, loading.root))
        if isinstance(doc.data, dict):
            loading.sheets.append(Sheet(path.stem, doc, framework))
        _frame_marker_problems(path, doc)
        loading.problems += doc.problems
    names: dict[str, str] = {}
    for sheet in loading.sheets:
        if sheet.framework is None:
            continue
        key = comparison_key(sheet.framework.name)
        if key in names:
            problem = f"{sheet.framework.name!r} is also the name of {addresses.fact_sheet(names[key])}"
            sheet.doc.problem(("name",), problem)
            loading.problems.append(sheet.doc.problems[-1])
        names.setdefault(key, sheet.slug)
    if not paths:
        loading.problems.append(Problem(addresses.FACT_SHEETS, 1, 1, "", "no fact sheets found"))


def _frame_marker_problems(path: Path, doc: Document) -> None:
    """The light pages' frame is cut at marker words, which no text may hold (a name or title
    shows in every page's nav, so the frame itself)."""
    if not path.is_file() or path.is_symlink():
        return
    for number, line in enumerate(_text_of(path).splitlines(), start=1):
        if "light-page-" in line and any(marker in line for marker in addresses.LIGHT_FRAME_MARKERS):
            doc.problem_at(number, line.index("light-page-") + 1, "holds a word that marks the light pages' frame")


def _load_samples(loading: Loading) -> None:
    pins, problems = _read_pins(loading.root / PINS, loading.root)
    loading.pins.update(pins)
    loading.problems += problems + _sample_file_problems(loading.root / SAMPLES, loading.root, loading.stems)


def _load_history(loading: Loading) -> None:
    ids = [metric.id for metric in loading.tracked_metrics()]
    series, problems = load_history(loading.root, loading.stems, ids)
    folder = loading.root / HISTORY_DIR
    if folder.is_dir() and not folder.is_symlink():
        size = sum(path.stat().st_size for path in folder.rglob("*.yml") if path.is_file() and not path.is_symlink())
        if size > MAX_HISTORY_BYTES:
            problems = [
                Problem(HISTORY_DIR.as_posix(), 1, 1, "", f"{size:,} bytes in all; the limit is {MAX_HISTORY_BYTES:,}")
            ]
            series = []
    loading.loaded["history"] = series
    loading.problems += problems


def _load_releases(loading: Loading) -> None:
    histories, problems = load_releases(loading.root, loading.stems)
    loading.loaded["releases"] = histories
    loading.problems += problems


def _load_support(loading: Loading) -> None:
    windows, problems = load_support(loading.root, loading.stems)
    loading.loaded["support"] = windows
    loading.problems += problems


def _load_advisories(loading: Loading) -> None:
    records, problems = load_advisories(loading.root, loading.stems)
    loading.loaded["advisories"] = records
    loading.problems += problems


def _load_benchmarks(loading: Loading) -> None:
    runs, problems = load_benchmarks(loading.root)
    loading.loaded["benchmarks"] = runs
    loading.problems += problems


def _load_footprint(loading: Loading) -> None:
    runs, problems = load_footprint(loading.root)
    loading.loaded["footprint"] = runs
    loading.problems += problems


# ---------------------------------------------------------------------------
# Coverage: what every framework must have, reported at its fact sheet


def _samples_coverage(sheet: Sheet, loading: Loading) -> None:
    slug, doc = sheet.slug, sheet.doc
    if sheet.pypi and normalise_package(sheet.pypi) not in loading.pins:
        doc.problem(("pypi",), f"package {sheet.pypi!r} is not pinned in {PINS}: add '{sheet.pypi}==<version>'")
    for criterion in loading.catalogues.criteria:
        if not criterion.sample:
            continue
        path = addresses.sample(slug, criterion.sample)
        if not (loading.root / path).is_file():
            doc.problem(
                ("criteria", criterion.id),
                f"missing {path}: criterion {criterion.id!r} shows sample {criterion.sample!r}",
            )
        elif SCAFFOLD_MARKER in _text_of(loading.root / path):
            doc.problem(("criteria", criterion.id), f"{path} still holds the scaffold's {SCAFFOLD_MARKER}")
    test = loading.root / sample_test(slug)
    if not test.is_file():
        doc.problem(("slug",), f"missing {sample_test(slug)}: the test that runs the samples with the framework")
    elif SCAFFOLD_MARKER in _text_of(test):
        doc.problem(("slug",), f"{sample_test(slug)} still holds the scaffold's {SCAFFOLD_MARKER}")


def _history_coverage(sheet: Sheet, loading: Loading) -> None:
    not_tracked = sheet.not_tracked
    tracked = [metric.id for metric in loading.tracked_metrics()]
    for metric in loading.tracked_metrics():
        path = f"{HISTORY_DIR.as_posix()}/{metric.id}/{sheet.slug}.yml"
        exists = (loading.root / path).is_file()
        if not exists and metric.id not in not_tracked:
            sheet.doc.problem(
                ("tracking", "not_tracked"),
                f"missing {path} ({metric.name} over time): run python -m scripts.refresh_figures "
                f"--only {sheet.slug} (live APIs) or python -m scripts.import_history (the dated datasets), "
                f"or give tracking.not_tracked.{metric.id} a reason",
            )
        if exists and metric.id in not_tracked:
            sheet.doc.problem(("tracking", "not_tracked", metric.id), f"{path} exists: remove this reason")
    for metric_id in not_tracked:
        if metric_id not in tracked:
            sheet.doc.problem(
                ("tracking", "not_tracked", metric_id),
                f"{metric_id!r} is not a metric kept over time; expected one of: {', '.join(tracked)}",
            )


def _releases_coverage(sheet: Sheet, loading: Loading) -> None:
    path = f"{RELEASES_DIR.as_posix()}/{sheet.slug}.yml"
    if not (loading.root / path).exists():
        sheet.doc.problem(
            ("latest_release",),
            f"missing {path} (the release history): run python -m scripts.refresh_releases {sheet.slug}",
        )
    elif sheet.framework is not None:
        loading.problems += latest_release_problems(loading.loaded.get("releases", []), [sheet.framework])


def _support_coverage(sheet: Sheet, loading: Loading) -> None:
    """Support windows where the project publishes a policy; where it does not, the sheet says so,
    with the page that was checked."""
    path = f"{SUPPORT_DIR.as_posix()}/{sheet.slug}.yml"
    exists = (loading.root / path).exists()
    published = sheet.field("support_policy", "published")
    if not exists and sheet.field("support_policy") is None:
        sheet.doc.problem(
            ("support_policy",),
            f"missing {path} (the support windows the project publishes); if it publishes no support policy, "
            "say so: support_policy: {published: false, source: <the page checked>, as_of: <the day>}",
        )
    elif not exists and published is True:
        sheet.doc.problem(("support_policy", "published"), f"true, but there is no {path}: write the windows there")
    elif exists and published is False:
        sheet.doc.problem(
            ("support_policy", "published"), f"false, but {path} exists: remove support_policy or that file"
        )


def _benchmark_coverage(sheet: Sheet, loading: Loading) -> None:
    runs: list[BenchmarkRun] = loading.loaded.get("benchmarks", [])
    if not runs:
        return
    latest = runs[-1]
    measured = any(result.framework == sheet.slug for result in latest.results)
    where = f"data/benchmarks/{latest.date}.yml"
    if not measured and not sheet.not_measured:
        sheet.doc.problem(
            ("benchmark",),
            f"no figures in the latest benchmark run {where}: run python -m scripts.bench_frameworks, "
            "or say why in benchmark.not_measured",
        )
    if measured and sheet.not_measured:
        sheet.doc.problem(("benchmark", "not_measured"), f"{where} measures {sheet.slug}: remove this reason")


def _advisories_coverage(sheet: Sheet, loading: Loading) -> None:
    """A security record for the package the sheet names, at the version the samples pin (its
    dependencies are those of that version)."""
    path = f"{ADVISORIES_DIR.as_posix()}/{sheet.slug}.yml"
    refresh = f"run python -m scripts.refresh_advisories --database <clone of pypa/advisory-database> {sheet.slug}"
    if not (loading.root / path).exists():
        sheet.doc.problem(("pypi",), f"missing {path} (the security record): {refresh}")
        return
    records: list[AdvisoryRecord] = loading.loaded.get("advisories", [])
    record = next((item for item in records if item.framework == sheet.slug), None)
    if record is None or not sheet.pypi:
        return  # the record's own problems are reported at it
    pinned = loading.pins.get(normalise_package(sheet.pypi))
    if normalise_package(record.data.package) != normalise_package(sheet.pypi):
        sheet.doc.problem(("pypi",), f"{path} is the record of {record.data.package!r}, not {sheet.pypi!r}: {refresh}")
    elif pinned and record.data.version != pinned:
        sheet.doc.problem(
            ("pypi",), f"{path} was read for version {record.data.version}; {PINS} pins {pinned}: {refresh}"
        )


def _base_coverage(sheet: Sheet, loading: Loading) -> None:
    """An extension names a framework that has a sheet, and a feature it says comes from that
    framework has that framework's level: the two pages must not disagree."""
    framework = sheet.framework
    if framework is None or framework.builds_on is None:
        return
    bases = {other.slug: other.framework for other in loading.sheets}
    base_slug = framework.builds_on.framework
    if base_slug not in bases:
        sheet.doc.problem(("builds_on", "framework"), f"no fact sheet {addresses.FACT_SHEETS}/{base_slug}.yml")
        return
    base = bases[base_slug]
    for feature_id, support in framework.features.items() if base else ():
        theirs = base.features.get(feature_id) if base else None
        if support.provided_by and theirs and support.level != theirs.level:
            sheet.doc.problem(
                ("features", feature_id, "level"),
                f"{base_slug}.yml gives {feature_id} level {theirs.level!r}: a feature provided by it has its level",
            )


def _footprint_coverage(sheet: Sheet, loading: Loading) -> None:
    runs: list[FootprintRun] = loading.loaded.get("footprint", [])
    if runs and runs[-1].entry(sheet.slug) is None:
        where = "/".join(FOOTPRINT_DIR) + f"/{runs[-1].date}.yml"
        sheet.doc.problem(
            ("pypi",), f"not in the latest footprint run {where}: run python -m scripts.measure_footprint"
        )


# ---------------------------------------------------------------------------
# Scaffolds: the files a new framework starts from (each marked, so validation refuses them as written)


def _scaffold_samples(catalogues: Catalogues, slug: str, name: str) -> dict[str, str]:
    files = {}
    for criterion in catalogues.criteria:
        if criterion.sample:
            files[addresses.sample(slug, criterion.sample)] = (
                f"# {SCAFFOLD_MARKER}: the {criterion.sample} sample for {one_line(name)}, shown under "
                f"{one_line(criterion.title)}. Samples meet the requests and replies of {SAMPLE_TESTS}/contract.py.\n"
            )
    for template, sample in (("hello.html", "html_template.py"), ("fortunes.html", "fortunes.py")):
        files[f"{SAMPLES}/{slug}/templates/{template}"] = f"<!-- the template {sample} renders -->\n"
    files[sample_test(slug)] = (
        f"# {SCAFFOLD_MARKER}: run the {one_line(name)} samples with the framework's test client, as\n"
        f"# {SAMPLE_TESTS}/test_flask.py does, then delete this line.\n"
    )
    return files


def one_line(text: str) -> str:
    """Text on one line (for a YAML or Python comment, which a line break would end)."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------
# Samples' own checks


SAMPLES = "data/samples"
PINS = f"{SAMPLES}/requirements.txt"
MAX_SAMPLE_BYTES = 20_000
SAMPLE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def _text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _read_pins(path: Path, root: Path) -> tuple[dict[str, str], list[Problem]]:
    """Framework versions the samples are tested with: `name==version` lines."""
    name = path.relative_to(root).as_posix()
    if path.is_symlink() or not path.is_file():
        return {}, [Problem(name, 1, 1, "", "file not found (or not a regular file)")]
    pins: dict[str, str] = {}
    problems = []
    for number, line in enumerate(_text_of(path).splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([0-9][0-9A-Za-z.+-]*)", line)
            if match:
                pins[normalise_package(match.group(1))] = match.group(2)
            else:
                problems.append(Problem(name, number, 1, "", f"expected name==version, got {line[:80]!r}"))
    return pins, problems


def _sample_file_problems(samples: Path, root: Path, slugs: list[str]) -> list[Problem]:
    """Samples are shown on pages: each a small UTF-8 regular file inside data/samples/<slug>/,
    never a link (which could publish any file of the build machine), with a plain name;
    templates are files directly in templates/."""
    problems = []
    real_samples = samples.resolve()
    for directory, subdirectories, files in os.walk(samples):
        subdirectories[:] = [name for name in subdirectories if name != "__pycache__"]
        here = Path(directory)
        folder = here.relative_to(root).as_posix()
        depth = len(here.relative_to(samples).parts)
        for name in sorted(subdirectories + files):
            path = here / name
            shown = f"{folder}/{name}"
            is_file = name in files
            if not SAMPLE_NAME.fullmatch(name):
                problems.append(Problem(shown, 1, 1, "", "file name may only use letters, digits, '.', '_' and '-'"))
            elif path.is_symlink() or not path.resolve().is_relative_to(real_samples):
                problems.append(Problem(shown, 1, 1, "", "must be a regular file or folder, not a symbolic link"))
            elif depth == 0 and not is_file and name not in slugs:
                message = f"unknown framework {name!r}: no {addresses.fact_sheet(name)}"
                problems.append(Problem(shown, 1, 1, "", message))
            elif depth == 0 and is_file and name != "requirements.txt":
                problems.append(Problem(shown, 1, 1, "", "only <slug>/ folders and requirements.txt belong here"))
            elif not is_file and depth > 0 and (depth != 1 or name != "templates"):
                problems.append(Problem(shown, 1, 1, "", "folders are not allowed here: only <slug>/templates/"))
            elif is_file and not path.is_file():
                problems.append(Problem(shown, 1, 1, "", "must be a regular file"))
            elif is_file and path.stat().st_size > MAX_SAMPLE_BYTES:
                problems.append(
                    Problem(shown, 1, 1, "", f"sample is larger than the limit of {MAX_SAMPLE_BYTES:,} bytes")
                )
            elif is_file:
                try:
                    path.read_bytes().decode("utf-8")
                except UnicodeDecodeError as error:
                    problems.append(Problem(shown, 1, 1, "", f"not UTF-8 text (byte {error.start + 1} cannot be read)"))
    return problems


# ---------------------------------------------------------------------------
# The registry


REGISTRY: tuple[Collection, ...] = (
    Collection(
        id="catalogues",
        pattern=", ".join(f"data/{name}" for name in CATALOGUES),
        holds="what is compared: features, metrics, criteria, the decision guide's needs, and other benchmarks",
        model=tuple(CATALOGUES.values()),
        writer="`python -m scripts.add_entry`",
        required="",
        load=_load_catalogues,
    ),
    Collection(
        id="samples",
        pattern="data/samples/<slug>/*.py, data/samples/<slug>/templates/, data/samples/requirements.txt",
        holds="code samples shown on the pages, and the framework versions they are tested with",
        model=None,
        writer="by hand; `python -m scripts.new_framework` writes stubs",
        required="one file per sample the criteria show, its tests in `tests/samples/test_<slug>.py`, and a pin",
        load=_load_samples,
        files=(f"{SAMPLES}/{{slug}}", f"{SAMPLE_TESTS}/test_{{module}}.py"),
        coverage=_samples_coverage,
        scaffold=_scaffold_samples,
    ),
    Collection(
        id="sheets",
        pattern=f"{addresses.FACT_SHEETS}/<slug>.yml",
        holds="one fact sheet per framework",
        model=Framework,
        writer="by hand; `python -m scripts.new_framework` writes the stub, `scripts.refresh_figures` its figures",
        required="the sheet itself",
        load=_load_sheets,
        files=(f"{addresses.FACT_SHEETS}/{{slug}}.yml",),
        coverage=_base_coverage,
    ),
    Collection(
        id="history",
        pattern=f"{HISTORY_DIR.as_posix()}/<metric id>/<slug>.yml",
        holds="community figures over time, one series per source and method",
        model=HistoryFile,
        writer="`python -m scripts.refresh_figures` (and the one-off `scripts.import_history`)",
        required="one file per metric kept over time (`tracked: true` in `data/metrics.yml`), "
        "or a reason in `tracking.not_tracked`",
        load=_load_history,
        files=(f"{HISTORY_DIR.as_posix()}/*/{{slug}}.yml",),
        coverage=_history_coverage,
    ),
    Collection(
        id="releases",
        pattern=f"{RELEASES_DIR.as_posix()}/<slug>.yml",
        holds="the release history, from the package index",
        model=ReleaseFile,
        writer="`python -m scripts.refresh_releases`",
        required="the file, containing the sheet's latest release",
        load=_load_releases,
        files=(f"{RELEASES_DIR.as_posix()}/{{slug}}.yml",),
        coverage=_releases_coverage,
    ),
    Collection(
        id="support",
        pattern=f"{SUPPORT_DIR.as_posix()}/<slug>.yml",
        holds="support windows of release series, for projects that publish them",
        model=SupportFile,
        writer="by hand, from the project's support policy",
        required="the file, or `support_policy: {published: false, ...}` in the sheet with the page checked "
        "when the project publishes no support policy",
        load=_load_support,
        files=(f"{SUPPORT_DIR.as_posix()}/{{slug}}.yml",),
        coverage=_support_coverage,
    ),
    Collection(
        id="advisories",
        pattern=f"{ADVISORIES_DIR.as_posix()}/<slug>.yml",
        holds="published security advisories of the framework's package and its runtime dependencies, "
        "from the PyPA Advisory Database (CC BY 4.0) and PyPI",
        model=AdvisoryFile,
        writer="`python -m scripts.refresh_advisories --database <clone of pypa/advisory-database>`",
        required="the file, read for the pinned version",
        load=_load_advisories,
        files=(f"{ADVISORIES_DIR.as_posix()}/{{slug}}.yml",),
        coverage=_advisories_coverage,
    ),
    Collection(
        id="benchmarks",
        pattern="data/benchmarks/<date>.yml",
        holds="measured benchmark runs, with machine, versions and commands",
        model=BenchmarkRun,
        writer="`python -m scripts.bench_frameworks`",
        required="figures in the latest run, or a reason in `benchmark.not_measured`; "
        "`benchmark.servers` to run it under",
        load=_load_benchmarks,
        coverage=_benchmark_coverage,
    ),
    Collection(
        id="footprint",
        pattern="data/footprint/<date>.yml",
        holds="measured install footprint, import time and typing of each pinned version, with the method",
        model=FootprintRun,
        writer="`python -m scripts.measure_footprint`",
        required="an entry in the latest run",
        load=_load_footprint,
        coverage=_footprint_coverage,
    ),
)


SLUG_GROUP = "(?P<slug>[a-z0-9][a-z0-9-]*)"


def _owned_file_patterns() -> list[re.Pattern[str]]:
    """The registry's per-framework file patterns under data/, as expressions naming the slug."""
    found = []
    for collection in REGISTRY:
        for pattern in collection.files:
            if pattern.startswith("data/") and "{module}" not in pattern:
                expression = re.escape(pattern).replace(re.escape("{slug}"), SLUG_GROUP).replace(r"\*", "[^/]+")
                found.append(re.compile(expression + "(?:/.*)?"))
    return found


OWNED_FILES = _owned_file_patterns()


def framework_of(path: str) -> str | None:
    """The slug of the framework a repository path under data/ belongs to (its sheet, samples,
    history, releases...), or None for what all frameworks share (catalogues, measured runs, pins)."""
    for pattern in OWNED_FILES:
        match = pattern.fullmatch(path)
        if match:
            return match.group("slug")
    return None


TABLE_START = "<!-- data collections: written by python -m scripts.export_schema from macros/collections.py -->"
TABLE_END = "<!-- end of data collections -->"


def contributor_table() -> str:
    """The table of data files in CONTRIBUTING.md, from the registry (between its two markers)."""
    rows = [
        "| files | what they hold | what every framework needs | written by |",
        "|---|---|---|---|",
        *(f"| `{item.pattern}` | {item.holds} | {item.required or 'nothing'} | {item.writer} |" for item in REGISTRY),
    ]
    return "\n".join([TABLE_START, *rows, TABLE_END])


def load_dataset(root: Path = ROOT, *, coverage: bool = True) -> Dataset:
    """Load and check all of data/; raise DataError listing every problem found.

    `coverage=False` leaves out what every framework must have (for the scripts that write those
    files: a new framework's missing history must not stop the refresh that writes it).
    """
    data = root / "data"
    stems = sorted(path.stem for path in (root / addresses.FACT_SHEETS).glob("*.yml"))
    loading = Loading(root, load_catalogues(root), stems)
    loading.problems += _stray_files(data, root)
    for collection in REGISTRY:
        collection.load(loading)
    for sheet in loading.sheets if coverage else []:
        before = len(sheet.doc.problems)
        for collection in REGISTRY:
            if collection.coverage:
                collection.coverage(sheet, loading)
        loading.problems += sheet.doc.problems[before:]
    if loading.problems:
        raise DataError(loading.problems)
    frameworks = [sheet.framework for sheet in loading.sheets if sheet.framework is not None]
    catalogues = loading.catalogues
    return Dataset(
        frameworks=tuple(sorted(frameworks, key=lambda item: item.name.lower())),
        features=tuple(catalogues.features),
        metrics=tuple(catalogues.metrics),
        criteria=tuple(catalogues.criteria),
        needs=tuple(catalogues.needs),
        outside_benchmarks=tuple(catalogues.outside_benchmarks),
        history=tuple(loading.loaded["history"]),
        benchmarks=tuple(loading.loaded["benchmarks"]),
        releases=tuple(loading.loaded["releases"]),
        support=tuple(loading.loaded["support"]),
        sample_versions=loading.pins,
        positions={doc.name: doc.positions for doc in (*catalogues.docs, *(sheet.doc for sheet in loading.sheets))},
        root=root,
    )


def load_or_exit(root: Path = ROOT) -> Dataset:
    """For command-line helpers: the dataset, or exit 1 printing every problem to stderr."""
    try:
        return load_dataset(root)
    except DataError as error:
        raise SystemExit(str(error)) from None


# Top-level entries of data/ and what may be in them; anything else is reported (a `.yaml` file
# would otherwise be ignored without a word).
DATA_ENTRIES = {
    *CATALOGUES,
    "frameworks",
    "samples",
    "history",
    "releases",
    "support",
    "advisories",
    "benchmarks",
    "footprint",
    "schema",
}


def _stray_files(data: Path, root: Path) -> list[Problem]:
    """Every data folder and file must be a plain one inside data/ (a link could make validation
    read, and pages show, a file of the build machine), and every file must be one the registry
    declares."""
    problems = []
    if data.is_symlink() or not data.is_dir():
        return [Problem("data", 1, 1, "", "must be a folder, not a link or a file")]
    real = data.resolve()
    for path in sorted(data.iterdir()):
        shown = path.relative_to(root).as_posix()
        if path.name not in DATA_ENTRIES:
            hint = "; data files end in .yml" if path.suffix == ".yaml" else ""
            problems.append(Problem(shown, 1, 1, "", f"not a kind of file data/ holds{hint}"))
        elif path.is_symlink() or not path.resolve().is_relative_to(real):
            problems.append(Problem(shown, 1, 1, "", "must be a plain file or folder inside data/, not a link"))
    for folder in ("frameworks", "releases", "support", "advisories", "benchmarks", "footprint"):
        for path in sorted((data / folder).iterdir()) if (data / folder).is_dir() else []:
            if path.suffix == ".yaml":
                shown = path.relative_to(root).as_posix()
                problems.append(Problem(shown, 1, 1, "", f"rename it to {path.stem}.yml: .yaml files are not read"))
            elif path.is_symlink():
                shown = path.relative_to(root).as_posix()
                problems.append(Problem(shown, 1, 1, "", "must be a regular file, not a symbolic link"))
    return problems
