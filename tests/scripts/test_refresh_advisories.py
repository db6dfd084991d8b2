"""scripts/refresh_advisories.py on recorded inputs (tests/fixtures/advisories/): a tiny git
repository made here from recorded OSV records, and recorded PyPI answers; then hostile variants
of each (markup, huge lists, bad dates, bad versions), which write nothing for their framework."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import valid_sheet

from macros.advisories import load_advisories
from macros.model import ROOT
from scripts import refresh_advisories
from scripts.refresh_advisories import (
    MAX_EVENTS,
    MAX_LISTED,
    MAX_REQUIREMENTS,
    Database,
    NotFound,
    main,
    read_records,
    refresh,
    short_text,
)
from scripts.refresh_figures import fixture_name

FIXTURES = ROOT / "tests" / "fixtures" / "advisories"
TODAY = dt.date(2026, 12, 7)
COMMITTED = "2024-10-10T17:35:05+00:00"
FLASK = "https://pypi.org/pypi/flask/json"
WERKZEUG = "https://pypi.org/pypi/werkzeug/json"
RECORDED: dict[str, Any] = {
    f"https://pypi.org/pypi/{name}/json": json.loads(
        (FIXTURES / fixture_name(f"https://pypi.org/pypi/{name}/json")).read_text()
    )
    for name in ("flask", "werkzeug", "importlib-metadata")
}


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED}
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repo, env=env, check=True, capture_output=True)


def database(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    """A git repository of the recorded records (and `extra` files), committed on 2024-10-10."""
    repo = tmp_path / "advisory-database"
    shutil.copytree(FIXTURES / "vulns", repo / "vulns")
    for path, text in (extra or {}).items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "vulns")
    git(repo, "commit", "-q", "-m", "records")
    return repo


def answering(responses: dict[str, Any], per_release: dict[str, Any] | None = None) -> Callable[..., Any]:
    """A fetch answering project URLs from `responses`; per-release URLs from `per_release`, else 404
    (as PyPI's per-release API answered where the fixtures were recorded)."""

    def fetch(url: str, headers: dict[str, str]) -> Any:
        if url in responses:
            return copy.deepcopy(responses[url])
        if per_release is not None and url in per_release:
            return copy.deepcopy(per_release[url])
        if url.count("/") == 6:  # https://pypi.org/pypi/<name>/<version>/json
            raise NotFound(url)
        raise OSError(f"no answer for {url}")

    return fetch


def project(tmp_path: Path, pins: str = "flask==3.1.3\n", **sheets: str) -> Path:
    """A project with fact sheets (slug -> PyPI package) and the pins."""
    root = tmp_path / "project"
    (root / "data" / "frameworks").mkdir(parents=True)
    (root / "data" / "samples").mkdir(parents=True)
    for slug, package in (sheets or {"flask": "flask"}).items():
        sheet = valid_sheet(slug, slug.capitalize())
        sheet["pypi"] = package
        (root / "data" / "frameworks" / f"{slug}.yml").write_text(yaml.safe_dump(sheet, sort_keys=False))
    (root / "data" / "samples" / "requirements.txt").write_text(pins)
    return root


def run(
    tmp_path: Path,
    responses: dict[str, Any] | None = None,
    per_release: dict[str, Any] | None = None,
    records: dict[str, str] | None = None,
    root: Path | None = None,
) -> tuple[list[str], list[str], Path]:
    root = root or project(tmp_path)
    db = Database(database(tmp_path, records))
    written, failures = refresh(root, db, answering(responses or RECORDED, per_release), TODAY)
    return written, failures, root


def written_record(root: Path, slug: str = "flask") -> dict[str, Any]:
    records, problems = load_advisories(root, [slug])
    assert problems == []
    return records[0].data.model_dump()


# ---------------------------------------------------------------------------
# Recorded inputs


def test_the_record_of_flask_from_recorded_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    written, failures, root = run(tmp_path)
    assert (written, failures) == (["data/advisories/flask.yml"], [])
    text = (root / "data/advisories/flask.yml").read_text(encoding="utf-8")
    assert text.startswith("# Security record of Flask, written by scripts/refresh_advisories.py")
    assert "PyPA Advisory Database (https://github.com/pypa/advisory-database), licensed CC BY 4.0" in text
    data = written_record(root)
    commit = data["source"].rsplit("/", 1)[1]
    assert data["source"] == f"https://github.com/pypa/advisory-database/tree/{commit}"
    assert (data["covers_until"], data["as_of"], data["version"]) == (dt.date(2024, 10, 10), TODAY, "3.1.3")
    # The per-release answer is 404 here; the project answer's newest release is the pin.
    assert data["requires_source"] == FLASK
    own, *dependencies = data["packages"]
    assert [item["name"] for item in dependencies] == ["importlib-metadata", "Werkzeug"]  # the extra is left out
    assert dependencies[0]["requires"] == ['importlib-metadata>=3.6.0; python_version < "3.10"']
    [flask] = own["advisories"]
    assert flask | {"affected": None} == {
        "id": "PYSEC-2023-62",
        "aliases": ["CVE-2023-30861", "GHSA-m2qf-hxjv-5gpq"],
        "summary": "When all of the following conditions are met, a response containing data intended for one "
        "client may be cached and subsequently sent by the proxy to other clients.",
        "severity": None,
        "affected": None,
        "fixed": ["2.2.5", "2.3.2"],
        "published": dt.date(2023, 5, 2),
        "fix_released": dt.date(2023, 5, 1),  # 2.3.2, uploaded the day before the advisory
        "days_to_fix": -1,
        "listed_for": [],
        "url": f"https://github.com/pypa/advisory-database/blob/{commit}/vulns/flask/PYSEC-2023-62.yaml",
    }
    assert [(item["introduced"], item["fixed"]) for item in flask["affected"]] == [("0", "2.2.5"), ("2.3.0", "2.3.2")]
    [werkzeug] = dependencies[1]["advisories"]
    assert werkzeug["severity"] == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"
    assert (werkzeug["published"], werkzeug["fix_released"], werkzeug["days_to_fix"]) == (
        dt.date(2023, 10, 25),
        dt.date(2023, 10, 24),
        -1,
    )
    assert [item["checked"] for item in data["packages"]] == [["3.1.3"], ["10.2.0"], ["3.1.9"]]
    assert "per-release answers are not available here (404)" in capsys.readouterr().err


def test_withdrawn_records_are_left_out(tmp_path: Path) -> None:
    db = Database(database(tmp_path))
    assert read_records(db, "aiohttp", TODAY) == []
    assert [item["id"] for item in read_records(db, "Werkzeug", TODAY)] == ["PYSEC-2023-221"]


def test_per_release_answers_add_what_pypi_lists_after_the_database(tmp_path: Path) -> None:
    listed = {
        "id": "GHSA-q34m-jh98-gwm2",
        "aliases": ["CVE-2025-47278"],
        "summary": None,
        "details": "Flask is a lightweight WSGI web application framework. In Flask 3.1.0, the way fallback key "
        "configuration was handled resulted in the last fallback key being used for signing.",
        "fixed_in": ["3.1.1"],
        "link": "https://osv.dev/vulnerability/GHSA-q34m-jh98-gwm2",
        "source": "osv",
        "withdrawn": None,
    }
    known = dict(listed, id="GHSA-m2qf-hxjv-5gpq", aliases=["PYSEC-2023-62"], fixed_in=["2.2.5", "2.3.2"])
    withdrawn = dict(listed, id="GHSA-xxxx-xxxx-xxxx", withdrawn="2025-06-01T00:00:00Z")
    responses = copy.deepcopy(RECORDED)
    responses[FLASK]["releases"]["3.1.1"] = [dict(responses[FLASK]["releases"]["3.1.0"][0])]
    responses[FLASK]["releases"]["3.1.1"][0]["upload_time_iso_8601"] = "2025-05-13T15:01:15Z"
    release = {"info": dict(RECORDED[FLASK]["info"], version="3.1.0"), "vulnerabilities": [listed, known, withdrawn]}
    pinned = {"info": RECORDED[FLASK]["info"], "vulnerabilities": []}
    per_release = {
        "https://pypi.org/pypi/flask/3.1.0/json": release,
        "https://pypi.org/pypi/flask/3.1.1/json": dict(
            release, info=dict(release["info"], version="3.1.1"), vulnerabilities=[]
        ),
        "https://pypi.org/pypi/flask/3.1.3/json": pinned,
        "https://pypi.org/pypi/werkzeug/3.1.3/json": {"info": {"version": "3.1.3"}, "vulnerabilities": []},
    }
    _, failures, root = run(tmp_path, responses, per_release)
    assert failures == [], failures
    data = written_record(root)
    assert data["requires_source"] == "https://pypi.org/pypi/flask/3.1.3/json"
    own = data["packages"][0]
    assert own["checked"] == ["3.1.0", "3.1.1", "3.1.3"]
    old, new = own["advisories"]
    assert old["id"] == "PYSEC-2023-62" and old["listed_for"] == ["3.1.0"]  # matched by alias
    assert new | {"summary": None} == {
        "id": "GHSA-q34m-jh98-gwm2",
        "aliases": ["CVE-2025-47278"],
        "summary": None,
        "severity": None,
        "affected": [],
        "fixed": ["3.1.1"],
        "published": None,
        "fix_released": dt.date(2025, 5, 13),
        "days_to_fix": None,
        "listed_for": ["3.1.0"],
        "url": "https://osv.dev/vulnerability/GHSA-q34m-jh98-gwm2",
    }
    assert new["summary"].startswith("In Flask 3.1.0, the way fallback key")
    assert data["packages"][2]["checked"] == ["3.1.3", "3.1.9"]


# ---------------------------------------------------------------------------
# Hostile inputs: text is kept as text within the limits; anything else writes nothing


def test_markup_and_invisible_characters_in_a_summary_stay_text_within_the_limit(tmp_path: Path) -> None:
    details = "<script>alert('x')</script> [link](javascript:alert(1)) {{ 7 * 7 }} TODO\u200b zero " + "word " * 80
    record = (FIXTURES / "vulns/flask/PYSEC-2023-62.yaml").read_text().replace("id: PYSEC-2023-62", "id: PYSEC-2023-99")
    record = record.replace("details: |-", f"summary: {json.dumps(details)}\ndetails: |-")
    _, failures, root = run(tmp_path, records={"vulns/flask/PYSEC-2023-99.yaml": record})
    assert failures == []
    summary = next(item for item in written_record(root)["packages"][0]["advisories"] if item["id"] == "PYSEC-2023-99")[
        "summary"
    ]
    assert summary.startswith("<script>alert('x')</script> [link](javascript:alert(1)) {{ 7 * 7 }} todo zero word")
    assert len(summary) <= 250 and summary.endswith("\u2026") and "\u200b" not in summary


def test_short_text_keeps_whole_sentences_and_drops_an_introduction() -> None:
    assert short_text("Werkzeug is a library. It breaks.", package="werkzeug") == "It breaks."
    assert short_text("Werkzeug is a library.", package="werkzeug") == "Werkzeug is a library."
    long = "Werkzeug is a library. " + "It breaks badly. " * 20
    assert short_text(long, package="werkzeug") == " ".join(["It breaks badly."] * 14)  # 237 characters; 15 are 254
    assert short_text("x" * 300).endswith("\u2026") and len(short_text("x" * 300)) <= 250


def hostile_record(old: str, new: str, path: str = "vulns/werkzeug/PYSEC-2023-221.yaml") -> dict[str, str]:
    text = (FIXTURES / path).read_text(encoding="utf-8")
    assert old in text, old
    return {path: text.replace(old, new)}


@pytest.mark.parametrize(
    ("records", "words"),
    [
        (hostile_record("id: PYSEC-2023-221", "id: <b>PYSEC</b>"), "is not an advisory id"),
        (hostile_record("- CVE-2023-46136", "- CVE-2023-46136<img src=x>"), "is not an advisory id"),
        (hostile_record("- CVE-2023-46136", "\n".join(f"- CVE-2023-{n}" for n in range(11))), "at most 10 ids"),
        (hostile_record("    - fixed: 2.3.8", "    - fixed: 2.3.8<script>"), "must be a version"),
        (hostile_record("    - fixed: 2.3.8", "    - fixed: latest"), "not a PEP 440 version"),
        (hostile_record("    - introduced: 3.0.0", "    - introduced: 3..0"), "not a PEP 440 version"),
        (hostile_record("    - introduced: 3.0.0", "\n".join(["    - introduced: 3.0.0"] * MAX_EVENTS)), "events"),
        (hostile_record("published: '2023-10-25T18:17:00Z'", "published: yesterday"), "is not a date"),
        (hostile_record("published: '2023-10-25T18:17:00Z'", "published: '2025-01-01T00:00:00Z'"), "outside"),
        (hostile_record("published: '2023-10-25T18:17:00Z'", "published: 20231025"), "expected a date"),
        (hostile_record("score: CVSS:3.1/AV:N", "score: <svg onload=alert(1)>CVSS:3.1/AV:N"), "CVSS"),
        (hostile_record("aliases:", "anchor: &a [1]\nother: *a\naliases:"), "anchors"),
        (hostile_record("id: PYSEC-2023-221", "id: PYSEC-2023-221\npadding: '" + "x" * 210_000 + "'"), "bytes"),
    ],
)
def test_a_hostile_record_writes_nothing_for_its_framework(tmp_path: Path, records: dict[str, str], words: str) -> None:
    written, failures, root = run(tmp_path, records=records)
    assert written == [] and len(failures) == 1, failures
    assert failures[0].startswith("flask: nothing written: BadInput:") and words in failures[0], failures[0]
    assert not (root / "data/advisories/flask.yml").exists()


def hostile_answer(change: Callable[[dict[str, Any]], None], url: str = FLASK) -> dict[str, Any]:
    responses = copy.deepcopy(RECORDED)
    change(responses[url])
    return responses


VULNERABILITY = {
    "id": "GHSA-q34m-jh98-gwm2",
    "aliases": [],
    "summary": "s",
    "details": "d",
    "fixed_in": ["3.1.1"],
    "link": "https://osv.dev/vulnerability/GHSA-q34m-jh98-gwm2",
    "withdrawn": None,
}


@pytest.mark.parametrize(
    ("responses", "words"),
    [
        (hostile_answer(lambda answer: answer["info"].update(version="3.1.3<script>")), "must be a version"),
        (hostile_answer(lambda answer: answer["info"].update(requires_dist=["werkzeug>=<b>"])), "not a requirement"),
        (
            hostile_answer(lambda answer: answer["info"].update(requires_dist=["werkzeug"] * (MAX_REQUIREMENTS + 1))),
            "requires_dist must be a list",
        ),
        (
            hostile_answer(lambda answer: answer.update(vulnerabilities=[VULNERABILITY] * (MAX_LISTED + 1))),
            "vulnerabilities: expected a list",
        ),
        (
            hostile_answer(lambda answer: answer.update(vulnerabilities=[dict(VULNERABILITY, id="<i>x</i>")])),
            "is not an advisory id",
        ),
        (
            hostile_answer(lambda answer: answer.update(vulnerabilities=[dict(VULNERABILITY, link="javascript:x")])),
            "is not an https URL",
        ),
        (
            hostile_answer(lambda answer: answer.update(vulnerabilities=[dict(VULNERABILITY, fixed_in=["3.1.1 "])])),
            "must be a version",
        ),
        (
            hostile_answer(
                lambda answer: answer["releases"]["3.1.3"][0].update(upload_time_iso_8601="2031-01-01T00:00:00Z")
            ),
            "outside",
        ),
        (hostile_answer(lambda answer: answer["info"].update(name="Evil")), "not the package"),
    ],
)
def test_a_hostile_pypi_answer_writes_nothing_for_its_framework(tmp_path: Path, responses: dict, words: str) -> None:
    written, failures, root = run(tmp_path, responses)
    assert written == [] and len(failures) == 1 and words in failures[0], failures
    assert not (root / "data/advisories").exists()


def test_withdrawn_and_markup_summaries_in_a_pypi_list(tmp_path: Path) -> None:
    listed = [
        dict(VULNERABILITY, summary="<img src=x onerror=alert(1)> breaks", id="GHSA-aaaa-bbbb-cccc"),
        dict(VULNERABILITY, withdrawn="2026-01-01T00:00:00Z"),
    ]
    _, failures, root = run(tmp_path, hostile_answer(lambda answer: answer.update(vulnerabilities=listed)))
    assert failures == []
    own = written_record(root)["packages"][0]
    assert [(item["id"], item["summary"], item["listed_for"]) for item in own["advisories"][1:]] == [
        ("GHSA-aaaa-bbbb-cccc", "<img src=x onerror=alert(1)> breaks", ["3.1.3"])
    ]


def test_a_pin_that_is_not_the_newest_needs_the_per_release_answer(tmp_path: Path) -> None:
    root = project(tmp_path, pins="flask==3.1.0\n")
    written, failures, _ = run(tmp_path, root=root)
    assert written == [] and "answered 404 and the newest release is 3.1.3, not the pinned 3.1.0" in failures[0]


def test_one_bad_framework_does_not_cost_the_others_theirs(tmp_path: Path) -> None:
    root = project(tmp_path, pins="flask==3.1.3\nevil==1.0\n", flask="flask", evil="evil")
    written, failures, _ = run(tmp_path, root=root)
    assert written == ["data/advisories/flask.yml"]
    assert len(failures) == 1 and failures[0].startswith("evil: nothing written: OSError: no answer for")


def test_main_refuses_a_folder_that_is_not_a_clone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    assert main(["--database", str(tmp_path / "nothing")], fetch=answering(RECORDED), root=root) == 1
    err = capsys.readouterr().err
    assert err.startswith("refresh_advisories.py: git rev-parse in") and "Traceback" not in err
    assert main(["--database", str(database(tmp_path))], fetch=answering(RECORDED), root=root) == 0
    assert "wrote data/advisories/flask.yml" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--database", str(tmp_path), "nosuch"], fetch=answering(RECORDED), root=root)
    assert refresh_advisories.METHOD and len(refresh_advisories.METHOD) <= 500
