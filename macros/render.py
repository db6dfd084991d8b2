"""Render the dataset into Markdown pages through the Jinja templates beside this module.

Nothing here knows about MkDocs: `build_site` returns plain pages and a nav, which the thin
adapter in macros/mkdocs_hooks.py hands to MkDocs (and scripts/build_pages.py writes to disk
for any other generator).

Escaping rule: every value from data/ is rendered inside an HTML block with autoescaping on,
never in Markdown context, so Markdown and HTML in a value stay literal text. Only names,
titles and slugs, which the schema restricts to plain characters, appear in headings.

Pre-rendered HTML (tables, highlighted samples) is set aside as a page's `blocks`: the Markdown
holds a placeholder comment for each, so no Markdown extension ever reads contributor text,
and the adapter puts the blocks back after Markdown has run.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import HtmlDjangoLexer, PythonLexer

from macros.fields import display_host
from macros.model import (
    Criterion,
    Dataset,
    FeatureSupport,
    Framework,
    Sourced,
    is_stale,
    iter_facts,
    stale_facts,
)
from macros.problems import Path_, dotted

TEMPLATES = Path(__file__).resolve().parent / "templates"

# (icon, label, meaning) for each support level; icons are decoration, the label carries the meaning.
LEVELS: dict[str, tuple[str, str, str]] = {
    "built-in": ("✔", "Built in", "ships with the framework itself"),
    "partial": ("◐", "Partial", "built in but incomplete; the cell says what is missing"),
    "official-extension": ("⊕", "Official extension", "a separate package maintained by the same project"),
    "third-party": ("⊞", "Third party", "available from packages maintained by others"),
    "none": ("✘", "Not available", "neither built in nor commonly provided by a package"),
    "unknown": ("?", "Unknown", "not verified yet; we say so rather than guess"),
}
KINDS = {
    "micro": "Micro-framework",
    "full-stack": "Full-stack",
    "api": "API framework",
    "toolkit": "Toolkit",
}


CELL_END = re.compile(r"(</(?:td|th|li|tr|ul|p)>)(?=<)")
BLOCK = re.compile(r"<!-- block (\d+) -->")
ANCHOR = re.compile(r'\sid="([^"]+)"|\{ #([^ }]+) \}')


@dataclass(frozen=True)
class Page:
    path: str
    content: str  # Markdown, with a `<!-- block N -->` placeholder for each of `blocks`
    title: str
    in_nav: bool = True
    edit_path: str | None = None  # repository path of the data file behind the page
    blocks: tuple[str, ...] = ()

    def restore_blocks(self, text: str) -> str:
        """Put the pre-rendered HTML back in place of its placeholders."""
        return BLOCK.sub(lambda match: self.blocks[int(match.group(1))], text)

    @property
    def markdown(self) -> str:
        """The whole page as Markdown with raw HTML, for generators that run no hook."""
        return self.restore_blocks(self.content)


@dataclass
class Site:
    pages: list[Page]
    nav: list[Any]
    api: dict[str, str]  # JSON files by path, e.g. api/frameworks/flask.json


@dataclass(frozen=True)
class Context:
    """What templates need beyond the dataset: where facts live, for citations and edit links."""

    dataset: Dataset
    repo_url: str | None
    branch: str
    today: dt.date
    fact_paths: dict[int, tuple[Framework, Path_]]
    highlighted: dict[str, Markup] = field(default_factory=dict)

    def edit_link(self, fact: Sourced | FeatureSupport) -> str | None:
        if not self.repo_url or id(fact) not in self.fact_paths:
            return None
        framework, path = self.fact_paths[id(fact)]
        line = self.dataset.line_of(framework, *path)
        return f"{self.repo_url.rstrip('/')}/blob/{self.branch}/data/frameworks/{framework.slug}.yml#L{line}"

    def fact_label(self, fact: Sourced | FeatureSupport) -> str:
        framework, path = self.fact_paths[id(fact)]
        return f"{framework.name}: {dotted(path)}"

    def samples(self, framework: Framework, criterion: Criterion) -> list[Markup]:
        """The highlighted sample module, then each template it names, highlighted once per build."""
        files = sample_files(self.dataset, framework, criterion)
        for file in files:
            if file not in self.highlighted:
                self.highlighted[file] = highlighted_sample(self.dataset.root / "data" / "samples" / file, file)
        return [self.highlighted[file] for file in files]

    def stale(self, fact: Sourced | FeatureSupport) -> bool:
        _, path = self.fact_paths.get(id(fact), (None, ()))
        return is_stale(path, fact.as_of, self.today)


def one_line(value: Any) -> Any:
    """Keep data values on one line, so no value can start a line that Markdown
    preprocessors (snippets, abbreviations) would act on."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return re.sub(r"\s*[\r\n]+\s*", " ", value)
    return value


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=one_line,
    )
    env.filters["host"] = display_host
    env.filters["block"] = set_aside
    env.globals.update(LEVELS=LEVELS, KINDS=KINDS)
    return env


