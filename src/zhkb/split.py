"""Stage 3, split: cleaned lines → articles (one per question) → tips.

* A question starts an article: a question marker (『壹』…), a 问：/Q： line
  paired with its 答：/A： answer, or — in a text without markers — a line that
  is itself a question, followed by its answer.  The question is the title.
* Numbered points at line start become tips.  Styles rank from outer to inner
  (一、 > （一）/第一/第一步/首先/情景一 > 1、/1./1) > (1)/①/()  > • bullets); a
  point nests under the nearest open point of an outer style, so the text's own
  nesting becomes heading levels.  Two levels are headings; deeper points (and
  bullets under a heading) stay list items in their tip.
* A run of three or more short points with no text of their own between them
  is a checklist, not tips: it stays a numbered list in the current tip.
* Text before the first tip is the article's lead; on a Q&A page, the part
  before the answer (the asker's details) is quoted as the question.
* A line a spam rule marked ``starts_section`` (an aggregator glued in a second
  source), a line that is only 【…】, and a short line without punctuation that
  introduces a run of points open a section heading.
* A line such as 错误应对：… or 点评：… is a labelled paragraph, not a tip.

Markers and title punctuation that the Markdown structure replaces are
removed through recorded edits, so the accounting stays complete.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .boilerplate import WRAPPED_LINE_MIN
from .model import Article, Block, Edit, Line, Notice, Tip
from .words import CJK, structure_vocabulary

_STRUCTURE = structure_vocabulary()

CN_NUM = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
DINGBATS = "❶❷❸❹❺❻❼❽❾❿➊➋➌➍➎➏➐➑➒➓"
#: 『壹』 … 『玖仟玖佰玖拾玖』: financial numerals, as the compilations number their questions
QUESTION = re.compile(r"^『([零壹贰叁叄肆伍陆柒捌玖拾佰仟万]+)』 ?")
#: 问：… / Q1: … and the 答：… / A: … that answers it
QA_QUESTION = re.compile(r"^(?:问|提问|问题|Q|q)\s*(\d{0,3})\s*[：:．.、]\s*")
QA_ANSWER = re.compile(r"^(?:答|回答|解答|A|a)\s*\d{0,3}\s*[：:．.、]\s*")
SEQUENCE_WORDS = ("首先", "其次", "再次", "再来", "再者", "然后", "最后")
#: 最后 followed by a verb of speaking (最后说一句，最后想说) opens the text's closing words
CLOSING_REMARK = re.compile(r"^最后(?:再|还)?(?:想|要)?(?:" + "|".join(_STRUCTURE["closing_verbs"]) + ")")
POINT_NAMES = "|".join(sorted(_STRUCTURE["point_names"], key=len, reverse=True))
NUMBER = rf"[{CN_NUM}]+|\d{{1,2}}"
ORDINAL_MEASURES = "次个位天年名步章节届期轮页行招式计讲课条点段篇部种类批张份句回季周月号场局集层代届轮项件本"

#: (rank, name, pattern) — the pattern matches the marker, group 1 is its number
POINT_STYLES: list[tuple[int, str, re.Pattern[str]]] = [
    (0, "cn-dun", re.compile(rf"^([{CN_NUM}]+)[、．] ?")),
    (1, "cn-paren", re.compile(rf"^[（(]([{CN_NUM}]+)[)）] ?")),
    (1, "cn-bracket", re.compile(rf"^【({NUMBER})】 ?")),
    (1, "step", re.compile(rf"^第({NUMBER})[步招式计讲课点条][：:、，,．.]? ?")),
    (1, "step", re.compile(r"^(?:Step|STEP|step)\s*(\d{1,2})(?![\d.])[：:、，,．.]?\s*")),
    # 第一 as a point, not 第一次, 第一段, 第一年 … (a measure word after the number)
    (1, "ordinal", re.compile(rf"^第([{CN_NUM}]+)(?![{ORDINAL_MEASURES}])[、，：．]? ?")),
    (1, "named", re.compile(rf"^(?:{POINT_NAMES})({NUMBER})[：:、．.] ?")),
    (1, "sequence", re.compile(rf"^({'|'.join(SEQUENCE_WORDS)})(?=[，、：]|[{CJK}])[，、：]? ?")),
    (2, "arabic", re.compile(r"^(\d{1,2})(?:[、．]|\.(?!\d)|[)）](?![\d%]))\s*|^(0\d) ")),
    (3, "paren", re.compile(r"^[（(](\d{1,2})[)）] ?")),
    (3, "circled", re.compile(rf"^([{CIRCLED}{PARENTHESISED}{DINGBATS}]) ?")),
    # numbering lost in a conversion: only the brackets are left
    (3, "stripped", re.compile(r"^[（(]( ?)[)）] ?")),
    (4, "bullet", re.compile(r"^([•·●▪◆■○◇►▸◎])\s*|^([-*])\s+")),
]
SECTION_RANK = -1
#: styles that number one list together (首先 … 第二 … 第三步)
STYLE_FAMILIES = {"sequence": "ordinal", "step": "ordinal", "named": "ordinal"}
#: styles from this rank on ((1), ①, (), bullets) are sub-items when they stand under a numbered point
SUB_ITEM_RANK = 3
#: styles that are sub-items under any numbered point ((1), ①, bullets); numbering stripped to () is not:
#: it was the text's own numbering, whatever it was
SUB_ITEM_STYLES = ("paren", "circled", "bullet")
#: styles that are prose as often as points: points only when two or more lines use one of a group
#: (首先 … 第二 … 第三 go together)
WORDY_STYLES = (("sequence", "ordinal", "step"), ("named",), ("stripped",))
#: heading levels: deeper points are list items in their tip
MAX_HEADING_LEVEL = 2
#: why each structural rule removes characters: the Markdown structure now says it
SPLIT_RULES = {
    "question_marker": "the question marker; the question is the article title",
    "answer_marker": "the answer marker; the answer is the article's text",
    "collection_header": "the heading of a collection of questions that each stand alone as an article",
    "point_marker": "the point's number; the point is a heading",
    "list_marker": "the item's number; the list is a numbered list",
    "bracket_heading": "【】 around a heading",
    "title_punctuation": "punctuation between a heading and its text",
    "label_punctuation": "the colon after a label; the label is bold",
}
BRACKET_HEADING = re.compile(r"^【([^【】]{1,20})】$")
LABEL = re.compile(rf"^([{CJK}]{{0,4}}(?:{'|'.join(sorted(_STRUCTURE['label_endings'], key=len, reverse=True))}))"
                   r"\s*[：:]\s*")
LABEL_MAX = 6

SENTENCE_END = "。！？；"
#: a sentence this short right at the start is the heading
SHORT_TITLE = 20
#: a heading may end at a comma or colon this far in
COMMA_TITLE_MAX = 30
#: a heading is at most this long
HEADING_MAX = 40
FRAGMENT_STARTS = tuple(_STRUCTURE["fragment_starts"])
FRAGMENT_ENDS = tuple(_STRUCTURE["fragment_ends"])
TITLE_MAX = 40
CHECKLIST_ITEM_MAX = 40
SHORT_LIST_ITEM_MAX = 16
SECTION_TITLE_MAX = 20
QUESTION_LINE_MAX = 40
_PUNCTUATION = re.compile(r"[，。！？；：、,.!?;:“”\"（）()…—]")
_TITLE_DECORATION = re.compile(
    r"\s*[(（【\[]\s*(?:" + "|".join(re.escape(d) for d in sorted(_STRUCTURE["title_decorations"], key=len,
                                                                   reverse=True))
    + "|" + "|".join(_STRUCTURE["title_decoration_patterns"])
    + rf"|{_STRUCTURE['title_attachment_prefix']}[^)）】\]]{{1,12}})\s*[)）】\]]"
    + r"|\.(?:pptx?|docx?|pdf|txt|wps|xlsx?)$"
    # a browser's title: the page's title, then its column and site (标题_栏目_站点)
    + r"|(?:_[^_\s，。？！,.!?]{2,16}){1,3}$", re.IGNORECASE)


@dataclass
class Segment:
    """One line of text (a part of a source line split by a ``\\n``) with its origin."""

    line: Line
    part: int
    #: the line before was an artefact that separated two sources (see LineRule.starts_section)
    after_section: bool = False
    #: a Q&A site's answer label came before: the answer starts here
    starts_answer: bool = False
    #: lines removed as page furniture came right before (a page break may cut a sentence)
    after_removed: bool = False
    #: the source is hard-wrapped (a PDF's lines) and the line before stopped mid-sentence: this continues it
    continues: bool = False

    @property
    def text(self) -> str:
        return self.line.text.split("\n")[self.part]

    def edit(self, rule: str, start: int, end: int, replacement: str = "") -> None:
        """Replace ``[start:end]`` of this part, recording the edit on the line."""
        parts = self.line.text.split("\n")
        offset = sum(len(p) + 1 for p in parts[:self.part])
        before = parts[self.part][start:end]
        parts[self.part] = parts[self.part][:start] + replacement + parts[self.part][end:]
        self.line.text = "\n".join(parts)
        self.line.edits.append(Edit(rule, self.line.path, self.line.number, offset + start, before, replacement,
                                    SPLIT_RULES[rule.split(".")[1]]))


@dataclass
class Point:
    """A numbered point found at the start of a segment."""

    segment: Segment
    rank: int
    style: str
    number: str
    marker_end: int
    #: the line holding the point's number, when it stands on a line of its own
    number_segment: Segment | None = None


def _family(style: str) -> str:
    return STYLE_FAMILIES.get(style, style)


def find_point(segment: Segment) -> Point | None:
    text = segment.text
    for rank, style, pattern in POINT_STYLES:
        match = pattern.match(text)
        if match and match.end() < len(text):
            number = next((group for group in match.groups() if group is not None), "")
            return Point(segment, rank, style, number, match.end())
    return None


def segments_of(lines: list[Line]) -> list[Segment]:
    segments: list[Segment] = []
    section_pending = answer_pending = removed_pending = False
    for line in lines:
        for k, part in enumerate(line.text.split("\n")):
            if part.strip():
                segments.append(Segment(line, k, after_section=section_pending, starts_answer=answer_pending,
                                        after_removed=removed_pending and k == 0))
                section_pending = answer_pending = removed_pending = False
        section_pending = section_pending or line.starts_section
        answer_pending = answer_pending or line.starts_answer
        removed_pending = removed_pending or (not line.text.strip() and bool(line.original.strip()))
    return segments


def _number_value(number: str) -> int:
    if number.isascii() and number.isdigit():
        return int(number)
    if number in SEQUENCE_WORDS:
        return min(SEQUENCE_WORDS.index(number) + 1, 3)  # 再次, 再来, 再者 and 然后 all come third
    for table in (CIRCLED, PARENTHESISED, DINGBATS[:10], DINGBATS[10:]):
        if number in table:
            return table.index(number) + 1
    if not number.strip() or number in "•·●▪◆■○◇►▸◎-*":
        return 0
    if number == "十":
        return 10
    if number.startswith("十"):
        return 10 + CN_NUM.index(number[1]) + 1
    if number.endswith("十"):
        return 10 * (CN_NUM.index(number[0]) + 1)
    if "十" in number:
        tens, ones = number.split("十")
        return 10 * (CN_NUM.index(tens) + 1) + CN_NUM.index(ones) + 1
    return CN_NUM.index(number) + 1


def _is_fragment(clause: str) -> bool:
    """A clause that needs the rest of its sentence: 如果客户说太贵 / 第一次见客户时."""
    return clause.startswith(FRAGMENT_STARTS) or clause.endswith(FRAGMENT_ENDS)


def title_split(text: str) -> tuple[int, int]:
    """Where a point's heading ends in its text: ``(end of heading, start of body)``.

    The heading is never a fragment cut from a sentence.  In order: the words
    before a colon (多听：客户说完再开口); a sentence end close to the start
    (。！？；, where ？ and ！ stay in the heading); a comma after a clause that
    stands on its own; a sentence end a little further on; the whole line when
    it is one short sentence.
    ``(0, 0)`` means no heading can be cut from the point: it stays a list item.
    """
    outside = _outside_quotes(text)
    ends = [i for i, ch in enumerate(text) if ch in SENTENCE_END and outside[i]]
    first_end = ends[0] if ends else len(text)
    colon = next((i for i, ch in enumerate(text[:first_end]) if ch in "：:" and outside[i]), 0)
    if 0 < colon <= COMMA_TITLE_MAX and not _is_fragment(text[:colon]):
        return colon, colon + 1
    if not ends and len(text) <= HEADING_MAX:
        return len(text), len(text)  # a heading on a line of its own: all of it, commas and all
    if 0 < first_end <= SHORT_TITLE and ends:
        return _cut(text, first_end)
    for i, ch in enumerate(text[:min(first_end, COMMA_TITLE_MAX + 1)]):
        if ch == "，" and i > 0 and outside[i] and not _is_fragment(text[:i]):
            return i, i + 1
    if 0 < first_end <= HEADING_MAX and ends:
        return _cut(text, first_end)
    if not ends and len(text) <= HEADING_MAX:
        return len(text), len(text)
    return 0, 0


_OPENING, _CLOSING = "“‘「『（(《【", "”’」』）)》】"


def _outside_quotes(text: str) -> list[bool]:
    """For each character: True when it is outside every quotation and bracket (a cut there is safe)."""
    depth, outside = 0, []
    for ch in text:
        if ch in _CLOSING:
            depth = max(0, depth - 1)
        outside.append(depth == 0 and ch not in _OPENING)
        if ch in _OPENING:
            depth += 1
    return outside


def _cut(text: str, end: int) -> tuple[int, int]:
    # ？ and ！ belong to the heading; 。 and ； only separate it from the body
    return (end + 1 if text[end] in "？！" else end), end + 1


def split_source(lines: list[Line], notices: list[Notice]) -> list[Article]:
    """Split one source's cleaned lines into articles."""
    segments = segments_of(lines)
    if not segments:
        return []
    _mark_wrapped_lines(segments)
    articles: list[Article] = []
    chunk: list[Segment] = []
    has_markers = any(QUESTION.match(seg.text) for seg in segments)
    starts = _question_starts(segments, has_markers)

    def flush() -> None:
        if chunk:
            articles.append(_build_article(chunk, notices))

    first_start = min(starts, default=0)
    if len(starts) >= 2 and _collection_header(segments[:first_start]):
        for seg in segments[:first_start]:  # a column's name above questions that stand alone
            seg.edit("split.collection_header", 0, len(seg.text))
        segments = segments[first_start:]
        starts = {i - first_start for i in starts}
    for i, seg in enumerate(segments):
        if i in starts:
            flush()
            chunk = [seg]
            continue
        if not chunk:
            chunk = [seg]
            what = "text before the first question marker" if has_markers else "no question markers (『壹』…)"
            notices.append(Notice(seg.line.path, seg.line.number,
                                  f"{what}: made an article titled by its first line"))
            continue
        chunk.append(seg)
    flush()
    return articles


