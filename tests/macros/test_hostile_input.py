"""Hostile files (issue 7): each is refused with one clear problem, quickly, and nothing leaks."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import unicodedata

import pytest
import yaml
from factories import valid_sheet

from macros.collections import load_dataset
from macros.fields import INVISIBLE, display_host, https_url
from macros.model import ROOT
from macros.problems import DataError

SHEET = yaml.safe_dump(valid_sheet(), sort_keys=False, allow_unicode=True)

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(10)
)


def problems_of(root) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(root)
    return [str(problem) for problem in caught.value.problems]


def test_alias_expansion_is_refused_quickly_within_500_mb(project) -> None:
    root = project({"alpha": SHEET + BILLION_LAUGHS})
    # A child with a 500 MB address-space limit: the old loader needed more than 8 GB here.
    script = textwrap.dedent(f"""
        import resource, time
        resource.setrlimit(resource.RLIMIT_AS, (500 * 2**20, 500 * 2**20))
        from macros.collections import load_dataset
        from macros.problems import DataError
        start = time.perf_counter()
        try:
            load_dataset(__import__("pathlib").Path({str(root)!r}))
        except DataError as error:
            print(error)
        print(f"seconds={{time.perf_counter() - start:.2f}}")
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "anchors (&name) are not allowed" in result.stdout
    assert float(re.search(r"seconds=([\d.]+)", result.stdout).group(1)) < 30  # a hang guard, not a benchmark


def test_nul_byte_is_reported_at_its_line(project) -> None:
    root = project({"alpha": SHEET.replace("kind: micro", "kind: mi\x00cro")})
    assert problems_of(root) == ["data/frameworks/alpha.yml:4:9: (file): NUL character; the file must be plain text"]


def test_invalid_utf8_is_reported_at_its_line(project) -> None:
    root = project({"alpha": SHEET})
    path = root / "data/frameworks/alpha.yml"
    path.write_bytes(path.read_bytes().replace(b"kind: micro", b"kind: \xffmicro"))
    [problem] = problems_of(root)
    assert problem.startswith("data/frameworks/alpha.yml:4:7: (file): invalid UTF-8 (byte 0xff)")


def test_oversized_file_is_refused_with_the_limit(project) -> None:
    root = project({"alpha": SHEET + "# padding\n" * 30_000})
    [problem] = problems_of(root)
    assert "the limit is 200,000" in problem


def test_oversized_values_cannot_bloat_the_site(project) -> None:
    sheet = valid_sheet()
    sheet["name"] = "A" * 5_000
    assert any("at most 40 characters" in problem for problem in problems_of(project({"alpha": sheet})))


def test_duplicate_check_is_linear(project) -> None:
    sheet = valid_sheet()
    sheet["pros"] = [f"pro {n}" for n in range(5000)]
    # Refused by the list limit before any pairwise comparison could run.
    assert any("at most 12 items" in problem for problem in problems_of(project({"alpha": sheet})))


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../.git/config"])
def test_symlinked_sample_file_is_refused(project, target: str) -> None:
    root = project({"alpha": valid_sheet()})
    sample = root / "data/samples/alpha/hello_world.py"
    sample.unlink()
    sample.symlink_to(target)
    assert "data/samples/alpha/hello_world.py:1:1: (file): must be a regular file or folder, not a symbolic link" in (
        problems_of(root)
    )


def test_symlinked_sample_folder_is_refused(project) -> None:
    root = project({"alpha": valid_sheet()})
    templates = root / "data/samples/alpha/templates"
    for path in templates.iterdir():
        path.unlink()
    templates.rmdir()
    templates.symlink_to("/etc")
    assert any(
        "data/samples/alpha/templates:1:1" in problem and "symbolic link" in problem for problem in problems_of(root)
    )


def test_symlinked_fact_sheet_is_refused(project) -> None:
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    sheet = root / "data/frameworks/beta.yml"
    sheet.unlink()
    sheet.symlink_to("/etc/passwd")
    assert "data/frameworks/beta.yml:1:1: (file): must be a regular file, not a symbolic link or anything else" in (
        problems_of(root)
    )


