"""Search: word cuts for both scripts, records, lexicon, query rules, relevance judging; a real build's search.

Unit tests first; then checks of a real build (the pages start zhkb's worker,
Material's index is a stub, each variant has its bundle, both variants have
the same words); then zhkb-search.js's own tests in Node (``tests/js/``).
Relevance and every word finding its tip, over the built bundles, are in
``tests/test_search_engine.py``; in the browser, ``tests/test_search_browser.py``.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from support import searcheval
from support.search import VARIANT_FOLDERS, bundle_of, site_records

from zhkb.convert import convert
from zhkb.search import bundle, lexicon, pages, records, rules, words
from zhkb.search.words import TraditionalSegmenter
from zhkb.site import material
from zhkb.site.search import WORKER

ROOT = Path(__file__).resolve().parent.parent
OPENCC_DIR = ROOT / "sources" / "opencc"
USER_DICT = ROOT / "sources" / "search" / "userdict.txt"
to_traditional = functools.partial(convert, direction="s2tw", overrides_dir=OPENCC_DIR)
to_simplified = functools.partial(convert, direction="t2s", overrides_dir=OPENCC_DIR)
plain_s2tw = functools.partial(convert, direction="s2tw")
plain_t2s = functools.partial(convert, direction="t2s")


@pytest.fixture(scope="module")
def cut():
    """jieba as the build uses it: the project's user dictionary, no HMM (zhkb.search.words)."""
    return words.jieba_cut(USER_DICT)


def corpus_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs" / "articles").glob("*.md")))


# --- word cuts -------------------------------------------------------------


