"""Field types for untrusted text: lengths, visible characters, names, slugs and URLs.

Every string in data/ passes through one of these types, so each rule is stated once here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic.fields import FieldInfo

# Upper-case markers only: "a to-do list" or "Todo app" are legitimate text.
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|(?i:lorem ipsum)")

# Characters that render as nothing or reorder text: controls (except newline and tab, which
# YAML block scalars produce), format characters (zero-width, bidi overrides, tags), line and
# paragraph separators, and fillers that display as blanks. tests/macros/test_fields.py checks
# that every Unicode "Cc" and "Cf" character is covered.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u2800\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)

# Code points Unicode reserves as never being characters: U+FDD0-U+FDEF and the last two of
# every plane. XML 1.0 forbids U+FFFE and U+FFFF, so one of them makes a whole feed unreadable.
NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
    + "]"
)

# Longest accepted text per kind of field, in characters: enough for the longest real value,
# small enough that no single value can bloat every page it is repeated on.
LIMITS = {"name": 40, "short": 250, "text": 500, "url": 500}

# Host names in ASCII only (one script by construction), with an optional port.
HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?")

# Browsers read a host whose last label is a number (decimal, octal or 0x hexadecimal) as an
# IPv4 address: 0x7f.1, 2130706433 and 127.1 all open 127.0.0.1.
NUMERIC_LABEL = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*")

# Names that only resolve inside a machine or a private network (RFC 6761, 6762, 8375, ICANN's
# .internal, and .lan and .corp by custom): a reader's browser would open something of theirs.
LOCAL_SUFFIXES = ("localhost", "local", "internal", "home.arpa", "lan", "corp")


def visible_text(value: str) -> str:
    """NFC-normalised text with no character that hides or reorders what a reviewer sees."""
    if match := INVISIBLE.search(value):
        raise ValueError(
            f"contains the invisible or control character {described(match.group(0))} "
            f"at position {match.start() + 1}; delete it"
        )
    if match := NONCHARACTER.search(value):
        raise ValueError(
            f"contains the Unicode noncharacter {described(match.group(0))} at position {match.start() + 1}, "
            "which feeds (XML) cannot carry; delete it"
        )
    return unicodedata.normalize("NFC", value)


def described(char: str) -> str:
    """A character by code point and name, never the character itself: it may be invisible."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()


def _plain(value: Any) -> Any:
    # Runs before a name's or slug's pattern, whose message would only repeat the pattern.
    if isinstance(value, str):
        visible_text(value)
    return value


def _text(value: str) -> str:
    value = visible_text(value).strip()
    if not value:
        raise ValueError("must not be empty")
    if found := PLACEHOLDER.search(value):
        raise ValueError(f"still holds placeholder text ({found.group(0)!r})")
    return value


def _name(value: str) -> str:
    # "&lt" without a semicolon is still decoded by browsers and by the theme's title handling.
    if re.search(r"&(?!\s)", value):
        raise ValueError("'&' must be followed by a space (no entity-like sequences such as '&lt')")
    return value


def https_url(value: str) -> str:
    """An https URL whose displayed host is the host a browser opens."""
    visible_text(value)
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or re.search(r"\s", value):
        raise ValueError(f"must be an https:// URL, got {value!r}")
    if "\\" in value:
        raise ValueError("must not contain a backslash (browsers read it as '/')")
    if "@" in parts.netloc:
        raise ValueError("must not contain user information ('user@'): the host shown would not be the host opened")
    if parts.netloc.startswith("["):
        raise ValueError(f"host {parts.netloc!r} is an IP address; cite the source by its public domain name")
    if not HOST.fullmatch(parts.netloc):
        raise ValueError(
            f"host {parts.netloc!r} must be plain ASCII letters, digits, dots and hyphens "
            "(write an international name in its xn-- form)"
        )
    _public_host(parts.netloc.rsplit(":", 1)[0].lower())
    if PLACEHOLDER.search(value):
        raise ValueError(f"still holds placeholder text: {value!r}")
    return value


def _public_host(host: str) -> None:
    labels = host.split(".")
    if NUMERIC_LABEL.fullmatch(labels[-1]):
        raise ValueError(f"host {host!r} is an IP address; cite the source by its public domain name")
    if len(labels) == 1 or any(host == suffix or host.endswith("." + suffix) for suffix in LOCAL_SUFFIXES):
        raise ValueError(
            f"host {host!r} is a local or private name that readers cannot open; "
            "cite the source by its public domain name"
        )


def display_host(url: str) -> str:
    """The host as the browser will open it (validated URLs only), without a leading www."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def short_url(url: str) -> str:
    """A cited URL as a list of sources shows it: its host, the first and last parts of its path
    (with any #anchor) and an ellipsis for what lies between; the link keeps the whole URL."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) > 2:
        segments = [segments[0], "\u2026", segments[-1]]
    path = "/".join(segments) + (f"#{parts.fragment}" if parts.fragment else "")
    return display_host(url) + (f"/{path}" if path else "")


def _not_future(value: dt.date) -> dt.date:
    if value > dt.date.today():
        raise ValueError(f"{value} is in the future")
    return value


def comparison_key(value: str) -> str:
    """What two entries must not share: case, compatibility forms and spacing ignored."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def _limited(kind: str) -> FieldInfo:
    return Field(max_length=LIMITS[kind])


Text = Annotated[str, AfterValidator(_text), _limited("text")]
# A command written by a script (a footprint run's timed code, which may configure a framework first).
LongText = Annotated[str, AfterValidator(_text), Field(max_length=3000)]
ShortText = Annotated[str, AfterValidator(_text), _limited("short")]
HttpsUrl = Annotated[str, AfterValidator(https_url), _limited("url")]
PastDate = Annotated[dt.date, AfterValidator(_not_future)]
# Slugs and ids become file names and anchors.
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=LIMITS["name"]), BeforeValidator(_plain)]
# Names and titles appear in headings, page titles, the nav and tab labels, so they are kept to
# characters that Markdown and HTML treat as plain text.
Name = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 .,/&()'+-]*$", max_length=LIMITS["name"]),
    AfterValidator(_name),
    BeforeValidator(_plain),
]
Version = Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+)*([a-z]+[0-9]*)?$", max_length=20)]
