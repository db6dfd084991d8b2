"""The Nu HTML Checker (vnu.jar, the W3C validator's engine) finds no error in what our templates
write, on one page of every page type (issue 21). Material's own errors are listed below, each
recognised by its message and by the theme's markup it names, so a new error of ours fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from macros.model import Dataset
from macros.pages import REGISTRY
from macros.render import url_directory

# (start of the message, text of the theme's markup in the message's extract)
THEME_ERRORS = (
    # Material's drawer, search and palette toggles are checkboxes with autocomplete="off".
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-option"'),
    # Material's nav section labels carry tabindex="" when the section is not collapsible.
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link"'),
    # On pages that hide the table of contents, Material keeps its title's label for it.
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden", 'for="__toc"'),
)


def vnu_jar() -> Path:
    path = Path(os.environ.get("VNU_JAR", ".venv/node/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))
    assert path.is_file(), "vnu.jar is missing: scripts/test installs it (npm install vnu-jar)"
    assert shutil.which("java"), "java is missing: scripts/test installs it (apt-get install default-jre-headless)"
    return path


def one_page_per_type(dataset: Dataset, site_dir: Path) -> list[Path]:
    pages = []
    for page_type in REGISTRY:
        instance = next(iter(page_type.instances(dataset)), None)
        if instance:
            pages.append(site_dir / url_directory(instance.path).lstrip("/") / "index.html")
    return [*pages, site_dir / "404.html"]


def is_theme_error(message: dict[str, str]) -> bool:
    return any(
        message["message"].startswith(start) and markup in message.get("extract", "") for start, markup in THEME_ERRORS
    )


def test_our_templates_write_valid_html(dataset: Dataset, site_dir: Path) -> None:
    pages = one_page_per_type(dataset, site_dir)
    checked = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr)["messages"]
    assert messages, "the checker reported nothing at all: Material's known errors should be there"
    ours = [
        f"{message['url'].rsplit(site_dir.name + '/', 1)[-1]}: {message['message']} [{message.get('extract', '')}]"
        for message in messages
        if not is_theme_error(message)
    ]
    assert ours == []
