"""Boilerplate: the lines of a scraped page that are not its text.

Two kinds of knowledge, both switched off by name in ``sources/cleaning.yml``:

* **line rules** (data: ``zhkb/defaults/boilerplate.yml``, then the corpus's
  ``sources/spam.yml``): a pattern that recognises a line by itself, with a
  scope saying what goes with it (the line, the match, a list under it, a footer);
* **detectors** (code, below): boilerplate that only shows against the rest of
  the source — a title repeated or glued to the first sentence, a paragraph
  repeated later, an outline that repeats the headings, a header on every
  page, a bare number that is a page number, a short line framed by a site's
  boilerplate (an answerer's name between a Q&A page's labels), the site's
  header above a page's title and the footer under its last paragraph.

Everything removed is recorded as an edit under the rule's name, so the
ingest report lists it and the accounting stays exact.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from .edits import apply_fix, replay_backwards
from .model import Line
from .words import CJK, structure_vocabulary

if TYPE_CHECKING:  # curation reads the detectors' names from here
    from .curation import LineRule

#: a question marker (『壹』): a new question, never part of a footer or a list
QUESTION_MARKER = re.compile(r"^『[零壹贰叁叄肆伍陆柒捌玖拾佰仟万貳參陸]+』")
#: what separates items in a key: punctuation and spaces differ between copies of the same text
_KEY_NOISE = re.compile(r"[\s\u3000,，.。!！?？:：;；、\"'“”‘’()（）]")


#: a bullet or number a site puts before its own lines (- 1、下载文档前… / • 上传日期：…)
_LEADING_MARK = re.compile(r"^\s*(?:[-•·●▪*]+\s*)?(?:\d{1,2}\s*[、.:：)）]|[（(]\d{1,2}[)）])?\s*")


def without_leading_mark(text: str) -> str:
    """The line without a bullet or number before it, for rules anchored at the line's start."""
    return _LEADING_MARK.sub("", text, count=1)


def _drop(line: Line, label: str, why: str) -> None:
    apply_fix(line, label, lambda _text: "", why)


def removed_by(line: Line) -> str:
    """The rule that removed the line, or "" when it is (still) there."""
    if line.text or not line.edits:
        return ""
    return line.edits[-1].rule


# --------------------------------------------------------------------------
# line rules


def apply_line_rules(lines: list[Line], rules: list[LineRule]) -> None:
    """Apply ``rules`` in order to each line of one source; block and tail scopes carry over to later lines."""
    block: tuple[LineRule, int] | None = None  # an open list and how many of its items went
    tail: LineRule | None = None  # an open footer
    for line in lines:
        if not line.text.strip():
            continue
        matched = _apply_first_rule(line, rules) or _drop_button_row(line, rules)
        if matched is not None and not line.text.strip():
            line.starts_section = line.starts_section or matched.starts_section
            line.starts_answer = line.starts_answer or matched.starts_answer
            if matched.scope == "block":
                block = (matched, 0)
            elif matched.scope == "tail":
                tail = matched
            elif block is not None:  # an item that a rule of its own recognised: the list goes on
                block = (block[0], block[1] + 1)
            continue
        if tail is not None:
            sentence = line.text.rstrip().endswith(("。", "！", "？")) and not tail.tail_through_sentences
            if len(line.text) <= tail.tail_max_len and not sentence and not QUESTION_MARKER.match(line.text):
                _drop(line, tail.label, f"{tail.why} (footer after the marker)")
                continue
            tail = None
        if block is not None:
            rule, taken = block
            if taken < rule.max_lines and rule.continues.search(line.text) and not QUESTION_MARKER.match(line.text):
                _drop(line, rule.label, f"{rule.why} (an item of the list)")
                block = (rule, taken + 1)
                continue
            block = None


