"""Stage 2, clean: named fixes over source lines, each recorded as edits.

Like ftfy, every fix is a small named function from text to text, and the
cleaner can explain which fixes it applied where: the driver diffs each line
before and after a fix and records the differences as :class:`Edit` s.
Replaying a line's edits backwards gives its original text, so nothing is
lost silently.

Order matters and is fixed here: normalise whitespace → repair conversion
damage (:mod:`zhkb.damage`) → OpenCC t2s → drop boilerplate, by zhkb's
default rules and then the corpus's own (:mod:`zhkb.boilerplate`) →
punctuation → errata → spacing.  Boilerplate patterns see Simplified text with
punctuation as scraped; errata see it with full-width punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .boilerplate import remove_boilerplate
from .convert import convert
from .curation import Curation, Erratum
from .damage import remove_pinyin_residue, repair_lost_characters, repair_misread_characters
from .edits import apply_fix, diff_edits, replay_backwards
from .model import Line, Source
from .words import CJK, splits_a_word

__all__ = ["apply_fix", "clean_lines", "diff_edits", "replay_backwards", "source_lines"]

#: full-width punctuation that ends or sits inside Chinese sentences
CJK_PUNCT = "，。！？；：、（）“”‘’《》【】「」『』…—～"
_CJK_OR_PUNCT = f"[{CJK}{CJK_PUNCT}]"

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
# script fixes

#: words in which 著 is zhù and stays 著 (package data)
_ZHU_WORDS = [w for w in (Path(__file__).parent / "defaults" / "zhu.txt").read_text(encoding="utf-8").split()
              if not w.startswith("#")]
_ZHU_OR_ZHE = re.compile("|".join(sorted(map(re.escape, _ZHU_WORDS), key=len, reverse=True)) + "|著")
#: a source is Traditional when t2s changed at least this share of its Chinese characters
TRADITIONAL_SHARE = 0.01


def particle_zhe(text: str) -> str:
    """著 as a particle of Traditional text is 着 in Simplified (盯著 → 盯着); 著名, 显著 … keep 著."""
    return _ZHU_OR_ZHE.sub(lambda m: "着" if m.group(0) == "著" else m.group(0), text)


def was_traditional(lines: list[Line]) -> bool:
    """True when OpenCC t2s changed a real share of the source's characters: it was written in Traditional."""
    changed = sum(len(e.before) for line in lines for e in line.edits if e.rule == "opencc_t2s")
    chinese = sum(len(re.findall(f"[{CJK}]", line.text)) for line in lines)
    return chinese > 0 and changed >= max(2, TRADITIONAL_SHARE * chinese)


# --------------------------------------------------------------------------
# punctuation fixes (chinese-copywriting-guidelines: full-width in Chinese text)

_HALF_TO_FULL = {",": "，", "!": "！", "?": "？", ":": "：", ";": "；"}


def fullwidth_punctuation(text: str) -> str:
    """ASCII , ! ? : ; next to Chinese text become full-width; a sentence-final . becomes 。"""
    text = re.sub(rf"(?<={_CJK_OR_PUNCT})\s*([,!?:;])|([,!?:;])\s*(?={_CJK_OR_PUNCT})",
                  lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)
    # 1,000 and 3.5 keep ASCII; a full stop after a Chinese character ends a sentence.
    text = re.sub(rf"(?<=[{CJK}])\.(?![\d.A-Za-z])", "。", text)
    return re.sub(rf"(?<=[{CJK}%\d])([,!?;])$", lambda m: _HALF_TO_FULL[m.group(1)], text)


def fullwidth_parentheses(text: str) -> str:
    """(…) around Chinese text, or next to it, become （…）: 管理(CRM)系统 → 管理（CRM）系统."""
    text = re.sub(rf"\(([^()]*[{CJK}][^()]*)\)", r"（\1）", text)
    return re.sub(rf"(?<=[{CJK}{CJK_PUNCT}])\(([^()]*)\)|\(([^()]*)\)(?=[{CJK}{CJK_PUNCT}])",
                  lambda m: f"（{m.group(1) if m.group(1) is not None else m.group(2)}）", text)


def chinese_quotes(text: str) -> str:
    """「」 and paired ASCII quotes (double, or single around Chinese) become “” and ‘’ in Simplified text."""
    text = text.replace("「", "“").replace("」", "”")
    text = re.sub(r'"([^"\n]*)"', r"“\1”", text)
    return re.sub(rf"'([^'\n]*[{CJK}][^'\n]*)'", r"‘\1’", text)


#: three or more dots, two or more ideographic full stops, or a lone ellipsis character
_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|。{2,}|．{3,}|…+|⋯+)")


def chinese_ellipsis(text: str) -> str:
    """An ellipsis in Chinese text is …… (two characters): ... 。。。 and a lone … become ……"""
    return _ELLIPSIS.sub(lambda m: "……" if _next_to_chinese(text, m) else m.group(0), text)


