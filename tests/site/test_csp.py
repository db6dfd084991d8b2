"""Content-Security-Policy and referrer policy (issue 18): on every page, in force in a real
browser, and the site still works under it."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from factories import valid_sheet
from playwright.sync_api import Browser, Page

CSP = {"http-equiv": "Content-Security-Policy"}

# Records what the policy blocks, from before the page's first script runs.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
});
"""


def directives(meta: Tag) -> dict[str, list[str]]:
    parts = (part.split() for part in str(meta["content"]).split(";") if part.strip())
    return {name: values for name, *values in parts}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def theme_pages(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    """Every page the theme frames (the redirect pages of reversed pair addresses have no script)."""
    found = []
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        if not soup.find("meta", attrs={"http-equiv": "refresh"}):
            found.append((html, soup))
    return found


def test_every_page_states_the_policy_before_anything_it_governs(site_dir: Path) -> None:
    pages = theme_pages(site_dir)
    assert len(pages) > 100
    for html, soup in pages:
        meta = soup.head.find("meta", attrs=CSP)
        assert meta is not None, f"{html}: no Content-Security-Policy"
        assert not meta.find_all_previous(["script", "style"]), html
        assert not [link for link in meta.find_all_previous("link") if "stylesheet" in link.get("rel", [])], html
        assert soup.head.find("meta", attrs={"name": "referrer"})["content"] == "strict-origin-when-cross-origin"
        policy = directives(meta)
        assert policy["default-src"] == ["'none'"]
        assert policy["style-src"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"]
        inline = [script for script in soup.find_all("script") if not script.get("src")]
        for script in inline:
            if script.get("type") != "application/json":  # Material's configuration: data, never run
                assert sha256(script.string or "") in policy["script-src"], (
                    f"{html}: add {sha256(script.string or '')} to script-src in macros/theme/main.html "
                    f"for the inline script {(script.string or '')[:60]!r}"
                )
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert not soup.find_all("style") and not soup.find_all(style=True), f"{html}: inline style"


def open_page(browser: Browser, url: str) -> Page:
    page = browser.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url)
    return page


def injected_markup_is_blocked(page: Page) -> None:
    """What a hostile value would be if it ever escaped the templates: it must not run."""
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = 'script'";
        document.body.append(script);
        const holder = document.createElement("div");
        holder.innerHTML = '<img src="data:," onerror="window.__injected = \\'handler\\'">';
        document.body.append(holder);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__injected") is None
    blocked = page.evaluate("window.__violations")
    assert len(blocked) == 2 and all(item.startswith("script-src") for item in blocked), blocked


def test_search_works_under_the_policy(browser: Browser, base_url: str) -> None:
    page = open_page(browser, base_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("flask", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert page.evaluate("window.__violations") == []
    injected_markup_is_blocked(page)


def test_a_framework_page_runs_material_s_scripts_under_the_policy(browser: Browser, base_url: str) -> None:
    page = open_page(browser, base_url + "frameworks/flask/")
    page.locator("label[for=__palette_1]").first.click()  # Material's palette toggle, kept across pages
    page.goto(base_url + "trends/flask/")
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    assert scheme == page.locator("#__palette_1").get_attribute("data-md-color-scheme")
    assert page.evaluate("window.__violations") == []
    injected_markup_is_blocked(page)


def test_the_compare_page_builds_its_table_under_the_policy(browser: Browser, base_url: str) -> None:
    page = open_page(browser, base_url + "compare/?f=django,flask,litestar")
    table = page.locator(".compare-table")
    table.wait_for()
    assert "Litestar" in table.inner_text()
    assert page.evaluate("window.__violations") == []
    injected_markup_is_blocked(page)


@pytest.mark.parametrize("path", ["features/", "guide/", "compare/django-vs-flask/", "criteria/hello-world/"])
def test_other_page_types_run_without_a_violation(browser: Browser, base_url: str, path: str) -> None:
    page = open_page(browser, base_url + path)
    page.wait_for_load_state("networkidle")
    if path == "features/":
        header = page.locator("#matrix-table th").nth(1)
        header.click()
        assert header.get_attribute("aria-sort") in ("ascending", "descending"), "tablesort ran"
    assert page.evaluate("window.__violations") == []
    injected_markup_is_blocked(page)


def served(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def test_live_reload_runs_under_the_preview_s_policy(project, browser: Browser) -> None:
    root = project({"alpha": valid_sheet()})
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = browser.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        polls: list[str] = []
        page.on("request", lambda request: polls.append(request.url) if "/livereload/" in request.url else None)
        url = f"http://127.0.0.1:{port}/frameworks/alpha/"
        deadline = time.monotonic() + 60
        while not served(url):
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.5)
        page.goto(url)
        page.wait_for_timeout(500)
        assert page.evaluate("window.__violations") == []
        assert polls, "the live reload script polls the server"
        policy = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
        assert "style-src 'self';" in policy and "connect-src 'self';" in policy, "the rest of the policy holds"
    finally:
        server.terminate()
        server.wait(timeout=10)