#: a row of a page's buttons: a few short items, no sentence
_ROW_SPLIT = re.compile(r"[\s|｜·•/┊¦]+")
BUTTON_ROW_ITEMS = (3, 12)
BUTTON_ITEM_MAX = 6
#: the rules whose words are buttons, or the counts beside them
BUTTON_RULES = ("page.widgets", "page.counter")
#: a count a button shows apart from it: (6)
_BARE_COUNT = re.compile(r"[(（]?\d[\d,.]*[)）]?")


def _drop_button_row(line: Line, rules: list[LineRule]) -> LineRule | None:
    """A row of buttons most of which (two in three) a button rule knows, alone: 只看楼主 收藏 回复.

    Sites name a button or two of their own; the row is recognised by the ones every site has.
    """
    text = line.text.strip()
    items = [item for item in _ROW_SPLIT.split(text) if item]
    # counts may group their digits (阅读(1,208)): those commas are no sentence
    if not BUTTON_ROW_ITEMS[0] <= len(items) <= BUTTON_ROW_ITEMS[1] \
            or _SENTENCE_PUNCTUATION.search(re.sub(r"(?<=\d),(?=\d)", "", text)):
        return None
    buttons = [rule for rule in rules if rule.label in BUTTON_RULES]
    known = [bool(_BARE_COUNT.fullmatch(item)) or any(rule.applies_to(item, item) for rule in buttons)
             for item in items]
    # the words a row shares with no other site are short
    if not buttons or 3 * sum(known) < 2 * len(items) or \
            any(len(item) > BUTTON_ITEM_MAX for item, is_known in zip(items, known, strict=True) if not is_known):
        return None
    rule = next((rule for rule in buttons if rule.label == BUTTON_RULES[0]), buttons[0])
    _drop(line, rule.label, f"{rule.why} (a row of buttons, {sum(known)} of {len(items)} known)")
    return rule


def _apply_first_rule(line: Line, rules: list[LineRule]) -> LineRule | None:
    """Drop the line (or the match) by the first rule that applies; the rule that removed the line, if any."""
    unmarked = without_leading_mark(line.text)
    for rule in rules:
        if not rule.applies_to(line.text, unmarked):
            continue
        if rule.scope == "match":
            apply_fix(line, rule.label, lambda text, p=rule.pattern: p.sub("", text).strip(), rule.why)
            if line.text.strip():
                unmarked = without_leading_mark(line.text)
                continue  # the rest of the line is text: other rules may still apply
        else:
            _drop(line, rule.label, rule.why)
        return rule
    return None


# --------------------------------------------------------------------------
# detectors: each looks at the whole source and drops what it recognises


def key(text: str) -> str:
    """A line's text for comparison: without spaces and punctuation, which copies spell differently."""
    return _KEY_NOISE.sub("", text)


def _kept(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.text.strip()]


#: how far down a page its title may sit, under the site's name and menus
SITE_HEADER_LINES = 10
#: a line of a site's header: a short name, or a menu of short items
SITE_NAME_MAX = 12
_MENU = re.compile(r"^\s*([^\s|｜，。！？,.!?]{1,6}[\s|｜·•/]+){2,}[^\s|｜，。！？,.!?]{1,6}\s*$")
#: a title is short and is not a sentence (it ends without a full stop)
TITLE_LINE_MAX = 60


def _site_chrome(text: str) -> bool:
    """A line of a site's header: a menu, a short name, or names joined by bars (林居家具 | 某某有限公司)."""
    text = text.strip()
    plain = not re.search("[，。！？；,.!?;]", text)
    short_name = len(text) <= SITE_NAME_MAX and plain and not re.search("[:：]", text) and not _title_like(text)
    return bool(_MENU.match(text)) or short_name or (plain and bool(re.search(r"\s[|｜\-—–_]\s|::|：：", text)))


def _title_like(text: str) -> bool:
    text = text.strip()
    return (len(re.findall(f"[{CJK}]", text)) >= 6 and len(text) <= TITLE_LINE_MAX
            and not re.search(r"。|\.(?![\dA-Za-z])", text) and not text.endswith(("！", "!"))
            and not text.startswith(("—", "-", "·")))


