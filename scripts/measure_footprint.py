"""Measure each framework's footprint and typing from its pinned version (issue 19).

    .venv/bin/python -m scripts.measure_footprint                 # every framework: writes data/footprint/<today>.yml
    .venv/bin/python -m scripts.measure_footprint --only bottle   # one framework: a file in a temporary folder
    .venv/bin/python -m scripts.measure_footprint --only bottle --runs 3 --no-pyright --output /tmp/f.yml

For each fact sheet in data/frameworks/ (its `pypi` package at the pin in
data/samples/requirements.txt), in a temporary folder:
1. a fresh virtual environment of the project's Python (the base interpreter of .venv/);
2. a plain `pip install <package>==<pin>` with the environment's own pip: no cache, and none of
   this machine's pip settings (its configuration files, which may add package indexes, links
   or constraints, and its PIP_* variables), so the install is what a user of PyPI gets;
3. the distributions installed, pip itself excepted (every new environment has it), and their
   installed size: the sizes of the files their RECORDs list, as installed (pip's bytecode too);
4. the framework's module: the public top-level package its own distribution installs (read
   from its RECORD; the one named like the distribution when there are several);
5. import time: what the framework's hello-world sample (data/samples/<slug>/hello_world.py)
   imports of that package at module level, plus the submodules it reaches by attribute (after
   `import tornado`, `tornado.web.Application` needs tornado.web), timed in fresh interpreters
   (`python -I -c "<those imports>"` against `python -I -c pass`), one of each unmeasured first,
   then --runs of each interleaved; the import time is the difference of their medians;
6. typing: whether the package ships `py.typed`, and `pyright --verifytypes <module> --outputjson`
   with the environment first on PATH (pyright finds its Python there), whose completeness score
   is the share of exported symbols with a known type. pyright comes from the npm registry at
   PYRIGHT_VERSION and is installed into .venv/node/pyright when missing.

The file is checked by macros/footprint.py before the script ends; a full run goes to
data/footprint/<today>.yml, any other to --output (or a temporary folder). It prints a table and
the time each framework took.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import importlib.metadata
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros import addresses
from macros.collections import load_dataset
from macros.footprint import MIN_PUBLISHED_RUNS, FootprintRun, dump_footprint, load_footprint_file, method_text
from macros.model import ROOT
from macros.problems import DataError
from macros.rules import normalise_package
from scripts.bench_frameworks import machine

RUNS = 15
# The sample whose imports are timed: the smallest application every framework's samples show.
SAMPLE = "hello_world"
# pyright from the npm registry at a pinned version (npm checks the package's integrity hash).
PYRIGHT_VERSION = "1.1.414"
# In the project's environment (not the checkout's), so a copy of the project finds it too.
PYRIGHT_DIR = Path(sys.prefix) / "node" / "pyright"
VENV = "$VENV"  # how commands name the fresh environment's folder
INSTALL_OPTIONS = ("--isolated", "--no-cache-dir", "--disable-pip-version-check")
INSTALL_TIMEOUT = 900
PYRIGHT_TIMEOUT = 1800
IMPORTS = ("import ", "from ")
CAVEATS = [
    "Wall-clock times on a machine shared with other jobs: medians over interleaved runs reduce their noise but "
    "do not remove it; compare import times across frameworks, not with another machine's.",
    "Only what the hello-world sample imports is timed: code a framework loads when an application is set up or "
    "serves its first request (Django's apps and middleware, for one) is not counted.",
    "An extension (Django REST framework, Django Ninja) is timed with what its sample runs before importing it: "
    "importing its base and configuring it (Django's settings.configure), without which it cannot be imported; "
    "its import time includes its base's.",
    "A plain install: no extras (such as fastapi[standard]), so servers, template engines and optional speed-ups "
    "are not counted.",
    "Sizes are of the files as installed for this platform, compiled extensions included; a wheel for another "
    "platform or Python differs.",
    "pyright --verifytypes scores only packages that ship py.typed; types published as separate stub packages "
    "(django-stubs, for one) are not counted.",
]


class MeasureError(Exception):
    """A reason to stop; its message says what went wrong."""


@dataclass(frozen=True)
class Target:
    slug: str
    package: str
    version: str
    base_package: str | None = None  # an extension's base framework's package (builds_on)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def targets(root: Path, only: list[str]) -> list[Target]:
    """Every framework (or those in `only`) with its package and pin, in slug order."""
    try:
        dataset = load_dataset(root, coverage=False)
    except DataError as error:
        raise MeasureError(f"data/ does not validate, so the pins cannot be read:\n{error}") from None
    bases = {framework.slug: framework.pypi for framework in dataset.frameworks}
    found = {
        framework.slug: Target(
            framework.slug,
            framework.pypi,
            dataset.sample_version(framework),
            bases[framework.builds_on.framework] if framework.builds_on else None,
        )
        for framework in dataset.frameworks
    }
    if unknown := sorted(set(only) - set(found)):
        raise MeasureError(f"unknown framework(s) {', '.join(unknown)}; expected: {', '.join(sorted(found))}")
    return [found[slug] for slug in sorted(found) if not only or slug in only]


def base_python() -> str:
    """The interpreter the project's environment was made from: the project's Python."""
    return getattr(sys, "_base_executable", sys.executable)


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without pip's and Python's settings (PIP_*, PYTHON*)."""
    kept = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "PYTHON"))}
    return kept | extra


