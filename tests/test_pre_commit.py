"""The pre-commit hooks (issue 18): nothing runs from a moving tag."""

from __future__ import annotations

import re

import yaml

from macros.model import ROOT

CONFIG = ROOT / ".pre-commit-config.yaml"


def test_every_hook_is_local_or_pinned_by_commit_with_its_tag_noted() -> None:
    repos = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["repos"]
    lines = CONFIG.read_text(encoding="utf-8").splitlines()
    for repo in repos:
        if repo["repo"] == "local":
            continue
        assert re.fullmatch(r"[0-9a-f]{40}", str(repo["rev"])), f"{repo['repo']}: rev {repo['rev']!r} is not a commit"
        [line] = [line for line in lines if f"rev: {repo['rev']}" in line]
        assert re.search(r"#\s*v?\d", line), f"{repo['repo']}: name the tag in a comment after the commit"


def test_ruff_runs_from_the_locked_environment() -> None:
    hooks = {
        hook["id"]: hook
        for repo in yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["repos"]
        for hook in repo["hooks"]
    }
    assert hooks["ruff"]["entry"].startswith(".venv/bin/ruff check") and hooks["ruff"]["language"] == "system"
    assert "ruff==" in (ROOT / "tests" / "requirements.lock").read_text(encoding="utf-8")
