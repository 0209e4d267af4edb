"""zhkb's default boilerplate knowledge: every rule drops what it is for and keeps real text.

Each default rule carries its own examples (lines it must drop) and keeps (real sentences that look
like boilerplate and must survive), written for zhkb in the styles of many sites. The keeps are run
through every default rule and detector, not only their own.
"""

from pathlib import Path

import pytest

from zhkb.boilerplate import DETECTORS, _drop_button_row, apply_line_rules, remove_boilerplate
from zhkb.clean import clean_lines, source_lines
from zhkb.curation import Curation, load_curation, load_default_rules, load_line_rules
from zhkb.errors import InputError
from zhkb.model import Line, Source

ROOT = Path(__file__).resolve().parent.parent
RULES = load_default_rules()
CLASSES = ("docshare.", "qa.", "social.", "page.", "damage.")
#: real text around a line, so that detectors see an ordinary source
BEFORE = "这是一段正常的正文，讲怎样跟客户沟通，用来提供上下文。"
AFTER = "另一段正常的正文，讲售后回访的做法，同样用来提供上下文。"


def lines_of(*texts: str) -> list[Line]:
    return [Line("s.txt", n, t, t) for n, t in enumerate(texts, 1)]


def dropped_by(line: Line) -> str:
    removals = [e.rule for e in line.edits if e.is_removal]
    return removals[-1] if removals and not line.text.strip() else ""


def test_every_default_rule_names_its_class_and_has_examples_and_keeps():
    assert len(RULES) >= 25
    for rule in RULES:
        assert rule.name.startswith(CLASSES), rule.name
        assert rule.examples, f"{rule.name} has no example of what it drops"
        assert rule.keeps, f"{rule.name} has no real sentence it must keep"
        assert rule.why


@pytest.mark.parametrize("rule, example", [(r, e) for r in RULES for e in r.examples],
                         ids=lambda x: x.name if hasattr(x, "name") else x[:12])
def test_rule_drops_its_examples(rule, example):
    lines = lines_of(BEFORE, example, AFTER)
    apply_line_rules(lines, [rule])
    if rule.scope == "match":
        assert lines[1].edits and lines[1].edits[0].rule == rule.name
        assert not rule.pattern.search(lines[1].text)
    else:
        assert dropped_by(lines[1]) == rule.name
    assert lines[0].text == BEFORE


@pytest.mark.parametrize("keep", [k for r in RULES for k in r.keeps], ids=lambda k: k[:12])
def test_real_sentences_survive_every_default_rule_and_detector(keep):
    lines = lines_of("一个问题的标题", BEFORE, keep, AFTER)
    remove_boilerplate(lines, RULES)
    assert lines[2].text == keep, [e.rule for e in lines[2].edits]


def test_each_class_has_rules():
    for prefix in CLASSES:
        assert any(r.name.startswith(prefix) for r in RULES), prefix


def test_block_rule_takes_the_list_under_its_heading_and_stops_at_text():
    lines = lines_of(BEFORE, "其他类似问题", "2021-03-04 客户砍价怎么办 8", "怎样回复客户的差评 3",
                     "真正的答案往往在客户的下一句话里，要耐心听完。")
    apply_line_rules(lines, RULES)
    assert [dropped_by(line) for line in lines] == ["", "qa.similar-questions", "qa.dated-question-link",
                                                   "qa.similar-questions", ""]


def test_tail_rule_takes_the_footer_after_an_end_marker():
    lines = lines_of(BEFORE, "—END—", "本号文章均为原创", "小编：阿明", "喜欢请点一个赞")
    apply_line_rules(lines, RULES)
    assert [bool(line.text) for line in lines] == [True, False, False, False, False]
    assert {dropped_by(line) for line in lines[1:]} == {"social.end-marker"}


def test_a_long_paragraph_after_an_end_marker_is_text_again():
    long = "回到正题，第二个问题是怎样在电话里约到客户，答案比很多人想的要简单：先说清楚你能帮他省什么，再问他什么时候方便。"
    lines = lines_of(BEFORE, "（完）", long)
    apply_line_rules(lines, RULES)
    assert lines[2].text == long