#: rules whose lines are a site's menus
_MENU_RULES = ("page.menu", "page.widgets", "page.breadcrumb", "page.site-chrome")


def _short_name(text: str) -> bool:
    """Short enough for a site's or group's name, and no punctuation in it."""
    text = text.strip()
    return len(text) <= SITE_NAME_MAX and not re.search("[，。！？；,.!?;:：]", text)


def _name_above_menu(lines: list[Line], line: Line) -> bool:
    """A short line without punctuation right above a menu (恒安电器服务中心 / 首页 | 产品中心 …) names the site,
    even when it reads like a title: within the next two lines of the source is a menu."""
    if not _short_name(line.text):
        return False
    at = next(i for i, each in enumerate(lines) if each is line)
    following = [each for each in lines[at + 1:] if each.original.strip()][:2]
    return any(_MENU.match(each.text.strip()) if each.text.strip() else removed_by(each).startswith(_MENU_RULES)
               for each in following)


#: where a browser's title may put the site's name after the page's title: 标题_栏目_站点, 标题 - 知乎, 标题-CSDN博客
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|[-|｜–—])\s*")
#: how far down the page's own title may come again (under a blog's sidebar, say)
BROWSER_TITLE_REACH = 60
#: the page's own title as a blog prints it: a tag before it, a date after it ([转载]标题 (2019-11-26 09:14:52))
_TITLE_TAG = re.compile(r"^\s*[\[【(（][^\]】)）]{1,4}[\]】)）]\s*")
_TITLE_DATE = re.compile(r"\s*[(（]?\s*\d{4}[-./]\d{1,2}[-./]\d{1,2}[^)）]{0,12}[)）]?\s*$")


def browser_title(lines: list[Line]) -> None:
    """The first line is a browser's title when the page's own title comes again below it, alone.

    A saved page starts with what the browser's tab showed: the title, then the column and the
    site (顾客说太贵怎么办_家电导购吧_百度贴吧).  The first line goes; so do the lines between it and
    the title itself when none of them is a paragraph (a blog's sidebar above its post), and the
    site's header above the title is then recognised as such.
    """
    kept = _kept(lines)
    if not kept:
        return
    first = kept[0].text.strip()
    stems = {key(first[:m.start()]) for m in _TITLE_SEPARATOR.finditer(first) if m.start() > 0}
    stems = {stem for stem in stems if len(stem) >= 4}
    if not stems:
        return
    for j, line in enumerate(kept[1:BROWSER_TITLE_REACH], 1):
        if _is_paragraph(line.text):
            return
        if key(_TITLE_DATE.sub("", _TITLE_TAG.sub("", line.text))) in stems:
            _drop(kept[0], "page.browser-title", "a browser's title (the page's title and its site's name): "
                  "the title itself comes again below")
            for between in kept[1:j]:
                _drop(between, "page.site-header", "the site's header or sidebar between a browser's title "
                      "and the page's own title")
            return


def _is_paragraph(text: str) -> bool:
    """A line of the text: of some length, with a Chinese sentence end (a web address has full stops too)."""
    return len(text) >= CONTENT_LINE_MIN and bool(re.search("[。！？!?]", text))


#: rules whose lines sit right under a page's title: its author, date and source
_BYLINE_RULES = ("qa.author-profile", "qa.date-line", "social.byline", "page.meta-after-title")


def _name_above_title(lines: list[Line], line: Line, following: Line) -> bool:
    """A short name without punctuation (a forum's or group's name) above a longer title that its byline
    follows: 销售打工人互助组 / 给老客户发涨价通知，我是这么谈下来的 / 来自：阿柚 …"""
    if not _short_name(line.text) or not _title_like(following.text) \
            or len(following.text.strip()) <= len(line.text.strip()):
        return False
    at = next(i for i, each in enumerate(lines) if each is following)
    under = next((each for each in lines[at + 1:] if each.original.strip()), None)
    return under is not None and not under.text.strip() and removed_by(under).startswith(_BYLINE_RULES)


