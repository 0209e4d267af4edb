"""`zhkb check` finds what would break for a reader."""

from pathlib import Path

from zhkb.check import check_hosts, check_links, check_published_ids


def page(site: Path, rel: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


def test_links_and_anchors(tmp_path):
    page(tmp_path, "index.html", '<a href="articles/x/#t1">ok</a><a href="articles/x/#t9">bad anchor</a>'
                                 '<a href="articles/gone/">gone</a><a href="#top">self</a><p id="top"></p>'
                                 '<a href="https://example.org/">external is not a link problem</a>')
    page(tmp_path, "articles/x/index.html", '<h2 id="t1">tip</h2><a href="../../">home</a>')
    problems = sorted(str(p) for p in check_links(tmp_path))
    assert problems == ["index.html: broken link articles/gone/", "index.html: missing anchor articles/x/#t9"]


def test_other_hosts(tmp_path):
    page(tmp_path, "index.html", '<link href="https://fonts.googleapis.com/css">'
                                 '<svg xmlns="http://www.w3.org/2000/svg"></svg><a href="http://127.0.0.1:8000/">x</a>')
    (tmp_path / "a.css").write_text("@import url(//cdn.example.com/x.css);", encoding="utf-8")
    problems = [str(p) for p in check_hosts(tmp_path)]
    assert len(problems) == 2
    assert any("fonts.googleapis.com" in p for p in problems) and any("cdn.example.com" in p for p in problems)


def test_published_ids_must_answer(tmp_path):
    registry = tmp_path / "ids.yml"
    registry.write_text("articles:\n- slug: a\n  title: x\n  tips:\n  - id: t1\n    title: y\n", encoding="utf-8")
    site = tmp_path / "site"
    for prefix in ("", "zh-Hant/"):
        page(site, f"{prefix}articles/a/index.html", "")
    page(site, "t/t1/index.html", "")
    assert [str(p) for p in check_published_ids(site, registry)] == [
        "/zh-Hant/t/t1/: published tip link no longer answers"]


def test_materials_inert_urls_pass_in_its_own_files_only(tmp_path):
    bundle = tmp_path / "assets" / "javascripts" / "bundle.a5f9d56c.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text('_t("https://unpkg.com/resize-observer-polyfill");x="https://unpkg.com/other/x.js"',
                      encoding="utf-8")
    (tmp_path / "assets" / "javascripts" / "share.js").write_text('"https://unpkg.com/resize-observer-polyfill"',
                                                                  encoding="utf-8")
    problems = sorted(str(p) for p in check_hosts(tmp_path))
    assert problems == [
        "assets/javascripts/bundle.a5f9d56c.min.js: refers to another host: https://unpkg.com/other/x.js",
        "assets/javascripts/share.js: refers to another host: https://unpkg.com/resize-observer-polyfill",
    ]
