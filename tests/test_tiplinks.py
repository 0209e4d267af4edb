"""How tips are shared in a large site: links into their articles, old short links kept by the 404 page's map."""

import json
import re

import pytest

from zhkb.check import check_published_ids
from zhkb.site import tiplinks


def test_short_pages_while_the_site_fits_its_file_budget():
    # The bundled corpus: 8 articles, 63 tips.
    assert tiplinks.choose_layout("auto", 8, 63, 2, 40_000) == "pages"
    # 10,000 questions: 9,724 articles, 28,926 tips; their short pages alone would be 57,852 files.
    assert tiplinks.estimated_files(9_724, 28_926, 2, tip_pages=True) > 40_000
    assert tiplinks.choose_layout("auto", 9_724, 28_926, 2, 40_000) == "anchors"
    assert tiplinks.estimated_files(9_724, 28_926, 2, tip_pages=False) <= 40_000
    # The budget decides, not the corpus alone.
    assert tiplinks.choose_layout("auto", 8, 63, 2, 100) == "anchors"


def test_a_chosen_layout_is_kept_whatever_the_size():
    assert tiplinks.choose_layout("pages", 9_724, 28_926, 2, 40_000) == "pages"
    assert tiplinks.choose_layout("anchors", 8, 63, 2, 40_000) == "anchors"
    with pytest.raises(ValueError, match="tip_pages"):
        tiplinks.choose_layout("some", 8, 63, 2, 40_000)


def test_tips_are_counted_from_their_heading_ids():
    sources = ["# 问题\n\n## 说话要真诚 {#t12}\n\n文字 {#t13} 不是标题也算 id\n", "## 甲 {#t1}\n### 乙 {#t2}\n{#tag:x}"]
    assert tiplinks.count_tips(sources) == 4


def test_the_map_files_hold_a_thousand_tips_each_in_id_order():
    files = tiplinks.map_files({"t1001": "articles/b/", "t12": "articles/a/", "t2": "articles/a/",
                                "t999": "articles/中/"})
    assert list(files) == ["t/map/0.json", "t/map/1.json"]
    assert list(json.loads(files["t/map/0.json"])) == ["t2", "t12", "t999"]
    assert json.loads(files["t/map/1.json"]) == {"t1001": "articles/b/"}
    assert "中" in files["t/map/0.json"]  # UTF-8, not \\u escapes
    # Same tips, in another order: the same bytes.
    again = tiplinks.map_files({"t999": "articles/中/", "t2": "articles/a/", "t12": "articles/a/",
                                "t1001": "articles/b/"})
    assert again == files
    with pytest.raises(ValueError):
        tiplinks.map_shard("../x")


def test_the_404_page_gets_the_script_before_its_end():
    page = "<html><body><h1>404</h1></body></html>"
    out = tiplinks.with_redirect_script(page)
    assert out.startswith("<html><body><h1>404</h1><script>") and out.endswith("</script></body></html>")
    script = re.search(r"<script>(.*)</script>", out).group(1)
    assert '"t/map/"' in script and "/1000)" in script and "location.replace" in script


def page(site, rel, body=""):
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


def test_check_follows_the_map_to_the_tip_in_its_article(tmp_path):
    registry = tmp_path / "ids.yml"
    registry.write_text("articles:\n- slug: a\n  title: x\n  tips:\n  - id: t1\n    title: y\n"
                        "  - id: t2\n    title: z\n  - id: t3\n    title: w\n", encoding="utf-8")
    site = tmp_path / "site"
    for prefix in ("", "zh-Hant/"):
        page(site, f"{prefix}articles/a/index.html", '<h2 id="t1">y</h2>')
        # t2 is mapped to a page that lacks it; t3 is in no map.
        tiplinks.write_map_files(site / prefix if prefix else site, {"t1": "articles/a/", "t2": "articles/a/"})
    page(site, "t/t2/index.html")  # a short page answers whatever the map says
    assert [str(p) for p in check_published_ids(site, registry)] == [
        "/t/t3/: published tip link no longer answers",
        "/zh-Hant/t/t2/: published tip link no longer answers",
        "/zh-Hant/t/t3/: published tip link no longer answers"]