#: the heading of a collection of questions: a few short lines
COLLECTION_HEADER_MAX = 120


def _collection_header(segments: list[Segment]) -> bool:
    """A few short lines above a collection of questions: its name and a line about it, not an article."""
    return 0 < len(segments) <= 3 and sum(len(seg.text) for seg in segments) <= COLLECTION_HEADER_MAX


#: a source is hard-wrapped when this share of its long lines stop mid-sentence
WRAPPED_SHARE = 0.3
_SENTENCE_CLOSE = "。！？；…”’」』）)!?;:："


def _mark_wrapped_lines(segments: list[Segment]) -> None:
    """In a hard-wrapped source (a PDF's lines), a line that the one before left mid-sentence continues it."""
    long = [seg.text.rstrip() for seg in segments if len(seg.text.strip()) >= WRAPPED_LINE_MIN]
    cut = [text for text in long if not text.endswith(tuple(_SENTENCE_CLOSE))]
    if len(cut) < 3 or len(cut) < WRAPPED_SHARE * len(long):
        return
    for before, seg in itertools.pairwise(segments):
        text = before.text.rstrip()
        if (len(text) >= WRAPPED_LINE_MIN and not text.endswith(tuple(_SENTENCE_CLOSE))
                and find_point(seg) is None and not QUESTION.match(seg.text) and not BRACKET_HEADING.match(seg.text)):
            seg.continues = True


