import pytest

from zhkb.errors import InputError
from zhkb.ids import Registry, assign_ids, dump_registry, load_registry
from zhkb.model import Article, Block, Tip

BODIES = {
    "说话要真诚": "只有真诚的人才能赢得信任。",
    "说话一定要真诚": "只有真诚的人才能赢得信任。",
    "给客户一个购买的理由": "客户总是希望能充分了解产品能为他们带来什么好处。",
    "留住老顾客": "发展一位新顾客的成本是留住一位老顾客的成本的三倍。",
    "灵活的营销方式": "定期改变销售策略，给顾客以新鲜感。",
    "熟悉产品的市场": "市场怎样细分，竞争对手有哪些。",
}


def article(title: str, *tips: str) -> Article:
    a = Article(title=title, path="s.txt", source_line=1, number="")
    a.tips = [Tip(title=t, level=1, blocks=[Block("paragraph", [BODIES.get(t, t)])]) for t in tips]
    return a


def roundtrip(registry: Registry, tmp_path) -> Registry:
    path = tmp_path / "ids.yml"
    path.write_text(dump_registry(registry), encoding="utf-8")
    return load_registry(path)


def test_new_content_gets_new_ids_and_known_content_keeps_them(tmp_path):
    first = [article("推销产品怎样才能打动客户", "说话要真诚", "给客户一个购买的理由"),
             article("卖东西如何才能抓住顾客", "留住老顾客")]
    registry = roundtrip(assign_ids(first, Registry()), tmp_path)
    ids = {t.title: t.id for a in first for t in a.tips}
    assert sorted(ids.values()) == ["t1", "t2", "t3"]
    slugs = [a.slug for a in first]

    # reorder articles, insert a new article and a new tip before the old ones
    second = [article("推销产品的技巧", "熟悉产品的市场"), article("卖东西如何才能抓住顾客", "留住老顾客"),
              article("推销产品怎样才能打动客户", "灵活的营销方式", "说话要真诚", "给客户一个购买的理由")]
    registry = roundtrip(assign_ids(second, registry), tmp_path)
    again = {t.title: t.id for a in second for t in a.tips}
    assert {k: again[k] for k in ids} == ids
    assert {again["熟悉产品的市场"], again["灵活的营销方式"]}.isdisjoint(ids.values())
    assert second[2].slug == slugs[0] and second[1].slug == slugs[1]
    assert second[0].slug not in slugs


def test_small_edits_keep_ids(tmp_path):
    first = [article("已经给了最低价，客户还是嫌贵，怎么拿下", "说话要真诚")]
    registry = roundtrip(assign_ids(first, Registry()), tmp_path)
    edited = [article("已经给了最低价，客户还嫌贵，怎么办", "说话一定要真诚")]
    assign_ids(edited, registry)
    assert edited[0].slug == first[0].slug
    assert edited[0].tips[0].id == first[0].tips[0].id


def test_removed_ids_are_never_reused(tmp_path):
    registry = roundtrip(assign_ids([article("推销产品的技巧", "说话要真诚", "留住老顾客")], Registry()), tmp_path)
    later = [article("推销产品的技巧", "说话要真诚"), article("卖东西如何才能抓住顾客", "熟悉产品的市场")]
    assign_ids(later, registry)
    assert later[1].tips[0].id == "t3"
    assert "t2" in registry.tip_ids()  # kept in the registry, retired


def test_bad_registry_names_file_and_line(tmp_path):
    path = tmp_path / "ids.yml"
    path.write_text("articles:\n- slug: Not ASCII 标题\n  title: x\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_registry(path, "sources/ids.yml")
    assert info.value.path == "sources/ids.yml" and info.value.line == 2


def test_retired_content_points_to_the_closest_remaining(tmp_path):
    from zhkb.ids import retired_content

    first = [article("推销产品怎样才能打动客户", "说话要真诚", "给客户一个购买的理由"),
             article("卖东西如何才能抓住顾客", "留住老顾客", "灵活的营销方式")]
    registry = roundtrip(assign_ids(first, Registry()), tmp_path)
    gone_tip = first[0].tips[1].id
    gone_article = first[1].slug
    # the second article disappears; its 留住老顾客 tip moves into the first one
    later = [article("推销产品怎样才能打动客户", "说话要真诚", "留住老顾客")]
    registry = assign_ids(later, registry)
    retired = {(r.kind, r.id): r for r in retired_content(registry, later)}
    assert set(retired) == {("tip", gone_tip), ("article", gone_article), ("tip", first[1].tips[1].id)}
    assert retired[("article", gone_article)].closest == f"articles/{later[0].slug}.md"
    assert retired[("tip", gone_tip)].closest.startswith(f"articles/{later[0].slug}.md")
    assert later[0].tips[1].id == first[1].tips[0].id  # the moved tip kept its id
