"""A small static server for site/: what `zhkb serve`, the browser tests and the benchmarks use.

It serves only on a loopback address, like a real host would: correct types
for the web app files, and no directory listings of the build folder.  With
``production=True`` it also sends what a production static host adds, gzip
and cache headers, so that page weight and caching can be measured
(``scripts/audit_mobile.py``) and the service worker tested as readers get it.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import gzip
import http.server
import io
import re
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

#: Types a host compresses: text, and text in other clothes (JSON, SVG, XML).
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/manifest+json", "application/xml", "image/svg+xml")
#: Names carrying a content hash (Material's ``bundle.a5f9d56c.min.js``): never changed, so cached for a year.
HASHED_NAME = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
IMMUTABLE = "public, max-age=31536000, immutable"
#: Everything else (pages, search index, our own assets, the service worker) is revalidated on every use.
REVALIDATE = "no-cache"


class TransferLog:
    """Bytes a server sent by URL path, headers included, as a host's access log records them."""

    def __init__(self) -> None:
        self._sent: Counter[str] = Counter()
        self._lock = threading.Lock()

    def add(self, path: str, size: int) -> None:
        with self._lock:
            self._sent[path.split("?", 1)[0]] += size

    def total(self) -> int:
        with self._lock:
            return sum(self._sent.values())

    def by_path(self) -> list[tuple[str, int]]:
        """``(path, bytes)``, the heaviest first."""
        with self._lock:
            return self._sent.most_common()

    def clear(self) -> None:
        with self._lock:
            self._sent.clear()


class _LoggedWriter:
    """A handler's output stream that records what it writes in a :class:`TransferLog`."""

    def __init__(self, handler: http.server.BaseHTTPRequestHandler, stream, log: TransferLog) -> None:
        self._handler, self._stream, self._log = handler, stream, log

    def write(self, data: bytes) -> int:
        self._log.add(getattr(self._handler, "path", ""), len(data))
        return self._stream.write(data)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
    }

    def setup(self) -> None:
        super().setup()
        log = getattr(self.server, "transfer_log", None)
        if log is not None:
            self.wfile = _LoggedWriter(self, self.wfile, log)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: tests and benchmarks print their own figures

    def list_directory(self, path):
        self.send_error(404, "Not found")
        return None


def cache_control(url_path: str) -> str:
    """The ``Cache-Control`` a production host sends for ``url_path``."""
    return IMMUTABLE if HASHED_NAME.search(url_path.split("?", 1)[0]) else REVALIDATE


def is_compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE_TYPES)


class ProductionHandler(SiteHandler):
    """:class:`SiteHandler` plus what a production static host adds: gzip and cache headers."""

    #: Keep-alive connections, as every real host has.
    protocol_version = "HTTP/1.1"

    def end_headers(self) -> None:
        self.send_header("Cache-Control", cache_control(self.path))
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not (path.is_file() and is_compressible(content_type) and self._accepts_gzip()):
            return super().send_head()  # redirects, errors, images: as the plain server does
        stat = path.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}-gzip"'
        if etag in self.headers.get("If-None-Match", ""):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def _accepts_gzip(self) -> bool:
        return "gzip" in self.headers.get("Accept-Encoding", "")


class SiteServer(http.server.ThreadingHTTPServer):
    """A threading server that, once closed, serves nothing more.

    Browsers keep HTTP/1.1 connections open; the standard server would wait
    for them on close (or, not waiting, go on answering on them), so a test
    that stops the server to go offline would hang, or not be offline.
    Closing the server here ends its open connections too.
    """

    block_on_close = False
    #: Where handlers record the bytes they send, if anywhere.
    transfer_log: TransferLog | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def process_request(self, request, client_address) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        with self._connections_lock:
            open_connections, self._connections = self._connections, set()
        for connection in open_connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


def make_server(
    site_dir: Path, host: str = "127.0.0.1", port: int = 8000, *, production: bool = False,
    transfer_log: TransferLog | None = None,
) -> http.server.ThreadingHTTPServer:
    """A server for ``site_dir``; ``production`` adds gzip and cache headers (:class:`ProductionHandler`).

    With a ``transfer_log``, the bytes sent are recorded there (page weight checks).
    """
    handler = functools.partial(ProductionHandler if production else SiteHandler, directory=str(site_dir))
    server = SiteServer((host, port), handler)
    server.transfer_log = transfer_log
    return server


@contextlib.contextmanager
def serving(site_dir: Path, host: str = "127.0.0.1", port: int = 0, *, production: bool = False,
            transfer_log: TransferLog | None = None) -> Iterator[str]:
    """Serve ``site_dir`` in a thread on ``port`` (0: any free port); yield the base URL."""
    server = make_server(site_dir, host, port, production=production, transfer_log=transfer_log)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
