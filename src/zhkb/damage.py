"""Conversion damage: pinyin left in brackets, and characters lost in a bad conversion.

Some converters (seen on pages machine-converted to Traditional) print the
reading of a character after it: ``企業(yè)``.  Where a page was also decoded
with the wrong code page, characters are lost and junk stands in their place,
with the reading of the last lost character still after it: ``異?,F(xiàn)象``
(異常現象).

* A bracket is removed only when it holds a reading of the character before it
  (checked with pypinyin, tone marks and all); anything else stays and is
  listed for review.
* Lost characters are put back only when the reading left behind and the
  words around the gap make one answer much likelier than any other (scored
  with jieba's dictionary, a word-frequency model of Chinese); otherwise the
  junk stays and is listed for review, with file, line and column.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass

from .convert import convert
from .words import CJK, load_defaults
from .words import tokenizer as _jieba

#: letters that occur in pinyin, with tone marks
PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
#: a syllable with a tone mark: after lost characters it may have lost its opening bracket too (保?dān)整理)
TONED = "[a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,4}"
#: a character followed by Latin letters in brackets: the shape of a pinyin residue
BRACKETED_LATIN = re.compile(rf"([{CJK}])[(（]\s*([{PINYIN_LETTERS}]{{1,7}})\s*[)）]")
#: junk that stands for lost characters (question marks, with stray ASCII), then the last one's reading
LOST_CHARACTERS = re.compile(rf"[?？�][,.，A-Za-z]{{0,3}}?(?:[(（]\s*([{PINYIN_LETTERS}]{{1,7}})|({TONED}))\s*[)）]")
#: what lost characters leave in text without a reading: runs of ?, replacement characters, classic mojibake
LOST_MARKS = re.compile(rf"�+|锟斤拷|烫烫烫|屯屯屯|(?<=[{CJK}])\?{{2,}}|\?[,.][A-Z](?=[{CJK}(（])")
#: how many characters of context on each side score a repair
CONTEXT = 4
#: a repair is made only when its words are this much likelier (natural log) than the next best
CONFIDENCE_MARGIN = math.log(4)
#: how much less likely a repair is that leaves the character before the gap as a word of its own
STRAY_CHARACTER_PENALTY = math.log(20)


@dataclass(frozen=True)
class Damage:
    """Damage left in a line for an editor to decide: where, what, and why it was not repaired."""

    column: int  # 1-based, in the line as the cleaner had it
    text: str
    reason: str


# --------------------------------------------------------------------------
# readings


def _plain(syllable: str) -> str:
    """A pinyin syllable without tone marks, lowercase, with ü as v."""
    decomposed = unicodedata.normalize("NFD", syllable.lower()).replace("u\u0308", "v")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def readings(char: str) -> frozenset[str]:
    """Every reading pypinyin knows for ``char``, with tone marks (``行`` → háng, xíng, …)."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    return frozenset(r.lower() for group in found for r in group)


def is_reading_of(syllable: str, char: str) -> bool:
    """True when ``syllable`` is a reading of ``char`` (with its tone, or without any tone mark)."""
    wanted = syllable.lower().replace("v", "ü")
    known = readings(char)
    if wanted in known:
        return True
    has_tone = _plain(wanted) != unicodedata.normalize("NFD", wanted).replace("u\u0308", "v")
    return not has_tone and _plain(wanted) in {_plain(r) for r in known}


