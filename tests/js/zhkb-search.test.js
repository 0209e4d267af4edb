/*
 * zhkb's query rules and ranking over Pagefind (src/zhkb/search/assets/zhkb-search.js),
 * on a made-up lexicon and made-up Pagefind answers.  The whole path over a
 * real bundle is tests/test_search_engine.py (tests/js/pagefind_harness.js).
 *
 *   node --test tests/js/
 */
"use strict"

const assert = require("node:assert/strict")
const { test } = require("node:test")

const zhkb = require("../../src/zhkb/search/assets/zhkb-search.js")

/* A Traditional site's lexicon (word -> sections containing it; parts -> longer words) */
const WORDS = {
  "價格": 5, "異議": 1, "客戶": 9, "大客戶": 2, "嫌貴": 2, "償債能力": 1, "盈利能力": 1, "能力": 3,
  "開發": 2, "頭髮": 1, "售後": 2, "售後服務": 1, "第一次": 1, "拜訪": 2, "穿": 1, "穿著": 1, "了解": 1, "瞭解": 4, "壞帳": 1
}
const PARTS = { "能力": ["償債能力", "盈利能力"], "債能": ["償債能力"], "客戶": ["大客戶"] }
const COUNT = 3

function bucketsOf(words, parts, count) {
  const buckets = Array.from({ length: count }, () => ({ words: {}, parts: {} }))
  for (const [word, n] of Object.entries(words))
    buckets[zhkb.bucketOf(word, count)].words[word] = n
  for (const [part, longer] of Object.entries(parts))
    buckets[zhkb.bucketOf(part, count)].parts[part] = longer.map(word => [word, words[word]])
  return buckets
}

const RULES = {
  script: "hant",
  lexiconBuckets: COUNT,
  charMap: { "价": "價", "户": "戶", "么": "麼", "办": "辦", "发": "發髮", "开": "開", "债": "債", "偿": "償",
             "头": "頭", "后": "後", "务": "務", "贵": "貴", "访": "訪", "着": "著", "坏": "壞", "账": "帳", "了": "了瞭" },
  stopWords: ["怎麼", "辦", "怎麼辦", "的", "嗎", "如何", "什麼"],
  synonyms: [["嫌貴", "砍價", "壓價"]]
}

function planner() {
  const buckets = bucketsOf(WORDS, PARTS, COUNT)
  const fetched = []
  const lexicon = zhkb.createLexicon(COUNT, n => { fetched.push(n); return buckets[n] })
  return { planner: zhkb.createPlanner(RULES, lexicon), fetched }
}

const display = plan => plan.concepts.map(c => c.display)
const terms = concept => Object.fromEntries(concept.terms.map(t => [t.term, t.boost]))

test("a query loads only the lexicon buckets of its characters", async () => {
  const { planner: p, fetched } = planner()
  await p.plan("穿")
  assert.deepEqual(fetched, [zhkb.bucketOf("穿", COUNT)])
})

test("characters of the other script become this site's, ambiguous ones as the index spells them", async () => {
  const { planner: p } = planner()
  assert.deepEqual(display(await p.plan("价格")), ["價格"])
  assert.deepEqual(display(await p.plan("开发")), ["開發"])
  assert.deepEqual(display(await p.plan("头发")), ["頭髮"])
  assert.deepEqual(display(await p.plan("坏账")), ["壞帳"])
})

test("a natural question is cut into index words and loses its question words", async () => {
  const { planner: p } = planner()
  assert.deepEqual(display(await p.plan("第一次拜访客户穿什么")), ["第一次", "拜訪", "客戶", "穿"])
  assert.deepEqual(display(await p.plan("客户嫌贵怎么办")), ["客戶", "嫌貴"])
  assert.deepEqual(display(await p.plan("怎么办")), ["怎麼辦"], "a query of stop words only is searched as typed")
  assert.deepEqual((await p.plan("？？")).concepts, [])
})

test("a concept is found by its synonyms, the words containing it and the word a compound starts with", async () => {
  const { planner: p } = planner()
  const [price] = (await p.plan("砍价")).concepts
  assert.deepEqual(terms(price), { "砍價": 10, "嫌貴": 6 }, "壓價 is in no section: no search for it")
  const [ability] = (await p.plan("能力")).concepts
  assert.deepEqual(terms(ability), { "能力": 10, "償債能力": 2, "盈利能力": 2 })
  const [service] = (await p.plan("售后服务")).concepts
  assert.equal(terms(service)["售後"], 6)
})

test("a word typed as the index spells it wins, and its other spellings are searched too", async () => {
  const { planner: p } = planner()
  const [typed] = (await p.plan("了解")).concepts
  assert.equal(typed.display, "了解")
  assert.deepEqual(terms(typed), { "了解": 10, "瞭解": 9 })
})

/* Pagefind's answers: term -> results; fragments: page id -> fragment */
function answer(results) {
  return { results: results.map(([id, score, words]) => ({ id, score, words })) }
}