def test_match_scope_keeps_the_rest_of_the_line():
    lines = lines_of("门店陈列要让顾客一眼看到新品（图片来自网络，侵删）")
    apply_line_rules(lines, RULES)
    assert lines[0].text == "门店陈列要让顾客一眼看到新品"


def test_an_answer_label_marks_where_the_answer_starts():
    lines = lines_of("客户嫌贵怎么办？", "我卖家具，客户总说贵。", "满意回答", "先别急着降价。")
    apply_line_rules(lines, RULES)
    assert lines[2].starts_answer and not lines[1].starts_answer


# --------------------------------------------------------------------------
# detectors: boilerplate that shows only against the rest of the source


def run(name: str, *texts: str) -> list[Line]:
    lines = lines_of(*texts)
    DETECTORS[name](lines)
    return lines


def test_a_title_printed_twice_keeps_one():
    lines = run("duplicate.repeated-line", "老客户不回微信怎么办", "老客户不回微信怎么办", "正文。")
    assert [line.text for line in lines] == ["老客户不回微信怎么办", "", "正文。"]
    assert dropped_by(lines[1]) == "duplicate.repeated-line"


def test_a_title_doubled_on_its_line_keeps_one():
    lines = run("duplicate.repeated-line", "如何考核销售队伍 如何考核销售队伍", "正文。")
    assert lines[0].text == "如何考核销售队伍"


def test_short_repeated_replies_are_not_titles():
    lines = run("duplicate.repeated-line", "问题", "好的", "好的", "正文。")
    assert lines[2].text == "好的"


def test_a_title_glued_to_the_first_sentence_is_cut_off_it():
    lines = run("duplicate.glued-title", "门店如何留住回头客", "门店如何留住回头客做门店的都知道，老客户最值钱。")
    assert lines[1].text == "做门店的都知道，老客户最值钱。"


def test_a_longer_heading_that_starts_with_the_title_is_not_glued():
    lines = run("duplicate.glued-title", "公众号运营方案", "公众号运营方案范文第一篇")
    assert lines[1].text == "公众号运营方案范文第一篇"


def test_a_paragraph_given_again_later_goes_the_second_time():
    para = "私信是上门拜访，朋友圈是商店橱窗，两样都要做，但比例要对。"
    lines = run("duplicate.repeated-paragraph", "标题", para, "中间的一段话，和上面不一样，讲别的事情。", para)
    assert lines[1].text == para and lines[3].text == ""


def test_short_repeated_lines_are_not_paragraphs():
    lines = run("duplicate.repeated-paragraph", "标题", "“喂？”", "客户没有说话。", "“喂？”")
    assert lines[3].text == "“喂？”"


def test_an_outline_that_repeats_the_headings_goes():
    outline = "课程目录 一、开场的准备 1、了解客户 2、准备问题 二、提问的技巧 讲师简介：王老师"
    lines = run("duplicate.outline", "标题", outline, "一、开场的准备", "1、了解客户", "正文。", "2、准备问题", "正文。")
    assert lines[1].text == "" and dropped_by(lines[1]) == "duplicate.outline"


def test_a_sentence_with_inline_numbers_is_not_an_outline():
    text = "我们的流程是 1、报价 2、签约 3、交付，每一步都要客户确认。"
    lines = run("duplicate.outline", "标题", text, "后面的正文没有这些标题。")
    assert lines[1].text == text


def test_a_header_on_every_page_goes():
    lines = run("page.running-header", "标题", "销售培训内部资料 第1页", "正文一。", "销售培训内部资料 第2页", "正文二。",
                "销售培训内部资料 第3页", "正文三。")
    assert [line.text for line in lines[1::2]] == ["", "", ""]


def test_quiz_options_repeated_in_every_question_stay():
    lines = run("page.running-header", "标题", "A.正确", "B.错误", "题二", "A.正确", "B.错误", "题三", "A.正确")
    assert lines[1].text == "A.正确"


def test_a_bare_number_is_a_page_number_unless_the_numbers_number_sections():
    lines = run("page.page-number", "标题", "正文讲到一半", "27", "接着讲完。")
    assert lines[2].text == "" and dropped_by(lines[2]) == "page.page-number"
    sections = run("page.page-number", "标题", "01", "记住名字", "正文。", "02", "回访别只发广告", "正文。")
    assert sections[1].text == "01" and sections[4].text == "02"


