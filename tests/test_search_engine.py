"""The built site's search bundles, searched in Node with their own Pagefind and zhkb-search.js.

(``tests/js/pagefind_harness.js``): the relevance sets in both scripts, every
word finding its tip (issue 10, item 2), common words searched as a corpus of
thousands would search them.  Unit tests of the engine are in
``tests/test_search.py``.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from pathlib import Path

import pytest
from support import searcheval
from support.search import VARIANT_FOLDERS, bundle_of, search_in_node, site_records

from zhkb.convert import convert
from zhkb.search import bundle, records, rules, words

ROOT = Path(__file__).resolve().parent.parent
OPENCC = ROOT / "sources" / "opencc"
to_traditional = functools.partial(convert, direction="s2tw", overrides_dir=OPENCC)
to_simplified = functools.partial(convert, direction="t2s", overrides_dir=OPENCC)


def harness(folder: Path, queries: list[str]) -> list[dict]:
    return search_in_node(folder, queries)


def query_rules(script: str, site: Path) -> rules.QueryRules:
    """The rules the plugin wrote for a variant, read back."""
    data = json.loads((bundle_of(site, script) / bundle.RULES_FILE).read_text(encoding="utf-8"))
    return rules.QueryRules(data["script"], data["charMap"], data["stopWords"], data["synonyms"])


# --- a bundle from the built site ----------------------------------------------------------


@pytest.fixture(scope="module")
def bundles(built_site):
    return {script: bundle_of(built_site, script) for script in VARIANT_FOLDERS}


@pytest.mark.site
def test_the_bundle_is_the_same_for_the_same_pages(built_site, tmp_path):
    found = site_records(built_site, "hans")
    once, again = tmp_path / "once", tmp_path / "again"
    bundle.write_bundle(once, found, query_rules("hans", built_site))
    bundle.write_bundle(again, list(reversed(found)), query_rules("hans", built_site))

    def contents(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert contents(once) == contents(again)


@pytest.mark.site
def test_pagefind_indexes_zhkbs_words_unchanged(built_site, bundles):
    """Pagefind's own Chinese segmenter would cut 偿债能力 in two; in zhkb's bundle it is one word of one tip."""
    result = harness(bundles["hans"], ["偿债能力", "坏账"])
    assert result[0]["concepts"] == ["偿债能力"]
    assert "articles/insurance-first-deal/#t51" in [link["location"] for link in result[0]["links"][:3]]


def link_path(location: str) -> str:
    return "/" + location


@pytest.mark.site
@pytest.mark.parametrize("query_set", ["public", "dev"])
@pytest.mark.parametrize("script", ["hans", "hant"])
def test_relevance_sets(built_site, bundles, query_set, script):
    """Each query as written, in Simplified and in Traditional: recall@5 1.00, MRR >= 0.95, the same links."""
    queries = searcheval.load_queries(ROOT / "tests" / "data" / f"queries-{query_set}.tsv")
    judge = searcheval.HitJudge(built_site / VARIANT_FOLDERS[script], to_simplified, [to_traditional])
    as_typed = harness(bundles[script], [q.text for q in queries])
    first_hits = [judge.first_hit(q, [link_path(link["location"]) for link in result["links"]])
                  for q, result in zip(queries, as_typed, strict=True)]
    metrics = searcheval.relevance(first_hits)
    missed = [(q.text, rank) for q, rank in zip(queries, first_hits, strict=True) if rank is None or rank > 1]
    assert metrics.recall_at_5 == 1.0, missed
    assert metrics.mrr >= 0.95, missed
    simplified = harness(bundles[script], [to_simplified(q.text) for q in queries])
    # Traditional as a reader's own converter spells it (the site's Taiwan words, 质量: 品質, make another query)
    plain_s2tw = functools.partial(convert, direction="s2tw")
    traditional = harness(bundles[script], [plain_s2tw(q.text) for q in queries])
    for query, hans, hant in zip(queries, simplified, traditional, strict=True):
        assert [link["location"] for link in hans["links"]] == [link["location"] for link in hant["links"]], query.text


@pytest.mark.site
@pytest.mark.parametrize("script", ["hans", "hant"])
def test_bad_debt_finds_the_tip_that_says_it(bundles, script):
    """坏账 is one word of t46; the old index lost it on both variants."""
    for query in ("坏账", "壞帳"):
        [result] = harness(bundles[script], [query])
        assert "articles/insurance-first-deal/#t46" in [link["location"] for link in result["links"][:5]], query
        assert result["texts"][1].count("<mark>") >= 1


@pytest.mark.site
@pytest.mark.parametrize("script", ["hans", "hant"])
def test_every_rare_word_finds_one_of_its_tips(built_site, bundles, script):
    """Issue 10 item 2: every word jieba cuts from the corpus that occurs in at most 5 tips, searched in either
    script, returns one of those tips in the top 5."""
    where: defaultdict[str, set[str]] = defaultdict(set)
    for record in site_records(built_site, script):
        for anchor, found in record.sections:
            for word in found:
                if words.HAN_RUN.search(word):
                    where[word].add(record.url + (f"#{anchor}" if anchor else ""))
    rare = sorted(word for word, places in where.items() if len(places) <= 5)
    assert len(rare) > 500
    # the other script as a reader's own converter spells it (plain OpenCC, no Taiwan vocabulary)
    other = functools.partial(convert, direction="t2s" if script == "hant" else "s2tw")
    queries = [*rare, *(other(word) for word in rare)]
    results = harness(bundles[script], queries)
    failures = []
    for word, query, result in zip([*rare, *rare], queries, results, strict=True):
        top = [link["location"] for link in result["links"][:5]]
        if not where[word] & set(top):
            failures.append((query, sorted(where[word]), top))
    assert not failures, f"{len(failures)} of {len(queries)} queries miss: {failures[:20]}"


@pytest.fixture(scope="module")
def crowded_bundle(built_site, tmp_path_factory):
    """The Simplified bundle with 'common' set as low as 3 sections: the bundled corpus searched as 10,000
    questions are, common words among the pages where they are most prominent only."""
    folder = tmp_path_factory.mktemp("crowded") / "search"
    bundle.write_bundle(folder, site_records(built_site, "hans"), query_rules("hans", built_site), common_least=3)
    return folder


@pytest.mark.site
def test_common_words_are_marked_on_their_most_prominent_pages(crowded_bundle):
    rules = json.loads((crowded_bundle / bundle.RULES_FILE).read_text(encoding="utf-8"))
    assert rules["commonSections"] == 3 and rules["topFilter"] == records.TOP_FILTER
    assert list((crowded_bundle / "filter").glob("*.pf_filter"))
    [result] = harness(crowded_bundle, ["客户"])
    assert result["links"], "a query of one common word still answers, from the pages marked for it"


@pytest.mark.site
@pytest.mark.parametrize("query_set", ["public", "dev"])
def test_relevance_when_common_words_are_searched_among_their_prominent_pages(built_site, crowded_bundle,
                                                                              query_set):
    queries = searcheval.load_queries(ROOT / "tests" / "data" / f"queries-{query_set}.tsv")
    judge = searcheval.HitJudge(built_site, to_simplified)
    results = harness(crowded_bundle, [q.text for q in queries])
    first_hits = [judge.first_hit(q, [link_path(link["location"]) for link in result["links"]])
                  for q, result in zip(queries, results, strict=True)]
    metrics = searcheval.relevance(first_hits)
    missed = [(q.text, rank) for q, rank in zip(queries, first_hits, strict=True) if rank is None or rank > 1]
    assert metrics.recall_at_5 >= 0.95 and metrics.mrr >= 0.9, (metrics, missed)
