"""Print build-time and size figures for the real site, or for synthetic sites of N frameworks
(targets are checked by reading these, not by timed tests that flake).

Usage:
    python -m scripts.benchmark [--runs 3]
    python -m scripts.benchmark --scale 12,25,50,100 [--runs 3] [--reload-runs 3] [--memory-edits 200] [--json]
    python -m scripts.benchmark --reader [--loads 3] [--types home,pair] [--json]

The scaling mode copies the project to a temporary folder for each N, with N fact sheets made
from the real ones (under new slugs after the first copy: flask, flask2, ...; with their pins,
samples and history), never touching data/. It builds each copy with `mkdocs build --strict`
and measures wall time, CPU time and peak memory of the build process (its own rusage, from
os.wait4), page count, total site size, largest page and search-index size. In the same run it
builds the same pages from static Markdown with plain Material (the generated Markdown written
out, pre-rendered files copied, a minimal mkdocs.yml: same theme and extensions, no hooks) and
prints our figures against it as a ratio. Under `mkdocs serve` it times, for each kind of edit
a maintainer makes (a fact sheet, a catalogue, a page template, a stylesheet: EDITS), the
seconds from the save until the rebuild is done and browsers reload, next to the cold build,
with the growth of the sheet edit fitted over the scales; `--memory-edits N` compares the
server's memory after N edits with after the first. The budgets of issues 13 and 25 are
printed after the tables.

The reader mode builds the real site, serves it gzip-compressed from loopback (as GitHub Pages
serves it) and loads the first page of each type in the page registry in Debian's Chromium,
driven by Playwright, on an emulated phone with Chrome DevTools' Slow 4G network and 4x CPU
slowdown set through the DevTools protocol, each load with an empty cache. It prints each
type's median largest contentful paint against Core Web Vitals' "good" (2.5 s), with the
element that was painted, when the page's scripts had run (DOMContentLoaded) and the bytes
transferred.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import functools
import json
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# The project root, worked out without importing macros/: this process forks every build it
# measures, and a fork's memory counts towards the child's peak until it runs mkdocs, so the
# renderer runs in processes of its own (`--prepare-plain`) and this one stays small.
ROOT = Path(__file__).resolve().parent.parent

# Page-weight budgets (issue 11): checked by reading this script's output, never by a timed test.
BUDGETS = {"pair_page_bytes": 60_000, "any_page_bytes": 150_000, "search_index_bytes": 400_000}

# Scaling budgets (issue 13), per number of frameworks.
BUILD_SECONDS = {12: 2.0, 50: 10.0, 100: 30.0}
AT_100 = {"peak_bytes": 1_000_000_000, "site_bytes": 300_000_000, "page_bytes": 500_000}
PLAIN_RATIO = 1.2

# The folders of data/ that the scaling mode generates; everything else is copied as it is.
GENERATED = ("frameworks", "samples", "history", "releases", "advisories", "support")
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def page_type(path: str) -> str:
    """The kind of page behind a built index.html, from its site path."""
    parts = path.removesuffix("index.html").strip("/").split("/")
    if parts == [""]:
        return "home"
    if parts[0] == "compare" and len(parts) == 2:
        first, _, second = parts[1].partition("-vs-")
        return "pair" if first < second else "pair redirect"
    if parts[0] in ("frameworks", "criteria") and len(parts) == 2:
        return parts[0].removesuffix("s").replace("criteria", "criterion")
    return "/".join(parts) or "home"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# The real site


def real_site(runs: int) -> dict[str, Any]:
    from macros.collections import load_dataset
    from macros.render import build_site

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"

        def build() -> None:
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                cwd=ROOT,
                env=MKDOCS_ENV,
                check=True,
            )

        builds = [timed(build) for _ in range(runs)]
        renders = [timed(lambda: build_site(load_dataset())) for _ in range(runs)]
        dataset = load_dataset()
        site = build_site(dataset)
        pages = [path for path in out.rglob("index.html")]
        sizes = sorted((path.stat().st_size, path.relative_to(out).as_posix()) for path in pages)
        index = out / "search" / "search_index.json"
        by_type: dict[str, tuple[int, str]] = {}
        for size, path in sizes:
            kind = page_type(path)
            by_type[kind] = max(by_type.get(kind, (0, "")), (size, path))
        largest_pair = by_type.get("pair", (0, ""))[0]
        return {
            "frameworks": len(dataset.frameworks),
            "pages": len(site.pages),
            "pair_pages": sum(1 for page in site.pages if "-vs-" in page.path),
            "mkdocs_build_seconds_median": round(statistics.median(builds), 2),
            "load_and_render_seconds_median": round(statistics.median(renders), 3),
            "site_bytes": sum(path.stat().st_size for path in out.rglob("*") if path.is_file()),
            "largest_page": {"path": sizes[-1][1], "bytes": sizes[-1][0]},
            "median_page_bytes": int(statistics.median(size for size, _ in sizes)),
            "search_index_bytes": index.stat().st_size,
            "search_index_entries": len(json.loads(index.read_text(encoding="utf-8"))["docs"]),
            "largest_page_by_type": {
                kind: {"path": path, "bytes": size} for kind, (size, path) in sorted(by_type.items())
            },
            "budgets": {
                "pair_page_bytes": [
                    largest_pair,
                    BUDGETS["pair_page_bytes"],
                    largest_pair <= BUDGETS["pair_page_bytes"],
                ],
                "any_page_bytes": [sizes[-1][0], BUDGETS["any_page_bytes"], sizes[-1][0] <= BUDGETS["any_page_bytes"]],
                "search_index_bytes": [
                    index.stat().st_size,
                    BUDGETS["search_index_bytes"],
                    index.stat().st_size <= BUDGETS["search_index_bytes"],
                ],
            },
        }


# Synthetic projects


def synthetic_project(target: Path, count: int, source: Path = ROOT) -> list[str]:
    """Copy the project to `target` with `count` fact sheets made from `source`'s real ones.

    Sheet i is real sheet i modulo the number of real sheets; every round after the first
    renames it (slug flask -> flask2, name Flask -> "Flask 2", package flask -> flask2) and
    copies its pin and every file the data-collection registry lists for it under the new slug.
    Returns the slugs, in order.
    """
    from macros.collections import framework_files  # not at the top: see ROOT

    data = source / "data"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    target.mkdir(parents=True)
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("docs", "macros"):
        shutil.copytree(source / name, target / name, ignore=ignore)
    (target / "data").mkdir()
    for entry in sorted(data.iterdir()):
        if entry.name in GENERATED:
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / "data" / entry.name, ignore=ignore)
        else:
            shutil.copy(entry, target / "data" / entry.name)
    for name in GENERATED:
        (target / "data" / name).mkdir()

    sheets = sorted((data / "frameworks").glob("*.yml"))
    if not sheets:
        raise SystemExit(f"{data / 'frameworks'} holds no fact sheet to copy")
    slugs: list[str] = []
    for index in range(count):
        base = sheets[index % len(sheets)].stem
        round_ = index // len(sheets) + 1
        if round_ == 1:
            for _, path in framework_files(source, base):
                relative = path.relative_to(source)
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                if path.is_dir():
                    shutil.copytree(path, target / relative, ignore=ignore)
                else:
                    shutil.copy(path, target / relative)
            slugs.append(base)
    shutil.copy(data / "samples" / "requirements.txt", target / "data" / "samples" / "requirements.txt")
    taken = {sheet.stem for sheet in sheets}
    copies = []
    for index in range(len(sheets), count):
        base, round_ = sheets[index % len(sheets)].stem, index // len(sheets) + 1
        slug = f"{base}{round_}"
        while slug in taken:
            slug += "x"
        taken.add(slug)
        copies.append((base, slug, f" {round_}"))
        slugs.append(slug)
    if count < len(sheets):
        keep_only_frameworks(target, set(slugs))
    add_copies(target, copies, source)
    return slugs


def keep_only_frameworks(target: Path, kept: set[str]) -> None:
    """Leave out of the measured runs and the other benchmarks' lists the real frameworks a
    project smaller than the real one does not have."""
    for folder, key in (("benchmarks", "results"), ("footprint", "frameworks")):
        for path in sorted((target / "data" / folder).glob("*.yml")):
            run = yaml.safe_load(path.read_text(encoding="utf-8"))
            run[key] = [entry for entry in run[key] if entry["framework"] in kept]
            path.write_text(yaml.safe_dump(run, sort_keys=False, allow_unicode=True), encoding="utf-8")
    path = target / "data" / "outside_benchmarks.yml"
    others = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in others:
        entry["frameworks"] = [slug for slug in entry["frameworks"] if slug in kept]
    path.write_text(yaml.safe_dump(others, sort_keys=False, allow_unicode=True), encoding="utf-8")


def add_copies(target: Path, copies: Sequence[tuple[str, str, str]], source: Path | None = None) -> None:
    """Add to the project at `target` a copy of each (base slug, new slug, name suffix) from
    `source` (default: the project itself): the base's sheet renamed inside (slug, name + suffix,
    package + suffix, not measured) and every file the data-collection registry lists for it, a
    pin and an entry in the latest footprint run."""
    from macros.collections import framework_files  # not at the top: see ROOT

    source = source or target
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    requirements_file = target / "data" / "samples" / "requirements.txt"
    requirements = requirements_file.read_text(encoding="utf-8")
    pins = {}
    for line in requirements.splitlines():
        match = re.fullmatch(r"\s*([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==(\S+).*", line)
        if match:
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    extra_pins = []
    renamed_copies: list[tuple[str, str, str]] = []  # (base slug, copy's slug, copy's package)
    for base, slug, suffix in copies:
        text = (source / "data" / "frameworks" / f"{base}.yml").read_text(encoding="utf-8")
        fields = yaml.safe_load(text)
        name = str(fields["name"])[: 40 - len(suffix)] + suffix
        package = f"{fields['pypi']}{suffix.strip().replace(' ', '')}"
        text = re.sub(r"(?m)^slug:.*$", f"slug: {slug}", text, count=1)
        text = re.sub(r"(?m)^name:.*$", "name: " + json.dumps(name), text, count=1)
        text = re.sub(r"(?m)^pypi:.*$", f"pypi: {package}", text, count=1)
        version = pins.get(re.sub(r"[-_.]+", "-", str(fields["pypi"])).lower(), "1.0")
        extra_pins.append(f"{package}=={version}")
        renamed_copies.append((base, slug, package))
        if not re.search(r"(?m)^  not_measured:", text):
            # `benchmark` ends every sheet (the canonical key order): a copy was not measured.
            text = text.rstrip("\n") + "\n  not_measured: A copy made for the scaling benchmark.\n"
        for _, path in framework_files(source, base):
            relative = path.relative_to(source)
            copy = target / relative.parent / renamed(relative.name, base, slug)
            copy.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                shutil.copytree(path, copy, ignore=ignore)
            else:
                shutil.copy(path, copy)
            if relative.parts[:2] == ("data", "advisories"):  # a security record names its package
                record = re.sub(r"(?m)^package: .*$", f"package: {package}", copy.read_text(encoding="utf-8"), count=1)
                record = re.sub(r"(?m)^(\s*- name: ).*$", rf"\g<1>{package}", record, count=1)  # its own, first
                copy.write_text(record, encoding="utf-8")
        (target / "data" / "frameworks" / f"{slug}.yml").write_text(text, encoding="utf-8")  # renamed inside
    copy_footprint_entries(target, renamed_copies)
    requirements_file.write_text(
        requirements.rstrip("\n") + "\n" + "".join(pin + "\n" for pin in extra_pins), encoding="utf-8"
    )


def renamed(name: str, slug: str, new_slug: str) -> str:
    """A framework's file name under a new slug: its slug, or its slug as a module name
    (tests/samples/test_django_ninja.py)."""
    if name.startswith("test_"):
        return name.replace(slug.replace("-", "_"), new_slug.replace("-", "_"), 1)
    return name.replace(slug, new_slug, 1)


def copy_footprint_entries(target: Path, copies: list[tuple[str, str, str]]) -> None:
    """Give each copied sheet its base's entry in the latest footprint run, renamed (validation
    requires every framework in it)."""
    runs = sorted((target / "data" / "footprint").glob("*.yml"))
    if not runs or not copies:
        return
    latest = runs[-1]
    run = yaml.safe_load(latest.read_text(encoding="utf-8"))
    entries = {entry["framework"]: entry for entry in run["frameworks"]}
    for base, slug, package in copies:
        if base in entries:
            entry = copy.deepcopy(entries[base])
            entry["distributions"][package] = entry["distributions"].pop(entry["package"], entry["version"])
            run["frameworks"].append({**entry, "framework": slug, "package": package})
    latest.write_text(yaml.safe_dump(run, sort_keys=False, allow_unicode=True), encoding="utf-8")


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the build process
    peak: int  # peak resident memory of the build process, bytes


def measured(command: Sequence[str], cwd: Path) -> Run:
    """Run `command` and read its own resource usage (os.wait4), not this process's."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=MKDOCS_ENV, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            output = log.read().decode("utf-8", errors="replace")
            raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{output}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def build_command(out: Path, strict: bool = True) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-q", "-d", str(out)]


