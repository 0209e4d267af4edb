"""Folder entries in ``nav``: one nav item per generated page.

The ingest stage writes one page per question under ``docs/articles/``, so
``mkdocs.yml`` cannot list them.  Its nav names the folder instead
(``- 问答: articles/``) and :func:`expand_folders` replaces that entry with the
folder's pages before MkDocs builds the navigation.  Pages come in the order
the ingest stage gives in ``docs/.nav.yml`` (source order, as on the home
page); pages it does not list follow by path.

Material writes the whole navigation into every page, so a folder of
thousands of pages would make each page carry thousands of links, and the
build grow with the square of the corpus.  A folder with more than
``section_size`` pages therefore becomes numbered sections (``第 1–50 问``,
``第 51–100 问`` …), and the hook turns on Material's ``navigation.prune``,
which writes only the current section's pages into a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

#: The ingest stage's page order file, in ``docs/``: ``{folder: [page path, ...]}``.
#: MkDocs skips dot files, so it is not published.
ORDER_FILE = ".nav.yml"


def load_page_order(path: Path) -> list[str]:
    """Docs-relative page paths in the order ``path`` (an :data:`ORDER_FILE`) lists them; none if it is missing."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(pages, list) for pages in data.values()):
        raise ValueError(f"{path}: expected a mapping of folder names to lists of page paths")
    return [str(page) for pages in data.values() for page in pages]


def is_folder_entry(value: Any) -> bool:
    """Whether a nav value names a folder (ends with ``/``) rather than a page."""
    return isinstance(value, str) and value.endswith("/") and "://" not in value


def pages_in_folder(folder: str, page_uris: Sequence[str], order: Sequence[str]) -> list[str]:
    """The pages of ``page_uris`` directly in ``folder``, in ``order`` first and then by path."""
    prefix = folder.strip("/") + "/"
    inside = [uri for uri in page_uris if uri.startswith(prefix) and "/" not in uri[len(prefix) :]]
    rank = {uri: position for position, uri in enumerate(order)}
    return sorted(inside, key=lambda uri: (rank.get(uri, len(rank)), uri))


#: Pages per nav section of a large folder: a phone screen or two of questions.
SECTION_SIZE = 50
#: A section's title: the numbers of its first and last question (the Traditional hook converts 问).
SECTION_TITLE = "第 {first}–{last} 问"
SINGLE_SECTION_TITLE = "第 {first} 问"


def expand_folders(
    nav: list[Any], page_uris: Sequence[str], order: Sequence[str], section_size: int = SECTION_SIZE
) -> list[Any]:
    """A copy of the ``nav`` config with every folder entry replaced by the pages in it.

    ``- Title: folder/`` becomes a section of those pages; a bare ``- folder/``
    is replaced by the pages themselves.  More than ``section_size`` pages
    are cut into numbered sections of that size (:func:`in_sections`).  A
    folder without pages is an error, as MkDocs would otherwise report it
    only as a missing nav target.
    """
    expanded: list[Any] = []
    for entry in nav:
        if is_folder_entry(entry):
            expanded.extend(_folder_pages(entry, page_uris, order, section_size))
        elif isinstance(entry, dict):
            expanded.append(
                {title: _expand_value(value, page_uris, order, section_size) for title, value in entry.items()}
            )
        else:
            expanded.append(entry)
    return expanded


def in_sections(pages: Sequence[str], section_size: int, offset: int = 0) -> list[Any]:
    """``pages`` as they are if there are at most ``section_size``, else in numbered sections.

    No level holds more than ``section_size`` entries: sections of
    ``section_size`` pages, and where there are more such sections than
    that, sections of sections (``第 1–2500 问`` of ``第 1–50 问`` …).  With
    pruning, a page then carries a few dozen links whatever the corpus size.
    ``offset`` is the number of the first page, less one.
    """
    if section_size < 2:
        raise ValueError(f"nav section size must be at least 2, not {section_size}")
    if len(pages) <= section_size:
        return list(pages)
    span = section_size
    while -(-len(pages) // span) > section_size:  # more sections than fit in one level
        span *= section_size
    sections = []
    for start in range(0, len(pages), span):
        first, last = offset + start + 1, offset + min(start + span, len(pages))
        title = (SECTION_TITLE if last > first else SINGLE_SECTION_TITLE).format(first=first, last=last)
        sections.append({title: in_sections(pages[start : start + span], section_size, offset + start)})
    return sections


def folders_in(nav: list[Any]) -> list[str]:
    """The folder entries of a ``nav`` config (before :func:`expand_folders`), at any depth."""
    found: list[str] = []
    for entry in nav:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            if is_folder_entry(value):
                found.append(value)
            elif isinstance(value, list):
                found.extend(folders_in(value))
    return found


def is_sectioned(nav: list[Any], page_uris: Sequence[str], section_size: int = SECTION_SIZE) -> bool:
    """Whether :func:`expand_folders` will cut a folder of ``nav`` into sections."""
    return any(len(pages_in_folder(folder, page_uris, [])) > section_size for folder in folders_in(nav))


def _expand_value(value: Any, page_uris: Sequence[str], order: Sequence[str], section_size: int) -> Any:
    if is_folder_entry(value):
        return _folder_pages(value, page_uris, order, section_size)
    if isinstance(value, list):
        return expand_folders(value, page_uris, order, section_size)
    return value


def _folder_pages(folder: str, page_uris: Sequence[str], order: Sequence[str], section_size: int) -> list[Any]:
    pages = pages_in_folder(folder, page_uris, order)
    if not pages:
        raise ValueError(f"nav entry {folder!r} names a folder without pages")
    return in_sections(pages, section_size)
