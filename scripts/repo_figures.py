"""Compute a framework's figures from a clone of its repository, and say how.

Method (the fact sheets cite it as the `method` of each metric):
  contributors       distinct author e-mails (lower-cased) in `git log <branch>`, excluding
                     addresses or names containing "[bot]"
  commits-last-year  `git rev-list --count --since='<as_of - 365 days> 00:00:00' --until='<as_of> 23:59:59' <branch>`
  python-lines       non-blank lines of the *.py files under <package> at <tag>, excluding
                     any path with a `tests` or `test` directory component
  first/latest tag   tagger or commit date of the oldest and newest release tag matching --tag-pattern

Usage:
  python -m scripts.repo_figures GIT_DIR --package src/flask --tag 3.1.3 [--branch HEAD]
                                 [--as-of YYYY-MM-DD] [--tag-pattern '*']
Needs only git; works on a bare clone (such as a mirror).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import PurePosixPath


def git(git_dir: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True, text=True).stdout


def contributors(git_dir: str, branch: str) -> int:
    authors = {
        line.split("\t")[0].strip().lower()
        for line in git(git_dir, "log", "--format=%aE\t%aN", branch).splitlines()
        if line.strip() and "[bot]" not in line.lower()
    }
    return len(authors)


def commits_in_year(git_dir: str, branch: str, as_of: dt.date) -> int:
    since = as_of - dt.timedelta(days=365)
    # Whole days: a bare date would mean "this time of day" to git and depend on when it runs.
    return int(git(git_dir, "rev-list", "--count", f"--since={since} 00:00:00", f"--until={as_of} 23:59:59", branch))


def python_lines(git_dir: str, tag: str, package: str) -> int:
    total = 0
    for path in git(git_dir, "ls-tree", "-r", "--name-only", tag, "--", package).splitlines():
        parts = PurePosixPath(path).parts
        if path.endswith(".py") and not {"tests", "test"} & set(parts):
            text = git(git_dir, "show", f"{tag}:{path}")
            total += sum(1 for line in text.splitlines() if line.strip())
    return total


def tag_dates(git_dir: str, pattern: str) -> list[tuple[str, str]]:
    rows = git(
        git_dir,
        "for-each-ref",
        "--sort=creatordate",
        "--format=%(refname:short)\t%(creatordate:short)",
        f"refs/tags/{pattern}",
    )
    return [tuple(row.split("\t")) for row in rows.splitlines() if row]  # type: ignore[misc]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir")
    parser.add_argument("--package", required=True, help="package directory inside the repository")
    parser.add_argument("--tag", required=True, help="release tag to count lines at")
    parser.add_argument("--branch", default="HEAD")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, help="default: date of the branch's last commit")
    parser.add_argument("--tag-pattern", default="*")
    args = parser.parse_args()
    tags = tag_dates(args.git_dir, args.tag_pattern)
    commit_date = dt.date.fromisoformat(git(args.git_dir, "log", "-1", "--format=%cs", args.branch).strip())
    # A snapshot only knows its own past: figures are as of its last commit unless told otherwise.
    as_of = args.as_of or commit_date
    figures = {
        "commit": git(args.git_dir, "rev-parse", args.branch).strip(),
        "commit_date": str(commit_date),
        "contributors": contributors(args.git_dir, args.branch),
        "commits_last_year": commits_in_year(args.git_dir, args.branch, as_of),
        "python_lines": python_lines(args.git_dir, args.tag, args.package),
        "first_tag": tags[0] if tags else None,
        "latest_tag": tags[-1] if tags else None,
        "as_of": str(as_of),
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