def site_figures(out: Path) -> dict[str, Any]:
    """Pages, total size, largest page and search index of a built site."""
    files = [path for path in out.rglob("*") if path.is_file()]
    pages = sorted((path.stat().st_size, path.relative_to(out).as_posix()) for path in files if path.suffix == ".html")
    index = out / "search" / "search_index.json"
    return {
        "html_files": len(pages),
        "site_bytes": sum(path.stat().st_size for path in files),
        "largest_page": pages[-1][1] if pages else "",
        "largest_page_bytes": pages[-1][0] if pages else 0,
        "search_index_bytes": index.stat().st_size if index.is_file() else 0,
        "search_index_entries": len(json.loads(index.read_text(encoding="utf-8"))["docs"]) if index.is_file() else 0,
    }


def plain_project(project: Path, built: Path, target: Path, pairs_as_pages: bool = False) -> dict[str, int]:
    """The same site as static input for plain Material: every generated page as Markdown, every
    other generated file as it is, the light pages' HTML as our build wrote it (or, with
    `pairs_as_pages`, as Markdown pages too) and mkdocs.yml without hooks. Returns the page
    counts: generated pages, of which light, and plain Material's pages."""
    from macros.collections import load_dataset
    from macros.render import build_site

    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    dataset = load_dataset(project)
    site = build_site(dataset, repo_url=config.get("repo_url"), branch=config.get("extra", {}).get("branch", "main"))
    docs = target / "docs"
    shutil.copytree(project / "docs", docs)
    theme_dir = config.get("theme", {}).get("custom_dir")
    if theme_dir:
        shutil.copytree(project / theme_dir, target / theme_dir)
    pages = 0
    for page in site.pages:
        if getattr(page, "light", False) and not pairs_as_pages:
            directory = page.path.removesuffix(".md").removesuffix("index").rstrip("/")
            source = built / directory / "index.html"
            destination = docs / directory / "index.html"
        else:
            source, destination = None, docs / page.path
            pages += 1
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source is not None:
            shutil.copy(source, destination)
        else:
            destination.write_text(page.markdown, encoding="utf-8")
    for path, content in site.files.items():
        destination = docs / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(content, encoding="utf-8")
    for key in ("hooks", "watch"):
        config.pop(key, None)
    config["nav"] = site.nav
    if pairs_as_pages:
        config["not_in_nav"] = "/compare/*-vs-*.md"
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    light = sum(1 for page in site.pages if page.light)
    return {"pages": len(site.pages), "light_pages": light, "plain_pages": pages}


