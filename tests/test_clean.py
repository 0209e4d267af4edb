from pathlib import Path

import pytest

from zhkb import clean
from zhkb.curation import Curation, Erratum, load_spam
from zhkb.model import Line, Source

ROOT = Path(__file__).resolve().parent.parent


def cleaned(text: str, curation: Curation | None = None) -> list[Line]:
    curation = curation or Curation(opencc_dir=ROOT / "sources" / "opencc")
    return clean.clean_lines(clean.source_lines(Source("s.txt", text, "utf-8")), curation)


@pytest.mark.parametrize("before, after", [
    ("对方看不到真实的客户评价,也没有", "对方看不到真实的客户评价，也没有"),
    ("憂慮比較多!所以", "憂慮比較多！所以"),
    ("如何开始这个话题?首先", "如何开始这个话题？首先"),
    ("我认为是心态+知识+技巧=销售能力.", "我认为是心态+知识+技巧=销售能力。"),
    ("增长了 80%,利润", "增长了 80%，利润"),
    ("版本 2.5 和 1,000 元", "版本 2.5 和 1,000 元"),
])
def test_fullwidth_punctuation(before, after):
    assert clean.fullwidth_punctuation(before) == after


def test_parentheses_quotes_and_repeats():
    assert clean.fullwidth_parentheses("趋势(未来2-3年的发展趋势)") == "趋势（未来2-3年的发展趋势）"
    assert clean.fullwidth_parentheses("f(x)") == "f(x)"
    assert clean.chinese_quotes('避开保险的这些"坑"，「你好」') == "避开保险的这些“坑”，“你好”"
    assert clean.collapse_repeated_punctuation("进行划分，，看") == "进行划分，看"


@pytest.mark.parametrize("before, after", [
    ("刨客app是", "刨客 app 是"),
    ("带来80%利润", "带来 80% 利润"),
    ("未来2-3年", "未来 2-3 年"),
    ("。1、如果", "。1、如果"),
])
def test_space_between_cjk_and_latin(before, after):
    assert clean.space_between_cjk_and_latin(before) == after


def test_glued_answers_become_paragraphs():
    assert clean.split_glued_answers("和优惠。 如果价格") == "和优惠。\n如果价格"
    assert clean.split_glued_answers("帮到你~ 猜测") == "帮到你~\n猜测"


def test_normalisation_of_invisible_and_spaces():
    assert clean.remove_invisible_characters("客\u200b户\ufeff") == "客户"
    assert clean.normalise_spaces("\t客户\u3000\u3000 说 ") == "客户 说"
    assert clean.strip_carriage_return("客户\r") == "客户"


def test_t2s_undoes_machine_conversion_and_uses_overrides():
    lines = cleaned("業余愛好，這里的老客戶，准備好，他坐著，此我想著重談一下")
    assert lines[0].text == "业余爱好，这里的老客户，准备好，他坐着，此我想着重谈一下"


def test_every_edit_is_recorded_and_replays_to_the_original():
    text = "『壹』 微商怎麼快速拿下客戶\r\n01 快速,建立信任感  在開口推銷前!\u200b\n(6)产品擴展閱讀:\n"
    spam = load_spam(ROOT / "sources" / "spam.yml")
    lines = cleaned(text, Curation(spam=spam, opencc_dir=ROOT / "sources" / "opencc"))
    for line in lines:
        assert clean.replay_backwards(line.text, line.edits) == line.original
    rules = {edit.rule for line in lines for edit in line.edits}
    assert {"strip_carriage_return", "opencc_t2s", "fullwidth_punctuation", "remove_invisible_characters",
            "spam.extended-reading-marker"} <= rules
    assert lines[2].text == "" and lines[2].starts_section
    assert all(edit.note for line in lines for edit in line.edits), "every edit says why"


def test_errata_apply_in_order_and_are_counted():
    errata = [Erratum("能不能那下", "能不能拿下", "typo", 3), Erratum("争对", "针对", "typo", 6)]
    used: dict[int, int] = {}
    curation = Curation(errata=errata, opencc_dir=ROOT / "sources" / "opencc")
    lines = clean.clean_lines(clean.source_lines(Source("s.txt", "能不能那下，爭對不同", "utf-8")), curation, used)
    assert lines[0].text == "能不能拿下，针对不同"
    assert used == {3: 1, 6: 1}
    assert [e.note for e in lines[0].edits if e.rule == "errata"] == ["typo", "typo"]