def site_header(lines: list[Line]) -> None:
    """A site's name and menus above a page's title (豆丁网 / 首页 商城 登录 / the title): they go.

    Only when every line above the title looks like a site's header (a short name without
    punctuation, or a menu of short items) and the title looks like one (short, no full stop):
    a text that starts with its own short title keeps it.
    """
    kept = _kept(lines)[:SITE_HEADER_LINES]
    if any(QUESTION_MARKER.match(line.text) for line in kept):
        return
    above = []
    for i, line in enumerate(kept):
        if _site_chrome(line.text) or _name_above_menu(lines, line) or \
                (i + 1 < len(kept) and _name_above_title(lines, line, kept[i + 1])):
            above.append(line)
            continue
        if _title_like(line.text):
            for header in above:
                _drop(header, "page.site-header", "the site's name or menu above the page's title")
        return


#: a paragraph of the text: this long, with a sentence end in it
CONTENT_LINE_MIN = 30
#: removals that start a page's footer (not page numbers or headers, which sit between paragraphs of a PDF)
_FOOTER_CLASSES = ("docshare.", "qa.", "social.", "page.widgets", "page.counter", "page.menu", "page.comments",
                   "page.site-chrome", "page.advert", "page.framed-line")


#: removals that sit between the pages of a document, not under its text
_BETWEEN_PAGES = ("docshare.page-caption",)


def footer(lines: list[Line]) -> None:
    """The page's footer under the text: after the last paragraph, once boilerplate starts, short lines go too.

    Related links, comments, author boxes and sidebars come in as many phrasings as there are sites;
    what they share is their place.  After the text's last paragraph (a line of some length with a
    sentence end), the first line a rule removed starts the footer, and every short line after it
    goes with it.  A long paragraph there (a second answer) stays.
    """
    last = _last_paragraph_end(lines)
    if last is None:
        return
    start = next((i for i in range(last + 1, len(lines)) if removed_by(lines[i]).startswith(_FOOTER_CLASSES)
                  and not removed_by(lines[i]).startswith(_BETWEEN_PAGES)), None)
    if start is None:
        return
    for line in lines[start + 1:]:
        if QUESTION_MARKER.match(line.text):
            return
        text = line.text.strip()
        if not text:
            continue
        if len(text) < CONTENT_LINE_MIN:
            _drop(line, "page.footer", "a short line of the page's footer, under the text's last paragraph")
        elif _LINK_ROW.match(text):
            _drop(line, "page.footer", "a row of links in the page's footer, under the text's last paragraph")
        elif _is_comment(text):
            _drop(line, "page.footer", "a reader's comment (name: words) in the page's footer")


#: a row of links: items without a sentence between them (贴吧页面意见反馈 违规贴吧举报反馈通道 …)
_LINK_ROW = re.compile(r"^[^，。！？；,!?;：:]{1,20}(?:[\s|｜·•]+[^，。！？；,!?;：:\s|｜·•]{1,20}){1,8}$")
#: a comment under a post: a short name, a colon, the words (老韩聊电销 作者 :回复@电销小林同学:…)
_COMMENT = re.compile(r"^[^\s:：，。！？,!?]{1,16}(\s*[(（]?(作者|楼主|博主|题主)[)）]?)?\s*[:：]\s*\S")
COMMENT_MAX = 120


#: words that open a paragraph with a colon (补充一句：…) rather than name who wrote it
_REMARK_LABELS = tuple(structure_vocabulary()["remark_labels"])


def _is_comment(text: str) -> bool:
    """A reader's remark under a post: a name, a colon and one sentence at most.  A second answer that opens
    with a label (补充一句：…) or says more than one sentence is not one."""
    match = _COMMENT.match(text)
    return bool(match) and len(text) <= COMMENT_MAX and not text.startswith(_REMARK_LABELS) \
        and len(re.findall("[。！？!?]", text[match.end():].rstrip())) <= 1


