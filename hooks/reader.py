"""MkDocs hooks for what readers get beyond Material, in both site variants.

- a share control on every tip heading, and a short page per tip (``t/<id>/``);
- related questions at the end of each article;
- absolute ``hreflang`` alternates, Open Graph previews, a sitemap of both variants, ``robots.txt``;
- a web app manifest and a service worker for offline reading;
- an accessible name for Material's search dialog.

Thin on purpose: the logic is in :mod:`zhkb.site.share`, :mod:`~zhkb.site.related`,
:mod:`~zhkb.site.seo`, :mod:`~zhkb.site.pwa` and :mod:`~zhkb.site.a11y`, tested there.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from zhkb.site import a11y, pwa, related, removed, seo, share
from zhkb.site.settings import site_settings
from zhkb.site.traditional import traditional_converter

#: Template variable holding the related pages (``overrides/partials/comments.html``).
RELATED_VARIABLE = "zhkb_related"

#: The short pages of the tips found while rendering this build's pages.
_tip_pages: list[share.RedirectPage] = []
#: Related pages of this build's pages (made on the first page rendered).
_related: related.RelatedIndex | None = None


def on_config(config: MkDocsConfig) -> None:
    # Fail at startup, not on the first page, if a setting is missing.
    if not config.site_url:
        raise ConfigurationError("site_url is required: hreflang, canonical and preview URLs must be absolute")
    share.words_for(config.theme["language"])
    a11y.search_label(config.theme["language"])
    _variants(config)


def on_pre_build(config: MkDocsConfig) -> None:
    global _related
    _tip_pages.clear()
    _related = None


def on_files(files: Files, *, config: MkDocsConfig) -> None:
    taken = [file.src_uri for file in files.documentation_pages() if file.url.startswith("t/")]
    if taken:
        raise PluginError(f"pages under t/ would clash with the tips' short pages: {', '.join(taken)}")


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    words = share.words_for(config.theme["language"])
    for tip in share.tips_in_html(html):
        _tip_pages.append(share.tip_redirect(tip, page.url, page.title or "", page.canonical_url, words))
    return share.add_share_links(html, page.url, words)


def on_page_context(context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    global _related
    if _related is None:  # pages' tags are known once their Markdown is read, before any page is rendered
        _related = related.RelatedIndex([_tagged(each) for each in nav.pages])
    context[RELATED_VARIABLE] = _related.related_to(_tagged(page)) if page.meta.get("tags") else []
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    language = config.theme["language"]
    preview = seo.Preview(
        title=page.meta.get("title") or page.title or config.site_name,
        description=page.meta.get("description") or config.site_description or "",
        url=page.canonical_url,
        site_name=config.site_name,
        locale=share.words_for(language).og_locale,
        image_url=config.site_url + pwa.PREVIEW_IMAGE,
        kind="article" if page.meta.get("tags") else "website",
    )
    head = (
        seo.alternate_tags(seo.hreflang_links(_variants(config), page.url))
        + seo.preview_tags(preview)
        + pwa.head_tags(page.url)
    )
    return a11y.label_search_dialog(seo.replace_alternate_links(output, head), a11y.search_label(language))


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output  # sitemap.xml
    # 404.html is served at any path: no alternates (Material's are relative to the root), but a named search.
    label = a11y.search_label(config.theme["language"])
    return a11y.label_search_dialog(seo.replace_alternate_links(output, ""), label)


def on_post_build(*, config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    language = config.theme["language"]
    words = share.words_for(language)
    variants = _variants(config)
    own = next(variant for variant in variants if variant.lang == language)
    seo.disable_sitemap_lookup_in(site_dir)
    identity = share.SiteIdentity(config.site_name, language, config.site_url + pwa.PREVIEW_IMAGE)
    share.write_redirect_pages(site_dir, _tip_pages, identity, words)
    # After the live short pages: a retired id that answers again keeps its live page.
    removed_words = removed.WORDS[language]
    pages = removed.removed_pages(removed.load_removed(Path(config.docs_dir) / removed.REMOVED_FILE), removed_words,
                                  _script_converter(config))
    removed.write_removed_pages(site_dir, pages, identity, words, removed_words)
    seo.rewrite_sitemap(site_dir, variants, own)
    if own.root == "/":
        (site_dir / "robots.txt").write_text(seo.robots_txt(own.root_url + "sitemap.xml"), encoding="utf-8")
    # Last: the worker's version is a hash of the files it caches, as they are now.
    pwa.write_app_files(site_dir, name=config.site_name, description=config.site_description or "", lang=language,
                        own_root=own.root, variant_roots=[variant.root for variant in variants])


def _script_converter(config: MkDocsConfig):
    """Renders Simplified text in this variant's script (the removed pages' titles come from the registry)."""
    if config.theme["language"] == "zh-Hant":
        return traditional_converter(site_settings(config.extra, config.config_file_path).opencc_dir)
    return str


def _variants(config: MkDocsConfig) -> list[seo.Variant]:
    return seo.site_variants(config.extra["alternate"], config.theme["language"], config.site_url)


def _tagged(page: Page) -> related.TaggedPage:
    return related.TaggedPage(page.url, page.title or "", tuple(page.meta.get("tags") or ()))
