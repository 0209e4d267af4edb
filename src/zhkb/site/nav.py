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
``section_size`` pages therefore becomes numbered sections (``第 1–20 问``,
``第 21–40 问`` …), the plugin turns on Material's ``navigation.prune``, and
each page of a section is given the navigation around it (:func:`around`):
its own section's pages, and its neighbouring sections as one link each.  A
page then carries a few dozen links whatever the size of the corpus; readers
go on through the previous and next links under each page, the home page,
the tags page and search.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

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
SECTION_SIZE = 10
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
    """``pages`` as they are if there are at most ``section_size``, else in numbered sections of that size.

    ``offset`` is the number of the first page, less one.
    """
    if section_size < 2:
        raise ValueError(f"nav section size must be at least 2, not {section_size}")
    if len(pages) <= section_size:
        return list(pages)
    sections = []
    for start in range(0, len(pages), section_size):
        first, last = offset + start + 1, offset + min(start + section_size, len(pages))
        title = (SECTION_TITLE if last > first else SINGLE_SECTION_TITLE).format(first=first, last=last)
        sections.append({title: list(pages[start : start + section_size])})
    return sections


def around(navigation: Navigation, page: Page, neighbours: int = 1) -> Navigation:
    """The navigation as ``page`` shows it: at each level above the page's own section, only the
    section on the way to the page and its ``neighbours`` on either side; the page's own section whole.

    Sections are copied where they are cut; pages and the sections left whole are the navigation's own
    (their ``active`` flags and links are as MkDocs set them for this page).
    """
    path = list(reversed(page.ancestors))  # top-level section first, the page's own section last
    if len(path) < 2:
        return navigation

    def cut(section: Section, depth: int) -> Section:
        if depth == len(path) - 1:
            return section
        on_path = path[depth + 1]
        index = next(i for i, child in enumerate(section.children) if child is on_path)
        kept = section.children[max(0, index - neighbours) : index + neighbours + 1]
        copy = Section(section.title, [cut(child, depth + 1) if child is on_path else child for child in kept])
        copy.active = section.active
        return copy

    items = [cut(item, 0) if item is path[0] else item for item in navigation.items]
    return Navigation(items, navigation.pages)


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
