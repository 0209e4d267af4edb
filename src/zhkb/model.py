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


@dataclass
class Block:
    """A block of article body: a paragraph, a list, or a note."""

    kind: str  # "paragraph" | "list" | "incomplete"
    lines: list[str]


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

    def text(self) -> str:
        """All of the article's text, for tagging and fingerprints."""
        parts = [self.title]
        parts += [line for block in self.lead for line in block.lines]
        for tip in self.tips:
            parts.append(tip.title)
            parts += [line for block in tip.blocks for line in block.lines]
        return "\n".join(parts)


@dataclass
class Notice:
    """Something an editor should look at; not an error."""

    path: str
    line: int
    message: str


@dataclass
class IngestResult:
    articles: list[Article]
    lines: list[Line]
    notices: list[Notice]
