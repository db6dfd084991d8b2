"""scripts/refresh_figures.py on recorded API responses (tests/fixtures/refresh/), in a throw-away project."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import shutil
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from factories import valid_sheet

from macros.collections import load_dataset
from macros.history import load_history, read_entries
from macros.model import ROOT
from scripts import refresh_figures
from scripts.refresh_figures import fixture_name, main, refresh, replay

FIXTURES = ROOT / "tests" / "fixtures" / "refresh"
OCTOBER = dt.date(2026, 10, 5)
COMMENT = "# a maintainer's comment, which the refresh keeps\n"


def sheet_text(slug: str, name: str, repository: str, latest: tuple[str, str]) -> str:
    sheet = valid_sheet(slug, name)
    sheet["repository"] = repository
    sheet["tracking"] = {"stackoverflow": {"tag": "falconframework" if slug == "falcon" else slug}}
    sheet["latest_release"].update(version=latest[0], date=latest[1])
    sheet["metrics"]["python-lines"] = {
        "value": 7000,
        "method": "scripts/repo_figures.py",
        "source": "https://example.org/docs/page",
        "as_of": "2026-01-15",
    }
    text = yaml.safe_dump(sheet, sort_keys=False, allow_unicode=True)
    return text.replace("\nmetrics:\n", f"\n{COMMENT}metrics:\n")


@pytest.fixture
def root(project) -> Path:
    root = project(
        {
            "falcon": sheet_text("falcon", "Falcon", "https://github.com/falconry/falcon", ("4.3.1", "2026-06-16")),
            "flask": sheet_text("flask", "Flask", "https://github.com/pallets/flask", ("3.1", "2026-01-10")),
        }
    )
    # As scripts/refresh_releases.py leaves it before this refresh: Falcon's history has 4.4.0.
    history = root / "data" / "releases" / "falcon.yml"
    history.write_text(
        history.read_text(encoding="utf-8") + "  - {version: '4.4.0', date: 2026-09-30}\n", encoding="utf-8"
    )
    return root


def metrics(root: Path, slug: str) -> dict[str, Any]:
    return yaml.safe_load((root / "data" / "frameworks" / f"{slug}.yml").read_text(encoding="utf-8"))["metrics"]


def history(root: Path, metric: str, slug: str) -> list[Any]:
    return read_entries(root / "data" / "history" / metric / f"{slug}.yml", root)


def test_figures_go_into_the_metrics_blocks_with_date_method_and_source(root: Path) -> None:
    report = refresh(root, replay(FIXTURES), OCTOBER)
    assert report.failures == []
    flask = metrics(root, "flask")
    assert list(flask) == ["github-stars", "python-lines", "stackoverflow-questions", "pypi-downloads-month"]
    assert flask["github-stars"] == {
        "value": 72481,
        "method": "GitHub REST API GET /repos/pallets/flask, field stargazers_count (the count the repository page "
        "shows), read by scripts/refresh_figures.py on the as-of date.",
        "source": "https://github.com/pallets/flask",
        "as_of": OCTOBER,
    }
    assert flask["python-lines"]["value"] == 7000, "other metrics stay as written"
    assert flask["stackoverflow-questions"]["value"] == 56342
    assert flask["stackoverflow-questions"]["source"] == "https://stackoverflow.com/questions/tagged/flask"
    assert flask["pypi-downloads-month"]["value"] == 196845120
    assert "not users" in flask["pypi-downloads-month"]["method"]
    falcon = metrics(root, "falcon")
    assert falcon["stackoverflow-questions"]["value"] == 203
    assert "[falconframework]" in falcon["stackoverflow-questions"]["method"]
    text = (root / "data" / "frameworks" / "flask.yml").read_text(encoding="utf-8")
    assert COMMENT in text
    load_dataset(root)  # the result validates


def test_a_newer_pypi_release_replaces_latest_release(root: Path) -> None:
    refresh(root, replay(FIXTURES), OCTOBER)
    falcon = {item.slug: item for item in load_dataset(root).frameworks}["falcon"].latest_release
    assert (falcon.version, falcon.date, falcon.source, falcon.as_of) == (
        "4.4.0",
        dt.date(2026, 9, 30),
        "https://pypi.org/project/falcon/4.4.0/",
        OCTOBER,
    )
    flask = {item.slug: item for item in load_dataset(root).frameworks}["flask"].latest_release
    assert (flask.version, flask.as_of) == ("3.1", dt.date(2026, 1, 15)), "same version: left as written"


def test_history_gets_one_point_a_month_per_series(root: Path) -> None:
    refresh(root, replay(FIXTURES), OCTOBER)
    [series] = history(root, "github-stars", "flask")
    assert (series.label, series.source) == ("GitHub API", "https://api.github.com/repos/pallets/flask")
    assert [(point.date, point.value) for point in series.points] == [(OCTOBER, 72481)]
    before = (root / "data" / "history" / "github-stars" / "flask.yml").read_text(encoding="utf-8")

    refresh(root, replay(FIXTURES), dt.date(2026, 10, 20))
    assert (root / "data" / "history" / "github-stars" / "flask.yml").read_text(encoding="utf-8") == before
    assert metrics(root, "flask")["github-stars"]["as_of"] == dt.date(2026, 10, 20), "the sheet still moves on"

    refresh(root, replay(FIXTURES), dt.date(2026, 11, 2))
    [series] = history(root, "github-stars", "flask")
    assert [point.date for point in series.points] == [OCTOBER, dt.date(2026, 11, 2)]
    metric_ids = ["github-stars", "stackoverflow-questions", "pypi-downloads-month"]
    found, problems = load_history(root, ["falcon", "flask"], metric_ids)
    assert problems == [] and len(found) == 6


def test_a_changed_method_starts_a_new_series_marked_as_a_break(root: Path) -> None:
    path = root / "data" / "history" / "stackoverflow-questions" / "falcon.yml"
    path.parent.mkdir(parents=True)
    sha = "0123456789abcdef0123456789abcdef01234567"
    path.write_text(
        "series:\n"
        "  - label: web-framework-rank\n"
        f"    source: https://github.com/tbicr/web-framework-rank/blob/{sha}/data.csv\n"
        "    method: Counted weekly by another project.\n"
        "    points:\n"
        "      - {date: 2024-10-06, value: 200}\n"
        "  - label: Stack Exchange API\n"
        "    source: https://api.stackexchange.com/2.3/tags/falconframework/info?site=stackoverflow\n"
        "    method: Read an older way.\n"
        "    points:\n"
        "      - {date: 2026-09-01, value: 199}\n",
        encoding="utf-8",
    )
    refresh(root, replay(FIXTURES), OCTOBER)
    archived, old, new = history(root, "stackoverflow-questions", "falcon")
    assert (archived.label, archived.points[0].value) == ("web-framework-rank", 200), "kept as it was"
    assert old.method == "Read an older way." and len(old.points) == 1
    assert new.break_ and new.method.startswith("Stack Exchange API 2.3 GET /tags/falconframework/info")
    assert [(point.date, point.value) for point in new.points] == [(OCTOBER, 203)]


def test_a_figure_no_api_gives_keeps_its_old_value(root: Path, tmp_path: Path) -> None:
    responses = tmp_path / "responses"
    shutil.copytree(FIXTURES, responses)
    (responses / "pypistats.org_api_packages_falcon_recent.json").unlink()
    report = refresh(root, replay(responses), OCTOBER)
    assert report.failures == [
        "falcon: pypi-downloads-month: OSError: no recorded response for "
        "https://pypistats.org/api/packages/falcon/recent (pypistats.org_api_packages_falcon_recent.json)"
    ]
    assert "pypi-downloads-month" not in metrics(root, "falcon")
    assert metrics(root, "falcon")["github-stars"]["value"] == 9812
    assert not (root / "data" / "history" / "pypi-downloads-month" / "falcon.yml").exists()


def test_a_result_that_would_not_validate_is_not_written_and_the_others_are(root: Path, tmp_path: Path) -> None:
    responses = tmp_path / "responses"
    shutil.copytree(FIXTURES, responses)
    release = responses / "pypi.org_pypi_falcon_json.json"
    data = json.loads(release.read_text(encoding="utf-8"))
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    for item in data["urls"]:
        item["upload_time_iso_8601"] = f"{tomorrow}T10:00:00.000000Z"
    release.write_text(json.dumps(data), encoding="utf-8")
    falcon = {path: path.read_text(encoding="utf-8") for path in (root / "data").rglob("falcon.yml")}
    report = refresh(root, replay(responses), OCTOBER)
    [failure] = [line for line in report.failures if "nothing written" in line]
    assert failure.startswith("falcon: nothing written: DataError:") and "is in the future" in failure
    assert {path: path.read_text(encoding="utf-8") for path in falcon} == falcon
    assert not list((root / "data" / "history").rglob("falcon.yml"))
    assert "data/frameworks/flask.yml" in report.written, "one framework's failure does not cost the others"


def test_an_out_of_range_count_writes_nothing_for_that_framework(root: Path, tmp_path: Path) -> None:
    responses = tmp_path / "responses"
    shutil.copytree(FIXTURES, responses)
    for path in responses.glob("api.github.com_repos_*"):
        path.write_text(json.dumps({"stargazers_count": 10**13}), encoding="utf-8")
    report = refresh(root, replay(responses), OCTOBER)
    assert any(line.startswith("falcon: github-stars: LookupError: expected a count") for line in report.failures)
    assert "github-stars" not in str(report.written)


def test_main_reports_what_it_wrote(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--only", "flask"], fetch=replay(FIXTURES), root=root) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "wrote data/frameworks/flask.yml",
        "wrote data/history/github-stars/flask.yml",
        "wrote data/history/pypi-downloads-month/flask.yml",
        "wrote data/history/stackoverflow-questions/flask.yml",
    ]
    assert "stackoverflow-questions" not in metrics(root, "falcon"), "--only leaves the others alone"


def test_main_without_network_writes_nothing_and_exits_2(root: Path, tmp_path: Path, capsys) -> None:
    assert main([], fetch=replay(tmp_path / "nothing-recorded"), root=root) == 2
    err = capsys.readouterr().err
    assert "not refreshed: flask: github-stars: OSError" in err
    assert "no figure could be read" in err


def test_record_saves_responses_under_their_fixture_names(root: Path, tmp_path: Path) -> None:
    recorded = tmp_path / "recorded"
    assert main(["--only", "flask", "--record", str(recorded)], fetch=replay(FIXTURES), root=root) == 0
    names = sorted(path.name for path in recorded.iterdir())
    assert names == sorted(path.name for path in FIXTURES.glob("*flask*"))
    for name in names:
        assert json.loads((recorded / name).read_text()) == json.loads((FIXTURES / name).read_text())


def test_fixture_names() -> None:
    assert fixture_name("https://api.stackexchange.com/2.3/tags/flask/info?site=stackoverflow") == (
        "api.stackexchange.com_2.3_tags_flask_info_site_stackoverflow.json"
    )


def test_fetch_json_reads_gzip_and_sends_the_token_only_where_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Stack Exchange API compresses every answer; the live network is never used."""
    requests = []

    class Response(io.BytesIO):
        headers: ClassVar[dict[str, str]] = {"Content-Encoding": "gzip"}

        def __enter__(self) -> Response:
            return self

        def __exit__(self, *args: object) -> None:
            pass

    def urlopen(request: Any, timeout: float) -> Response:
        requests.append((request.full_url, dict(request.header_items()), timeout))
        return Response(gzip.compress(b'{"items": [{"count": 5}]}'))

    monkeypatch.setattr(refresh_figures.urllib.request, "urlopen", urlopen)
    assert refresh_figures.fetch_json("https://api.stackexchange.com/2.3/tags/x/info", {}) == {"items": [{"count": 5}]}
    [(url, headers, timeout)] = requests
    assert url == "https://api.stackexchange.com/2.3/tags/x/info"
    assert headers["Accept-encoding"] == "gzip" and "Authorization" not in headers and timeout == 30
