"""The maintainer scripts that had no test: repo figures, outdated pins, schema export, benchmark.

Each runs as a maintainer runs it (python -m scripts.<name>) or, where it would reach the
network, against a recorded response.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from factories import run_script, valid_sheet

from macros.collections import load_dataset
from macros.model import ROOT, framework_schema
from scripts import outdated

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def git(repo: Path, *args: str, date: str | None = None, author: str = "Ada <ada@example.org>") -> str:
    name, email = author[:-1].split(" <")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": f"{date}T12:00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00"}
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def small_repository(tmp_path: Path) -> Path:
    """A package with tests, three authors (one a bot), two tags, commits across two years."""
    repo = tmp_path / "repo"
    (repo / "src/pkg/tests").mkdir(parents=True)
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    (repo / "src/pkg/__init__.py").write_text("import os\n\n\ndef f():\n    return os.sep\n")
    (repo / "src/pkg/tests/test_f.py").write_text("def test():\n    pass\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", date="2024-03-01")
    git(repo, "tag", "-a", "1.0", "-m", "1.0", date="2024-03-01")
    (repo / "src/pkg/more.py").write_text("x = 1\n\ny = 2\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "second", date="2025-09-01", author="Bob <BOB@example.org>")
    git(repo, "tag", "-a", "2.0", "-m", "2.0", date="2025-09-01")
    (repo / "README").write_text("bump\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "bot", date="2026-01-10", author="dependabot[bot] <bot@example.org>")
    return repo


def test_repo_figures_follow_the_documented_method(small_repository: Path) -> None:
    result = run_script(
        ROOT,
        "repo_figures",
        str(small_repository / ".git"),
        "--package",
        "src/pkg",
        "--tag",
        "2.0",
        "--as-of",
        "2026-01-10",
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["contributors"] == 2  # Ada and Bob (e-mail lower-cased); the bot is excluded
    assert figures["commits_last_year"] == 2  # 2025-09-01 and 2026-01-10 fall within 365 days of the as-of date
    assert figures["python_lines"] == 5  # 3 in __init__.py and 2 in more.py; tests/ is excluded
    assert figures["first_tag"] == ["1.0", "2024-03-01"] and figures["latest_tag"] == ["2.0", "2025-09-01"]
    assert figures["commit_date"] == "2026-01-10"


def test_half_of_commits_counts_the_fewest_people_behind_half_the_commits_of_two_years(tmp_path: Path) -> None:
    """Ada 3, Bob 2, Cy 2 (7 by people in the window): Ada alone is less than half, Ada and Bob
    reach it; a bot, the GitHub Actions identity, a merge and a commit older than 730 days are not
    counted."""
    repo = tmp_path / "repo"
    git(repo.parent, "init", "-q", "-b", "main", str(repo))

    def commit(message: str, date: str, author: str) -> None:
        (repo / f"{message}.txt").write_text(f"{message}\n", encoding="utf-8")
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", message, date=date, author=author)

    commit("old", "2023-01-01", "Cy <cy@example.org>")  # more than 730 days before the as-of date
    commit("a1", "2024-12-01", "Ada <ada@example.org>")
    commit("a2", "2025-03-01", "Ada <ADA@example.org>")  # the same person: e-mails lower-cased
    commit("b1", "2025-04-01", "Bob <bob@example.org>")
    commit("bot", "2025-05-01", "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>")
    commit("actions", "2025-05-02", "github-actions <github-actions@github.com>")
    git(repo, "checkout", "-q", "-b", "side")
    commit("b2", "2025-06-01", "Bob <bob@example.org>")
    git(repo, "checkout", "-q", "main")
    commit("c1", "2025-06-02", "Cy <cy@example.org>")
    commit("c2", "2025-06-02", "Cy <cy@example.org>")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "side", date="2025-06-03", author="Ada <ada@example.org>")
    commit("a3", "2026-01-10", "Ada <ada@example.org>")
    result = run_script(ROOT, "repo_figures", str(repo / ".git"), "--as-of", "2026-01-10")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["half_of_commits"] == {"people": 2, "commits": 7, "authors": 3, "window_days": 730}
    assert figures["python_lines"] is None  # no --package and --tag given
    # On 2025-04-01 the window holds a1, a2 and b1: Ada alone made half (2 of 3).
    earlier = json.loads(run_script(ROOT, "repo_figures", str(repo / ".git"), "--as-of", "2025-04-01").stdout)
    assert earlier["half_of_commits"] == {"people": 1, "commits": 3, "authors": 2, "window_days": 730}


def test_outdated_reads_the_newest_version_from_recorded_pip_output() -> None:
    recorded = (FIXTURES / "outdated/pip-index-versions-flask.txt").read_text(encoding="utf-8")
    assert outdated.newest_in("flask", recorded) == "3.2.0"
    assert outdated.newest_in("django", recorded) is None


def test_outdated_reports_each_pin_against_the_index(monkeypatch, capsys) -> None:
    answers = {"flask": "99.0", "django": None}
    monkeypatch.setattr(outdated, "newest", lambda package: answers.get(package.lower(), "current"))
    monkeypatch.setattr(outdated, "load_or_exit", lambda: load_dataset(ROOT))
    assert outdated.main() == 0
    lines = {line.split()[0].lower(): line for line in capsys.readouterr().out.splitlines()}
    assert "behind: 99.0 is out" in lines["flask"]
    assert "could not ask the index" in lines["django"]


def test_export_schema_writes_the_model_schema(project) -> None:
    root = project({"alpha": valid_sheet()})
    target = root / "data/schema/framework.schema.json"
    result = run_script(root, "export_schema")
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == framework_schema()


def test_benchmark_prints_its_figures_for_the_project(project) -> None:
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    result = run_script(root, "benchmark", "--runs", "1")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["frameworks"] == 2
    assert figures["pair_pages"] == 1
    assert figures["search_index_bytes"] > 0 and figures["largest_page"]["bytes"] > 0
    assert figures["largest_page_by_type"]["pair"]["path"] == "compare/alpha-vs-beta/index.html"
    assert set(figures["budgets"]) == {"pair_page_bytes", "any_page_bytes", "search_index_bytes"}


def test_benchmark_reader_mode_prints_the_largest_paint_of_a_page_type(project) -> None:
    """Runs, not timed: the figure is read by people against the budget, never asserted."""
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    result = run_script(root, "benchmark", "--reader", "--types", "pair", "--loads", "1")
    assert result.returncode == 0, result.stderr
    table = [line for line in result.stdout.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in table[0].strip("|").split("|")]
    [cells] = [[cell.strip() for cell in line.strip("|").split("|")] for line in table[2:]]
    row = dict(zip(header, cells, strict=True))
    assert row["page type"] == "pair" and row["page"] == "/compare/alpha-vs-beta/"
    assert float(row["LCP s (median)"]) > 0 and row["LCP element"]
    assert int(row["transferred KB"]) > 0 and row["within 2.5 s"] in {"yes", "NO"}
    assert "Slow 4G (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up), 4x CPU slowdown" in result.stdout
    unknown = run_script(root, "benchmark", "--reader", "--types", "nonsense")
    assert unknown.returncode != 0 and "unknown page type(s) nonsense" in unknown.stderr


def test_benchmark_scaling_mode_prints_a_row_per_size_with_plain_material_and_budgets(project) -> None:
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    result = run_script(root, "benchmark", "--scale", "3", "--runs", "1", "--reload-runs", "1")
    assert result.returncode == 0, result.stderr
    table, _, reloads = result.stdout.partition("Under mkdocs serve")
    # Each kind of edit's reload, median and max, next to the cold build.
    reload_lines = [line for line in reloads.splitlines() if line.startswith("|")]
    reload_header = [cell.strip() for cell in reload_lines[0].strip("|").split("|")]
    assert reload_header == [
        "frameworks",
        "cold build s",
        "sheet edit s",
        "catalogue edit s",
        "template edit s",
        "asset edit s",
        "sheet / cold",
    ]
    [reload_row] = [
        dict(zip(reload_header, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
        for line in reload_lines[2:]
    ]
    for kind in ("sheet", "catalogue", "template", "asset"):
        median, largest = reload_row[f"{kind} edit s"].split(" / ")
        assert 0 < float(median) <= float(largest), kind
    assert "3 frameworks, asset edit" in result.stdout
    table = [line for line in table.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in table[0].strip("|").split("|")]
    assert header[:3] == ["frameworks", "pages (light)", "build s"] and "ratio (CPU ratio)" in header
    assert set(table[1].replace("|", "")) == {"-"}
    [row] = [[cell.strip() for cell in line.strip("|").split("|")] for line in table[2:]]
    assert len(row) == len(header)
    figures = dict(zip(header, row, strict=True))
    # Three sheets from two: alpha, beta and a renamed copy of alpha; three pairs, all light.
    assert figures["frameworks"] == "3" and figures["pages (light)"].endswith("(3)")
    for column in ("build s", "CPU s", "peak MB", "site MB", "search index KB"):
        assert float(figures[column].replace(",", "")) > 0, column
    assert figures["largest page KB"].endswith("/index.html)")
    assert len(set(header)) == len(header)
    assert int(figures["plain pages"]) == int(figures["pages (light)"].split()[0]) - 3  # the pairs are files there
    for column in ("plain build s", "plain CPU s", "plain peak MB", "plain site MB"):
        assert float(figures[column].replace(",", "")) > 0, column
    ratio, cpu_ratio = figures["ratio (CPU ratio)"].replace("(", "").replace(")", "").split()
    assert float(ratio) > 0 and float(cpu_ratio) > 0
    assert "3 frameworks, cost against plain Material" in result.stdout
    # The synthetic copies live in a temporary folder: data/ is left as it was.
    assert sorted(path.name for path in (root / "data/frameworks").iterdir()) == ["alpha.yml", "beta.yml"]
