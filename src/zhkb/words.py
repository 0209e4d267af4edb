"""jieba's dictionary, as a model of which strings are Chinese words.

Loaded once, on first use only (it takes a second): most sources never need it.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

#: the Han characters Chinese words are written in (CJK ideographs, extension A, compatibility ideographs),
#: as a regular-expression character range
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def load_defaults(name: str) -> dict:
    """One of zhkb's own YAML data files (``zhkb/defaults/<name>``)."""
    return yaml.safe_load((Path(__file__).parent / "defaults" / name).read_text(encoding="utf-8"))


def structure_vocabulary() -> dict:
    """The vocabulary of a text's structure (``defaults/structure.yml``): point names, labels, decorations."""
    return load_defaults("structure.yml")


@functools.cache
def tokenizer():
    """jieba's default tokenizer, initialised, with its log quiet."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    return jieba.dt


def is_word(text: str) -> bool:
    """True when jieba's dictionary knows ``text`` as a word."""
    return tokenizer().FREQ.get(text, 0) > 0


def spans_a_word(left: str, right: str, longest: int = 3) -> bool:
    """True when a dictionary word runs across the boundary between ``left`` and ``right`` (代 | 表 → 代表)."""
    return any(is_word(left[-k:] + right[:m]) for k in range(1, min(longest, len(left)) + 1)
               for m in range(1, min(longest, len(right)) + 1))


def splits_a_word(left: str, right: str) -> bool:
    """True when a space between ``left`` and ``right`` cuts a word in two (获取信 | 息), not two words apart
    (产品 | 价格): a word runs across it, and one side is left with a stray single character."""
    if not (left and right and spans_a_word(left, right)):
        return False
    before = tokenizer().lcut(left, HMM=False)
    after = tokenizer().lcut(right, HMM=False)
    return len(before[-1]) == 1 or len(after[0]) == 1
