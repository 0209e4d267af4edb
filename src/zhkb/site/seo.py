"""What search engines and chat apps read: language alternates, link previews, the sitemap.

- Every page names the same page in each variant (``hreflang`` zh-Hans,
  zh-Hant) and the Simplified one as ``x-default`` (the first entry of
  ``extra.alternate``), by absolute URL as search engines and Lighthouse ask.
  Material writes its own alternate links to each variant's *root*, relative;
  :func:`replace_alternate_links` puts ours in their place.
- Material's bundle fetches the ``sitemap.xml`` next to every
  ``link[rel=alternate]`` of a page, for its own language selector.  With
  per-page alternates that would be a failed request on every page view, and
  our switch links pages directly (:mod:`zhkb.site.alternate`), so
  :func:`disable_sitemap_lookup` switches that lookup off.
- Open Graph tags give chat apps a title, description and image to preview.
- Each variant's sitemap lists its pages with their alternates; the sitemap at
  the top of the site (the variant at ``/``) lists every variant's pages, as a
  sitemap may only list URLs under its own folder.  ``robots.txt`` names it.
"""

from __future__ import annotations

import gzip
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from mkdocs.exceptions import ConfigurationError

from zhkb.site.alternate import variant_root

#: ``hreflang`` of the page for readers whose language matches no variant.
DEFAULT_HREFLANG = "x-default"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

#: Material's alternate links in ``<head>`` (base.html, ``site_meta`` block), exactly as it writes them.
_MATERIAL_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')

#: The selector with which Material's bundle finds the links whose sitemaps it fetches.
MATERIAL_SITEMAP_SELECTOR = '"link[rel=alternate]"'
#: The same, narrowed to links that opt in, which no page of ours does.
OPT_IN_SITEMAP_SELECTOR = '"link[rel=alternate][data-md-sitemap]"'


@dataclass(frozen=True)
class Variant:
    """One site variant, as search engines see it."""

    lang: str
    #: Absolute URL of the variant's root, ending in ``/``.
    root_url: str
    #: The variant's root path from ``extra.alternate`` (``/``, ``/zh-Hant/``).
    root: str


@dataclass(frozen=True)
class Preview:
    """A page's link preview (Open Graph)."""

    title: str
    description: str
    #: The page's canonical URL; none without ``site_url``.
    url: str | None
    site_name: str
    locale: str
    image_url: str | None
    kind: str = "website"


def site_variants(alternates: Sequence[Mapping[str, Any]], language: str, site_url: str) -> list[Variant]:
    """Every variant of ``extra.alternate`` with its absolute root URL, from this variant's ``site_url``.

    All variants are served from one base: this variant's ``site_url`` minus
    its root path (``http://host/zh-Hant/`` minus ``/zh-Hant/``).
    """
    here = variant_root(alternates, language)
    scheme, host, path, _query, _fragment = urlsplit(site_url)
    if not path.endswith(here):
        raise ConfigurationError(f"site_url {site_url!r} must end with this variant's root {here!r}")
    base_path = path[: len(path) - len(here)]
    variants = []
    for entry in alternates:
        root = variant_root(alternates, entry["lang"])
        variants.append(Variant(entry["lang"], urlunsplit((scheme, host, base_path + root, "", "")), root))
    return variants


def hreflang_links(variants: Sequence[Variant], page_url: str) -> list[tuple[str, str]]:
    """``(hreflang, absolute URL)`` of the page at ``page_url`` in each variant, then ``x-default``."""
    links = [(variant.lang, variant.root_url + page_url) for variant in variants]
    return [*links, (DEFAULT_HREFLANG, variants[0].root_url + page_url)]


def alternate_tags(links: Sequence[tuple[str, str]]) -> str:
    return "".join(
        f'<link rel="alternate" hreflang="{html.escape(lang)}" href="{html.escape(url)}">' for lang, url in links
    )


