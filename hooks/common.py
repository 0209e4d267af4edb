"""MkDocs hooks for both site variants (Simplified and Traditional).

Thin on purpose: the logic is in :mod:`zhkb.site` and tested there.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from zhkb.site import alternate, nav, offline, search_assets, settings, tags
from zhkb.site.traditional import traditional_converter

#: Template variable holding the language switch entries (``overrides/partials/alternate.html``).
ALTERNATES_VARIABLE = "zhkb_alternates"
#: Material's feature that writes only the current section's nav into a page.
PRUNE = "navigation.prune"


def on_config(config: MkDocsConfig) -> None:
    site = settings.site_settings(config.extra, config.config_file_path)
    # Both scripts in one table: the same slugs serve the Simplified and Traditional sites.
    taxonomy = tags.load_taxonomy(site.taxonomy_file)
    tags.use_slug_table(tags.slug_table(taxonomy, [traditional_converter(site.opencc_dir)]))
    # Fail at startup, not on the first page, if the switch cannot find this variant.
    alternate.variant_root(config.extra.get("alternate", []), config.theme["language"])


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    page_uris = [file.src_uri for file in files.documentation_pages()]
    section_size = settings.site_settings(config.extra, config.config_file_path).nav_section_size
    try:
        order = nav.load_page_order(Path(config.docs_dir) / nav.ORDER_FILE)
        if config.nav:
            # Each page then carries its own section of the nav only, not every page of a large corpus.
            if nav.is_sectioned(config.nav, page_uris, section_size) and PRUNE not in config.theme["features"]:
                config.theme["features"].append(PRUNE)
            config.nav = nav.expand_folders(config.nav, page_uris, order, section_size)
    except ValueError as error:
        raise PluginError(str(error)) from error
    # Questions under each tag on the tags page come in the same order as in the nav.
    tags.use_page_order(order)


# After the tags plugin writes its listings into pages (its on_env runs at
# priority 100): MkDocs collected page anchors before that, and checks links
# against them later, so it would call links to tag anchors broken.
@event_priority(0)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> None:
    slug_format = config.plugins["material/tags"].config.tags_slugify_format
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.content and page.present_anchor_ids is not None:
            page.present_anchor_ids |= tags.listing_anchor_ids(page.content, slug_format)


def on_page_context(context: TemplateContext, *, page: Page, config: MkDocsConfig, **kwargs: object) -> TemplateContext:
    context[ALTERNATES_VARIABLE] = alternate.page_alternates(
        config.extra["alternate"], config.theme["language"], page.url
    )
    return context


def on_template_context(context: TemplateContext, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
    # Pages without a Markdown source (404.html) switch to the other variant's home page.
    context[ALTERNATES_VARIABLE] = alternate.page_alternates(config.extra["alternate"], config.theme["language"], None)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    search_config = config.plugins["material/search"].config
    search_assets.remove_unloaded_language_files(Path(config.site_dir), search_config.lang)
    offline.neutralise_theme_assets(Path(config.site_dir))