def test_a_value_between_form_labels_goes_but_a_heading_between_captions_stays():
    lines = lines_of(BEFORE, "- 素材大小：", "- 126 KB", "- 素材授权：", AFTER)
    remove_boilerplate(lines, RULES)
    assert [line.text for line in lines[1:4]] == ["", "", ""]
    lines = lines_of(BEFORE, "培训课件_第3页", "常见拒绝及应对", "培训课件_第4页", AFTER)
    remove_boilerplate(lines, RULES)
    assert lines[2].text == "常见拒绝及应对"


def test_an_answerers_name_between_labels_goes():
    lines = lines_of("最佳答案", "卖床垫的老王", "2020-06-01 · TA获得超过900个赞", "先认同客户。")
    remove_boilerplate(lines, RULES)
    assert [line.text for line in lines] == ["", "", "", "先认同客户。"]
    assert dropped_by(lines[1]) == "page.framed-line"


# --------------------------------------------------------------------------
# the corpus's own curation: more rules, defaults switched off by name


def test_a_corpus_switches_a_default_off_by_name(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "cleaning.yml").write_text("switch_off:\n  - rule: page.page-number\n    why: our numbers are prices\n",
                                          encoding="utf-8")
    curation = load_curation(sources)
    assert curation.switched_off == {"page.page-number": "our numbers are prices"}
    lines = clean_lines(source_lines(Source("s.txt", f"标题\n{BEFORE}\n27\n{AFTER}", "utf-8")), curation)
    assert lines[2].text == "27"
    assert "page.page-number" not in {r.name for r in curation.defaults}