def prepared_plain(project: Path, built: Path, target: Path, pairs_as_pages: bool = False) -> dict[str, int]:
    """plain_project() in a process of its own (see ROOT)."""
    command = [sys.executable, "-m", "scripts.benchmark", "--prepare-plain", str(project), str(built), str(target)]
    result = subprocess.run(
        command + (["--plain-pairs-as-pages"] if pairs_as_pages else []),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"preparing plain Material's input failed:\n{result.stderr}")
    return json.loads(result.stdout)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def wait_until(condition: Callable[[], bool], timeout: float, interval: float = 0.02) -> float:
    """Seconds until `condition()` held (raises after `timeout`)."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        time.sleep(interval)
    return time.perf_counter() - start


class Serving:
    """`mkdocs serve` of `project` in a process of its own, its temporary folders (and so the
    folder it serves) in `tmp`, its terminal output in `tmp`/serve.log."""

    def __init__(self, project: Path, tmp: Path, timeout: float = 300) -> None:
        self.project, self.tmp, self.timeout = project, tmp, timeout
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = tmp / "serve.log"

    def __enter__(self) -> Serving:
        self.tmp.mkdir(parents=True, exist_ok=True)
        config = yaml.safe_load((self.project / "mkdocs.yml").read_text(encoding="utf-8"))
        self.base += (re.sub(r"^https?://[^/]+/?", "", config.get("site_url") or "")).lstrip("/")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=self.project,
                env={**MKDOCS_ENV, "TMPDIR": str(self.tmp)},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(
            lambda: self.process.poll() is not None or fetch(self.base + "livereload/0/0").isdigit(), self.timeout
        )
        if self.process.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped:\n{self.log.read_text(encoding='utf-8')}")
        return self

    def __exit__(self, *_: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def epoch(self) -> int:
        """The version of the site browsers see (MkDocs' live-reload counter)."""
        return int(fetch(self.base + "livereload/0/0"))

    def saved(self, edit: Callable[[], object]) -> float:
        """Seconds from `edit()` (a save) until the rebuild is done and browsers reload."""
        epoch = self.epoch()
        start = time.perf_counter()
        edit()
        with urllib.request.urlopen(f"{self.base}livereload/{epoch}/0", timeout=self.timeout) as response:
            response.read()
        return time.perf_counter() - start

    def settle(self, quiet: float = 1.5) -> None:
        """Wait until no rebuild runs or has finished for `quiet` seconds (a save can start two,
        and a full rebuild takes longer than `quiet`): a page request waits for a rebuild that
        runs, and the live-reload counter tells whether one finished meanwhile."""
        while True:
            self._page()
            epoch = self.epoch()
            try:
                with urllib.request.urlopen(f"{self.base}livereload/{epoch}/0", timeout=quiet) as response:
                    response.read()
                continue  # one finished: look again
            except TimeoutError:
                pass
            except urllib.error.URLError as error:
                if not isinstance(error.reason, TimeoutError):
                    raise
            self._page()
            if self.epoch() == epoch:
                return

    def _page(self) -> None:
        """Request the home page, which MkDocs answers once a rebuild in progress is done."""
        with urllib.request.urlopen(self.base, timeout=self.timeout) as response:
            response.read()

    def served_folder(self) -> Path:
        """The folder the server serves now: the newest (a full rebuild makes a new one, and the
        one before stays until the next)."""
        folders = [path for path in self.tmp.iterdir() if path.name.startswith("mkdocs_") and path.is_dir()]
        if not 1 <= len(folders) <= 2:
            raise AssertionError(f"expected the served folder and at most one before it, found {folders}")
        return max(folders, key=lambda folder: folder.stat().st_ctime_ns)

    def resident_bytes(self) -> int:
        """The server process's resident memory."""
        status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="utf-8")
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) * 1024  # type: ignore[union-attr]


