"""An article's HTML -> what search indexes of it: its title, its intro and its tips.

A page is a list of sections.  The first section is the page's own: its
``<h1>`` title and the text before the first tip.  Every heading with an
``id`` below it starts a tip (a section), which runs to the next heading
with an ``id``: a reader lands on the heading, and the text under it is the
tip's.  Markup is dropped; paragraphs, list items and headings are separate
blocks of text.

What is not the article's own text is left out: by default navigation
(``<nav>``: tags, related questions), scripts, styles, SVG icons, and links
or buttons that only carry an icon or a permalink sign.  The site layer
names more with ``skip_classes``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements whose content is never the article's text.
SKIPPED_TAGS = frozenset({"nav", "script", "style", "template", "svg", "button", "noscript"})

#: Elements whose text is a block of its own (a line break in the text).
BLOCK_TAGS = frozenset({"p", "li", "dt", "dd", "blockquote", "pre", "td", "th", "div", "section", "tr",
                        "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "ul", "ol", "table", "details", "summary"})

#: Classes of elements left out by default: Python-Markdown's permalink sign.
DEFAULT_SKIP_CLASSES = frozenset({"headerlink"})

HEADINGS = {f"h{level}": level for level in range(1, 7)}

VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr"})


@dataclass
class Section:
    """A part of a page a search result can link to."""

    #: The heading's ``id`` (``t8``); None for the page's own section.
    anchor: str | None
    #: 1 for the page's title, 2 for ``<h2>`` ...
    level: int
    heading: str
    #: Blocks of text under the heading, in order.
    blocks: list[str] = field(default_factory=list)


@dataclass
class Page:
    url: str
    sections: list[Section]

    @property
    def title(self) -> str:
        return self.sections[0].heading if self.sections else ""


class _ArticleParser(HTMLParser):
    def __init__(self, skip_classes: Iterable[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_classes = frozenset(skip_classes)
        self.sections: list[Section] = [Section(None, 1, "")]
        self._skip_depth = 0  # > 0 inside a skipped element
        self._stack: list[tuple[str, bool]] = []  # open elements: (tag, skipped)
        self._heading: tuple[int, str | None] | None = None  # open heading: (level, id)
        self._text: list[str] = []

    # -- structure --------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        skipped = tag in SKIPPED_TAGS or bool(classes & self.skip_classes)
        if tag in BLOCK_TAGS and not self._skip_depth:
            self._flush()
        if tag in HEADINGS and not self._skip_depth and not skipped:
            self._heading = (HEADINGS[tag], attributes.get("id"))
        if tag in VOID_TAGS:
            return
        self._stack.append((tag, skipped))
        if skipped:
            self._skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching element (HTML from templates is well formed; be lenient anyway).
        if not any(open_tag == tag for open_tag, _ in self._stack):
            return
        while self._stack:
            open_tag, skipped = self._stack.pop()
            if skipped:
                self._skip_depth -= 1
            if open_tag == tag:
                break
        if tag in HEADINGS and self._heading is not None and not self._skip_depth:
            level, anchor = self._heading
            text = _squeeze("".join(self._text))
            self._text = []
            self._heading = None
            if level == 1 and not self.sections[0].heading:
                self.sections[0].heading = text
            elif anchor and level > 1:
                self.sections.append(Section(anchor, level, text))
            elif text:
                self.sections[-1].blocks.append(text)
        elif tag in BLOCK_TAGS and not self._skip_depth:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._text.append(data)

    def _flush(self) -> None:
        if self._heading is not None:
            return  # a block inside a heading: the heading's text goes on
        text = _squeeze("".join(self._text))
        self._text = []
        if text:
            self.sections[-1].blocks.append(text)

    def close(self) -> None:
        super().close()
        self._flush()


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def page_from_html(url: str, html: str, skip_classes: Iterable[str] = DEFAULT_SKIP_CLASSES) -> Page:
    """The sections of an article's HTML (its content, or a whole page: pass only the article's element)."""
    parser = _ArticleParser(skip_classes)
    parser.feed(html)
    parser.close()
    return Page(url, parser.sections)


def article_element(html: str, marker: str = '<article class="md-content__inner') -> str:
    """The ``<article>`` element of a built page (Material's), or ``""`` when there is none."""
    start = html.find(marker)
    if start < 0:
        return ""
    end = html.find("</article>", start)
    return html[start : end + len("</article>")] if end >= 0 else html[start:]