@jinja2.pass_context
def set_aside(context: jinja2.runtime.Context, html: str) -> Markup:
    """`{% filter block %}...{% endfilter %}`: keep finished HTML away from Markdown."""
    blocks: list[str] = context["blocks"]
    blocks.append(CELL_END.sub(r"\1\n", str(html)).strip("\n"))
    return Markup(f"<!-- block {len(blocks) - 1} -->")


def relative_url(source: str, target: str) -> str:
    """The link from page `source` to page `target` (both .md paths), with directory URLs."""

    def directory(path: str) -> str:
        stem = path.removesuffix(".md")
        if stem == "index":
            return "/"
        return "/" + stem.removesuffix("/index") + "/"

    relative = posixpath.relpath(directory(target), directory(source))
    return "./" if relative == "." else relative + "/"


def pair_path(first: Framework, second: Framework) -> str:
    a, b = sorted((first.slug, second.slug))
    return f"compare/{a}-vs-{b}.md"


def build_site(
    dataset: Dataset, repo_url: str | None = None, branch: str = "main", today: dt.date | None = None
) -> Site:
    env = environment()
    context = Context(
        dataset=dataset,
        repo_url=repo_url,
        branch=branch,
        today=today or dt.date.today(),
        fact_paths={
            id(fact): (framework, path) for framework in dataset.frameworks for path, fact in iter_facts(framework)
        },
    )
    common = {"data": dataset, "ctx": context, "pair_path": pair_path}

    def render(
        template: str, path: str, title: str, *, in_nav: bool = True, edit_path: str | None = None, **values: Any
    ) -> Page:
        blocks: list[str] = []
        content = env.get_template(template).render(
            **common, url=partial(relative_url, path), blocks=blocks, title=title, **values
        )
        # Search indexes text with tags stripped: without a break, adjacent cells run together.
        content = CELL_END.sub(r"\1\n", content)
        return Page(path, content, title, in_nav=in_nav, edit_path=edit_path, blocks=tuple(blocks))

    frameworks = [
        render(
            "framework.md.j2",
            f"frameworks/{framework.slug}.md",
            framework.name,
            edit_path=f"data/frameworks/{framework.slug}.yml",
            framework=framework,
        )
        for framework in dataset.frameworks
    ]
    criteria = [
        render(
            "criterion.md.j2",
            f"criteria/{criterion.id}.md",
            criterion.title,
            edit_path="data/criteria.yml",
            criterion=criterion,
        )
        for criterion in dataset.criteria
    ]
    pairs = [
        render(
            "pair.md.j2",
            pair_path(first, second),
            f"{first.name} vs {second.name}",
            in_nav=False,
            first=first,
            second=second,
        )
        for first, second in dataset.pairs()
    ]
    singles = [
        render(template, path, title, **values)
        for template, path, title, values in [
            ("home.md.j2", "index.md", "Home", {}),
            ("criteria_index.md.j2", "criteria/index.md", "All criteria", {}),
            ("features.md.j2", "features.md", "Feature matrix", {}),
            ("compare_index.md.j2", "compare/index.md", "Compare two frameworks", {}),
            ("sources.md.j2", "sources.md", "Sources", {"citations": citations(context)}),
            ("review.md.j2", "review.md", "Needs review", {"stale": stale_facts(dataset, context.today)}),
        ]
    ]
    home, criteria_index, matrix, compare, sources, review = singles
    nav = [
        {"Home": home.path},
        {"Frameworks": [{item.title: item.path} for item in frameworks]},
        {"Criteria": [{criteria_index.title: criteria_index.path}] + [{item.title: item.path} for item in criteria]},
        {matrix.title: matrix.path},
        {compare.title: compare.path},
        {sources.title: sources.path},
        {review.title: review.path},
    ]
    pages = [*singles, *frameworks, *criteria, *pairs]
    check_unique_addresses(pages)
    return Site(pages=pages, nav=nav, api=api_files(dataset))


