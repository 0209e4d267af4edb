"""The search engine layer (zhkb.search): Pagefind with zhkb's cuts, lexicon, rules and ranking.

Unit tests of the Python side first; then a bundle written from the built
site, searched in Node with Pagefind's own JS and zhkb-search.js
(tests/js/pagefind_harness.js): relevance sets, every word finding its tip,
both scripts.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from support import searcheval

from zhkb.convert import convert
from zhkb.search import bundle, lexicon, pages, records, words
from zhkb.search.built_site import Sources, article_pages, build_site_search

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Sources.of_project(ROOT)
HARNESS = ROOT / "tests" / "js" / "pagefind_harness.js"
to_traditional = functools.partial(convert, direction="s2tw", overrides_dir=SOURCES.opencc)
to_simplified = functools.partial(convert, direction="t2s", overrides_dir=SOURCES.opencc)
VARIANT_FOLDERS = {"hans": "", "hant": "zh-Hant"}
#: Where the tests write the bundles in the built site (Material's own search/ stays as it is).
TARGET = "search-pagefind"


@pytest.fixture(scope="module")
def cut():
    return words.jieba_cut(SOURCES.user_dictionary)


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


# --- a bundle from the built site ----------------------------------------------------------


@pytest.fixture(scope="module")
def bundles(built_site):
    build_site_search(built_site, SOURCES, TARGET)
    return {script: built_site / folder / TARGET for script, folder in VARIANT_FOLDERS.items()}


@pytest.mark.site
def test_the_bundle_holds_pagefind_and_zhkb_and_nothing_else(bundles):
    for script, folder in bundles.items():
        names = sorted(path.name for path in folder.iterdir())
        assert "pagefind.js" in names and "pagefind-entry.json" in names and "wasm.unknown.pagefind" in names
        assert not [name for name in names if name.startswith("pagefind-") and name != "pagefind-entry.json"]
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [records.LANGUAGES[script].lower()]
        rules = json.loads((folder / bundle.RULES_FILE).read_text(encoding="utf-8"))
        assert rules["script"] == script and rules["pageCount"] == 8
        assert len(list((folder / bundle.LEXICON_FOLDER).iterdir())) == rules["lexiconBuckets"]
        assert {p.name for p in (folder / "zhkb").glob("*.js")} == {"zhkb-search.js", "zhkb-search-worker.js"}


@pytest.mark.site
def test_the_bundle_is_the_same_for_the_same_pages(built_site, bundles, tmp_path):
    simplified = article_pages(built_site)
    from zhkb.search.built_site import query_rules, variant_records

    again = tmp_path / "again"
    bundle.write_bundle(again, variant_records("hans", simplified, simplified, SOURCES),
                        query_rules("hans", simplified, SOURCES))

    def contents(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert contents(again) == contents(bundles["hans"])


@pytest.mark.site
def test_pagefind_indexes_zhkbs_words_unchanged(built_site, bundles):
    """Pagefind's own Chinese segmenter would cut 偿债能力 in two; in zhkb's bundle it is one word of one tip."""
    result = harness(bundles["hans"], ["偿债能力", "坏账"])
    assert result[0]["concepts"] == ["偿债能力"]
    assert "articles/insurance-first-deal/#t51" in [link["location"] for link in result[0]["links"][:3]]


def harness(folder: Path, queries: list[str]) -> list[dict]:
    completed = subprocess.run(["node", str(HARNESS), str(folder)], input=json.dumps(queries), capture_output=True,
                               text=True, env={**os.environ, "NODE_NO_WARNINGS": "1"})
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout)


def link_path(location: str) -> str:
    return "/" + location


@pytest.mark.site
@pytest.mark.parametrize("query_set", ["public", "dev"])
@pytest.mark.parametrize("script", ["hans", "hant"])
def test_relevance_sets(built_site, bundles, query_set, script):
    """Each query as written, in Simplified and in Traditional: recall@5 1.00, MRR >= 0.95, the same links."""
    queries = searcheval.load_queries(ROOT / "tests" / "data" / f"queries-{query_set}.tsv")
    judge = searcheval.HitJudge(built_site / VARIANT_FOLDERS[script], to_simplified, [to_traditional])
    as_typed = harness(bundles[script], [q.text for q in queries])
    first_hits = [judge.first_hit(q, [link_path(link["location"]) for link in result["links"]])
                  for q, result in zip(queries, as_typed, strict=True)]
    metrics = searcheval.relevance(first_hits)
    missed = [(q.text, rank) for q, rank in zip(queries, first_hits, strict=True) if rank is None or rank > 1]
    assert metrics.recall_at_5 == 1.0, missed
    assert metrics.mrr >= 0.95, missed
    simplified = harness(bundles[script], [to_simplified(q.text) for q in queries])
    # Traditional as a reader's own converter spells it (the site's Taiwan words, 质量: 品質, make another query)
    plain_s2tw = functools.partial(convert, direction="s2tw")
    traditional = harness(bundles[script], [plain_s2tw(q.text) for q in queries])
    for query, hans, hant in zip(queries, simplified, traditional, strict=True):
        assert [link["location"] for link in hans["links"]] == [link["location"] for link in hant["links"]], query.text


@pytest.mark.site
@pytest.mark.parametrize("script", ["hans", "hant"])
def test_bad_debt_finds_the_tip_that_says_it(bundles, script):
    """坏账 is one word of t46; the old index lost it on both variants."""
    for query in ("坏账", "壞帳"):
        [result] = harness(bundles[script], [query])
        assert "articles/insurance-first-deal/#t46" in [link["location"] for link in result["links"][:5]], query
        assert result["texts"][1].count("<mark>") >= 1


@pytest.mark.site
@pytest.mark.parametrize("script", ["hans", "hant"])
def test_every_rare_word_finds_one_of_its_tips(built_site, bundles, script, cut):
    """Issue 10 item 2: every word jieba cuts from the corpus that occurs in at most 5 tips, searched in either
    script, returns one of those tips in the top 5."""
    variant_pages = article_pages(built_site / VARIANT_FOLDERS[script])
    if script == "hans":
        segment = words.simplified_segmenter(cut)
    else:
        segment = words.TraditionalSegmenter(cut, to_traditional, to_simplified)
        for page in article_pages(built_site):
            segment.learn("\n".join(t for s in page.sections for t in (s.heading, *s.blocks)))
    where: defaultdict[str, set[str]] = defaultdict(set)
    for page in variant_pages:
        record = records.record(page, segment, script)
        for anchor, found in record.sections:
            for word in found:
                if words.HAN_RUN.search(word):
                    where[word].add(page.url + (f"#{anchor}" if anchor else ""))
    rare = sorted(word for word, places in where.items() if len(places) <= 5)
    assert len(rare) > 500
    # the other script as a reader's own converter spells it (plain OpenCC, no Taiwan vocabulary)
    other = functools.partial(convert, direction="t2s" if script == "hant" else "s2tw")
    queries = [*rare, *(other(word) for word in rare)]
    results = harness(bundles[script], queries)
    failures = []
    for word, query, result in zip([*rare, *rare], queries, results, strict=True):
        top = [link["location"] for link in result["links"][:5]]
        if not where[word] & set(top):
            failures.append((query, sorted(where[word]), top))
    assert not failures, f"{len(failures)} of {len(queries)} queries miss: {failures[:20]}"


@pytest.fixture(scope="module")
def crowded_bundle(built_site, tmp_path_factory):
    """The Simplified bundle with 'common' set as low as 3 sections: the bundled corpus searched as 10,000
    questions are, common words among the pages where they are most prominent only."""
    from zhkb.search.built_site import query_rules, variant_records

    simplified = article_pages(built_site)
    folder = tmp_path_factory.mktemp("crowded") / "search"
    bundle.write_bundle(folder, variant_records("hans", simplified, simplified, SOURCES),
                        query_rules("hans", simplified, SOURCES), common_least=3)
    return folder


@pytest.mark.site
def test_common_words_are_marked_on_their_most_prominent_pages(crowded_bundle):
    rules = json.loads((crowded_bundle / bundle.RULES_FILE).read_text(encoding="utf-8"))
    assert rules["commonSections"] == 3 and rules["topFilter"] == records.TOP_FILTER
    assert list((crowded_bundle / "filter").glob("*.pf_filter"))
    [result] = harness(crowded_bundle, ["客户"])
    assert result["links"], "a query of one common word still answers, from the pages marked for it"


@pytest.mark.site
@pytest.mark.parametrize("query_set", ["public", "dev"])
def test_relevance_when_common_words_are_searched_among_their_prominent_pages(built_site, crowded_bundle,
                                                                              query_set):
    queries = searcheval.load_queries(ROOT / "tests" / "data" / f"queries-{query_set}.tsv")
    judge = searcheval.HitJudge(built_site, to_simplified)
    results = harness(crowded_bundle, [q.text for q in queries])
    first_hits = [judge.first_hit(q, [link_path(link["location"]) for link in result["links"]])
                  for q, result in zip(queries, results, strict=True)]
    metrics = searcheval.relevance(first_hits)
    missed = [(q.text, rank) for q, rank in zip(queries, first_hits, strict=True) if rank is None or rank > 1]
    assert metrics.recall_at_5 >= 0.95 and metrics.mrr >= 0.9, (metrics, missed)
