"""The ``zhkb`` MkDocs plugin: the site layer of both variants, in the order MkDocs calls it.

    plugins:
      - search: ...   # Material's search box and result list, answered by zhkb's engine (zhkb.site.search)
      - tags: ...     # Material's tags; zhkb gives it reviewed slugs and orders (zhkb.site.tags)
      - zhkb: ...     # options: zhkb.site.config

One class; its events below read top-down in the order MkDocs calls them, and
every priority the site depends on is set here and nowhere else:

==================  ========  ==========================================================
event               priority  why there
==================  ========  ==========================================================
on_config           -100      after Material's search plugin made its index (0)
on_files            0
on_nav              0
on_page_markdown    100       before the tags plugin reads tags (-50) and before rendering
on_page_content     0
on_env              0         after the tags plugin wrote its listings (100)
on_page_context     0
on_template_context 0
on_post_page        0
on_post_template    0         (404.html: the short links of the ``anchors`` layout)
on_post_build       -100      after Material's search plugin wrote its index (0)
==================  ========  ==========================================================

Everything one build learns lives in :class:`Build`, made anew at each
``on_config``: MkDocs calls ``on_config`` for every build, so a live server
rebuilding, or two builds in one process, start from nothing.  The logic is
in the modules named at each step, and tested there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from zhkb.site import alternate, material, nav, pwa, related, removed, seo, share, tags, tiplinks
from zhkb.search.rules import SCRIPTS
from zhkb.site.compact import compact
from zhkb.site.config import ZhkbConfig
from zhkb.site.nav import around as navigation_around
from zhkb.site.search import SiteSearch
from zhkb.site.traditional import Converter, convert_meta, convert_nav_titles, traditional_converter

#: The plugin's own templates (short pages, sitemap), found after the site's ``custom_dir`` and before Material's.
TEMPLATES = Path(__file__).with_name("templates")
#: Template variables: the language switch (``partials/alternate.html``), related questions (``partials/comments.html``).
ALTERNATES_VARIABLE = "zhkb_alternates"
RELATED_VARIABLE = "zhkb_related"
SITEMAP_VARIABLE = "zhkb_sitemap"
#: Material's feature that writes only the current section's nav into a page.
PRUNE = "navigation.prune"
log = logging.getLogger("mkdocs.plugins.zhkb")
#: Front matter a page shows as text: raw in ``docs/``, escaped once here for the templates.
ESCAPED_META_KEYS = ("title", "description")


class LanguageStrings:
    """The interface strings of the theme's language partials (``overrides/partials/languages/``)."""

    def __init__(self, config: MkDocsConfig) -> None:
        self._language = config.theme["language"]
        template = config.theme.get_env().get_template("partials/language.html", None, {"config": config})
        self._module = template.module

    def __call__(self, key: str) -> str:
        value = str(self._module.t(key)).strip()
        if not value or value == key:
            raise ConfigurationError(f"no string {key!r} in partials/languages/{self._language}.html")
        return value


@dataclass
class Build:
    """What one build of one variant knows."""

    language: str
    variants: list[seo.Variant]
    own: seo.Variant
    strings: LanguageStrings
    #: Simplified text in this variant's script (as is, or converted to Traditional).
    to_site_script: Converter
    tags: tags.TagTables
    search: SiteSearch
    share: share.ShareExtension
    #: How tips are shared: ``pages`` (a short page each) or ``anchors`` (zhkb.site.tiplinks).
    tip_layout: str = "pages"
    #: The short pages of the tips rendered so far (``pages`` layout).
    short_pages: list[share.ShortPage] = field(default_factory=list)
    #: Each tip rendered so far → its page's URL (``anchors`` layout: the short links' map).
    tip_articles: dict[str, str] = field(default_factory=dict)
    #: Related pages of this build's pages (made on the first page rendered).
    related: related.RelatedIndex | None = None
    #: Whether a nav folder was cut into numbered sections (zhkb.site.nav).
    sectioned: bool = False

    @property
    def converts(self) -> bool:
        return self.to_site_script is not str


