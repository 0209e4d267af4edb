"""`zhkb serve`: a live preview for editors, both variants on one local address.

It builds ``site/`` and serves it with MkDocs's live-reload server, watching
what an editor changes: ``sources/`` (texts and curation files), ``docs/``,
``overrides/`` and the MkDocs configs.  On a change it ingests again if
``sources/`` changed, rebuilds both variants in this process
(:func:`zhkb.build.build_site`), and the open pages reload themselves.  A
source that cannot be used (exit status 1 of ``zhkb ingest``) is reported and
the last good site stays served until it is fixed.

This is a development server.  Production is a real web server: the README
gives a tested nginx configuration.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .build import MKDOCS_CONFIGS, build_site
from .errors import InputError
from .ingest import ingest, write_output

log = logging.getLogger("mkdocs.zhkb.serve")

#: What the preview watches, relative to the project root.
WATCHED = ("sources", "docs", "overrides", *MKDOCS_CONFIGS)


def fingerprint(paths: Iterable[Path]) -> frozenset[tuple[str, int, int]]:
    """Every file under ``paths`` with its modification time and size: changes when any file does."""
    found = set()
    for path in paths:
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            stat = file.stat()
            found.add((str(file), stat.st_mtime_ns, stat.st_size))
    return frozenset(found)


class LivePreview:
    """Ingest and build on demand: only what changed since the last build is redone."""

    def __init__(self, root: Path, site_dir: Path | None = None) -> None:
        self.root = root
        self.site_dir = site_dir or root / "site"
        self._sources: frozenset | None = None
        self._inputs: frozenset | None = None

    def rebuild(self) -> None:
        """Ingest if ``sources/`` changed, then build both variants if any input changed."""
        sources = fingerprint([self.root / "sources"])
        if sources != self._sources:
            try:
                changed = write_output(self.root, ingest(self.root))
            except InputError as error:
                log.error("zhkb: error: %s (the site served is the last good one)", error)
                return
            log.info("ingested: %d files changed", len(changed))
            self._sources = fingerprint([self.root / "sources"])  # with the registry ingest just wrote
        inputs = fingerprint(self.root / path for path in WATCHED)
        if inputs == self._inputs:
            return  # the files our own ingest just wrote: built already
        build_site(self.root, self.site_dir, quiet=False)
        self._inputs = inputs


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build, then serve ``site/`` on ``host:port`` until interrupted, rebuilding on every change."""
    preview = LivePreview(root)
    preview.rebuild()
    server = LiveReloadServer(builder=preview.rebuild, host=host, port=port, root=str(preview.site_dir))
    for path in WATCHED:
        if (root / path).exists():
            server.watch(os.fspath(root / path))
    log.info("serving http://%s:%d/ (Simplified) and http://%s:%d/zh-Hant/ (Traditional)", host, port, host, port)
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
