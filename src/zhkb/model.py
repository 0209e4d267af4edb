"""The typed model the pipeline stages pass along: source → lines → article → tip.

Every stage is a pure function over these values.  Text keeps its origin (the
source file and 1-based line number) so that the ingest report can say where
each fix was made, and so that every character of a source can be accounted
for: kept in an article, or removed by a named rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """A decoded source text."""

    path: str  # repo-relative path, used in messages and front matter
    text: str
    encoding: str


@dataclass(frozen=True)
class Edit:
    """One application of a named fix to one source line.

    ``before`` was replaced by ``after`` at character offset ``at`` of the line
    as it was when the rule ran.  An edit with an empty ``after`` is a removal.
    """

    rule: str
    path: str
    line: int
    at: int
    before: str
    after: str
    note: str = ""  # why, for rules driven by curation data (the erratum's reason)

    @property
    def is_removal(self) -> bool:
        """True when characters of the source disappear rather than change."""
        return self.after == "" and self.before != ""


@dataclass
class Line:
    """A source line on its way through the pipeline.

    ``text`` is the current text; ``edits`` every edit applied to it, in order.
    A fix that breaks a line in two leaves a ``\\n`` in ``text``; the splitter
    treats each part as a line of its own with the same origin.
    """

    path: str
    number: int
    original: str
    text: str
    edits: list[Edit] = field(default_factory=list)
    #: set by a spam rule marked ``starts_section``: the next line titles a new section
    starts_section: bool = False
    #: set by a rule marked ``starts_answer`` (a Q&A site's 最佳答案): the answer starts after this line
    starts_answer: bool = False


@dataclass
class Block:
    """A block of article body: a paragraph, a list, or a note."""

    kind: str  # "paragraph" | "question" | "ordered" | "bullets" | "incomplete"
    lines: list[str]
    #: a paragraph's lead label, shown in bold (错误应对：…)
    label: str = ""
    #: the paragraph stops mid-sentence: the source was cut off here
    cut_off: bool = False
    #: the source line it starts on
    line: int = 0

    def text_parts(self) -> list[str]:
        return ([self.label] if self.label else []) + self.lines


@dataclass
class Tip:
    """A numbered point of an answer: a heading with a stable id, and its body."""

    title: str
    level: int  # 1 = top-level tip (##), 2 = nested (###), ...
    blocks: list[Block] = field(default_factory=list)
    id: str = ""  # assigned by the ID registry
    source_line: int = 0


@dataclass
class Article:
    """One question and its answer."""

    title: str
    path: str  # source path
    source_line: int
    number: str  # the question marker, e.g. 壹
    lead: list[Block] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    slug: str = ""  # assigned by the ID registry
    incomplete: bool = False
    #: the title was made from a line too long to be one; the whole line opens the lead
    title_shortened: bool = False

    def text(self) -> str:
        """All of the article's source text, for tagging and fingerprints (a shortened title is not: its
        line is in the lead)."""
        parts = [] if self.title_shortened else [self.title]
        parts += [part for block in self.lead for part in block.text_parts()]
        for tip in self.tips:
            parts.append(tip.title)
            parts += [part for block in tip.blocks for part in block.text_parts()]
        return "\n".join(parts)


@dataclass
class Notice:
    """Something an editor should look at; not an error.

    A notice with ``review`` set goes to the report's review queue ("Kept, but
    please check"): something was kept that may be wrong, and only an editor
    can decide.  ``zhkb ingest --strict`` fails while the queue is not empty.
    """

    path: str
    line: int
    message: str
    review: bool = False
    column: int = 0
    #: the text in question, shown in the report
    text: str = ""


@dataclass
class IngestResult:
    articles: list[Article]
    lines: list[Line]
    notices: list[Notice]
