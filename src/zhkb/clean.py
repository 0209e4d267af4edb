"""Stage 2, clean: named fixes over source lines, each recorded as edits.

Like ftfy, every fix is a small named function from text to text, and the
cleaner can explain which fixes it applied where: the driver diffs each line
before and after a fix and records the differences as :class:`Edit` s.
Replaying a line's edits backwards gives its original text, so nothing is
lost silently.

Order matters and is fixed here: normalise whitespace → OpenCC t2s → drop
spam → punctuation → errata → spacing.  Errata and spam patterns are written
against Simplified text with full-width punctuation.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

from .convert import convert
from .curation import Curation, Erratum, SpamRule
from .model import Edit, Line, Source

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: full-width punctuation that ends or sits inside Chinese sentences
CJK_PUNCT = "，。！？；：、（）“”‘’《》【】「」『』…—～"
_CJK_OR_PUNCT = f"[{CJK}{CJK_PUNCT}]"

# --------------------------------------------------------------------------
# recording


def diff_edits(rule: str, line: Line, before: str, after: str, note: str = "") -> list[Edit]:
    """The edits that turn ``before`` into ``after``, positioned in ``after``."""
    if len(before) == len(after):
        return _aligned_edits(rule, line, before, after, note)
    if len(before) * len(after) > DIFF_CELLS_MAX:
        # A very long line changed in length: one edit for the span between the
        # common prefix and suffix keeps the cost linear; the account stays exact.
        start = len(_common_prefix(before, after))
        end = len(_common_prefix(before[start:][::-1], after[start:][::-1]))
        return [Edit(rule, line.path, line.number, start, before[start:len(before) - end],
                     after[start:len(after) - end], note)]
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            edits.append(Edit(rule, line.path, line.number, j1, before[i1:i2], after[j1:j2], note))
    return edits


#: above this (length before × length after) a line is not diffed character by character
DIFF_CELLS_MAX = 4_000_000


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


def _aligned_edits(rule: str, line: Line, before: str, after: str, note: str) -> list[Edit]:
    """Edits of a same-length change (OpenCC, punctuation): runs of differing characters."""
    edits, start = [], None
    for i, (x, y) in enumerate(zip(before, after, strict=True)):
        if x != y and start is None:
            start = i
        elif x == y and start is not None:
            edits.append(Edit(rule, line.path, line.number, start, before[start:i], after[start:i], note))
            start = None
    if start is not None:
        edits.append(Edit(rule, line.path, line.number, start, before[start:], after[start:], note))
    return edits


def apply_fix(line: Line, rule: str, fix: Callable[[str], str], note: str = "") -> None:
    """Run ``fix`` on the line's text and record what it changed under ``rule``.

    Without a ``note``, the first line of the fix's docstring explains it.
    """
    note = note or (fix.__doc__ or "").strip().split("\n")[0]
    after = fix(line.text)
    if after != line.text:
        line.edits.extend(diff_edits(rule, line, line.text, after, note))
        line.text = after


def replay_backwards(text: str, edits: Iterable[Edit]) -> str:
    """Undo ``edits`` (in reverse order) on ``text``: gives the line's original text."""
    for edit in reversed(list(edits)):
        assert text[edit.at:edit.at + len(edit.after)] == edit.after, edit
        text = text[:edit.at] + edit.before + text[edit.at + len(edit.after):]
    return text


# --------------------------------------------------------------------------
# normalisation fixes

_INVISIBLE = re.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f]")


def strip_carriage_return(text: str) -> str:
    """Windows line endings: the line splitter keeps a trailing CR."""
    return text.rstrip("\r")


def remove_invisible_characters(text: str) -> str:
    """Zero-width, direction and control characters carry nothing a reader sees."""
    return _INVISIBLE.sub("", text.replace("\r", ""))


def normalise_spaces(text: str) -> str:
    """Tabs, no-break and full-width spaces become one ASCII space; trim the ends."""
    text = re.sub(r"[\t\u00a0\u3000\u2000-\u200a\u202f\u205f]", " ", text)
    return re.sub(" {2,}", " ", text).strip(" ")


# --------------------------------------------------------------------------
# punctuation fixes (chinese-copywriting-guidelines: full-width in Chinese text)

_HALF_TO_FULL = {",": "，", "!": "！", "?": "？", ":": "：", ";": "；"}


