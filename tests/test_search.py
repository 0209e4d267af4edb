"""Search: word cuts for both scripts, query rules, the worker wrapper, relevance judging.

Unit tests first; then checks of a real build; then the worker itself, run
in Node over the built index (tests/js/), for the query path without a browser.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import jieba
import pytest
import yaml
from jinja2 import Environment, pass_context
from material.plugins.search.plugin import SearchIndex
from support import searcheval

from zhkb.convert import convert
from zhkb.site import material, search_index, search_rules
from zhkb.site.search import WRAPPER
from zhkb.site.search_index import WORD_BREAK, TraditionalSegmenter

ROOT = Path(__file__).resolve().parent.parent
OPENCC_DIR = ROOT / "sources" / "opencc"
USER_DICT = ROOT / "sources" / "search" / "userdict.txt"
WRAPPER_FILE = ROOT / "docs" / WRAPPER
to_traditional = functools.partial(convert, direction="s2tw", overrides_dir=OPENCC_DIR)
to_simplified = functools.partial(convert, direction="t2s", overrides_dir=OPENCC_DIR)


@pytest.fixture(scope="module")
def cut():
    """jieba as the build uses it: the project's user dictionary, no HMM (zhkb.site.search)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    return functools.partial(tokenizer.cut, HMM=False)


def corpus_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs" / "articles").glob("*.md")))


# --- word cuts -------------------------------------------------------------


def test_join_words_writes_what_materials_plugin_writes(cut, monkeypatch):
    text = "<p>只有真诚的人才能赢得信任。推销 80% 的大客户</p>"
    # Material calls the module-level jieba.cut (with UTF-8 bytes): give it ours for the comparison.
    monkeypatch.setattr(jieba, "cut", lambda value: cut(value.decode("utf-8")))
    expected = SearchIndex()._segment_chinese(text)
    monkeypatch.undo()
    assert search_index.join_words(text, search_index.simplified_segmenter(cut)) == expected
    assert "大客户" in expected.split(WORD_BREAK)


def site_separator() -> str:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.safe_load(re.search(r"^\s+separator: (.+)$", config, re.M).group(1))


def test_no_word_break_next_to_punctuation_or_space(cut):
    """Results show the index text: a zero-width space before ！ or after “ would let a line start with ！."""
    text = "<p>记得“舍得”先“舍”才可能会“得”，你的路会越来越顺！走访 2 个客户，下载 app下载</p>"
    separator = site_separator()
    joined = search_index.join_words(text, search_index.simplified_segmenter(cut), separator)
    assert "顺！" in joined and "“舍得”" in joined and "访 2 个" in joined
    assert "app" + WORD_BREAK + "下载" in joined  # no separator there: the break is what splits the words
    # the same words as with a break on every side
    plain = search_index.join_words(text, search_index.simplified_segmenter(cut))
    def words(value: str) -> list[str]:
        return [word for word in re.split(separator, value) if word]

    assert words(joined) == words(plain)


