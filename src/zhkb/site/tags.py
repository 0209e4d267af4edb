"""ASCII anchors for tags, the same in both scripts.

Material's tags plugin turns each tag name into the anchor of its entry on the
tags page, through the callable named by its ``tags_slugify`` option.  Its
default keeps CJK characters, so the Simplified and Traditional sites would
get different anchors (``#tag:价格异议`` vs ``#tag:價格異議``).  Our
:func:`slugify` instead answers the slug reviewed in ``sources/tags.yml`` for a
tag name in either script.

The plugin's sort options name callables here too, so that tags are listed
in taxonomy order (as ``tags.yml`` asks) and the questions under a tag in
source order (as on the home page), the same in both scripts.

The plugin calls these with only a name, tag or page, so the tables they
answer from are module state, installed by the site hook
(:func:`use_slug_table` at ``on_config``, :func:`use_page_order` at
``on_files``).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from material.plugins.tags.structure.mapping import Mapping as TagMapping
from material.plugins.tags.structure.tag import Tag

from zhkb.curation import load_tags

log = logging.getLogger("mkdocs.plugins.zhkb.site.tags")

#: Tag name (Simplified or Traditional) -> reviewed ASCII slug.
_slug_table: dict[str, str] = {}

#: Slug -> position of its tag in the taxonomy.
_taxonomy_rank: dict[str, int] = {}

#: Docs-relative page path -> position in source order.
_page_rank: dict[str, int] = {}

#: Tag names already reported as missing from the taxonomy, to report each once.
_reported_unknown: set[str] = set()


def load_taxonomy(path: Path) -> dict[str, str]:
    """Return ``{Simplified tag name: slug}`` from a ``tags.yml`` file, in file order."""
    return {tag.name: tag.slug for tag in load_tags(path, str(path))}


def slug_table(taxonomy: Mapping[str, str], scripts: Iterable[Callable[[str], str]]) -> dict[str, str]:
    """Map every tag name of ``taxonomy``, as written in each of ``scripts``, to its slug.

    ``scripts`` are conversions of a Simplified name (e.g. to Taiwan
    Traditional).  Two tags that read the same in some script would share an
    anchor, so that is an error.
    """
    table = dict(taxonomy)
    for to_script in scripts:
        for name, slug in taxonomy.items():
            written = to_script(name)
            if table.setdefault(written, slug) != slug:
                raise ValueError(f"tags {name!r} and {written!r} read the same but have different slugs")
    return table


def use_slug_table(table: Mapping[str, str]) -> None:
    """Make :func:`slugify` answer from ``table`` (replacing any earlier table).

    The order of ``table`` (as :func:`slug_table` builds it) is the taxonomy order.
    """
    _slug_table.clear()
    _slug_table.update(table)
    _taxonomy_rank.clear()
    _taxonomy_rank.update((slug, rank) for rank, slug in enumerate(dict.fromkeys(table.values())))
    _reported_unknown.clear()


def use_page_order(page_uris: Iterable[str]) -> None:
    """Make :func:`page_order` list pages in the order of ``page_uris`` (docs-relative paths)."""
    _page_rank.clear()
    _page_rank.update((uri, rank) for rank, uri in enumerate(page_uris))


def taxonomy_order(tag: Tag, *_: object) -> tuple[int, str]:
    """Sort key for tags (``tags_sort_by``, ``listings_tags_sort_by``): taxonomy order, unknown tags last."""
    name = tag.name.strip()
    return (_taxonomy_rank.get(_slug_table.get(name, ""), len(_taxonomy_rank)), name)


def page_order(mapping: TagMapping) -> tuple[int, str]:
    """Sort key for the pages listed under a tag (``listings_sort_by``): source order, others last by path."""
    uri = mapping.item.file.src_uri
    return (_page_rank.get(uri, len(_page_rank)), uri)


def slugify(text: str, separator: str = "-") -> str:
    """The ASCII anchor slug of the tag named ``text`` (in either script).

    Tags missing from the taxonomy get :func:`fallback_slug` and a warning,
    which fails a ``--strict`` build: their anchor would not be reviewed.
    """
    name = text.strip()
    slug = _slug_table.get(name)
    if slug is not None:
        return slug
    if name not in _reported_unknown:
        _reported_unknown.add(name)
        log.warning("tag %r is not in the tag taxonomy; its anchor falls back to a hashed slug", name)
    return fallback_slug(name, separator)


def listing_anchor_ids(html: str, slug_format: str = "tag:{slug}") -> set[str]:
    """The tag anchors (``id="tag:trust"``, per the plugin's ``tags_slugify_format``) in a page's HTML.

    The plugin writes tag listings into pages after MkDocs has collected each
    page's anchors, so MkDocs would report links to them (``tags.md#tag:trust``)
    as broken; the site hook adds these to the page's known anchors.
    """
    prefix, _, suffix = slug_format.partition("{slug}")
    pattern = re.escape(prefix) + r"[^\"]+" + re.escape(suffix)
    return set(re.findall(rf'\bid="({pattern})"', html))


def fallback_slug(name: str, separator: str = "-") -> str:
    """A deterministic ASCII slug for a tag outside the taxonomy.

    ASCII names keep their words; any other name is named by a short hash
    (which differs between scripts), since transliterating Chinese would need
    a dictionary we do not review.
    """
    if name.isascii():
        words = re.findall(r"[a-z0-9]+", name.lower())
        if words:
            return separator.join(words)
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"tag{separator}{digest}"
