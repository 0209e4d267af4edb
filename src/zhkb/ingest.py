"""The pipeline: read → clean → split → tag → write, over every source in ``sources/texts/``.

:func:`ingest` computes everything in memory and raises InputError before any
file is touched; :func:`write_output` then puts the files in place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .clean import clean_lines, replay_backwards, source_lines
from .curation import load_curation
from .errors import InputError
from .ids import assign_ids, dump_registry, load_registry, retired_content
from .model import Article, Line, Notice
from .read import read_source
from .report import SourceSummary, render_report
from .review import review_lines
from .split import split_source
from .suggest import TagSuggestion, suggest_tags
from .tag import tag_articles
from .taiwan_report import traditional_report
from .write import TAG_PAGES_DIR, render_docs

SOURCE_SUFFIXES = (".txt", ".md")
GENERATED_DIRS = ("articles", TAG_PAGES_DIR)


@dataclass
class Output:
    """Everything one ingest produces, by path relative to the project root."""

    files: dict[str, str] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    suggestions: list[TagSuggestion] = field(default_factory=list)

    @property
    def review_queue(self) -> list[Notice]:
        """What was kept but may be wrong ("Kept, but please check" in the report)."""
        return [n for n in self.notices if n.review]


def source_paths(root: Path) -> list[Path]:
    folder = root / "sources" / "texts"
    paths = sorted(p for p in folder.iterdir() if p.suffix in SOURCE_SUFFIXES) if folder.is_dir() else []
    if not paths:
        raise InputError("sources/texts", "no source texts (*.txt) to ingest")
    return paths


def check_accounting(lines: list[Line]) -> None:
    """Every line's edits must lead back to its original text; anything else is a bug."""
    for line in lines:
        if replay_backwards(line.text, line.edits) != line.original:
            raise AssertionError(f"{line.path}:{line.number}: edits do not account for the line")


def merge_duplicates(articles: list[Article], notices: list[Notice]) -> list[Article]:
    """The same question twice (in one source or two) becomes one article with both answers."""
    by_title: dict[str, Article] = {}
    merged = []
    for article in articles:
        first = by_title.get(article.title)
        if first is None:
            by_title[article.title] = article
            merged.append(article)
            continue
        notices.append(Notice(article.path, article.source_line,
                              f"question repeated from {first.path}:{first.source_line}: answers merged"))
        first.lead += article.lead
        first.tips += article.tips
        first.incomplete = first.incomplete or article.incomplete
    return merged


def ingest(root: Path, encoding: str | None = None) -> Output:
    """Run the whole pipeline on ``root``'s sources; write nothing."""
    sources_dir = root / "sources"
    curation = load_curation(sources_dir)
    output = Output()
    summaries = []
    errata_used: dict[int, int] = {}
    for path in source_paths(root):
        source = read_source(path, root, encoding)
        lines = clean_lines(source_lines(source), curation, errata_used)
        articles = split_source(lines, output.notices)
        check_accounting(lines)
        output.notices += review_lines(lines)
        output.lines += lines
        output.articles += articles
        summaries.append(SourceSummary(source, len(lines), len(articles), sum(len(a.tips) for a in articles)))
    for erratum in curation.errata:
        if erratum.line not in errata_used:
            output.notices.append(Notice("sources/errata.yml", erratum.line,
                                         f"erratum {erratum.find!r} matched nothing"))
    output.articles = merge_duplicates(output.articles, output.notices)
    tag_articles(output.articles, curation.tags)
    output.suggestions = suggest_tags(output.articles)
    registry = assign_ids(output.articles, load_registry(sources_dir / "ids.yml"))
    retired = retired_content(registry, output.articles)
    output.files = {f"docs/{rel}": text for rel, text in render_docs(output.articles, retired, curation.tags).items()}
    output.files["sources/ids.yml"] = dump_registry(registry)
    output.files["reports/ingest.md"] = render_report(summaries, output.lines, output.notices, output.suggestions,
                                                      curation.switched_off)
    return output


def write_traditional_report(root: Path, output: Output) -> list[str]:
    """Write ``reports/traditional.md`` for the docs of ``output`` (part of the build, not of ingest).

    It converts the whole corpus as the Traditional site does, word by word with jieba, which costs
    as much as the conversion of the site itself; so the build, which converts the site anyway,
    writes it, and ``zhkb ingest`` stays fast for an editor's edit-review loop.
    """
    return _write_files(root, {"reports/traditional.md": traditional_report(output.files, root / "sources" / "opencc")})


def write_output(root: Path, output: Output) -> list[str]:
    """Write the generated files (only those that changed) and delete stale generated articles."""
    changed = _write_files(root, output.files)
    for folder in GENERATED_DIRS:
        for stale in sorted((root / "docs" / folder).glob("*.md")):
            rel = stale.relative_to(root).as_posix()
            if rel not in output.files:
                stale.unlink()
                changed.append(rel)
    return changed


def _write_files(root: Path, files: dict[str, str]) -> list[str]:
    """Write ``files`` (path relative to ``root`` -> text) where they changed, each atomically."""
    changed = []
    for rel, text in sorted(files.items()):
        path = root / rel
        data = text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        changed.append(rel)
    return changed
