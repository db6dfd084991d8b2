"""The maintenance, security and footprint rows of the compare page and the matrix, as text."""

from __future__ import annotations

from macros.comparison import RISK_ROWS, risk_cells

FACTS = {
    "status": {
        "releases_12_months": {"count": 3, "from": "2025-12-07", "to": "2026-12-07"},
        "commits_12_months": {"value": 1567, "to": "2026-08-22"},
        "half_of_commits_people": None,
        "support": {"published": False, "checked": "https://example.org/releases", "as_of": "2026-08-22"},
    },
    "security": {
        "all_time": 8,
        "covers_until": "2024-10-10",
        "last_24_months": {"count": None, "from": "2024-12-07", "to": "2026-12-07", "covered_until": None},
        "unfixed_in_pinned": 0,
        "pinned": "3.14.5",
    },
    "footprint": {
        "distributions": 9,
        "installed_bytes": 14_590_409,
        "import_ms": 279.4,
        "py_typed": True,
        "type_completeness": 0.6795,
        "newest_series_lowest_python": "3.10",
    },
}


def test_every_row_has_its_text_and_unknowns_say_so() -> None:
    cells = risk_cells(FACTS)
    assert set(cells) == {key for _, key, _, _ in RISK_ROWS}
    assert cells == {
        "releases": "3 (2025-12-07 to 2026-12-07)",
        "commits": "1,567 (to 2026-08-22)",
        "half": "unknown",
        "support": "No published support policy",
        "advisories": "8 (data to 2024-10-10)",
        "recent": "not covered (data to 2024-10-10)",
        "unfixed": "0 in 3.14.5",
        "distributions": "9",
        "size": "14.6 MB",
        "import": "279 ms",
        "typing": "py.typed; 68% of symbols typed",
        "python": "3.10",
    }


def test_published_support_lists_each_current_series() -> None:
    supported = [{"series": "5.2", "lts": True, "ends": "security fixes until 2028-04"}]
    facts = FACTS | {"status": FACTS["status"] | {"support": {"published": True, "supported": supported}}}
    assert risk_cells(facts)["support"] == "5.2 LTS: security fixes until 2028-04"
    unknown = FACTS | {"security": None, "footprint": dict.fromkeys(FACTS["footprint"])}
    cells = risk_cells(unknown)
    assert {cells[key] for key in ("advisories", "recent", "unfixed", "distributions", "size", "typing")} == {"unknown"}