#: a line this long that stops without a sentence end may be a hard-wrapped line of a PDF (zhkb.split joins them)
WRAPPED_LINE_MIN = 15
#: a sentence end, in Chinese or ASCII punctuation (a full stop, not a decimal point)
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?!\d)")


#: what a comments control says (收起评论, 评论(3), 全部回应)
_COMMENTS_WORDS = ("评论", "評論", "回应", "回應", "留言")


def comments(lines: list[Line]) -> None:
    """Readers' comments (name: words) right under a page's comments control (收起评论, 评论 (3) 有用 (126)),
    wherever it is: between an answer and the next one too, where no footer has started."""
    for i, line in enumerate(lines):
        if not removed_by(line).startswith(("page.widgets", "page.comments")) or \
                not any(word in line.original for word in _COMMENTS_WORDS):
            continue
        for later in lines[i + 1:]:
            text = later.text.strip()
            if not later.original.strip() or (not text and later.edits):
                continue  # a blank line, or one a rule removed already (a reply's date)
            if not _is_comment(text) or QUESTION_MARKER.match(text):
                break
            _drop(later, "page.comments", "a reader's comment (name: words) under the page's comments control")


#: a word cut by a line break and a hyphen (对账-/单): Chinese never hyphenates, a scan or PDF did
_BREAK_HYPHEN = re.compile(rf"(?<=[{CJK}])[-－‐]$")


def line_break_hyphen(lines: list[Line]) -> None:
    """A hyphen at the end of a line between two Chinese characters was put there by a line break: it goes."""
    kept = _kept(lines)
    for line, following in itertools.pairwise(kept):
        if _BREAK_HYPHEN.search(line.text.rstrip()) and re.match(f"[{CJK}]", following.text.lstrip()):
            apply_fix(line, "page.line-break-hyphen", lambda text: re.sub(r"[-－‐]\s*$", "", text),
                      "a hyphen that a line break put inside a word (Chinese never hyphenates)")


def _last_paragraph_end(lines: list[Line]) -> int | None:
    """The index of the line that ends the text's last paragraph: a line of some length with a sentence end, or
    the last line of a hard-wrapped paragraph (the line kept before it, across a page break, long and without a
    sentence end).  None without one."""
    last, before = None, ""
    for i, line in enumerate(lines):
        text = line.text
        if not text.strip():
            continue  # blank, or removed (a page's header and number between two lines of a paragraph)
        if (len(text) >= CONTENT_LINE_MIN and _SENTENCE_END.search(text)) or (
                len(before) >= WRAPPED_LINE_MIN and not re.search("[。！？!?]$", before)
                and text.rstrip().endswith(("。", "！", "？", "!", "?"))):
            last = i
        before = text.rstrip()
    return last


#: the same words twice on one line (如何设计考核销售队伍 如何设计考核销售队伍)
_DOUBLED = re.compile(r"^(.{4,40}?)\s*\1$")


def repeated_title(lines: list[Line]) -> None:
    """A line repeated right after itself, or on itself (a title printed twice at the top)."""
    previous = ""
    for line in _kept(lines):
        doubled = _DOUBLED.match(line.text.strip())
        if doubled:
            once = doubled.group(1)
            apply_fix(line, "duplicate.repeated-line", lambda _text, once=once: once,
                      "the same words twice on one line (a title printed twice)")
        current = key(line.text)
        if current and current == previous and len(current) >= 4:
            _drop(line, "duplicate.repeated-line", "a line repeated right after itself (a title printed twice)")
            continue
        previous = current


#: how many lines after a title may start with a copy of it
GLUED_TITLE_WINDOW = 5
GLUED_TITLE_MIN = 6
#: what follows a glued title is a sentence, not the rest of a longer heading (方案 → 方案范文第1篇)
GLUED_REST_MIN = 10


