"""The renderer's helpers for sites of many frameworks: light pages' paths and search text,
fragments rendered once, links worked out once per folder, the anchor check."""

from __future__ import annotations

import itertools
import random
import time

import pytest

from macros import views
from macros.addresses import relative_url
from macros.pages import NAV_SECTION_LIMIT, REGISTRY, nav
from macros.render import CollisionError, Links, Page, check_unique_anchors, environment, html_path, search_intro

PATHS = [
    "index.md",
    "guide.md",
    "compare/index.md",
    "compare/alpha-vs-beta.md",
    "compare/alpha-vs-gamma.md",
    "frameworks/alpha.md",
    "frameworks/index.md",
    "criteria/index.md",
    "criteria/async.md",
]


def test_html_path_is_where_a_page_is_served_from() -> None:
    assert html_path("index.md") == "index.html"
    assert html_path("compare/index.md") == "compare/index.html"
    assert html_path("compare/alpha-vs-beta.md") == "compare/alpha-vs-beta/index.html"


def test_links_worked_out_once_per_folder_equal_relative_urls() -> None:
    cache: dict[tuple[str, str], str] = {}
    pairs = list(itertools.product(PATHS, PATHS))
    random.Random(13).shuffle(pairs)
    for source, target in pairs:
        assert Links(source, cache)(target) == relative_url(source, target), (source, target)


def render_pages(template: str, paths: list[str], **values: object) -> list[str]:
    env = environment()
    compiled = env.from_string(template)
    return [compiled.render(blocks=[], url=Links(path, {}), **values) for path in paths]


def test_a_fragment_is_rendered_once_per_key_and_folder() -> None:
    calls: list[str] = []

    def count(name: str) -> str:
        calls.append(name)
        return name

    template = '{% once ("cell", name) %}<td>{{ count(name) }} {{ url("frameworks/alpha.md") }}</td>{% endonce %}'
    first, second, index = render_pages(
        template, ["compare/alpha-vs-beta.md", "compare/alpha-vs-gamma.md", "compare/index.md"], name="x", count=count
    )
    # Pair pages share a folder, so the fragment and its relative link are the same; the compare
    # page is one folder up and gets its own.
    assert first == second == "<td>x ../../frameworks/alpha/</td>"
    assert index == "<td>x ../frameworks/alpha/</td>"
    assert calls == ["x", "x"]


def test_a_fragment_that_links_to_the_page_or_below_it_is_rendered_for_that_page() -> None:
    template = '{% once "k" %}<a href="{{ url("criteria/async.md") }}">async</a>{% endonce %}'
    guide, criteria = render_pages(template, ["guide.md", "criteria/index.md"])
    assert guide == '<a href="../criteria/async/">async</a>'
    assert criteria == '<a href="async/">async</a>'


def test_a_fragment_may_not_set_blocks_aside() -> None:
    with pytest.raises(TypeError, match="may not set blocks aside"):
        render_pages('{% once "k" %}{% filter block %}<p>x</p>{% endfilter %}{% endonce %}', ["compare/a-vs-b.md"])


def test_search_intro_is_the_text_before_the_first_section_without_hidden_parts() -> None:
    body = (
        '<h1 id="a-vs-b">A vs B<a class="headerlink" href="#a-vs-b">&para;</a></h1>\n'
        '<div id="edit-base" data-base="https://example.org/" hidden><span>no</span></div>\n'
        '<p class="pair-intro">What sets <a href="../../frameworks/a/">A &amp; Co</a> apart.<br>'
        "<span data-search-exclude>not this</span> Compare more.</p>\n"
        '<h2 id="key-differences">Key differences</h2><p>not this either</p>'
    )
    assert search_intro(body) == "What sets A & Co apart. Compare more."


def test_anchor_check_reads_ids_in_blocks_but_not_other_attributes() -> None:
    content = "# Page\n<!-- block 0 -->\n"
    check_unique_anchors(Page("frameworks/x.md", content, "X", blocks=('<td data-id="x">a</td><td id="x">b</td>',)))
    twice = Page("frameworks/x.md", content, "X", blocks=('<td id="x">a</td>\n<td\tid="x">b</td>',))
    with pytest.raises(CollisionError, match="share the anchor #x"):
        check_unique_anchors(twice)


def test_a_long_nav_section_keeps_only_its_index_page() -> None:
    framework_type = next(page_type for page_type in REGISTRY if page_type.template == "framework.md.j2")
    index_type = next(page_type for page_type in REGISTRY if page_type.template == "frameworks_index.md.j2")
    from macros.pages import Instance

    def sections(count: int) -> dict[str, object]:
        pages = [(index_type, Instance("frameworks/index.md", "All frameworks"))] if count > NAV_SECTION_LIMIT else []
        pages += [(framework_type, Instance(f"frameworks/f{n}.md", f"F{n}")) for n in range(count)]
        return {key: value for entry in nav(pages) for key, value in entry.items()}

    assert sections(NAV_SECTION_LIMIT)["Frameworks"] == [
        {f"F{n}": f"frameworks/f{n}.md"} for n in range(NAV_SECTION_LIMIT)
    ]
    assert sections(NAV_SECTION_LIMIT + 1)["Frameworks"] == [{"All frameworks": "frameworks/index.md"}]


def test_a_file_is_parsed_again_only_when_its_content_changed(tmp_path, monkeypatch) -> None:
    from macros import yaml_source

    calls: list[str] = []
    original = yaml_source._parse_text
    monkeypatch.setattr(yaml_source, "_parse_text", lambda text, doc: (calls.append(text), original(text, doc)))
    sheet = tmp_path / "data" / "sheet.yml"
    sheet.parent.mkdir()
    unique = f"{tmp_path} {time.time_ns()}"  # content no earlier run has cached
    sheet.write_text(f"name: first {unique}\nlist: [1, 2]\n", encoding="utf-8")
    first = yaml_source.parse(sheet, tmp_path)
    first.problem(("name",), "a rule's problem, on this document only")
    again = yaml_source.parse(sheet, tmp_path)
    assert len(calls) == 1 and again.data == first.data and again.data is not first.data
    assert again.positions == first.positions and again.problems == []
    yaml_source._PARSED.clear()  # a new process: from the disk cache
    assert yaml_source.parse(sheet, tmp_path).data == first.data and len(calls) == 1
    sheet.write_text(f"name: second {unique}\nlist: &a [1]\n", encoding="utf-8")
    edited = yaml_source.parse(sheet, tmp_path)
    assert len(calls) == 2 and "anchors" in edited.problems[0].message
    assert yaml_source.parse(sheet, tmp_path).problems == edited.problems and len(calls) == 2
    folder = yaml_source._cache_dir()
    assert folder is not None and not folder.stat().st_mode & 0o077


def test_a_sample_is_highlighted_again_only_when_its_text_changed(tmp_path, monkeypatch) -> None:
    calls = []
    original = views.highlight
    monkeypatch.setattr(views, "highlight", lambda *args: calls.append(args) or original(*args))
    sample = tmp_path / "app.py"
    sample.write_text("app = 1\n", encoding="utf-8")
    first = views.highlighted_sample(sample, "alpha/app.py")
    assert views.highlighted_sample(sample, "alpha/app.py") is first and len(calls) == 1
    sample.write_text("app = 2\n", encoding="utf-8")
    edited = views.highlighted_sample(sample, "alpha/app.py")
    assert len(calls) == 2 and "2" in edited and edited != first
