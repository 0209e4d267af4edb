"""The Taiwan conversion (zhkb.convert, zhkb.taiwan) and its report (zhkb.taiwan_report), in our own sentences."""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path

import jieba
import opencc
import pytest

from zhkb.convert import OPENCC_SHARE, build_config, convert, opencc_converter, opencc_dictionary
from zhkb.errors import InputError
from zhkb.ingest import ingest
from zhkb.search.words import TraditionalSegmenter
from zhkb.taiwan import (
    PACKAGE_DATA,
    RULE_ALONE,
    RULE_BESIDE,
    RULE_ENTRY,
    RULE_OPENCC_DEFAULT,
    RULE_OPENCC_PHRASE,
    RULE_QUOTED,
    RULE_WORD,
    TaiwanConverter,
    Trace,
    Words,
    character_forms,
    character_pairs,
    load_alone,
    load_entries,
    load_review,
    read_table,
    taiwan_converter,
)
from zhkb.taiwan_report import collect, page_texts, render, traditional_report

S2TWP = opencc.OpenCC("s2twp")

ROOT = Path(__file__).resolve().parent.parent
OPENCC_DIR = ROOT / "sources" / "opencc"
DATA = Path(str(PACKAGE_DATA))


def tw(text: str, overrides_dir: Path = OPENCC_DIR) -> str:
    return convert(text, "s2tw", overrides_dir)


@pytest.fixture(scope="module")
def package_only(tmp_path_factory) -> Path:
    """An overrides folder with no corpus entries: the package's data alone."""
    folder = tmp_path_factory.mktemp("opencc")
    (folder / "s2tw.txt").write_text("", encoding="utf-8")
    return folder


# --- the OpenCC configuration ------------------------------------------------------------------


def test_without_overrides_the_config_is_openccs_own():
    shipped = json.loads((OPENCC_SHARE / "s2tw.json").read_text(encoding="utf-8"))
    config = build_config("s2tw.json", None)
    assert config["segmentation"]["type"] == shipped["segmentation"]["type"] == "mmseg"
    assert [step["dict"]["match_policy"] for step in config["conversion_chain"]] == [
        step["dict"]["match_policy"] for step in shipped["conversion_chain"]]
    text = "向导购买了头发护理的产品，扎实推进，干部们都很满意。"
    assert opencc_converter("s2tw.json").convert(text) == opencc.OpenCC("s2tw").convert(text)
    assert convert(text, "s2tw") == opencc.OpenCC("s2tw").convert(text)