def glued_title(lines: list[Line]) -> None:
    """The title glued again to the start of the first sentence (老客户不回微信老客户不回微信做销售的人…)."""
    kept = _kept(lines)
    titles = [i for i, line in enumerate(kept) if i == 0 or QUESTION_MARKER.match(line.text)]
    for i in titles:
        title = QUESTION_MARKER.sub("", kept[i].text).strip()
        if len(key(title)) < GLUED_TITLE_MIN:
            continue
        for line in kept[i + 1:i + 1 + GLUED_TITLE_WINDOW]:
            if QUESTION_MARKER.match(line.text):
                break
            rest = line.text[len(title):]
            if line.text.startswith(title) and len(rest) >= GLUED_REST_MIN and re.search("[，。！？,.!?]", rest):
                apply_fix(line, "duplicate.glued-title", lambda text, t=title: text[len(t):].lstrip(),
                          "the title glued again to the start of the first sentence")
                break


#: a paragraph this long that occurs twice is a copy, not a refrain
REPEATED_PARAGRAPH_MIN = 20


def repeated_paragraph(lines: list[Line]) -> None:
    """A paragraph that occurs again later in the same source (an aggregator's copy): the later one goes."""
    seen: set[str] = set()
    for line in _kept(lines):
        current = key(line.text)
        if len(current) < REPEATED_PARAGRAPH_MIN:
            continue
        if current in seen:
            _drop(line, "duplicate.repeated-paragraph", "a paragraph already given earlier in the same source")
        else:
            seen.add(current)


#: an inline list item of an outline: 一、… 1、… 1. … (1) …
_INLINE_ITEM = re.compile(r"(?:^|\s)(?:[一二三四五六七八九十]+、|\d{1,2}[、.．]|[(（]\d{1,2}[)）])\s*([^\s]{2,30})")
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\d{1,2}[、.．]|[(（]\d{1,2}[)）]|第[一二三四五六七八九十\d]+[章节步部分])\s*")
OUTLINE_MIN_ITEMS = 3
OUTLINE_MIN_REPEATED = 2


def outline(lines: list[Line]) -> None:
    """A table of contents flattened into one line: it repeats headings that the text gives again below."""
    kept = _kept(lines)
    # where each heading is given last, so that "given again below" is one lookup (linear in the source)
    last_heading = {key(_HEADING_START.sub("", line.text)): i for i, line in enumerate(kept)
                    if _HEADING_START.match(line.text)}
    for i, line in enumerate(kept):
        items = [m.group(1) for m in _INLINE_ITEM.finditer(line.text)]
        if len(items) < OUTLINE_MIN_ITEMS:
            continue
        repeated = sum(1 for item in items if last_heading.get(key(item), -1) > i)
        if repeated >= OUTLINE_MIN_REPEATED:
            _drop(line, "duplicate.outline", "an outline or table of contents that repeats the headings below it")


#: a list item or an answer option (A. 正确): repeated in every question of a quiz, and content
_LIST_ITEM = re.compile(r"^\s*([A-Da-d]|\d{1,2}|[一二三四五六七八九十]+)\s*[.、．:：)）]")
#: page headers and footers are short, and come back on every page
RUNNING_HEADER_MAX = 40
RUNNING_HEADER_MIN_COUNT = 3


def running_header(lines: list[Line]) -> None:
    """A short line that comes back three or more times (numbers aside): a page header, footer or caption."""
    kept = [line for line in _kept(lines) if len(line.text) <= RUNNING_HEADER_MAX
            and not line.text.rstrip().endswith((":", "：")) and not QUESTION_MARKER.match(line.text)
            and not _LIST_ITEM.match(line.text)]
    shape = {id(line): re.sub(r"\d+", "#", key(line.text)) for line in kept}
    counts = Counter(shape.values())
    for line in kept:
        if len(shape[id(line)]) >= 2 and counts[shape[id(line)]] >= RUNNING_HEADER_MIN_COUNT:
            _drop(line, "page.running-header", "a short line repeated on every page: a header, footer or caption")


BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
#: a heading after a section number is short and is not a sentence
SECTION_HEADING_MAX = 30