# What a maintainer edits under `mkdocs serve`, one kind each: (kind, file, pattern, replacement);
# {n} is the run's number, so every save changes the file.
EDITS = {
    "sheet": ("data/frameworks/{slug}.yml", r"(?m)^tagline:.*$", "tagline: Edited live, run {n}."),
    "catalogue": ("data/criteria.yml", r"(?m)^  question: .*$", "  question: What does edit {n} ask?"),
    "template": ("macros/templates/framework.md.j2", r"\Z", "\nEdited live, run {n}.\n"),
    "asset": ("docs/assets/site.css", r"\Z", "\n/* Edited live, run {n}. */\n"),
}
# Budgets of issue 25: a sheet edit against the cold build of the same site, per number of
# frameworks; an asset edit; the growth of the sheet edit from 12 to 100 frameworks.
SHEET_RELOAD_SHARE = {12: 0.25, 25: 0.25, 100: 0.12}
ASSET_RELOAD_SECONDS = 0.3
SHEET_RELOAD_GROWTH = 4.0
MEMORY_GROWTH = 0.10


def edit_file(project: Path, kind: str, slug: str, run: int) -> None:
    path, pattern, replacement = EDITS[kind]
    file = project / path.format(slug=slug)
    text = re.sub(pattern, replacement.format(n=run), file.read_text(encoding="utf-8"), count=1)
    file.write_text(text, encoding="utf-8")


