"""scripts/measure_footprint.py: one real, small measurement (Bottle, which has no dependencies,
installed from PyPI, so it needs the network), and the parts that read what pip and pyright leave."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros.footprint import load_footprint_file, method_text
from macros.model import ROOT
from scripts import measure_footprint
from scripts.measure_footprint import (
    MeasureError,
    clean_environment,
    module_of,
    read_verifytypes,
    sample_imports,
    top_level_names,
)

FIXTURES = ROOT / "tests" / "fixtures" / "footprint"
FLASK_SITE = Path("/tmp/fpf/lib/python3.13/site-packages")  # where the recorded answers were made
BOTTLE_SITE = Path("/tmp/fpt/lib/python3.13/site-packages")


def recorded(name: str) -> dict:
    return json.loads((FIXTURES / f"pyright-verifytypes-{name}.json").read_text(encoding="utf-8"))


def test_bottle_with_pyright_in_seconds_writes_a_file_that_validates(tmp_path: Path) -> None:
    output = tmp_path / "footprint.yml"
    result = subprocess.run(
        [sys.executable, "-m", "scripts.measure_footprint", "--only", "bottle", "--runs", "3", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Whole run:" in result.stdout and "bottle" in result.stdout
    run, problems = load_footprint_file(output, tmp_path, published=False, frameworks=["bottle"])
    assert problems == [] and run is not None
    assert run.method == method_text(run.machine.python, run.platform, run.pip, 3, run.pyright)
    assert run.pyright == measure_footprint.PYRIGHT_VERSION
    [entry] = run.frameworks
    pin = next(line for line in (ROOT / "data/samples/requirements.txt").read_text().splitlines() if "bottle==" in line)
    assert entry.distributions == {"bottle": pin.split("==")[1]}, "no dependencies, and pip is not counted"
    assert (entry.module, entry.imports) == ("bottle", "from bottle import Bottle")
    assert entry.installed_bytes > 100_000
    assert entry.wall_time.import_ms > 0 and entry.cpu_time.baseline_ms > 0
    assert not entry.py_typed and entry.completeness is None
    assert entry.pyright_message == "No py.typed file found"
    assert entry.commands.install.startswith("PIP_CONFIG_FILE=/dev/null $VENV/bin/python -m pip install --isolated")
    assert entry.commands.install.endswith(f"--no-cache-dir --disable-pip-version-check bottle=={entry.version}")
    assert entry.commands.import_module == "$VENV/bin/python -I -c 'from bottle import Bottle'"
    assert run.venv_command.endswith(" -m venv $VENV") and "3.13" in run.machine.python


def test_unknown_frameworks_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert measure_footprint.main(["--only", "flaks", "--no-pyright"]) == 1
    assert "unknown framework(s) flaks; expected: aiohttp, blacksheep, bottle," in capsys.readouterr().err


# ---------------------------------------------------------------------------
# What pyright answers


def test_a_typed_package_gets_pyrights_score_and_counts() -> None:
    assert read_verifytypes(recorded("flask"), FLASK_SITE) == {
        "completeness": 0.6185,
        "symbols": {"known": 368, "ambiguous": 59, "unknown": 168},
        "pyright_message": None,
    }


def test_an_untyped_package_gets_pyrights_reason() -> None:
    assert read_verifytypes(recorded("bottle"), BOTTLE_SITE) == {
        "completeness": None,
        "symbols": None,
        "pyright_message": "No py.typed file found",
    }


def test_a_package_pyright_found_outside_the_fresh_environment_is_refused() -> None:
    """Without the environment first on PATH, pyright reads whatever Python it finds first."""
    answer = recorded("flask")
    answer["typeCompleteness"]["packageRootDirectory"] = "/usr/lib/python3.11/site-packages/flask"
    with pytest.raises(MeasureError, match="not in the fresh environment"):
        read_verifytypes(answer, FLASK_SITE)


@pytest.mark.parametrize(
    "change",
    [
        lambda answer: answer.pop("typeCompleteness"),
        lambda answer: answer["typeCompleteness"]["exportedSymbolCounts"].update(withKnownType="368"),
        lambda answer: answer["typeCompleteness"].update(completenessScore=1.5),
    ],
)
def test_an_answer_of_another_shape_stops_the_run(change) -> None:
    answer = copy.deepcopy(recorded("flask"))
    change(answer)
    with pytest.raises(MeasureError):
        read_verifytypes(answer, FLASK_SITE)


# ---------------------------------------------------------------------------
# What pip installed, and what is imported


BOTTLE_RECORD = [
    "../../../bin/__pycache__/bottle.cpython-313.pyc",
    "../../../bin/bottle.py",
    "__pycache__/bottle.cpython-313.pyc",
    "bottle-0.13.5.dist-info/RECORD",
    "bottle.py",
]


def test_the_module_is_read_from_the_record() -> None:
    assert top_level_names(BOTTLE_RECORD) == {"bottle"}
    assert module_of("bottle", BOTTLE_RECORD) == "bottle"
    django = ["../../../bin/django-admin", "django/__init__.py", "django/core/wsgi.py", "django-6.1.dist-info/WHEEL"]
    assert module_of("Django", django) == "django"
    speedups = ["markupsafe/__init__.py", "_speedups.cpython-313-x86_64-linux-gnu.so", "extra.pth"]
    assert module_of("MarkupSafe", speedups) == "markupsafe"
    assert module_of("zope.interface", ["zope/interface/__init__.py"]) == "zope"
    with pytest.raises(MeasureError, match="cannot tell which module of twins to import: one, two"):
        module_of("twins", ["one/__init__.py", "two/__init__.py"])


def test_the_imports_timed_are_the_samples_own(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    (site / "tornado").mkdir(parents=True)
    for name in ("__init__.py", "web.py", "httpserver.py"):
        (site / "tornado" / name).write_text("", encoding="utf-8")
    sample = (
        "import asyncio\nimport tornado\nfrom tornado.httpserver import HTTPServer\n\n"
        "class Main(tornado.web.RequestHandler):\n    pass\n\n"
        "def main():\n    import tornado.locks\n    return tornado.web.Application(), asyncio.run\n"
    )
    assert sample_imports(sample, "tornado", site) == (
        "import tornado; from tornado.httpserver import HTTPServer; import tornado.web"
    )
    assert sample_imports("import tornado as t\napp = t.web.Application()\n", "tornado", site) == (
        "import tornado as t; import tornado.web"
    )
    with pytest.raises(MeasureError, match="imports nothing of tornado"):
        sample_imports("import asyncio\n", "tornado", site)


def test_an_extension_is_timed_with_what_its_base_needs_first(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    (site / "ext").mkdir(parents=True)
    (site / "ext" / "__init__.py").write_text("", encoding="utf-8")
    sample = (
        "import sys\nimport jinja2\nfrom base.conf import settings\nfrom . import local\n"
        "settings.configure(DEBUG=False)\nfrom ext import Api\napi = Api()\n"
    )
    # Importing ext needs the base configured first; jinja2 (third party) and the rest are left out.
    assert sample_imports(sample, "ext", site, "base") == (
        "import sys; from base.conf import settings; settings.configure(DEBUG=False); from ext import Api"
    )
    assert sample_imports(sample, "ext", site) == "from ext import Api"


def test_the_machines_pip_settings_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIP_FIND_LINKS", "/opt/wheels")
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", "file:///opt/pypi/simple")
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    environment = clean_environment(PIP_CONFIG_FILE="/dev/null")
    assert environment["PIP_CONFIG_FILE"] == "/dev/null" and "PATH" in environment
    assert not [
        key for key in environment if key.startswith("PYTHON") or key in ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL")
    ]