def _is_question_line(text: str) -> bool:
    """A line that is one question and nothing else: 客户说太贵怎么办？ / 顾客说“怎么还没到账？”"""
    body = text.rstrip().rstrip("”’」』\"'）)")
    return (0 < len(body) <= QUESTION_LINE_MAX and body[-1] in "？?"
            and not any(ch in body[:-1] for ch in "。！!；") and find_point_text(body) is None
            and not QA_QUESTION.match(body))


def find_point_text(text: str) -> str | None:
    """The style of the point ``text`` starts with, if any (for lines not yet in a segment)."""
    for _rank, style, pattern in POINT_STYLES:
        match = pattern.match(text)
        if match and match.end() < len(text):
            return style
    return None


#: how many lines (the asker's details) may stand between a 问： line and its 答：
QA_GAP = 3


def _question_starts(segments: list[Segment], has_markers: bool) -> set[int]:
    """Indexes of the segments that start a question: markers, 问/答 pairs, question lines.

    * 问/答 pairs start questions on a page of questions (its first line is one); under a title
      that is not a question, the page's pairs are of one kind: questions when most of them tell a
      story of their own (a column of readers' letters), else the title's points (a page's FAQ).
    * A question line starts a question on a Q&A page only where the page's furniture (removed
      around it) shows a new page: inside an answer, question lines are its points.
    """
    starts = {i for i, seg in enumerate(segments) if QUESTION.match(seg.text)}
    pairs = _qa_pairs(segments)
    if pairs and (pairs[0] == 0 or has_markers or _is_question_line(segments[0].text)):
        starts |= set(pairs)
    elif 2 * sum(_tells_a_story(QA_QUESTION.sub("", segments[i].text)) for i in pairs) > len(pairs):
        starts |= set(pairs)  # most pairs are letters of their own: each is a question
    if has_markers or starts or not segments or not _is_question_line(segments[0].text):
        return starts
    answered = False  # the current question has some answer: a new question line starts a new article
    for i, seg in enumerate(segments):
        nxt = segments[i + 1].text if i + 1 < len(segments) else ""
        if i > 0 and answered and seg.after_removed and _is_question_line(seg.text) and nxt \
                and not _is_question_line(nxt) and find_point_text(nxt) is None:
            starts.add(i)
            answered = False
        elif i > 0 and len(seg.text) > QUESTION_LINE_MAX:
            answered = True
    return starts