def test_an_override_dictionary_goes_first_into_openccs_union_phrase_group(tmp_path):
    user = tmp_path / "user.txt"
    user.write_text("扎实\t扎實\n", encoding="utf-8")
    config = build_config("s2tw.json", user)
    segmentation = config["segmentation"]["dict"]
    assert segmentation["match_policy"] == "union"
    assert [Path(d["file"]).name for d in segmentation["dicts"]] == [
        "user.txt", "STPhrases.ocd2", "STPhrases_GeneratedFromRegionalPhrases.ocd2"]
    first = config["conversion_chain"][0]["dict"]
    assert first["match_policy"] == "short_circuit"
    assert first["dicts"][0] == segmentation
    # In a union group the longest key wins: OpenCC's 扎实推进 is not cut by the shorter override.
    (tmp_path / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    converter = opencc.OpenCC(str(tmp_path / "config.json"))
    assert converter.convert("扎实推进") == "紮實推進"
    assert converter.convert("扎实的") == "扎實的"


def test_t2s_override_joins_the_phrase_table_and_does_not_cut_longer_phrases(tmp_path):
    (tmp_path / "t2s.txt").write_text("# a comment line\n乾\t干\n", encoding="utf-8")
    config = build_config("t2s.json", tmp_path / "t2s.txt")
    phrases = config["conversion_chain"][0]["dict"]["dicts"][0]
    assert phrases["match_policy"] == "union"
    assert [Path(d["file"]).name for d in phrases["dicts"]] == ["t2s.txt", "TSPhrases.ocd2"]
    assert convert("乾隆年間很乾燥", "t2s", tmp_path) == "乾隆年间很干燥"


def test_the_issues_examples():
    assert tw("向导购") == "向導購"
    assert tw("扎实际") == "紮實際" == opencc.OpenCC("s2tw").convert("扎实际")
    assert tw("请向导购员咨询") == "請向導購員諮詢"
    assert tw("向导购买了门票") == "嚮導購買了門票"


def _override_lines(name: str) -> list[tuple[str, str]]:
    lines = (OPENCC_DIR / name).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("key, value", _override_lines("s2tw.txt"))
def test_every_s2tw_override_still_gives_its_value(key, value):
    assert tw(key) == value


@pytest.mark.parametrize("key, value", _override_lines("t2s.txt"))
def test_every_t2s_override_still_gives_its_value(key, value):
    assert convert(key, "t2s", OPENCC_DIR) == value


def test_an_override_applies_only_where_its_key_is_a_word_of_the_text():
    assert tw("他是只有一个目标的人") == "他是只有一個目標的人"  # 是/只有
    assert tw("这是只有趣的猫") == "這是隻有趣的貓"  # 是/只/有趣: 是只有 would cut 有趣
    assert tw("基础打得很扎实") == "基礎打得很扎實"
    assert tw("客户信息化管理") == "客戶資訊化管理"  # inside a longer word


def test_a_word_keeps_its_forms_against_an_opencc_phrase_reaching_into_it():
    # OpenCC alone: 好乾部 (its phrase 好干 takes the 干 of 干部), 要瞭解 vs 要了解 elsewhere.
    assert opencc.OpenCC("s2tw").convert("他是个好干部") == "他是個好乾部"
    assert tw("他是个好干部") == "他是個好幹部"
    assert tw("衣服很好干") == "衣服很好乾"
    assert tw("用水再冲洗一遍") == "用水再沖洗一遍"


# --- outcomes that must never appear --------------------------------------------------------------

NEVER = [
    ("产品功能的扩展", "擴充套件"),
    ("向导购咨询", "嚮導購"),
    ("注册机关和注册号码", "序號產生器"),
    ("管理员的权限", "許可權"),
    ("电脑死机了", "宕機"),
    ("客户挂断了电话", "結束通話"),
    ("买奶粉讲究不添加", "新增"),
    ("办理手续的程序", "程式"),
    ("感谢您的支持", "支援"),
    ("他刷新了销售纪录", "重新整理"),
    ("骏马在草原上奔驰", "賓士"),
    ("内容包罗万象", "永珍"),
    ("公司的接口人", "介面"),
    ("提高我们的士气", "計程車"),
    ("客户类型不同", "型別"),
    ("销售对象是年轻人", "物件"),
    ("良性循环", "迴圈"),
    ("他是个好干部", "乾部"),
    ("客户信息", "信息"),
    ("产品质量", "質量"),
    ("他是我们的合作伙伴", "伙伴"),
    ("坏账或死账", "賬"),
    ("他是只有一个目标的人", "是隻有"),
]


@pytest.mark.parametrize("text, bad", NEVER)
def test_known_bad_outcome_never_appears(text, bad):
    assert bad not in tw(text)


def test_no_known_bad_outcome_on_the_corpus():
    converted = "".join(tw(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "docs").rglob("*.md")))
    for _, bad in NEVER:
        assert bad not in converted


# --- characters with several forms, each in two meanings or more ----------------------------------