@functools.cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (from pypinyin's dictionary)."""
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(_plain(r) for value in pinyin_dict.values() for r in value.split(","))


def looks_like_pinyin(text: str) -> bool:
    """True for one pinyin syllable (``xù``, ``yè``, ``ren``), false for ``app`` or ``CRM``."""
    return text.islower() and _plain(text) in _syllables()


@functools.cache
def _characters_read_as() -> dict[str, tuple[str, ...]]:
    """Reading with tone → the characters jieba knows that are read so, most frequent first."""
    from pypinyin.pinyin_dict import pinyin_dict

    freq = _jieba().FREQ
    by_reading: dict[str, list[str]] = {}
    for codepoint, value in pinyin_dict.items():
        char = chr(codepoint)
        if freq.get(char, 0) <= 0:
            continue
        for reading in value.split(","):
            by_reading.setdefault(reading, []).append(char)
    return {r: tuple(sorted(chars, key=lambda c: (-freq[c], c))) for r, chars in by_reading.items()}


# --------------------------------------------------------------------------
# scoring with jieba's dictionary


@functools.cache
def _two_character_words() -> dict[str, tuple[str, ...]]:
    """First character → second characters of jieba's two-character words."""
    words: dict[str, list[str]] = {}
    for word, freq in _jieba().FREQ.items():
        if freq > 0 and len(word) == 2:
            words.setdefault(word[0], []).append(word[1])
    return {first: tuple(sorted(seconds)) for first, seconds in words.items()}


def _log_probability(text: str, bound: int | None = None) -> float:
    """The log probability of jieba's best segmentation of ``text``.

    With ``bound``, the character at that index is expected inside a word: if the best segmentation
    leaves it alone, the text pays ``STRAY_CHARACTER_PENALTY`` (the character before a gap usually
    begins a word the lost characters finish: 正|常现|象, 保|单).
    """
    dt = _jieba()
    route: dict[int, tuple[float, int]] = {}
    dt.calc(text, dt.get_DAG(text), route)
    score = route[0][0]
    if bound is not None and 0 <= bound < len(text):
        start = 0
        while start < len(text):
            end = route[start][1] + 1
            if start <= bound < end:
                if end - start == 1:
                    score -= STRAY_CHARACTER_PENALTY
                break
            start = end
    return score


def recover(left: str, reading: str, right: str, at_most: int = 2) -> str | None:
    """The lost text between ``left`` and ``right`` whose last character reads ``reading``, if it is clear.

    Tries one lost character (read so) and, when ``at_most`` allows, two (any
    character that makes a word with the one before the gap, then one read
    so).  Returns the best only when it is ``CONFIDENCE_MARGIN`` likelier than
    the runner-up.
    """
    reading = reading.lower()
    last = _characters_read_as().get(reading, ())
    if not last or not (left or right):
        return None
    candidates = list(last)
    if left and at_most >= 2:
        candidates += [first + char for first in _two_character_words().get(left[-1], ()) for char in last]
    scored = sorted(((_log_probability(left + c + right, bound=len(left) - 1), c) for c in candidates),
                    reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < CONFIDENCE_MARGIN:
        return None
    return scored[0][1]


# --------------------------------------------------------------------------
# fixes (text → text, recorded by the cleaner) and what they leave for review


def _simplified_context(text: str) -> str:
    """Context for scoring in jieba's script: only Chinese characters, converted to Simplified."""
    return convert("".join(ch for ch in text if re.match(f"[{CJK}]", ch)), "t2s")


def repair_lost_characters(text: str) -> str:
    """Characters lost in a conversion, put back from the reading left behind: 异?,F(xiàn)象 → 异常现象."""
    def repair(match: re.Match[str]) -> str:
        left = _simplified_context(text[max(0, match.start() - CONTEXT):match.start()])
        right = _simplified_context(text[match.end():match.end() + CONTEXT])
        # a lone question mark stands for one lost character; longer junk may hide two
        junk = len(match.group(0)) - len(match.group(1) or match.group(2)) - (3 if match.group(1) else 1)
        found = recover(left, match.group(1) or match.group(2), right, at_most=1 if junk <= 1 else 2)
        return found if found else match.group(0)

    return LOST_CHARACTERS.sub(repair, text)


def remove_pinyin_residue(text: str) -> str:
    """A reading in brackets after its character, left by a converter: 企业(yè) → 企业."""
    return BRACKETED_LATIN.sub(
        lambda m: m.group(1) if is_reading_of(m.group(2), m.group(1)) else m.group(0), text)


#: misread characters (``defaults/misread.yml``): character → the one it was probably
MISREAD = {str(k): str(v) for k, v in load_defaults("misread.yml")["confusions"].items()}
#: the least dictionary frequency of the word the other character makes: common words only
MISREAD_WORD_MIN = 100
#: the longest word looked for around a character
MISREAD_WORD_MAX = 4
#: a word the misreading makes is a known misspelling when the other character's word is this much more common
#: (自已 263 against 自己 90,933 in jieba's dictionary; 入手 against 人手 is not)
MISREAD_RATIO = 100


def _best_word(text: str, at: int) -> int:
    """The dictionary frequency of the most frequent word of 2–4 characters in ``text`` covering ``at``."""
    freq = _jieba().FREQ
    return max((freq.get(text[start:end], 0)
                for start in range(max(0, at - MISREAD_WORD_MAX + 1), at + 1)
                for end in range(max(at + 1, start + 2), min(len(text), start + MISREAD_WORD_MAX) + 1)),
               default=0)


def repair_misread_characters(text: str) -> str:
    """A character misread by a scan's text recognition, or mistyped (己经 → 已经, 自已 → 自己): only the other one
    makes a common word there."""
    if not any(char in MISREAD for char in text):
        return text
    chars = list(text)
    for at, char in enumerate(text):
        other = MISREAD.get(char)
        if other is None:
            continue
        found = _best_word(text, at)
        instead = _best_word(text[:at] + other + text[at + 1:], at)
        if instead >= MISREAD_WORD_MIN and instead >= MISREAD_RATIO * found:
            chars[at] = other
    return "".join(chars)


def remaining_damage(text: str) -> list[Damage]:
    """Damage the fixes left in place: lost characters not recovered, brackets that are not a reading."""
    found = [Damage(m.start() + 1, m.group(0), "characters lost in a conversion; the reading left behind "
                    "does not say which with confidence") for m in LOST_CHARACTERS.finditer(text)]
    found += [Damage(m.start() + 1, m.group(0), "characters lost in a conversion")
              for m in LOST_MARKS.finditer(text)
              if not any(d.column - 1 <= m.start() < d.column - 1 + len(d.text) for d in found)]
    for m in BRACKETED_LATIN.finditer(text):
        if looks_like_pinyin(m.group(2)) and not is_reading_of(m.group(2), m.group(1)):
            found.append(Damage(m.start(2), m.group(0)[1:], f"pinyin in brackets that is not a reading of "
                                f"{m.group(1)} ({', '.join(sorted(readings(m.group(1)))) or 'unknown'}): kept"))
    return sorted(found, key=lambda d: d.column)