def _tells_a_story(question: str) -> bool:
    """A question with a story of its own (我开了一家面馆……怎么办？): longer than one short question."""
    return len(question) > QUESTION_LINE_MAX or len(re.findall("[。！？!?；]", question.rstrip("？?"))) >= 1


def _qa_pairs(segments: list[Segment]) -> list[int]:
    """Indexes of 问：/Q： lines answered by a 答：/A： line within a few lines."""
    return [i for i, seg in enumerate(segments) if QA_QUESTION.match(seg.text)
            and any(QA_ANSWER.match(s.text) for s in segments[i + 1:i + 2 + QA_GAP])]


def _question_line_points(body: list[Segment], title: str) -> dict[int, Point]:
    """Questions on lines of their own, each answered, in an article's text are its points."""
    found = {}
    for seg, nxt in itertools.pairwise(body):
        if _is_question_line(seg.text) and not _is_question_line(nxt.text) and find_point_text(nxt.text) is None:
            found[id(seg)] = Point(seg, 1, "question-line", "", 0)
    return found if len(found) >= 2 else {}


def clean_title(title: str) -> tuple[str, list[tuple[int, int]]]:
    """The title without its sharing decorations (（完整版）, .ppt, （附课程大纲）) and the spans removed."""
    spans = [(m.start(), m.end()) for m in _TITLE_DECORATION.finditer(title)]
    kept = title
    for start, end in reversed(spans):
        kept = kept[:start] + kept[end:]
    return (kept.strip(), spans) if kept.strip() else (title, [])


