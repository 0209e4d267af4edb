"""The language switch: links to the same page in each site variant.

Material's switch links each ``extra.alternate`` entry as written and relies
on a script that maps the current path onto another variant by URL prefix,
which cannot work when one variant lives at ``/`` and the other at
``/zh-Hant/``.  Here every entry's ``link`` is its variant's root (``/``,
``/zh-Hant/``), the current variant is the entry whose ``lang`` is the theme
language, and each entry links the current page in its variant, relative to
that page, so the site works wherever it is served.  The template
(``overrides/partials/alternate.html``) shows these links and a small script
(``docs/assets/javascripts/alternate.js``) carries the current ``#tip``
anchor over on click.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import ConfigurationError
from mkdocs.utils import get_relative_url


@dataclass(frozen=True)
class Alternate:
    """One entry of the language switch, as the template shows it."""

    name: str
    lang: str
    href: str
    current: bool


def variant_root(alternates: Sequence[Mapping[str, Any]], language: str) -> str:
    """The root path (``link``) of the variant whose ``lang`` is ``language``."""
    for alternate in alternates:
        if alternate.get("lang") == language:
            return _root(alternate)
    raise ConfigurationError(f"'extra.alternate' has no entry with lang {language!r} (the theme language)")


def page_alternates(
    alternates: Sequence[Mapping[str, Any]], language: str, page_url: str | None
) -> list[Alternate]:
    """The switch entries for the page at ``page_url`` (relative to its variant's root).

    Without a page (e.g. the 404 page, which is served at any path), entries
    link each variant's root by its absolute path.
    """
    here = variant_root(alternates, language)
    entries = []
    for alternate in alternates:
        root = _root(alternate)
        href = root if page_url is None else get_relative_url(root + page_url, here + page_url)
        entries.append(Alternate(alternate["name"], alternate["lang"], href, alternate["lang"] == language))
    return entries


def _root(alternate: Mapping[str, Any]) -> str:
    link = alternate.get("link")
    if not isinstance(link, str) or not (link.startswith("/") and link.endswith("/")):
        raise ConfigurationError(f"'extra.alternate' link {link!r} must be a variant's root path like '/zh-Hant/'")
    return link
