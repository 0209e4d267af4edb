"""Serve a built site with Debian's nginx and the README's configuration, as production does.

The browser tests, ``scripts/audit_mobile.py`` and the benchmarks use
:func:`nginx_serving`: it takes the ``server`` block of the README's
"Deploy" section as written, points its ``listen`` at a free loopback port
and its ``root`` at the site, wraps it in a minimal ``nginx.conf`` whose
files all live in a temporary prefix, and runs ``nginx`` in the foreground.
So ``make test`` tests the configuration the README gives.  Bytes sent are
counted from nginx's own access log (:class:`TransferLog`), headers included.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
#: The README's server block: the first ```nginx fence.
README_BLOCK = re.compile(r"```nginx\n(.*?)```", re.S)


def readme_server_block(readme: Path = ROOT / "README.md") -> str:
    match = README_BLOCK.search(readme.read_text(encoding="utf-8"))
    if not match:
        raise RuntimeError(f"{readme} has no ```nginx block")
    return match.group(1)


def server_block(site_dir: Path, port: int, block: str | None = None) -> str:
    """The README's server block, listening on ``127.0.0.1:port`` and serving ``site_dir``."""
    block = block if block is not None else readme_server_block()
    block, listens = re.subn(r"^(\s*)listen\s+[^;]+;", rf"\1listen 127.0.0.1:{port};", block, count=1, flags=re.M)
    block, roots = re.subn(r"^(\s*)root\s+[^;]+;", rf"\1root {site_dir};", block, count=1, flags=re.M)
    if not (listens and roots):
        raise RuntimeError("the README's nginx block needs a 'listen' and a 'root' line")
    return block


def nginx_conf(prefix: Path, site_dir: Path, port: int) -> str:
    # As root (CI), workers would drop to nobody, who cannot read a private temporary folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {kind}_temp_path {prefix / 'temp' / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{user}worker_processes 1;
daemon off;
pid {prefix / 'nginx.pid'};
error_log {prefix / 'error.log'} warn;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 65;
    log_format transfer '$request_uri $bytes_sent';
    access_log {prefix / 'access.log'} transfer;
{temp}
{server_block(site_dir, port)}
}}
"""


class TransferLog:
    """Bytes nginx sent, headers included, by URL path, read from its access log."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._start = 0

    def _settled_size(self, quiet_s: float = 0.15, timeout_s: float = 3) -> int:
        """The log's size once nginx stopped writing to it (it logs a request just after sending it)."""
        deadline = time.monotonic() + timeout_s
        size = -1
        while time.monotonic() < deadline:
            now = self.path.stat().st_size if self.path.exists() else 0
            if now == size:
                return now
            size = now
            time.sleep(quiet_s)
        return size

    def _entries(self, settle: bool = True) -> Counter[str]:
        sent: Counter[str] = Counter()
        if settle:
            self._settled_size()
        if not self.path.exists():
            return sent
        with self.path.open("rb") as log:
            log.seek(self._start)
            for line in log.read().decode("utf-8", "replace").splitlines():
                uri, _, size = line.rpartition(" ")
                sent[uri.split("?", 1)[0]] += int(size)
        return sent

    def total(self, settle: bool = True) -> int:
        """Bytes sent; with ``settle``, once nginx has logged every request it is serving."""
        return sum(self._entries(settle).values())

    def by_path(self, settle: bool = True) -> list[tuple[str, int]]:
        """``(path, bytes)``, the heaviest first."""
        return self._entries(settle).most_common()

    def clear(self) -> None:
        """Count from now on."""
        self._start = self._settled_size()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def nginx_serving(site_dir: Path, port: int = 0) -> Iterator[tuple[str, TransferLog]]:
    """Serve ``site_dir`` with nginx on ``port`` (0: a free one); yield the base URL and its transfer log."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="zhkb-nginx-") as scratch:
        prefix = Path(scratch)
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / "temp" / kind).mkdir(parents=True)
        conf = prefix / "nginx.conf"
        conf.write_text(nginx_conf(prefix, site_dir.resolve(), port), encoding="utf-8")
        process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_until_listening(process, port)
            yield f"http://127.0.0.1:{port}/", TransferLog(prefix / "access.log")
        finally:
            process.send_signal(signal.SIGTERM)  # fast shutdown: open connections close too
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_listening(process: subprocess.Popen, port: int, timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}: {process.stderr.read().decode()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.02)
    raise RuntimeError(f"nginx did not listen on port {port} within {timeout_s} s")
