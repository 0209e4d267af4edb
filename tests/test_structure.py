"""Structure of texts from anywhere: the numbering styles, questions and labels editors meet.

Each test is one promise about how a shape of text becomes articles, tips (headings) and body.
"""

from zhkb.clean import replay_backwards
from zhkb.model import Edit, Line
from zhkb.split import split_source, title_split


def split(text: str, answer_after: int | None = None):
    lines = [Line("s.txt", n, t, t) for n, t in enumerate(text.split("\n"), 1)]
    if answer_after:  # the cleaner removed a Q&A site's answer label there
        label = lines[answer_after - 1]
        label.edits.append(Edit("qa.answer-label", "s.txt", answer_after, 0, label.text, ""))
        label.text, label.starts_answer = "", True
    notices = []
    articles = split_source(lines, notices)
    for line in lines:
        assert replay_backwards(line.text, line.edits) == line.original
    return articles, notices


def headings(article):
    return [(t.title, t.level) for t in article.tips]


def test_steps_are_points():
    articles, _ = split("电话销售的步骤\n第一步：准备。先看客户资料。\n第二步：开场。说明来意。\n第三步：提问。多问少说。")
    assert headings(articles[0]) == [("准备", 1), ("开场", 1), ("提问", 1)]


def test_ascii_numbers_with_a_full_stop_or_a_bracket_are_points():
    articles, _ = split("标题\n1. 先认同。客户说贵的时候先别反驳。\n2. 再比较。把差价拆开讲。\n3. 最后给选择。让客户二选一。")
    assert [t for t, _ in headings(articles[0])] == ["先认同", "再比较", "最后给选择"]
    articles, _ = split("标题\n1) 记名字。见面叫得出名字。\n2) 记喜好。下次推荐更准。")
    assert [t for t, _ in headings(articles[0])] == ["记名字", "记喜好"]


def test_a_decimal_number_is_not_a_point():
    articles, _ = split("标题\n1.5 倍的价格差，客户一定会问。\n正文。")
    assert articles[0].tips == []


def test_circled_numbers_are_points():
    articles, _ = split("标题\n导语。\n① 先翻聊天记录\n正文一。\n② 别一上来就发活动\n正文二。")
    assert headings(articles[0]) == [("先翻聊天记录", 1), ("别一上来就发活动", 1)]


def test_bullets_are_points_on_their_own_and_list_items_under_a_heading():
    articles, _ = split("标题\n• 多听：客户说完再开口。\n• 少承诺：做不到的别答应。")
    assert [t for t, _ in headings(articles[0])] == ["多听", "少承诺"]
    articles, _ = split("标题\n一、准备\n要带的东西：\n• 名片\n• 样品册\n二、拜访\n正文。")
    assert headings(articles[0]) == [("准备", 1), ("拜访", 1)]
    assert articles[0].tips[0].blocks[-1].kind == "bullets"
    assert articles[0].tips[0].blocks[-1].lines == ["名片", "样品册"]


def test_sequence_words_are_points_when_they_run():
    articles, _ = split("标题\n首先，了解需求。问清楚用途。\n其次，介绍产品。只讲相关的。\n最后，促成交易。给出选择。")
    assert [t for t, _ in headings(articles[0])] == ["了解需求", "介绍产品", "促成交易"]


def test_numbering_stripped_to_brackets_is_a_numbered_run():
    text = "标题\n常见拒绝及应对\n()“我现在很忙”\n先道歉，再约时间。\n()“发个资料吧”\n先问清楚关心什么。\n（）“已经有供应商了”\n别贬低对方。"
    articles, _ = split(text)
    assert headings(articles[0]) == [("常见拒绝及应对", 1), ("“我现在很忙”", 2), ("“发个资料吧”", 2),
                                     ("“已经有供应商了”", 2)]


def test_a_lone_pair_of_brackets_is_not_a_point():
    articles, _ = split("标题\n（）里面什么也没写，这是一句普通的话。\n正文。")
    assert articles[0].tips == []


