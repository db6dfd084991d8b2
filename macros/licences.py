"""Under what terms the site's code and data are published, and the third-party data it republishes.

The one owner of licence facts: the footer, the API index, the data package and the API page
read them from here; LICENSE, LICENSE-DATA and CITATION.cff name the same licences (a test
compares them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    spdx: str  # an SPDX identifier, or "none stated"
    name: str
    url: str | None  # the licence text
    short: str = ""  # how the footer names it, when it differs from the SPDX identifier

    @property
    def label(self) -> str:
        return self.short or self.spdx


CODE = Licence("MIT", "MIT License", "https://opensource.org/license/mit")
DATA = Licence(
    "CC-BY-4.0",
    "Creative Commons Attribution 4.0 International",
    "https://creativecommons.org/licenses/by/4.0/",
    "CC BY 4.0",
)
NONE_STATED = Licence("none stated", "no licence stated", None)


@dataclass(frozen=True)
class ThirdPartyData:
    """A dataset some of data/ was imported or derived from; its part keeps its own terms."""

    name: str
    url: str
    licence: Licence
    used_in: str  # which files of data/ hold what was taken from it
    attribution: str


THIRD_PARTY: tuple[ThirdPartyData, ...] = (
    ThirdPartyData(
        "PyPA Advisory Database",
        "https://github.com/pypa/advisory-database",
        DATA,
        "data/advisories/ (advisory ids, aliases, summaries, affected and fixed versions)",
        "Python Packaging Authority, PyPA Advisory Database",
    ),
    ThirdPartyData(
        "best-of-web-python",
        "https://github.com/ml-tooling/best-of-web-python",
        Licence(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution-ShareAlike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        "the best-of-web-python series of data/history/ (stars and downloads over time)",
        "ml-tooling, best-of-web-python",
    ),
    ThirdPartyData(
        "web-framework-rank",
        "https://github.com/tbicr/web-framework-rank",
        Licence("MIT", "MIT License", "https://github.com/tbicr/web-framework-rank/blob/master/LICENSE"),
        "the web-framework-rank series of data/history/",
        "Paveł Tyślacki, web-framework-rank",
    ),
    ThirdPartyData(
        "top-pypi-packages",
        "https://github.com/hugovk/top-pypi-packages",
        NONE_STATED,
        "the top-pypi-packages series of data/history/ (monthly downloads)",
        "Hugo van Kemenade, top-pypi-packages",
    ),
    ThirdPartyData(
        "repostory",
        "https://github.com/0x0w1/repostory",
        NONE_STATED,
        "the repostory series of data/history/ (daily stars)",
        "0x0w1, repostory",
    ),
)


def footer_html(details_url: str, code_licence_url: str | None) -> str:
    """The footer's line (trusted text: these constants and the site's own configured addresses)."""
    code = f'<a href="{code_licence_url}">{CODE.label}</a>' if code_licence_url else CODE.label
    return (
        f'Data: <a href="{DATA.url}">{DATA.label}</a>, third-party parts under their own terms '
        f'(<a href="{details_url}">details</a>). Code: {code}.'
    )