def test_one_bad_catalogue_entry_is_one_problem(project) -> None:
    root = project({"alpha": valid_sheet(), "beta": valid_sheet("beta", "Beta")})
    features = root / "data/features.yml"
    text = features.read_text(encoding="utf-8")
    features.write_text(text.replace("name: ORM", "name: ORM <b>", 1), encoding="utf-8")
    problems = problems_of(root)
    assert len(problems) == 1, problems
    assert problems[0].startswith("data/features.yml:") and "name" in problems[0]


def test_reserved_criterion_id_is_refused(project) -> None:
    root = project({"alpha": valid_sheet()})
    criteria = root / "data/criteria.yml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("- id: philosophy", "- id: index"), "utf-8")
    assert any("'index' is the name of a generated page" in problem for problem in problems_of(root))


def test_a_malformed_pin_does_not_hide_the_others(project) -> None:
    root = project({"alpha": valid_sheet()})
    (root / "data/samples/requirements.txt").write_text("broken line\nalpha==1.0\n", encoding="utf-8")
    problems = problems_of(root)
    assert problems == ["data/samples/requirements.txt:1:1: (file): expected name==version, got 'broken line'"]


def test_every_control_and_format_character_counts_as_invisible() -> None:
    allowed = {"\n", "\t"}
    missing = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in ("Cc", "Cf")
        and chr(code) not in allowed
        and not INVISIBLE.fullmatch(chr(code))
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.djangoproject.com/download/", "djangoproject.com"),
        ("https://PyPI.org:443/project/flask/", "pypi.org"),
        ("https://xn--bcher-kva.example/", "xn--bcher-kva.example"),
    ],
)
def test_displayed_host_is_the_host_the_browser_opens(url: str, host: str) -> None:
    assert display_host(https_url(url)) == host


@pytest.mark.parametrize(
    "url", ["https://0x7f.1/", "https://2130706433/", "https://127.1/", "https://0177.0.0.1/", "https://10.0.0.1:8443/"]
)
def test_numeric_hosts_are_refused_as_ip_addresses(url: str) -> None:
    with pytest.raises(ValueError, match=r"is an IP address; cite the source by its public domain name"):
        https_url(url)


def test_bracketed_ipv6_host_is_refused_as_an_ip_address() -> None:
    with pytest.raises(ValueError, match=r"host '\[::1\]' is an IP address"):
        https_url("https://[::1]/")


@pytest.mark.parametrize(
    "url",
    [
        "https://localhost/",
        "https://docs.localhost/",
        "https://wiki.local/",
        "https://a.internal/x",
        "https://intranet/",
    ],
)
def test_local_and_single_label_hosts_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match=r"is a local or private name that readers cannot open"):
        https_url(url)


def test_ip_host_in_a_sheet_is_one_problem_at_its_line(project) -> None:
    root = project({"alpha": SHEET.replace("homepage: https://alpha.example.org/", "homepage: https://0x7f.1/")})
    assert problems_of(root) == [
        "data/frameworks/alpha.yml:5:1: homepage: host '0x7f.1' is an IP address; "
        "cite the source by its public domain name"
    ]


@pytest.mark.parametrize("char", ["\ufffe", "\ufdd0", "\U0001ffff"])
def test_a_noncharacter_in_text_is_refused_by_code_point(project, char: str) -> None:
    sheet = valid_sheet()
    sheet["tagline"] = f"Alpha{char} is a framework."
    assert problems_of(project({"alpha": sheet})) == [
        f"data/frameworks/alpha.yml:3:1: tagline: contains the Unicode noncharacter U+{ord(char):04X} at position 6, "
        "which feeds (XML) cannot carry; delete it"
    ]


@pytest.mark.parametrize(("field", "value"), [("name", "Al\u200bpha"), ("slug", "al\u200bpha")])
def test_an_invisible_character_in_a_name_or_slug_is_named_not_printed(project, field: str, value: str) -> None:
    sheet = valid_sheet()
    sheet[field] = value
    [problem] = [problem for problem in problems_of(project({"alpha": sheet})) if f": {field}: " in problem]
    assert problem.endswith(
        f"{field}: contains the invisible or control character U+200B ZERO WIDTH SPACE at position 3; delete it"
    )
    assert "\u200b" not in problem
