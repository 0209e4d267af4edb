"""The review queue: what was kept but may be wrong, for an editor to decide.

The cleaner removes only what a rule recognises.  What merely looks wrong
stays in the text and is listed in the report's "Kept, but please check"
section with its file, line (and column) and the reason:

* a short line that mentions words of boilerplate (下载, 关注, 版权 …) but
  matched no rule;
* a web address, e-mail address or phone number in the text;
* conversion damage the cleaner could not repair (:mod:`zhkb.damage`);
* titles and headings that were shortened or look cut (reported by the splitter).

``zhkb ingest --strict`` fails while the queue is not empty.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .damage import remaining_damage
from .edits import original_position
from .model import Line, Notice

_REVIEW = yaml.safe_load((Path(__file__).parent / "defaults" / "review.yml").read_text(encoding="utf-8"))
HINTS = re.compile("|".join(map(re.escape, _REVIEW["boilerplate_hints"])))
HINT_MAX_LEN = int(_REVIEW["hint_max_len"])
CONTACT = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)400-?\d{3}-?\d{4}")


def _column(line: Line, position: int) -> int:
    """The 1-based column in the source line of ``position`` in the cleaned line."""
    return original_position(line, position) + 1


def review_lines(lines: list[Line]) -> list[Notice]:
    """Review notices for the kept text of one source's lines."""
    found = []
    for line in lines:
        text = line.text.replace("\n", " ").strip()
        if not text:
            continue
        for damage in remaining_damage(line.text):
            found.append(Notice(line.path, line.number, damage.reason, review=True,
                                column=_column(line, damage.column - 1), text=damage.text))
        hint = HINTS.search(text)
        if hint and len(text) <= HINT_MAX_LEN:
            found.append(Notice(line.path, line.number, f"looks like boilerplate (mentions {hint.group(0)}) "
                                "but no rule matched it: kept", review=True,
                                column=_column(line, line.text.find(hint.group(0))), text=text))
        for contact in CONTACT.finditer(line.text):
            found.append(Notice(line.path, line.number, "a web address, e-mail or phone number in the text: kept",
                                review=True, column=_column(line, contact.start()),
                                text=contact.group(0)))
    return found
