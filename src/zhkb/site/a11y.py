"""Accessibility fixes to Material's markup that its templates have no option for.

Material's search (``partials/search.html``) is a ``role="dialog"`` without an
accessible name, which axe reports as a serious violation (aria-dialog-name)
on every page.  The hook names it after the page is rendered; copying the
whole template to add one attribute would drift from Material on upgrades.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

#: The search dialog's opening tag, exactly as Material 9.8 writes it.
MATERIAL_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'

#: The dialog's name by theme language: Material's own word for the search field.
SEARCH_LABELS: Mapping[str, str] = {"zh-Hans": "搜索", "zh-Hant": "搜尋"}


def search_label(language: str) -> str:
    try:
        return SEARCH_LABELS[language]
    except KeyError:
        raise ValueError(f"no search dialog label for theme language {language!r} (zhkb.site.a11y)") from None


def label_search_dialog(page_html: str, label: str) -> str:
    """``page_html`` with Material's search dialog named ``label`` (unchanged if it has no search)."""
    named = MATERIAL_SEARCH_DIALOG[:-1] + f' aria-label="{html.escape(label)}">'
    return page_html.replace(MATERIAL_SEARCH_DIALOG, named, 1)
