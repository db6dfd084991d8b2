"""The CI supply chain: how the GitHub Actions workflows and Python installs resist a hostile change.

scripts/test also runs zizmor and actionlint over .github/; these tests state the project's own
rules, so a change that breaks one fails with the rule's name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PINNED = re.compile(r"(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})\s+#\s*(?P<tag>v\d+\.\d+\.\d+)\s*$")
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>.*?)\s*$")
WRITE_SCOPES_OF_DEPLOY = {"pages": "write", "id-token": "write"}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+?)(?:\s*;.*)?(?:\s*\\)?$")
LOCKS = {
    ROOT / "requirements.lock": ["requirements.txt"],
    ROOT / "tests" / "requirements.lock": [
        "requirements.txt",
        "tests/requirements.txt",
        "data/samples/requirements.txt",
    ],
    ROOT / ".github" / "links.lock": [],  # lychee for .github/workflows/links.yml, written by hand
}


def load(path: Path) -> dict[Any, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def jobs() -> list[tuple[str, str, dict[str, Any]]]:
    assert WORKFLOWS, "no workflow in .github/workflows/"
    return [(path.name, name, job) for path in WORKFLOWS for name, job in load(path)["jobs"].items()]


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps", [])


def uses(job: dict[str, Any], action: str) -> bool:
    return any(str(step.get("uses", "")).startswith(f"{action}@") for step in steps(job))


def is_deploy(job: dict[str, Any]) -> bool:
    return uses(job, "actions/deploy-pages")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_release_tag(path: Path) -> None:
    """A tag can be moved to other code; a commit SHA cannot. The comment says which release it is."""
    lines = path.read_text(encoding="utf-8").splitlines()
    references = [(number, match["ref"]) for number, line in enumerate(lines, 1) if (match := USES.match(line))]
    assert references, "no uses: found"
    for number, reference in references:
        if reference.startswith("./"):
            continue  # an action in this repository, pinned by the commit itself
        assert PINNED.fullmatch(reference), (
            f"{path.name}:{number}: {reference!r} is not <action>@<40-hex SHA>  # vX.Y.Z"
        )


def test_every_job_has_a_time_limit() -> None:
    for workflow, name, job in jobs():
        assert isinstance(job.get("timeout-minutes"), int), f"{workflow}: job {name} has no timeout-minutes"
        assert 0 < job["timeout-minutes"] <= 60, f"{workflow}: job {name}: timeout-minutes out of range"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_the_token_may_do_nothing_by_default(path: Path) -> None:
    permissions = load(path).get("permissions")
    assert permissions is not None, f"{path.name}: no top-level permissions (the default token may write)"
    assert permissions == {} or (isinstance(permissions, dict) and set(permissions.values()) <= {"read", "none"}), (
        f"{path.name}: top-level permissions {permissions!r} grant writing to every job"
    )


# Jobs that hold a write scope publish what a read-only job of the same run produced, and run no
# project code: the deploy job only deploys; the others only check out, download that job's artifact
# and call git, gh or an issue action. What each kind may write:
WRITE_SCOPES_OF_PUBLISHERS = {
    "pull request": {"contents": "write", "pull-requests": "write"},  # push a branch, open its pull request
    "issue": {"issues": "write"},
}
PUBLISHER_ACTIONS = {"actions/checkout", "actions/download-artifact", "peter-evans/create-issue-from-file"}
PROJECT_CODE = re.compile(r"python|pip\b|scripts/|\.venv|\bmake\b|\bnpm\b|\bsh\b|\./|\bbash\b|\bsource\b")


def test_only_jobs_that_run_no_project_code_may_write_and_only_what_they_publish() -> None:
    assert [name for _, name, job in jobs() if is_deploy(job)], "no job deploys the site"
    for workflow, name, job in jobs():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), f"{workflow}: job {name} must list its permissions"
        writes = {scope: access for scope, access in permissions.items() if access == "write"}
        if is_deploy(job):
            assert permissions == WRITE_SCOPES_OF_DEPLOY, f"{workflow}: deploy job {name} asks for {permissions}"
            assert [step.get("uses", "").split("@")[0] for step in steps(job)] == ["actions/deploy-pages"], (
                f"{workflow}: the deploy job runs only actions/deploy-pages, never project code"
            )
        elif writes:
            assert writes in WRITE_SCOPES_OF_PUBLISHERS.values(), f"{workflow}: job {name} may write {sorted(writes)}"
            assert job.get("needs"), f"{workflow}: job {name} publishes what a read-only job made, so it needs it"
            for step in steps(job):
                action = str(step.get("uses", "")).split("@")[0]
                assert not action or action in PUBLISHER_ACTIONS, f"{workflow}: job {name} may write and uses {action}"
                assert not PROJECT_CODE.search(str(step.get("run", ""))), (
                    f"{workflow}: job {name} may write, so it must not run project code: {step.get('run')!r}"
                )
        if permissions.get("contents") == "write":
            assert writes == WRITE_SCOPES_OF_PUBLISHERS["pull request"], f"{workflow}: job {name}"
        else:
            assert permissions.get("contents", "read") in {"read", "none"}


def test_no_job_pushes_to_main() -> None:
    """Automated changes arrive as pull requests, which run the tests before anyone merges them."""
    for workflow, name, job in jobs():
        for step in steps(job):
            for push in re.findall(r"git push[^\n]*", str(step.get("run", ""))):
                target = re.search(r"HEAD:refs/heads/(\S+)", push)
                assert target and target.group(1) not in {"main", "master", "gh-pages"}, (
                    f"{workflow}: job {name}: {push!r} must push HEAD to a named branch other than main"
                )


def test_checkout_keeps_no_credentials_on_disk() -> None:
    checkouts = [
        (workflow, name, step)
        for workflow, name, job in jobs()
        for step in steps(job)
        if str(step.get("uses", "")).startswith("actions/checkout@")
    ]
    assert checkouts
    for workflow, name, step in checkouts:
        assert (step.get("with") or {}).get("persist-credentials") is False, f"{workflow}: job {name}"


def needed(jobs_of_workflow: dict[str, Any], name: str) -> set[str]:
    """Every job that must succeed before `name` starts."""
    direct = jobs_of_workflow[name].get("needs", [])
    direct = [direct] if isinstance(direct, str) else direct
    return set(direct).union(*(needed(jobs_of_workflow, job) for job in direct)) if direct else set()


def test_deploy_runs_only_after_the_tests_passed_on_the_same_commit() -> None:
    """Deploy and test are jobs of one run (one commit), and deploy needs test: no deploy of a failing commit."""
    for path in WORKFLOWS:
        workflow = load(path)
        for name, job in workflow["jobs"].items():
            if not is_deploy(job):
                continue
            testers = {
                other
                for other, candidate in workflow["jobs"].items()
                if any("scripts/test" in str(step.get("run", "")) for step in steps(candidate))
            }
            assert testers & needed(workflow["jobs"], name), f"{path.name}: {name} does not need the job running tests"
            assert "always()" not in str(job.get("if", "")) and "failure()" not in str(job.get("if", ""))
            triggers = workflow.get("on", workflow.get(True))
            assert "pull_request_target" not in triggers and "workflow_run" not in triggers


def test_runs_are_grouped_so_deploys_never_overlap() -> None:
    for path in WORKFLOWS:
        workflow = load(path)
        assert "group" in (workflow.get("concurrency") or {}), f"{path.name}: no workflow concurrency group"
        for name, job in workflow["jobs"].items():
            if is_deploy(job):
                concurrency = job.get("concurrency") or {}
                assert concurrency.get("group") and concurrency.get("cancel-in-progress") is False, name


def test_workflows_install_python_packages_only_from_hash_locks() -> None:
    for workflow, name, job in jobs():
        for step in steps(job):
            run = str(step.get("run", ""))
            for install in re.findall(r"pip install[^\n;&|]*", run):
                assert "--require-hashes" in install and re.search(r"-r \S+\.lock\b", install), (
                    f"{workflow}: job {name}: {install!r} does not install from a hash-pinned lock"
                )


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line.strip()):
            found[re.sub(r"[-_.]+", "-", match["name"]).lower()] = match["version"]
    return found


@pytest.mark.parametrize("lock", LOCKS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_pin_has_hashes_in_a_lock_that_matches_its_requirements(lock: Path) -> None:
    """scripts/test installs the locks with --require-hashes; remake them with `scripts/test --lock`."""
    assert lock.exists(), f"{lock.name} is missing: run scripts/test --lock"
    text = lock.read_text(encoding="utf-8")
    entries = re.split(r"\n(?=\S)", text)
    requirements = [entry for entry in entries if not entry.startswith("#")]
    assert requirements
    for entry in requirements:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"{lock.name}: no hash for {entry.splitlines()[0]}"
    locked = pins(lock)
    for name in LOCKS[lock]:
        for package, version in pins(ROOT / name).items():
            assert locked.get(package) == version, (
                f"{name} pins {package}=={version}, {lock.name} has {locked.get(package)}: run scripts/test --lock"
            )