def _next_to_chinese(text: str, match: re.Match[str]) -> bool:
    before = text[:match.start()].rstrip()[-1:]
    after = text[match.end():].lstrip()[:1]
    return bool(re.match(f"[{CJK}{CJK_PUNCT}]", before or "x") or re.match(f"[{CJK}{CJK_PUNCT}]", after or "x"))


#: a number range: 9-10 点, 3~5 条, 80cm~155cm, 9:00-18:30 (not a date 2019-05-12 or a phone number)
_RANGE = re.compile(
    r"(?<![\d.:：\-/])(\d{1,4}(?:[.:：]\d{1,2})?\s*(?:[A-Za-z%]{1,3})?)\s*[-~～—–－]\s*"
    rf"(\d{{1,4}}(?:[.:：]\d{{1,2}})?)(?![\d\-/])(?=\s*(?:[A-Za-z%]{{1,3}}\s*)?[{CJK}{CJK_PUNCT}]|\s*[A-Za-z%]{{1,3}}\b|$)"
)


def number_ranges(text: str) -> str:
    """A range between numbers is written with ～ (GB/T 15834): 9-10点 → 9～10点, 3~5条 → 3～5条."""
    if not re.search(f"[{CJK}]", text):
        return text
    return _RANGE.sub(lambda m: f"{m.group(1).strip()}～{m.group(2)}", text)


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


def join_wrapped_words(text: str) -> str:
    """A space inside a Chinese word is a line wrap of a PDF or slide: 销售代 表 → 销售代表, 获取信 息 → 获取信息.

    In prose (a line with sentence punctuation) every space between two Chinese characters goes; in a
    title or a list of words, where spaces separate items (鹰 狐), only a space that splits a word.
    """
    if not re.search(rf"[{CJK}] +[{CJK}]", text):
        return text
    if re.search("[，。！？；]", text):
        return re.sub(rf"(?<=[{CJK}]) +(?=[{CJK}])", "", text)
    def join(match: re.Match[str]) -> str:
        return "" if splits_a_word(_run_before(text, match.start()), _run_after(text, match.end())) else match.group(0)

    return re.sub(rf"(?<=[{CJK}]) +(?=[{CJK}])", join, text)


def _run_before(text: str, end: int) -> str:
    return re.search(rf"[{CJK}]*$", text[:end]).group(0)


def _run_after(text: str, start: int) -> str:
    return re.match(rf"[{CJK}]*", text[start:]).group(0)


def remove_space_beside_fullwidth_punctuation(text: str) -> str:
    """Full-width punctuation carries its own spacing."""
    return re.sub(rf" *([{CJK_PUNCT}]) *", r"\1", text)


# --------------------------------------------------------------------------
# curation-driven fixes


def apply_errata(line: Line, errata: list[Erratum], used: dict[int, int]) -> None:
    for erratum in errata:
        count = line.text.count(erratum.find)
        if count:
            used[erratum.line] = used.get(erratum.line, 0) + count
            apply_fix(line, "errata", lambda text, e=erratum: text.replace(e.find, e.replace), erratum.why)


# --------------------------------------------------------------------------
# driver

NORMALISE: list[Callable[[str], str]] = [strip_carriage_return, remove_invisible_characters, normalise_spaces]
#: conversion damage is repaired before t2s, so that OpenCC converts whole words (企業(yè)務 → 企业务 fails)
REPAIR: list[Callable[[str], str]] = [repair_lost_characters, remove_pinyin_residue]
PUNCTUATE: list[Callable[[str], str]] = [
    chinese_ellipsis, number_ranges, chinese_quotes, fullwidth_parentheses, fullwidth_punctuation,
    collapse_repeated_punctuation,
]
SPACE: list[Callable[[str], str]] = [
    split_glued_answers, join_wrapped_words, remove_space_beside_fullwidth_punctuation, space_between_cjk_and_latin,
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
        for fix in REPAIR:
            if "(" in line.text or "（" in line.text:  # both fixes look for a reading in brackets
                apply_fix(line, fix.__name__, fix)
        apply_fix(line, "opencc_t2s", lambda text: convert(text, "t2s", curation.opencc_dir),
                  "OpenCC t2s with sources/opencc/t2s.txt")
    if was_traditional(lines):
        for line in lines:
            if "著" in line.text:
                apply_fix(line, "particle_zhe", particle_zhe)
    remove_boilerplate(lines, curation.defaults + curation.spam, set(curation.switched_off))
    for line in lines:
        for fix in PUNCTUATE:
            apply_fix(line, fix.__name__, fix)
        apply_fix(line, repair_misread_characters.__name__, repair_misread_characters)
        apply_errata(line, curation.errata, used)
        for fix in SPACE:
            apply_fix(line, fix.__name__, fix)
    return lines
