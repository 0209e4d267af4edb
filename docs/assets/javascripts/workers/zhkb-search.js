/*
 * zhkb search worker: Material's search worker behind a query rewriter.
 *
 * Material's page script posts what is typed in the search box to its worker
 * as {type: 2 (QUERY), data: "<query>"} and renders the {type: 3 (RESULT)}
 * answer.  The site's pages start this worker instead (zhkb.site.search), which
 * loads this site's query rules (search/query_rules.js, generated at build
 * time) and then Material's worker, named in them.  Before Material's worker
 * sees a query, we rewrite it:
 *
 *   1. characters of the other script become this site's (query_rules.js
 *      charMap, generated from the corpus's own conversion), so 價格 and 价格
 *      search the same words on both sites; the search box keeps what was typed;
 *   2. the query is cut into the index's own words (the index is cut by jieba
 *      at build time; here its vocabulary is the dictionary);
 *   3. question words and particles (怎么, 如何, 吗 ...) are dropped;
 *   4. each remaining word becomes a "concept": the word, its synonyms, the
 *      longer index words that contain it and the shorter one it starts with
 *      (售后服务: 售后), as boosted lunr clauses;
 *
 * and when Material's result comes back we rank tips that match more of the
 * query's concepts first, a concept counting less the more of the index it
 * matches (客户 is everywhere), leave out those that match far less than the
 * best, and report the concepts a result misses.
 * Material's result list, snippets and highlighting are otherwise its own: they
 * come from the index, so they stay in the page's script.
 *
 * The message numbers are Material's internals: they come with the rules
 * (zhkb.site.material, checked by tests/test_material_contract.py).  Also
 * loadable with require() for unit tests.
 */