MEANINGS = [
    ("他舍不得离开住了四年的宿舍。", ["捨不得", "宿舍"]),
    ("做生意要懂得取舍，寒舍就在前面。", ["取捨", "寒舍"]),
    ("衣服晒干了再收进柜子。", ["曬乾了"]),
    ("他干活很卖力，是个好干部。", ["幹活", "好幹部"]),
    ("这件事跟你不相干，别来干扰。", ["相干", "干擾"]),
    ("理发店的老板今天给客户发货。", ["理髮店", "發貨"]),
    ("头发剪短以后，他发现客户更信任他。", ["頭髮", "發現"]),
    ("客户给我们点赞，领导也赞成这个方案。", ["點讚", "贊成"]),
    ("他称赞我们的服务，还愿意赞助活动。", ["稱讚", "贊助"]),
    ("护士给他扎针，又帮他包扎伤口。", ["扎針", "包紮"]),
    ("队伍在山脚驻扎，晚上扎营。", ["駐紮", "紮營"]),
    ("他在吧台后面修台风吹坏的柜台。", ["吧檯", "颱風", "櫃檯"]),
    ("公司买了一台电脑放在舞台旁边。", ["一臺電腦", "舞臺"]),
    ("我们的关系很好，系统也很稳定。", ["關係", "系統"]),
    ("出门前记得系好鞋带，他是中文系的学生。", ["繫好", "中文系"]),
    ("维系客户关系要靠真诚。", ["維繫", "關係"]),
    ("他只有一只手能动。", ["只有", "一隻手"]),
    ("我们只要两只杯子。", ["只要", "兩隻"]),
    ("这里离公司还有三公里。", ["這裡", "公里"]),
    ("心里有数，邻里关系也要处好。", ["心裡", "鄰里"]),
    ("松树下面的土很松。", ["松樹", "很鬆"]),
    ("谈完他才松了一口气，整个人放松下来。", ["鬆了一口氣", "放鬆"]),
    ("这个产品的特征很明显，我们想征求您的意见。", ["特徵", "徵求"]),
    ("红军长征的故事，他们征服了市场。", ["長征", "征服"]),
    ("他中午吃了一碗面条，面粉是进口的。", ["麵條", "麵粉"]),
    ("我们当面谈谈，见面再说。", ["當面", "見面"]),
    ("双方发生冲突以后，他冲进了办公室。", ["衝突", "衝進"]),
    ("用开水冲咖啡，再冲洗杯子。", ["沖咖啡", "沖洗"]),
]


@pytest.mark.parametrize("text, expected", MEANINGS)
def test_each_character_takes_the_form_of_its_meaning(text, expected):
    converted = tw(text)
    for form in expected:
        assert form in converted, (text, converted)


def test_meanings_cover_every_character_the_issue_names_twice():
    named = "舍干发赞扎台系只里松征面冲"
    for char in named:
        sentences = [text for text, _ in MEANINGS if char in text]
        assert len(sentences) >= 2 or sum(text.count(char) for text in sentences) >= 2, char
        assert len(character_forms()[char]) >= 2


# --- meaning rules ----------------------------------------------------------------------------------


def _decisions(text: str, char: str, overrides_dir: Path = OPENCC_DIR) -> list:
    trace = Trace()
    taiwan_converter(overrides_dir).convert_paragraph(text, trace)
    return [d for d in trace.decisions if d.char == char]


def test_a_quoted_character_takes_its_form_in_the_nearest_word_of_the_paragraph():
    assert tw("头发要常洗，「发」质才会好。") == "頭髮要常洗，「髮」質才會好。"
    assert tw("做人要舍得，先“舍”才能“得”。") == "做人要捨得，先「捨」才能「得」。"
    assert [d.rule for d in _decisions("头发要常洗，「发」质才会好。", "发")] == [RULE_OPENCC_PHRASE, RULE_QUOTED]


def test_a_quoted_character_with_no_word_beside_it_stands_alone():
    assert tw("先「舍」才能「得」。") == "先「捨」才能「得」。"
    assert [d.rule for d in _decisions("先「舍」才能「得」。", "舍")] == [RULE_ALONE]


def test_a_character_standing_alone_beside_the_word_it_halves_takes_the_words_form():
    assert tw("干净要做到：干要干透，净要净到。") == "乾淨要做到：乾要乾透，淨要淨到。"
    assert RULE_BESIDE in [d.rule for d in _decisions("干净要做到：干要干透，净要净到。", "干")]


