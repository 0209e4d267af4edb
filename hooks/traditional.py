"""MkDocs hooks that render the Traditional (Taiwan) site from the Simplified Markdown.

Only ``mkdocs.zh-Hant.yml`` lists this hook.  Thin on purpose: the logic is
in :mod:`zhkb.site.traditional` and tested there.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from zhkb.site.settings import site_settings
from zhkb.site.traditional import Converter, convert_meta, convert_nav_titles, traditional_converter

#: Set at ``on_config``; hooks are modules, so their state is module state.
_to_traditional: Converter | None = None


def on_config(config: MkDocsConfig) -> None:
    global _to_traditional
    _to_traditional = traditional_converter(site_settings(config.extra, config.config_file_path).opencc_dir)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
    convert_nav_titles(nav.items, _converter())


# First of all page_markdown handlers: everything after it -- the tags plugin
# (priority -50) reading page.meta["tags"], Markdown rendering, and so the
# search index built from the rendered page -- must see Traditional text.
@event_priority(100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    to_traditional = _converter()
    page.meta = convert_meta(page.meta, to_traditional)
    return to_traditional(markdown)


def _converter() -> Converter:
    if _to_traditional is None:
        raise RuntimeError("hooks/traditional.py: on_config has not run")
    return _to_traditional
