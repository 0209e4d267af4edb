"""Unit tests of zhkb.site.pwa: the manifest and the service worker of each variant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhkb.site import pwa

ROOT = Path(__file__).resolve().parent.parent


def fake_site(root: Path) -> Path:
    for path, text in {
        "index.html": "<h1>首页</h1>",
        "assets/stylesheets/main.57a0d79d.min.css": "body{}",
        "assets/stylesheets/main.57a0d79d.min.css.map": "{}",
        "assets/javascripts/bundle.a5f9d56c.min.js": "x",
        "assets/javascripts/share.js": "y",
        "assets/javascripts/workers/search.a7633da7.min.js": "z",
        "assets/images/favicon.png": "png",
        "search/search_index.json": "{}",
        "articles/a/index.html": "<p>文章</p>",
    }.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_the_manifest_makes_an_installable_app_of_the_variant():
    manifest = pwa.manifest("銷售問答知識庫", "推銷的技巧。", "zh-Hant")
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == "./"
    assert manifest["display"] == "standalone" and manifest["lang"] == "zh-Hant"
    assert manifest["name"] == manifest["short_name"] == "銷售問答知識庫"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_every_icon_the_site_names_exists():
    images = ROOT / "docs"
    for icon in pwa.ICONS:
        assert (images / icon.src).is_file(), icon.src
    assert (images / pwa.TOUCH_ICON).is_file() and (images / pwa.PREVIEW_IMAGE).is_file()


def test_head_tags_link_the_manifest_and_icon_relative_to_the_page():
    assert pwa.head_tags("articles/a/") == (
        '<link rel="manifest" href="../../manifest.webmanifest">'
        '<link rel="apple-touch-icon" href="../../assets/images/apple-touch-icon.png">'
    )


def test_the_worker_precaches_what_every_page_loads_and_what_it_is_given_and_no_page(tmp_path):
    assert pwa.precache_paths(fake_site(tmp_path), ["search/search_index.json", "assets/images/favicon.png"]) == [
        "assets/images/favicon.png",
        "assets/stylesheets/main.57a0d79d.min.css",
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/javascripts/share.js",
        "assets/javascripts/workers/search.a7633da7.min.js",
        "search/search_index.json",
    ]


def test_the_cache_version_changes_with_any_cached_file_or_the_code(tmp_path):
    site = fake_site(tmp_path)
    paths = pwa.precache_paths(site, ["search/search_index.json"])
    before = pwa.cache_version(site, paths, "code")
    assert pwa.cache_version(site, paths, "code") == before
    assert pwa.cache_version(site, paths, "other code") != before
    (site / "search" / "search_index.json").write_text('{"docs": []}', encoding="utf-8")
    assert pwa.cache_version(site, paths, "code") != before


def test_the_simplified_worker_leaves_the_traditional_site_alone():
    assert pwa.other_variant_roots("/", ["/", "/zh-Hant/"]) == ["zh-Hant/"]
    assert pwa.other_variant_roots("/zh-Hant/", ["/", "/zh-Hant/"]) == []


def test_the_worker_gets_its_settings(tmp_path):
    code = pwa.WORKER_TEMPLATE.read_text(encoding="utf-8")
    worker = pwa.render_worker(code, "zh-Hans", "abc123", ["a.js", "main.57a0d79d.min.css"], ["zh-Hant/"])
    assert pwa.SETTINGS_PLACEHOLDER not in worker
    assert worker_settings(worker) == {
        "cachePrefix": "zhkb-zh-Hans-", "version": "abc123", "precache": ["a.js"],
        "precacheImmutable": ["main.57a0d79d.min.css"], "otherVariants": ["zh-Hant/"],
    }
    with pytest.raises(ValueError):
        pwa.render_worker("no placeholder", "zh-Hans", "1", [], [])


def worker_settings(worker: str) -> dict:
    line = next(line for line in worker.splitlines() if line.startswith("const settings = "))
    return json.loads(line.removeprefix("const settings = ").removesuffix(";"))


def test_cache_names_of_the_variants_never_prefix_each_other():
    # each worker deletes the caches that start with its prefix, except its own
    code = pwa.WORKER_TEMPLATE.read_text(encoding="utf-8")
    hans, hant = (worker_settings(pwa.render_worker(code, lang, "v1", [], []))["cachePrefix"]
                  for lang in ("zh-Hans", "zh-Hant"))
    assert hans != hant and not hans.startswith(hant) and not hant.startswith(hans)
    assert "caches.delete" in code and "name.startsWith(settings.cachePrefix)" in code


def test_app_files_are_written_at_the_variant_root(tmp_path):
    site = fake_site(tmp_path)
    pwa.write_app_files(site, name="库", description="说明", lang="zh-Hans", own_root="/",
                        variant_roots=["/", "/zh-Hant/"])
    assert json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))["lang"] == "zh-Hans"
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert '"otherVariants": ["zh-Hant/"]' in worker and "addEventListener(\"fetch\"" in worker