def test_named_ordinals_are_points_and_labels_stay_in_the_body():
    text = ("标题\n情景一：客户说太贵\n错误应对：“一分钱一分货。”\n正确应对：“您觉得哪里贵？”\n点评：先问清楚。\n"
            "情景二：客户说再转转\n错误应对：直接放走。\n点评：留下联系方式。")
    articles, _ = split(text)
    assert headings(articles[0]) == [("客户说太贵", 1), ("客户说再转转", 1)]
    blocks = articles[0].tips[0].blocks
    assert [(b.label, b.lines[0]) for b in blocks] == [("错误应对", "“一分钱一分货。”"), ("正确应对", "“您觉得哪里贵？”"),
                                                     ("点评", "先问清楚。")]


def test_a_sentence_with_a_colon_is_not_a_label():
    articles, _ = split("标题\n可以这样接：“好的，我先确认一下。”")
    assert articles[0].lead[0].label == "" and articles[0].lead[0].lines[0].startswith("可以这样接")


def test_three_levels_of_numbering_give_two_levels_of_headings():
    text = "标题\n一、谈判前\n1、摸清决策链\n（1）使用者：关心好不好用，能不能省事。\n（2）决策者：关心投入产出，最后才露面。\n2、定好价格\n正文。"
    articles, _ = split(text)
    assert headings(articles[0]) == [("谈判前", 1), ("摸清决策链", 2), ("定好价格", 2)]
    assert articles[0].tips[1].blocks[0].kind == "ordered"


def test_sections_numbered_on_their_own_line_become_points():
    articles, _ = split("标题\n导语。\n01\n记住客户的名字\n正文一。\n02\n回访别只发广告\n正文二。")
    assert headings(articles[0]) == [("记住客户的名字", 1), ("回访别只发广告", 1)]


def test_question_and_answer_pairs_are_articles():
    text = "问：客户嫌贵怎么办？\n答：先别急着降价，问清楚和什么比。\nQ：客户不回消息怎么办？\nA：隔两天换个话题再问候。"
    articles, _ = split(text)
    assert [a.title for a in articles] == ["客户嫌贵怎么办？", "客户不回消息怎么办？"]
    assert articles[0].lead[0].lines == ["先别急着降价，问清楚和什么比。"]


def test_question_lines_start_articles_on_pages_of_questions():
    # two Q&A pages saved in one file: the second question comes with its page's furniture (removed)
    answer = "这里是一段足够长的回答正文，讲具体该怎么做，先做什么，后做什么，为什么这样做效果更好。"
    articles, _ = split(f"客户嫌贵怎么回？\n{answer}\n相关问题\n客户不回微信怎么办？\n{answer}", answer_after=3)
    assert [a.title for a in articles] == ["客户嫌贵怎么回？", "客户不回微信怎么办？"]


def test_question_lines_inside_an_answer_are_its_points():
    answer = "这里是一段足够长的回答正文，讲具体该怎么做，先做什么，后做什么，为什么这样做效果更好。"
    articles, _ = split(f"怎么让老客户帮你转介绍？\n{answer}\n什么时候开口最合适？\n{answer}\n话该怎么说？\n{answer}")
    assert [a.title for a in articles] == ["怎么让老客户帮你转介绍？"]
    assert [t for t, _ in headings(articles[0])] == ["什么时候开口最合适？", "话该怎么说？"]


def test_reader_letters_under_a_column_title_are_questions_of_their_own():
    text = ("创业小课堂：读者来信\n"
            "问：我开了一家面馆，中午客人总嫌上菜慢。该加人手吗？\n答：先理顺流程，再考虑加人。\n"
            "问：熟客总要赊账，数目越积越多。怎么拒绝才不伤和气？\n答：定一个统一的规矩，贴在收银台。")
    articles, _ = split(text)
    assert len(articles) == 2 and articles[0].title.startswith("我开了一家面馆")
    short = "门店回访五问\n问：回访电话什么时候打？\n答：送货后三到七天。\n问：第一次回访问什么？\n答：先问安装和使用。"
    articles, _ = split(short)
    assert [a.title for a in articles] == ["门店回访五问"]
    assert [t for t, _ in headings(articles[0])] == ["回访电话什么时候打？", "第一次回访问什么？"]


def test_a_question_inside_an_answer_with_markers_is_text():
    articles, _ = split("『壹』 问题\n为什么客户会犹豫？\n因为他还没看到价值。")
    assert len(articles) == 1