#: a post that starts with its title in brackets: 【电话销售的开头十秒，到底该说什么】做了八年电销……
BRACKET_TITLE = re.compile(r"^【([^】]{4,40})】(?=\S)")


def short_title(text: str) -> tuple[str, str]:
    """A title of at most TITLE_MAX characters for a long first line, and how it was made.

    Its first sentence (it says what the text is about); else a question in
    it; else it is cut at the last clause boundary that fits, and marked with ……
    """
    lead = BRACKET_TITLE.match(text)
    if lead:
        return lead.group(1).strip(), "taken from the bracketed title it starts with"
    sentences = re.findall(r"[^。！？；!?]+[。！？；!?]?", text)
    first = sentences[0].strip() if sentences else text
    if len(first.rstrip("。；")) <= TITLE_MAX:
        return first.rstrip("。；"), "cut at the end of its first sentence"
    for sentence in sentences:
        if sentence.rstrip().endswith(("？", "?")) and len(sentence.strip()) <= TITLE_MAX:
            return sentence.strip(), "taken from the question in it"
    cut = max((i for i, ch in enumerate(first[:TITLE_MAX - 2]) if ch in "，、：,:—"), default=TITLE_MAX - 2)
    return first[:cut] + "……", "cut at a clause boundary"


def _build_article(chunk: list[Segment], notices: list[Notice]) -> Article:
    head = chunk[0]
    body = chunk[1:]
    marker = QUESTION.match(head.text)
    qa = None if marker else QA_QUESTION.match(head.text)
    number = ""
    if marker or qa:
        number = (marker or qa).group(1)
        head.edit("split.question_marker", 0, (marker or qa).end())
    answer_at = next((i for i, seg in enumerate(body) if seg.starts_answer), 0)
    if qa:
        # a 问： question: its 答： starts the answer; the lines before it are the asker's details
        for i, seg in enumerate(body[:QA_GAP + 1]):
            answer = QA_ANSWER.match(seg.text)
            if answer:
                seg.edit("split.answer_marker", 0, answer.end())
                answer_at = i if seg.text.strip() else i + 1
                break
    raw_title = head.text.strip()
    title, decorations = clean_title(raw_title)
    for start, end in reversed(decorations):
        head.edit("split.title_punctuation", start, end)
    title = head.text.strip()
    lead_first: list[str] = []
    if not title:
        notices.append(Notice(head.line.path, head.line.number, "question marker without a title"))
    elif len(title) > TITLE_MAX:
        short, how = short_title(title)
        notices.append(Notice(head.line.path, head.line.number,
                              f"title of {len(title)} characters shortened ({how}); the whole line opens the text",
                              review=True, text=short))
        lead_first = [title]
        title = short
    article = Article(title=title, path=head.line.path, source_line=head.line.number, number=number,
                      title_shortened=bool(lead_first))
    for text in lead_first:
        article.lead.append(Block("paragraph", [text], line=head.line.number))
    points = _points_to_keep(body, title, markers=marker is not None)
    checklist_items = _checklist_items(body, points)
    sections = _section_titles(body, points)
    number_segments = {id(p.number_segment) for p in points.values() if p.number_segment is not None}

    stack: list[tuple[int, Tip, str]] = []  # (rank, tip, style) of open points, outermost first
    current_blocks = article.lead
    i = 0
    while i < len(body):
        seg = body[i]
        point = points.get(id(seg))
        bracket = BRACKET_HEADING.match(seg.text)
        if not seg.text.strip():
            pass  # a line that held only a marker (答：)
        elif id(seg) in number_segments:
            seg.edit("split.point_marker.number-line", 0, len(seg.text))
        elif seg.after_section or bracket or id(seg) in sections:
            if bracket:
                seg.edit("split.bracket_heading", bracket.end(1), bracket.end(1) + 1)
                seg.edit("split.bracket_heading", 0, 1)
            title_end = len(seg.text.rstrip("：:"))
            if title_end < len(seg.text):
                seg.edit("split.title_punctuation", title_end, len(seg.text))
            tip = Tip(title=seg.text.strip(), level=1, source_line=seg.line.number)
            stack = [(SECTION_RANK, tip, "section")]
            article.tips.append(tip)
            current_blocks = tip.blocks
        elif id(seg) in checklist_items:
            run = checklist_items[id(seg)]
            items = []
            for item_point in run:
                item_seg = item_point.segment
                item_seg.edit("split.list_marker", 0, item_point.marker_end)
                items.append(item_seg.text)
            current_blocks.append(Block("ordered", items, line=seg.line.number))
            i += len(run)
            continue
        elif point is not None:
            # an open point of the same rank ends here, unless it is numbered in another style: ① examples
            # under a point whose number was stripped to () are its sub-items, not its siblings
            while stack and (stack[-1][0] > point.rank
                             or (stack[-1][0] == point.rank and stack[-1][2] == _family(point.style))):
                stack.pop()
            level = len(stack) + 1
            end, body_start = title_split(seg.text[point.marker_end:])
            # sub-items ((1), ①, bullets) under a point are its list, not headings of their own
            # bullets under any point, and (1)/①/() under a point numbered at that depth already
            open_points = [rank for rank, _, _ in stack if rank > SECTION_RANK]
            sub_item = (point.style in SUB_ITEM_STYLES and bool(open_points)) or \
                (point.rank >= SUB_ITEM_RANK and bool(open_points) and open_points[-1] >= SUB_ITEM_RANK)
            if level > MAX_HEADING_LEVEL or sub_item or end == 0:
                _add_item(current_blocks, point)
                if end == 0 and level <= MAX_HEADING_LEVEL and point.style != "bullet":
                    notices.append(Notice(seg.line.path, seg.line.number, "a numbered point whose first sentence "
                                          "is too long for a heading: kept as a list item", review=True,
                                          text=seg.text[:HEADING_MAX]))
            else:
                seg.edit(f"split.point_marker.{point.style}", 0, point.marker_end)
                if body_start > end:
                    seg.edit("split.title_punctuation", end, body_start)
                title = seg.text[:end].strip()
                rest = seg.text[end:].strip()
                tip = Tip(title=title, level=level, source_line=seg.line.number)
                stack.append((point.rank, tip, _family(point.style)))
                article.tips.append(tip)
                current_blocks = tip.blocks
                if rest:
                    _add_text(current_blocks, seg, rest)
        else:
            answer = QA_ANSWER.match(seg.text) if stack and stack[-1][2] == "qa-pair" else None
            if answer:
                seg.edit("split.answer_marker", 0, answer.end())  # the 答： of a question that is a point
            kind = "question" if current_blocks is article.lead and i < answer_at else "paragraph"
            if seg.text.strip():
                _add_text(current_blocks, seg, seg.text.strip(), kind)
        i += 1
    _group_short_lines(article)
    _mark_incomplete(article, notices)
    return article


