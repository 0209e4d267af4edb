"""The whole pipeline on the bundled corpus."""

import re
import subprocess
import sys

from zhkb.clean import replay_backwards
from zhkb.ingest import ingest, write_output


def test_seed_corpus_structure(root):
    output = ingest(root)
    articles = output.articles
    assert len(articles) == 8
    by_number = {a.number: a for a in articles}
    assert by_number["壹"].incomplete and not any(a.incomplete for a in articles if a.number != "壹")
    # 『陆』 keeps the glued second source as its own section, with its points nested under it
    liu = [(t.title, t.level) for t in by_number["陆"].tips]
    assert ("推销员如何挖掘和推销卖点", 1) in liu and ("品牌卖点", 2) in liu
    # 『柒』 nests three levels: 呈现说服… → 行为方式 → a list of items
    qi = by_number["柒"]
    levels = {t.title: t.level for t in qi.tips}
    assert levels["呈现说服客户购买自己的产品"] == 1 and levels["行为方式"] == 2
    behaviour = next(t for t in qi.tips if t.title == "行为方式")
    assert behaviour.blocks[0].lines == ["商务化的穿着", "商务化的举止", "商务化的谈吐"]
    checklists = [b for t in qi.tips for b in t.blocks if b.kind == "ordered"]
    assert [len(b.lines) for b in checklists] == [10, 10]
    # 『肆』 glued four or five answers together: they are separate paragraphs now
    assert len(by_number["肆"].lead) >= 4
    assert all(a.tags for a in articles)
    assert len({t.id for a in articles for t in a.tips}) == sum(len(a.tips) for a in articles)


def test_every_character_is_accounted_for(root):
    output = ingest(root)
    for line in output.lines:
        assert replay_backwards(line.text, line.edits) == line.original
    # what the lines keep is exactly what the articles hold, in order
    kept = "".join(line.text.replace("\n", "") for line in output.lines)
    held = "".join(a.text().replace("\n", "") for a in output.articles)
    assert kept == held
    report = output.files["reports/ingest.md"]
    for line in output.lines:
        for edit in line.edits:
            if edit.is_removal:
                assert f"`{edit.path}:{edit.line}` | `{edit.rule}` |" in report


def test_spam_is_gone_and_reported(root):
    output = ingest(root)
    docs = "".join(text for path, text in output.files.items() if path.startswith("docs/"))
    for artefact in ("刨客", "扩展阅读", "销售技巧-网", "(6)"):
        assert artefact not in docs
    assert re.search(r"`spam\.app-ad` \| .*刨客", output.files["reports/ingest.md"])


def test_ingest_twice_is_byte_identical(project):
    first = ingest(project)
    write_output(project, first)
    second = ingest(project)
    assert second.files == first.files
    assert write_output(project, second) == []


def test_committed_output_is_up_to_date(root):
    """docs/, the registry and the report in the repo are what ingest produces now."""
    output = ingest(root)
    stale = [rel for rel, text in output.files.items() if (root / rel).read_text(encoding="utf-8") != text]
    assert stale == [], "run `zhkb ingest` and commit"


def test_cli_exit_codes(project):
    run = [sys.executable, "-m", "zhkb.cli", "--root", str(project)]
    assert subprocess.run([*run, "ingest"], capture_output=True).returncode == 0
    assert subprocess.run([*run, "frobnicate"], capture_output=True).returncode == 2
    (project / "sources" / "texts" / "broken.txt").write_bytes(b"\xff\xfe\x00\x01garbage\x80\x81")
    result = subprocess.run([*run, "ingest"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "sources/texts/broken.txt" in result.stderr and "byte offset" in result.stderr
    # check on a folder with no built site: problems found, status 4
    result = subprocess.run([*run, "check", "--site", str(project / "nowhere")], capture_output=True, text=True)
    assert result.returncode == 4 and "no built site" in result.stderr


def test_the_build_writes_the_traditional_report_and_leaves_the_docs_alone(project):
    from zhkb.ingest import write_traditional_report

    output = ingest(project)
    write_output(project, output)
    articles = sorted(p.name for p in (project / "docs" / "articles").glob("*.md"))
    assert write_traditional_report(project, output) == ["reports/traditional.md"]
    assert sorted(p.name for p in (project / "docs" / "articles").glob("*.md")) == articles
    assert "reports/traditional.md" not in output.files  # ingest alone does not convert the corpus


def test_the_fast_yaml_dumper_writes_what_the_python_one_writes():
    import yaml

    from zhkb.yamlio import YAML_DUMPER

    awkward = {"title": "价格 & 质量 <对比> \"引号\" 'x' : # - ? *", "tips": {"t1": "第一句。第二句\t制表\u3000全角空格",
               "t2": "---", "t3": "yes", "t4": "", "t5": "\\u0001 反斜杠 \\", "t6": "长" * 300}, "tags": ["a: b", "[x]"]}
    for data in (awkward, {"list": [1, "2", None, True]}):
        ours = yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
        assert ours == yaml.dump(data, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=1000)
        assert yaml.safe_load(ours) == data