def reload_times(project: Path, slug: str, runs: int, memory_edits: int = 0) -> dict[str, Any]:
    """Under `mkdocs serve`: seconds from saving each kind of edit (EDITS) until the rebuild is
    done and browsers reload (MkDocs' live-reload counter moves on), `runs` of each kind in
    turn; with `memory_edits`, the server's resident memory after the first sheet edit and after
    that many."""
    times: dict[str, list[float]] = {kind: [] for kind in EDITS}
    memory: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="serve-") as tmp, Serving(project, Path(tmp)) as server:
        for run in range(runs):
            for kind in EDITS:
                time.sleep(0.3)  # past the server's polling of the previous save
                times[kind].append(server.saved(functools.partial(edit_file, project, kind, slug, run)))
        for edit in range(memory_edits):
            server.saved(functools.partial(edit_file, project, "sheet", slug, runs + edit))
            if edit == 0:
                memory["after_first"] = server.resident_bytes()
        if memory_edits:
            memory["after_last"] = server.resident_bytes()
            memory["edits"] = memory_edits
    return {"seconds": times, "memory": memory}


def growth(rows: list[dict[str, Any]], key: str) -> float | None:
    """The exponent b of the least-squares fit seconds = a * frameworks^b (log-log)."""
    points = [(math.log(row["frameworks"]), math.log(row[key])) for row in rows if row.get(key)]
    if len(points) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else None


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def scale(
    counts: Sequence[int], runs: int, reload_runs: int, pairs_as_pages: bool, memory_edits: int = 0
) -> list[dict[str, Any]]:
    rows = []
    for count in counts:
        with tempfile.TemporaryDirectory(prefix=f"benchmark-{count}-") as tmp:
            project, out = Path(tmp) / "project", Path(tmp) / "site"
            slugs = synthetic_project(project, count)
            ours = [measured(build_command(out), project) for _ in range(runs)]
            figures = site_figures(out)
            plain_root, plain_out = Path(tmp) / "plain", Path(tmp) / "plain-site"
            generated = prepared_plain(project, out, plain_root)
            row: dict[str, Any] = {
                "frameworks": count,
                "pages": generated["pages"],
                "light_pages": generated["light_pages"],
                "build_seconds": median([run.wall for run in ours]),
                "cpu_seconds": median([run.cpu for run in ours]),
                "peak_bytes": max(run.peak for run in ours),
                **figures,
            }
            plain = [measured(build_command(plain_out, strict=False), plain_root) for _ in range(runs)]
            row["plain"] = {
                "pages": generated["plain_pages"],
                "build_seconds": median([run.wall for run in plain]),
                "cpu_seconds": median([run.cpu for run in plain]),
                "peak_bytes": max(run.peak for run in plain),
                **site_figures(plain_out),
            }
            row["ratio"] = row["build_seconds"] / row["plain"]["build_seconds"]
            row["cpu_ratio"] = row["cpu_seconds"] / row["plain"]["cpu_seconds"]
            if pairs_as_pages:
                full_root, full_out = Path(tmp) / "full", Path(tmp) / "full-site"
                full_pages = prepared_plain(project, out, full_root, pairs_as_pages=True)["plain_pages"]
                full = [measured(build_command(full_out, strict=False), full_root) for _ in range(runs)]
                row["plain_pairs_as_pages"] = {
                    "pages": full_pages,
                    "build_seconds": median([run.wall for run in full]),
                    "cpu_seconds": median([run.cpu for run in full]),
                    "peak_bytes": max(run.peak for run in full),
                    **site_figures(full_out),
                }
            if reload_runs:
                reloads = reload_times(project, slugs[0], reload_runs, memory_edits if count == counts[0] else 0)
                for kind, seconds in reloads["seconds"].items():
                    row[f"reload_{kind}_seconds"] = median(seconds)
                    row[f"reload_{kind}_seconds_max"] = max(seconds)
                row["serve_memory"] = reloads["memory"]
        rows.append(row)
        print(f"measured {count} frameworks", file=sys.stderr, flush=True)
    return rows


