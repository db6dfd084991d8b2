"""The edit loop under a real `mkdocs serve` (macros/mkdocs_serve.py): after any sequence of
edits the served site equals a clean build byte for byte, and a save that breaks data/ keeps the
last good site, shows its problems on every page and recovers on the next save."""

from __future__ import annotations

import html
import os
import random
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from macros.collections import framework_files
from macros.model import ROOT
from scripts.benchmark import MKDOCS_ENV, Serving, add_copies

# A fixed seed per run of the suite, printed on failure: SERVE_EDITS_SEED=<n> repeats one.
SEED = int(os.environ.get("SERVE_EDITS_SEED", random.SystemRandom().randrange(10**6)))


def project_copy(target: Path) -> Path:
    """The real project, with its address set to the one `mkdocs serve` gives it (a clean
    build of the copy then writes the same canonical links)."""
    for folder in ("data", "docs", "macros", "tests/samples"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def with_site_url(project: Path, url: str) -> None:
    config = project / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {url}", text, count=1), encoding="utf-8")


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def clean_build(project: Path, out: Path) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out)],
        cwd=project,
        env=MKDOCS_ENV,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return files_of(out)


def replace_line(path: Path, pattern: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(pattern, line, text, count=1, flags=re.MULTILINE), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


class Edits:
    """The kinds of edit a maintainer makes, each a small real change to the project copy."""

    def __init__(self, project: Path, rng: random.Random) -> None:
        self.project, self.rng = project, rng
        self.count = 0
        self.copy: tuple[str, dict[str, bytes | None]] | None = None  # the added framework, and what it changed

    def slug(self) -> str:
        return self.rng.choice(sorted(path.stem for path in (self.project / "data/frameworks").glob("*.yml")))

    def sheet_fact(self) -> str:
        slug = self.slug()
        replace_line(self.project / f"data/frameworks/{slug}.yml", r"^tagline: .*$", f"tagline: Edit {self.count}.")
        return f"tagline of {slug}"

    def sheet_figure(self) -> str:
        slug = self.slug()
        sheet = self.project / f"data/frameworks/{slug}.yml"
        replace_line(sheet, r"^(  github-stars:\n    value: )\d+", rf"\g<1>{self.rng.randrange(1, 200_000)}")
        return f"GitHub stars of {slug}"

    def catalogue(self) -> str:
        path = self.project / "data/criteria.yml"
        replace_line(path, r"^  question: .*$", f"  question: What does edit {self.count} ask?")
        return "a criterion's question"

    def template(self) -> str:
        name = self.rng.choice(["framework.md.j2", "pair.md.j2", "criterion.md.j2", "_macros.j2"])
        append(self.project / "macros/templates" / name, f"\n{{# edit {self.count} #}}\nEdited {self.count}.\n")
        return f"template {name}"

    def asset(self) -> str:
        append(self.project / "docs/assets/site.css", f"\n/* edit {self.count} */\n")
        return "the stylesheet"

    def sample(self) -> str:
        slug = self.slug()
        append(self.project / f"data/samples/{slug}/hello_world.py", f"# Edit {self.count}.\n")
        return f"a sample of {slug}"

    def code(self) -> str:
        append(self.project / "macros/vocabulary.py", f"# Edit {self.count}.\n")
        return "the renderer's code"

    def new_framework(self) -> str:
        if self.copy is not None:
            return self.deleted_framework()
        base = self.rng.choice(["flask", "bottle", "falcon"])
        slug = f"{base}-copy"
        touched = ["data/samples/requirements.txt", *(str(path.relative_to(self.project)) for path in self.runs())]
        before: dict[str, bytes | None] = {path: (self.project / path).read_bytes() for path in touched}
        add_copies(self.project, [(base, slug, " Copy")])
        self.copy = (slug, before)
        return f"a new framework, {slug}"

    def deleted_framework(self) -> str:
        if self.copy is None:
            return self.new_framework()
        slug, before = self.copy
        for _, path in framework_files(self.project, slug):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        for path, content in before.items():
            if content is not None:
                (self.project / path).write_bytes(content)
        self.copy = None
        return f"{slug} deleted"

    def runs(self) -> list[Path]:
        return sorted((self.project / "data/footprint").glob("*.yml"))[-1:]

    KINDS = ("sheet_fact", "sheet_figure", "catalogue", "template", "asset", "sample", "code", "new_framework")

    def sequence(self, extra: int) -> list[Callable[[], str]]:
        """Every kind once, a deletion after the new framework, and `extra` more, in random order."""
        kinds = list(self.KINDS) + [self.rng.choice(self.KINDS) for _ in range(extra)]
        self.rng.shuffle(kinds)
        kinds.insert(self.rng.randrange(kinds.index("new_framework") + 1, len(kinds) + 1), "deleted_framework")
        return [getattr(self, kind) for kind in kinds]

    def __call__(self, edit: Callable[[], str]) -> str:
        self.count += 1
        time.sleep(0.05)  # a new modification time, whatever the file system's resolution
        return edit()


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[Path, Serving]]:
    project = project_copy(tmp_path / "project")
    server = Serving(project, tmp_path / "serve")
    with_site_url(project, server.base)
    with server:
        yield project, server


