from zhkb.clean import replay_backwards
from zhkb.model import Line
from zhkb.split import split_source, title_split


def lines_of(text: str, section_after: set[int] = frozenset()) -> list[Line]:
    lines = []
    for n, t in enumerate(text.split("\n"), 1):
        line = Line("s.txt", n, t, t)
        line.starts_section = n in section_after
        lines.append(line)
    return lines


def split(text: str, **kw):
    notices = []
    lines = lines_of(text, **kw)
    articles = split_source(lines, notices)
    for line in lines:
        assert replay_backwards(line.text, line.edits) == line.original
    return articles, notices


def test_question_markers_start_articles_and_points_become_tips():
    articles, notices = split("『壹』 问题一\n导语。\n一、说话要真诚。只有真诚的人才能赢得信任。\n二、给理由。正文\n『贰』 问题二\n正文")
    assert [a.title for a in articles] == ["问题一", "问题二"]
    assert [b.lines[0] for b in articles[0].lead] == ["导语。"]
    tips = articles[0].tips
    assert [(t.title, t.level) for t in tips] == [("说话要真诚", 1), ("给理由", 1)]
    assert tips[0].blocks[0].lines == ["只有真诚的人才能赢得信任。"]
    assert notices == []


def test_nesting_follows_numbering_styles():
    text = "『壹』 问\n一、销售准备\n销售准备包含以下内容：\n1、心态的准备\n正文一\n2、仪表的准备\n正文二\n二、结交客户\n正文三"
    articles, _ = split(text)
    assert [(t.title, t.level) for t in articles[0].tips] == [
        ("销售准备", 1), ("心态的准备", 2), ("仪表的准备", 2), ("结交客户", 1)]


def test_short_runs_without_text_are_checklists():
    text = "『壹』 问\n1、要懂得产品\n须了解以下内容：\n1、核心业务是什么？\n2、竞争力是什么？\n3、客户是谁？\n了解了以上内容，思路才会清晰。"
    articles, _ = split(text)
    tip = articles[0].tips[0]
    assert [b.kind for b in tip.blocks] == ["paragraph", "ordered", "paragraph"]
    assert tip.blocks[1].lines == ["核心业务是什么？", "竞争力是什么？", "客户是谁？"]


def test_short_lines_become_bullets_and_sections_open_headings():
    text = "『壹』 问\n1、行为方式\n商务化的穿着\n商务化的举止\n【专家点拨】\n首先，细分。正文\n最后，服务。正文\n\n第二个来源\n1、品牌卖点\n正文"
    articles, _ = split(text, section_after={8})
    tips = articles[0].tips
    assert tips[0].blocks[0].kind == "bullets"
    assert [(t.title, t.level) for t in tips] == [
        ("行为方式", 1), ("专家点拨", 1), ("细分", 2), ("服务", 2), ("第二个来源", 1), ("品牌卖点", 2)]


def test_lone_sequence_word_is_prose_not_a_tip():
    articles, _ = split("『壹』 问\n首先要了解顾客的需求。其他内容")
    assert articles[0].tips == []


def test_truncated_answer_is_marked_incomplete():
    articles, _ = split("『壹』 问\n话题要自然、轻松，通过赞美对方的朋友圈内容拉近距离，通过赞")
    assert articles[0].incomplete
    assert articles[0].lead[-1].kind == "incomplete"
    complete, _ = split("『壹』 问\n话题要自然、轻松，通过赞美对方的朋友圈内容拉近距离。")
    assert not complete[0].incomplete


def test_text_without_markers_is_one_article_with_a_notice():
    articles, notices = split("第一行当标题\n正文。")
    assert [a.title for a in articles] == ["第一行当标题"]
    assert notices and "no question markers" in notices[0].message


def test_title_split_prefers_close_sentence_end_then_comma():
    assert title_split("说话要真诚。只有真诚") == (5, 6)
    assert title_split("公司的核心业务是什么？") == (11, 11)
    text = "要极度热爱自己的产品，对产品不热爱的业务人员永远做不好业务；"
    assert title_split(text) == (10, 11)
    assert title_split("没有标点的短标题") == (8, 8)
