"""Valid nesting in what our templates write (issue 21): no block element (details, div, p,
lists, tables...) inside an inline one (span, a, em...) or inside a paragraph, on every page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

BLOCK = {
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
    "section", "table", "ul",
}  # fmt: skip
PHRASING_ONLY = {"span", "a", "em", "strong", "b", "i", "code", "small", "label", "time", "abbr", "sub", "sup", "q"}
PHRASING_ONLY.add("p")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Nesting(HTMLParser):
    """Checks the page's article, where the templates' output goes."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.depth: int | None = None  # the article's place on the stack
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = dict(attrs).get("class") or ""
        if self.depth is None and tag == "article" and "md-content__inner" in classes:
            self.depth = len(self.stack)
        if self.depth is not None and tag in BLOCK:
            inline = [parent for parent in self.stack[self.depth :] if parent in PHRASING_ONLY]
            if inline:
                self.problems.append(f"<{tag} class={classes!r}> inside <{inline[-1]}> ({self.getpos()[0]})")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.stack:
            return
        while self.stack and self.stack.pop() != tag:
            pass
        if self.depth is not None and len(self.stack) <= self.depth:
            self.depth = None


def test_no_block_inside_inline_on_any_page(site_dir: Path) -> None:
    problems = []
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        checker = Nesting()
        checker.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(site_dir)}: {problem}" for problem in checker.problems]
    assert problems == [], f"{len(problems)} problems, first: " + "\n".join(problems[:15])
