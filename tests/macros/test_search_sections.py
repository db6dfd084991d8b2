"""Search sections that are no heading of their page: the feature matrix's rows (macros/search.py)."""

from __future__ import annotations

import datetime as dt

from factories import valid_sheet

from macros.collections import load_dataset
from macros.render import build_site
from macros.search import SearchSection, matrix_rows


def test_a_matrix_row_names_each_framework_at_its_level_with_its_packages(project) -> None:
    beta = valid_sheet("beta", "Beta")
    cited = {key: beta["features"]["websockets"][key] for key in ("source", "as_of")}
    beta["features"]["websockets"] = {"level": "third-party", "packages": ["flask-sock", "Flask-SocketIO"], **cited}
    gamma = valid_sheet("gamma", "Gamma")
    gamma["features"]["websockets"]["level"] = "none"
    dataset = load_dataset(project({"alpha": valid_sheet(), "beta": beta, "gamma": gamma}))
    rows = {row.anchor: row for row in matrix_rows(dataset)}
    assert list(rows) == [f"feature-{feature.id}" for feature in dataset.features]
    row = rows["feature-websockets"]
    assert row.title == "WebSockets"
    assert row.text == (
        "Accept and handle WebSocket connections in the same application. Built in: Alpha. "
        "Third party: Beta (flask-sock, Flask-SocketIO). Not available: Gamma."
    )


def test_a_search_entry_is_escaped_as_the_theme_escapes_page_text() -> None:
    entry = SearchSection("feature-orm", "<b>ORM</b> & co", "Third party: x (</td><svg onload=alert(1)>).").entry(
        "features/"
    )
    assert entry == {
        "location": "features/#feature-orm",
        "title": "&lt;b&gt;ORM&lt;/b&gt; &amp; co",
        "text": "<p>Third party: x (&lt;/td&gt;&lt;svg onload=alert(1)&gt;).</p>",
    }


def test_the_site_carries_one_search_entry_per_matrix_row(project) -> None:
    dataset = load_dataset(project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")}))
    site = build_site(dataset, today=dt.date(2026, 12, 7))
    assert [entry["location"] for entry in site.search] == [f"features/#feature-{f.id}" for f in dataset.features]
