"""Stage 1, read: bytes → text, with encoding detection.

Accepted: UTF-8 with or without BOM, UTF-16 with BOM, GB18030 and Big5.  When
the bytes decode under both GB18030 and Big5, the one whose text is made of
common Chinese characters wins (mis-decoded text is full of rare ones).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import InputError
from .model import Source

ENCODING_HINT = "pass --encoding (utf-8, utf-16, gb18030 or big5) if you know the file's encoding"

#: Very common characters in either script; a correct decoding is full of them.
_COMMON = set(
    "的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着著下"
    "自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定天分还還进進好小"
    "部其些主样樣理心她本前开開但因只从從想实實客户戶产產品销銷售务務业業"
)


def _common_share(text: str) -> float:
    cjk = [ch for ch in text if "\u3400" <= ch <= "\u9fff" or ch in _COMMON]
    if not cjk:
        return 0.0
    return sum(ch in _COMMON for ch in cjk) / len(cjk)


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding used)``; raise InputError naming the byte offset."""
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}", hint=ENCODING_HINT) from None
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not valid {codec}", offset=exc.start, hint=ENCODING_HINT) from None
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path, base=3), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16"
    if b"\x00" in data:
        raise InputError(path, "looks like a binary file (contains NUL bytes)", offset=data.index(b"\x00"),
                         hint=ENCODING_HINT)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    candidates = []
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text), codec, text))
    if not candidates:
        raise InputError(path, "not UTF-8, UTF-16, GB18030 or Big5 text", offset=utf8_error.start,
                         hint=ENCODING_HINT)
    # Highest share of common characters wins; ties go to GB18030 (listed first).
    best = max(candidates, key=lambda item: item[0])
    if best[0] < 0.2:
        raise InputError(path, f"decodes as {best[1]} only into unlikely characters", offset=utf8_error.start,
                         hint=ENCODING_HINT)
    return best[2], best[1]


def _strict(data: bytes, codec: str, path: str, base: int = 0) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid {codec}", offset=base + exc.start, hint=ENCODING_HINT) from None


def read_source(path: Path, root: Path, encoding: str | None = None) -> Source:
    """Read and decode one source file; ``root`` makes the path in messages repo-relative."""
    rel = path.resolve().relative_to(root.resolve()).as_posix() if path.is_absolute() else path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(rel, f"cannot read: {exc.strerror}") from None
    text, used = decode(data, rel, encoding)
    # Line endings are normalised by the cleaner, which records it like any other fix.
    return Source(path=rel, text=text, encoding=used)