def bare_numbers(lines: list[Line]) -> None:
    """A number alone on a line is a page number, unless the numbers run 1, 2, 3 … each before its section.

    Articles and how-to sites number their sections or steps on a line of their own (01 / 先翻聊天记录,
    or 1 / the step's text); the splitter makes those points.  A number that follows a sentence cut
    in the middle, or another number, is the page number of a PDF or a slide (or a row of step links).
    """
    kept = _kept(lines)
    numbers = [(i, int(m.group(1))) for i, line in enumerate(kept) if (m := BARE_NUMBER.match(line.text))]
    # the numbers that run 1, 2, 3 … in order, each opening a section (a stray number before them is skipped)
    run = []
    for i, n in numbers:
        if n == len(run) + 1 and _opens_section(kept, i):
            run.append(i)
    keep = set(run) if len(run) >= 2 else set()
    for i, _n in numbers:
        if i not in keep:
            _drop(kept[i], "page.page-number", "a page number on its own line")


def _opens_section(kept: list[Line], i: int) -> bool:
    """The number at ``i`` stands before a heading, or between a finished sentence and new text."""
    if i + 1 >= len(kept) or BARE_NUMBER.match(kept[i + 1].text):
        return False
    before = kept[i - 1].text.rstrip() if i > 0 else ""
    # after a finished sentence, or after a short heading of its own (方法/步骤)
    return (_heading_like(kept[i + 1].text) or not before or before.endswith(tuple("。！？；…”」:："))
            or (len(before) <= SITE_NAME_MAX and not re.search("[，,]", before)))


def _heading_like(text: str) -> bool:
    return (0 < len(text.strip()) <= SECTION_HEADING_MAX and not BARE_NUMBER.match(text)
            and not re.search("[。；;]", text.rstrip("。")))


#: a name line is short and has no sentence punctuation
NAME_LINE_MAX = 10
_SENTENCE_PUNCTUATION = re.compile(r"[，。！？；：,.!?;:“”\"]")
#: rules whose removals frame a page's own lines: not page numbers or captions, which sit between real text
_FRAMING = ("qa.", "social.", "docshare.", "page.counter", "page.widgets", "page.site-chrome", "page.breadcrumb",
            "page.menu", "duplicate.repeated-line")
_NOT_FRAMING = ("docshare.page-caption",)
#: a first line this long is the page's title, never an answerer's name
TITLE_PROTECT_MIN = 10
#: an author's name, headline and column make up to this many lines between a page's labels
FRAMED_RUN_MAX = 4
#: a headline under a name may be a little longer than the name
FRAMED_LINE_MAX = 16


def framed_line(lines: list[Line]) -> None:
    """Short lines between two lines of a site's boilerplate: an answerer's name and headline, a form's value.

    The page's title counts as the upper frame too: under it, a name above a date or counter is the byline.
    """
    present = [line for line in lines if line.original.strip()]  # the source's own lines, blank ones aside
    first = next((line for line in present if line.text.strip()), None)
    # the page's title when it looks like one (a name of a few characters may stand first too)
    title = first if first is not None and (len(first.text) >= TITLE_PROTECT_MIN or first.text.endswith("？")) else None
    i = 1
    while i < len(present) - 1:
        run = []
        while i + len(run) < len(present) - 1 and len(run) < FRAMED_RUN_MAX and _name_like(present[i + len(run)]) \
                and present[i + len(run)] is not title:
            run.append(present[i + len(run)])
        before, after = present[i - 1], present[i + len(run)] if run else None
        badge = len(run) >= 2 and bool(_LEVEL_BADGE.match(run[-1].text.strip()))
        if run and after is not None and (_frames(removed_by(after)) or badge) and \
                (_frames(removed_by(before)) or (before is first and len(run) == 1)):
            for line in run:
                _drop(line, "page.framed-line", "a short line between two lines of a site's boilerplate "
                      "(an answerer's name or headline, a form's value)")
        i += max(1, len(run))


