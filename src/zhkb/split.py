"""Stage 3, split: cleaned lines → articles (one per question) → tips.

* A question marker (『壹』…) starts an article; its text is the title.
* Numbered points at line start become tips.  Styles rank from outer to
  inner (一、 > 第一/首先 > 1、/01 > (1)); a point nests under the nearest open
  point of an outer style, so the text's own nesting becomes heading levels.
* A run of three or more short points with no text of their own between them
  is a checklist, not tips: it stays a numbered list in the current tip.
* Text before the first tip is the article's lead.
* A line a spam rule marked ``starts_section`` (an aggregator glued in a second
  source) and a line that is only 【…】 open a section heading.

Markers and title punctuation that the Markdown structure replaces are
removed through recorded edits, so the accounting stays complete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import CJK
from .model import Article, Block, Edit, Line, Notice, Tip

CN_NUM = "一二三四五六七八九十"
#: 『壹』 … 『玖仟玖佰玖拾玖』: financial numerals, as the compilations number their questions
QUESTION = re.compile(r"^『([零壹贰叁叄肆伍陆柒捌玖拾佰仟万]+)』 ?")
SEQUENCE_WORDS = ("首先", "其次", "再次", "然后", "最后")

#: (rank, name, pattern) — the pattern matches the marker, group 1 is its number
POINT_STYLES: list[tuple[int, str, re.Pattern[str]]] = [
    (0, "cn-dun", re.compile(rf"^([{CN_NUM}]+)、 ?")),
    (1, "ordinal", re.compile(rf"^第([{CN_NUM}]+)(?![次个位天年名步章节届期轮页行])[、，：．]? ?")),
    (1, "sequence", re.compile(rf"^({'|'.join(SEQUENCE_WORDS)})(?=[，、：]|[{CJK}])[，、：]? ?")),
    (2, "arabic", re.compile(r"^(\d{1,2})[、．] ?|^(0\d) ")),
    (3, "paren", re.compile(r"^[（(](\d{1,2})[)）] ?")),
]
SECTION_RANK = -1
#: why each structural rule removes characters: the Markdown structure now says it
SPLIT_RULES = {
    "question_marker": "the question marker; the question is the article title",
    "point_marker": "the point's number; the point is a heading",
    "list_marker": "the item's number; the checklist is a numbered list",
    "bracket_heading": "【】 around a heading",
    "title_punctuation": "punctuation between a heading and its text",
}
BRACKET_HEADING = re.compile(r"^【([^【】]{1,20})】$")

TITLE_END = "。！？；"
TITLE_SOFT_END = "，："
SHORT_TITLE = 20
MAX_TITLE = 30
CHECKLIST_ITEM_MAX = 40
SHORT_LIST_ITEM_MAX = 16
MAX_LEVEL = 3


@dataclass
class Segment:
    """One line of text (a part of a source line split by a ``\\n``) with its origin."""

    line: Line
    part: int
    #: the line before was an artefact that separated two sources (see SpamRule.starts_section)
    after_section: bool = False

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


def find_point(segment: Segment) -> Point | None:
    text = segment.text
    for rank, style, pattern in POINT_STYLES:
        match = pattern.match(text)
        if match and match.end() < len(text):
            number = next(group for group in match.groups() if group)
            return Point(segment, rank, style, number, match.end())
    return None


def segments_of(lines: list[Line]) -> list[Segment]:
    segments: list[Segment] = []
    section_pending = False
    for line in lines:
        for k, part in enumerate(line.text.split("\n")):
            if part.strip():
                segments.append(Segment(line, k, after_section=section_pending))
                section_pending = False
        section_pending = section_pending or line.starts_section
    return segments


def _number_value(number: str) -> int:
    if number.isdigit():
        return int(number)
    if number in SEQUENCE_WORDS:
        return SEQUENCE_WORDS.index(number) + 1
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


def title_split(text: str) -> tuple[int, int]:
    """Where a point's title ends in its text: ``(end of title, start of body)``.

    A sentence end close to the start wins; else a comma or colon; else a
    sentence end a little further on; else the whole line is the title.
    """
    for stops, limit in ((TITLE_END, SHORT_TITLE), (TITLE_SOFT_END, MAX_TITLE), (TITLE_END, MAX_TITLE)):
        positions = [text.find(ch) for ch in stops if 0 < text.find(ch) <= limit]
        if positions:
            end = min(positions)
            # ？ and ！ belong to the title; 。；，： only separate it from the body
            keep = text[end] in "？！"
            return (end + 1 if keep else end), end + 1
    return len(text), len(text)


def split_source(lines: list[Line], notices: list[Notice]) -> list[Article]:
    """Split one source's cleaned lines into articles."""
    segments = segments_of(lines)
    if not segments:
        return []
    articles: list[Article] = []
    chunk: list[Segment] = []
    has_markers = any(QUESTION.match(seg.text) for seg in segments)

    def flush() -> None:
        if chunk:
            articles.append(_build_article(chunk, notices))

    for seg in segments:
        match = QUESTION.match(seg.text)
        if match:
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


