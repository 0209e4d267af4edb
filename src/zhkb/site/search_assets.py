"""Leave out the search language files the site never loads.

Material copies lunr's language support for some thirty languages into every
build (``assets/javascripts/lunr/``), but its search worker loads only those
of the configured search languages, and none for ``en`` -- the language
Material's ``zh`` strings choose, with Chinese split into words by jieba at
build time instead.  The unused files are dead weight, and their license
headers and comments are full of links to other hosts, which muddies checking
that the site refers to no host but its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: Where Material puts lunr's language support, relative to the site folder.
LUNR_FOLDER = Path("assets") / "javascripts" / "lunr"


def loaded_language_files(langs: Sequence[str]) -> set[str]:
    """Paths (relative to :data:`LUNR_FOLDER`) the search worker loads for ``langs``.

    Mirrors the worker of Material 9.8 (pinned in pyproject.toml): per
    language ``min/lunr.<lang>.min.js`` unless it is ``en``, plus a segmenter
    for Japanese, Hindi and Thai, ``min/lunr.multi.min.js`` for several
    languages and the stemmer support whenever it loads anything.
    """
    loaded: set[str] = set()
    for lang in langs:
        if lang == "ja":
            loaded.add("tinyseg.js")
        if lang in ("hi", "th"):
            loaded.add("wordcut.js")
        if lang != "en":
            loaded.add(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        loaded.add("min/lunr.multi.min.js")
    if loaded:
        loaded.add("min/lunr.stemmer.support.min.js")
    return loaded


def remove_unloaded_language_files(site_dir: Path, langs: Sequence[str]) -> list[Path]:
    """Delete the files under ``site_dir``'s :data:`LUNR_FOLDER` that ``langs`` do not load; return them."""
    folder = site_dir / LUNR_FOLDER
    if not folder.is_dir():
        return []
    keep = loaded_language_files(langs)
    removed = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.relative_to(folder).as_posix() not in keep:
            path.unlink()
            removed.append(path)
    # Deepest folders first, so that a parent is empty once its children are gone.
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(folder.iterdir()):
        folder.rmdir()
    return removed