def fullwidth_punctuation(text: str) -> str:
    """ASCII , ! ? : ; next to Chinese text become full-width; a sentence-final . becomes 。"""
    text = re.sub(rf"(?<={_CJK_OR_PUNCT})\s*([,!?:;])|([,!?:;])\s*(?={_CJK_OR_PUNCT})",
                  lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)
    # 1,000 and 3.5 keep ASCII; a full stop after a Chinese character ends a sentence.
    text = re.sub(rf"(?<=[{CJK}])\.(?!\d)(?!\.)", "。", text)
    return re.sub(rf"(?<=[{CJK}%\d])([,!?;])$", lambda m: _HALF_TO_FULL[m.group(1)], text)


def fullwidth_parentheses(text: str) -> str:
    """(…) around Chinese text become （…）."""
    return re.sub(rf"\(([^()]*[{CJK}][^()]*)\)", r"（\1）", text)


def chinese_quotes(text: str) -> str:
    """「」 and paired ASCII double quotes become “” in Simplified text."""
    text = text.replace("「", "“").replace("」", "”")
    return re.sub(r'"([^"\n]*)"', r"“\1”", text)


def collapse_repeated_punctuation(text: str) -> str:
    """，，→，  。。→。 (doubled by the scraper); ？？ and ！！ are left as written."""
    return re.sub("([，。、；：])\\1+", r"\1", text)


# --------------------------------------------------------------------------
# spacing fixes


def split_glued_answers(text: str) -> str:
    """Answers glued into one line by a space after a full stop start new paragraphs."""
    return re.sub(rf"([。！？～~])[ ]+(?=[{CJK}“（])", "\\1\n", text)


def space_between_cjk_and_latin(text: str) -> str:
    """A space between Chinese and Latin letters or digits (刨客 app, 80% 的利润)."""
    text = re.sub(rf"([{CJK}])([A-Za-z0-9])", r"\1 \2", text)
    return re.sub(rf"([A-Za-z0-9%])([{CJK}])", r"\1 \2", text)


def remove_space_beside_fullwidth_punctuation(text: str) -> str:
    """Full-width punctuation carries its own spacing."""
    return re.sub(rf" *([{CJK_PUNCT}]) *", r"\1", text)


# --------------------------------------------------------------------------
# curation-driven fixes


def apply_spam(line: Line, rules: list[SpamRule]) -> None:
    for rule in rules:
        if not rule.pattern.search(line.text):
            continue
        if rule.whole_line:
            apply_fix(line, f"spam.{rule.name}", lambda _text: "", rule.why)
            line.starts_section = line.starts_section or rule.starts_section
            return
        apply_fix(line, f"spam.{rule.name}", lambda text, p=rule.pattern: p.sub("", text), rule.why)


def apply_errata(line: Line, errata: list[Erratum], used: dict[int, int]) -> None:
    for erratum in errata:
        count = line.text.count(erratum.find)
        if count:
            used[erratum.line] = used.get(erratum.line, 0) + count
            apply_fix(line, "errata", lambda text, e=erratum: text.replace(e.find, e.replace), erratum.why)


# --------------------------------------------------------------------------
# driver

NORMALISE: list[Callable[[str], str]] = [strip_carriage_return, remove_invisible_characters, normalise_spaces]
PUNCTUATE: list[Callable[[str], str]] = [
    chinese_quotes, fullwidth_parentheses, fullwidth_punctuation, collapse_repeated_punctuation,
]
SPACE: list[Callable[[str], str]] = [
    split_glued_answers, remove_space_beside_fullwidth_punctuation, space_between_cjk_and_latin,
]


def source_lines(source: Source) -> list[Line]:
    """Split a source into lines (``\\n``; a CR before it stays for a named fix to remove)."""
    return [Line(source.path, number, text, text) for number, text in enumerate(source.text.split("\n"), 1)]


def clean_lines(lines: list[Line], curation: Curation, errata_used: dict[int, int] | None = None) -> list[Line]:
    """Apply every fix, in order, to every line (in place) and return the lines."""
    used = errata_used if errata_used is not None else {}
    for line in lines:
        for fix in NORMALISE:
            apply_fix(line, fix.__name__, fix)
        apply_fix(line, "opencc_t2s", lambda text: convert(text, "t2s", curation.opencc_dir),
                  "OpenCC t2s with sources/opencc/t2s.txt")
        apply_spam(line, curation.spam)
        for fix in PUNCTUATE:
            apply_fix(line, fix.__name__, fix)
        apply_errata(line, curation.errata, used)
        for fix in SPACE:
            apply_fix(line, fix.__name__, fix)
    return lines