def test_a_character_alone_keeps_its_default_when_no_word_gives_it_another_meaning():
    # 发了 (sent) beside 头发 and 理发 (hair): 发 is no half of them used alone.
    assert tw("他发现了一根头发，就发了一条消息给理发师。") == "他發現了一根頭髮，就發了一條消息給理髮師。"
    # 只 (only) beside 一只 (a measure word): counting words give no meaning to halves.
    assert "只用了" in tw("他只用了一只手，一下就搬起来了。")


def test_a_character_alone_takes_the_form_of_the_reviewed_table():
    assert tw("有舍才有得。") == "有捨才有得。"
    assert tw("口风太松了。") == "口風太鬆了。"
    assert tw("通过赞……") == "通過讚……"
    assert tw("他回到宿舍。") == "他回到宿舍。"


# --- the reviewed entries -----------------------------------------------------------------------------


def _sentence_rows() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in (ROOT / "tests" / "data" / "taiwan-vocabulary.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(tuple(line.split("\t")))
    return rows


@pytest.mark.parametrize("key, kind, data, text, expected", _sentence_rows(), ids=lambda value: value)
def test_entry_in_our_sentences(package_only, key, kind, data, text, expected):
    folder = OPENCC_DIR if data == "corpus" else package_only
    converted = tw(text, folder)
    converter = taiwan_converter(folder)
    assert key in converter.entries, f"{key} is no entry"
    entry = converter.entries[key]
    # an entry of OpenCC's TWPhrases applies where s2twp, whose table it is, applies it
    applies = kind == "change" and (not entry.twphrases or entry.value in S2TWP.convert(text))
    if applies or kind == "keep":
        assert expected in converted, converted
    else:
        assert entry.value not in converted and converted == tw(text, folder), converted
    trace = Trace()
    converter.convert_paragraph(text, trace)
    applied = {use.entry.key for use in trace.entries if use.applied}
    assert (key in applied) == applies, applied


def test_every_zhkb_entry_has_sentences():
    tested = {(row[0], row[1]) for row in _sentence_rows()}
    zhkb = [fields[0] for _, fields in read_table(DATA / "vocabulary.tsv", "vocabulary.tsv", 4) if fields[2] == "zhkb"]
    phrases = [fields[0] for _, fields in read_table(DATA / "phrases.tsv", "phrases.tsv", 3)]
    corpus = [key for key, _ in _override_lines("s2tw.txt")]
    words_with_a_keep_row = {key for key, kind in tested if kind == "keep"}
    for key in [*zhkb, *phrases, *[key for key in corpus if key == "质量"]]:
        assert (key, "change") in tested, key
        # no sentence where jieba cuts these apart: a "change" row only
        assert key in words_with_a_keep_row or key in {"质量守恒", "质量单位", "质量数", "网上商城", "网上商店"}, key


def test_every_package_entry_converts_its_own_word(package_only):
    converter = taiwan_converter(package_only)
    for entry in converter.entries.values():
        frame = f"他提到「{entry.key}」这个词。"
        if entry.twphrases and entry.value not in S2TWP.convert(frame):
            continue  # OpenCC's own segmentation does not apply it here (tested in the sentences above)
        assert tw(frame, package_only) == f"他提到「{entry.value}」這個詞。", entry


def test_the_review_covers_openccs_twphrases_entry_for_entry():
    to_simplified = opencc.OpenCC("t2s")
    taken = {fields[0] for _, fields in read_table(DATA / "vocabulary.tsv", "v", 4) if fields[2] == "TWPhrases"}
    rejected = {fields[0] for _, fields in read_table(DATA / "twphrases-rejected.tsv", "r", 4)}
    assert not taken & rejected
    twphrases = {to_simplified.convert(key) for key in opencc_dictionary("TWPhrases")}
    assert taken | rejected == twphrases


# --- data files -------------------------------------------------------------------------------------------


def test_a_bad_override_line_names_the_file_and_line(tmp_path):
    (tmp_path / "s2tw.txt").write_text("信息\t资讯\n质量 品质\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_entries(tmp_path / "s2tw.txt")
    assert "sources/opencc/s2tw.txt:2" in str(error.value)


def test_a_bad_t2s_override_line_names_the_file_and_line(tmp_path):
    (tmp_path / "t2s.txt").write_text("著手\t着手\n\n隨著\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"sources/opencc/t2s.txt:3: expected `key<TAB>value`"):
        convert("隨著", "t2s", tmp_path)


def test_a_repeated_override_names_both_lines(tmp_path):
    (tmp_path / "s2tw.txt").write_text("信息\t資訊\n# note\n信息\t資料\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"s2tw.txt:3: '信息' is already defined on line 1"):
        load_entries(tmp_path / "s2tw.txt")


def test_the_corpus_overrides_win_over_the_package_for_the_same_key(tmp_path):
    (tmp_path / "s2tw.txt").write_text("信息\t資料\n", encoding="utf-8")
    assert tw("客户信息", tmp_path) == "客戶資料"


def test_the_alone_table_names_only_forms_of_its_characters():
    forms = character_forms()
    for char, (form, _origin) in load_alone().items():
        assert form in forms[char]


def test_character_forms_come_from_openccs_tables():
    forms = character_forms()
    assert forms["发"] == ("發", "髮")
    assert forms["面"] == ("面", "麵")  # 麪 through TWVariants
    assert "价" not in forms or len(forms["价"]) > 1


# --- alignment ---------------------------------------------------------------------------------------------


def test_words_tell_which_spans_cut_a_word():
    words = Words("扎实际")
    assert words.cut_by(0, 2) == "实际"
    words = Words("客户信息化管理")
    assert words.cut_by(2, 4) == ""  # inside 信息化
    words = Words("向导购买")
    assert words.cut_by(1, 3) == "向导"


def test_a_replaced_word_pairs_no_characters_for_the_search():
    assert character_pairs("客户信息", "客戶資訊") == [("客", "客"), ("户", "戶")]
    assert character_pairs("头发", "頭髮") == [("头", "頭"), ("发", "髮")]
    assert character_pairs("坏账", "壞帳") == [("坏", "壞"), ("账", "帳")]  # 帳: defaults/taiwan/forms.tsv
    assert character_pairs("平方米", "平方公尺") == []
    assert character_pairs("穿着", "穿著") == [("穿", "穿"), ("着", "著")]  # a Taiwan variant (TWVariants)


def test_the_search_cuts_traditional_text_whose_words_changed_length():
    jieba.setLogLevel(logging.WARNING)
    cut = functools.partial(jieba.Tokenizer().cut, HMM=False)
    to_traditional = functools.partial(convert, direction="s2tw", overrides_dir=OPENCC_DIR)
    to_simplified = functools.partial(convert, direction="t2s", overrides_dir=OPENCC_DIR)
    segmenter = TraditionalSegmenter(cut, to_traditional, to_simplified)
    simplified = "店面有五十平方米的客户信息"
    segmenter.learn(simplified)
    run = to_traditional(simplified)
    assert run == "店面有五十平方公尺的客戶資訊"
    pieces = segmenter(run)
    assert "".join(pieces) == run and "資訊" in pieces


# --- the report -------------------------------------------------------------------------------------------


PAGE = """---
title: 头发和发型
description: 理发师说，头发要常洗。
tags:
- 发型
---

# 头发和发型

先「舍」才能「得」。

## 第一招 {#t1}

客户信息要保密，向导购咨询。扎实际的事。合作伙伴也来了。
"""


def test_the_report_lists_every_character_with_several_forms_with_its_rule():
    converter = taiwan_converter(OPENCC_DIR)
    texts = list(page_texts({"docs/articles/hair.md": PAGE, "sources/x.txt": "发"}))
    assert [(t.field, t.page) for t in texts] == [("title", "articles/hair.md"), ("description", "articles/hair.md"),
                                                  ("tags", "articles/hair.md"), ("", "articles/hair.md")]
    rows, uses, _review = collect(converter, texts)
    forms = character_forms()
    expected = sum(1 for t in texts for char in t.text if char in forms)
    assert len(rows) == expected
    assert rows == sorted(rows, key=lambda row: row.key())
    by_place = {(row.char, row.where, row.form) for row in rows}
    assert ("发", "articles/hair.md (title)", "髮") in by_place
    assert ("舍", "articles/hair.md", "捨") in by_place
    assert ("扎", "articles/hair.md#t1", "紮") in by_place
    rules = {row.rule for row in rows}
    assert {RULE_OPENCC_DEFAULT, RULE_OPENCC_PHRASE, RULE_ENTRY, RULE_ALONE} <= rules
    assert {use.use.entry.key for use in uses if use.use.applied} >= {"信息", "导购"}
    assert any(not use.use.applied and use.use.entry.key == "扎实" and use.use.cut == "实际" for use in uses)


def test_a_new_paragraph_only_adds_rows():
    converter = taiwan_converter(OPENCC_DIR)
    before = render(converter, {"docs/a.md": PAGE}).splitlines()
    after = render(converter, {"docs/a.md": PAGE + "\n他干活很卖力，发了消息。\n"}).splitlines()
    occurrence_rows = [line for line in before if "【" in line]
    assert occurrence_rows and all(line in after for line in occurrence_rows)
    assert len([line for line in after if "【" in line]) > len(occurrence_rows)


def test_the_report_is_the_same_for_the_same_input():
    converter = taiwan_converter(OPENCC_DIR)
    assert render(converter, {"docs/a.md": PAGE}) == render(converter, {"docs/a.md": PAGE})


def test_the_committed_report_is_what_the_build_writes():
    output = ingest(ROOT)
    assert traditional_report(output.files, OPENCC_DIR) == (ROOT / "reports" / "traditional.md").read_text(
        encoding="utf-8")


def test_an_opencc_word_guard_is_reported_with_the_phrase_it_kept_out():
    decisions = _decisions("他是个好干部。", "干")
    assert [(d.rule, d.form) for d in decisions] == [(RULE_WORD, "幹")]
    assert "好干" in decisions[0].origin


def test_the_converter_keeps_every_character_accounted_for():
    text = "「舍」得\n\n客户信息，平方米。\n\n  \n\n头发"
    converter = taiwan_converter(OPENCC_DIR)
    assert converter.convert(text).count("\n") == text.count("\n")
    assert [part for _, part in converter.paragraphs(text)] == ["「舍」得", "客户信息，平方米。", "  ", "头发"]


def test_a_converter_of_the_package_alone_has_no_corpus_entries(package_only):
    assert isinstance(taiwan_converter(package_only), TaiwanConverter)
    assert "扎实" not in taiwan_converter(package_only).entries
    assert tw("扎实的基础", package_only) == "紮實的基礎"


@pytest.mark.parametrize("text, mainland", [
    ("我们有三家门店。", "門店"), ("签合同前要看清条款。", "合同"), ("网上同款便宜一千多。", "網上"),
    ("电话营销的第一句话很重要。", "營銷"), ("客户的反馈很及时。", "反饋"),
])
def test_everyday_words_with_a_taiwan_alternative_are_suggested_not_applied(text, mainland):
    """The Taiwan word (門市, 合約 …) is a different word: only a corpus that adopts it (sources/opencc/s2tw.txt)
    gets it; otherwise the report lists the word for review and the site keeps the mainland word's characters."""
    assert mainland in tw(text)
    assert any(word in load_review() for word in ("门店", "合同", "网上", "营销", "反馈") if word in text)


def test_an_opencc_phrase_entry_applies_only_where_openccs_own_segmentation_applies_it():
    # TWPhrases has 打印 -> 列印, but s2twp cuts 打印出来 otherwise: zhkb does not apply it there either
    assert "打印出來" in tw("把群二维码打印出来。")