def _build_article(chunk: list[Segment], notices: list[Notice]) -> Article:
    head = chunk[0]
    match = QUESTION.match(head.text)
    number = ""
    if match:
        number = match.group(1)
        head.edit("split.question_marker", 0, match.end())
    title = head.text.strip()
    if not title:
        notices.append(Notice(head.line.path, head.line.number, "question marker without a title"))
    article = Article(title=title, path=head.line.path, source_line=head.line.number, number=number)
    body = chunk[1:]
    points = _points_to_keep(body)
    checklist_items = _checklist_items(body, points)

    stack: list[tuple[int, Tip]] = []  # (rank, tip) of open points, outermost first
    current_blocks = article.lead
    i = 0
    while i < len(body):
        seg = body[i]
        point = points.get(id(seg))
        bracket = BRACKET_HEADING.match(seg.text)
        if seg.after_section or bracket:
            if bracket:
                seg.edit("split.bracket_heading", bracket.end(1), bracket.end(1) + 1)
                seg.edit("split.bracket_heading", 0, 1)
            title_end = len(seg.text.rstrip("：:"))
            if title_end < len(seg.text):
                seg.edit("split.title_punctuation", title_end, len(seg.text))
            tip = Tip(title=seg.text.strip(), level=1, source_line=seg.line.number)
            stack = [(SECTION_RANK, tip)]
            article.tips.append(tip)
            current_blocks = tip.blocks
        elif id(seg) in checklist_items:
            run = checklist_items[id(seg)]
            items = []
            for item_point in run:
                item_seg = item_point.segment
                item_seg.edit("split.list_marker", 0, item_point.marker_end)
                items.append(item_seg.text)
            current_blocks.append(Block("ordered", items))
            i += len(run)
            continue
        elif point is not None:
            seg.edit(f"split.point_marker.{point.style}", 0, point.marker_end)
            end, body_start = title_split(seg.text)
            if body_start > end:
                seg.edit("split.title_punctuation", end, body_start)
            title = seg.text[:end].strip()
            rest = seg.text[end:].strip()
            while stack and stack[-1][0] >= point.rank:
                stack.pop()
            tip = Tip(title=title, level=min(len(stack) + 1, MAX_LEVEL), source_line=seg.line.number)
            if len(title) > MAX_TITLE:
                notices.append(Notice(seg.line.path, seg.line.number, f"long tip title ({len(title)} characters)"))
            stack.append((point.rank, tip))
            article.tips.append(tip)
            current_blocks = tip.blocks
            if rest:
                current_blocks.append(Block("paragraph", [rest]))
        else:
            _add_text(current_blocks, seg.text.strip())
        i += 1
    _group_short_lines(article)
    _mark_incomplete(article)
    return article


def _points_to_keep(body: list[Segment]) -> dict[int, Point]:
    """Points that really are points.

    首先 or 第一 at the start of a line is often just prose; such words count as
    points only when at least two lines of the article start with one.
    """
    points = {id(seg): p for seg in body if (p := find_point(seg))}
    wordy = [key for key, p in points.items() if p.style in ("sequence", "ordinal")]
    if len(wordy) < 2:
        for key in wordy:
            del points[key]
    return points


def _checklist_items(body: list[Segment], points: dict[int, Point]) -> dict[int, list[Point]]:
    """Runs of ≥3 consecutive short points numbered 1, 2, 3 … with no text between them."""
    found: dict[int, list[Point]] = {}
    i = 0
    while i < len(body):
        point = points.get(id(body[i]))
        if point is None or _number_value(point.number) != 1:
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
        short = all(len(p.segment.text) <= CHECKLIST_ITEM_MAX for p in run)
        if len(run) >= 3 and short:
            found[id(body[i])] = run
        i = j
    return found


def _add_text(blocks: list[Block], text: str) -> None:
    blocks.append(Block("paragraph", [text]))


def _is_short_item(text: str) -> bool:
    return len(text) <= SHORT_LIST_ITEM_MAX and not any(ch in text for ch in TITLE_END + "：，")


def _group_short_lines(article: Article) -> None:
    """Two or more consecutive short one-line paragraphs without punctuation are a list."""
    for blocks in [article.lead] + [tip.blocks for tip in article.tips]:
        grouped: list[Block] = []
        for block in blocks:
            if block.kind == "paragraph" and _is_short_item(block.lines[0]):
                if grouped and grouped[-1].kind == "bullets":
                    grouped[-1].lines.append(block.lines[0])
                    continue
                grouped.append(Block("bullets", list(block.lines)))
                continue
            grouped.append(block)
        # a lone short line stays a paragraph
        blocks[:] = [Block("paragraph", b.lines) if b.kind == "bullets" and len(b.lines) < 2 else b
                     for b in grouped]


def _mark_incomplete(article: Article) -> None:
    """An answer whose last paragraph stops mid-sentence was cut off: say so."""
    blocks = article.tips[-1].blocks if article.tips else article.lead
    if not blocks or blocks[-1].kind != "paragraph":
        return
    last = blocks[-1].lines[-1]
    if len(last) > 20 and re.search(rf"[{CJK}A-Za-z0-9]$", last):
        article.incomplete = True
        blocks.append(Block("incomplete", []))
