"""The README's nginx configuration serves the built site as production needs it (Debian's nginx).

The browser tests and ``make audit`` run against the same server (``tests/support/nginx.py``).
"""

from __future__ import annotations

import gzip
import http.client
import re
from urllib.parse import urlsplit

import pytest
from support.nginx import nginx_serving, readme_server_block, server_block

pytestmark = pytest.mark.site

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def served(built_site):
    with nginx_serving(built_site) as (base, log):
        yield base, log


def fetch(base: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One request as a browser makes it (gzip accepted unless told otherwise); no redirect followed."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip", **headers})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, {key.lower(): value for key, value in response.getheaders()}, body


def test_the_readme_block_is_what_is_served():
    block = server_block(__import__("pathlib").Path("/srv/site"), 8123)
    assert "listen 127.0.0.1:8123;" in block and "root /srv/site;" in block
    assert block.replace("listen 127.0.0.1:8123;", "listen 80;").replace("root /srv/site;", "root /var/www/zhkb;") \
        == readme_server_block()


@pytest.mark.parametrize("path, content_type", [
    ("/articles/win-over/", "text/html"),
    ("/zh-Hant/articles/win-over/", "text/html"),
    ("/search/search_index.json", "application/json"),
    ("/search/zhkb/rules.json", "application/json"),
    ("/search/pagefind.js", "application/javascript"),
    ("/assets/stylesheets/zhkb.css", "text/css"),
    ("/manifest.webmanifest", "application/manifest+json"),
    ("/sitemap.xml", "text/xml"),
    ("/assets/images/icon.svg", "image/svg+xml"),
])
def test_text_is_compressed_and_revalidated(served, path, content_type):
    base, _ = served
    status, headers, body = fetch(base, path)
    assert status == 200 and headers["content-type"].startswith(content_type)
    assert headers.get("content-encoding") == "gzip" and "accept-encoding" in headers.get("vary", "").lower()
    assert headers["cache-control"] == "no-cache"
    assert body
    # a revalidation costs no body
    status, _, _ = fetch(base, path, **{"If-None-Match": headers["etag"]})
    assert status == 304


def test_hashed_assets_are_cached_for_a_year(served, built_site):
    base, _ = served
    bundles = [p.relative_to(built_site).as_posix() for p in built_site.rglob("bundle.*.min.js")]
    assert len(bundles) == 2  # one per variant
    for bundle in bundles:
        status, headers, _ = fetch(base, "/" + bundle)
        assert status == 200 and headers["cache-control"] == IMMUTABLE
    status, headers, _ = fetch(base, "/assets/javascripts/share.js")  # our own, unhashed: revalidated
    assert headers["cache-control"] == "no-cache"
    # the search index's parts: hashed, and compressed by Pagefind, so sent as they are
    parts = [p for p in (built_site / "search").rglob("*") if p.suffix.startswith(".pf_")]
    assert {p.suffix for p in parts} == {".pf_index", ".pf_pack", ".pf_meta"}
    for part in parts:
        status, headers, body = fetch(base, "/" + part.relative_to(built_site).as_posix())
        assert status == 200 and headers["cache-control"] == IMMUTABLE and "content-encoding" not in headers
        assert body == part.read_bytes()
    status, headers, _ = fetch(base, "/search/pagefind.js")
    assert headers["cache-control"] == "no-cache"


def test_images_are_sent_as_they_are(served):
    base, _ = served
    status, headers, body = fetch(base, "/assets/images/icon-192.png")
    assert status == 200 and "content-encoding" not in headers and body.startswith(b"\x89PNG")


@pytest.mark.parametrize("path, lang", [("/no/such/page/", "zh-Hans"), ("/zh-Hant/no/such/page/", "zh-Hant")])
def test_each_variant_has_its_own_not_found_page(served, path, lang):
    base, _ = served
    status, headers, body = fetch(base, path)
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}"'.encode() in body


def test_short_links_and_folders_answer(served):
    base, _ = served
    status, _, body = fetch(base, "/t/t4/")
    assert status == 200 and b'url=../../articles/win-over/#t4"' in body
    # without the slash: a relative redirect to the folder, which works behind any proxy
    status, headers, _ = fetch(base, "/zh-Hant/t/t4")
    assert status == 301 and headers["location"] == "/zh-Hant/t/t4/"
    assert fetch(base, "/articles/")[0] in (403, 404)  # no listing of folders


def test_each_variants_service_worker_is_served_from_its_root(served):
    base, _ = served
    for root in ("/", "/zh-Hant/"):
        status, headers, body = fetch(base, root + "sw.js")
        assert status == 200 and headers["content-type"].startswith("application/javascript")
        assert headers["cache-control"] == "no-cache"  # a new version is found on the next visit
        assert re.search(rb'"cachePrefix": "zhkb-zh-Han[st]-"', body)


def test_the_transfer_log_counts_what_was_sent(served):
    base, log = served
    log.clear()
    fetch(base, "/articles/win-over/")
    sent = dict(log.by_path())
    assert list(sent) == ["/articles/win-over/"] and 1000 < sent["/articles/win-over/"] == log.total()
