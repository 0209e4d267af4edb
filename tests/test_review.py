"""What an editor still has to decide: the review queue, --strict, and tag suggestions."""

import subprocess
import sys

from zhkb.ingest import ingest
from zhkb.suggest import slug_for

SEED = "000_ba3bf6fb9d9c93a8.txt"


def use_source(project, text: str) -> None:
    for old in (project / "sources" / "texts").iterdir():
        old.unlink()
    (project / "sources" / "texts" / SEED).write_text(text, encoding="utf-8")
    (project / "sources" / "ids.yml").unlink()


def test_boilerplate_no_rule_knows_is_kept_and_listed(project):
    use_source(project, "门店怎样留住老客户\n第一段正文，讲老客户为什么重要，要花心思维护。\n本页资料由某培训网整理上传\n第二段正文。\n")
    output = ingest(project)
    queue = output.review_queue
    assert [(n.line, n.text) for n in queue] == [(3, "本页资料由某培训网整理上传")]
    assert "looks like boilerplate" in queue[0].message
    assert "本页资料由某培训网整理上传" in output.files["docs/articles/q1.md"]  # kept: only an editor can decide


def test_a_sentence_that_mentions_such_words_is_not_listed(project):
    use_source(project, "门店怎样留住老客户\n让顾客当场下载会员 app 领一张满减券，比发传单转化高得多，这一点我们试过很多次。\n")
    assert ingest(project).review_queue == []


def test_web_addresses_and_phone_numbers_in_the_text_are_listed(project):
    use_source(project, "问题\n详细的报价可以看 www.example.com/price 上的表格，或者打 13912345678 问我。\n")
    texts = [n.text for n in ingest(project).review_queue]
    assert texts == ["www.example.com/price", "13912345678"]


def test_strict_ingest_fails_with_status_5_while_the_queue_is_not_empty(project):
    run = [sys.executable, "-m", "zhkb.cli", "--root", str(project), "ingest"]
    use_source(project, "问题\n正文。\n扫码入群\n")
    result = subprocess.run([*run, "--strict"], capture_output=True, text=True)
    assert result.returncode == 5 and "Kept, but please check" in result.stderr
    assert subprocess.run(run, capture_output=True).returncode == 0
    use_source(project, "问题\n正文一句话，讲清楚一件事。\n")
    assert subprocess.run([*run, "--strict"], capture_output=True).returncode == 0


def test_an_article_no_tag_covers_gets_suggestions_in_the_report_only(project):
    use_source(project, "怎样做好直播带货\n直播带货要先选品，选品决定直播间的转化。直播带货的话术要短，主播要先讲痛点再讲产品。"
               "直播间的节奏靠主播和场控配合。\n")
    output = ingest(project)
    article = output.articles[0]
    assert article.tags == []
    [suggestion] = output.suggestions
    assert "直播" in "".join(suggestion.keywords)
    report = output.files["reports/ingest.md"]
    assert "## Tag suggestions" in report and f"slug: {slug_for(suggestion.keywords[0])}" in report
    assert "tags: []" in output.files["docs/articles/q1.md"]  # never published unreviewed


def test_suggested_slugs_are_ascii_pinyin():
    assert slug_for("电话销售") == "dian-hua-xiao-shou"
