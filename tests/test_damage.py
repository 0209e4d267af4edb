"""Conversion damage: pinyin left in brackets, and characters lost in a bad conversion."""

from pathlib import Path

import pytest

from zhkb import damage
from zhkb.clean import clean_lines, source_lines
from zhkb.curation import load_curation
from zhkb.damage import repair_misread_characters
from zhkb.edits import apply_fix
from zhkb.ingest import ingest
from zhkb.model import Line, Source

ROOT = Path(__file__).resolve().parent.parent


def test_a_reading_of_the_character_before_it_is_removed():
    assert damage.remove_pinyin_residue("維護客戶關(guān)係要靠耐心(xīn)") == "維護客戶關係要靠耐心"
    # a character with several readings: any of them counts
    assert damage.remove_pinyin_residue("同行(háng)之间") == "同行之间"
    assert damage.remove_pinyin_residue("同行(xíng)的同事") == "同行的同事"
    # readings written without tone marks, and ü as v
    assert damage.remove_pinyin_residue("绿(lv)色") == "绿色"


def test_brackets_that_are_not_a_reading_stay():
    kept = "客户管理系统(crm)，小助手(ngbjxym)，附件(b)，好(hěn)"
    assert damage.remove_pinyin_residue(kept) == kept


def test_what_stays_is_listed_only_when_it_looks_like_pinyin():
    found = damage.remaining_damage("客户管理系统(crm)，好(hěn)好，服务(wù)")
    assert [(d.text, d.column) for d in found] == [("(hěn)", 14)]
    assert "not a reading of 好" in found[0].reason


def test_a_lost_character_is_recovered_from_the_reading_and_the_words_around_it():
    # 發現 lost to 發?,F(xiàn): the reading left behind is xiàn, and only 现 makes a word here
    assert damage.repair_lost_characters("我們發?,F(xiàn)問題就要馬上處理") == "我們發现問題就要馬上處理"
    # two characters lost: 常 has no reading left, but 异常现象 is far likelier than anything else
    assert damage.repair_lost_characters("这种异?,F(xiàn)象很少见") == "这种异常现象很少见"


def test_a_loss_the_context_does_not_decide_stays_and_is_listed_with_its_column():
    # 这件事现在 or 这件事出现在 …: the words around the gap do not decide
    text = "这件事?,F(xiàn)在"
    assert damage.repair_lost_characters(text) == text
    found = damage.remaining_damage(text)
    assert [(d.text, d.column) for d in found] == [("?,F(xiàn)", 4)] and "lost" in found[0].reason


def test_junk_without_a_reading_is_listed():
    found = damage.remaining_damage("客户说��，我没听清")
    assert found and found[0].text == "��"


def test_the_cleaner_repairs_before_converting_so_words_convert_whole():
    curation = load_curation(ROOT / "sources")
    lines = clean_lines(source_lines(Source("s.txt", "企業(yè)的業(yè)務(wù)員要了解客戶的需(xū)求", "utf-8")), curation)
    assert lines[0].text == "企业的业务员要了解客户的需求"
    rules = [e.rule for e in lines[0].edits]
    assert rules.index("remove_pinyin_residue") < rules.index("opencc_t2s")


def test_unrepaired_damage_reaches_the_review_queue_with_file_line_and_column(project):
    text = "『壹』 问题\n第一段正常的文字。\n这里有残留的读音好(hěn)不好。\n"
    (project / "sources" / "texts" / "000_ba3bf6fb9d9c93a8.txt").write_text(text, encoding="utf-8")
    output = ingest(project)
    queue = output.review_queue
    assert [(n.path, n.line, n.column) for n in queue if "hěn" in n.text] == [
        ("sources/texts/000_ba3bf6fb9d9c93a8.txt", 3, 10)]
    assert "Kept, but please check" in output.files["reports/ingest.md"]
    assert "000_ba3bf6fb9d9c93a8.txt:3:10" in output.files["reports/ingest.md"]


def test_a_lone_question_mark_stands_for_one_lost_character_whose_bracket_went_too():
    # 保单: the opening bracket of (dān) was lost with the character
    assert damage.repair_lost_characters("我可以把您现有的保?dān)整理成一张表") == "我可以把您现有的保单整理成一张表"


# --- characters a scan misread -----------------------------------------------------------------


@pytest.mark.parametrize("text, fixed", [
    ("到期己经五天还没付", "到期已经五天还没付"),  # 己经 is no word; 已经 is
    ("请客户负责入签字", "请客户负责人签字"),
    ("付款曰前三天提醒", "付款日前三天提醒"),
    ("自已的客户自己跟", "自己的客户自己跟"),  # 自已 is in the dictionary, as a rare misspelling of 自己
])
def test_a_misread_character_is_read_as_the_one_that_makes_a_word(text, fixed):
    assert repair_misread_characters(text) == fixed


@pytest.mark.parametrize("text", ["知己知彼", "从细节入手", "人手不够", "周末加班", "子曰学而时习之", "收入不错",
                                  "期末考试", "不得已", "深入了解", "而已"])
def test_characters_that_make_words_of_their_own_stay(text):
    assert repair_misread_characters(text) == text


def test_a_misread_character_is_repaired_in_the_cleaning_report():
    line = Line("s.txt", 1, "到期己经五天。", "到期己经五天。")
    apply_fix(line, repair_misread_characters.__name__, repair_misread_characters)
    assert line.text == "到期已经五天。"
    assert [(edit.rule, edit.before, edit.after) for edit in line.edits] == [
        ("repair_misread_characters", "己", "已")]
