"""A throw-away PostgreSQL server for the fortunes samples: started in a temporary folder,
listening only on a Unix socket there, seeded with the rows of tests/samples/contract.py.

    with temporary_postgres(contract.FORTUNES) as environment:   # PGHOST, PGDATABASE, PGUSER
        ...                                     # the server is stopped and its folder deleted after

Used by the tests (tests/samples/conftest.py) and by scripts/bench_frameworks.py, with the same
settings, so that what is measured is what is tested. Needs Debian's postgresql package (its
initdb and pg_ctl); scripts/test installs it when it is missing.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DATABASE = "fortunes"
# Fixed settings, the same for every run: the data are read, never written, so durability
# settings only make start-up faster; max_connections leaves room for every server's pool.
SETTINGS = {
    "listen_addresses": "''",  # no TCP at all: the Unix socket only
    "max_connections": "400",
    "shared_buffers": "128MB",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}
START_TIMEOUT_SECONDS = 60
TABLE = "CREATE TABLE fortune (id integer PRIMARY KEY, message varchar(2048) NOT NULL)"


def postgres_bin() -> Path:
    """The newest installed server's programs (Debian keeps them out of PATH)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
    if not found:
        sys.exit("error: PostgreSQL's server is not installed: apt-get install -y postgresql (scripts/test does)")
    return found[-1].parent


def _as_server_user() -> list[str]:
    """initdb and postgres refuse to run as root: run them as Debian's `postgres` user then."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def seed(environment: dict[str, str], rows: list[tuple[int, str]]) -> None:
    """Create the fortune table and its rows, with psql (no driver needed)."""
    values = ", ".join(f"({number}, {_literal(message)})" for number, message in rows)
    sql = f"{TABLE};\nINSERT INTO fortune (id, message) VALUES {values};\n"
    subprocess.run(
        ["psql", "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1"],
        input=sql,
        env={**os.environ, **environment},
        text=True,
        check=True,
        capture_output=True,
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def temporary_postgres(rows: list[tuple[int, str]], cpus: str | None = None) -> Iterator[dict[str, str]]:
    """Start a server seeded with the fortune `rows` (pinned to `cpus`, a taskset list, when
    given); yield the libpq environment that reaches it; stop it and delete its folder after."""
    programs = postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="fortunes-pg-"))
    data, socket_dir = folder / "data", folder / "socket"
    socket_dir.mkdir()
    user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    if os.geteuid() == 0:
        shutil.chown(folder, user)
        shutil.chown(socket_dir, user)
    run_as = _as_server_user()
    settings = {**SETTINGS, "unix_socket_directories": str(socket_dir)}
    options = " ".join(f"-c {name}={value}" for name, value in settings.items())
    pin = ["taskset", "-c", cpus] if cpus else []
    initdb = [str(programs / "initdb"), "-D", str(data), "-U", user, "--auth=trust", "--locale=C.UTF-8"]
    pg_ctl = [str(programs / "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run([*run_as, *initdb], check=True, capture_output=True)
        start = ["-o", options, "-l", str(folder / "log"), "-w", "-t", str(START_TIMEOUT_SECONDS), "start"]
        subprocess.run([*pin, *run_as, *pg_ctl, *start], check=True, capture_output=True)
        environment = {"PGHOST": str(socket_dir), "PGUSER": user, "PGDATABASE": DATABASE}
        administration = {**os.environ, **environment, "PGDATABASE": "postgres"}
        subprocess.run([str(programs / "createdb"), DATABASE], env=administration, check=True, capture_output=True)
        seed(environment, rows)
        yield environment
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*run_as, *pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