#: a section number on a line of its own (01 / 先翻聊天记录): the cleaner kept it because the numbers run 1, 2, 3
NUMBER_LINE = re.compile(r"^\s*(\d{1,3})\s*$")


def _number_line_points(body: list[Segment]) -> dict[int, Point]:
    """Points whose number stands on the line before them: {id of the heading's segment: point}."""
    found = {}
    for seg, nxt in itertools.pairwise(body):
        match = NUMBER_LINE.match(seg.text)
        if match and not NUMBER_LINE.match(nxt.text):
            found[id(nxt)] = Point(nxt, 2, "number-line", match.group(1), 0, number_segment=seg)
    return found


def _points_to_keep(body: list[Segment], title: str = "", markers: bool = True) -> dict[int, Point]:
    """Points that really are points.

    首先 or 第一 at the start of a line is often just prose, and a pair of
    brackets may be anything; such starts count as points only when at least
    two lines of the article use the same style.
    """
    points = {id(seg): p for seg in body if (p := find_point(seg))}
    points.update(_number_line_points(body))
    if not markers:
        points.update({k: p for k, p in _question_line_points(body, title).items() if k not in points})
        for i in _qa_pairs(body):
            qa = QA_QUESTION.match(body[i].text)
            points[id(body[i])] = Point(body[i], 1, "qa-pair", qa.group(1), qa.end())
    for key in [key for key, p in points.items() if p.style == "sequence" and CLOSING_REMARK.match(p.segment.text)]:
        del points[key]  # 最后说一句，… closes the text; it is not its last point
    for group in WORDY_STYLES:
        keys = [key for key, p in points.items() if p.style in group]
        if len(keys) < 2:
            for key in keys:
                del points[key]
    return points


