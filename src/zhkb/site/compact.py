"""Pages without the blank lines Material's templates leave behind.

Material's templates are written for reading, and Jinja keeps their
indentation and empty lines: at 10,000 questions most of an article page's
bytes were white space around the navigation's links.  A run of white
space that holds a line break renders as one line break does (CSS
``white-space: normal`` collapses it), so each such run becomes a single
``\\n``; spaces within a line (``刨客 app``) stay as they are.  Elements
whose white space is shown or is code -- ``pre``, ``code``, ``kbd``,
``textarea`` (Material styles ``.md-typeset code, kbd, pre`` as
``pre-wrap``), ``script``, ``style`` -- are left untouched.
"""

from __future__ import annotations

import re

#: Elements whose content keeps its white space, from the opening tag to the closing one.
VERBATIM = re.compile(r"<(pre|code|kbd|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
#: White space holding a line break.
BLANK_RUN = re.compile(r"[ \t\r\f\v]*\n\s*")


def compact(html: str) -> str:
    """``html`` with every run of white space that holds a line break made one ``\\n``, outside
    :data:`VERBATIM` elements."""
    out, start = [], 0
    for match in VERBATIM.finditer(html):
        out.append(BLANK_RUN.sub("\n", html[start : match.start()]))
        out.append(match.group(0))
        start = match.end()
    out.append(BLANK_RUN.sub("\n", html[start:]))
    return "".join(out)