def test_userdict_words_are_all_in_the_corpus_and_stay_whole(cut):
    """Every word of the domain dictionary was found in the corpus, and jieba keeps each occurrence whole."""
    userdict = [line.split()[0] for line in USER_DICT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(userdict) == len(set(userdict)) >= 20
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        assert re.fullmatch(r"\S+ \d+ [a-z]+", line), f"jieba format 'word freq tag': {line!r}"
    runs = words.HAN_RUN.findall(corpus_text())
    for word in userdict:
        occurrences = sum(run.count(word) for run in runs)
        assert occurrences, f"{word} is not in the corpus"
        whole = sum(list(cut(run)).count(word) for run in runs if word in run)
        assert whole == occurrences, f"jieba splits {word} in {occurrences - whole} of {occurrences} places"


def test_cut_like_carries_cuts_over_to_an_aligned_text():
    assert words.cut_like("說話要真誠", ["说话", "要", "真诚"]) == ["說話", "要", "真誠"]
    assert words.cut_like("資訊", ["信", "息", "多"]) is None


def test_charwise_conversion_stays_aligned():
    def lengthening(text: str) -> str:
        return text.replace("甲", "乙丙").replace("說", "说")

    assert words.charwise("說甲話", lengthening) == "说甲話"


def test_traditional_runs_are_cut_where_their_simplified_source_is(cut):
    segmenter = TraditionalSegmenter(cut, to_traditional, to_simplified)
    source = "比如大面积的坏账或死账"
    segmenter.learn(f"# 标题\n\n{source}。")
    traditional = to_traditional(source)
    assert traditional == "比如大面積的壞帳或死帳"
    expected = [to_traditional(word) for word in cut(source)]
    assert segmenter(traditional) == expected
    # Converted back without its source, 死帳 would read 死帐, which jieba cuts apart.
    assert "死帳" in expected
    assert "死帳" not in TraditionalSegmenter(cut, to_traditional, to_simplified)(traditional)


def test_unseen_traditional_runs_are_cut_through_a_conversion_back(cut):
    segmenter = TraditionalSegmenter(cut, to_traditional, to_simplified)
    assert segmenter("偿債能力很強") == ["偿債能力", "很", "強"]
    assert segmenter("說話要真誠") == ["說話", "要", "真誠"]


def test_runs_the_conversion_does_not_keep_aligned_fall_back_to_characters(cut):
    def to_simplified_lengthening(text: str) -> str:
        return to_simplified(text).replace("说", "说说")

    def to_traditional_lengthening(text: str) -> str:
        return to_traditional(text).replace("話", "話話")

    segmenter = TraditionalSegmenter(cut, to_traditional_lengthening, to_simplified_lengthening)
    segmenter.learn("说话要真诚")  # converts to a longer run: not remembered
    run = "說話要真誠"
    assert segmenter.simplified_twin(run) == "說话要真诚"  # 說 would become two characters: kept as it is
    pieces = segmenter(run)
    assert "".join(pieces) == run
    assert "真誠" in pieces


# --- pages and records -------------------------------------------------------------

ARTICLE = """<article class="md-content__inner md-typeset">
  <nav class="md-tags"><a class="md-tag">大客户</a></nav>
  <h1 id="_1">如何抓住大客户<a class="headerlink" href="#_1">&para;</a></h1>
  <p>现在的企业，想要获得<em>高额</em>的利润。</p><p>刨客 app 下载</p>
  <h2 id="t8" class="zhkb-tip"><span>怎样开发大客户</span><a class="zhkb-share"><svg><path d="M1"/></svg></a></h2>
  <p>大客户是从无到有的。</p>
  <h3 id="t9">防止倒戈</h3><ul><li>一是</li><li>二是</li></ul>
  <h2>没有锚点的标题</h2><p>仍属上一条。</p>
  <nav class="zhkb-related"><h2>相关问题</h2><ul><li><a>别的问题</a></li></ul></nav>
</article>"""


def test_an_article_becomes_its_own_section_and_one_per_tip():
    page = pages.page_from_html("articles/a/", ARTICLE, {"headerlink", "zhkb-share"})
    assert page.title == "如何抓住大客户"
    assert [(s.anchor, s.level, s.heading) for s in page.sections] == [
        (None, 1, "如何抓住大客户"), ("t8", 2, "怎样开发大客户"), ("t9", 3, "防止倒戈")]
    assert page.sections[0].blocks == ["现在的企业，想要获得高额的利润。", "刨客 app 下载"]
    assert page.sections[2].blocks == ["一是", "二是", "没有锚点的标题", "仍属上一条。"]
    assert "相关问题" not in str(page) and "别的问题" not in str(page)


def test_tokens_keep_punctuation_apart_from_words(cut):
    segment = words.simplified_segmenter(cut)
    assert words.tokens("记得“舍得”，下载app 80%的大客户", segment) == [
        "记得", "“", "舍得", "”，", "下载", "app", "80%", "的", "大客户"]
    assert words.normalise("”，") == "" and words.normalise("80%") == "80" and words.normalise("App") == "app"


def test_a_record_is_cut_html_pagefind_splits_at_spaces(cut):
    page = pages.page_from_html("articles/a/", ARTICLE, {"headerlink", "zhkb-share"})
    record = records.record(page, words.simplified_segmenter(cut), "hans")
    assert record.url == "articles/a/"
    assert '<html lang="und-Hans">' in record.html()
    assert "<h1>如何 抓住 大客户</h1>" in record.html()
    assert '<h2 id="t8">怎样 开发 大客户</h2>' in record.html() and '<h3 id="t9">' in record.html()
    assert "<title>" not in record.html()  # Pagefind takes the title from the <h1>, cut
    anchors = [anchor for anchor, _ in record.sections]
    assert anchors == [None, "t8", "t9"]
    assert {"大客户", "app", "80"} & record.sections[0][1] == {"大客户", "app"}


def test_traditional_records_are_cut_where_their_simplified_source_is(cut):
    source = "比如大面积的坏账或死账"
    segmenter = words.TraditionalSegmenter(cut, to_traditional, to_simplified)
    segmenter.learn(source)
    simplified = pages.Page("a/", [pages.Section(None, 1, "标题", [source])])
    traditional = pages.Page("a/", [pages.Section(None, 1, to_traditional("标题"), [to_traditional(source)])])
    hans = records.record(simplified, words.simplified_segmenter(cut), "hans")
    hant = records.record(traditional, segmenter, "hant")
    assert '<html lang="und-Hant">' in hant.html()
    assert hans.sections[0][1] >= {"坏账", "死账"} and hant.sections[0][1] >= {"壞帳", "死帳"}
    assert {to_traditional(word) for word in hans.sections[0][1]} == hant.sections[0][1]


# --- lexicon ---------------------------------------------------------------------------


def test_lexicon_counts_sections_and_finds_words_inside_longer_ones():
    found = lexicon.build_lexicon([{"偿债能力", "客户", "app"}, {"盈利能力", "客户"}, {"能力"}])
    assert found.frequency == {"偿债能力": 1, "客户": 2, "盈利能力": 1, "能力": 1}  # Han words only
    assert found.parts["能力"] == ["偿债能力", "盈利能力"]
    assert found.parts["债能"] == ["偿债能力"] and "偿债" not in found.parts  # a start is no part


def test_lexicon_buckets_hold_each_word_in_the_bucket_of_its_first_character(monkeypatch):
    monkeypatch.setattr(lexicon, "BUCKET_ENTRIES", 2)
    found = lexicon.build_lexicon([{"偿债能力", "客户", "盈利能力"}])
    count = found.bucket_count
    assert count == -(-(3 + len(found.parts)) // 2)
    texts = lexicon.buckets(found)
    assert len(texts) == count
    for number, text in enumerate(texts):
        data = json.loads(text)
        assert all(lexicon.bucket_of(word, count) == number for word in [*data["words"], *data["parts"]])
    assert lexicon.buckets(found) == texts


# --- query rules -----------------------------------------------------------


def test_stop_words_and_synonyms_files_load():
    stop_words = rules.load_stop_words(ROOT / "sources" / "search" / "stopwords.txt")
    assert {"怎么", "如何", "什么", "吗", "呢"} <= set(stop_words)
    synonyms = rules.load_synonyms(ROOT / "sources" / "synonyms.yml")
    assert synonyms[0][:3] == ["嫌贵", "砍价", "压价"]
    assert any({"信息", "资讯"} <= set(group) for group in synonyms)
    assert any({"搜集", "收集", "蒐集"} <= set(group) for group in synonyms)


def test_word_list_errors_name_the_file_and_line(tmp_path):
    stop_words = tmp_path / "stop.txt"
    stop_words.write_text("# comment\n怎么\n怎么 办\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"stop.txt:3"):
        rules.load_stop_words(stop_words)
    synonyms = tmp_path / "synonyms.yml"
    synonyms.write_text("groups:\n  - [嫌贵]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="group 1"):
        rules.load_synonyms(synonyms)


def test_conversion_pairs_skip_runs_that_change_length():
    pairs = rules.conversion_pairs(["价格 说甲"], lambda run: run.replace("价", "價").replace("甲", "乙丙"))
    assert pairs == Counter({("价", "價"): 1, ("格", "格"): 1})


def test_char_map_of_the_traditional_site_keeps_ambiguity_for_the_worker():
    pairs = Counter({("发", "發"): 24, ("发", "髮"): 1, ("价", "價"): 3, ("客", "客"): 9})
    mapping = rules.char_map(rules.typed_pairs(pairs, "hant"))
    assert mapping == {"发": "發髮", "价": "價"}


def test_char_map_of_the_simplified_site_maps_back_and_respells():
    pairs = Counter({("发", "發"): 24, ("发", "髮"): 1, ("账", "帳"): 2})
    plain_t2s = functools.partial(convert, direction="t2s")
    plain_s2tw = functools.partial(convert, direction="s2tw")
    mapping = rules.char_map(rules.typed_pairs(pairs, "hans", [plain_t2s, plain_s2tw]))
    assert mapping["發"] == "发" and mapping["髮"] == "发"
    # The corpus writes 账 (帳 in Traditional); plain OpenCC would write 帐 and 賬.
    assert mapping["帳"] == "账" and mapping["帐"] == "账" and mapping["賬"] == "账"
    assert "账" not in mapping and "发" not in mapping


def learnt(script: str, texts: list[str]) -> rules.CorpusCharacters:
    """What a build of ``script`` learns of pages with these texts (the Traditional site converts each)."""
    corpus = rules.CorpusCharacters([plain_t2s, plain_s2tw])
    for text in texts:
        corpus.learn(text, to_traditional(text) if script == "hant" else None, to_traditional)
    return corpus


def test_rules_for_the_traditional_site_are_in_traditional():
    found = rules.build_rules(
        "hant", learnt("hant", ["客户信息的搜集与处理"]), ["怎么"], [["信息", "资讯"], ["搜集", "收集", "蒐集"]],
        to_traditional, to_simplified)
    assert found.script == "hant"
    assert "怎麼" in found.stop_words
    # The site's own word first (the Taiwan site writes 資訊 for 信息), then the word as typed.
    assert found.synonyms[0][:2] == ["資訊", "信息"]
    assert "蒐集" in found.synonyms[1]
    assert found.char_map["户"] == "戶" and found.char_map["么"] == "麼"  # 么 comes from the stop word


def test_the_simplified_site_maps_every_taiwan_form_of_its_characters():
    found = rules.build_rules("hans", learnt("hans", ["头发", "发展", "账"]), [], [], to_traditional, to_simplified)
    assert found.char_map["發"] == found.char_map["髮"] == "发"
    assert found.char_map["帳"] == found.char_map["帐"] == found.char_map["賬"] == "账"
    assert "发" not in found.char_map


def test_a_readers_own_converter_spells_characters_within_words_too():
    """Plain OpenCC writes 扎实 紮實 and 家具 傢俱, which the site's own conversion keeps as 扎實 and 家具."""
    corpus = ["基础很扎实", "卖家具"]
    assert plain_s2tw("扎实") == "紮實" and plain_s2tw("家具") == "傢俱"
    hans = rules.build_rules("hans", learnt("hans", corpus), [], [], to_traditional, to_simplified)
    assert hans.char_map["紮"] == "扎" and hans.char_map["傢"] == "家" and hans.char_map["實"] == "实"
    hant = rules.build_rules("hant", learnt("hant", corpus), [], [], to_traditional, to_simplified)
    assert hant.char_map["紮"] == to_traditional("扎实")[0] and hant.char_map["傢"] == "家"
    # a replaced word pairs no characters: 信息 is 資訊 on the Traditional site, and 信 never stands for 資
    assert "信" not in rules.build_rules("hant", learnt("hant", ["客户信息"]), [], [], to_traditional,
                                        to_simplified).char_map


def test_runs_pair_with_their_conversion_in_order_or_are_converted_one_by_one():
    def never(run: str) -> str:
        raise AssertionError(f"converted {run} again")

    # a conversion may change a run's length (平方米: 平方公尺); it still pairs by position
    assert words.aligned_runs("面积平方米，说话", "面積平方公尺，說話", never) == [("面积平方米", "面積平方公尺"), ("说话", "說話")]
    # runs that do not pair up (here two became one) are converted on their own
    assert words.aligned_runs("甲乙，丙", "甲乙丙", lambda run: run + "!") == [("甲乙", "甲乙!"), ("丙", "丙!")]


# --- relevance judging --------------------------------------------------------


def test_relevance_sets_load():
    public = searcheval.load_queries(ROOT / "tests" / "data" / "queries-public.tsv")
    assert len(public) == 16
    assert public[0].text == "建立信任"
    dev = searcheval.load_queries(ROOT / "tests" / "data" / "queries-dev.tsv")
    assert len(dev) >= 60
    assert not {q.text for q in public} & {q.text for q in dev}


def test_section_text_runs_to_the_next_heading_of_the_same_level():
    html = """<nav>导航里的字</nav><article class="md-content__inner md-typeset">
      <h1>问题</h1><p>引言</p>
      <h2 id="t1">第一条</h2><p>甲</p><h3 id="t2">小点</h3><p>乙</p>
      <h2 id="t3">第二条</h2><p>丙</p></article>"""
    def text(anchor):
        return "".join(searcheval.section_text(html, anchor).split())

    assert text("t1") == "第一条甲小点乙"
    assert text("t2") == "小点乙"
    assert text("nowhere") == text(None) == "问题引言第一条甲小点乙第二条丙"


def test_a_snippet_hits_as_the_traditional_site_writes_it(tmp_path):
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text('<article class="md-content__inner"><h1>題</h1><p>價格不能一味要求過低，品質還要保證</p></article>',
                    encoding="utf-8")
    query = searcheval.Query("价格太低质量没法保证", ("价格不能一味要求过低，质量还要保证",), 1)
    assert not searcheval.HitJudge(tmp_path, to_simplified).is_hit(query, "/a/")
    assert searcheval.HitJudge(tmp_path, to_simplified, [to_traditional]).is_hit(query, "/a/")


def test_snippets_compare_in_simplified_without_punctuation():
    assert searcheval.comparable("在開口推銷前,先要贏得 客戶的好感", to_simplified) == "在开口推销前先要赢得客户的好感"


def test_relevance_metrics():
    metrics = searcheval.relevance([1, 2, None, 6])
    assert metrics.recall_at_1 == 0.25 and metrics.recall_at_5 == 0.5
    assert metrics.mrr == pytest.approx((1 + 0.5 + 1 / 6) / 4)
    assert searcheval.percentile(list(range(1, 21)), 0.95) == 19


# --- a real build ---------------------------------------------------------------


@pytest.mark.site
def test_pages_start_zhkbs_worker_and_material_indexes_nothing(built_site):
    pages_with_config = [p for p in built_site.rglob("*.html") if "__config" in p.read_text(encoding="utf-8")]
    assert len(pages_with_config) >= 20
    for page in pages_with_config:
        config = re.search(r'<script id="__config"[^>]*>(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
        assert json.loads(config.group(1))["search"].endswith(WORKER), page
    for folder in VARIANT_FOLDERS.values():
        variant = built_site / folder
        index = json.loads((variant / material.SEARCH_INDEX).read_text(encoding="utf-8"))
        assert index["docs"] == [] and index["config"]["lang"]
        assert not (variant / material.LUNR_FOLDER).exists()
        assert not list((variant / material.WORKERS_FOLDER).glob("search.*.min.js"))
        worker = (variant / WORKER).read_text(encoding="utf-8")
        assert json.dumps(dict(material.WORKER_MESSAGES), sort_keys=True) in worker


@pytest.mark.site
@pytest.mark.parametrize("script", VARIANT_FOLDERS)
def test_each_variant_has_its_bundle_with_pagefind_and_zhkb_and_nothing_else(built_site, script):
    folder = bundle_of(built_site, script)
    names = sorted(path.name for path in folder.iterdir())
    assert {"pagefind.js", "pagefind-entry.json", "wasm.unknown.pagefind", "index", "fragment", "zhkb"} <= set(names)
    assert set(names) - {"pagefind.js", "pagefind-entry.json", "wasm.unknown.pagefind", "index", "fragment", "zhkb",
                         "filter", "search_index.json"} == {next(n for n in names if n.endswith(".pf_meta"))}
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == [records.LANGUAGES[script].lower()]
    query_rules = json.loads((folder / bundle.RULES_FILE).read_text(encoding="utf-8"))
    assert query_rules["script"] == script and query_rules["pageCount"] == 8  # the articles; not home or tags
    # The 8 articles' fragments, packed 2 to a file on average (bundle.pack_fragments).
    packs = sorted((folder / "fragment").iterdir())
    assert query_rules["fragmentPacks"] == 4 and 1 <= len(packs) <= 4
    assert all(pack.name.endswith(f"_{query_rules['fragmentPackTag']}.pf_pack") for pack in packs)
    assert sum(len(json.loads(pack.read_bytes().split(b"\n", 1)[0])) for pack in packs) == 8
    assert len(list((folder / bundle.LEXICON_FOLDER).iterdir())) == query_rules["lexiconBuckets"]
    assert 300 <= len(query_rules["charMap"]) <= 700
    assert query_rules["charMap"]["價" if script == "hans" else "价"] == ("价" if script == "hans" else "價")
    assert {p.name for p in (folder / "zhkb").glob("*.js")} == {"zhkb-search.js", Path(WORKER).name}


@pytest.mark.site
def test_both_variants_have_the_same_words(built_site):
    """The Traditional records are cut where the Simplified ones are: the same tips, words of the same lengths."""
    hans, hant = site_records(built_site, "hans"), site_records(built_site, "hant")
    assert [record.url for record in hans] == [record.url for record in hant]
    compared = 0
    for simplified, traditional in zip(hans, hant, strict=True):
        assert [anchor for anchor, _ in simplified.sections] == [anchor for anchor, _ in traditional.sections]
        for (_, hans_words), (_, hant_words) in zip(simplified.sections, traditional.sections, strict=True):
            converted = {to_traditional(word) for word in hans_words}
            # Where a Taiwan word replaces a word (质量: 品質, 平方米: 平方公尺), the run is cut on its own.
            assert len(converted ^ hant_words) <= 0.05 * len(hant_words), simplified.url
            compared += len(hans_words)
    assert compared > 2000


# --- zhkb-search.js, in Node ---------------------------------------------------------------


def test_search_javascript():
    """tests/js/*.test.js: the lexicon, query planner and ranking of zhkb-search.js on made-up data."""
    tests = sorted(str(path) for path in (ROOT / "tests" / "js").glob("*.test.js"))
    result = subprocess.run(["node", "--test", *tests], cwd=ROOT, capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_fragments_are_packed_by_their_hash_and_read_back_whole(tmp_path):
    fragments = {f"und-hans_{index:07x}": bytes([index]) * (index + 1) for index in range(1, 40, 3)}
    for name, data in fragments.items():
        (tmp_path / f"{name}.pf_fragment").write_bytes(data)
    packs = bundle.pack_fragments(tmp_path)
    assert packs.count == bundle.pack_count(len(fragments)) == 7
    names = sorted(path.name for path in tmp_path.iterdir())
    assert all(name.startswith("und-hans_") and name.endswith(f"_{packs.tag}.pf_pack") for name in names)
    found = {}
    for path in tmp_path.iterdir():
        header, body = path.read_bytes().split(b"\n", 1)
        number = int(path.name.split("_")[1])
        for fragment_hash, (offset, length) in json.loads(header).items():
            assert bundle.fragment_pack(fragment_hash, packs.count) == number
            found[f"und-hans_{fragment_hash}"] = body[offset:offset + length]
    assert found == fragments
    # The same fragments give the same packs, byte for byte; another fragment renames them all.
    again = tmp_path / "again"
    again.mkdir()
    for name, data in fragments.items():
        (again / f"{name}.pf_fragment").write_bytes(data)
    assert bundle.pack_fragments(again) == packs
    assert all((again / path.name).read_bytes() == path.read_bytes() for path in tmp_path.glob("*.pf_pack"))
    (again / "changed").mkdir()
    for name, data in {**fragments, "und-hans_00000ff": b"new"}.items():
        (again / "changed" / f"{name}.pf_fragment").write_bytes(data)
    assert bundle.pack_fragments(again / "changed").tag != packs.tag