const FRAGMENTS = new Map([
  ["a", { url: "/a/", meta: { title: "價格 異議" }, content: "價格 異議 說 明 。 給 客戶 優惠 不要 降價 價格低 。",
          anchors: [{ element: "h2", id: "t1", text: "給 客戶 優惠", location: 5 }] }],
  ["b", { url: "/b/", meta: { title: "售後" }, content: "售後 服務 。 價格 客戶 嫌貴 。",
          anchors: [{ element: "h2", id: "t2", text: "價格", location: 3 }] }]
])

test("tips that match more of the query come first; then the typed word over its extensions", async () => {
  const { planner: p } = planner()
  const plan = await p.plan("客户嫌贵")
  const answers = new Map([
    ["客戶", answer([["a", 1, [6]], ["b", 1, [4]]])],
    ["嫌貴", answer([["b", 1, [5]]])],
    ["砍價", answer([])]
  ])
  const matches = zhkb.matchPages(plan, answers, { pages: 10, sections: 40 })
  assert.deepEqual(matches.pages.map(page => page.id), ["b", "a"])
  assert.equal(matches.pages[0].coverage, 1)
  const ranked = zhkb.rankSections(plan, matches, FRAGMENTS)
  const best = ranked[0]
  assert.equal(best.section.anchor, "t2", "b's tip has both words; a's tip only 客戶")
  const partial = ranked.find(item => item.page.id === "a" && item.section.anchor === "t1")
  assert.equal(partial, undefined, "客戶 alone is less than 40 % of what b's tip matches: left out")
})

test("a word found only because a longer word starts with it ranks below the word itself", async () => {
  const { planner: p } = planner()
  const plan = await p.plan("价格")
  /* Pagefind finds 價格 at a:0 and b:3, and 價格低 at a:10 */
  const answers = new Map([["價格", answer([["a", 1, [0, 10]], ["b", 1, [3]]])]])
  const ranked = zhkb.rankSections(plan, zhkb.matchPages(plan, answers, { pages: 10, sections: 40 }), FRAGMENTS)
  const tipA = ranked.find(item => item.section.anchor === "t1")
  const tipB = ranked.find(item => item.section.anchor === "t2")
  assert.ok(tipB.relevance > tipA.relevance)
})

test("words are joined as Chinese is written, with Pagefind's block full stops dropped", () => {
  const words = ["下载", "app", "，", "访", "2", "个", "客户", "“", "舍得", "”", "CRM", "系统.", "Mr.", "Li"]
  assert.equal(zhkb.plainText(words, 0, words.length), "下载 app，访 2 个客户“舍得”CRM 系统 Mr. Li")
  assert.equal(zhkb.renderWords(["<b>", "客户"], 0, 2, new Set([1])), "&lt;b&gt;<mark>客户</mark>")
})

/* A pack as zhkb.search.bundle.pack_fragments writes it: a JSON line of hash -> [offset, length], then the bytes */
function packOf(fragments) {
  const offsets = {}
  let offset = 0
  for (const [hash, bytes] of Object.entries(fragments)) {
    offsets[hash] = [offset, bytes.length]
    offset += bytes.length
  }
  const header = new TextEncoder().encode(JSON.stringify(offsets) + "\n")
  const data = new Uint8Array(header.length + offset)
  data.set(header)
  let at = header.length
  for (const bytes of Object.values(fragments)) {
    data.set(bytes, at)
    at += bytes.length
  }
  return data
}

test("Pagefind's fragments come from their packs, each pack fetched once", async () => {
  // With 3 packs, a hash goes to its last 8 hex digits modulo 3: 0x1bebc28 % 3 = 2, 0x52e152c % 3 = 2.
  const packs = { "/b/fragment/und-hans_2_tag.pf_pack": packOf({ "1bebc28": new Uint8Array([1, 2, 3]),
                                                                 "52e152c": new Uint8Array([4]) }) }
  const fetched = []
  const fetch = async url => {
    fetched.push(url)
    const data = packs[url]
    return data ? { ok: true, status: 200, arrayBuffer: async () => data.slice().buffer }
                : { ok: false, status: 404 }
  }
  const packed = zhkb.packedFetch(fetch, 3, "tag")
  const bytes = async url => [...new Uint8Array(await (await packed(url)).arrayBuffer())]
  assert.deepEqual(await bytes("/b/fragment/und-hans_1bebc28.pf_fragment"), [1, 2, 3])
  assert.deepEqual(await bytes("/b/fragment/und-hans_52e152c.pf_fragment"), [4])
  assert.deepEqual(fetched, ["/b/fragment/und-hans_2_tag.pf_pack"])
  // A hash its pack does not hold is not found; other files are fetched as they are.
  assert.equal((await packed("/b/fragment/und-hans_0000005.pf_fragment")).status, 404)
  assert.equal((await packed("/b/index/und-hans_abc.pf_index")).status, 404)
  assert.deepEqual(fetched.slice(1), ["/b/index/und-hans_abc.pf_index"])
  // A pack that failed to load is fetched again next time.
  await assert.rejects(packed("/b/fragment/und-hans_0000004.pf_fragment"), /HTTP 404/)
  await assert.rejects(packed("/b/fragment/und-hans_0000004.pf_fragment"), /HTTP 404/)
  assert.equal(fetched.filter(url => url.endsWith("und-hans_1_tag.pf_pack")).length, 2)
})
