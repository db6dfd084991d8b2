"""Print build-time and size figures for the real site, or for synthetic sites of N frameworks
(targets are checked by reading these, not by timed tests that flake).

Usage:
    python -m scripts.benchmark [--runs 3]
    python -m scripts.benchmark --scale 12,25,50,100 [--runs 3] [--reload-runs 3] [--json]

The scaling mode copies the project to a temporary folder for each N, with N fact sheets made
from the real ones (under new slugs after the first copy: flask, flask2, ...; with their pins,
samples and history), never touching data/. It builds each copy with `mkdocs build --strict`
and measures wall time, CPU time and peak memory of the build process (its own rusage, from
os.wait4), page count, total site size, largest page and search-index size. In the same run it
builds the same pages from static Markdown with plain Material (the generated Markdown written
out, pre-rendered files copied, a minimal mkdocs.yml: same theme and extensions, no hooks) and
prints our figures against it as a ratio. Under `mkdocs serve` it times how long a one-line
edit to a fact sheet takes to show on the served framework page. The budgets of issue 13 are
printed after the table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
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
RELOAD_SECONDS_AT_12 = 1.5
PLAIN_RATIO = 1.2

# The folders of data/ that the scaling mode generates; everything else is copied as it is.
GENERATED = ("frameworks", "samples", "history")
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
    requirements = (data / "samples" / "requirements.txt").read_text(encoding="utf-8")
    pins = {}
    for line in requirements.splitlines():
        match = re.fullmatch(r"\s*([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==(\S+).*", line)
        if match:
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    extra_pins = []
    slugs: list[str] = []
    taken = {sheet.stem for sheet in sheets}
    for index in range(count):
        base = sheets[index % len(sheets)]
        text = base.read_text(encoding="utf-8")
        round_ = index // len(sheets) + 1
        slug = base.stem
        if round_ > 1:
            fields = yaml.safe_load(text)
            slug = f"{base.stem}{round_}"
            while slug in taken:
                slug += "x"
            taken.add(slug)
            suffix = f" {round_}"
            name = str(fields["name"])[: 40 - len(suffix)] + suffix
            package = f"{fields['pypi']}{round_}"
            text = re.sub(r"(?m)^slug:.*$", f"slug: {slug}", text, count=1)
            text = re.sub(r"(?m)^name:.*$", "name: " + json.dumps(name), text, count=1)
            text = re.sub(r"(?m)^pypi:.*$", f"pypi: {package}", text, count=1)
            version = pins.get(re.sub(r"[-_.]+", "-", str(fields["pypi"])).lower(), "1.0")
            extra_pins.append(f"{package}=={version}")
            if not re.search(r"(?m)^  not_measured:", text):
                # `benchmark` ends every sheet (the canonical key order): a copy was not measured.
                text = text.rstrip("\n") + "\n  not_measured: A copy made for the scaling benchmark.\n"
        slugs.append(slug)
        for _, path in framework_files(source, base.stem):
            relative = path.relative_to(source)
            copy = target / relative.parent / relative.name.replace(base.stem, slug)
            copy.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                shutil.copytree(path, copy, ignore=ignore)
            else:
                shutil.copy(path, copy)
        (target / "data" / "frameworks" / f"{slug}.yml").write_text(text, encoding="utf-8")  # renamed inside
    (target / "data" / "samples" / "requirements.txt").write_text(
        requirements.rstrip("\n") + "\n" + "".join(pin + "\n" for pin in extra_pins), encoding="utf-8"
    )
    return slugs


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


def shows(url: str, text: str) -> Callable[[], bool]:
    """A condition for wait_until: the page at `url` contains `text`."""
    return lambda: text in fetch(url)


def wait_until(condition: Callable[[], bool], timeout: float, interval: float = 0.02) -> float:
    """Seconds until `condition()` held (raises after `timeout`)."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        time.sleep(interval)
    return time.perf_counter() - start


