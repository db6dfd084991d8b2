"""Compute a framework's figures from a clone of its repository, and say how.

Method (the fact sheets cite it as the `method` of each metric):
  contributors       distinct author e-mails (lower-cased) in `git log <branch>`, excluding
                     addresses or names containing "[bot]"
  commits-last-year  `git rev-list --count --since='<as_of - 365 days> 00:00:00' --until='<as_of> 23:59:59' <branch>`
  half-of-commits-people
                     the smallest number of authors whose commits add up to at least half of the
                     commits in the 730 days before the as-of date on the branch:
                     `git log --no-merges --since='<as_of - 730 days> 00:00:00' --until='<as_of> 23:59:59'
                     --format='%aE<tab>%aN' <branch>`; authors are told apart by e-mail (lower-cased);
                     merge commits are left out (they record who merged, not who wrote the change);
                     bots are left out of both the authors and the total: an author whose e-mail or
                     name contains "[bot]", or whose e-mail is GitHub Actions' own
                     (github-actions@github.com). Authors are taken in order of their commit counts,
                     most first, until their commits are at least half of the total (2 x sum >= total).
                     Dates are committer dates, as --since and --until read them.
  python-lines       non-blank lines of the *.py files under <package> at <tag>, excluding
                     any path with a `tests` or `test` directory component
  first/latest tag   tagger or commit date of the oldest and newest release tag matching --tag-pattern

Usage:
  python -m scripts.repo_figures GIT_DIR [--package src/flask --tag 3.1.3] [--branch HEAD]
                                 [--as-of YYYY-MM-DD] [--tag-pattern '*']
(without --package and --tag, python-lines is not counted)
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


BOT_EMAILS = {"github-actions@github.com"}


def is_bot(email: str, name: str) -> bool:
    """An automation account: "[bot]" in its e-mail or name, or GitHub Actions' own e-mail."""
    return "[bot]" in email.lower() or "[bot]" in name.lower() or email.strip().lower() in BOT_EMAILS


def half_of_commits(git_dir: str, branch: str, as_of: dt.date) -> dict[str, int]:
    """How many authors made half of the commits of the 730 days before `as_of` (see the method above).

    Returns {"people": N, "commits": total counted, "authors": distinct authors, "window_days": 730};
    people is 0 when there were no commits by people in the window.
    """
    since = as_of - dt.timedelta(days=730)
    log = git(
        git_dir,
        "log",
        "--no-merges",
        f"--since={since} 00:00:00",
        f"--until={as_of} 23:59:59",
        "--format=%aE\t%aN",
        branch,
    )
    counts: dict[str, int] = {}
    for line in log.splitlines():
        if not line.strip():
            continue
        email, _, name = line.partition("\t")
        if not is_bot(email, name):
            key = email.strip().lower()
            counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    people = running = 0
    for count in sorted(counts.values(), reverse=True):
        if 2 * running >= total:
            break
        running += count
        people += 1
    return {"people": people if total else 0, "commits": total, "authors": len(counts), "window_days": 730}


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
    parser.add_argument("--package", help="package directory inside the repository (with --tag)")
    parser.add_argument("--tag", help="release tag to count lines at (with --package)")
    parser.add_argument("--branch", default="HEAD")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, help="default: date of the branch's last commit")
    parser.add_argument("--tag-pattern", default="*")
    args = parser.parse_args()
    if (args.package is None) != (args.tag is None):
        parser.error("give --package and --tag together, or neither")
    tags = tag_dates(args.git_dir, args.tag_pattern)
    commit_date = dt.date.fromisoformat(git(args.git_dir, "log", "-1", "--format=%cs", args.branch).strip())
    # A snapshot only knows its own past: figures are as of its last commit unless told otherwise.
    as_of = args.as_of or commit_date
    figures = {
        "commit": git(args.git_dir, "rev-parse", args.branch).strip(),
        "commit_date": str(commit_date),
        "contributors": contributors(args.git_dir, args.branch),
        "commits_last_year": commits_in_year(args.git_dir, args.branch, as_of),
        "half_of_commits": half_of_commits(args.git_dir, args.branch, as_of),
        "python_lines": python_lines(args.git_dir, args.tag, args.package) if args.package else None,
        "first_tag": tags[0] if tags else None,
        "latest_tag": tags[-1] if tags else None,
        "as_of": str(as_of),
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