def megabytes(value: float) -> str:
    return f"{value / 1e6:,.1f}"


def table(rows: list[dict[str, Any]]) -> str:
    header = (
        "| frameworks | pages (light) | build s | CPU s | peak MB | site MB | largest page KB | search index KB "
        "| plain pages | plain build s | plain CPU s | plain peak MB | plain site MB | ratio (CPU ratio) |"
    )
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for row in rows:
        plain = row["plain"]
        largest = f"{row['largest_page_bytes'] / 1000:,.0f} ({row['largest_page']})"
        lines.append(
            f"| {row['frameworks']} | {row['pages']:,} ({row['light_pages']:,}) | {row['build_seconds']:.2f} "
            f"| {row['cpu_seconds']:.2f} | {megabytes(row['peak_bytes'])} | {megabytes(row['site_bytes'])} "
            f"| {largest} | {row['search_index_bytes'] / 1000:,.0f} "
            f"| {plain['pages']:,} | {plain['build_seconds']:.2f} | {plain['cpu_seconds']:.2f} "
            f"| {megabytes(plain['peak_bytes'])} | {megabytes(plain['site_bytes'])} "
            f"| {row['ratio']:.2f} ({row['cpu_ratio']:.2f}) |"
        )
    return "\n".join(lines)


def reload_table(rows: list[dict[str, Any]]) -> str:
    """Under `mkdocs serve`: each kind of edit's reload (median / max), next to the cold build."""
    header = "| frameworks | cold build s | " + " | ".join(f"{kind} edit s" for kind in EDITS) + " | sheet / cold |"
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for row in rows:
        if row.get("reload_sheet_seconds") is None:
            continue
        cells = " | ".join(
            f"{row[f'reload_{kind}_seconds']:.2f} / {row[f'reload_{kind}_seconds_max']:.2f}" for kind in EDITS
        )
        share = row["reload_sheet_seconds"] / row["build_seconds"]
        lines.append(f"| {row['frameworks']} | {row['build_seconds']:.2f} | {cells} | {share:.2f} |")
    exponent = growth(rows, "reload_sheet_seconds")
    if exponent is not None:
        lines.append(f"\nSheet edit reload grows as frameworks^{exponent:.2f} (least squares on log-log).")
    return "\n".join(lines)


def budget_lines(rows: list[dict[str, Any]]) -> list[str]:
    """One line per budget that applies to the measured sizes: met or missed, with the figure."""
    lines = []

    def check(label: str, value: float, limit: float, unit: str) -> None:
        verdict = "met" if value <= limit else "MISSED"
        lines.append(f"- {label}: {value:,.2f} {unit} (budget {limit:,.2f} {unit}): {verdict}")

    for row in rows:
        count = row["frameworks"]
        if count in BUILD_SECONDS:
            check(f"{count} frameworks, build", row["build_seconds"], BUILD_SECONDS[count], "s")
        if count == 100:
            check("100 frameworks, peak memory", row["peak_bytes"] / 1e6, AT_100["peak_bytes"] / 1e6, "MB")
            check("100 frameworks, site", row["site_bytes"] / 1e6, AT_100["site_bytes"] / 1e6, "MB")
            check("100 frameworks, largest page", row["largest_page_bytes"] / 1e3, AT_100["page_bytes"] / 1e3, "KB")
        if row.get("reload_sheet_seconds") is not None:
            if count in SHEET_RELOAD_SHARE:
                share = row["reload_sheet_seconds"] / row["build_seconds"]
                check(f"{count} frameworks, sheet edit against cold build", share, SHEET_RELOAD_SHARE[count], "x")
            check(f"{count} frameworks, asset edit", row["reload_asset_seconds"], ASSET_RELOAD_SECONDS, "s")
        memory = row.get("serve_memory") or {}
        if memory.get("edits"):
            grown = memory["after_last"] / memory["after_first"] - 1
            check(f"serve memory after {memory['edits']} edits against after the first", grown, MEMORY_GROWTH, "x")
        check(f"{count} frameworks, cost against plain Material", row["ratio"], PLAIN_RATIO, "x")
    by_count = {row["frameworks"]: row for row in rows if row.get("reload_sheet_seconds")}
    if 12 in by_count and 100 in by_count:
        grown = by_count[100]["reload_sheet_seconds"] / by_count[12]["reload_sheet_seconds"]
        check("sheet edit at 100 frameworks against at 12", grown, SHEET_RELOAD_GROWTH, "x")
    return lines


# The reader's side: largest contentful paint on an emulated phone

