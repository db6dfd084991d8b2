"""scripts/bench_frameworks.py: the quick mode serves real samples under real servers and loads
them with wrk (so it needs wrk: scripts/test installs it), and the file it writes validates."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.benchmarks import load_benchmark_file
from macros.collections import load_dataset
from macros.model import ROOT
from scripts import bench_apps, bench_frameworks

# tests/samples/contract.py, as the harness loads it: the requests every sample answers.
contract = bench_frameworks.contract()


def run_bench(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts.bench_frameworks", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


def test_quick_run_measures_flask_against_the_bare_wsgi_app(tmp_path: Path) -> None:
    if shutil.which("wrk") is None:
        pytest.fail("wrk is not installed: run `apt-get install wrk` (scripts/test installs it when missing)")
    output = tmp_path / "quick.yml"
    result = run_bench("--quick", "flask", "--output", str(output))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Whole run:" in result.stdout

    run, problems = load_benchmark_file(output, tmp_path, published=False, frameworks=["flask"])
    assert problems == []
    assert run is not None
    servers = {"gunicorn-sync", "gunicorn-gthread"}
    samples = {"json_endpoint", "html_template", "fortunes"}
    assert {(item.app, item.server, item.sample) for item in run.baselines} == {
        ("bare-wsgi", server, sample) for server in servers for sample in samples
    }
    assert {(item.framework, item.server, item.sample) for item in run.results} == {
        ("flask", server, sample) for server in servers for sample in samples
    }
    assert run.skipped == []
    for item in run.results:
        assert item.requests_per_second.median > 0
        assert item.ratio.median > 0
        assert 0 < item.latency_ms.p50 <= item.latency_ms.p99
        assert item.command.startswith(f"taskset -c {bench_frameworks.SERVER_CPU} ")
        assert item.load_command.startswith(f"taskset -c {bench_frameworks.CLIENT_CPU} wrk ")
        assert "127.0.0.1:" in item.load_command
        # Start-up and the worker's memory, at rest and after the load, in every run.
        for measurement in item.runs:
            assert measurement.startup_ms and 0 < measurement.startup_ms < 30_000
            assert measurement.memory_idle_mib and measurement.memory_end_mib
            assert 5 < measurement.memory_idle_mib <= measurement.memory_end_mib * 1.5 < 2000
            assert measurement.others_share is not None and measurement.attempts
        assert item.startup_ms and item.memory_end_mib
    assert run.load.busy_share is None  # a quick run keeps every run: it proves the harness works
    # Each server says which bare app its results are divided by; the pages state it from there.
    assert {(server.id, server.baseline, server.baseline_server) for server in run.servers} == {
        (server, "bare-wsgi", server) for server in servers
    }
    flask = next(framework for framework in load_dataset(ROOT).frameworks if framework.slug == "flask")
    pinned = load_dataset(ROOT).sample_version(flask)
    assert {item.framework_version for item in run.results} == {pinned}
    assert run.load.runs == 1
    assert run.duration_seconds < 120
    # The recorded command reproduces the run; where its file went is no setting of it.
    assert run.command.endswith("-m scripts.bench_frameworks --quick flask")

    # A second session (here the first with other figures) merges into one file of two rounds.
    # Its ratios are recomputed from the changed figures, as the script computes them: scaling a
    # rounded ratio would drift past the validator's tolerance.
    second = yaml.safe_load(output.read_text(encoding="utf-8"))
    baseline_means = {
        (entry["app"], entry["server"], entry["sample"], run["round"]): statistics.mean(
            other["requests_per_cpu_second"] for other in entry["runs"] if other["round"] == run["round"]
        )
        for entry in second["baselines"]
        for run in entry["runs"]
    }
    for entry in second["results"]:
        for item in entry["runs"]:
            item["requests_per_cpu_second"] = round(item["requests_per_cpu_second"] * 1.5, 1)
            mean = baseline_means[(entry["baseline"], entry["baseline_server"], entry["sample"], item["round"])]
            item["ratio"] = round(item["requests_per_cpu_second"] / mean, 3)
    later = tmp_path / "later.yml"
    later.write_text(yaml.safe_dump(second, sort_keys=False), encoding="utf-8")
    merged_path = tmp_path / "merged.yml"
    merged = run_bench("--merge", str(output), str(later), "--output", str(merged_path))
    assert merged.returncode == 0, merged.stderr[-3000:]
    both, problems = load_benchmark_file(merged_path, tmp_path, published=False, frameworks=["flask"])
    assert problems == [] and both is not None
    assert both.load.runs == 2 and "2 rounds in 2 sessions" in both.method
    for item in both.results:
        [before] = [r for r in run.results if (r.server, r.sample) == (item.server, item.sample)]
        assert item.ratio.min == before.ratio.median
        [later_entry] = [e for e in second["results"] if (e["server"], e["sample"]) == (item.server, item.sample)]
        assert item.ratio.max == later_entry["runs"][0]["ratio"] > before.ratio.median
    second["packages"]["flask"] = "0.0"
    later.write_text(yaml.safe_dump(second, sort_keys=False), encoding="utf-8")
    refused = run_bench("--merge", str(output), str(later), "--output", str(merged_path))
    assert refused.returncode == 1 and "only like runs merge" in refused.stderr


def test_missing_wrk_fails_with_what_to_do(tmp_path: Path) -> None:
    result = run_bench("--quick", "flask", env={**os.environ, "PATH": str(tmp_path)})
    assert result.returncode == 1
    assert "wrk is not installed: run `apt-get install wrk`" in result.stderr


def test_unknown_framework_is_refused() -> None:
    result = run_bench("--quick", "nosuch")
    assert result.returncode == 1
    assert "unknown framework(s) nosuch" in result.stderr


def test_every_framework_is_served_as_its_sheet_says() -> None:
    setup = bench_frameworks.setups()
    assert setup["django"].app == "application" and setup["flask"].app == "app"
    configs = bench_frameworks.plan(["django", "quart"], setup)
    assert {(config.framework, config.server.id) for config in configs if config.framework} == {
        ("django", "gunicorn-sync"),
        ("django", "gunicorn-gthread"),
        ("quart", "hypercorn"),
        ("quart", "uvicorn"),
        ("quart", "granian"),
    }
    assert {config.attribute for config in configs if config.framework == "django"} == {"application"}


def test_rounds_rotate_and_frame_each_group_with_its_baselines() -> None:
    setup = bench_frameworks.setups()
    configs = bench_frameworks.plan(sorted(setup), setup)
    runs = bench_frameworks.RUNS
    orders = [bench_frameworks.schedule(configs, index, runs) for index in range(runs)]
    for order in orders:
        for config in configs:
            assert order.count(config) == (1 if config.framework else 2), config.label
        # each group is contiguous, starting and ending with its baselines
        groups = [config.group for config in order]
        assert [group for index, group in enumerate(groups) if index == 0 or groups[index - 1] != group] == list(
            dict.fromkeys(groups)
        )
        assert order[0].framework is None and order[-1].framework is None
    assert len({order[0].group for order in orders}) > 1, "groups do not rotate"
    flask = next(config for config in configs if config.framework == "flask")
    assert len({order.index(flask) for order in orders}) > 1, "configurations do not rotate"


def test_own_servers_are_compared_with_the_asgi_baseline_on_uvicorn() -> None:
    configs = bench_frameworks.plan(["tornado"], bench_frameworks.setups())
    [*results] = [config for config in configs if config.framework]
    assert {config.group for config in configs} == {"uvicorn"}
    assert {config.app for config in results} == {"bare-asgi"}


def wsgi_get(path: str) -> tuple[str, dict[str, str], bytes]:
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        answer.update(status=status, headers=dict(headers))

    body = b"".join(bench_apps.wsgi({"PATH_INFO": path}, start_response))
    return answer["status"], answer["headers"], body


def asgi_get(path: str) -> tuple[int, dict[bytes, bytes], bytes]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    # In a thread of its own: once a browser test has run, Playwright's event loop runs in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, bench_apps.asgi({"type": "http", "path": path}, receive, send)).result()
    return sent[0]["status"], dict(sent[0]["headers"]), sent[1]["body"]


def test_bare_wsgi_app_answers_the_contract() -> None:
    status, headers, body = wsgi_get(contract.ITEM_PATH)
    assert status == "200 OK" and headers["Content-Type"] == "application/json"
    assert json.loads(body) == contract.ITEM_JSON
    status, headers, body = wsgi_get("/hello/World")
    assert headers["Content-Type"].startswith("text/html") and contract.GREETING_HTML in body.decode()
    # A WSGI server percent-decodes the path into PATH_INFO: /hello/%3Cb%3E arrives as /hello/<b>.
    assert contract.ESCAPED_HTML in wsgi_get("/hello/<b>")[2].decode()
    assert wsgi_get(contract.BAD_ITEM_PATH)[0] == "404 Not Found"


def test_bare_asgi_app_answers_the_contract() -> None:
    status, headers, body = asgi_get(contract.ITEM_PATH)
    assert status == 200 and headers[b"content-type"] == b"application/json"
    assert json.loads(body) == contract.ITEM_JSON
    status, _, body = asgi_get("/hello/<b>")
    assert status == 200 and contract.ESCAPED_HTML in body.decode() and "<b>" not in body.decode()
    assert asgi_get(contract.BAD_ITEM_PATH)[0] == 404


def test_bare_wsgi_app_serves_fortunes_from_the_database(fortunes_database: dict[str, str]) -> None:
    status, headers, body = wsgi_get(contract.FORTUNES_PATH)
    assert status == "200 OK" and headers["Content-Type"].startswith("text/html")
    assert contract.fortune_rows(body.decode()) == contract.expected_fortunes()


def test_bare_asgi_app_serves_fortunes_from_the_database(fortunes_database: dict[str, str]) -> None:
    """Its pool opens at lifespan start-up, serves the request, and closes at shutdown."""

    async def start_request_stop() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        lifespan_messages: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        lifespan_sent: list[dict[str, Any]] = []
        response: list[dict[str, Any]] = []

        async def send_lifespan(message: dict[str, Any]) -> None:
            lifespan_sent.append(message)

        async def send_response(message: dict[str, Any]) -> None:
            response.append(message)

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        lifespan_messages.put_nowait({"type": "lifespan.startup"})
        lifespan = asyncio.create_task(bench_apps.asgi({"type": "lifespan"}, lifespan_messages.get, send_lifespan))
        while not lifespan_sent:
            await asyncio.sleep(0.01)
        await bench_apps.asgi({"type": "http", "path": contract.FORTUNES_PATH}, receive, send_response)
        lifespan_messages.put_nowait({"type": "lifespan.shutdown"})
        await lifespan
        return lifespan_sent, response

    with ThreadPoolExecutor(1) as pool:
        lifespan_sent, response = pool.submit(asyncio.run, start_request_stop()).result()
    assert [message["type"] for message in lifespan_sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert response[0]["status"] == 200
    assert contract.fortune_rows(response[1]["body"].decode()) == contract.expected_fortunes()


@pytest.mark.parametrize(
    ("others_shares", "attempts", "dropped"),
    [([0.02], 1, False), ([0.5, 0.05], 2, False), ([0.5, 0.4, 0.3], None, True)],
)
def test_busy_runs_are_measured_again_then_dropped(
    monkeypatch: pytest.MonkeyPatch, others_shares: list[float], attempts: int | None, dropped: bool
) -> None:
    """A run during which other work took more than BUSY_SHARE of the server's core is not kept:
    it is measured again, up to BUSY_RETRIES times, then the round is listed as dropped."""
    [config] = [c for c in bench_frameworks.plan(["flask"], bench_frameworks.setups()) if c.framework][:1]
    shares = iter(others_shares)
    monkeypatch.setattr(
        bench_frameworks, "measure_once", lambda *_: {"round": 3, "others_share": next(shares), "cpu_seconds": 1.0}
    )
    bench_frameworks.measure(config, bench_frameworks.Settings(), 3)
    assert next(shares, None) is None, "measured a different number of times"
    if dropped:
        assert config.runs == []
        assert config.dropped == [{"round": 3, "attempts": 3, "others_share": 0.3, "reason": "busy"}]
    else:
        assert config.dropped == [] and [run["attempts"] for run in config.runs] == [attempts]


def test_the_published_run_divides_by_the_baselines_the_script_uses_now() -> None:
    """The pages state each server's baseline from the latest run; a change to the script's
    baselines must come with a new run, or the pages would describe another method."""
    latest = load_dataset(ROOT).benchmarks[-1]
    for server in latest.servers:
        script = bench_frameworks.SERVERS[server.id]
        assert server.baseline_server == script.baseline_server, server.id
        assert (
            server.baseline
            == bench_frameworks.BASELINE_APPS[bench_frameworks.SERVERS[script.baseline_server].interface][0]
        )
