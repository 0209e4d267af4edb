"""A small static server for site/: what `zhkb serve`, the browser tests and the benchmarks use.

It serves only on a loopback address, like a real host would: correct types
for the web app files, and no directory listings of the build folder.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: tests and benchmarks print their own figures

    def list_directory(self, path):
        self.send_error(404, "Not found")
        return None


def make_server(site_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    return http.server.ThreadingHTTPServer((host, port), handler)


@contextlib.contextmanager
def serving(site_dir: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``site_dir`` on a free loopback port in a thread; yield the base URL."""
    server = make_server(site_dir, host, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