class ZhkbPlugin(BasePlugin[ZhkbConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self._build: Build | None = None

    @property
    def build(self) -> Build:
        if self._build is None:
            raise PluginError("zhkb: on_config has not run")
        return self._build

    # --- configuration ---------------------------------------------------------------------

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> None:
        material.check_version()
        if not config.site_url:
            raise ConfigurationError("site_url is required: hreflang, canonical and preview URLs must be absolute")
        if self.config.nav_section_size < 2:
            raise ConfigurationError(f"zhkb: nav_section_size must be at least 2, not {self.config.nav_section_size}")
        _add_template_folder(config)
        language = config.theme["language"]
        strings = LanguageStrings(config)
        # The site's script is a fact of its language, stated in the language partial.
        script = strings("zhkb.script")
        if script not in SCRIPTS:
            raise ConfigurationError(f"partials/languages/{language}.html: zhkb.script must be one of {SCRIPTS}")
        opencc_dir = Path(self.config.opencc)
        to_traditional = traditional_converter(opencc_dir)
        variants = seo.site_variants(config.extra.get("alternate") or [], language, config.site_url)
        try:
            # Both scripts in one table: the same slugs serve the Simplified and Traditional sites.
            tag_tables = tags.TagTables(tags.slug_table(tags.load_taxonomy(Path(self.config.taxonomy)),
                                                        [to_traditional]))
        except ValueError as error:
            raise ConfigurationError(f"zhkb taxonomy: {error}") from error
        tags_plugin = config.plugins.get("material/tags")
        if tags_plugin is not None:
            tag_tables.install(tags_plugin.config)
        search = SiteSearch(self.config.search, script, opencc_dir)
        search.on_config(config)
        share_extension = share.ShareExtension(share.ShareWords(
            strings("zhkb.share"), strings("zhkb.copied"), strings("zhkb.copy_failed")))
        config.markdown_extensions.append(share_extension)
        self._build = Build(
            language=language,
            variants=variants,
            own=next(variant for variant in variants if variant.lang == language),
            strings=strings,
            to_site_script=to_traditional if script == "hant" else str,
            tags=tag_tables,
            search=search,
            share=share_extension,
        )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        taken = [file.src_uri for file in files.documentation_pages() if file.url.startswith("t/")]
        if taken:
            raise PluginError(f"pages under t/ would clash with the tips' short pages: {', '.join(taken)}")
        page_uris = [file.src_uri for file in files.documentation_pages()]
        self._choose_tip_layout(files)
        try:
            order = nav.load_page_order(Path(config.docs_dir) / nav.ORDER_FILE)
            if config.nav:
                # Each page then carries its own section of the nav only, not every page of a large corpus.
                size = self.config.nav_section_size
                self.build.sectioned = nav.is_sectioned(config.nav, page_uris, size)
                if self.build.sectioned and PRUNE not in config.theme["features"]:
                    config.theme["features"].append(PRUNE)
                config.nav = nav.expand_folders(config.nav, page_uris, order, size)
        except ValueError as error:
            raise PluginError(str(error)) from error
        # Questions under each tag on the tags page come in the same order as in the nav.
        self.build.tags.use_page_order(order)

    def _choose_tip_layout(self, files: Files) -> None:
        build = self.build
        pages = files.documentation_pages()
        tips = tiplinks.count_tips(file.content_string for file in pages)
        build.tip_layout = tiplinks.choose_layout(self.config.tip_pages, len(pages), tips, len(build.variants),
                                                  self.config.file_budget)
        build.share.tip_pages = build.tip_layout == "pages"
        if self.config.tip_pages == "auto" and build.tip_layout == "anchors":
            estimate = tiplinks.estimated_files(len(pages), tips, len(build.variants), tip_pages=True)
            log.info(f"zhkb: a short page for each of {tips:,} tips would make about {estimate:,} files, over "
                     f"file_budget ({self.config.file_budget:,}): tips are shared as links into their articles")

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        if self.build.converts:
            convert_nav_titles(nav.items, self.build.to_site_script)

    # --- pages -----------------------------------------------------------------------------

    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build = self.build
        simplified = markdown
        if build.converts:
            page.meta = convert_meta(page.meta, build.to_site_script)
            markdown = build.to_site_script(markdown)
        build.search.learn(simplified, markdown)  # the Simplified source, and the site's text
        # Escaped once, here; templates that escape again leave escaped text alone (markupsafe.Markup).
        for key in ESCAPED_META_KEYS:
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        build.share.page_url = page.url
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build = self.build
        context = build.strings("zhkb.from_article").format(article=share.plain(page.title or ""))
        for tip in share.page_tips(page.toc, page.meta.get("tips")):
            if build.tip_layout == "pages":
                build.short_pages.append(share.tip_page(tip, page.url, page.canonical_url, context,
                                                        build.strings("zhkb.read_tip")))
            else:
                build.tip_articles[tip.id] = page.url
        build.search.on_page_content(html, page)
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        tags_plugin = config.plugins.get("material/tags")
        if tags_plugin is not None:
            # The tags plugin wrote its listings after MkDocs collected each page's anchors: add them,
            # or MkDocs would call links to them (tags.md#tag:trust) broken.
            slug_format = tags_plugin.config.tags_slugify_format
            for file in files.documentation_pages():
                page = file.page
                if page is not None and page.content and page.present_anchor_ids is not None:
                    page.present_anchor_ids |= tags.listing_anchor_ids(page.content, slug_format)
        self.build.search.on_env(env)
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        build = self.build
        if build.related is None:  # pages' tags are known once their Markdown is read, before any page is rendered
            build.related = related.RelatedIndex([_tagged(each) for each in nav.pages])
        context[RELATED_VARIABLE] = build.related.related_to(_tagged(page)) if page.meta.get("tags") else []
        context[ALTERNATES_VARIABLE] = alternate.page_alternates(config.extra["alternate"], build.language, page.url)
        if build.sectioned:
            # Each page carries its own section of a large folder, not every section's link.
            context["nav"] = navigation_around(nav, page)
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        build = self.build
        # Pages without a Markdown source (404.html) switch to the other variant's home page.
        context[ALTERNATES_VARIABLE] = alternate.page_alternates(config.extra["alternate"], build.language, None)
        if template_name == "sitemap.xml":
            context[SITEMAP_VARIABLE] = seo.Sitemap(build.variants, seo.listed_variants(build.variants, build.own))
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        build = self.build
        preview = seo.Preview(
            title=page.meta.get("title") or page.title or config.site_name,
            description=page.meta.get("description") or config.site_description or "",
            url=page.canonical_url,
            site_name=config.site_name,
            locale=build.strings("zhkb.og_locale"),
            image_url=config.site_url + pwa.PREVIEW_IMAGE,
            kind="article" if page.meta.get("tags") else "website",
        )
        head = (seo.alternate_tags(seo.hreflang_links(build.variants, page.url))
                + seo.preview_tags(preview) + pwa.head_tags(page.url))
        output = material.without_alternate_links(output).replace("</head>", head + "</head>", 1)
        return compact(material.name_search_dialog(output, escape(build.strings("zhkb.search_dialog"))))

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output  # sitemap.xml
        # 404.html is served at any path: no alternates (Material's are relative to the root), but a named search.
        label = escape(self.build.strings("zhkb.search_dialog"))
        output = material.name_search_dialog(material.without_alternate_links(output), label)
        if template_name == "404.html" and self.build.tip_layout == "anchors":
            output = tiplinks.with_redirect_script(output)  # short links already shared are no files here
        return compact(output)

    # --- after the pages -------------------------------------------------------------------

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.build
        site_dir = Path(config.site_dir)
        build.search.on_post_build(site_dir)
        material.narrow_sitemap_lookup_in(site_dir)
        env = config.theme.get_env()
        identity = share.SiteIdentity(config.site_name, build.language, build.strings("zhkb.og_locale"),
                                      config.site_url + pwa.PREVIEW_IMAGE)
        share.write_short_pages(site_dir, env, build.short_pages, identity)
        tiplinks.write_map_files(site_dir, build.tip_articles)
        # After the live short pages: a retired id that answers again keeps its live page.
        words = removed.RemovedWords(build.strings("zhkb.removed_title"), build.strings("zhkb.removed_description"),
                                     build.strings("zhkb.removed_go"))
        gone = removed.load_removed(Path(config.docs_dir) / removed.REMOVED_FILE)
        share.write_short_pages(site_dir, env, removed.removed_pages(gone, words, build.to_site_script), identity,
                                keep_existing=True)
        if build.own.root == "/":
            (site_dir / "robots.txt").write_text(seo.robots_txt(build.own.root_url + "sitemap.xml"), encoding="utf-8")
        # Last: the worker's version is a hash of the files it caches, as they are now.
        pwa.write_app_files(site_dir, name=config.site_name, description=config.site_description or "",
                            lang=build.language, own_root=build.own.root,
                            variant_roots=[variant.root for variant in build.variants],
                            precache=build.search.precache_paths(site_dir))


def _add_template_folder(config: MkDocsConfig) -> None:
    """Put :data:`TEMPLATES` after the site's ``custom_dir``, before Material's own templates."""
    dirs: list[Any] = config.theme.dirs
    if str(TEMPLATES) not in dirs:
        position = next((i for i, folder in enumerate(dirs) if Path(folder) == material.TEMPLATES), len(dirs))
        dirs.insert(position, str(TEMPLATES))


def _tagged(page: Page) -> related.TaggedPage:
    return related.TaggedPage(page.url, page.title or "", tuple(page.meta.get("tags") or ()))
