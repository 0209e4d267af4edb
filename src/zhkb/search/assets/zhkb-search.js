/*
 * zhkb search: zhkb's query rules and ranking over Pagefind's JS API.
 *
 * Pagefind (pagefind.js, its WebAssembly and its index chunks) finds the
 * pages (articles) that contain a word, loading only the index chunks the
 * word needs.  Everything that makes zhkb's search zhkb's is here, in three
 * parts:
 *
 *   createLexicon  the query-side dictionary (zhkb.search.lexicon): buckets of
 *                  index words by first character, loaded for the characters
 *                  a query has;
 *   createPlanner  a query -> concepts: characters of the other script become
 *                  this site's (rules.json charMap); the query is cut into
 *                  the index's own words, so a natural question works like
 *                  keywords; question words and particles are dropped; each
 *                  word becomes a concept searched as the word (Pagefind also
 *                  finds the words starting with it), its synonyms, the
 *                  longer index words containing it and, for a compound, the
 *                  shorter word it starts with;
 *   rank           Pagefind's answers for every term -> tips (and articles):
 *                  pages that match more of the query's concepts first, each
 *                  concept weighted by how rare it is; then, in the fragments
 *                  of the best pages, each tip scored the same way, so a
 *                  result links to the tip that answers.
 *
 * createSearch puts them together over a Pagefind instance.  No DOM: it runs
 * in a worker (the site's search worker), in Node (tests/js) and on a page.
 * Loadable with importScripts() (sets self.zhkbSearch) or require().
 */
