"""The licences are stated once (macros/licences.py) and every other place names the same ones:
LICENSE, LICENSE-DATA, CITATION.cff, README, CONTRIBUTING, the API index and the footer; every
dataset data/ was imported from is listed with its own licence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from macros import addresses, licences
from macros.advisories import ADVISORIES_DIR
from macros.model import ROOT, Dataset

GITHUB_REPOSITORY = re.compile(r"^https://github\.com/[^/]+/[^/]+")


def test_the_licence_files_name_the_licences() -> None:
    assert licences.CODE.name in (ROOT / "LICENSE").read_text(encoding="utf-8")
    data = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert licences.DATA.name in data and licences.DATA.url in data
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
    assert citation["license"] == licences.DATA.spdx
    assert (citation["url"], citation["repository-code"]) == (config["site_url"], config["repo_url"])
    assert {"cff-version", "message", "title", "authors"} <= citation.keys()


def test_readme_and_contributing_say_under_what_licence_contributions_are_published() -> None:
    for name in ("README.md", "CONTRIBUTING.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "(LICENSE-DATA)" in text and "(LICENSE)" in text and licences.DATA.label in text, name


def test_every_imported_dataset_is_listed_with_its_licence(dataset: Dataset) -> None:
    listed = {item.url for item in licences.THIRD_PARTY}
    sources = {series.source for series in dataset.history}
    sources |= {
        yaml.safe_load(path.read_text(encoding="utf-8"))["source"] for path in (ROOT / ADVISORIES_DIR).glob("*.yml")
    }
    repositories = {match[0] for source in sources if (match := GITHUB_REPOSITORY.match(source))}
    assert repositories and repositories <= listed, repositories - listed


def test_the_api_index_and_the_footer_state_the_data_licence(site_dir: Path) -> None:
    index = json.loads((site_dir / addresses.api_index()).read_text(encoding="utf-8"))
    assert index["licence"]["data"]["spdx"] == licences.DATA.spdx
    assert [item["name"] for item in index["licence"]["third_party"]] == [item.name for item in licences.THIRD_PARTY]
    for page in ("index.html", "compare/django-vs-flask/index.html", "api/index.html"):
        footer = (site_dir / page).read_text(encoding="utf-8").split('class="md-copyright"', 1)[1][:1000]
        assert f'href="{licences.DATA.url}"' in footer and "/blob/main/LICENSE" in footer, page
