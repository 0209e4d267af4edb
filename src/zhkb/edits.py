"""Recorded edits: how every fix says what it changed, so that nothing is lost silently.

Every fix is a function from text to text.  The driver diffs each line before
and after a fix and records the differences as :class:`Edit` s; replaying a
line's edits backwards gives its original text.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from .model import Edit, Line


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


def original_position(line: Line, position: int) -> int:
    """Where ``position`` of the line's current text was in its original text (the start of a changed span)."""
    for edit in reversed(line.edits):
        if position >= edit.at + len(edit.after):
            position += len(edit.before) - len(edit.after)
        elif position >= edit.at:
            position = edit.at
    return position
