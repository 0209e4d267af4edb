/*
 * The search worker wrapper (docs/assets/javascripts/workers/zhkb-search.js):
 * its query planner and ranking on a small made-up index, then the whole
 * worker -- wrapper, query rules and Material's own worker -- over a built
 * site's index (ZHKB_SITE, set by tests/test_search.py).
 *
 *   ZHKB_SITE=<built site> node --test tests/js/
 */
"use strict"

const assert = require("node:assert/strict")
const path = require("node:path")
const { test } = require("node:test")

const search = require("../../docs/assets/javascripts/workers/zhkb-search.js")
const { openSite } = require("./worker_harness.js")

const SEPARATOR = "[\\s\\u200b\\u3000\\-、。，．？！；]+"
const words = (...list) => list.join("\u200b")

/* A Traditional site's index and rules, small enough to reason about */
const DOCS = [
  { location: "a/", title: words("價格", "異議"), text: "<p>" + words("客戶", "嫌貴", "怎麼", "辦") + "</p>", tags: ["價格異議"] },
  { location: "a/#t1", title: words("給", "客戶", "優惠"), text: words("不要", "一味", "降價") },
  { location: "a/#t2", title: words("償債能力"), text: words("客戶", "的", "償債能力", "和", "盈利能力") },
  { location: "b/", title: words("售後"), text: words("售後", "成為", "新", "的", "賣點") },
  { location: "b/#t3", title: words("開發", "大客戶"), text: words("大客戶", "是", "開發", "出來", "的") },
  { location: "b/#t4", title: words("頭髮", "整齊"), text: words("客戶", "第一", "印象") }
]
const RULES = {
  script: "hant",
  charMap: { "价": "價", "格": "格", "户": "戶", "么": "麼", "办": "辦", "发": "發髮", "开": "開", "债": "債", "偿": "償", "头": "頭", "压": "壓", "后": "後", "务": "務", "贵": "貴" },
  stopWords: ["怎麼", "辦", "怎麼辦", "的", "嗎", "如何"],
  synonyms: [["嫌貴", "砍價", "壓價"]]
}
const engine = search.createEngine(RULES, DOCS, SEPARATOR)

/* A result item as Material's worker answers it */
const item = (location, score, terms, parent) =>
  ({ location, title: location, text: "", score, terms, ...parent && { parent: { location: parent } } })

test("terms are escaped so that Material does not cut them again", () => {
  assert.equal(search.escapeTerm("客戶"), "客\\戶")
  assert.equal(search.escapeTerm("crm系統"), "crm系\\統")
})

test("a query in the other script maps to this site's characters", () => {
  assert.deepEqual(engine.queryWords("价格"), ["價格"])
  assert.deepEqual(engine.plan("价格").query, engine.plan("價格").query)
})

test("an ambiguous character becomes what makes a word of the index", () => {
  assert.deepEqual(engine.queryWords("开发"), ["開發"])
  assert.deepEqual(engine.queryWords("头发"), ["頭髮"])
})

test("question words and particles are dropped, unless nothing else is left", () => {
  assert.deepEqual(engine.plan("客户嫌贵怎么办").concepts.map(c => c.display), ["客戶", "嫌貴"])
  assert.deepEqual(engine.plan("怎么办").concepts.map(c => c.display), ["怎麼辦"])
  assert.equal(engine.plan("？？").query, "")
})

test("synonyms, longer words that contain a word and shorter ones it starts with join its concept", () => {
  const [complaint] = engine.plan("嫌贵").concepts
  assert.deepEqual(complaint.terms, ["嫌貴"], "壓價 is in no document: no clause looks for it")
  const [price] = engine.plan("砍价").concepts
  assert.ok(price.terms.includes("嫌貴"), "砍價 finds 嫌貴")
  const [ability] = engine.plan("能力").concepts
  assert.ok(ability.terms.includes("償債能力") && ability.terms.includes("盈利能力"))
  const [service] = engine.plan("售后服务").concepts
  assert.ok(service.terms.includes("售後"), "售後服務 finds 售後")
})

test("the query string gives typed words the highest boost and wildcards their prefixes", () => {
  const { query } = engine.plan("砍价")
  assert.match(query, /^砍\\價\*\^10 /)
  assert.match(query, /嫌\\貴\*\^6/)
})