;(function (scope) {
  "use strict"

  const HAN = /\p{Script=Han}/u
  const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now())
  /* Runs of Han characters, and runs of other letters and digits (CRM, 80) */
  const QUERY_PARTS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu

  /* How much a term says about its concept: what was typed, more than what
     the rules added; a typed single character says little */
  const BOOST = { typed: 10, typedCharacter: 3, synonym: 6, shorter: 6, containing: 2 }

  /* Segmentation costs: fewer, known words win; then the start of an index
     word (售后 of 售后服务), then a part of one (安排 of 合理安排) */
  const COST = { word: 1, prefix: 1.25, part: 1.35, character: 1.5 }

  /* A concept found everywhere still counts this much; a single character
     (找, 做) counts half as much as a word as rare */
  const LEAST_WEIGHT = 0.02
  const CHARACTER_WEIGHT = 0.5

  /* Results matching less than this share of what the best one matches are
     left out: they matched only common words (客户) */
  const LEAST_SHARE_OF_BEST = 0.4

  /* A whole page is a less precise answer than one of its tips */
  const PAGE_RELEVANCE = 0.5
  /* A concept found in a tip's title, or found again, says a little more */
  const HEADING_BONUS = 0.25
  const REPEAT_BONUS = 0.25
  /* A word found because it starts with a term (价格低 for 价格) counts this much of the term */
  const EXTENSION_FACTOR = 0.3

  const LONGEST_WORD = 8
  const SHORTEST_COMPOUND = 4
  const MOST_CONTAINING = 6
  const MOST_VARIANTS = 8
  /* Pages whose fragments are loaded to score their tips */
  const CANDIDATE_PAGES = 6
  /* Pagefind answers kept for the next searches (each is the pages a term finds) */
  const ANSWERS_KEPT = 200
  /* Key of the answer to all typed words at once */
  const ALL = "\u0000all"
  /* Words of an excerpt */
  const EXCERPT_WORDS = 36

  /* ---------------------------------------------------------------------
   * Lexicon
   * ------------------------------------------------------------------- */

  function bucketOf(text, count) {
    return text.codePointAt(0) % count
  }

  /**
   * The query-side dictionary: `count` buckets, each fetched once by
   * `fetchBucket(n)` (a promise of the bucket's JSON).
   */
  function createLexicon(count, fetchBucket) {
    const pending = new Map()
    const loaded = new Map()
    /* Frequencies of the longer words listed under parts (they may start in a bucket not loaded) */
    const partWords = new Map()

    function load(n) {
      if (!pending.has(n))
        pending.set(n, Promise.resolve(fetchBucket(n)).then(data => {
          const words = new Map(Object.entries(data.words || {}))
          const parts = new Map()
          for (const [part, longer] of Object.entries(data.parts || {})) {
            parts.set(part, longer.map(([word]) => word))
            for (const [word, frequency] of longer)
              partWords.set(word, frequency)
          }
          const prefixes = new Set()
          for (const word of words.keys()) {
            const chars = [...word]
            for (let end = 2; end < chars.length; end++)
              prefixes.add(chars.slice(0, end).join(""))
          }
          loaded.set(n, { words, parts, prefixes })
        }))
      return pending.get(n)
    }

    const bucket = text => loaded.get(bucketOf(text, count))

    return {
      /* Load the buckets of words starting with any of `chars` */
      need: chars => Promise.all([...new Set([...chars].map(c => bucketOf(c, count)))].map(load)),
      frequency: word => (bucket(word) && bucket(word).words.get(word)) || partWords.get(word) || 0,
      isPrefix: text => !!bucket(text) && bucket(text).prefixes.has(text),
      isPart: text => !!bucket(text) && bucket(text).parts.has(text),
      containing: text => (bucket(text) && bucket(text).parts.get(text)) || [],
      /* The index word starting with `text` found in the most sections (大客户 for 大客) */
      likeliestWord(text) {
        const found = bucket(text)
        let best = null
        for (const [word, frequency] of found ? found.words : [])
          if (word.startsWith(text) && (!best || frequency > best[1]))
            best = [word, frequency]
        return best && best[0]
      },
      /* Sections that have a word starting with `text` (what Pagefind finds for it), counted
         word by word: an upper bound */
      prefixFrequency(text) {
        const found = bucket(text)
        if (!found)
          return partWords.get(text) || 0
        let sum = 0
        for (const [word, frequency] of found.words)
          if (word.startsWith(text))
            sum += frequency
        return sum
      },
      get loadedBuckets() { return [...loaded.keys()].sort((a, b) => a - b) }
    }
  }

  /* ---------------------------------------------------------------------
   * Planner
   * ------------------------------------------------------------------- */

  function createPlanner(rules, lexicon) {
    const stopWords = new Set(rules.stopWords)
    const synonyms = new Map()
    for (const group of rules.synonyms)
      for (const word of group)
        synonyms.set(word, [...new Set([...(synonyms.get(word) || []), ...group])])
    const charMap = rules.charMap

    const known = word => lexicon.frequency(word) > 0 || stopWords.has(word) || synonyms.has(word)
    const findable = term => lexicon.frequency(term) > 0 || lexicon.isPrefix(term)

    /* The site-script spellings of characters i..j of `run` (ambiguous characters multiply) */
    function variants(run, i, j) {
      let spellings = [""]
      for (let k = i; k < j; k++) {
        const next = []
        for (const spelling of spellings)
          for (const choice of charMap[run[k]] || run[k])
            if (next.length < MOST_VARIANTS)
              next.push(spelling + choice)
        spellings = next
      }
      return spellings
    }

    /* The query's parts: Han runs and runs of other letters and digits */
    function parts(query) {
      return [...query.normalize("NFKC").toLowerCase().matchAll(QUERY_PARTS)].map(([part]) => part)
    }

    /* Characters whose lexicon buckets a query needs: its own, in every
       spelling, and the first ones of the synonyms of any word it contains */
    function neededCharacters(query) {
      const chars = new Set()
      for (const part of parts(query)) {
        const run = [...part]
        if (!HAN.test(part))
          continue
        for (let i = 0; i < run.length; i++) {
          for (const choice of charMap[run[i]] || run[i])
            chars.add(choice)
          for (let j = i + 2; j <= Math.min(run.length, i + LONGEST_WORD); j++)
            for (const spelling of variants(run, i, j))
              for (const synonym of synonyms.get(spelling) || [])
                chars.add([...synonym][0])
        }
      }
      return chars
    }

    /* Cut a run of Han characters into words, least cost first: [{word, alternatives}], where
       alternatives are the run's other spellings of the same characters that are index words too
       (了解 typed on the Traditional site: 了解 and 瞭解) */
    function cut(text) {
      const run = [...text]
      const best = [{ cost: 0, words: [] }]
      for (let i = 0; i < run.length; i++) {
        if (!best[i])
          continue
        const literal = run.slice(i)
        for (let j = i + 1; j <= Math.min(run.length, i + LONGEST_WORD); j++) {
          const typed = literal.slice(0, j - i).join("")
          let choice
          for (const spelling of variants(run, i, j)) {
            let cost
            if (known(spelling))
              /* Frequent words first; the spelling as typed, when it is a word, before all */
              cost = COST.word - 0.001 * Math.log1p(lexicon.frequency(spelling)) - (spelling === typed ? 0.02 : 0)
            else if (j - i > 1 && lexicon.isPrefix(spelling))
              cost = COST.prefix
            else if (j - i > 1 && lexicon.isPart(spelling))
              cost = COST.part
            else if (j - i === 1)
              cost = COST.character
            else
              continue
            if (!choice || cost < choice.cost)
              choice = { cost, spelling, i, j }
          }
          if (!choice)
            continue
          const cost = best[i].cost + choice.cost
          if (!best[j] || cost < best[j].cost)
            best[j] = { cost, words: [...best[i].words, choice] }
        }
      }
      return best[run.length].words.map(({ spelling, i, j }) => ({
        word: spelling,
        alternatives: variants(run, i, j).filter(other => other !== spelling && lexicon.frequency(other) > 0)
      }))
    }

    const segment = text => cut(text).map(({ word }) => word)

    /* The index word of two or more characters that a compound of four or
       more starts with (售后服务: 售后); shorter words are no compounds */
    function shorter(word) {
      const chars = [...word]
      if (chars.length < SHORTEST_COMPOUND)
        return undefined
      for (let end = chars.length - 1; end >= 2; end--) {
        const start = chars.slice(0, end).join("")
        if (lexicon.frequency(start) > 0)
          return start
      }
      return undefined
    }

    /* A concept: the word as typed (in this site's script) and the terms that find it */
    function concept(word, alternatives = []) {
      const terms = new Map()
      const add = (term, boost) => {
        if (!terms.has(term) || terms.get(term) < boost)
          terms.set(term, boost)
      }
      const han = HAN.test(word)
      const character = [...word].length === 1
      add(word, character ? BOOST.typedCharacter : BOOST.typed)
      for (const other of alternatives)
        add(other, (character ? BOOST.typedCharacter : BOOST.typed) - 1)
      if (han) {
        for (const synonym of synonyms.get(word) || [])
          if (synonym !== word && findable(synonym))
            add(synonym, BOOST.synonym)
        const start = shorter(word)
        if (start)
          add(start, BOOST.shorter)
        for (const member of [word, ...(synonyms.get(word) || [])])
          if ([...member].length > 1)
            for (const longer of lexicon.containing(member).slice(0, MOST_CONTAINING))
              add(longer, BOOST.containing)
      }
      return { display: word, character,
               terms: [...terms].map(([term, boost]) => ({ term, boost, frequency: lexicon.prefixFrequency(term) })) }
    }

    /**
     * Plan a query: load the lexicon buckets it needs, cut it, drop stop
     * words (unless nothing else is left) and make each word a concept.
     */
    async function plan(query) {
      await lexicon.need(neededCharacters(query))
      const cuts = parts(query).flatMap(part => HAN.test(part) ? cut(part) : [{ word: part, alternatives: [] }])
      const content = cuts.filter(({ word }) => !stopWords.has(word))
      const kept = new Map()
      for (const { word, alternatives } of content.length ? content : cuts)
        if (!kept.has(word))
          kept.set(word, alternatives)
      return { query, words: cuts.map(({ word }) => word), concepts: [...kept].map(([w, a]) => concept(w, a)) }
    }

    return { plan, segment, neededCharacters }
  }

  /* ---------------------------------------------------------------------
   * Ranking
   * ------------------------------------------------------------------- */

  /* How much matching a concept says: its inverse document frequency over
     pages, scaled so that a word no page has would weigh 1 */
  function conceptWeight(found, pages, character) {
    const n = pages + 1
    const idf = Math.log(n / (found + 0.5)) / Math.log(n / 0.5)
    return Math.max(LEAST_WEIGHT, idf * (character ? CHARACTER_WEIGHT : 1))
  }

  /**
   * Pages matching the plan's concepts, from Pagefind's answers: `answers`
   * maps a term to Pagefind's answer ({results: [{id, score}]}), and
   * `answers.get(ALL)` is the answer to all typed words at once (pages that
   * have every one), when it was asked.  Each page gets the concepts it
   * matches, its coverage (weighted share of the concepts it matches) and a
   * relevance.  Concepts are weighted by how rare they are among sections
   * (the lexicon's counts), or among pages where the lexicon does not know a
   * word (CRM, 80).
   */
  function matchPages(plan, answers, stats) {
    const pages = new Map()
    const page = result => {
      if (!pages.has(result.id))
        pages.set(result.id, { id: result.id, result, concepts: new Map() })
      return pages.get(result.id)
    }
    const note = (entry, index, boost, score) => {
      /* Pagefind's score, squashed below 1: what a term is (typed, synonym ...) decides first */
      const value = boost * score / (score + 1)
      entry.concepts.set(index, Math.max(entry.concepts.get(index) || 0, value))
    }
    const weights = plan.concepts.map((c, index) => {
      const found = new Set()
      for (const { term, boost } of c.terms)
        for (const result of (answers.get(term) || { results: [] }).results) {
          found.add(result.id)
          note(page(result), index, boost, result.score)
        }
      const known = c.terms.reduce((sum, t) => sum + (t.frequency || 0), 0)
      const sections = known || found.size * stats.sections / Math.max(1, stats.pages)
      return conceptWeight(Math.min(stats.sections, sections), stats.sections, c.character)
    })
    for (const result of (answers.get(ALL) || { results: [] }).results)
      plan.concepts.forEach((c, index) => note(page(result), index, c.terms[0].boost, result.score))
    const total = weights.reduce((sum, w) => sum + w, 0) || 1
    for (const entry of pages.values()) {
      entry.coverage = [...entry.concepts.keys()].reduce((sum, i) => sum + weights[i], 0) / total
      entry.relevance = [...entry.concepts].reduce((sum, [i, score]) => sum + weights[i] * score, 0)
    }
    const ordered = [...pages.values()].sort((a, b) =>
      b.coverage - a.coverage || b.relevance - a.relevance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    return { pages: ordered, weights, total }
  }

  /* Where each concept's terms are in a page's words: concept index -> location -> {boost, term} */
  function locate(plan, page) {
    const found = new Map()
    plan.concepts.forEach((c, index) => {
      const locations = new Map()
      for (const { term, boost } of c.terms)
        for (const [word, places] of page.byWord)
          if (word.startsWith(term))
            for (const location of places)
              if (!locations.has(location) || locations.get(location).boost < boost)
                locations.set(location, { boost, term })
      if (locations.size)
        found.set(index, locations)
    })
    return found
  }

  /* A fragment's words, sections and where each distinct word is, worked out once per fragment
     (Pagefind keeps each fragment it loaded, so later searches find them here) */
  const readFragments = new WeakMap()
  function readFragment(fragment) {
    if (!readFragments.has(fragment)) {
      const { words, sections } = fragmentSections(fragment)
      const byWord = new Map()
      words.forEach((word, location) => {
        const normalised = indexWord(word)
        if (!byWord.has(normalised))
          byWord.set(normalised, [])
        byWord.get(normalised).push(location)
      })
      readFragments.set(fragment, { words, sections, byWord })
    }
    return readFragments.get(fragment)
  }

  /* The sections of a page's fragment: its own (title and intro), then one per heading with an id */
  function fragmentSections(fragment) {
    const words = fragment.content.split(" ")
    const anchors = (fragment.anchors || [])
      .filter(a => /^h[2-6]$/i.test(a.element) && a.id)
      .sort((a, b) => a.location - b.location)
    const titleWords = (fragment.meta && fragment.meta.title ? fragment.meta.title.split(" ") : []).length
    const sections = [{ anchor: null, start: 0, headingEnd: titleWords,
                        end: anchors.length ? anchors[0].location : words.length }]
    anchors.forEach((a, i) => sections.push({
      anchor: a.id,
      start: a.location,
      headingEnd: a.location + a.text.split(/\s+/).filter(Boolean).length,
      end: i + 1 < anchors.length ? anchors[i + 1].location : words.length
    }))
    return { words, sections }
  }

  /* A page word as Pagefind indexes it */
  function indexWord(word) {
    return word.replace(/[^\p{L}\p{N}_]/gu, "").toLowerCase()
  }

  /* How well the located concepts (index -> location -> {boost, term}) match the words start..end of a page */
  function scoreRange(located, words, weights, total, start, headingEnd, end) {
    let covered = 0
    let relevance = 0
    const matched = []
    const missing = []
    for (const [index, locations] of located) {
      let count = 0
      let boost = 0
      let inHeading = false
      for (const [location, { boost: termBoost, term }] of locations)
        if (location >= start && location < end) {
          count++
          /* Pagefind also finds the words a term starts with: the term itself says more */
          const exact = indexWord(words[location] || "") === term
          boost = Math.max(boost, termBoost * (exact ? 1 : EXTENSION_FACTOR))
          matched.push(location)
          if (location < headingEnd)
            inHeading = true
        }
      if (!count)
        continue
      covered += weights[index]
      /* More occurrences and a place in the title add at most half again: a typed word found
         once still outranks a synonym found often (10 > 6 × 1.5) */
      const repeated = (count - 1) / (count + 1)
      relevance += weights[index] * boost * (1 + HEADING_BONUS * inHeading + REPEAT_BONUS * repeated)
    }
    weights.forEach((_, index) => { if (!located.has(index)) missing.push(index) })
    return { coverage: covered / total, relevance, matched: matched.sort((a, b) => a - b), missing }
  }

  /**
   * Rank sections (tips) and whole pages, given the matched pages and their
   * fragments (page id -> fragment).  Returns items, best first:
   * {page, anchor, coverage, relevance, matched (word locations), missing
   * (concept indexes), words (the page's words), section}.
   */
  function rankSections(plan, matches, fragments) {
    const items = []
    for (const page of matches.pages) {
      const fragment = fragments.get(page.id)
      if (!fragment)
        continue
      const read = readFragment(fragment)
      const { words, sections } = read
      const located = locate(plan, read)
      for (const section of sections) {
        const score = scoreRange(located, words, matches.weights, matches.total, section.start, section.headingEnd,
                                 section.end)
        if (score.coverage > 0)
          items.push({ page, fragment, words, section, whole: false, ...score })
      }
      const whole = scoreRange(located, words, matches.weights, matches.total, 0, sections[0].headingEnd, words.length)
      items.push({ page, fragment, words, section: sections[0], whole: true, ...whole,
                   relevance: whole.relevance * PAGE_RELEVANCE })
    }
    const best = Math.max(0, ...items.map(i => i.coverage))
    const kept = items.filter(i => i.coverage >= LEAST_SHARE_OF_BEST * best)
    kept.sort((a, b) => b.coverage - a.coverage || b.relevance - a.relevance ||
      a.whole - b.whole || a.section.start - b.section.start || (a.page.id < b.page.id ? -1 : 1))
    return kept
  }

  /* ---------------------------------------------------------------------
   * Text: words back into Chinese text, excerpts with highlights
   * ------------------------------------------------------------------- */

  const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014]/u
  const ALNUM = /[\p{L}\p{N}]/u

  /* A word as the page writes it: without the full stop Pagefind adds at the end of a block */
  function pageWord(word) {
    return word.length > 1 && word.endsWith(".") && !/[A-Za-z0-9]/.test(word[word.length - 2])
      ? word.slice(0, -1) : word
  }

  /* Whether two words were written apart: only between letters or digits and Chinese (刨客 app) or two Latin words */
  function spaced(left, right) {
    const a = left[left.length - 1]
    const b = right[0]
    if (!a || !b)
      return false
    if (CJK.test(a) || CJK.test(b))
      return HAN.test(a) ? ALNUM.test(b) && !HAN.test(b) : HAN.test(b) && ALNUM.test(a)
    return true
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
  }

  /* Words start..end as HTML, the words at `marked` locations in <mark> */
  function renderWords(words, start, end, marked) {
    let html = ""
    let previous = ""
    for (let i = start; i < end; i++) {
      const word = pageWord(words[i])
      if (!word)
        continue
      if (previous && spaced(previous, word))
        html += " "
      html += marked.has(i) ? `<mark>${escapeHtml(word)}</mark>` : escapeHtml(word)
      previous = word
    }
    return html
  }

  /* The text of words start..end, as written */
  function plainText(words, start, end) {
    return renderWords(words, start, end, new Set())
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&amp;/g, "&")
  }

  /* An excerpt of the body (headingEnd..end) of a section, around its densest matches */
  function excerpt(words, section, matched) {
    const body = matched.filter(l => l >= section.headingEnd && l < section.end)
    let start = section.headingEnd
    if (body.length) {
      let bestCount = -1
      for (const first of body) {
        const count = body.filter(l => l >= first && l < first + EXCERPT_WORDS).length
        if (count > bestCount) {
          bestCount = count
          start = Math.max(section.headingEnd, first - 4)
        }
      }
    }
    const end = Math.min(section.end, start + EXCERPT_WORDS)
    const html = renderWords(words, start, end, new Set(body))
    return (start > section.headingEnd ? "…" : "") + html + (end < section.end ? "…" : "")
  }

  /* ---------------------------------------------------------------------
   * Fragments from their packs
   * ------------------------------------------------------------------- */

  const FRAGMENT_URL = /\/fragment\/([^/?#]+)_([0-9a-f]+)\.pf_fragment(?:[?#].*)?$/

  /**
   * A fetch() for Pagefind: the bundle packs its page fragments
   * (zhkb.search.bundle.pack_fragments), `packs` of them, each fragment in
   * the pack its hash names: the last 8 hex digits modulo `packs`.  A
   * request for fragment/<language>_<hash>.pf_fragment is answered with the
   * fragment's bytes from fragment/<language>_<n>_<tag>.pf_pack (`tag` names
   * this build's packs), each pack fetched once; any other request goes to
   * `fetch` itself.  Pagefind reads only
   * `ok`, `status` and `arrayBuffer()` of what fetch() gives it.
   */
  function packedFetch(fetch, packs, tag) {
    const loaded = new Map()
    function pack(url) {
      if (!loaded.has(url)) {
        loaded.set(url, Promise.resolve(fetch(url)).then(async response => {
          if (!response.ok)
            throw new Error(`${url}: HTTP ${response.status}`)
          return readPack(new Uint8Array(await response.arrayBuffer()))
        }).catch(error => { loaded.delete(url); throw error }))
      }
      return loaded.get(url)
    }
    return async function (input, init) {
      const url = String(input && input.url ? input.url : input)
      const match = FRAGMENT_URL.exec(url)
      if (!match)
        return fetch(input, init)
      const [, language, hash] = match
      const number = parseInt(hash.slice(-8), 16) % packs
      const fragments = await pack(url.replace(FRAGMENT_URL, `/fragment/${language}_${number}_${tag}.pf_pack`))
      const bytes = fragments.get(hash)
      if (!bytes)
        return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) }
      return { ok: true, status: 200, arrayBuffer: async () => bytes.slice().buffer }
    }
  }

  /* A pack's fragments: hash -> bytes.  A JSON line of hash -> [offset, length] (after the line), then the bytes */
  function readPack(data) {
    const end = data.indexOf(10)
    if (end < 0)
      throw new Error("not a fragment pack")
    const offsets = JSON.parse(new TextDecoder().decode(data.subarray(0, end)))
    const fragments = new Map()
    for (const [hash, [offset, length]] of Object.entries(offsets))
      fragments.set(hash, data.subarray(end + 1 + offset, end + 1 + offset + length))
    return fragments
  }

  /* ---------------------------------------------------------------------
   * Search
   * ------------------------------------------------------------------- */

  /**
   * Search with zhkb's rules and ranking over `pagefind` (Pagefind's JS API:
   * search(term) -> {results: [{id, score, words, data()}]}).
   * `rules`: the bundle's rules.json; `fetchBucket(n)`: its lexicon bucket n;
   * `pageCount`: pages in the index.
   *
   * search(query) -> {plan, results}: results best first, grouped by page,
   * each {url (page URL and #anchor), page (its URL), anchor, title
   * (HTML), pageTitle (text), text (HTML excerpt), coverage, score, terms
   * ({word as the page writes it: true, missing concept: false})}.
   */
  function createSearch({ pagefind, rules, fetchBucket, pageCount, candidatePages = CANDIDATE_PAGES }) {
    const lexicon = createLexicon(rules.lexiconBuckets, fetchBucket)
    const planner = createPlanner(rules, lexicon)

    const common = rules.commonSections
    const stats = { pages: pageCount, sections: rules.sectionCount }

    /* Pagefind's answer for each term asked lately: a reader typing a query asks most of its terms
       again at every character (建立, 建立信, 建立信任), and a term's answer only changes with the index */
    const answers = new Map()
    function answer(term, options) {
      const key = `${term}\u0001${JSON.stringify(options || {})}`
      let found = answers.get(key)
      if (found)
        answers.delete(key)
      else
        found = pagefind.search(term, options).catch(error => { answers.delete(key); throw error })
      answers.set(key, found)  /* the most recent last */
      while (answers.size > ANSWERS_KEPT)
        answers.delete(answers.keys().next().value)
      return found
    }

    /* The word whose prominent pages stand for a common term (zhkb.search.prominence) */
    const topWord = term => lexicon.frequency(term) > 0 ? term : lexicon.likeliestWord(term)

    /**
     * What to ask Pagefind: [{key, term, options}].  Each term found in few
     * sections, on its own (a concept's pages are the union of its terms').
     * Common terms (客户: more sections than rules.commonSections) not: Pagefind's
     * answer would list every page that has them, in time proportional to the
     * corpus.  Where a typed word is common, all typed words at once (the pages
     * that have every one), and, if they are all common, only among the pages
     * where one of them is most prominent (Pagefind's filter rules.topFilter).
     * Common terms are then found in the fragments of the pages kept.
     */
    function searches(plan) {
      const found = []
      const terms = new Map()
      for (const c of plan.concepts)
        for (const t of c.terms)
          terms.set(t.term, t.frequency)
      for (const [term, frequency] of terms)
        if (frequency <= common)
          found.push({ key: term, term })
      const typed = plan.concepts.map(c => c.terms[0])
      const commonTyped = typed.filter(t => t.frequency > common)
      if (commonTyped.length) {
        const tops = [...new Set(commonTyped.map(t => topWord(t.term)).filter(Boolean))]
        const onlyCommon = commonTyped.length === typed.length
        found.push({
          key: ALL,
          term: typed.map(t => t.term).join(" "),
          options: onlyCommon && tops.length ? { filters: { [rules.topFilter]: { any: tops } } } : {}
        })
      }
      return found
    }

    /**
     * `current()`, if given, says whether the caller still wants this search
     * (a reader typing makes each query replace the last): between its steps
     * a search no longer wanted stops, answering null.
     */
    async function search(query, current = () => true) {
      const timings = {}
      let mark = now()
      const lap = name => { const t = now(); timings[name] = t - mark; mark = t }
      const plan = await planner.plan(query)
      const asked = searches(plan)
      lap("plan")
      if (!current())
        return null
      const found = new Map(await Promise.all(asked.map(async ({ key, term, options }) => [key, await answer(term, options)])))
      lap("pagefind")
      if (!current())
        return null
      const matches = matchPages(plan, found, stats)
      const bestCoverage = matches.pages.length ? matches.pages[0].coverage : 0
      const candidates = matches.pages
        .filter(p => p.coverage >= LEAST_SHARE_OF_BEST * bestCoverage)
        .slice(0, candidatePages)
      lap("pages")
      const fragments = new Map(await Promise.all(candidates.map(async p => [p.id, await p.result.data()])))
      lap("fragments")
      if (!current())
        return null
      const ranked = rankSections(plan, { ...matches, pages: candidates }, fragments)
      const results = present(plan, ranked)
      lap("tips")
      return { plan, results, asked, timings }
    }

    return { search, planner, lexicon }
  }

  /* One ranked item as a result: its link, title and excerpt as HTML, the words to highlight */
  function result(plan, item, pageUrl) {
    const { words, section } = item
    const marked = new Set(item.matched)
    const terms = {}
    for (const location of item.matched)
      terms[pageWord(words[location])] = true
    for (const index of item.missing)
      terms[plan.concepts[index].display] = false
    const bodyMatched = item.matched.some(l => l >= section.headingEnd && l < section.end)
    return {
      url: section.anchor ? `${pageUrl}#${section.anchor}` : pageUrl,
      anchor: section.anchor,
      title: renderWords(words, section.start, section.headingEnd, marked),
      text: bodyMatched ? excerpt(words, section, item.matched) : "",
      coverage: item.coverage,
      relevance: item.relevance,
      terms
    }
  }

  /**
   * Ranked items -> results grouped by page, pages in the order of their
   * best item: {url, title, text, coverage, terms, tips: [...]} where the
   * page's own entry stands for its title and intro (or, matching across
   * tips, for the whole page), and tips are best first.  A tip is `folded`
   * when it matches less of the query than the page's best item.
   */
  function present(plan, ranked) {
    const groups = new Map()
    for (const item of ranked) {
      if (!groups.has(item.page.id))
        groups.set(item.page.id, [])
      groups.get(item.page.id).push(item)
    }
    const most = Math.max(1e-9, ...ranked.map(i => i.relevance))
    const score = item => Math.round(1e6 * (item.coverage + 0.001 * item.relevance / most)) / 1e6
    const results = []
    for (const group of groups.values()) {
      const [best] = group
      const pageUrl = (best.fragment.raw_url || best.fragment.url).replace(/^\//, "")
      const own = group.find(item => !item.section.anchor)
      const page = result(plan, own, pageUrl)
      const tips = group.filter(item => item.section.anchor).map(item => ({
        ...result(plan, item, pageUrl), score: score(item), folded: item.coverage < best.coverage
      }))
      results.push({ ...page, score: score(best), pageTitle: plainText(best.words, 0, own.section.headingEnd), tips })
    }
    return results
  }

  const api = {
    BOOST, ALL, bucketOf, createLexicon, createPlanner, createSearch, matchPages, rankSections, fragmentSections,
    renderWords, plainText, spaced, pageWord, packedFetch, readPack
  }
  if (typeof module === "object" && module.exports)
    module.exports = api
  else
    scope.zhkbSearch = api
})(typeof self !== "undefined" ? self : globalThis)
