"""The freshness policy: stale facts and notable users whose evidence may no longer hold."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup
from factories import run_script, valid_sheet

from macros.collections import load_dataset
from macros.freshness import STALE_AFTER_WORDS, doubtful_notable_users
from macros.model import ROOT
from macros.render import build_site
from macros.vocabulary import LEVELS

TODAY = dt.date(2026, 11, 23)


def sheet_with_users() -> dict:
    sheet = valid_sheet()
    user = sheet["notable_users"][0]
    sheet["notable_users"] = [
        {**user, "organisation": "Current Corp", "as_of": "2026-06-01"},
        {**user, "organisation": "Archived Corp", "as_of": "2026-06-01", "evidence_archived": "2026-03-01"},
        {**user, "organisation": "Old Corp", "as_of": "2024-01-01"},
    ]
    return sheet


def test_archived_or_old_evidence_is_listed_with_the_reason(project) -> None:
    dataset = load_dataset(project({"alpha": sheet_with_users()}))
    reasons = {item.user.organisation: item.reason for item in doubtful_notable_users(dataset, TODAY)}
    assert reasons == {"Archived Corp": "evidence archived on 2026-03-01", "Old Corp": "evidence checked on 2024-01-01"}


def test_pages_show_archived_evidence_and_the_review_page_lists_it(project) -> None:
    site = build_site(load_dataset(project({"alpha": sheet_with_users()})), today=TODAY)
    pages = {page.path: BeautifulSoup(page.markdown, "html.parser") for page in site.pages}
    users = pages["criteria/notable-users.md"].get_text(" ")
    assert "Archived Corp : internal tools evidence archived 2026-03-01" in " ".join(users.split())
    rows = [" ".join(row.get_text(" ").split()) for row in pages["review.md"].select("tr")]
    assert any("Archived Corp" in row and "archived on 2026-03-01" in row for row in rows)
    assert any("Old Corp" in row and "checked on 2024-01-01" in row for row in rows)
    assert "Current Corp" not in pages["review.md"].get_text()


def test_review_script_lists_notable_users_to_recheck(project) -> None:
    root = project({"alpha": sheet_with_users()})
    result = run_script(root, "review")
    assert result.returncode == 0, result.stderr
    assert "Notable users to recheck (evidence archived or older than 18 months): 2" in result.stdout
    assert "Alpha: Archived Corp: evidence archived on 2026-03-01" in result.stdout
    assert "Alpha: Old Corp: evidence checked on 2024-01-01" in result.stdout


def test_the_contributor_guide_lists_exactly_the_levels_and_window_of_the_vocabulary() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = [line.split("|")[1].strip(" `") for line in guide.splitlines() if line.startswith("| `")]
    assert table[: len(LEVELS)] == list(LEVELS)
    assert STALE_AFTER_WORDS in guide
