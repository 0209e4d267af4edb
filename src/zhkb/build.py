"""Build both site variants with MkDocs, in this process.

``mkdocs.yml`` builds the Simplified site into ``site/`` and
``mkdocs.zh-Hant.yml`` the Traditional one into ``site/zh-Hant/``; the first
empties the whole folder, so it comes first.  Building in this process, not
in a ``mkdocs`` subprocess per variant, loads jieba's dictionary and OpenCC
once: the live preview (:mod:`zhkb.serve`) rebuilds in about a second.
The ``zhkb`` plugin keeps each build's state on its instance, and
:func:`load_config` makes new plugin instances, so builds in one process are
independent of each other.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

#: Built in this order: the first build empties the whole site folder.
MKDOCS_CONFIGS = ("mkdocs.yml", "mkdocs.zh-Hant.yml")

# Material's end-of-life banner for MkDocs 1.x is not news on every build.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class BuildError(Exception):
    """A variant's MkDocs build failed (in strict mode, a warning is a failure)."""


def build_site(root: Path, site_dir: Path | None = None, *, configs: Sequence[str] = MKDOCS_CONFIGS,
               quiet: bool = True) -> Path:
    """Build every variant of the project at ``root``; return the site folder.

    ``site_dir`` replaces the first config's ``site_dir``; the others keep
    their place relative to it (``site/zh-Hant`` → ``<site_dir>/zh-Hant``).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    root = root.resolve()
    first: Path | None = None
    with contextlib.chdir(root), _mkdocs_log_level(logging.WARNING if quiet else logging.INFO):
        # Relative paths in the configs (the search plugin's jieba_dict_user) are relative to the project.
        for name in configs:
            try:
                config = load_config(str(root / name), strict=True)
            except MkDocsException as error:
                raise BuildError(f"{name}: {error}") from error
            own = Path(config.site_dir)
            if first is None:
                first = own
                config.site_dir = str(site_dir.resolve() if site_dir else own)
            elif site_dir is not None:
                config.site_dir = str(site_dir.resolve() / own.relative_to(first))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            except MkDocsException as error:
                raise BuildError(f"{name}: {error}") from error
            finally:
                config.plugins.on_shutdown()
    return Path(site_dir or first or root / "site")


@contextlib.contextmanager
def _mkdocs_log_level(level: int) -> Iterator[None]:
    logger = logging.getLogger("mkdocs")
    before = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(before)