test("concepts that many documents match weigh less", () => {
  const [customer, ability] = engine.plan("客户 偿债能力").concepts
  assert.ok(customer.weight < ability.weight)
})

test("results that match more of the query come first, tips before their page", () => {
  const plan = engine.plan("客户 偿债能力")
  const result = {
    items: [
      [item("a/", 0, {}), item("a/#t1", 90, { "客戶": false, "償債能力": true }, "a/")],
      [item("b/", 500, { "客戶": true, "償債能力": true }), item("b/#t4", 40, { "客戶": true, "償債能力": true }, "b/")]
    ]
  }
  const ranked = search.rerank(result, plan)
  assert.deepEqual(ranked.items.map(group => group.map(doc => doc.location)), [["b/#t4", "b/"], ["a/#t1", "a/"]])
  assert.deepEqual(ranked.items[1][0].terms, { "客戶": false, "償債能力": true })
  assert.equal(ranked.items[0][0].score, ranked.items[0][1].score, "the tip shows: it scores as its page does")
})

test("documents matching only a small part of the query are left out", () => {
  const plan = engine.plan("客户 偿债能力")
  const result = {
    items: [
      [item("a/", 0, {}), item("a/#t1", 90, { "客戶": true, "償債能力": false }, "a/")],
      [item("b/", 0, {}), item("b/#t4", 40, { "客戶": true, "償債能力": true }, "b/"),
        item("b/#t3", 40, { "客戶": true, "償債能力": false }, "b/")]
    ]
  }
  const ranked = search.rerank(result, plan)
  assert.deepEqual(ranked.items.map(group => group.map(doc => doc.location)), [["b/#t4", "b/"]])
})

test("a page without tips is not pushed below other pages' tips", () => {
  const plan = engine.plan("客户 偿债能力")
  const both = { "客戶": true, "償債能力": true }
  const result = {
    items: [
      [item("a/", 0, {}), item("a/#t1", 10, both, "a/")],
      [item("c/", 90, both)]
    ]
  }
  const ranked = search.rerank(result, plan)
  assert.deepEqual(ranked.items.map(group => group[0].location), ["c/", "a/#t1"])
})

/* ---------------------------------------------------------------------------
 * The whole worker over a built site
 * ------------------------------------------------------------------------- */

const SITE = process.env.ZHKB_SITE
const variant = name => path.join(SITE, name === "hant" ? "zh-Hant" : "")

test("the built site's worker", { skip: !SITE && "ZHKB_SITE is not set" }, async t => {
  const sites = { hans: await openSite(variant("hans")), hant: await openSite(variant("hant")) }

  await t.test("answers a query in either script with the same tips, in the page's script", async () => {
    for (const [name, site] of Object.entries(sites)) {
      const simplified = await site.search("价格")
      const traditional = await site.search("價格")
      assert.ok(simplified.links.length > 0)
      assert.deepEqual(simplified.links, traditional.links, name)
      const snippets = simplified.texts.join("")
      assert.match(snippets, name === "hans" ? /<mark>价格<\/mark>/ : /<mark>價格<\/mark>/)
      assert.doesNotMatch(snippets, name === "hans" ? /價/ : /价/)
    }
  })

  await t.test("finds the tip for natural questions", async () => {
    for (const site of Object.values(sites)) {
      const first = async query => (await site.search(query)).links.slice(0, 2).map(link => link.location)
      assert.equal((await first("客户嫌贵怎么办"))[0], "articles/lowest-price/")
      assert.ok((await first("第一次拜访客户穿什么")).includes("articles/insurance-first-deal/#t43"))
      assert.equal((await first("保险新人怎么开第一单"))[0], "articles/insurance-first-deal/")
    }
  })

  await t.test("reports missing words as typed and never fails on odd input", async () => {
    const { terms } = await sites.hans.search("拜访客户的冰箱")
    assert.equal(terms["冰箱"] ?? terms["冰"], false)
    for (const query of ["", "？", "如何", "+客户 -价格", "客户:价格^2", "\"大客户\"", "CRM", "80%"])
      assert.ok(Array.isArray((await sites.hans.search(query)).links), query)
  })
})
