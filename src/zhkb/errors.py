"""The documented errors of zhkb: every one names the file and where in it."""

from __future__ import annotations


class InputError(Exception):
    """A source or curation file that cannot be used as it is.

    The CLI prints it and exits with status 1; nothing is written.
    """

    def __init__(self, path: str, message: str, *, line: int | None = None, offset: int | None = None,
                 hint: str | None = None):
        self.path = path
        self.line = line
        self.offset = offset
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.offset is not None:
            where += f" (byte offset {self.offset})"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text