# Chrome DevTools' "Slow 4G" preset (front_end/core/sdk/NetworkManager.ts, Slow4GConditions; it
# was called "Fast 3G" until May 2024): 150 ms target RTT, applied as 150 x 3.75 = 562.5 ms of
# added latency per request, 1.6 Mbit/s x 0.9 down and 750 kbit/s x 0.9 up. DevTools' "4x
# slowdown" CPU preset; Lighthouse's mobile device (Moto G Power: 412 x 823 CSS pixels at 1.75).
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
CPU_SLOWDOWN = 4
PHONE: dict[str, Any] = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36"
    ),
}
# Core Web Vitals' "good" largest contentful paint.
LCP_BUDGET_SECONDS = 2.5
# What GitHub Pages compresses (text), and how long it lets browsers keep a file.
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
GITHUB_PAGES_MAX_AGE = 600

# The last largest-contentful-paint candidate the page reported, and what it was.
LCP_SCRIPT = """() => new Promise(resolve => {
  new PerformanceObserver(list => {
    const entry = list.getEntries().at(-1);
    const element = entry.element;
    const name = element
      ? element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
        + (element.classList.length ? "." + [...element.classList].join(".") : "")
      : "(removed)";
    resolve({seconds: entry.startTime / 1000, element: name, size: entry.size});
  }).observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve(null), 2000);
})"""


def reader_pages(types: Sequence[str] | None) -> list[tuple[str, str]]:
    """(page type, site path) for the first page of each type in the page registry, in order;
    `types` limits them to those types (named by template: home, framework, pair, ...)."""
    from macros.collections import load_dataset
    from macros.pages import REGISTRY
    from macros.render import html_path

    dataset = load_dataset(ROOT)
    known = [page_type.template.removesuffix(".md.j2") for page_type in REGISTRY]
    unknown = sorted(set(types or ()) - set(known))
    if unknown:
        raise SystemExit(f"unknown page type(s) {', '.join(unknown)}; the registry has {', '.join(known)}")
    pages = []
    for name, page_type in zip(known, REGISTRY, strict=True):
        if types and name not in types:
            continue
        first = next(iter(page_type.instances(dataset)), None)
        if first is not None:  # e.g. the frameworks index, only made for many frameworks
            pages.append((name, html_path(first.path).removesuffix("index.html")))
    return pages