class CollisionError(ValueError):
    """Two generated pages share a path, or two sections of a page share an anchor."""


def check_unique_addresses(pages: list[Page]) -> None:
    """Fail instead of letting one page or section silently replace another."""
    paths: set[str] = set()
    for page in pages:
        if page.path in paths:
            raise CollisionError(f"two generated pages share the path {page.path!r}")
        paths.add(page.path)
        anchors: set[str] = set()
        for match in ANCHOR.finditer(page.markdown):
            anchor = match.group(1) or match.group(2)
            if anchor in anchors:
                raise CollisionError(f"{page.path}: two sections share the anchor #{anchor}")
            anchors.add(anchor)


def api_files(dataset: Dataset) -> dict[str, str]:
    """The data as JSON, one file per framework plus an index: a stable API for other tools."""

    def dump(value: Any) -> str:
        # Escaping "<" keeps the JSON inert even if a browser is tricked into reading it as HTML.
        text = json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"

    sheets = {framework.slug: framework.model_dump(mode="json") for framework in dataset.frameworks}
    files = {f"api/frameworks/{slug}.json": dump(sheet) for slug, sheet in sheets.items()}
    files["api/frameworks.json"] = dump(
        {
            "frameworks": [
                {"slug": slug, "name": sheet["name"], "url": f"frameworks/{slug}.json"}
                for slug, sheet in sheets.items()
            ],
            "features": [feature.model_dump(mode="json") for feature in dataset.features],
            "criteria": [criterion.model_dump(mode="json") for criterion in dataset.criteria],
            "metrics": [metric.model_dump(mode="json") for metric in dataset.metrics],
        }
    )
    return files


def citations(context: Context) -> list[tuple[str, list[Sourced | FeatureSupport]]]:
    """Every cited URL with the facts that cite it, sorted by URL."""
    by_url: dict[str, list[Sourced | FeatureSupport]] = {}
    for framework in context.dataset.frameworks:
        for _, fact in iter_facts(framework):
            if fact.source:
                by_url.setdefault(fact.source, []).append(fact)
    return sorted(by_url.items())


def sample_files(dataset: Dataset, framework: Framework, criterion: Criterion) -> list[str]:
    """The sample module, then any template file the module names, as paths under data/samples/."""
    module = dataset.root / dataset.sample_path(framework, criterion.sample or "")
    source = module.read_text(encoding="utf-8")
    templates = sorted((module.parent / "templates").glob("*")) if (module.parent / "templates").is_dir() else []
    named = [path for path in templates if path.name in source]
    return [path.relative_to(dataset.root / "data" / "samples").as_posix() for path in [module, *named]]


def highlighted_sample(path: Path, file: str) -> Markup:
    """A sample as highlighted HTML: rendered here, so no line of it can end a Markdown fence,
    include another file or hide lines, and every line is shown."""
    lexer = PythonLexer() if path.suffix == ".py" else HtmlDjangoLexer()
    formatter = HtmlFormatter(cssclass="highlight", filename=f"data/samples/{file}", wrapcode=True)
    return Markup(highlight(path.read_text(encoding="utf-8", errors="replace"), lexer, formatter).strip("\n"))
