"""The stable-ID registry (``sources/ids.yml``): article slugs and tip anchors.

URLs never change once published, so ids are never derived from position.
Each ingest matches the articles and tips it found against the registry, by
content (title first, then a fingerprint tolerant to small edits), keeps
every id it finds, and assigns new ids only to new content.  Entries that no
longer match anything stay in the registry: their ids are never reused.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .curation import load_yaml
from .errors import InputError
from .model import Article, Tip
from .yamlio import YAML_DUMPER

SIMILAR_ENOUGH = 0.7
FINGERPRINT_CHARS = 40
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,40}")
TIP_ID = re.compile(r"t[0-9]+")

HEADER = """\
# Stable public ids: article slugs (URL /articles/<slug>/) and tip anchors (#<id>, /t/<id>/).
# Written by `zhkb ingest`, reviewed and committed like any curation file.
# Never reuse or renumber an id. A slug may be renamed (lowercase ASCII) only before it is first published.
# Entries whose content disappeared stay here so that their ids are never handed out again.
"""


@dataclass
class TipEntry:
    id: str
    title: str
    fingerprint: str = ""


@dataclass
class ArticleEntry:
    slug: str
    title: str
    fingerprint: str = ""
    tips: list[TipEntry] = field(default_factory=list)


@dataclass
class Registry:
    articles: list[ArticleEntry] = field(default_factory=list)
    next_tip: int = 1
    next_article: int = 1

    def tip_ids(self) -> set[str]:
        return {tip.id for article in self.articles for tip in article.tips}


def tip_fingerprint(tip: Tip) -> str:
    body = "".join(line for block in tip.blocks for line in block.lines)
    return (tip.title + "|" + body)[:FINGERPRINT_CHARS]


def article_fingerprint(article: Article) -> str:
    return article.text().replace("\n", "")[:FINGERPRINT_CHARS]


def _similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # the quick upper bounds skip the full comparison for clearly different texts
    if matcher.real_quick_ratio() < SIMILAR_ENOUGH or matcher.quick_ratio() < SIMILAR_ENOUGH:
        return 0.0
    return matcher.ratio()


def load_registry(path: Path, rel: str = "sources/ids.yml") -> Registry:
    data = load_yaml(path, rel)
    if data is None:
        return Registry()
    if not isinstance(data, dict) or not isinstance(data.get("articles", []), list):
        raise InputError(rel, "expected a mapping with `articles:`")
    registry = Registry(next_tip=int(data.get("next_tip", 1)), next_article=int(data.get("next_article", 1)))
    seen_slugs, seen_tips = set(), set()
    for entry in data.get("articles") or []:
        line = entry.get("__line__")
        slug = str(entry.get("slug", ""))
        if not SLUG.fullmatch(slug) or slug in seen_slugs:
            raise InputError(rel, f"slug {slug!r} must be unique lowercase ASCII", line=line)
        seen_slugs.add(slug)
        article = ArticleEntry(slug, str(entry.get("title", "")), str(entry.get("fingerprint", "")))
        for tip in entry.get("tips") or []:
            tip_id = str(tip.get("id", ""))
            if not TIP_ID.fullmatch(tip_id) or tip_id in seen_tips:
                raise InputError(rel, f"tip id {tip_id!r} must be unique and look like t123", line=tip.get("__line__"))
            seen_tips.add(tip_id)
            article.tips.append(TipEntry(tip_id, str(tip.get("title", "")), str(tip.get("fingerprint", ""))))
        registry.articles.append(article)
    numbers = [int(t[1:]) for t in seen_tips]
    registry.next_tip = max([registry.next_tip, *(n + 1 for n in numbers)])
    return registry


def _match(items: list, candidates: list, fingerprint, claimed: set[int]) -> dict[int, object]:
    """Match items to registry candidates: same title first, then the most similar fingerprints.

    Exact titles are matched for all items before any fuzzy match, and fuzzy
    matches are taken best-first, so a new item can never take the id of an
    unchanged one just because it comes first.
    """
    matches: dict[int, object] = {}
    for index, item in enumerate(items):
        for candidate in candidates:
            if id(candidate) not in claimed and candidate.title == item.title:
                matches[index] = candidate
                claimed.add(id(candidate))
                break
    scored = []
    for index, item in enumerate(items):
        if index in matches:
            continue
        for order, candidate in enumerate(candidates):
            if id(candidate) not in claimed:
                score = _similarity(candidate.fingerprint, fingerprint(item))
                if score >= SIMILAR_ENOUGH:
                    scored.append((-score, index, order, candidate))
    for _score, index, _order, candidate in sorted(scored, key=lambda s: s[:3]):
        if index not in matches and id(candidate) not in claimed:
            matches[index] = candidate
            claimed.add(id(candidate))
    return matches


def assign_ids(articles: list[Article], registry: Registry) -> Registry:
    """Give every article a slug and every tip an id, extending the registry (returned, updated)."""
    claimed: set[int] = set()
    article_matches = _match(articles, list(registry.articles), article_fingerprint, claimed)
    for index, article in enumerate(articles):
        entry = article_matches.get(index)
        if entry is None:
            taken = {a.slug for a in registry.articles}
            while f"q{registry.next_article}" in taken:
                registry.next_article += 1
            entry = ArticleEntry(f"q{registry.next_article}", article.title)
            registry.next_article += 1
            registry.articles.append(entry)
            claimed.add(id(entry))
        entry.title, entry.fingerprint = article.title, article_fingerprint(article)
        article.slug = entry.slug
    by_slug = {a.slug: a for a in registry.articles}
    # where each tip title is in the registry, so that a moved tip is found without a scan
    owners: dict[str, list[tuple[TipEntry, ArticleEntry]]] = {}
    for owner in registry.articles:
        for tip_entry in owner.tips:
            owners.setdefault(tip_entry.title, []).append((tip_entry, owner))
    for article in articles:
        entry = by_slug[article.slug]
        tip_matches = _match(article.tips, list(entry.tips), tip_fingerprint, claimed)
        for index, tip in enumerate(article.tips):
            if index in tip_matches:
                continue
            # a tip moved from another article keeps its id when its title is unchanged
            for tip_entry, owner in owners.get(tip.title, []):
                if id(tip_entry) not in claimed and owner is not entry:
                    owner.tips.remove(tip_entry)
                    entry.tips.append(tip_entry)
                    claimed.add(id(tip_entry))
                    tip_matches[index] = tip_entry
                    break
        for index, tip in enumerate(article.tips):
            tip_entry = tip_matches.get(index)
            if tip_entry is None:
                tip_entry = TipEntry(f"t{registry.next_tip}", tip.title)
                registry.next_tip += 1
                entry.tips.append(tip_entry)
                claimed.add(id(tip_entry))
            tip_entry.title, tip_entry.fingerprint = tip.title, tip_fingerprint(tip)
            tip.id = tip_entry.id
    return registry


def dump_registry(registry: Registry) -> str:
    data = {
        "next_article": registry.next_article,
        "next_tip": registry.next_tip,
        "articles": [
            {"slug": a.slug, "title": a.title, "fingerprint": a.fingerprint,
             "tips": [{"id": t.id, "title": t.title, "fingerprint": t.fingerprint} for t in a.tips]}
            for a in registry.articles
        ],
    }
    return HEADER + yaml.dump(data, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000)


@dataclass(frozen=True)
class Retired:
    """A published article or tip whose content is gone, and the closest content that remains.

    ``closest`` is a docs-relative link (``articles/win-over.md#t3``, or
    ``index.md`` when nothing is close), which the site's removed-content
    pages point to.
    """

    kind: str  # "article" | "tip"
    id: str  # slug or tip id
    title: str
    closest: str


#: below this similarity a retired tip points at its article (if it remains) rather than at a tip
CLOSE_ENOUGH = 0.3


def _closest(fingerprint: str, candidates: list[tuple[str, str]]) -> tuple[float, str] | None:
    scored = [(difflib.SequenceMatcher(None, fingerprint, print_, autojunk=False).ratio(), -i, link)
              for i, (print_, link) in enumerate(candidates)]
    if not scored:
        return None
    best = max(scored)
    return best[0], best[2]


def retired_content(registry: Registry, articles: list[Article]) -> list[Retired]:
    """Every registry entry that no current article or tip matched, with the closest remaining content."""
    live_slugs = {a.slug for a in articles}
    live_tips = {t.id for a in articles for t in a.tips}
    article_prints = [(article_fingerprint(a), f"articles/{a.slug}.md") for a in articles]
    tip_prints = [(tip_fingerprint(t), f"articles/{a.slug}.md#{t.id}") for a in articles for t in a.tips]
    retired = []
    for entry in registry.articles:
        if entry.slug not in live_slugs:
            best = _closest(entry.fingerprint or entry.title, article_prints)
            retired.append(Retired("article", entry.slug, entry.title, best[1] if best else "index.md"))
        for tip in entry.tips:
            if tip.id in live_tips:
                continue
            best = _closest(tip.fingerprint or tip.title, tip_prints)
            if best and best[0] >= CLOSE_ENOUGH:
                closest = best[1]
            elif entry.slug in live_slugs:
                closest = f"articles/{entry.slug}.md"
            else:
                closest = best[1] if best else "index.md"
            retired.append(Retired("tip", tip.id, tip.title, closest))
    return retired
