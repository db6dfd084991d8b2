"""scripts/dead_sources.py against hostile input (issue 18): a malformed lychee report is one
clear error, the issue it writes keeps cited URLs and status texts inert, and lychee checks only
https URLs on public addresses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from macros.model import ROOT
from scripts.dead_sources import Citation, DeadSource, main, markdown

GOOD_ENTRY = {"url": "https://example.org/gone", "status": {"text": "404 Not Found", "code": 404}}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{", "Expecting property name"),
        ("", "Expecting value"),
        ("[" * 100_000, "recursion"),
        ("[]", "expected an object, got a list"),
        ('"report"', "expected an object, got text"),
        (json.dumps({"error_map": []}), "error_map: expected an object of lists, got a list"),
        (json.dumps({"error_map": {"urls.txt": {}}}), "error_map['urls.txt']: expected a list, got an object"),
        (json.dumps({"fail_map": {"urls.txt": ["https://a.example"]}}), "fail_map['urls.txt'][0]: expected an object"),
        (json.dumps({"error_map": {"urls.txt": [{"status": {}}]}}), "expected an object with a text 'url'"),
        (json.dumps({"error_map": {"urls.txt": [{"url": 5}]}}), "expected an object with a text 'url'"),
        (
            json.dumps({"timeout_map": {"urls.txt": [GOOD_ENTRY, {"url": "https://a.example", "status": "404"}]}}),
            "timeout_map['urls.txt'][1].status: expected an object, got text",
        ),
        (
            json.dumps({"error_map": {"urls.txt": [{"url": "https://a.example", "status": {"text": 404}}]}}),
            "error_map['urls.txt'][0].status.text: expected text, got a number",
        ),
    ],
    ids=lambda value: value[:30] if isinstance(value, str) else None,
)
def test_a_malformed_report_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, reason: str
) -> None:
    path = tmp_path / "lychee.json"
    path.write_text(text, encoding="utf-8")
    assert main(["report", str(path), "--markdown", str(tmp_path / "issue.md")], root=tmp_path) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1, err
    assert err.startswith(f"dead_sources.py: cannot read the lychee report {path}: ") and reason in err, err
    assert not (tmp_path / "issue.md").exists()


def test_a_malformed_report_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "lychee.json"
    path.write_text(json.dumps({"error_map": {"urls.txt": [{"url": None}]}}), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.dead_sources", "report", str(path)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr


HOSTILE_URL = "https://example.org/@octocat/#1?q=<img src=x onerror=alert(1)>&r=[x](javascript:alert(2))&s=`|`"
HOSTILE_STATUS = (
    "Rejected: <script>alert(3)</script>\n```\n# Heading\n"
    "@octocat fixes #2 ** [link](https://evil.example) ``` \x1b[31m"
)
HOSTILE_FIELD = "metrics.<b>x</b>.source"


def test_the_issue_body_shows_urls_and_statuses_as_inert_text() -> None:
    dead = [
        DeadSource(Citation("data/frameworks/alpha.yml", 12, 5, HOSTILE_FIELD, HOSTILE_URL), HOSTILE_STATUS),
        DeadSource(Citation("data/frameworks/alpha.yml", 20, 5, "license.source", "https://example.org/x"), "Timeout"),
    ]
    html = MarkdownIt("commonmark", {"html": True}).render(markdown(dead))
    soup = BeautifulSoup(html, "html.parser")
    assert {tag.name for tag in soup.find_all(True)} == {"p", "code", "ul", "li"}, html
    [first, second] = soup.find_all("li")
    shown_status = " ".join(HOSTILE_STATUS.replace("\x1b", " ").split())
    assert [code.get_text() for code in first.find_all("code")] == [
        "data/frameworks/alpha.yml:12",
        HOSTILE_FIELD,
        HOSTILE_URL,
        shown_status,
    ]
    # Outside the code spans only the list's own punctuation: no mention, issue reference or link.
    assert [text for text in first.find_all(string=True) if text.parent.name != "code"] == [" ", ": ", " (", ")"]
    assert [code.get_text() for code in second.find_all("code")][2:] == ["https://example.org/x", "Timeout"]


def test_lychee_checks_only_https_urls_on_public_addresses() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/links.yml").read_text(encoding="utf-8"))
    [command] = [step["run"] for step in workflow["jobs"]["check"]["steps"] if "bin/lychee " in step.get("run", "")]
    words = command.split()
    assert words[words.index("--scheme") + 1] == "https"
    assert "--exclude-all-private" in words
