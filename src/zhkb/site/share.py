"""Send a colleague one tip: a share control on every tip heading, and a short page per tip.

Readers mostly share single tips in chats.  Every tip heading (``## 说话要真诚
{#t12}``) gets a visible share control in place of the toc extension's
hover-only ``¶`` (phones have no hover): :class:`ShareLinks`, a Markdown
treeprocessor, adds it while the page is rendered.  The control is a plain
link to the tip's short page ``t/<id>/`` (or, in a large site's ``anchors``
layout, :mod:`zhkb.site.tiplinks`, to the tip on its page), so without JavaScript a long press
still copies the short link; ``assets/javascripts/share.js`` turns a tap into
the system share sheet (``navigator.share``) or, where there is none, copies
the link and says so.

The short page is tiny: it sends the reader on to the tip in its article (a
meta refresh plus a visible link, so it works without JavaScript) and carries
the tip's own title and first sentence as ``<title>``, meta description and
Open Graph tags, which chat apps show as the link's preview.  It is kept out
of search engines (``noindex``; its canonical link is the tip in its article)
and out of the site's search index and sitemap (it is not a MkDocs page).
The tips come from the structure, not from the rendered page: ids and titles
from the page's table of contents, first sentences from the ``tips`` the
ingest stage writes into the front matter.  The template
(``templates/zhkb/short-page.html``) also renders the pages of removed
content (:mod:`zhkb.site.removed`), with its ``redirect`` flag off.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from zhkb.ids import TIP_ID
from zhkb.site.compact import compact
from zhkb.write import shorten

#: Where a tip's short page lives, relative to its variant's root.
TIP_PAGE_PATH = "t/{tip_id}/"
#: The template of short pages, in the plugin's template folder.
SHORT_PAGE_TEMPLATE = "zhkb/short-page.html"

#: Material's share icon (``material/share-variant``), inline so that it shows in every colour scheme.
SHARE_ICON_PATH = (
    "M18 16.08c-.76 0-1.44.3-1.96.77L8.91 12.7c.05-.23.09-.46.09-.7s-.04-.47-.09-.7l7.05-4.11c.54.5 1.25.81 2.04.81"
    "a3 3 0 0 0 3-3 3 3 0 0 0-3-3 3 3 0 0 0-3 3c0 .24.04.47.09.7L8.04 9.81C7.5 9.31 6.79 9 6 9a3 3 0 0 0-3 3 3 3 0 0 0"
    " 3 3c.79 0 1.5-.31 2.04-.81l7.12 4.15c-.05.21-.08.43-.08.66 0 1.61 1.31 2.91 2.92 2.91s2.92-1.3 2.92-2.91"
    "A2.92 2.92 0 0 0 18 16.08"
)
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class ShareWords:
    """What the share control says, in one variant's language (``zhkb.*`` keys of the language partials)."""

    #: Accessible name and tooltip of the share control.
    share: str
    #: Said after the link was copied (the fallback without a share sheet).
    copied: str
    #: Said when copying failed too, so the reader knows to long-press the control instead.
    copy_failed: str


def tip_page_path(tip_id: str) -> str:
    """The short page of a tip, relative to its variant's root: ``t/t12/``."""
    if not TIP_ID.fullmatch(tip_id):
        raise ValueError(f"not a tip id: {tip_id!r}")
    return TIP_PAGE_PATH.format(tip_id=tip_id)


# --- the share control ------------------------------------------------------------------------


class ShareLinks(Treeprocessor):
    """Gives every tip heading a share link to its short page, in place of its ``¶`` permalink.

    Runs after the toc extension (which writes the permalink, and has read the
    heading's title by then).  ``page_url`` is the URL of the page being
    rendered, relative to the variant's root: the link is relative to it, so
    the site works wherever it is served.
    """

    def __init__(self, md: Markdown, words: ShareWords) -> None:
        super().__init__(md)
        self.words = words
        self.page_url = ""
        #: Link each tip's short page, or (False: the ``anchors`` layout of :mod:`zhkb.site.tiplinks`) its place
        #: on this page.
        self.tip_pages = True

    def run(self, root: etree.Element) -> None:
        for heading in root.iter():
            tip_id = heading.get("id") or ""
            if heading.tag in HEADINGS and TIP_ID.fullmatch(tip_id):
                self._add_share_link(heading, tip_id)

    def _add_share_link(self, heading: etree.Element, tip_id: str) -> None:
        for child in list(heading):
            if child.tag == "a" and child.get("class") == "headerlink":
                heading.remove(child)
        classes = heading.get("class")
        heading.set("class", f"zhkb-tip {classes}" if classes else "zhkb-tip")
        title = etree.Element("span", {"class": "zhkb-tip-title"})
        title.text, heading.text = heading.text, None
        for child in list(heading):
            heading.remove(child)
            title.append(child)
        heading.append(title)
        link = etree.SubElement(heading, "a", {
            "class": "zhkb-share",
            "href": get_relative_url(tip_page_path(tip_id), self.page_url) if self.tip_pages else f"./#{tip_id}",
            "data-zhkb-share": tip_id,
            "data-zhkb-copied": self.words.copied,
            "data-zhkb-copy-failed": self.words.copy_failed,
            "aria-label": self.words.share,
            "title": self.words.share,
        })
        icon = etree.SubElement(link, "svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 24 24",
                                              "aria-hidden": "true", "focusable": "false"})
        etree.SubElement(icon, "path", {"d": SHARE_ICON_PATH})