;(function (scope) {
  "use strict"

  /* Where the build writes this site's rules, relative to this file */
  const RULES_PATH = "../../../search/query_rules.js"
  const RULES_GLOBAL = "zhkbQueryRules"

  /* lunr boosts (integers: Material leaves only those alone) by how a clause
     relates to what was typed; a typed single character says little */
  const BOOST = { typed: 10, typedCharacter: 3, synonym: 6, shorter: 6, containing: 2 }

  /* A concept found in every document still counts this much; a single
     character (找, 做) counts half as much as a word as rare */
  const LEAST_WEIGHT = 0.02
  const CHARACTER_WEIGHT = 0.5

  /* Segmentation costs: fewer, known words win; then the start of an index
     word (售后 of 售后服务), then a part of one (安排 of 合理安排) */
  const COST = { word: 1, prefix: 1.25, part: 1.35, character: 1.5 }

  /* Documents matching less than this share of what the best one matches are
     left out: they matched only common words (客户), and Material would
     render them all, folded under "more" */
  const LEAST_SHARE_OF_BEST = 0.4

  const LONGEST_WORD = 8
  const SHORTEST_COMPOUND = 4
  const MOST_CONTAINING = 20
  const MOST_VARIANTS = 8

  const HAN = /\p{Script=Han}/u
  /* Runs of Han characters, and runs of other letters and digits (CRM, 80) */
  const QUERY_PARTS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu

  /**
   * Write a clause term so that Material's worker passes it on unchanged.
   *
   * Material cuts every run of Han characters in a query again, by longest
   * prefixes found in the index, which would shorten 客户 to 客 when 客 is an
   * index word.  lunr's escape character between Han characters makes each
   * character a run of its own, which Material leaves as it is, and lunr's
   * query lexer removes the escapes.
   */
  function escapeTerm(term) {
    const characters = [...term]
    return characters
      .map((char, i) => i > 0 && HAN.test(char) && HAN.test(characters[i - 1]) ? `\\${char}` : char)
      .join("")
  }

  /* Words of an index field: markup removed, split like Material's tokenizer */
  function fieldWords(value, separator) {
    return String(value).replace(/<[^>]*>/g, " ").toLowerCase().split(separator)
      .filter(word => word.length > 0)
  }

  /**
   * A query planner for one site, from its rules (query_rules.js) and the
   * documents of its search index (Material's SETUP message).
   */
  function createEngine(rules, docs, separator) {
    const split = new RegExp(separator, "g")

    /* Index vocabulary: word -> the documents (by position) that contain it */
    const postings = new Map()
    docs.forEach((doc, position) => {
      for (const field of [doc.title, doc.text, ...(doc.tags || [])])
        if (field)
          for (const word of fieldWords(field, split)) {
            if (!postings.has(word))
              postings.set(word, new Set())
            postings.get(word).add(position)
          }
    })
    const frequency = new Map([...postings].map(([word, found]) => [word, found.size]))
    const prefixes = new Set()
    const parts = new Set()
    for (const word of frequency.keys())
      for (let start = 0; start < word.length - 1; start++)
        for (let end = start + 2; end <= word.length; end++)
          if (end - start < word.length)
            (start === 0 ? prefixes : parts).add(word.slice(start, end))

    const stopWords = new Set(rules.stopWords)
    const synonyms = new Map()
    for (const group of rules.synonyms)
      for (const word of group)
        synonyms.set(word, [...new Set([...(synonyms.get(word) || []), ...group])])
    const known = new Set([...frequency.keys(), ...stopWords, ...synonyms.keys()])
    const charMap = rules.charMap

    /* Whether a clause for `term` can match anything in the index */
    const findable = term => frequency.has(term) || prefixes.has(term)

    /* The site-script spellings of characters i..j of `run` (ambiguous characters multiply) */
    function variants(run, i, j) {
      let spellings = [""]
      for (let k = i; k < j; k++) {
        const choices = [...(charMap[run[k]] || run[k])]
        const next = []
        for (const spelling of spellings)
          for (const choice of choices)
            if (next.length < MOST_VARIANTS)
              next.push(spelling + choice)
        spellings = next
      }
      return spellings
    }

    /* Cut a run of Han characters into words, least cost first */
    function segment(text) {
      const run = [...text]
      const best = [{ cost: 0, words: [] }]
      for (let i = 0; i < run.length; i++) {
        if (!best[i])
          continue
        for (let j = i + 1; j <= Math.min(run.length, i + LONGEST_WORD); j++) {
          let choice
          for (const spelling of variants(run, i, j)) {
            let cost
            if (known.has(spelling))
              cost = COST.word - 0.001 * Math.log1p(frequency.get(spelling) || 0)
            else if (j - i > 1 && prefixes.has(spelling))
              cost = COST.prefix
            else if (j - i > 1 && parts.has(spelling))
              cost = COST.part
            else if (j - i === 1)
              cost = COST.character
            else
              continue
            if (!choice || cost < choice.cost)
              choice = { cost, spelling }
          }
          if (!choice)
            continue
          const cost = best[i].cost + choice.cost
          if (!best[j] || cost < best[j].cost)
            best[j] = { cost, words: [...best[i].words, choice.spelling] }
        }
      }
      return best[run.length].words
    }

    /* The query's words: Han runs cut into words, other letters and digits as they are */
    function queryWords(query) {
      const words = []
      for (const [part] of query.normalize("NFKC").toLowerCase().matchAll(QUERY_PARTS))
        words.push(...(HAN.test(part) ? segment(part) : [part]))
      return words
    }

    /* Longer index words that contain `word` other than at their start (a prefix clause finds those) */
    function containing(word) {
      const found = []
      for (const [candidate, count] of frequency)
        if (candidate.length > word.length && candidate.indexOf(word, 1) > 0)
          found.push([candidate, count])
      return found.sort((a, b) => b[1] - a[1]).slice(0, MOST_CONTAINING).map(([candidate]) => candidate)
    }

    /* The index word of two or more characters that a compound of four or more
       starts with (售后服务: 售后); shorter words are no compounds (第一次: not 第一) */
    function shorter(word) {
      const characters = [...word]
      if (characters.length < SHORTEST_COMPOUND)
        return undefined
      for (let end = characters.length - 1; end >= 2; end--) {
        const start = characters.slice(0, end).join("")
        if (frequency.has(start))
          return start
      }
      return undefined
    }

    /* How much matching a concept says: its inverse document frequency,
       scaled so that a word no document has would weigh 1 */
    function weight(clauses, character) {
      const found = new Set()
      for (const [word, positions] of postings)
        if (clauses.some(({ term, wildcard }) => wildcard ? word.startsWith(term) : word === term))
          for (const position of positions)
            found.add(position)
      const n = docs.length + 1
      const idf = Math.log(n / (found.size + 0.5)) / Math.log(n / 0.5)
      return Math.max(LEAST_WEIGHT, idf * (character ? CHARACTER_WEIGHT : 1))
    }

    /* A concept: the typed word and the clauses that find it */
    function concept(word) {
      const clauses = new Map()
      const add = (term, wildcard, boost) => {
        const key = term + (wildcard ? "*" : "")
        if (!clauses.has(key) || clauses.get(key).boost < boost)
          clauses.set(key, { term, wildcard, boost })
      }
      const character = [...word].length === 1
      add(word, true, character ? BOOST.typedCharacter : BOOST.typed)
      for (const synonym of synonyms.get(word) || [])
        if (synonym !== word && findable(synonym))
          add(synonym, true, BOOST.synonym)
      const start = shorter(word)
      if (start)
        add(start, true, BOOST.shorter)
      for (const member of [word, ...(synonyms.get(word) || [])])
        if ([...member].length > 1)
          for (const longer of containing(member))
            add(longer, false, BOOST.containing)
      const found = [...clauses.values()]
      const terms = [...new Set(found.map(clause => clause.term))]
      return { display: word, weight: weight(found, character), clauses: found, terms }
    }

    /**
     * Plan a query: its concepts, and the lunr query string for Material's worker.
     */
    function plan(query) {
      const words = queryWords(query)
      const content = words.filter(word => !stopWords.has(word))
      const kept = [...new Set(content.length ? content : words)]
      const concepts = kept.map(concept)
      const clauses = concepts.flatMap(c => c.clauses)
      const text = clauses
        .map(({ term, wildcard, boost }) => `${escapeTerm(term)}${wildcard ? "*" : ""}^${boost}`)
        .join(" ")
      return { query: text, concepts }
    }

    return { plan, segment, queryWords, vocabulary: frequency }
  }

  /**
   * Rank Material's result by how much of the query each document matches.
   *
   * Material scores each document with lunr and boosts it by the share of
   * query clauses it matched; with synonyms and containing words among the
   * clauses that share means little.  We undo that boost, score by the
   * weighted share of the query's concepts a document matches, then by lunr's
   * score, and group by page again as Material does, pages in the order of
   * their best document.  Within a page, a tip that matches as much of the
   * query as the page's own entry comes first, with the page's score: Material
   * folds away the tips scoring below the best of their page, and a reader
   * wants the tip.  Documents matching far less of the query than the best
   * are left out.  A concept no clause of a document matched is reported as
   * missing, by the word as typed (in this site's script); matched clause
   * terms stay, for highlighting the page.
   */
  function rerank(result, plan) {
    if (!plan || !plan.concepts.length || !result.items.length)
      return result
    const total = plan.concepts.reduce((sum, c) => sum + c.weight, 0)
    const ranked = []
    for (const item of result.items.flat()) {
      const keys = Object.keys(item.terms)
      /* Articles Material adds only to head a group of sections keep score 0 */
      if (!keys.length) {
        ranked.push({ item, coverage: -1, relevance: 0 })
        continue
      }
      const matched = new Set(keys.filter(key => item.terms[key]))
      const materialBoost = +!item.parent + matched.size / keys.length
      const relevance = item.score / (1 + materialBoost ** 2)
      let covered = 0
      const terms = {}
      for (const c of plan.concepts) {
        const hits = c.terms.filter(term => matched.has(term))
        if (hits.length) {
          covered += c.weight
          for (const term of hits)
            terms[term] = true
        } else {
          terms[c.display] = false
        }
      }
      ranked.push({ item: { ...item, terms }, coverage: covered / total, relevance })
    }
    const most = Math.max(...ranked.map(r => r.relevance)) || 1
    for (const r of ranked)
      r.item.score = r.coverage < 0 ? 0 : 1000 * r.coverage + r.relevance / most
    ranked.sort((a, b) => b.item.score - a.item.score)
    const enough = LEAST_SHARE_OF_BEST * Math.max(...ranked.map(r => r.coverage))

    /* Group by page, pages in the order of their best document */
    const groups = new Map()
    for (const r of ranked.filter(r => r.coverage >= enough)) {
      const page = r.item.parent ? r.item.parent.location : r.item.location
      if (!groups.has(page))
        groups.set(page, [])
      groups.get(page).push(r)
    }
    /* Each group needs its page's own entry, which Material lists first */
    for (const r of ranked)
      if (!r.item.parent && groups.has(r.item.location) && !groups.get(r.item.location).includes(r))
        groups.get(r.item.location).push(r)
    const items = []
    for (const group of groups.values()) {
      group.sort((a, b) => b.coverage - a.coverage || !!b.item.parent - !!a.item.parent || b.item.score - a.item.score)
      const [first] = group
      const own = group.find(r => !r.item.parent)
      if (first.item.parent && own && own.coverage === first.coverage)
        first.item.score = Math.max(first.item.score, own.item.score)
      items.push(group.map(r => r.item))
    }
    return { ...result, items }
  }

  /* Run in a worker: load the rules, wrap the messages, then load Material's worker */
  function install(worker) {
    worker.importScripts(RULES_PATH)
    const rules = worker[RULES_GLOBAL]
    const MESSAGE = rules.materialMessages
    let engine = null
    const plans = []

    /* Our listener comes first, so Material's sees the rewritten query */
    worker.addEventListener("message", ev => {
      const message = ev.data
      if (message.type === MESSAGE.SETUP) {
        engine = createEngine(rules, message.data.docs, message.data.config.separator)
      } else if (message.type === MESSAGE.QUERY) {
        const queryPlan = engine ? engine.plan(message.data) : null
        plans.push(queryPlan)
        if (queryPlan)
          message.data = queryPlan.query
      }
    })

    /* Material answers every query, in order, through the global postMessage */
    const post = worker.postMessage.bind(worker)
    worker.postMessage = message => {
      if (message && message.type === MESSAGE.RESULT && plans.length)
        message = { ...message, data: rerank(message.data, plans.shift()) }
      post(message)
    }

    worker.importScripts(rules.materialWorker)
  }

  const api = { BOOST, createEngine, rerank, escapeTerm, install }
  if (typeof module === "object" && module.exports)
    module.exports = api
  else if (typeof scope.importScripts === "function")
    install(scope)
})(typeof self !== "undefined" ? self : globalThis)
