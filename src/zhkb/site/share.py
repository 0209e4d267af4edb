"""Send a colleague one tip: a share control on every tip heading, and a short link per tip.

Readers mostly share single tips in chats.  Every tip heading
(``<h2 id="t12">``) gets a visible share control in place of Material's
hover-only ``¶`` (phones have no hover).  The control is a plain link to the
tip's short page ``t/<id>/``, so without JavaScript a long press still copies
the short link; ``assets/javascripts/share.js`` turns a tap into the system
share sheet (``navigator.share``) or, where there is none, copies the link and
says so.

The short page (:func:`render_redirect_page`) is tiny: it sends the reader on
to the tip in its article (a meta refresh plus a visible link, so it works
without JavaScript) and carries the tip's own title and first sentence as
``<title>``, meta description and Open Graph tags, which chat apps show as
the link's preview.  It is kept out of search engines (``noindex``; its
canonical link is the tip in its article) and out of the site's search index
and sitemap (it is not a MkDocs page).  The renderer takes a
:class:`RedirectPage`, not a tip, so that retired tip ids can later answer
with a "removed" page the same way.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.utils import get_relative_url

from zhkb.ids import TIP_ID
from zhkb.write import first_sentence

#: Where a tip's short page lives, relative to its variant's root.
TIP_PAGE_PATH = "t/{tip_id}/"

#: Material's share icon (``material/share-variant``), inline so that it shows in every colour scheme.
SHARE_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="'
    "M18 16.08c-.76 0-1.44.3-1.96.77L8.91 12.7c.05-.23.09-.46.09-.7s-.04-.47-.09-.7l7.05-4.11c.54.5 1.25.81 2.04.81"
    "a3 3 0 0 0 3-3 3 3 0 0 0-3-3 3 3 0 0 0-3 3c0 .24.04.47.09.7L8.04 9.81C7.5 9.31 6.79 9 6 9a3 3 0 0 0-3 3 3 3 0 0 0"
    " 3 3c.79 0 1.5-.31 2.04-.81l7.12 4.15c-.05.21-.08.43-.08.66 0 1.61 1.31 2.91 2.92 2.91s2.92-1.3 2.92-2.91"
    'A2.92 2.92 0 0 0 18 16.08"/></svg>'
)

#: A tip heading as Python-Markdown's toc extension writes it, with its ``¶`` permalink if any.
_TIP_HEADING = re.compile(
    r'(?P<open><h(?P<level>[2-6]) id="(?P<id>t[0-9]+)"[^>]*>)(?P<text>.*?)'
    r'(?:<a class="headerlink" href="#(?P=id)"[^>]*>.*?</a>)?(?P<close></h(?P=level)>)',
    re.DOTALL,
)


@dataclass(frozen=True)
class ShareWords:
    """What the share control and the short pages say, in one site variant's language."""

    #: Accessible name and tooltip of the share control.
    share: str
    #: Said after the link was copied (the fallback without a share sheet).
    copied: str
    #: Said when copying failed too, so the reader knows to long-press the control instead.
    copy_failed: str
    #: The visible link on a short page, to the tip in its article.
    read_tip: str
    #: Names the article on a short page; ``{article}`` is its title.
    from_article: str
    #: Open Graph locale (``og:locale``).
    og_locale: str


#: By theme language (``theme.language``).  Written out for each variant, not
#: converted: Taiwan says 複製連結 where a converter says 複製鏈接.
WORDS: Mapping[str, ShareWords] = {
    "zh-Hans": ShareWords(
        share="分享这条技巧",
        copied="已复制链接",
        copy_failed="无法复制，请长按分享按钮复制链接",
        read_tip="阅读这条技巧",
        from_article="出自《{article}》",
        og_locale="zh_CN",
    ),
    "zh-Hant": ShareWords(
        share="分享這條技巧",
        copied="已複製連結",
        copy_failed="無法複製，請長按分享按鈕複製連結",
        read_tip="閱讀這條技巧",
        from_article="出自《{article}》",
        og_locale="zh_TW",
    ),
}


@dataclass(frozen=True)
class TipSummary:
    """A tip as its article page shows it."""

    id: str
    title: str
    #: The first sentence of the tip's text (empty if it has none).
    summary: str


