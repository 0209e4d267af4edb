"""Project paths and settings the site layer needs, named in the MkDocs config under ``extra.zhkb``.

Paths are relative to the folder of the config file, so builds do not depend
on the working directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import ConfigurationError

from zhkb.site.nav import SECTION_SIZE

#: The ``extra`` key holding the site layer's settings.
EXTRA_KEY = "zhkb"


@dataclass(frozen=True)
class SiteSettings:
    """Where the site layer finds the project's reviewed data."""

    #: Folder of the OpenCC override dictionaries (``s2tw.txt``, ``t2s.txt``).
    opencc_dir: Path
    #: The tag taxonomy (``sources/tags.yml``).
    taxonomy_file: Path
    #: Pages per nav section when a folder has more (optional ``nav_section_size``; :mod:`zhkb.site.nav`).
    nav_section_size: int = SECTION_SIZE


def site_settings(extra: dict[str, Any], config_file_path: str | Path) -> SiteSettings:
    """Read :class:`SiteSettings` from ``extra.zhkb`` of the config at ``config_file_path``."""
    section = extra.get(EXTRA_KEY)
    if not isinstance(section, dict):
        raise ConfigurationError(f"the config needs an 'extra.{EXTRA_KEY}' section with 'opencc' and 'taxonomy'")
    base = Path(config_file_path).resolve().parent
    return SiteSettings(
        opencc_dir=base / _required(section, "opencc"),
        taxonomy_file=base / _required(section, "taxonomy"),
        nav_section_size=_whole_number(section, "nav_section_size", SECTION_SIZE, minimum=2),
    )


def _whole_number(section: dict[str, Any], key: str, default: int, minimum: int) -> int:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigurationError(
            f"'extra.{EXTRA_KEY}.{key}' must be a whole number of at least {minimum}, not {value!r}")
    return value


def _required(section: dict[str, Any], key: str) -> str:
    value = section.get(key)
    if not isinstance(value, str) or not value:
        raise ConfigurationError(f"'extra.{EXTRA_KEY}.{key}' must be a path relative to the config file")
    return value
