/*
 * The site's search worker: Material's search box and result list, answered
 * by zhkb's search (zhkb-search.js) over Pagefind instead of Material's lunr
 * worker.  Glue only: it speaks Material's worker messages, whose numbers the
 * zhkb plugin fills in below (zhkb.site.material, checked against the pinned
 * Material by tests/test_material_contract.py):
 *
 *   {type: 0 SETUP, data: {config, docs, options}}  -> start Pagefind, load the rules -> {type: 1 READY}
 *   {type: 2 QUERY, data: "<query>"}                -> {type: 3 RESULT, data: {items: [[page, tip, ...], ...]}}
 *
 * Material's search index (search_index.json) is a stub with no documents:
 * Material's page script still fetches it for its configuration.  This file
 * lives in the bundle's zhkb/ folder; Pagefind's files are one folder up.
 */
;(function (worker) {
  "use strict"

  const MESSAGE = /* zhkb:messages */ null
  const BUNDLE = new URL("../", worker.location.href)

  worker.importScripts("zhkb-search.js")
  const { createSearch, packedFetch } = worker.zhkbSearch

  async function fetchJson(url) {
    const response = await fetch(url)
    if (!response.ok)
      throw new Error(`${url}: HTTP ${response.status}`)
    return response.json()
  }

  async function start() {
    const [pagefind, rules] = await Promise.all([
      import(new URL("pagefind.js", BUNDLE).href),
      fetchJson(new URL("zhkb/rules.json", BUNDLE))
    ])
    /* Pagefind fetches page fragments with the global fetch(); the bundle has them in packs */
    worker.fetch = packedFetch(worker.fetch.bind(worker), rules.fragmentPacks, rules.fragmentPackTag)
    /* The build's tag instead of Pagefind's default (the time, to bypass caches): the service
       worker can then keep Pagefind's entry file for offline use, and a new build still loads anew */
    await pagefind.options({ basePath: BUNDLE.pathname, baseUrl: "/", metaCacheTag: rules.bundleTag })
    await pagefind.init()
    const pageCount = rules.pageCount
    const fetchBucket = n => fetchJson(new URL(`zhkb/lexicon/${n}.json`, BUNDLE))
    return createSearch({ pagefind, rules, fetchBucket, pageCount })
  }

  /* zhkb's results as Material's: a page's entry first, its tips after; Material folds tips scoring below the first */
  function materialItems(results) {
    return results.map(page => {
      const doc = { location: page.url, title: page.title, text: page.text, score: page.score, terms: page.terms }
      const tips = page.tips.map(tip => ({
        location: tip.url, title: tip.title, text: tip.text, terms: tip.terms,
        score: tip.folded ? Math.min(tip.score, page.score / 2) : page.score
      }))
      return [doc, ...tips]
    })
  }

  /* Milliseconds since the epoch, comparable with the page's clock (for the benchmark's timings) */
  const clock = () => performance.timeOrigin + performance.now()

  let search = null
  let latest = null

  worker.addEventListener("message", event => {
    const message = event.data
    if (message.type === MESSAGE.SETUP) {
      search = start()
      search.then(() => worker.postMessage({ type: MESSAGE.READY }),
                  error => console.error("zhkb search could not start:", error))
    } else if (message.type === MESSAGE.QUERY) {
      const query = message.data
      const received = clock()
      latest = query
      /* Material sends a query at every key release.  Each query is searched at once, beside any
         search still running for an earlier one (which stops at its next step, or finishes without
         answering): waiting for it would add its downloads to the new query's time. */
      const run = async () => {
        const started = clock()
        let items = []
        let timings = null
        try {
          const found = query.trim() ? await (await search).search(query, () => query === latest) : null
          items = found ? materialItems(found.results) : []
          timings = found && { received, started, ...found.timings }
        } catch (error) {
          console.error("zhkb search failed:", error)
        }
        /* Only the latest query answers: Material shows the last result it gets, and an earlier
           one arriving late would replace the right results with stale ones.
           (Material reads the items; the time each step took is for benchmarks.) */
        if (query === latest)
          worker.postMessage({ type: MESSAGE.RESULT, data: { items, timings: timings && { ...timings, posted: clock() } } })
      }
      run()
    }
  })
})(self)