@dataclass(frozen=True)
class RedirectPage:
    """A short page that sends the reader on to ``target`` and describes it for link previews."""

    #: Where the page lives, relative to the variant's root (``t/t12/``).
    path: str
    title: str
    description: str
    #: The page to go on to, relative to the variant's root (``articles/win-over/#t12``).
    target: str
    #: Absolute URL of ``target`` for the canonical link and ``og:url``; none without ``site_url``.
    canonical_url: str | None
    #: Names where the target is, e.g. the article's title; shown on the page.
    context: str


@dataclass(frozen=True)
class SiteIdentity:
    """What a short page says about the site it belongs to."""

    name: str
    lang: str
    #: Absolute URL of the image chat apps show with the preview; none without ``site_url``.
    image_url: str | None


def words_for(language: str) -> ShareWords:
    """The :class:`ShareWords` of a theme language."""
    try:
        return WORDS[language]
    except KeyError:
        raise ValueError(f"no share wording for theme language {language!r} (zhkb.site.share.WORDS)") from None


def tip_page_path(tip_id: str) -> str:
    """The short page of a tip, relative to its variant's root: ``t/t12/``."""
    if not TIP_ID.fullmatch(tip_id):
        raise ValueError(f"not a tip id: {tip_id!r}")
    return TIP_PAGE_PATH.format(tip_id=tip_id)


def add_share_links(page_html: str, page_url: str, words: ShareWords) -> str:
    """``page_html`` with a share link in every tip heading, in place of its ``¶`` permalink.

    ``page_url`` is the page's URL relative to the variant's root: the link
    to the short page is relative to it, so the site works wherever it is served.
    """

    def share_link(match: re.Match[str]) -> str:
        tip_id = match["id"]
        href = get_relative_url(tip_page_path(tip_id), page_url)
        link = (
            f'<a class="zhkb-share" href="{href}" data-zhkb-share="{tip_id}" '
            f'data-zhkb-copied="{html.escape(words.copied)}" data-zhkb-copy-failed="{html.escape(words.copy_failed)}" '
            f'aria-label="{html.escape(words.share)}" title="{html.escape(words.share)}">{SHARE_ICON}</a>'
        )
        return f'{_with_tip_class(match["open"])}<span class="zhkb-tip-title">{match["text"]}</span>{link}{match["close"]}'

    return _TIP_HEADING.sub(share_link, page_html)


def _with_tip_class(open_tag: str) -> str:
    """A tip heading's opening tag with the class the styles lay out and mark (``zhkb-tip``)."""
    if " class=" in open_tag:
        return open_tag.replace(' class="', ' class="zhkb-tip ', 1)
    return open_tag[:-1] + ' class="zhkb-tip">'


class _TipReader(HTMLParser):
    """Collects each tip heading's text and the text of the first paragraph or list item after it."""

    BLOCKS = frozenset({"p", "li"})
    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tips: list[TipSummary] = []
        self._heading: tuple[str, str] | None = None  # (tag, tip id) being read
        self._title: list[str] = []
        self._waiting: tuple[str, str] | None = None  # (tip id, title) whose summary is next
        self._block: str | None = None  # the tag of the block being read as a summary
        self._text: list[str] = []
        self._skip_depth = 0  # inside a permalink or share link

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self._skip_depth or (tag == "a" and attributes.get("class") in ("headerlink", "zhkb-share")):
            self._skip_depth += tag == "a"
            return
        if tag in self.HEADINGS:
            self._finish_waiting()
            tip_id = attributes.get("id") or ""
            if TIP_ID.fullmatch(tip_id):
                self._heading, self._title = (tag, tip_id), []
        elif tag in self.BLOCKS and self._waiting and self._block is None:
            self._block, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            self._skip_depth -= tag == "a"
            return
        if self._heading and tag == self._heading[0]:
            self._waiting = (self._heading[1], _squeeze("".join(self._title)))
            self._heading = None
        elif self._block == tag and self._waiting:
            self._finish_waiting(first_sentence(_squeeze("".join(self._text))))

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._heading:
            self._title.append(data)
        elif self._block:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._finish_waiting()

    def _finish_waiting(self, summary: str = "") -> None:
        if self._waiting:
            self.tips.append(TipSummary(self._waiting[0], self._waiting[1], summary))
        self._waiting, self._block = None, None


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def tips_in_html(page_html: str) -> list[TipSummary]:
    """The tips of a rendered article page, in page order."""
    reader = _TipReader()
    reader.feed(page_html)
    reader.close()
    return reader.tips