def _checklist_items(body: list[Segment], points: dict[int, Point]) -> dict[int, list[Point]]:
    """Runs of ≥3 consecutive short points numbered 1, 2, 3 … with no text between them."""
    found: dict[int, list[Point]] = {}
    i = 0
    while i < len(body):
        point = points.get(id(body[i]))
        if point is None or point.style in ("stripped", "bullet") or _number_value(point.number) != 1:
            i += 1
            continue
        run = [point]
        j = i + 1
        while j < len(body):
            nxt = points.get(id(body[j]))
            if nxt is None or nxt.style != point.style or _number_value(nxt.number) != len(run) + 1:
                break
            run.append(nxt)
            j += 1
        # items of a checklist are short, and mostly one phrase or sentence: points have a body of their own
        short = all(len(p.segment.text) <= CHECKLIST_ITEM_MAX for p in run) and \
            2 * sum(_one_sentence(p.segment.text[p.marker_end:]) for p in run) >= len(run)
        if len(run) >= 3 and short:
            found[id(body[i])] = run
        i = j
    return found


def _one_sentence(text: str) -> bool:
    return not any(ch in SENTENCE_END for ch in text.rstrip("。！？；!?;."))


def _section_titles(body: list[Segment], points: dict[int, Point]) -> set[int]:
    """Short lines without punctuation that introduce a run of points: 常见拒绝及应对 before ()…()…"""
    found = set()
    last_of_style = {p.style: i for i, seg in enumerate(body) if (p := points.get(id(seg)))}
    for i, seg in enumerate(body[:-1]):
        text = seg.text.strip()
        if id(seg) in points or len(text) > SECTION_TITLE_MAX or _PUNCTUATION.search(text):
            continue
        first = points.get(id(body[i + 1]))
        if first is None or first.style == "bullet" or _number_value(first.number) not in (0, 1):
            continue
        if last_of_style[first.style] > i + 1:  # the run goes on after its first point
            found.add(id(seg))
    return found