@contextlib.contextmanager
def gzip_server(directory: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port as GitHub Pages does: text gzip-compressed for
    browsers that accept it, index.html for folders, a redirect to add a folder's slash."""
    import functools
    import gzip
    import http.server
    import threading

    compressed: dict[Path, bytes] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                if not self.path.split("?")[0].endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", self.path.split("?")[0] + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                path = path / "index.html"
            if not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            gzipped = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
            if gzipped:
                if path not in compressed:
                    compressed[path] = gzip.compress(body, compresslevel=6, mtime=0)
                body = compressed[path]
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", f"max-age={GITHUB_PAGES_MAX_AGE}")
            self.send_header("Vary", "Accept-Encoding")
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_executable() -> str:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("Debian's chromium is not installed (apt-get install chromium; scripts/test installs it)")


def largest_paint(browser: Any, url: str) -> dict[str, Any]:
    """One cold load of `url` (a fresh profile: empty cache) on the emulated phone."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        transferred = 0

        def count(params: dict[str, Any]) -> None:
            nonlocal transferred
            transferred += int(params.get("encodedDataLength", 0))

        cdp.on("Network.loadingFinished", count)
        page.goto(url, wait_until="load", timeout=120_000)
        # The compare page draws its table from data it fetches after load; LCP follows it.
        page.wait_for_load_state("networkidle", timeout=120_000)
        paint = page.evaluate(LCP_SCRIPT)
        if paint is None:
            raise SystemExit(f"{url}: the browser reported no largest contentful paint")
        ready = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd / 1000")
        return {**paint, "ready_seconds": ready, "transferred_bytes": transferred}
    finally:
        context.close()


def reader(loads: int, types: Sequence[str] | None) -> list[dict[str, Any]]:
    """Build the site, serve it gzip-compressed and load one page of each type `loads` times on
    the emulated phone; the median largest contentful paint of each."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SystemExit("--reader needs Playwright: .venv/bin/pip install -r tests/requirements.txt") from None

    pages = reader_pages(types)
    rows = []
    with tempfile.TemporaryDirectory(prefix="benchmark-reader-") as tmp:
        out = Path(tmp) / "site"
        measured(build_command(out), ROOT)
        with gzip_server(out) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(),
                headless=True,
                args=["--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking"],
            )
            try:
                for name, path in pages:
                    paints = [largest_paint(browser, base + path) for _ in range(loads)]
                    middle = sorted(paints, key=lambda paint: paint["seconds"])[len(paints) // 2]
                    html = out / path / "index.html"
                    rows.append(
                        {
                            "type": name,
                            "path": path,
                            "lcp_seconds": middle["seconds"],
                            "lcp_seconds_all": [round(paint["seconds"], 3) for paint in paints],
                            "element": middle["element"],
                            "ready_seconds": middle["ready_seconds"],
                            "html_bytes": html.stat().st_size if html.is_file() else 0,
                            "transferred_bytes": middle["transferred_bytes"],
                        }
                    )
                    print(f"loaded {name} {loads}x", file=sys.stderr, flush=True)
            finally:
                browser.close()
    return rows


def reader_table(rows: list[dict[str, Any]]) -> str:
    header = (
        "| page type | page | LCP s (median) | loads s | LCP element | scripts run s | HTML KB | transferred KB "
        "| within 2.5 s |"
    )
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for row in rows:
        verdict = "yes" if row["lcp_seconds"] <= LCP_BUDGET_SECONDS else "NO"
        loads = " ".join(f"{value:.2f}" for value in row["lcp_seconds_all"])
        lines.append(
            f"| {row['type']} | /{row['path']} | {row['lcp_seconds']:.2f} | {loads} | {row['element']} "
            f"| {row['ready_seconds']:.2f} "
            f"| {row['html_bytes'] / 1000:,.0f} | {row['transferred_bytes'] / 1000:,.0f} | {verdict} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement (medians are printed)")
    parser.add_argument("--scale", help="comma-separated numbers of frameworks, e.g. 12,25,50,100")
    parser.add_argument(
        "--reload-runs", type=int, default=3, help="edits of each kind timed under mkdocs serve (0: none)"
    )
    parser.add_argument(
        "--memory-edits",
        type=int,
        default=0,
        help="at the first scale, sheet edits after which the server's memory is compared with after the first",
    )
    parser.add_argument(
        "--plain-pairs-as-pages",
        action="store_true",
        help="also build plain Material with every pair as a full page (the design this replaces; slow)",
    )
    parser.add_argument("--json", action="store_true", help="print the scaling or reader figures as JSON")
    parser.add_argument(
        "--reader",
        action="store_true",
        help="largest contentful paint of one page per type on an emulated phone (Slow 4G, 4x CPU slowdown)",
    )
    parser.add_argument("--loads", type=int, default=3, help="with --reader: cold loads per page (median printed)")
    parser.add_argument("--types", help="with --reader: comma-separated page types (home, framework, pair, ...)")
    parser.add_argument("--prepare-plain", nargs=3, metavar=("PROJECT", "BUILT", "TARGET"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare_plain:
        project, built, target = map(Path, args.prepare_plain)
        print(json.dumps(plain_project(project, built, target, args.plain_pairs_as_pages)))
        return 0
    if args.reader:
        if args.loads < 1:
            parser.error("--loads needs at least 1")
        rows = reader(args.loads, args.types.split(",") if args.types else None)
        if args.json:
            print(json.dumps(rows, indent=2))
            return 0
        print(reader_table(rows))
        slowest = max(rows, key=lambda row: row["lcp_seconds"])
        verdict = "met" if slowest["lcp_seconds"] <= LCP_BUDGET_SECONDS else "MISSED"
        print(
            f"\nBudget (issue 21): largest contentful paint within {LCP_BUDGET_SECONDS} s on every page type: "
            f"{verdict} (slowest: {slowest['type']}, {slowest['lcp_seconds']:.2f} s). Emulated phone "
            f"{PHONE['viewport']['width']}x{PHONE['viewport']['height']} at {PHONE['device_scale_factor']}, "
            f"Chrome DevTools' Slow 4G ({SLOW_4G['latency']} ms latency, {SLOW_4G['downloadThroughput'] * 8 / 1e6:.2f} "
            f"Mbit/s down, {SLOW_4G['uploadThroughput'] * 8 / 1e3:.0f} kbit/s up), {CPU_SLOWDOWN}x CPU slowdown, "
            "gzip-compressed, cold cache."
        )
        return 0
    if not args.scale:
        print(json.dumps(real_site(args.runs), indent=2))
        return 0
    try:
        counts = [int(part) for part in args.scale.split(",")]
    except ValueError:
        parser.error("--scale takes numbers of frameworks separated by commas, e.g. 12,25,50,100")
    if not counts or min(counts) < 2 or args.runs < 1:
        parser.error("--scale needs at least 2 frameworks per site, and --runs at least 1")
    rows = scale(counts, args.runs, args.reload_runs, args.plain_pairs_as_pages, args.memory_edits)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(table(rows))
    if args.reload_runs:
        print("\nUnder mkdocs serve, seconds from a save until browsers reload (median / max):")
        print(reload_table(rows))
    if args.plain_pairs_as_pages:
        print("\nPlain Material with every pair as a full page:")
        for row in rows:
            full = row["plain_pairs_as_pages"]
            print(
                f"- {row['frameworks']} frameworks: {full['pages']:,} pages, {full['build_seconds']:.2f} s "
                f"({full['cpu_seconds']:.2f} s CPU), {megabytes(full['peak_bytes'])} MB peak, "
                f"{megabytes(full['site_bytes'])} MB site"
            )
    print("\nBudgets (issues 13 and 25):")
    print("\n".join(budget_lines(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