def preview_tags(preview: Preview) -> str:
    """Open Graph ``<meta>`` tags for ``preview``."""
    properties = [
        ("og:type", preview.kind),
        ("og:site_name", preview.site_name),
        ("og:title", preview.title),
        ("og:description", preview.description),
        ("og:locale", preview.locale),
        ("og:url", preview.url),
        ("og:image", preview.image_url),
    ]
    return "".join(
        f'<meta property="{name}" content="{html.escape(value)}">' for name, value in properties if value
    )


def replace_alternate_links(page_html: str, head_tags: str) -> str:
    """``page_html`` without Material's alternate links, with ``head_tags`` at the end of ``<head>``."""
    without = _MATERIAL_ALTERNATE.sub("", page_html)
    return without.replace("</head>", head_tags + "</head>", 1)


def disable_sitemap_lookup(bundle_js: str) -> str:
    """Material's bundle with its sitemap lookup for alternate links switched off (see the module doc)."""
    if bundle_js.count(MATERIAL_SITEMAP_SELECTOR) != 1:
        raise ValueError(f"Material's bundle does not select {MATERIAL_SITEMAP_SELECTOR} once: was it upgraded?")
    return bundle_js.replace(MATERIAL_SITEMAP_SELECTOR, OPT_IN_SITEMAP_SELECTOR)


def disable_sitemap_lookup_in(site_dir: Path) -> list[Path]:
    """Apply :func:`disable_sitemap_lookup` to the built bundle(s) in ``site_dir``; return them."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        if OPT_IN_SITEMAP_SELECTOR not in text:
            bundle.write_text(disable_sitemap_lookup(text), encoding="utf-8")
    return bundles


def sitemap_pages(sitemap_xml: str, root_url: str) -> list[tuple[str, str | None]]:
    """``(page URL relative to the root, lastmod)`` of each ``<url>`` in a MkDocs sitemap."""
    pages = []
    for url in ET.fromstring(sitemap_xml).iter(f"{{{SITEMAP_NS}}}url"):
        loc = (url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
        if not loc.startswith(root_url):
            raise ValueError(f"sitemap URL {loc!r} is not under the site's root {root_url!r}")
        lastmod = url.findtext(f"{{{SITEMAP_NS}}}lastmod")
        pages.append((loc[len(root_url):], lastmod.strip() if lastmod else None))
    return pages


def listed_variants(variants: Sequence[Variant], own: Variant) -> list[Variant]:
    """The variants whose pages ``own``'s sitemap lists: itself, then those under its root."""
    return [own, *(v for v in variants if v is not own and v.root.startswith(own.root))]


def render_sitemap(pages: Sequence[tuple[str, str | None]], variants: Sequence[Variant], listed: Sequence[Variant]) -> str:
    """A sitemap of ``pages`` in each of the ``listed`` variants, each with its alternates in all ``variants``."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for variant in listed:
        for page_url, lastmod in pages:
            lines.append("  <url>")
            lines.append(f"    <loc>{html.escape(variant.root_url + page_url)}</loc>")
            if lastmod:
                lines.append(f"    <lastmod>{html.escape(lastmod)}</lastmod>")
            for lang, url in hreflang_links(variants, page_url):
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{html.escape(url)}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def rewrite_sitemap(site_dir: Path, variants: Sequence[Variant], own: Variant) -> None:
    """Replace MkDocs' ``sitemap.xml`` (and ``.gz``) in ``site_dir`` with :func:`render_sitemap`'s."""
    path = site_dir / "sitemap.xml"
    pages = sitemap_pages(path.read_text(encoding="utf-8"), own.root_url)
    text = render_sitemap(pages, variants, listed_variants(variants, own))
    path.write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def robots_txt(sitemap_url: str) -> str:
    """Everything may be crawled (the short pages say ``noindex`` themselves); the sitemap is here."""
    return f"User-agent: *\nDisallow:\n\nSitemap: {sitemap_url}\n"
