"""``reports/traditional.md``: what the Taiwan conversion decided, for an editor to review.

Written by ``zhkb ingest`` from the canonical Simplified pages it generates,
converted exactly as the Traditional site converts them
(:class:`zhkb.taiwan.TaiwanConverter`): each page's Markdown body as one text,
and each shown front-matter value (title, description, each tag) on its own,
as ``hooks/traditional.py`` does.

It lists every occurrence of a character with several Traditional forms
(OpenCC's ``STCharacters``) with the form chosen, its context on the site and
the rule that chose it, and every reviewed entry that applied or was left out.
Rows are sorted by character, form, word and the text around them, and name
the place by page and tip anchor, not by line: a new occurrence after an
ingest is a new row in ``git diff``, and the other rows stay as they were.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import meta as front_matter

from .taiwan import (
    PACKAGE_REL,
    RULE_ALONE,
    RULE_BESIDE,
    RULE_ENTRY,
    RULE_OPENCC_DEFAULT,
    RULE_OPENCC_PHRASE,
    RULE_QUOTED,
    Decision,
    EntryUse,
    ReviewUse,
    TaiwanConverter,
    Trace,
    character_forms,
    taiwan_converter,
)

#: Front-matter keys whose values readers see (``zhkb.site.traditional.SHOWN_META_KEYS``).
SHOWN_META_KEYS = ("title", "description", "tags")
#: Characters of context shown on each side.
CONTEXT = 8
#: A heading's anchor, as ``write.py`` writes it (``## 标题 {#t3}``).
ANCHOR = re.compile(r"^#{1,6}\s.*\{#([\w-]+)\}\s*$")

RULE_NOTES = {
    RULE_OPENCC_DEFAULT: "the form OpenCC gives the character by itself (its phrase table may have chosen it too)",
    RULE_OPENCC_PHRASE: "a phrase of OpenCC's table chose another form than the default",
    RULE_ENTRY: "a reviewed entry (its file and line are given) covers the character",
    RULE_QUOTED: "a quoted single character takes its form in the nearest word of the paragraph that has it",
    RULE_BESIDE: "a character standing alone beside a two-character word whose other half stands alone too "
                 "takes its form in that word",
    RULE_ALONE: "a character standing alone as a word takes the form of the reviewed table",
}


@dataclass(frozen=True)
class Text:
    """One text the site converts on its own: a page body or a shown front-matter value."""

    page: str  # docs-relative path
    field: str  # "" for the body, else the front-matter key
    text: str


@dataclass(frozen=True)
class Row:
    """An occurrence, as the report shows it."""

    char: str
    form: str
    word: str
    rule: str
    origin: str
    before: str  # converted text before the character
    after: str  # converted text after it
    where: str
    simplified_after: str  # sort key: the source text after it

    def key(self) -> tuple:
        return (self.char, self.form, self.word, self.simplified_after, self.before[::-1], self.rule, self.where)


@dataclass(frozen=True)
class UseRow:
    use: EntryUse
    before: str
    after: str
    where: str


@dataclass(frozen=True)
class ReviewRow:
    use: ReviewUse
    shown: str  # the word as the site shows it
    before: str
    after: str
    where: str


def page_texts(files: dict[str, str]) -> Iterator[Text]:
    """The texts of the ``docs/`` pages among ``files`` (path -> content) that the site converts."""
    for path in sorted(files):
        if not (path.startswith("docs/") and path.endswith(".md")):
            continue
        body, meta = front_matter.get_data(files[path])
        page = path.removeprefix("docs/")
        for key in SHOWN_META_KEYS:
            values = meta.get(key)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and value:
                    yield Text(page, key, value)
        yield Text(page, "", body)


def _anchors(text: str) -> list[tuple[int, str]]:
    """(offset, anchor) of each anchored heading of a Markdown body."""
    found, offset = [], 0
    for line in text.splitlines(keepends=True):
        match = ANCHOR.match(line)
        if match:
            found.append((offset, match.group(1)))
        offset += len(line)
    return found


def _where(text: Text, anchors: list[tuple[int, str]], offset: int) -> str:
    if text.field:
        return f"{text.page} ({text.field})"
    anchor = ""
    for start, name in anchors:
        if start > offset:
            break
        anchor = name
    return f"{text.page}#{anchor}" if anchor else text.page


def _output_offsets(paragraph: str, trace: Trace) -> list[int]:
    """For each source position of ``paragraph`` (and its end), the offset of its converted text."""
    applied = {use.position: use.entry for use in trace.entries if use.applied}
    offsets, i, out = [], 0, 0
    while i < len(paragraph):
        entry = applied.get(i)
        if entry is None:
            offsets.append(out)
            i, out = i + 1, out + 1
            continue
        same_length = len(entry.key) == len(entry.value)
        for k in range(len(entry.key)):
            offsets.append(out + (k if same_length else 0))
        i, out = i + len(entry.key), out + len(entry.value)
    offsets.append(out)
    return offsets


def collect(converter: TaiwanConverter, texts: Iterable[Text]) -> tuple[list[Row], list[UseRow], list[ReviewRow]]:
    """Every decision on a character with several forms, every entry use and every word to review in ``texts``."""
    rows, uses, review = [], [], []
    for text in texts:
        anchors = _anchors(text.text) if not text.field else []
        for offset, paragraph in converter.paragraphs(text.text):
            trace = Trace()
            output = converter.convert_paragraph(paragraph, trace)
            offsets = _output_offsets(paragraph, trace)

            def around(start: int, end: int) -> tuple[str, str]:
                # within the line: a row changes only when its own line does
                before = output[max(0, offsets[start] - CONTEXT):offsets[start]]  # noqa: B023
                after = output[offsets[end]:offsets[end] + CONTEXT]  # noqa: B023
                return before.rpartition("\n")[2], after.partition("\n")[0]

            # A character inside an entry that changes the length (复印件 -> 影本) shows the whole entry's value.
            spans = {k: (use.position, use.position + len(use.entry.key)) for use in trace.entries
                     if use.applied and len(use.entry.key) != len(use.entry.value)
                     for k in range(use.position, use.position + len(use.entry.key))}
            for decision in trace.decisions:
                before, after = around(*spans.get(decision.position, (decision.position, decision.position + 1)))
                following = paragraph[decision.position + 1:decision.position + 1 + CONTEXT].partition("\n")[0]
                rows.append(_row(decision, before, after, _where(text, anchors, offset + decision.position),
                                 following))
            for use in trace.entries:
                before, after = around(use.position, use.position + len(use.entry.key))
                if not use.applied:
                    before = paragraph[max(0, use.position - CONTEXT):use.position].rpartition("\n")[2]
                    end = use.position + len(use.entry.key)
                    after = paragraph[end:end + CONTEXT].partition("\n")[0]
                uses.append(UseRow(use, before, after, _where(text, anchors, offset + use.position)))
            for word in trace.review:
                end = word.position + len(word.word)
                before, after = around(word.position, end)
                shown = output[offsets[word.position]:offsets[end]]
                review.append(ReviewRow(word, shown, before, after, _where(text, anchors, offset + word.position)))
    return sorted(rows, key=Row.key), uses, review


def _file(origin: str) -> str:
    """The file of an origin ``path:line``: a row names the file, not the line, so that editing a data file
    does not change the rows of the entries it did not touch (the row shows the entry's key)."""
    path, colon, line = origin.rpartition(":")
    return path if colon and line.isdigit() else origin


def _row(decision: Decision, before: str, after: str, where: str, simplified_after: str) -> Row:
    return Row(decision.char, decision.form, decision.word, decision.rule, _file(decision.origin), before, after, where,
               simplified_after)


def _cell(text: str) -> str:
    """Text in a Markdown table cell: visible line breaks, escaped pipes, backticks and angle brackets."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("<", "&lt;")
            .replace("\n", "⏎").replace("\t", "⇥")) or "∅"


def traditional_report(files: dict[str, str], opencc_dir: Path) -> str:
    """The report for the generated ``files``, converted with the overrides in ``opencc_dir``."""
    return render(taiwan_converter(opencc_dir), files)


def render(converter: TaiwanConverter, files: dict[str, str]) -> str:
    """The report for the ``docs/`` pages among ``files`` (path -> content)."""
    rows, uses, review = collect(converter, page_texts(files))
    out = ["# Traditional (Taiwan) conversion report", "",
           "Generated by `zhkb build` from `docs/`, converted exactly as the Traditional site converts it",
           "(`zhkb.taiwan`); do not edit. Review it before publishing. A wrong form or word is fixed by an",
           "entry in `sources/opencc/s2tw.txt` (`simplified<TAB>taiwan`, for the word as it stands in the",
           "text: it applies wherever that word is a word of the text), or, if it holds for any text, in",
           "`src/zhkb/defaults/taiwan/`. Rows are sorted by character, form, word and context, and name the",
           "page and tip, so `git diff` shows new occurrences as new rows.", ""]
    out += _render_entries(uses)
    out += _render_review(review)
    out += _render_characters(rows)
    return "\n".join(out).rstrip("\n") + "\n"


def _render_entries(uses: list[UseRow]) -> list[str]:
    applied: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in uses:
        if row.use.applied:
            entry = row.use.entry
            applied[(entry.key, entry.value, _file(entry.origin))].append(row.where)
    out = ["## Reviewed entries applied", "",
           f"{sum(len(v) for v in applied.values())} occurrences of {len(applied)} entries "
           "(Taiwan vocabulary, phrase fixes, the corpus's overrides).", ""]
    if applied:
        out += ["| simplified | Taiwan | entry | occurrences | where |", "|---|---|---|---|---|"]
        for (key, value, origin), places in sorted(applied.items()):
            shown = ", ".join(f"`{where}`" for where in sorted(set(places)))
            out.append(f"| {_cell(key)} | {_cell(value)} | `{origin}` | {len(places)} | {shown} |")
        out.append("")
    skipped = sorted((row for row in uses if not row.use.applied),
                     key=lambda r: (r.use.entry.key, r.use.cut, r.after, r.before[::-1], r.where))
    out += ["## Entries left out", "",
            f"{len(skipped)} occurrences of an entry's key where it would cut a word of the text in two: "
            "OpenCC converted them as it would without the entry. If the entry was meant there, add a longer one.",
            ""]
    if skipped:
        out += ["| simplified | would cut | context | entry | where |", "|---|---|---|---|---|"]
        for row in skipped:
            entry = row.use.entry
            context = f"{row.before}【{entry.key}】{row.after}"
            out.append(f"| {_cell(entry.key)} | {_cell(row.use.cut)} | {_cell(context)} | `{_file(entry.origin)}` | "
                       f"`{row.where}` |")
        out.append("")
    return out


def _render_review(review: list[ReviewRow]) -> list[str]:
    rows = sorted(review, key=lambda r: (r.use.word, r.after, r.before[::-1], r.where))
    out = ["## Words to review", "",
           f"{len(rows)} occurrences of words whose Taiwan form depends on the sentence (`{PACKAGE_REL}/review.tsv`) "
           "that no entry covers. Where the site's form is wrong, add an entry for the words as they stand.", ""]
    if rows:
        out += ["| word | Taiwan choices | on the site | where |", "|---|---|---|---|"]
        for row in rows:
            shown = f"{row.before}【{row.shown}】{row.after}"
            out.append(f"| {_cell(row.use.word)} | {_cell(row.use.choices)} | {_cell(shown)} | `{row.where}` |")
        out.append("")
    return out


def _render_characters(rows: list[Row]) -> list[str]:
    by_char: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_char[row.char].append(row)
    rules = Counter(row.rule for row in rows)
    forms = character_forms()
    out = ["## Characters with several forms", "",
           f"{len(rows)} occurrences of {len(by_char)} characters that OpenCC's `STCharacters` gives several "
           "Taiwan forms. By rule: " + ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items())) + ".", ""]
    out += [f"- **{rule}**: {note}" for rule, note in RULE_NOTES.items()]
    out += ["", "| character | forms | chosen |", "|---|---|---|"]
    for char, char_rows in sorted(by_char.items()):
        chosen = Counter(row.form for row in char_rows)
        out.append(f"| {char} | {' · '.join(forms.get(char, ()))} | "
                   + ", ".join(f"{form} {n}" for form, n in sorted(chosen.items())) + " |")
    for char, char_rows in sorted(by_char.items()):
        out += ["", f"### {char} ({' · '.join(forms.get(char, ()))})", "",
                "| form | word | context | rule | where |", "|---|---|---|---|---|"]
        for row in char_rows:
            rule = f"{row.rule} `{row.origin}`" if row.origin else row.rule
            context = f"{row.before}【{row.form}】{row.after}"
            out.append(f"| {row.form} | {_cell(row.word)} | {_cell(context)} | {rule} | `{row.where}` |")
    return out