def test_userdict_words_are_all_in_the_corpus_and_stay_whole(cut):
    """Every word of the domain dictionary was found in the corpus, and jieba keeps each occurrence whole."""
    words = [line.split()[0] for line in USER_DICT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(words) == len(set(words)) >= 20
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        assert re.fullmatch(r"\S+ \d+ [a-z]+", line), f"jieba format 'word freq tag': {line!r}"
    runs = search_index.HAN_RUN.findall(corpus_text())
    for word in words:
        occurrences = sum(run.count(word) for run in runs)
        assert occurrences, f"{word} is not in the corpus"
        whole = sum(list(cut(run)).count(word) for run in runs if word in run)
        assert whole == occurrences, f"jieba splits {word} in {occurrences - whole} of {occurrences} places"


def test_cut_like_carries_cuts_over_to_an_aligned_text():
    assert search_index.cut_like("說話要真誠", ["说话", "要", "真诚"]) == ["說話", "要", "真誠"]
    assert search_index.cut_like("資訊", ["信", "息", "多"]) is None


def test_charwise_conversion_stays_aligned():
    def lengthening(text: str) -> str:
        return text.replace("甲", "乙丙").replace("說", "说")

    assert search_index.charwise("說甲話", lengthening) == "说甲話"


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


def test_tags_stay_on_the_page_entry_only():
    entries = [{"location": "a/", "tags": ["信任"]}, {"location": "a/#t1", "tags": ["信任"]}]
    search_index.untag_sections(entries)
    assert entries == [{"location": "a/", "tags": ["信任"]}, {"location": "a/#t1"}]


# --- query rules -----------------------------------------------------------


def test_stop_words_and_synonyms_files_load():
    stop_words = search_rules.load_stop_words(ROOT / "sources" / "search" / "stopwords.txt")
    assert {"怎么", "如何", "什么", "吗", "呢"} <= set(stop_words)
    synonyms = search_rules.load_synonyms(ROOT / "sources" / "synonyms.yml")
    assert synonyms[0][:3] == ["嫌贵", "砍价", "压价"]
    assert any({"信息", "资讯"} <= set(group) for group in synonyms)
    assert any({"搜集", "收集", "蒐集"} <= set(group) for group in synonyms)


def test_word_list_errors_name_the_file_and_line(tmp_path):
    stop_words = tmp_path / "stop.txt"
    stop_words.write_text("# comment\n怎么\n怎么 办\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"stop.txt:3"):
        search_rules.load_stop_words(stop_words)
    synonyms = tmp_path / "synonyms.yml"
    synonyms.write_text("groups:\n  - [嫌贵]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="group 1"):
        search_rules.load_synonyms(synonyms)


def test_conversion_pairs_skip_runs_that_change_length():
    pairs = search_rules.conversion_pairs(["价格 说甲"], lambda run: run.replace("价", "價").replace("甲", "乙丙"))
    assert pairs == Counter({("价", "價"): 1, ("格", "格"): 1})


def test_char_map_of_the_traditional_site_keeps_ambiguity_for_the_worker():
    pairs = Counter({("发", "發"): 24, ("发", "髮"): 1, ("价", "價"): 3, ("客", "客"): 9})
    mapping = search_rules.char_map(search_rules.typed_pairs(pairs, "hant"))
    assert mapping == {"发": "發髮", "价": "價"}


def test_char_map_of_the_simplified_site_maps_back_and_respells():
    pairs = Counter({("发", "發"): 24, ("发", "髮"): 1, ("账", "帳"): 2})
    plain_t2s = functools.partial(convert, direction="t2s")
    plain_s2tw = functools.partial(convert, direction="s2tw")
    mapping = search_rules.char_map(search_rules.typed_pairs(pairs, "hans", [plain_t2s, plain_s2tw]))
    assert mapping["發"] == "发" and mapping["髮"] == "发"
    # The corpus writes 账 (帳 in Traditional); plain OpenCC would write 帐 and 賬.
    assert mapping["帳"] == "账" and mapping["帐"] == "账" and mapping["賬"] == "账"
    assert "账" not in mapping and "发" not in mapping


def test_rules_for_the_traditional_site_are_in_traditional():
    rules = search_rules.build_rules(
        "hant", ["客户信息的搜集与处理"], ["怎么"], [["信息", "资讯"], ["搜集", "收集", "蒐集"]],
        to_traditional, to_simplified)
    assert rules.script == "hant"
    assert "怎麼" in rules.stop_words
    # The site's own word first (the Taiwan site writes 資訊 for 信息), then the word as typed.
    assert rules.synonyms[0][:2] == ["資訊", "信息"]
    assert "蒐集" in rules.synonyms[1]
    assert rules.char_map["户"] == "戶" and rules.char_map["么"] == "麼"  # 么 comes from the stop word


def test_rules_script_is_deterministic_json():
    rules = search_rules.QueryRules("hans", {"價": "价"}, ["吗"], [["砍价", "压价"]])
    script = search_rules.render_rules_script(rules, "search.abc.min.js", {"SETUP": 0})
    assert script == search_rules.render_rules_script(rules, "search.abc.min.js", {"SETUP": 0})
    body = script.split(f"self.{search_rules.RULES_GLOBAL} = ", 1)[1].rstrip().rstrip(";")
    assert json.loads(body) == {"materialWorker": "search.abc.min.js", "materialMessages": {"SETUP": 0},
                                "script": "hans", "charMap": {"價": "价"}, "stopWords": ["吗"],
                                "synonyms": [["砍价", "压价"]]}


# --- the worker wrapper -----------------------------------------------------


def test_material_ships_one_search_worker_and_we_wrap_it():
    path = material.search_worker()
    assert re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js", path)
    assert WRAPPER_FILE.is_file()


def test_the_url_filter_sends_pages_to_the_wrapper():
    @pass_context
    def url(context, value):
        return f"../{value}"

    env = Environment()
    env.filters["url"] = material.redirecting_url_filter(url, {"worker.js": "wrapper.js"})
    template = env.from_string("{{ 'worker.js' | url }} {{ 'other.js' | url }}")
    assert template.render() == "../wrapper.js ../other.js"


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


def test_snippets_compare_in_simplified_without_punctuation():
    assert searcheval.comparable("在開口推銷前,先要贏得 客戶的好感", to_simplified) == "在开口推销前先要赢得客户的好感"


def test_relevance_metrics():
    metrics = searcheval.relevance([1, 2, None, 6])
    assert metrics.recall_at_1 == 0.25 and metrics.recall_at_5 == 0.5
    assert metrics.mrr == pytest.approx((1 + 0.5 + 1 / 6) / 4)
    assert searcheval.percentile(list(range(1, 21)), 0.95) == 19


# --- a real build ---------------------------------------------------------------


def index_entries(site: Path, variant: str) -> list[dict]:
    folder = site / "zh-Hant" if variant == "hant" else site
    return json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.mark.site
def test_pages_start_the_wrapper_worker(built_site):
    pages = [p for p in built_site.rglob("*.html") if "__config" in p.read_text(encoding="utf-8")]
    assert len(pages) >= 20
    for page in pages:
        config = re.search(r'<script id="__config"[^>]*>(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
        assert json.loads(config.group(1))["search"].endswith(WRAPPER), page


@pytest.mark.site
@pytest.mark.parametrize("variant", ["hans", "hant"])
def test_query_rules_are_written_for_each_variant(built_site, variant):
    folder = built_site / "zh-Hant" if variant == "hant" else built_site
    script = (folder / search_rules.RULES_FILE).read_text(encoding="utf-8")
    rules = json.loads(script.split(" = ", 1)[1].rstrip().rstrip(";"))
    assert rules["script"] == variant
    assert (folder / material.WORKERS_FOLDER / rules["materialWorker"]).is_file()
    assert rules["materialMessages"] == dict(material.WORKER_MESSAGES)
    assert 300 <= len(rules["charMap"]) <= 600
    assert rules["charMap"]["價" if variant == "hans" else "价"] == ("价" if variant == "hans" else "價")


@pytest.mark.site
def test_the_index_holds_tips_only_with_tags_on_pages(built_site):
    for variant in ("hans", "hant"):
        entries = index_entries(built_site, variant)
        locations = [entry["location"] for entry in entries]
        assert all(location.startswith("articles/") for location in locations), "home and tags pages are excluded"
        assert sum(bool(re.search(r"#t\d+$", location)) for location in locations) == 63
        assert not any("tags" in entry for entry in entries if "#" in entry["location"])


@pytest.mark.site
@pytest.mark.parametrize("variant", ["hans", "hant"])
def test_result_text_never_breaks_before_closing_punctuation(built_site, variant):
    """The results show the index text; a zero-width space before ，！” would let a line start with it."""
    entries = index_entries(built_site, variant)
    text = "".join(entry["title"] + entry["text"] for entry in entries)
    assert text.count(WORD_BREAK) > 3000  # words are still cut
    assert re.findall(f"{WORD_BREAK}[，。！？；：、”’）》」』]|[“‘（《「『]{WORD_BREAK}", text) == []


@pytest.mark.site
def test_both_variants_have_the_same_words(built_site):
    """The Traditional index is cut where the Simplified one is: words of the same lengths, in the same places."""
    hans = index_entries(built_site, "hans")
    hant = index_entries(built_site, "hant")
    assert [entry["location"] for entry in hans] == [entry["location"] for entry in hant]
    words = 0
    for simplified, traditional in zip(hans, hant, strict=True):
        for field in ("title", "text"):
            # split where the text has breaks; punctuation stays on its word, so phrases convert as on the page
            simplified_words = [w for w in re.split(r"[\s\u200b]+", simplified[field]) if w]
            traditional_words = [w for w in re.split(r"[\s\u200b]+", traditional[field]) if w]
            # Where a Taiwan word has another length (平方米: 平方公尺), the run is cut on its own (through t2s).
            if len("".join(simplified_words)) == len("".join(traditional_words)):
                assert [len(w) for w in simplified_words] == [len(w) for w in traditional_words], simplified["location"]
            assert to_traditional("".join(simplified_words)) == "".join(traditional_words), simplified["location"]
            words += len(simplified_words)
    assert words > 4000  # the whole corpus was compared


# --- the worker, in Node ------------------------------------------------------------


@pytest.mark.site
def test_worker_javascript(built_site):
    """tests/js/*.test.js: the query planner, and the whole worker over the built index."""
    tests = sorted(str(path) for path in (ROOT / "tests" / "js").glob("*.test.js"))
    result = subprocess.run(["node", "--test", *tests], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "ZHKB_SITE": str(built_site)})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def harness_results(site: Path, variant: str, queries: list[str]) -> list[dict]:
    folder = site / "zh-Hant" if variant == "hant" else site
    result = subprocess.run(["node", str(ROOT / "tests" / "js" / "worker_harness.js"), str(folder)],
                            input=json.dumps(queries), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.site
@pytest.mark.parametrize("query_set", ["public", "dev"])
@pytest.mark.parametrize("variant", ["hans", "hant"])
def test_relevance_and_script_independence_in_node(built_site, query_set, variant):
    """Every query, typed as written, in Simplified and in Traditional: found, and found alike.

    The browser test measures the public set through the real search box;
    this runs the larger development set through the same worker, quickly.
    """
    queries = searcheval.load_queries(ROOT / "tests" / "data" / f"queries-{query_set}.tsv")
    folder = built_site / "zh-Hant" if variant == "hant" else built_site
    judge = searcheval.HitJudge(folder, to_simplified)
    # one worker for the three lists: as typed, in Simplified, and in Traditional as a reader's own converter
    # spells it (the site's Taiwan words, 质量: 品質, would make another query)
    plain_s2tw = functools.partial(convert, direction="s2tw")
    texts = [q.text for q in queries]
    results = harness_results(built_site, variant, [*texts, *map(to_simplified, texts), *map(plain_s2tw, texts)])
    count = len(queries)
    as_typed, simplified, traditional = results[:count], results[count:2 * count], results[2 * count:]
    first_hits = [judge.first_hit(q, ["/" + link["location"] for link in result["links"]])
                  for q, result in zip(queries, as_typed, strict=True)]
    metrics = searcheval.relevance(first_hits)
    assert metrics.recall_at_5 >= 0.9, [q.text for q, rank in zip(queries, first_hits, strict=True)
                                        if rank is None or rank > 5]
    for query, hans, hant in zip(queries, simplified, traditional, strict=True):
        assert hans["links"] == hant["links"], query.text