def test_the_served_site_equals_a_clean_build_after_any_edits(serving: tuple[Path, Serving], tmp_path: Path) -> None:
    project, server = serving
    edits = Edits(project, random.Random(SEED))
    for step, edit in enumerate(edits.sequence(extra=2)):
        done = server.saved(lambda edit=edit: edits(edit))
        what = f"{edit.__name__} (step {step}, SERVE_EDITS_SEED={SEED})"
        server.settle()
        served, clean = files_of(server.served_folder()), clean_build(project, tmp_path / "clean")
        assert sorted(served.keys() - clean.keys()) == [], f"left over after {what}"
        assert sorted(clean.keys() - served.keys()) == [], f"missing after {what}"
        assert [path for path in clean if served[path] != clean[path]][:10] == [], f"stale after {what}"
        assert "Traceback" not in server.log.read_text(encoding="utf-8"), what
        assert done < 120, what
    log = server.log.read_text(encoding="utf-8")
    # The edits were rebuilt in part where they could be: not every save was a full build.
    assert "Rebuilt what the edit touched" in log and "Copied the edited assets" in log


def fetch_within(url: str, seconds: float) -> str:
    with urllib.request.urlopen(url, timeout=seconds) as response:
        return response.read().decode("utf-8")


BAD_EDITS = [
    # (what, the edit, what the message names)
    ("invalid YAML", lambda sheet: append(sheet, "tagline: [not closed\n"), "data/frameworks/flask.yml:"),
    (
        "a failed rule",
        lambda sheet: replace_line(sheet, r"^homepage: .*$", "homepage: http://flask.example/"),
        "data/frameworks/flask.yml:11:",
    ),
    (
        "a deleted required file",
        lambda sheet: (sheet.parent.parent / "releases" / "flask.yml").unlink(),
        "data/releases/flask.yml",
    ),
    # The banner quotes what the contributor wrote: as text, never as markup.
    (
        "a hostile field name",
        lambda sheet: append(sheet, "'<img src=x onerror=alert(1)>': 1\n"),
        "unknown field &#x27;&lt;img src=x onerror=alert(1)&gt;&#x27;",
    ),
]


@pytest.mark.parametrize("what, edit, names", BAD_EDITS, ids=[bad[0] for bad in BAD_EDITS])
def test_a_bad_edit_keeps_the_last_good_site_and_shows_its_problems(
    serving: tuple[Path, Serving], what: str, edit: Callable[[Path], object], names: str
) -> None:
    project, server = serving
    sheet = project / "data/frameworks/flask.yml"
    originals = {path: path.read_bytes() for path in (sheet, project / "data/releases/flask.yml")}
    page, other = server.base + "frameworks/flask/", server.base + "compare/"
    good = fetch_within(page, 5)
    server.saved(lambda: edit(sheet))
    # Any page answers at once, with the problems naming the file, over the last good page.
    for url in (page, other):
        body = fetch_within(url, 5)
        assert 'id="serve-problems"' in body and names in body and "<img src=x" not in body, url
    broken = fetch_within(page, 5)
    assert without_reload_script(broken.replace(banner(broken), "")) == without_reload_script(good)
    log = server.log.read_text(encoding="utf-8")
    assert html.unescape(names) in log and "Traceback" not in log

    def fix() -> None:
        for path, content in originals.items():
            path.write_bytes(content)
        replace_line(sheet, r"^tagline: .*$", "tagline: Fixed.")

    # The next good save recovers: no banner, and the edit shows.
    server.saved(fix)
    body = fetch_within(page, 5)
    assert 'id="serve-problems"' not in body and "Fixed." in body


def banner(body: str) -> str:
    start = body.index('<div role="alert" id="serve-problems"')
    return body[start : body.index("</div>", start) + len("</div>")]


def without_reload_script(body: str) -> str:
    """A served page without the live-reload script MkDocs adds before </body>."""
    return body[: body.rindex("<script>")]
