"""Validation: the real data passes, and each kind of bad input gets a precise message."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from factories import valid_sheet

from macros.collections import contributor_table, load_dataset
from macros.model import ROOT, framework_schema, iter_facts
from macros.problems import DataError
from macros.yaml_source import DateAsTextLoader

SHEET = yaml.safe_dump(valid_sheet(), sort_keys=False, allow_unicode=True)
ORM = "  orm:\n    level: built-in\n"

# (case, text to replace, replacement, text on the line the error must name, field, message)
BAD_INPUTS = [
    ("yaml-syntax", "pros:\n- small", "pros: [small", "cons:", "", "YAML syntax error"),
    (
        "duplicate-key",
        "kind: micro\n",
        "kind: micro\nkind: full-stack\n",
        "kind: full-stack",
        "kind",
        "duplicate key 'kind'",
    ),
    (
        "unknown-field",
        "license:\n  value",
        "license:\n  sorce: x\n  value",
        "sorce:",
        "license.sorce",
        "did you mean 'source'",
    ),
    ("wrong-type", "pros:\n- small\n", "pros: small\n", "pros:", "pros", "valid list"),
    (
        "missing-field",
        "tagline: Alpha is a synthetic framework for tests.\n",
        "",
        "slug:",
        "tagline",
        "missing required field 'tagline'",
    ),
    (
        "missing-source",
        "  value: BSD-3-Clause\n  source: https://example.org/docs/page\n",
        "  value: BSD-3-Clause\n",
        "license:",
        "license.source",
        "missing required field 'source'",
    ),
    (
        "missing-as-of",
        "python:\n  value: '>=3.10'\n  source: https://example.org/docs/page\n  as_of: '2026-01-15'\n",
        "python:\n  value: '>=3.10'\n  source: https://example.org/docs/page\n",
        "python:",
        "python.as_of",
        "missing required field 'as_of'",
    ),
    ("http-url", "homepage: https://", "homepage: http://", "homepage:", "homepage", "must be an https:// URL"),
    (
        "javascript-url",
        "documentation: https://alpha.example.org/docs/",
        "documentation: javascript:alert(1)",
        "documentation:",
        "documentation",
        "must be an https:// URL",
    ),
    (
        "data-url",
        "repository: https://github.com/example/alpha",
        "repository: data:text/html,<script>x</script>",
        "repository:",
        "repository",
        "must be an https:// URL",
    ),
    ("malformed-date", "  date: '2010-04-16'", "  date: 2010-13-45", "2010-13-45", "first_release.date", "YYYY-MM-DD"),
    (
        "future-date",
        "  date: '2026-01-10'",
        "  date: '2999-01-10'",
        "2999-01-10",
        "latest_release.date",
        "in the future",
    ),
    ("slug-mismatch", "slug: alpha", "slug: beta", "slug:", "slug", "must match the file name"),
    ("unknown-feature", ORM, "  ormm:\n    level: built-in\n", "ormm:", "features.ormm", "did you mean 'orm'"),
    (
        "missing-feature",
        ORM + "    source: https://example.org/docs/page\n    as_of: '2026-01-15'\n",
        "",
        "features:",
        "features",
        "missing feature 'orm'",
    ),
    ("unknown-criterion", "  security:\n", "  securty:\n", "securty:", "criteria.securty", "did you mean 'security'"),
    ("unknown-metric", "  github-stars:", "  github-starz:", "github-starz:", "metrics.github-starz", "unknown metric"),
    (
        "duplicate-notable-user",
        "pros:",
        "- organisation: example corp\n  usage: more tools\n  source: https://example.org/x\n"
        "  as_of: '2026-01-15'\npros:",
        "organisation: example corp",
        "notable_users[1]",
        "duplicate entry",
    ),
    ("duplicate-pro", "- small\n", "- small\n- Small\n", "- Small", "pros[1]", "duplicate entry"),
    (
        "empty-string",
        "tagline: Alpha is a synthetic framework for tests.",
        "tagline: '   '",
        "tagline:",
        "tagline",
        "must not be empty",
    ),
    (
        "placeholder",
        "tagline: Alpha is a synthetic framework for tests.",
        "tagline: TODO write this",
        "tagline:",
        "tagline",
        "placeholder",
    ),
    (
        "partial-without-missing",
        ORM,
        "  orm:\n    level: partial\n",
        "  orm:",
        "features.orm.missing",
        "say what is missing",
    ),
    (
        "extension-without-packages",
        ORM,
        "  orm:\n    level: third-party\n",
        "  orm:",
        "features.orm.packages",
        "needs 'packages'",
    ),
    (
        "level-without-source",
        "  orm:\n    level: built-in\n    source: https://example.org/docs/page\n",
        "  orm:\n    level: built-in\n",
        "  orm:",
        "features.orm.source",
        "needs a 'source'",
    ),
    ("bad-level", ORM, "  orm:\n    level: yes\n", "level: yes", "features.orm.level", "'built-in'"),
    ("unquoted-version", "  version: '3.1'", "  version: 3.1", "version: 3.1", "latest_release.version", "put quotes"),
    (
        "release-order",
        "  date: '2010-04-16'",
        "  date: '2026-01-12'",
        "2026-01-12",
        "first_release.date",
        "must not be dated after the latest release",
    ),
    ("markup-in-name", "name: Alpha", "name: '[x](javascript:alert(1))'", "name:", "name", "should match pattern"),
    (
        "criterion-without-claims",
        "  performance:\n    summary: Alpha on Performance [1].\n    claims:\n",
        "  performance:\n    summary: Alpha on Performance [1].\n    claims: []\n    old_claims:\n",
        "old_claims",
        "criteria.performance.old_claims",
        "unknown field",
    ),
    ("not-a-mapping", SHEET, "- just\n- a list\n", "- just", "", "must be a mapping"),
    # Hostile input (issue 7): markup, hidden text, misleading links, expansion and size.
    ("entity-in-name", "name: Alpha", "name: A &ltscript&gt", "name:", "name", "'&' must be followed by a space"),
    ("long-name", "name: Alpha", "name: " + "A" * 41, "name:", "name", "at most 40 characters"),
    ("long-tagline", "tagline: Alpha", "tagline: " + "x" * 300 + " Alpha", "tagline:", "tagline", "at most 250"),
    (
        "long-url",
        "homepage: https://alpha.example.org/",
        "homepage: https://a.org/" + "x" * 500,
        "homepage:",
        "homepage",
        "at most 500",
    ),
    (
        "too-many-pros",
        "pros:\n- small\n",
        "pros:\n" + "".join(f"- pro {n}\n" for n in range(13)),
        "pros:",
        "pros",
        "at most 12 items",
    ),
    (
        "url-user-info",
        "homepage: https://alpha.example.org/",
        "homepage: https://alpha.example.org@evil.test/",
        "homepage:",
        "homepage",
        "user information",
    ),
    (
        "url-backslash",
        "homepage: https://alpha.example.org/",
        "homepage: 'https://evil.test\\@alpha.example.org/'",
        "homepage:",
        "homepage",
        "backslash",
    ),
    (
        "url-bidi",
        "homepage: https://alpha.example.org/",
        'homepage: "https://alpha.example.org/\\u202egnp.exe"',
        "homepage:",
        "homepage",
        "U+202E",
    ),
    (
        "url-mixed-script-host",
        "homepage: https://alpha.example.org/",
        "homepage: https://\u0430lpha.example.org/",
        "homepage:",
        "homepage",
        "plain ASCII",
    ),
    (
        "zero-width-in-text",
        "tagline: Alpha is a synthetic framework for tests.",
        'tagline: "Alpha\\u200b is here"',
        "tagline:",
        "tagline",
        "U+200B",
    ),
    ("bidi-in-pro", "- small\n", '- "sm\\u202eall"\n', '- "sm', "pros[0]", "U+202E"),
    (
        "duplicate-pro-fullwidth",
        "- small\n",
        "- small\n- \uff53\uff4d\uff41\uff4c\uff4c\n",
        "- \uff53",
        "pros[1]",
        "duplicate entry",
    ),
    ("yaml-anchor", "pros:\n- small\n", "pros:\n- &a small\n- *a\n", "&a", "", "anchors"),
    ("yaml-tag", "tagline: Alpha", "tagline: !!binary QWxwaGE= \nx: Alpha", "!!binary", "", "tags"),
    ("non-text-key", "kind: micro\n", "kind: micro\n1: one\n", "1: one", "", "keys must be text"),
    ("complex-key", "kind: micro\n", "kind: micro\n? [a, b]\n: one\n", "? [a, b]", "", "keys must be text"),
    ("deep-nesting", "pros:\n- small\n", "pros: " + "[" * 40 + "]" * 40 + "\n", "pros:", "", "levels deep"),
    ("reserved-slug", "slug: alpha", "slug: alpha-vs-beta", "slug:", "slug", "reserved"),
    (
        "summary-without-references",
        "summary: Alpha on Performance [1].",
        "summary: Alpha is the fastest.",
        "Alpha is the fastest",
        "criteria.performance.summary",
        "must end with the claims that back it",
    ),
    (
        "summary-cites-missing-claim",
        "summary: Alpha on Performance [1].",
        "summary: Alpha on Performance [1]. It scales [2].",
        "It scales",
        "criteria.performance.summary",
        "cites claim [2], but there are 1",
    ),
]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle.strip() in line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "field", "message"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_is_reported_with_file_line_and_field(project, old, new, needle, field, message) -> None:
    assert old in SHEET, "the case must change the sheet"
    text = SHEET.replace(old, new, 1)
    root = project({"alpha": text})
    with pytest.raises(DataError) as caught:
        load_dataset(root)
    expected_line = line_of(text, needle)
    matching = [p for p in caught.value.problems if p.field == field and message in p.message]
    assert matching, f"no problem for {field!r} containing {message!r} in:\n{caught.value}"
    assert matching[0].file == "data/frameworks/alpha.yml"
    assert matching[0].line == expected_line, str(matching[0])
    assert str(matching[0]).startswith(f"data/frameworks/alpha.yml:{expected_line}:")


def test_catalogue_size_meets_the_contributor_promise() -> None:
    assert len({case[0] for case in BAD_INPUTS}) >= 25


def test_every_problem_is_reported_at_once(project) -> None:
    text = SHEET.replace("homepage: https://", "homepage: http://").replace("kind: micro", "kind: huge")
    with pytest.raises(DataError) as caught:
        load_dataset(project({"alpha": text}))
    assert {problem.field for problem in caught.value.problems} >= {"homepage", "kind"}


def test_criterion_needs_a_claim(project) -> None:
    sheet = valid_sheet()
    sheet["criteria"]["security"] = {}
    with pytest.raises(DataError, match=r"criteria\.security\.claims: needs at least one sourced claim"):
        load_dataset(project({"alpha": sheet}))


def test_missing_sample_file_is_reported(project) -> None:
    root = project({"alpha": valid_sheet()})
    (root / "data/samples/alpha/hello_world.py").unlink()
    with pytest.raises(DataError, match=r"missing data/samples/alpha/hello_world\.py"):
        load_dataset(root)


def test_unpinned_package_is_reported(project) -> None:
    root = project({"alpha": valid_sheet()})
    (root / "data/samples/requirements.txt").write_text("other==1.0\n")
    with pytest.raises(DataError, match="not pinned"):
        load_dataset(root)


def test_real_data_is_valid_and_every_fact_is_sourced() -> None:
    dataset = load_dataset(ROOT)
    assert len(dataset.frameworks) >= 2
    for framework in dataset.frameworks:
        for path, fact in iter_facts(framework):
            assert fact.source or getattr(fact, "level", None) == "unknown", (framework.slug, path)


def test_contributing_lists_the_data_collections_of_the_registry() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert contributor_table() in text, "run: python -m scripts.export_schema"
    assert "`data/releases/<slug>.yml`" in contributor_table()


def test_exported_schema_matches_the_model() -> None:
    exported = json.loads((ROOT / "data/schema/framework.schema.json").read_text(encoding="utf-8"))
    assert exported == framework_schema(), "run: python -m scripts.export_schema"


def test_exported_schema_accepts_the_real_fact_sheets() -> None:
    schema = framework_schema()
    for path in sorted((ROOT / "data/frameworks").glob("*.yml")):
        jsonschema.validate(yaml.load(path.read_text(encoding="utf-8"), Loader=DateAsTextLoader), schema)


def test_fact_sheets_point_editors_at_the_schema() -> None:
    for path in sorted((ROOT / "data/frameworks").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/framework.schema.json", path.name


def test_sample_file_names_cannot_smuggle_markup(project) -> None:
    root = project({"alpha": valid_sheet()})
    Path(root / 'data/samples/alpha/templates/x" onload="y.html').write_text("x")
    with pytest.raises(DataError, match="file name"):
        load_dataset(root)