class ShareExtension(Extension):
    """The Markdown extension the ``zhkb`` plugin adds: :class:`ShareLinks` after the toc extension (priority 5)
    and after MkDocs checked the page's links (``relpath``, 0): the short pages are not MkDocs pages."""

    def __init__(self, words: ShareWords) -> None:
        super().__init__()
        self.words = words
        self.page_url = ""
        self.tip_pages = True

    def extendMarkdown(self, md: Markdown) -> None:
        processor = ShareLinks(md, self.words)
        processor.page_url = self.page_url
        processor.tip_pages = self.tip_pages
        md.treeprocessors.register(processor, "zhkb_share", -1)


# --- short pages ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TipSummary:
    """A tip as its page's structure knows it."""

    id: str
    #: Plain text (not HTML).
    title: str
    #: The first sentence of the tip's text (empty if it has none).
    summary: str


def plain(text: str) -> str:
    """Plain text of a title that may be HTML (a toc title) or escaped text (:class:`Markup`)."""
    return Markup(text).striptags() if "<" in text or "&" in text else " ".join(text.split())


def page_tips(toc: Iterable[Any], summaries: Mapping[str, str] | None) -> list[TipSummary]:
    """The tips of a page from its ``page.toc``, in page order, with their first sentences from ``summaries``."""
    tips = []
    for item in toc:
        if TIP_ID.fullmatch(item.id or ""):
            tips.append(TipSummary(item.id, plain(item.title), shorten(str((summaries or {}).get(item.id, "")))))
        tips.extend(page_tips(item.children, summaries))
    return tips


@dataclass(frozen=True)
class ShortPage:
    """A small page outside MkDocs's pages: a tip's short link, or what answers for removed content."""

    #: Where the page lives, relative to the variant's root (``t/t12/``).
    path: str
    title: str
    description: str
    #: The page it leads to, relative to the variant's root (``articles/win-over/#t12``).
    target: str
    #: Absolute URL of ``target`` for the canonical link and ``og:url``; none without one.
    canonical_url: str | None
    #: Names where the target is, e.g. the article's title; shown on the page.
    context: str
    #: The visible link to ``target``.
    link_text: str
    #: Go on to ``target`` at once (a tip's short link), or stay and say why (removed content).
    redirect: bool = True

    @property
    def href(self) -> str:
        """``target`` relative to this page."""
        path, _, fragment = self.target.partition("#")
        return get_relative_url(path, self.path) + (f"#{fragment}" if fragment else "")


@dataclass(frozen=True)
class SiteIdentity:
    """What a short page says about the site it belongs to."""

    name: str
    lang: str
    og_locale: str
    #: Absolute URL of the image chat apps show with the preview; none without ``site_url``.
    image_url: str | None


def tip_page(tip: TipSummary, page_url: str, canonical_page_url: str | None, context: str,
             link_text: str) -> ShortPage:
    """The short page of ``tip``, found on the page at ``page_url``."""
    return ShortPage(
        path=tip_page_path(tip.id),
        title=tip.title,
        description=tip.summary or tip.title,
        target=f"{page_url}#{tip.id}",
        canonical_url=f"{canonical_page_url}#{tip.id}" if canonical_page_url else None,
        context=context,
        link_text=link_text,
    )


def render_short_page(env: Any, page: ShortPage, site: SiteIdentity) -> str:
    """The HTML of a short page, from :data:`SHORT_PAGE_TEMPLATE` in the theme's Jinja environment."""
    return env.get_template(SHORT_PAGE_TEMPLATE).render(page=page, site=site, js_string=js_string)


def js_string(text: str) -> str:
    """``text`` as a JavaScript string literal that is safe inside ``<script>``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c")
    return f'"{escaped}"'


def write_short_pages(site_dir: Path, env: Any, pages: Iterable[ShortPage], site: SiteIdentity, *,
                      keep_existing: bool = False) -> list[Path]:
    """Write each page to ``site_dir/<path>/index.html`` (unless ``keep_existing`` and one is there)."""
    written = []
    for page in pages:
        target = site_dir / page.path / "index.html"
        if keep_existing and target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(compact(render_short_page(env, page, site)), encoding="utf-8")
        written.append(target)
    return written