def reload_latency(project: Path, slug: str, runs: int, timeout: float = 300) -> list[tuple[float, float]]:
    """Under `mkdocs serve`: seconds from saving a one-line edit to a fact sheet (its tagline)
    until the served framework page shows it, and until the rebuild is done (when live reload
    refreshes the reader's browser)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=MKDOCS_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        mount = re.sub(r"^https?://[^/]+", "", config.get("site_url") or "/") or "/"
        base = f"http://127.0.0.1:{port}{mount}"
        page, index = base + f"frameworks/{slug}/", base + "search/search_index.json"
        sheet = project / "data" / "frameworks" / f"{slug}.yml"
        wait_until(lambda: "</html>" in fetch(page) and fetch(index) != "", timeout)
        latencies = []
        for run in range(runs):
            marker = f"Edited live, run {run} {time.time_ns()}."
            text = re.sub(r"(?m)^tagline:.*$", f"tagline: {marker}", sheet.read_text(encoding="utf-8"), count=1)
            time.sleep(1)  # past the server's polling of the previous change
            sheet.write_text(text, encoding="utf-8")
            shown = wait_until(shows(page, marker), timeout)
            # The browser reloads when the whole rebuild is done: the search index is written last.
            done = wait_until(shows(index, marker), timeout)
            latencies.append((shown, shown + done))
        return latencies
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def scale(counts: Sequence[int], runs: int, reload_runs: int, pairs_as_pages: bool) -> list[dict[str, Any]]:
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
            latencies = reload_latency(project, slugs[0], reload_runs) if reload_runs else []
            row["reload_page_seconds"] = median([shown for shown, _ in latencies]) if latencies else None
            row["reload_seconds"] = median([done for _, done in latencies]) if latencies else None
            row["reload_seconds_max"] = max(done for _, done in latencies) if latencies else None
        rows.append(row)
        print(f"measured {count} frameworks", file=sys.stderr, flush=True)
    return rows


def megabytes(value: float) -> str:
    return f"{value / 1e6:,.1f}"


def table(rows: list[dict[str, Any]]) -> str:
    header = (
        "| frameworks | pages (light) | build s | CPU s | peak MB | site MB | largest page KB | search index KB "
        "| reload s | plain pages | plain build s | plain CPU s | plain peak MB | plain site MB | ratio (CPU ratio) |"
    )
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for row in rows:
        plain = row["plain"]
        reload = f"{row['reload_seconds']:.2f}" if row["reload_seconds"] is not None else "-"
        largest = f"{row['largest_page_bytes'] / 1000:,.0f} ({row['largest_page']})"
        lines.append(
            f"| {row['frameworks']} | {row['pages']:,} ({row['light_pages']:,}) | {row['build_seconds']:.2f} "
            f"| {row['cpu_seconds']:.2f} | {megabytes(row['peak_bytes'])} | {megabytes(row['site_bytes'])} "
            f"| {largest} | {row['search_index_bytes'] / 1000:,.0f} "
            f"| {reload} | {plain['pages']:,} | {plain['build_seconds']:.2f} | {plain['cpu_seconds']:.2f} "
            f"| {megabytes(plain['peak_bytes'])} | {megabytes(plain['site_bytes'])} "
            f"| {row['ratio']:.2f} ({row['cpu_ratio']:.2f}) |"
        )
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
        if count == 12 and row["reload_seconds"] is not None:
            check("12 frameworks, edit visible under serve", row["reload_seconds"], RELOAD_SECONDS_AT_12, "s")
        check(f"{count} frameworks, cost against plain Material", row["ratio"], PLAIN_RATIO, "x")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement (medians are printed)")
    parser.add_argument("--scale", help="comma-separated numbers of frameworks, e.g. 12,25,50,100")
    parser.add_argument("--reload-runs", type=int, default=3, help="edits timed under mkdocs serve (0: none)")
    parser.add_argument(
        "--plain-pairs-as-pages",
        action="store_true",
        help="also build plain Material with every pair as a full page (the design this replaces; slow)",
    )
    parser.add_argument("--json", action="store_true", help="print the scaling figures as JSON")
    parser.add_argument("--prepare-plain", nargs=3, metavar=("PROJECT", "BUILT", "TARGET"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare_plain:
        project, built, target = map(Path, args.prepare_plain)
        print(json.dumps(plain_project(project, built, target, args.plain_pairs_as_pages)))
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
    rows = scale(counts, args.runs, args.reload_runs, args.plain_pairs_as_pages)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(table(rows))
    if args.plain_pairs_as_pages:
        print("\nPlain Material with every pair as a full page:")
        for row in rows:
            full = row["plain_pairs_as_pages"]
            print(
                f"- {row['frameworks']} frameworks: {full['pages']:,} pages, {full['build_seconds']:.2f} s "
                f"({full['cpu_seconds']:.2f} s CPU), {megabytes(full['peak_bytes'])} MB peak, "
                f"{megabytes(full['site_bytes'])} MB site"
            )
    print("\nBudgets (issue 13):")
    print("\n".join(budget_lines(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
