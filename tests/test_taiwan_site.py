"""The Traditional site of the bundled corpus reads as written in Taiwan: vocabulary, and the report matches it."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
from support.site import ROOT, page_text, variant_pages

from zhkb.taiwan import Trace, is_character_form, taiwan_converter
from zhkb.taiwan_report import collect, page_texts

pytestmark = pytest.mark.site

OPENCC_DIR = ROOT / "sources" / "opencc"

#: The Taiwan vocabulary that applies to the bundled corpus (src/zhkb/defaults/taiwan/vocabulary.tsv and the
#: word entries of sources/opencc/s2tw.txt): mainland word -> the word the Traditional site must show.
CORPUS_VOCABULARY = {
    "信息": "資訊",
    "产品质量": "產品品質",
    "产品的质量": "產品的品質",
    "服务质量": "服務品質",
    "商品质量": "商品品質",
    "质量": "品質",
    "专业水平": "專業水準",
    "收入水平": "收入水準",
    "市场营销": "市場行銷",
    "联系": "聯絡",
    "复印件": "影本",
    "邮编": "郵遞區號",
    "平方米": "平方公尺",
    "文件包": "公事包",
}

HAN = re.compile(r"[\u3400-\u9fff]")


def _docs() -> dict[str, str]:
    return {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted((ROOT / "docs").rglob("*.md"))}


def _replaces_a_word(key: str, value: str) -> bool:
    """Whether an entry replaces a word (信息 -> 資訊), not only picks character forms (坏账 -> 壞帳) or quotes."""
    if not HAN.search(key):
        return False
    return len(key) != len(value) or not all(is_character_form(s, t) for s, t in zip(key, value, strict=True))


@pytest.fixture(scope="module")
def hant_text(built_site) -> str:
    return "\n".join(page_text(p.read_text(encoding="utf-8")) for p in variant_pages(built_site, "hant"))


def test_the_list_is_the_vocabulary_that_applies_to_the_corpus():
    converter = taiwan_converter(OPENCC_DIR)
    applied = {}
    for text in page_texts(_docs()):
        for _, paragraph in converter.paragraphs(text.text):
            trace = Trace()
            converter.convert_paragraph(paragraph, trace)
            for use in trace.entries:
                if use.applied and _replaces_a_word(use.entry.key, use.entry.value):
                    applied[use.entry.key] = use.entry.value
    assert applied == CORPUS_VOCABULARY


@pytest.mark.parametrize("mainland, taiwan", sorted(CORPUS_VOCABULARY.items()))
def test_the_traditional_site_shows_the_taiwan_word(hant_text, mainland, taiwan):
    assert taiwan in hant_text
    assert opencc.OpenCC("s2tw").convert(mainland) not in hant_text


def test_no_xinxi_and_no_zhiliang_on_the_traditional_site(built_site, hant_text):
    index = (built_site / "zh-Hant" / "search" / "search_index.json").read_text(encoding="utf-8")
    for text in (hant_text, index):
        assert "信息" not in text
        assert "質量" not in text


def _page_file(site: Path, page: str) -> Path:
    stem = page.removesuffix(".md")
    folder = "" if stem == "index" else stem.removesuffix("/index")
    return site / "zh-Hant" / folder / "index.html"


def test_the_reports_forms_are_the_sites(built_site):
    rows, _, _ = collect(taiwan_converter(OPENCC_DIR), page_texts(_docs()))
    pages: dict[str, str] = {}
    checked = 0
    for row in rows:
        page = row.where.split("#")[0]
        if " (" in page:  # front matter: title, description, tags
            continue
        if page not in pages:
            pages[page] = page_text(_page_file(built_site, page).read_text(encoding="utf-8"))
        before = re.search(r"[\u3400-\u9fff]{0,2}$", row.before).group(0)
        after = re.match(r"[\u3400-\u9fff]{0,2}", row.after).group(0)
        assert before + row.form + after in pages[page], row
        checked += 1
    assert checked > 500