def test_the_askers_details_before_the_answer_are_quoted():
    articles, _ = split("客户嫌贵怎么回？\n我卖床垫，客户一问价就走。\n最佳答案\n先让客户躺上去试试。", answer_after=3)
    assert [(b.kind, b.lines[0]) for b in articles[0].lead] == [
        ("question", "我卖床垫，客户一问价就走。"), ("paragraph", "先让客户躺上去试试。")]


def test_a_heading_is_never_a_fragment_cut_from_its_sentence():
    # a clause that needs the rest of its sentence is not cut off it
    text = "如果客户一直说贵，就先别报折扣，问问他在和谁比较。"
    assert title_split(text) == (len(text) - 1, len(text))  # the whole sentence, not 如果客户一直说贵
    # a clause that stands on its own is a heading
    end, _ = title_split("要熟悉自己的产品，客户问到的参数都要答得上来。")
    assert ("要熟悉自己的产品，客户问到的参数都要答得上来。")[:end] == "要熟悉自己的产品"
    # never inside quotes
    end, _ = title_split("客户说“我再转转，回头再来”")
    assert end == len("客户说“我再转转，回头再来”")


def test_a_long_first_line_is_not_a_title():
    long = "做了十年门店，我发现客户说贵的时候，其实多半不是真的嫌贵，而是还没有看到值这个价的理由，所以先别降价，先讲价值。"
    articles, notices = split(f"{long}\n正文。")
    assert len(articles[0].title) <= 40
    assert articles[0].lead[0].lines == [long]  # nothing lost: the whole line opens the text
    assert any(n.review and "shortened" in n.message for n in notices)


def test_sharing_decorations_leave_the_title():
    articles, _ = split("门店导购话术大全（精品）.pptx\n正文。")
    assert articles[0].title == "门店导购话术大全"
    articles, _ = split("大客户谈判技巧（附培训大纲）\n正文。")
    assert articles[0].title == "大客户谈判技巧"


def test_a_truncated_last_answer_is_marked_and_a_cut_paragraph_is_listed():
    articles, notices = split("标题\n这一段话在中间没有句号就结束了，像是被截断的样子\n后面还有正常的一段话。\n最后一段话说到一半就没有了，因为谁也不想让")
    assert articles[0].incomplete
    assert any(n.review and n.line == 2 for n in notices)


def test_question_lines_under_a_title_that_is_not_a_question_are_its_points():
    answer = "这里是回答，讲清楚先做什么、后做什么。"
    text = f"售后客服常用话术\n顾客一开口就发火，怎么接？\n{answer}\n顾客说“你们骗人，怎么还不退款？”\n{answer}"
    articles, _ = split(text)
    assert len(articles) == 1
    assert [t for t, _ in headings(articles[0])] == ["顾客一开口就发火，怎么接？", "顾客说“你们骗人，怎么还不退款？”"]


def test_an_answer_marker_on_its_own_line_ends_the_askers_details():
    articles, _ = split("问：客户说已经买过保险了，怎么接？\n我刚入行，经常遇到这种情况。\n答：\n先肯定他的保险意识，再问他买了哪几类。")
    lead = articles[0].lead
    assert [(b.kind, b.lines[0]) for b in lead] == [("question", "我刚入行，经常遇到这种情况。"),
                                                   ("paragraph", "先肯定他的保险意识，再问他买了哪几类。")]


def test_examples_numbered_in_another_style_stay_in_their_point():
    text = ("标题\n（）用商品开口\n不如直接从商品说起：\n①“这件是新到的。”\n②“这个颜色卖得最好。”\n"
            "（）别追着顾客\n保持两三米的距离。")
    articles, _ = split(text)
    assert [t for t, _ in headings(articles[0])] == ["用商品开口", "别追着顾客"]
    assert articles[0].tips[0].blocks[-1].kind == "ordered"


def test_hard_wrapped_lines_of_a_pdf_are_one_paragraph_again():
    text = ("标题\n大客户的一次拜访，往往要提前两三周才约得到，见面的时间通常\n只有三四十分钟。准备得好不好，决定了这三四十分钟是在交流，还\n"
            "是在尬聊。出发之前至少要弄清楚下面三件事，每一件都要写下来\n带到现场。")
    articles, _ = split(text)
    assert [b.lines for b in articles[0].lead] == [[
        "大客户的一次拜访，往往要提前两三周才约得到，见面的时间通常只有三四十分钟。准备得好不好，决定了这三四十分钟是在交流，"
        "还是在尬聊。出发之前至少要弄清楚下面三件事，每一件都要写下来带到现场。"]]