#: a forum user's level under the name: 12 导购达人, LV5 (a number and a rank, alone)
_LEVEL_BADGE = re.compile(rf"^\d{{1,2}}\s*[{CJK}]{{2,4}}$|^(LV|Lv|lv)\.?\s*\d{1,2}(\s*\S{1,4})?$")


def _name_like(line: Line) -> bool:
    text = line.text.strip()
    return bool(text) and len(text) <= FRAMED_LINE_MAX and not _SENTENCE_PUNCTUATION.search(text)


def _frames(rule: str) -> bool:
    return rule.startswith(_FRAMING) and not rule.startswith(_NOT_FRAMING)


SPACED_RULE = "page.spaced-characters"
#: a title spaced out on a cover or title slide (营 业 厅 投 诉 处 理): Han characters only, a title's length
_SPACED_TITLE = re.compile(rf"^[{CJK}](\s+[{CJK}]){{3,29}}$")


def spaced_title(lines: list[Line]) -> None:
    """A line of spaced-out characters above everything kept is the page's title, not diagram residue.

    ``page.spaced-characters`` drops such lines wherever they are (flattened slides and diagrams);
    on a cover or title slide, the first such line is what the text is called.  It is put back
    with its spaces closed, and the spaces' removal is reported under this detector's name.
    """
    for line in lines:
        if line.text.strip():
            return  # something is kept above: the title is there
        if not line.edits or line.edits[-1].rule != SPACED_RULE:
            continue
        dropped = [edit for edit in line.edits if edit.rule == SPACED_RULE]
        if dropped != line.edits[-len(dropped):]:
            return
        text = replay_backwards(line.text, dropped)
        if not _SPACED_TITLE.match(text.strip()):
            return
        del line.edits[-len(dropped):]
        line.text = text
        apply_fix(line, "page.spaced-title", lambda t: re.sub(r"\s+", "", t),
                  "a title spaced out on a cover or title slide: its spaces closed")
        return


#: a post's preview, cut off and followed by the link that opens it (……展开全文)
_PREVIEW_CUT = re.compile(r"(\.{2,}|…+|。。+)\s*(展开全文|展开|全文|查看全文|阅读全文|显示全部)\s*[a-z>]?\s*$")
PREVIEW_MIN = 10


def preview_copy(lines: list[Line]) -> None:
    """A paragraph cut off by a social site (……展开全文) when the whole paragraph comes again below it."""
    kept = _kept(lines)
    for i, line in enumerate(kept):
        cut = _PREVIEW_CUT.search(line.text)
        if cut is None:
            continue
        start = key(line.text[:cut.start()])
        if len(start) >= PREVIEW_MIN and any(key(later.text).startswith(start) for later in kept[i + 1:]):
            _drop(line, "duplicate.preview", "a preview of a paragraph, cut off before its 'read more' link; "
                  "the whole paragraph follows")


#: name → detector, in the order they run.  Names share the namespace of the line rules.
DETECTORS: dict[str, Callable[[list[Line]], None]] = {
    "page.browser-title": browser_title,
    "page.site-header": site_header,
    "page.page-number": bare_numbers,
    "duplicate.repeated-line": repeated_title,
    "duplicate.glued-title": glued_title,
    "duplicate.outline": outline,
    # before repeated paragraphs, which would keep a header's first copy and leave too few to count
    "page.running-header": running_header,
    "duplicate.preview": preview_copy,
    "duplicate.repeated-paragraph": repeated_paragraph,
    "page.framed-line": framed_line,
    # after every header is gone: what is left above the text decides whether the line is its title
    "page.spaced-title": spaced_title,
    "page.comments": comments,
    "page.line-break-hyphen": line_break_hyphen,
    "page.footer": footer,
}


def remove_boilerplate(lines: list[Line], rules: list[LineRule], switched_off: set[str] | frozenset = frozenset()
                       ) -> None:
    """Drop one source's boilerplate: line rules first (defaults, then the corpus's), then the detectors."""
    apply_line_rules(lines, rules)
    for name, detector in DETECTORS.items():
        if name not in switched_off:
            detector(lines)