def _add_item(blocks: list[Block], point: Point) -> None:
    """A point below the heading levels: an item of a numbered or bulleted list in its tip."""
    point.segment.edit("split.list_marker", 0, point.marker_end)
    kind = "bullets" if point.style == "bullet" else "ordered"
    if blocks and blocks[-1].kind == kind:
        blocks[-1].lines.append(point.segment.text.strip())
    else:
        blocks.append(Block(kind, [point.segment.text.strip()], line=point.segment.line.number))


def _add_text(blocks: list[Block], seg: Segment, text: str, kind: str = "paragraph") -> None:
    """A paragraph; a labelled one (点评：…) keeps its label apart; a sentence cut by a page break is joined."""
    previous = blocks[-1] if blocks else None
    broken = (previous is not None and len(previous.lines[-1]) >= WRAPPED_LINE_MIN
              and re.search(rf"[{CJK}，、]$", previous.lines[-1]))
    if broken and (seg.continues or (seg.after_removed and previous.kind == kind)) and find_point_text(text) is None:
        # one sentence, cut by a line wrap or a page break (with the space Chinese keeps before Latin and digits)
        gap = " " if re.match(rf"[{CJK}][A-Za-z0-9]|[A-Za-z0-9%][{CJK}]", previous.lines[-1][-1:] + text[:1]) else ""
        previous.lines[-1] += gap + text
        return
    label = LABEL.match(text)
    if label and len(label.group(1)) <= LABEL_MAX and label.end() < len(text):
        offset = seg.text.find(text)
        seg.edit("split.label_punctuation", offset + len(label.group(1)), offset + label.end())
        blocks.append(Block(kind, [text[label.end():]], label=label.group(1), line=seg.line.number))
        return
    blocks.append(Block(kind, [text], line=seg.line.number))


def _is_short_item(text: str) -> bool:
    return len(text) <= SHORT_LIST_ITEM_MAX and not any(ch in text for ch in SENTENCE_END + "：，")


def _group_short_lines(article: Article) -> None:
    """Two or more consecutive short one-line paragraphs without punctuation are a list."""
    for blocks in [article.lead] + [tip.blocks for tip in article.tips]:
        grouped: list[Block] = []
        for block in blocks:
            if block.kind == "paragraph" and not block.label and _is_short_item(block.lines[0]):
                if grouped and grouped[-1].kind == "short-lines":
                    grouped[-1].lines.append(block.lines[0])
                    continue
                grouped.append(Block("short-lines", list(block.lines), line=block.line))
                continue
            grouped.append(block)
        # a lone short line stays a paragraph
        blocks[:] = [Block("paragraph" if len(b.lines) < 2 else "bullets", b.lines, line=b.line)
                     if b.kind == "short-lines" else b for b in grouped]


#: a paragraph this long that stops without punctuation was cut off
CUT_OFF_MIN = 20
#: the article's last paragraph is judged on less: nothing after it can finish its sentence
CUT_OFF_LAST_MIN = 8


def _mark_incomplete(article: Article, notices: list[Notice]) -> None:
    """A paragraph that stops mid-sentence was cut off; if it is the article's last, the answer is truncated."""
    all_blocks = [article.lead] + [tip.blocks for tip in article.tips]
    for blocks in all_blocks:
        for block in blocks:
            last = block.lines[-1] if block.lines else ""
            if block.kind == "paragraph" and len(last) > CUT_OFF_MIN and re.search(rf"[{CJK}A-Za-z0-9]$", last) \
                    and not last.endswith("等"):
                block.cut_off = True
    final = next((blocks for blocks in reversed(all_blocks) if blocks), [])
    last = final[-1] if final else None
    if last is not None and last.kind == "paragraph" and len(last.lines[-1]) >= CUT_OFF_LAST_MIN \
            and re.search(rf"[{CJK}A-Za-z0-9，、]$", last.lines[-1]) and not last.lines[-1].endswith("等"):
        last.cut_off = True  # even a short last line that stops mid-sentence ends a truncated answer
    for blocks in all_blocks:
        for block in blocks:
            if not block.cut_off:
                continue
            if blocks is final and block is final[-1]:
                article.incomplete = True
                notices.append(Notice(article.path, block.line, "the answer stops mid-sentence: marked incomplete"))
            else:
                block.cut_off = False  # only an editor can tell a cut from a sentence written without a stop
                notices.append(Notice(article.path, block.line, "a paragraph ends without punctuation: "
                                      "cut off in the source?", review=True, text=block.lines[-1][-20:]))
    if article.incomplete:
        final.append(Block("incomplete", []))