def tip_redirect(tip: TipSummary, page_url: str, page_title: str, canonical_page_url: str | None,
                 words: ShareWords) -> RedirectPage:
    """The short page of ``tip``, found on the page at ``page_url`` titled ``page_title``."""
    return RedirectPage(
        path=tip_page_path(tip.id),
        title=tip.title,
        description=tip.summary or tip.title,
        target=f"{page_url}#{tip.id}",
        canonical_url=f"{canonical_page_url}#{tip.id}" if canonical_page_url else None,
        context=words.from_article.format(article=page_title),
    )


def render_redirect_page(page: RedirectPage, site: SiteIdentity, words: ShareWords) -> str:
    """The HTML of a short page: preview metadata, an immediate redirect and a visible link."""
    target = get_relative_url(page.target.split("#")[0], page.path) + _fragment(page.target)
    escape = html.escape
    meta = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{escape(page.title)} - {escape(site.name)}</title>",
        f'<meta name="description" content="{escape(page.description)}">',
        # Not a page of its own for search engines: the tip in its article is.
        '<meta name="robots" content="noindex">',
        f'<meta http-equiv="refresh" content="0; url={escape(target)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{escape(site.name)}">',
        f'<meta property="og:title" content="{escape(page.title)}">',
        f'<meta property="og:description" content="{escape(page.description)}">',
        f'<meta property="og:locale" content="{escape(words.og_locale)}">',
    ]
    if page.canonical_url:
        meta.append(f'<link rel="canonical" href="{escape(page.canonical_url)}">')
        meta.append(f'<meta property="og:url" content="{escape(page.canonical_url)}">')
    if site.image_url:
        meta.append(f'<meta property="og:image" content="{escape(site.image_url)}">')
    head = "\n".join(meta)
    return f"""<!doctype html>
<html lang="{escape(site.lang)}">
<head>
{head}
<style>{REDIRECT_PAGE_STYLE}</style>
<script>location.replace({_js_string(target)});</script>
</head>
<body>
<main>
<p class="site">{escape(site.name)}</p>
<h1>{escape(page.title)}</h1>
<p>{escape(page.description)}</p>
{f'<p class="context">{escape(page.context)}</p>' if page.context else ""}
<p><a href="{escape(target)}">{escape(words.read_tip)}</a></p>
</main>
</body>
</html>
"""


#: Self-contained (the page loads nothing else), readable on a phone, light and dark.
REDIRECT_PAGE_STYLE = (
    ":root{color-scheme:light dark;--fg:#1a1a1a;--muted:#5a5a5a;--bg:#fff;--accent:#3949ab}"
    "@media (prefers-color-scheme:dark){:root{--fg:#e8e8ee;--muted:#b4b4c0;--bg:#1e2129;--accent:#8c9eff}}"
    "body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.8 system-ui,-apple-system,"
    '"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}'
    'html[lang="zh-Hant"] body{font-family:system-ui,-apple-system,"PingFang TC","Noto Sans CJK TC",'
    '"Microsoft JhengHei",sans-serif}'
    "main{box-sizing:border-box;max-width:40rem;margin:0 auto;padding:24px 20px}"
    ".site,.context{color:var(--muted);font-size:15px}"
    "h1{margin:.4em 0;font-size:24px;line-height:1.4}"
    "a{display:inline-block;box-sizing:border-box;min-height:44px;padding:8px 20px;border-radius:22px;"
    "background:var(--accent);color:var(--bg);font-weight:700;text-decoration:none}"
)


def _fragment(url: str) -> str:
    return "#" + url.split("#", 1)[1] if "#" in url else ""


def _js_string(text: str) -> str:
    """``text`` as a JavaScript string literal that is safe inside ``<script>``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c")
    return f'"{escaped}"'


#: What sends a reader on from a short page: its meta refresh and its script.
_REDIRECT = re.compile(r'<meta http-equiv="refresh"[^>]*>\n?|<script>location\.replace\([^<]*\);</script>\n?')


def without_redirect(page_html: str) -> str:
    """A short page that stays put: to audit and look at it, as link preview bots see it."""
    return _REDIRECT.sub("", page_html)


def write_redirect_pages(site_dir: Path, pages: Iterable[RedirectPage], site: SiteIdentity,
                         words: ShareWords) -> list[Path]:
    """Write each page to ``site_dir/<path>/index.html``; return the files written."""
    written = []
    for page in pages:
        target = site_dir / page.path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_redirect_page(page, site, words), encoding="utf-8")
        written.append(target)
    return written
