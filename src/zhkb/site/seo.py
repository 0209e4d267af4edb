"""What search engines and chat apps read: language alternates, link previews, the sitemap.

- Every page names the same page in each variant (``hreflang`` zh-Hans,
  zh-Hant) and the Simplified one as ``x-default`` (the first entry of
  ``extra.alternate``), by absolute URL as search engines and Lighthouse ask;
  Material's own alternate links, relative and to each variant's *root*, are
  taken out (:func:`zhkb.site.material.without_alternate_links`).
- Open Graph tags give chat apps a title, description and image to preview.
- Each variant's sitemap (the ``sitemap.xml`` template of the plugin) lists its
  pages with their alternates; the sitemap at the top of the site (the variant
  at ``/``) lists every variant's pages, as a sitemap may only list URLs under
  its own folder.  ``robots.txt`` names it.

Values are escaped here once, with :func:`markupsafe.escape`, which leaves
text the plugin already marked as escaped (:class:`markupsafe.Markup`) alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from markupsafe import escape
from mkdocs.exceptions import ConfigurationError

from zhkb.site.alternate import variant_root

#: ``hreflang`` of the page for readers whose language matches no variant.
DEFAULT_HREFLANG = "x-default"


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
    return "".join(f'<link rel="alternate" hreflang="{escape(lang)}" href="{escape(url)}">' for lang, url in links)


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
        f'<meta property="{name}" content="{escape(value)}">' for name, value in properties if value
    )


def listed_variants(variants: Sequence[Variant], own: Variant) -> list[Variant]:
    """The variants whose pages ``own``'s sitemap lists: itself, then those under its root."""
    return [own, *(v for v in variants if v is not own and v.root.startswith(own.root))]


@dataclass(frozen=True)
class Sitemap:
    """What the ``sitemap.xml`` template needs: the variants it lists, and every variant for the alternates."""

    variants: Sequence[Variant]
    listed: Sequence[Variant]

    def alternates(self, page_url: str) -> list[tuple[str, str]]:
        return hreflang_links(self.variants, page_url)


def robots_txt(sitemap_url: str) -> str:
    """Everything may be crawled (the short pages say ``noindex`` themselves); the sitemap is here."""
    return f"User-agent: *\nDisallow:\n\nSitemap: {sitemap_url}\n"
