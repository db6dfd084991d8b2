"""scripts/dead_sources.py: lychee's JSON report (recorded in tests/fixtures/dead_sources/) mapped back to facts.

The link check itself never runs here: the report was recorded once by lychee 0.24.2 against a
local server (see the fixture's README), for the project this module builds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from factories import valid_sheet

from macros.model import ROOT
from scripts.dead_sources import Citation, citations, dead_sources, failures, main, markdown

FIXTURES = ROOT / "tests" / "fixtures" / "dead_sources"
LOCAL = "https://localhost:8443"


def dead_link_sheet() -> dict[str, Any]:
    """A sheet whose sources answer in every way a server can: the project the report was recorded for."""
    sheet = valid_sheet("alpha", "Alpha")
    sheet["homepage"] = f"{LOCAL}/private"  # 403: turns robots away, accepted
    sheet["documentation"] = f"{LOCAL}/busy"  # 429: rate-limited, accepted
    sheet["repository"] = f"{LOCAL}/repo"  # 200
    sheet["license"]["source"] = f"{LOCAL}/gone"  # 404
    sheet["first_release"]["source"] = f"{LOCAL}/gone"  # the same dead URL, cited twice
    sheet["creators"]["source"] = f"{LOCAL}/moved"  # 301 to a 404
    sheet["python"]["source"] = "https://localhost:8444/slow"  # never answers: timeout
    sheet["interfaces"]["source"] = "https://docs.retired-framework.dev/guide"  # no such host
    sheet["notable_users"][0]["source"] = f"{LOCAL}/withdrawn"  # 410
    sheet["latest_release"]["source"] = f"{LOCAL}/broken#notes"  # 500, with a fragment
    return sheet


@pytest.fixture
def root(project) -> Path:
    return project({"alpha": dead_link_sheet()})


def report() -> dict[str, Any]:
    return json.loads((FIXTURES / "lychee.json").read_text(encoding="utf-8"))


def line_of(root: Path, text: str, after: str) -> str:
    """`line:column` of the first `text` after the first line starting with `after` (no hand counting)."""
    lines = (root / "data" / "frameworks" / "alpha.yml").read_text(encoding="utf-8").splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith(after))
    number, line = next((number, line) for number, line in enumerate(lines[start:], start=start + 1) if text in line)
    return f"{number}:{line.index(text) + 1}"


def test_urls_lists_every_cited_url_once(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["urls"], root=root) == 0
    urls = capsys.readouterr().out.splitlines()
    assert urls == sorted(set(urls))
    assert (FIXTURES / "cited-urls.txt").read_text(encoding="utf-8").splitlines() == urls, (
        "the recorded report was made from this list"
    )
    assert f"{LOCAL}/gone" in urls and "https://example.org/docs/page" in urls


def test_the_report_maps_to_each_fact_with_file_line_and_field(root: Path) -> None:
    dead = [str(item) for item in dead_sources(root, report())]
    file = "data/frameworks/alpha.yml"
    expected = [
        (line_of(root, "source:", "license:"), "license.source", f"{LOCAL}/gone", "404 Not Found"),
        (line_of(root, "source:", "creators:"), "creators.source", f"{LOCAL}/moved", "404 Not Found"),
        (line_of(root, "source:", "first_release:"), "first_release.source", f"{LOCAL}/gone", "404 Not Found"),
        (line_of(root, "source:", "latest_release:"), "latest_release.source", f"{LOCAL}/broken#notes", "500"),
        (line_of(root, "source:", "python:"), "python.source", "https://localhost:8444/slow", "Timeout"),
        (
            line_of(root, "source:", "interfaces:"),
            "interfaces.source",
            "https://docs.retired-framework.dev/guide",
            "",
        ),
        (line_of(root, "source:", "notable_users:"), "notable_users[0].source", f"{LOCAL}/withdrawn", "410 Gone"),
    ]
    assert len(dead) == len(expected)
    by_field = {found.split(": ")[1]: found for found in dead}
    for line, field, url, status in expected:
        found = by_field[field]
        assert found.startswith(f"{file}:{line}: {field}: {url}: "), found
        assert status.lower() in found.lower(), found
    lines = [int(found.split(":")[1]) for found in dead]
    assert lines == sorted(lines), "listed in file order"


def test_answers_that_lychee_accepted_are_not_dead(root: Path) -> None:
    dead_urls = {item.citation.url for item in dead_sources(root, report())}
    assert not dead_urls & {f"{LOCAL}/private", f"{LOCAL}/busy", f"{LOCAL}/repo", "https://example.org/docs/page"}


def test_older_lychee_reports_use_fail_map(root: Path) -> None:
    old = {"fail_map": {"cited-urls.txt": [{"url": f"{LOCAL}/gone", "status": {"text": "404 Not Found", "code": 404}}]}}
    assert failures(old) == {f"{LOCAL}/gone": "404 Not Found"}
    assert [item.citation.field for item in dead_sources(root, old)] == ["license.source", "first_release.source"]


def test_history_sources_are_cited_too(root: Path) -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    path = root / "data" / "history" / "github-stars" / "alpha.yml"
    path.parent.mkdir(parents=True)
    path.write_text(
        "series:\n  - label: stats\n"
        f"    source: https://github.com/example/stats/blob/{sha}/data.csv\n"
        "    method: Counted.\n    points:\n      - {date: 2024-01-31, value: 1}\n",
        encoding="utf-8",
    )
    assert Citation(
        "data/history/github-stars/alpha.yml",
        3,
        5,
        "series[0].source",
        f"https://github.com/example/stats/blob/{sha}/data.csv",
    ) in citations(root)


def test_report_writes_an_issue_body_only_when_something_is_dead(root: Path, tmp_path: Path, capsys) -> None:
    body = tmp_path / "dead-sources.md"
    assert main(["report", str(FIXTURES / "lychee.json"), "--markdown", str(body)], root=root) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 7 and "7 cited source(s) did not answer" in err
    text = body.read_text(encoding="utf-8")
    assert text == markdown(dead_sources(root, report()))
    line = line_of(root, "source:", "license:").split(":")[0]
    where = f"- ` data/frameworks/alpha.yml:{line} ` ` license.source `"
    assert f"{where}: ` {LOCAL}/gone ` (` Rejected status code: 404 Not Found `)" in text

    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps({"error_map": {}, "timeout_map": {}}), encoding="utf-8")
    body.unlink()
    assert main(["report", str(clean), "--markdown", str(body)], root=root) == 0
    assert not body.exists()


def test_an_unreadable_report_fails(root: Path, tmp_path: Path, capsys) -> None:
    assert main(["report", str(tmp_path / "missing.json")], root=root) == 1
    assert "cannot read the lychee report" in capsys.readouterr().err


def test_the_real_data_cites_only_https_urls() -> None:
    found = citations(ROOT)
    assert found and all(citation.url.startswith("https://") for citation in found)
    assert any(citation.file.startswith("data/history/") for citation in found)