def test_a_labelled_paragraph_wrapped_by_a_pdf_is_joined_too():
    text = ("标题\n大客户的一次拜访，往往要提前两三周才约得到，见面的时间通常\n只有三四十分钟，准备得好不好很关键。\n"
            "出发之前至少要弄清楚下面三件事，每一件都要写下来带到\n现场，别靠记忆。\n"
            "小结：拜访的成败在出发前就决定了一大半，准备越细，现场越\n从容。")
    articles, _ = split(text)
    last = articles[0].lead[-1]
    assert last.label == "小结" and last.lines == ["拜访的成败在出发前就决定了一大半，准备越细，现场越从容。"]


def test_lines_that_end_their_sentences_are_not_joined():
    text = "标题\n第一段话说完了一件事情，句子在这里结束。\n第二段话也说完了一件事情，句子也结束了。\n第三段话同样完整，没有断开。"
    articles, _ = split(text)
    assert len(articles[0].lead) == 3


def test_parenthesised_numbers_under_a_point_are_its_list_but_stripped_numbering_is_the_texts_own():
    articles, _ = split("标题\n一、收款前\n（1）核对金额。先看发票。\n（2）确认联系人。问清楚谁付款。\n二、收款后\n正文。")
    assert headings(articles[0]) == [("收款前", 1), ("收款后", 1)]
    articles, _ = split("标题\n一、回访\n（）选好时间\n正文一。\n（）问对问题\n正文二。\n二、记录\n正文三。")
    assert headings(articles[0]) == [("回访", 1), ("选好时间", 2), ("问对问题", 2), ("记录", 1)]


def test_the_pairs_of_a_page_are_of_one_kind():
    # A company page's FAQ: some questions ask twice (怎么收？可以吗？), none tells a story: all are points.
    faq = ("维修接待常见问题\n问：上门费怎么收？能给现金吗？\n答：统一扫码付款。\n"
           "问：客户要当天上门怎么办？\n答：给他两个时段挑。\n问：修好以后做什么？\n答：两天内回访。")
    articles, _ = split(faq)
    assert [a.title for a in articles] == ["维修接待常见问题"]
    assert [t for t, _ in headings(articles[0])] == ["上门费怎么收？", "客户要当天上门怎么办？", "修好以后做什么？"]


def test_step_numbers_in_english_are_points():
    articles, _ = split("给老客户调价\nStep 1 先打个招呼\n别让通知成为他听到的第一个消息。\nStep 2 把成本摊开\n带一张对比表。")
    assert headings(articles[0]) == [("先打个招呼", 1), ("把成本摊开", 1)]


def test_closing_words_after_the_last_point_are_not_a_point():
    text = ("比价的顾客怎么接\n第一招：先认同他。\n别急着解释。\n第二招：对清型号。\n一条一条对。\n"
            "最后说一句，顾客比价不是跟你过不去。")
    articles, _ = split(text)
    assert [t for t, _ in headings(articles[0])] == ["先认同他", "对清型号"]
    # 最后 as the last of a run of 首先 … 其次 … stays a point.
    articles, _ = split("开场三步\n首先，问候客户。\n先说名字。\n其次，说明来意。\n讲清目的。\n最后，约下次时间。\n定个日子。")
    assert [t for t, _ in headings(articles[0])] == ["问候客户", "说明来意", "约下次时间"]


def test_a_post_that_starts_with_its_title_in_brackets_is_titled_by_it():
    line = "【电话开场的前十秒说什么】做了八年电销，带过三百多个新人，发现大家最容易栽在开头那十秒，今天一次讲透。"
    articles, _ = split(f"{line}\n正文。")
    assert articles[0].title == "电话开场的前十秒说什么"
    assert articles[0].lead[0].lines == [line]  # nothing lost


def test_a_browsers_title_loses_its_site_and_column():
    articles, _ = split("顾客比价说网上便宜怎么接？_家电导购吧_某某论坛\n正文。")
    assert articles[0].title == "顾客比价说网上便宜怎么接？"
