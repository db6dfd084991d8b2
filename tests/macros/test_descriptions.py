"""Each page's description (macros/descriptions.py), checked on the rendered pages without MkDocs."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import valid_sheet

from macros.collections import load_dataset
from macros.descriptions import LIMIT, clip
from macros.mkdocs_light import _front_matter
from macros.render import build_site


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short  and\nplain.", "Short and plain."),
        ("word " * 40, ("word " * 31).strip() + "…"),
        ("x" * 200, "x" * (LIMIT - 1) + "…"),
    ],
)
def test_clip_keeps_one_line_and_cuts_after_a_whole_word(text: str, expected: str) -> None:
    assert clip(text) == expected
    assert len(clip(text)) <= LIMIT


def test_every_page_has_its_own_description_in_its_front_matter(project) -> None:
    sheets = {"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta"), "gamma": valid_sheet("gamma", "Gamma")}
    sheets["beta"]["tagline"] = 'Quotes " and \\ back: slash, colon: and # hash'
    site = build_site(load_dataset(project(sheets)), today=dt.date(2026, 11, 23))
    descriptions = {}
    for page in site.pages:
        assert page.description and len(page.description) <= LIMIT, page.path
        assert "\n" not in page.description, page.path
        if page.light:
            assert "description:" not in page.content.partition("\n#")[0], page.path  # on the Page only
        else:  # MkDocs reads the front matter as YAML: the text must come back whole
            _, meta = _front_matter(page.content, {})
            assert meta["description"] == page.description, page.path
        descriptions[page.description] = page.path
    assert len(descriptions) == len(site.pages)
    by_path = {path: text for text, path in descriptions.items()}
    assert by_path["frameworks/beta.md"].startswith("Beta, latest release ")
    assert by_path["frameworks/beta.md"].endswith(sheets["beta"]["tagline"])
    assert by_path["compare/alpha-vs-beta.md"].startswith("Alpha vs Beta: ")
    assert "Beta" in by_path["compare/beta-vs-gamma.md"] and "Gamma" in by_path["compare/beta-vs-gamma.md"]
