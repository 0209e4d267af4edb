"""Render the Traditional (Taiwan) site from the Simplified Markdown.

The ``zhkb`` plugin converts, at build time, everything a reader
sees that comes from ``docs/`` or from the nav: the page Markdown, the front
matter shown on pages (title, description, tags) and nav titles.  The search
index and tags page are built from those, so they come out Traditional too.

Conversion is plain :func:`zhkb.convert.convert` over the whole Markdown: the
parts that must stay identical between variants -- heading ids like
``{#t3}``, link targets, HTML comments such as ``<!-- material/tags -->`` --
are ASCII, which OpenCC leaves unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from zhkb.convert import convert

#: Conversion of one string of text.
Converter = Callable[[str], str]

#: Front matter keys whose values readers see (page title, meta description, tags, tips' first sentences).
#: Others (``id``, ``source``) are identifiers and stay as written.
SHOWN_META_KEYS = ("title", "description", "tags", "tips")


def traditional_converter(opencc_dir: Path) -> Converter:
    """Simplified -> Taiwan Traditional, with the reviewed overrides in ``opencc_dir``."""
    return functools.partial(convert, direction="s2tw", overrides_dir=opencc_dir)


def convert_meta(meta: dict[str, Any], to_traditional: Converter) -> dict[str, Any]:
    """A copy of ``meta`` with the values of :data:`SHOWN_META_KEYS` converted."""
    converted = dict(meta)
    for key in SHOWN_META_KEYS:
        if key in converted:
            converted[key] = _convert_value(converted[key], to_traditional)
    return converted


def _convert_value(value: Any, to_traditional: Converter) -> Any:
    if isinstance(value, str):
        return to_traditional(value)
    if isinstance(value, list):
        return [_convert_value(item, to_traditional) for item in value]
    if isinstance(value, dict):  # tip id -> text: the keys are identifiers
        return {key: _convert_value(item, to_traditional) for key, item in value.items()}
    return value


def convert_nav_titles(items: Iterable[Page | Section | Link], to_traditional: Converter) -> None:
    """Convert, in place, the titles the nav config gives to sections, pages and links.

    Runs before pages are read: a page whose title is still unknown (``None``)
    takes it later from its converted front matter or first heading.
    """
    for item in items:
        if item.title:
            item.title = to_traditional(item.title)
        if isinstance(item, Section):
            convert_nav_titles(item.children, to_traditional)