def test_switching_off_an_unknown_rule_names_the_file_and_line(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "cleaning.yml").write_text("switch_off:\n  - rule: page.no-such-rule\n    why: typo\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_curation(sources)
    assert "sources/cleaning.yml:2" in str(error.value) and "page.no-such-rule" in str(error.value)


def test_corpus_rules_run_after_the_defaults_and_are_reported_as_spam(tmp_path):
    path = tmp_path / "spam.yml"
    path.write_text("- name: shop-ad\n  pattern: '本店地址'\n  why: the shop's own advert\n", encoding="utf-8")
    spam = load_line_rules(path, "sources/spam.yml", label_prefix="spam.")
    curation = Curation(defaults=RULES, spam=spam, opencc_dir=ROOT / "sources" / "opencc")
    lines = clean_lines(source_lines(Source("s.txt", f"{BEFORE}\n本店地址：中山路 8 号\n阅读原文", "utf-8")), curation)
    assert dropped_by(lines[1]) == "spam.shop-ad" and dropped_by(lines[2]) == "social.read-original"


def test_a_block_rule_without_continues_is_an_input_error(tmp_path):
    path = tmp_path / "spam.yml"
    path.write_text("- name: x\n  pattern: 'y'\n  why: z\n  scope: block\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_line_rules(path, "sources/spam.yml")
    assert "sources/spam.yml:1" in str(error.value) and "continues" in str(error.value)


def test_section_numbers_before_headings_with_commas_are_not_page_numbers():
    lines = run("page.page-number", "标题", "01", "建群之前，先想好群是干什么的", "正文。", "02", "让顾客自愿进群，而不是硬拉", "正文。")
    assert lines[1].text == "01" and lines[4].text == "02"


def test_a_sites_name_and_menus_above_the_title_go_but_a_texts_own_short_title_stays():
    lines = lines_of("问答网 - 最大的中文问答平台", "首页 分类 任务 商城", "客户嫌贵的时候该怎么回答", BEFORE)
    remove_boilerplate(lines, RULES)
    assert [line.text for line in lines[:3]] == ["", "", "客户嫌贵的时候该怎么回答"]
    lines = lines_of("销售技巧", BEFORE, AFTER)
    remove_boilerplate(lines, RULES)
    assert lines[0].text == "销售技巧"


def test_the_footer_under_the_last_paragraph_goes_and_a_second_answer_stays():
    second = "补充一点：别一听到贵就马上问预算，问得太早客户会觉得你在摸他的底，先让他试用再谈。"
    lines = lines_of("标题", BEFORE, "已赞过", second, "评论 分享", "相关推荐文章一篇", "另一篇推荐的标题")
    remove_boilerplate(lines, RULES)
    assert lines[3].text == second
    assert [line.text for line in lines[4:]] == ["", "", ""]


def test_the_footer_is_found_in_text_written_with_ascii_punctuation():
    lines = lines_of("标题", "关注", "干了5年售后,这种单子几乎天天有.我的做法分4步,你可以参考:", "1）先问清楚,不要先下结论",
                     "第一句话别说我们的东西不可能有问题,先请买家拍个照片给你看看.", "2）把证据留全",
                     "去后台下载订单的物流记录,把聊天截图都存好.万一平台介入,这些就是你的底气.", "分享", "相关推荐文章")
    remove_boilerplate(lines, RULES)
    assert lines[3].text == "1）先问清楚,不要先下结论" and lines[5].text == "2）把证据留全"
    assert lines[8].text == ""


def test_a_spaced_out_title_above_the_text_is_its_title_with_spaces_closed():
    lines = lines_of("某某公司培训手册 第1页", "门 店 接 待 六 步 法", "第一步：先打招呼。", "备 注 说 明 四 项")
    apply_line_rules(lines, RULES)
    lines[0].text = ""  # as if a header detector had removed it
    DETECTORS["page.spaced-title"](lines)
    assert lines[1].text == "门店接待六步法"
    assert {edit.rule for edit in lines[1].edits} == {"page.spaced-title"}
    assert lines[3].text == "" and dropped_by(lines[3]) == "page.spaced-characters"  # below the text: residue


def test_spaced_characters_below_kept_text_stay_dropped():
    lines = lines_of("客户来电的处理", "电 话 销 售 流 程", "正文。")
    apply_line_rules(lines, RULES)
    DETECTORS["page.spaced-title"](lines)
    assert lines[1].text == "" and dropped_by(lines[1]) == "page.spaced-characters"


# --------------------------------------------------------------------------
# the seventh held-out set's mechanisms (forums, microblogs, groups, company sites, wrapped PDFs)


def test_a_browsers_title_goes_when_the_title_itself_comes_again_below():
    lines = lines_of("门店来了砍价的老客户怎么办_门店经营吧_某某论坛", "首页 消息 设置 登录", "门店经营吧",
                     "门店来了砍价的老客户怎么办", BEFORE, AFTER)
    remove_boilerplate(lines, RULES)
    assert [line.text for line in lines[:4]] == ["", "", "", "门店来了砍价的老客户怎么办"]
    assert dropped_by(lines[0]) == "page.browser-title"
    # Without the title again below, the first line stays (its title is cleaned when the article is made).
    lines = lines_of("门店来了砍价的老客户怎么办_某某论坛", BEFORE, AFTER)
    remove_boilerplate(lines, RULES)
    assert lines[0].text == "门店来了砍价的老客户怎么办_某某论坛"


def test_a_row_of_buttons_goes_when_most_of_them_are_known():
    lines = lines_of("标题是这样写的一句话", "只看作者 收藏 回复", BEFORE, "倒序看 点赞 举报", AFTER)
    remove_boilerplate(lines, RULES)
    assert lines[1].text == "" and dropped_by(lines[1]) == "page.widgets"
    assert lines[3].text == ""
    # A row is buttons when two in three of its words are: one known word among qualities is not enough.
    assert _drop_button_row(lines_of("真诚 耐心 细心 回复")[0], RULES) is None
    assert _drop_button_row(lines_of("只看作者 收藏 回复")[0], RULES) is not None


def test_a_sites_name_above_its_menu_is_not_the_title():
    lines = lines_of("某某家电服务中心", "≡ 菜单", "首页 | 产品中心 | 服务网点 | 会员中心",
                     "接待员必读：上门维修最常见的五个问题", BEFORE, AFTER)
    remove_boilerplate(lines, RULES)
    assert [line.text for line in lines[:3]] == ["", "", ""]
    assert lines[3].text == "接待员必读：上门维修最常见的五个问题"
    # A text's own short title above a chapter line stays: no menu follows it.
    lines = lines_of("门店接待手册", "第一章", "第一节 开场白的五种说法", BEFORE, AFTER)
    remove_boilerplate(lines, RULES)
    assert lines[0].text == "门店接待手册"


def test_a_groups_name_above_a_title_with_its_byline_is_not_the_title():
    lines = lines_of("某站", "登录/注册", "门店店长交流组", "给老客户发调价通知，我是怎么谈成的",
                     "来自: 小周(做文具批发第五年)", "2023-05-02 21:10:05 浙江", BEFORE, AFTER)
    remove_boilerplate(lines, RULES)
    assert [line.text for line in lines[:3]] == ["", "", ""]
    assert lines[3].text == "给老客户发调价通知，我是怎么谈成的"


def test_a_name_and_level_badge_above_a_post_go():
    lines = lines_of("客户嫌贵该怎么接话才好呢", "收藏 回复 只看楼主", "卖灯具的老陈", "9 资深导购", BEFORE, AFTER)
    remove_boilerplate(lines, RULES)
    assert [line.text for line in lines[1:4]] == ["", "", ""]
    assert dropped_by(lines[2]) == dropped_by(lines[3]) == "page.framed-line"
    # A chapter and a numbered section under a page header stay: no boilerplate of a site above them.
    lines = lines_of(BEFORE, "第二章 客户开发", "1 开场白", AFTER)
    remove_boilerplate(lines, RULES)
    assert lines[1].text == "第二章 客户开发" and lines[2].text == "1 开场白"


def test_a_preview_cut_before_its_read_more_link_goes_when_the_whole_paragraph_follows():
    whole = "很多人一接通电话就先报公司全称，对方马上就知道是推销。问题在于开口的方式。"
    lines = lines_of("标题", "很多人一接通电话就先报公司全称，对方马上就知道... 展开全文c", whole, AFTER)
    remove_boilerplate(lines, RULES)
    assert lines[1].text == "" and dropped_by(lines[1]) == "duplicate.preview"
    assert lines[2].text == whole
    # A paragraph that ends with …… and a word, with nothing like it below, stays.
    alone = "客户说再看看……全文"
    lines = lines_of("标题", BEFORE, alone, AFTER)
    remove_boilerplate(lines, RULES)
    assert lines[2].text == alone


def test_the_footer_takes_link_rows_and_readers_comments_whatever_their_length():
    comment = "小林同学:第三条我们组也在用，真的有效，尤其是每天听自己打得最差的那一通录音"
    links = "网站意见反馈通道 违规内容举报入口 不良信息处理公示栏"
    text = BEFORE + AFTER  # the text's last paragraph
    lines = lines_of("标题", text, "转发 32", comment, links, "老周 作者 :回复@小林同学:听失败的那通收获最大")
    remove_boilerplate(lines, RULES)
    assert [line.text for line in lines[2:]] == ["", "", "", ""]
    # A second answer there is text: it has sentences.
    second = "补充一点：别一听到贵就马上问预算，问得太早客户会觉得你在摸他的底，先让他试用再谈。"
    lines = lines_of("标题", text, "转发 32", second)
    remove_boilerplate(lines, RULES)
    assert lines[3].text == second


def test_the_footer_is_found_under_a_hard_wrapped_pdf_text():
    lines = lines_of("标题", "遇到客户抱怨，要当成头等大事来办，哪怕问题不", "大，也要在一周内给出结果。",
                     "全文预览结束", "相关资源　更多", "客户回访记录表.xls", "续约谈判话术汇编.pdf")
    remove_boilerplate(lines, RULES)
    assert lines[2].text == "大，也要在一周内给出结果。"
    assert [line.text for line in lines[3:]] == ["", "", "", ""]


# --------------------------------------------------------------------------
# the eighth held-out set's mechanisms (blogs with sidebars, newsletters, comments between answers, scans)


def test_a_blogs_sidebar_between_the_browsers_title_and_the_post_goes():
    sidebar = ["个人资料", "某某的博客", "博客等级：", "相关博文", "采购说别家便宜，该怎么接？", "谁看过这篇博文", "11月27日"]
    lines = lines_of("跟采购谈年度合同的五条要诀_某某的博客_某博客网", *sidebar,
                     "[转载]跟采购谈年度合同的五条要诀 (2019-11-26 09:14:52)", BEFORE + AFTER)
    remove_boilerplate(lines, RULES)
    assert [line.text for line in lines[:len(sidebar) + 1]] == [""] * (len(sidebar) + 1)
    assert lines[len(sidebar) + 1].text.startswith("[转载]跟采购谈年度合同")
    # A paragraph before the title comes again: the text had begun, nothing between goes.
    lines = lines_of("跟采购谈年度合同的五条要诀_某博客网", BEFORE + AFTER, "个人资料", "跟采购谈年度合同的五条要诀")
    remove_boilerplate(lines, RULES)
    assert lines[2].text == "个人资料"


def test_readers_comments_under_a_comments_control_go_but_a_second_answer_stays():
    second = "补充一句：顾客说再看看的时候，千万别马上降价挽留。"
    lines = lines_of("标题", BEFORE, "评论(3) 有用(126) 没用(4) 举报", "收起评论", "网友a8k2：第三条说得对，我们店也是这样",
                     "海边的鱼：学到了", "其他回答", second, "回答者：小吴 | 2023-07-12 20:33")
    remove_boilerplate(lines, RULES)
    assert lines[4].text == lines[5].text == ""
    assert dropped_by(lines[4]) == "page.comments"
    assert lines[7].text == second
    # Two sentences after the colon are an answer, not a remark.
    lines = lines_of("标题", BEFORE, "收起评论", "老林：先让客户说完。再说我们能做什么。")
    remove_boilerplate(lines, RULES)
    assert lines[3].text == "老林：先让客户说完。再说我们能做什么。"


def test_a_hyphen_a_line_break_put_inside_a_word_goes():
    lines = run("page.line-break-hyphen", "每月月底前把对账-", "单寄给客户，", "B2B-", "销售")
    assert lines[0].text == "每月月底前把对账" and dropped_by(lines[0]) == ""
    assert lines[2].text == "B2B-"  # after a Latin letter: not a Chinese word cut in two


def test_a_row_of_buttons_with_their_counts_goes():
    row = "阅读(1,208) ┊ 评论 (6) ┊ 收藏(0) ┊转载原文 ┊ 喜欢▼ ┊打印┊举报"
    lines = lines_of("标题", BEFORE, row, AFTER)
    remove_boilerplate(lines, RULES)
    assert lines[2].text == "" and dropped_by(lines[2]) == "page.widgets"
    # A sentence with a count in it is not a row.
    sentence = "阅读(1,208) 次的文章，评论区的问题要当天回"
    assert _drop_button_row(lines_of(sentence)[0], RULES) is None


def test_a_table_of_contents_takes_its_bulleted_entries_with_commas():
    lines = lines_of("标题", "本期导读", "· 会员悄悄流失前的四个信号", "· 读者问答：顾客当众指责店员，店长怎么接？",
                     "· 五月线下公开课报名开启", BEFORE + AFTER)
    remove_boilerplate(lines, RULES)
    assert [line.text for line in lines[1:5]] == ["", "", "", ""]
    assert lines[5].text == BEFORE + AFTER


def test_a_page_caption_between_the_pages_of_a_scan_does_not_start_the_footer():
    lines = lines_of("标题", "对方答应付款以后，一定要问清楚具体是哪一天、", "付多少，挂了电话再发条消息确认。切忌当着客户员工的",
                     "第4页 / 共24页", "面催款，让对方下不来台。", "逾期以后要分级处理，每一次升级都要",
                     "提前告知客户，让他明白公司是按规矩办事，同时", "全文预览结束", "某某文库 客服中心")
    remove_boilerplate(lines, RULES)
    assert lines[3].text == "" and dropped_by(lines[3]) == "docshare.page-caption"
    assert lines[4].text == "面催款，让对方下不来台。"
    assert lines[6].text == "提前告知客户，让他明白公司是按规矩办事，同时"  # cut off by the paywall
    assert [line.text for line in lines[7:]] == ["", ""]