def run(argv: list[str], *, timeout: float, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; its stdout, or MeasureError with the end of its output."""
    try:
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise MeasureError(f"{shlex.join(argv)} took more than {timeout:.0f} s") from None
    if done.returncode:
        raise MeasureError(f"{shlex.join(argv)} exited with {done.returncode}:\n{(done.stdout + done.stderr)[-2000:]}")
    return done.stdout


# ---------------------------------------------------------------------------
# What a fresh environment holds


def site_packages(venv: Path) -> Path:
    [site] = sorted(venv.glob("lib/python*/site-packages"))
    return site


def installed(site: Path) -> list[importlib.metadata.Distribution]:
    """The distributions in `site`, pip itself excepted."""
    found = importlib.metadata.distributions(path=[str(site)])
    return [dist for dist in found if normalise_package(dist.metadata["Name"]) != "pip"]


def installed_bytes(distributions: Iterable[importlib.metadata.Distribution]) -> int:
    """The sizes of the files the distributions' RECORDs list, as they are on disk."""
    paths = {Path(str(dist.locate_file(file))).resolve() for dist in distributions for file in dist.files or []}
    return sum(path.stat().st_size for path in paths if path.is_file())


def top_level_names(files: Iterable[str]) -> set[str]:
    """The importable top-level names a distribution's RECORD installs."""
    names = set()
    for file in files:
        first, _, rest = file.partition("/")
        if first in ("..", "__pycache__") or first.endswith((".dist-info", ".data", ".pth")):
            continue
        # A package folder, or a module file: bottle.py, x.cpython-313-x86_64-linux-gnu.so.
        name = first if rest else first.split(".")[0]
        if rest or first.endswith((".py", ".so", ".pyd")):
            names.add(name)
    return {name for name in names if name.isidentifier()}


def module_of(package: str, files: Iterable[str]) -> str:
    """The module to import: the distribution's public top-level package, or the one named like it."""
    public = sorted(name for name in top_level_names(files) if not name.startswith("_"))
    wanted = normalise_package(package).replace("-", "_")
    if wanted in public:
        return wanted
    if len(public) == 1:
        return public[0]
    raise MeasureError(f"cannot tell which module of {package} to import: {', '.join(public) or 'none found'}")


def sample_imports(source: str, module: str, site: Path, base_module: str | None = None) -> str:
    """The statements that import what a sample uses of `module`: its module-level imports of it,
    then `import <submodule>` for each submodule it reaches by attribute only. For an extension
    (`base_module`: its base framework's module), first what the sample does before its last import
    of `module` that is not a third-party import: importing and configuring the base (Django's
    settings.configure), which importing the extension needs."""
    tree = ast.parse(source)
    statements: list[str] = []
    bound: dict[str, str] = {}  # a name the sample binds to one of the package's modules: that module
    if base_module:
        statements += [ast.unparse(node) for node in _preamble(tree, module, base_module)]
    for node in tree.body:
        if isinstance(node, ast.Import) and any(alias.name.split(".")[0] == module for alias in node.names):
            statements.append(ast.unparse(node))
            for alias in node.names:
                top = alias.name.split(".")[0]
                bound[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == module:
            statements.append(ast.unparse(node))
    for reached in ast.walk(tree):
        chain = _dotted(reached)
        if not chain or chain[0] not in bound:
            continue
        parts = [*bound[chain[0]].split("."), *chain[1:]]
        for end in range(len(parts), 1, -1):  # the longest prefix that is a module of the package
            place = site.joinpath(*parts[:end])
            if place.with_suffix(".py").is_file() or (place / "__init__.py").is_file():
                statement = "import " + ".".join(parts[:end])
                if statement not in statements:
                    statements.append(statement)
                break
    if not statements:
        raise MeasureError(f"the {SAMPLE} sample imports nothing of {module}")
    return "; ".join(statements)


def _imported(node: ast.stmt) -> list[str]:
    """The top-level modules an import statement imports (none for a relative import or another statement)."""
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        return [(node.module or "").split(".")[0]] if node.level == 0 else []
    return []


def _preamble(tree: ast.Module, module: str, base_module: str) -> list[ast.stmt]:
    """The statements before the last import of `module`, leaving out its own imports and third-party
    imports other than of `base_module`."""
    last = max((index for index, node in enumerate(tree.body) if module in _imported(node)), default=0)
    kept = []
    for node in tree.body[:last]:
        names = _imported(node)
        if module in names or (isinstance(node, ast.ImportFrom) and node.level):
            continue
        if all(name == base_module or name in sys.stdlib_module_names for name in names):
            kept.append(node)
    return kept


def _dotted(node: ast.AST) -> list[str]:
    """`a.b.c` as ['a', 'b', 'c'] for an attribute chain on a name; [] for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return [node.id, *reversed(parts)] if isinstance(node, ast.Name) and parts else []


# ---------------------------------------------------------------------------
# Import time


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Milliseconds of wall time and of CPU time (user and system) of one fresh interpreter."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run(argv, timeout=120, cwd=cwd, env=clean_environment())
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # children run one at a time: the difference is this one
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall * 1000, cpu * 1000


def import_times(python: Path, imports: str, runs: int, cwd: Path) -> dict[str, dict[str, float]]:
    """Wall and CPU medians of `runs` interpreters running `imports` and of `runs` running `pass`,
    interleaved (the order alternating) after one unmeasured run of each, which also writes any
    missing bytecode; and their differences."""
    importing = [str(python), "-I", "-c", imports]
    baseline = [str(python), "-I", "-c", "pass"]
    timed(importing, cwd)
    timed(baseline, cwd)
    with_import: list[tuple[float, float]] = []
    without: list[tuple[float, float]] = []
    for index in range(runs):
        pair = [(importing, with_import), (baseline, without)]
        for argv, times in pair if index % 2 == 0 else reversed(pair):
            times.append(timed(argv, cwd))
    timings = {}
    for name, which in (("wall_time", 0), ("cpu_time", 1)):
        interpreter = statistics.median(times[which] for times in with_import)
        base = statistics.median(times[which] for times in without)
        if interpreter < base:
            raise MeasureError(
                f"{imports!r} took less {name.replace('_', ' ')} than the baseline ({interpreter:.1f} < {base:.1f} "
                "ms): the machine is too busy; run again, or with more --runs"
            )
        timings[name] = {
            "interpreter_ms": round(interpreter, 2),
            "baseline_ms": round(base, 2),
            "import_ms": round(interpreter - base, 2),
        }
    return timings


# ---------------------------------------------------------------------------
# Typing


def ensure_pyright() -> Path:
    """pyright at PYRIGHT_VERSION, installed from the npm registry when missing."""
    marker = PYRIGHT_DIR / "version"
    if not marker.is_file() or marker.read_text(encoding="utf-8").strip() != PYRIGHT_VERSION:
        if shutil.which("npm") is None:
            raise MeasureError("npm is missing: install Node.js (apt-get install npm), or pass --no-pyright")
        log(f"Installing pyright {PYRIGHT_VERSION} into {PYRIGHT_DIR}")
        PYRIGHT_DIR.mkdir(parents=True, exist_ok=True)
        npm = ["npm", "install", "--silent", "--no-save", "--no-package-lock", "--no-audit", "--no-fund"]
        run([*npm, "--prefix", str(PYRIGHT_DIR), f"pyright@{PYRIGHT_VERSION}"], timeout=600, cwd=PYRIGHT_DIR)
        marker.write_text(PYRIGHT_VERSION + "\n", encoding="utf-8")
    return PYRIGHT_DIR / "node_modules" / ".bin" / "pyright"


def pyright_command(pyright: Path, module: str) -> list[str]:
    return [str(pyright), "--verifytypes", module, "--outputjson"]


def read_verifytypes(answer: Any, site: Path) -> dict[str, Any]:
    """The completeness, symbol counts and message of pyright's --outputjson answer."""
    report = answer.get("typeCompleteness") if isinstance(answer, dict) else None
    if not isinstance(report, dict) or not isinstance(report.get("exportedSymbolCounts"), dict):
        raise MeasureError("pyright's answer has no typeCompleteness.exportedSymbolCounts")
    counts = report["exportedSymbolCounts"]
    symbols = {
        "known": counts.get("withKnownType"),
        "ambiguous": counts.get("withAmbiguousType"),
        "unknown": counts.get("withUnknownType"),
    }
    if not all(isinstance(value, int) and value >= 0 for value in symbols.values()):
        raise MeasureError(f"pyright's exported symbol counts are not counts: {counts}")
    if sum(symbols.values()) == 0:
        errors = [
            item.get("message")
            for item in answer.get("generalDiagnostics", [])
            if isinstance(item, dict) and item.get("severity") == "error"
        ]
        message = next((" ".join(text.split()) for text in errors if isinstance(text, str) and text.strip()), None)
        return {"completeness": None, "symbols": None, "pyright_message": (message or "no exported symbols")[:250]}
    where = report.get("packageRootDirectory") or ""
    if not Path(where).resolve().is_relative_to(site.resolve()):
        raise MeasureError(f"pyright read the package at {where!r}, not in the fresh environment {site}")
    score = report.get("completenessScore")
    if not isinstance(score, int | float) or not 0 <= score <= 1:
        raise MeasureError(f"pyright's completenessScore is {score!r}")
    return {"completeness": round(score, 4), "symbols": symbols, "pyright_message": None}


def verify_types(pyright: Path, module: str, venv: Path, cwd: Path) -> dict[str, Any]:
    argv = pyright_command(pyright, module)
    path = f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', os.defpath)}"
    try:
        done = subprocess.run(
            argv,
            cwd=cwd,
            env=clean_environment(PATH=path, VIRTUAL_ENV=str(venv)),
            capture_output=True,
            text=True,
            timeout=PYRIGHT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise MeasureError(f"pyright took more than {PYRIGHT_TIMEOUT} s for {module}") from None
    try:
        answer = json.loads(done.stdout)  # it exits 1 whenever a symbol's type is not known
    except json.JSONDecodeError:
        raise MeasureError(f"pyright gave no JSON (exit {done.returncode}): {done.stderr[-1000:]}") from None
    return read_verifytypes(answer, site_packages(venv))


# ---------------------------------------------------------------------------
# One framework


def measure(target: Target, runs: int, pyright: Path | None, root: Path) -> tuple[dict[str, Any], str]:
    """One framework's entry, and the version of pip that installed it."""
    with tempfile.TemporaryDirectory(prefix="footprint-") as folder:
        work = Path(folder)
        venv = work / "venv"
        run([base_python(), "-m", "venv", str(venv)], timeout=300, cwd=work)
        python = venv / "bin" / "python"
        requirement = f"{target.package}=={target.version}"
        install = [str(python), "-m", "pip", "install", *INSTALL_OPTIONS, requirement]
        run(install, timeout=INSTALL_TIMEOUT, cwd=work, env=clean_environment(PIP_CONFIG_FILE=os.devnull))
        site = site_packages(venv)
        pip_version = next(
            dist.version
            for dist in importlib.metadata.distributions(path=[str(site)])
            if normalise_package(dist.metadata["Name"]) == "pip"
        )
        distributions = installed(site)
        wanted = normalise_package(target.package)
        own = next((dist for dist in distributions if normalise_package(dist.metadata["Name"]) == wanted), None)
        if own is None:
            raise MeasureError(f"{requirement} installed no distribution named {target.package}")
        module = module_of(target.package, [str(file) for file in own.files or []])
        sample = (root / addresses.sample(target.slug, SAMPLE)).read_text(encoding="utf-8")
        base_module = normalise_package(target.base_package).replace("-", "_") if target.base_package else None
        imports = sample_imports(sample, module, site, base_module)
        timings = import_times(python, imports, runs, work)
        typing = (
            verify_types(pyright, module, venv, work)
            if pyright
            else {"completeness": None, "symbols": None, "pyright_message": None}
        )
        entry = {
            "framework": target.slug,
            "package": target.package,
            "version": target.version,
            "module": module,
            "imports": "; ".join(statement for statement in imports.split("; ") if statement.startswith(IMPORTS)),
            "distributions": {
                dist.metadata["Name"]: dist.version
                for dist in sorted(distributions, key=lambda dist: normalise_package(dist.metadata["Name"]))
            },
            "installed_bytes": installed_bytes(distributions),
            **timings,
            "py_typed": (site / module.replace(".", "/") / "py.typed").is_file(),
            **typing,
            "commands": {
                "install": shown_command(install, venv, f"PIP_CONFIG_FILE={os.devnull}"),
                "import_module": shown_command([str(python), "-I", "-c", imports], venv),
                "verify_types": (
                    shown_command(pyright_command(pyright, module), venv, f"PATH={VENV}/bin:$PATH") if pyright else None
                ),
            },
        }
        return entry, pip_version


def shown_command(argv: list[str], venv: Path, environment: str = "") -> str:
    """A command as run, after its environment settings, with $VENV for the temporary environment
    and paths inside the project relative to it."""
    text = shlex.join(argv).replace(str(venv), VENV).replace(f"{ROOT}/", "")
    return f"{environment} {text}".strip()


# ---------------------------------------------------------------------------
# The run


def measure_all(
    chosen: list[Target], runs: int, with_pyright: bool, argv: list[str], root: Path = ROOT
) -> dict[str, Any]:
    started = time.monotonic()
    load_start = os.getloadavg()[0]
    pyright = ensure_pyright() if with_pyright else None
    entries = []
    pips = set()
    for target in chosen:
        began = time.monotonic()
        entry, pip = measure(target, runs, pyright, root)
        entries.append(entry)
        pips.add(pip)
        log(f"{target.slug} {target.version}: {time.monotonic() - began:.1f} s")
    if len(pips) != 1:
        raise MeasureError(f"the fresh environments had different pips: {', '.join(sorted(pips))}")
    [pip] = pips
    system = machine(load_start)
    where = f"{platform.system()} {platform.machine()}"
    return {
        "date": dt.date.today(),
        "method": method_text(system["python"], where, pip, runs, PYRIGHT_VERSION if pyright else None),
        "caveats": CAVEATS,
        "command": shlex.join([".venv/bin/python", "-m", "scripts.measure_footprint", *argv]),
        "duration_seconds": max(1, round(time.monotonic() - started)),
        "machine": system,
        "platform": where,
        "pip": pip,
        "pyright": PYRIGHT_VERSION if pyright else None,
        "runs": runs,
        "venv_command": f"{shlex.quote(base_python())} -m venv {VENV}",
        "baseline_command": f"{VENV}/bin/python -I -c pass",
        "frameworks": entries,
    }


def validated(output: Path, *, published: bool) -> FootprintRun:
    slugs = [sheet.stem for sheet in (ROOT / "data" / "frameworks").glob("*.yml")]
    root = ROOT if output.resolve().is_relative_to(ROOT) else output.resolve().parent
    run_, problems = load_footprint_file(output.resolve(), root, published=published, frameworks=slugs)
    if run_ is None:
        raise MeasureError("the data file does not validate:\n" + "\n".join(map(str, problems)))
    return run_


def table(run_: FootprintRun) -> str:
    lines = [
        f"{'framework':10} {'version':9} {'dists':>5} {'MB':>6} {'import ms':>9} {'CPU ms':>7} {'py.typed':>8} "
        f"{'typed %':>7}"
    ]
    for entry in run_.frameworks:
        typed = "-" if entry.completeness is None else f"{entry.completeness * 100:.1f}"
        lines.append(
            f"{entry.framework:10} {entry.version:9} {len(entry.distributions):5} {entry.installed_bytes / 1e6:6.2f} "
            f"{entry.wall_time.import_ms:9.1f} {entry.cpu_time.import_ms:7.1f} {'yes' if entry.py_typed else 'no':>8} "
            f"{typed:>7}"
        )
    wall = statistics.median(entry.wall_time.baseline_ms for entry in run_.frameworks)
    cpu = statistics.median(entry.cpu_time.baseline_ms for entry in run_.frameworks)
    lines.append(f"baseline (python -I -c pass): median {wall:.1f} ms wall, {cpu:.1f} ms CPU")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", default=[], metavar="SLUG", help="measure this framework only")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"fresh interpreters per median (default {RUNS})")
    parser.add_argument("--no-pyright", action="store_true", help="leave out pyright's type completeness")
    parser.add_argument("--output", type=Path, help="the file to write (a full run: data/footprint/<today>.yml)")
    args = parser.parse_args(argv)
    try:
        if not 1 <= args.runs <= 1000:
            raise MeasureError("--runs must be from 1 to 1000")
        chosen = targets(ROOT, args.only)
        data = measure_all(chosen, args.runs, not args.no_pyright, sys.argv[1:] if argv is None else argv)
        full = not args.only and not args.no_pyright and args.runs >= MIN_PUBLISHED_RUNS
        folder = ROOT / "data" / "footprint"
        output = args.output or (folder / f"{data['date']}.yml" if full else None)
        target = output or Path(tempfile.mkdtemp(prefix="footprint-")) / f"{data['date']}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        # Checked in a temporary folder first, so a run that fails the checks leaves the published
        # file as it was (and data/ valid).
        checking = Path(tempfile.mkdtemp(prefix="footprint-check-")) / target.name
        checking.write_text(dump_footprint(data), encoding="utf-8")
        checked = validated(checking, published=target.resolve().parent == folder.resolve())
        shutil.move(checking, target)
        print(table(checked))
        print(f"Whole run: {data['duration_seconds']} s. Data: {target}")
        return 0
    except MeasureError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
