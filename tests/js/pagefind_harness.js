/*
 * Run a site variant's search in Node as the browser runs it: Pagefind's own
 * JS and WebAssembly from the built bundle, under zhkb's query rules and
 * ranking (zhkb-search.js from the bundle), files read from disk instead of
 * fetched.  For fast tests of the whole query path without a browser.
 *
 *   node pagefind_harness.js <bundle folder>  < ["query", ...]  > [{query, links, terms}, ...]
 *
 * Each result lists the links the search shows, in order: each page's link,
 * then its tips that are not folded away (as Material's result list shows them).
 */
"use strict"

const fs = require("node:fs")
const path = require("node:path")
const { pathToFileURL } = require("node:url")

/* Bundles opened in this process: URL prefix -> {folder, log} */
const bundles = new Map()

/* fetch() over the bundle folders, logging the bytes of each file read */
async function diskFetch(url) {
  const prefix = [...bundles.keys()].find(p => url.startsWith(p))
  if (!prefix)
    throw new Error(`no bundle for ${url}`)
  const { folder, log } = bundles.get(prefix)
  const relative = decodeURIComponent(new URL(url).pathname.slice(new URL(prefix).pathname.length))
  const data = fs.readFileSync(path.join(folder, relative))
  log.push({ file: relative, bytes: data.length })
  const body = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)
  return { ok: true, status: 200, arrayBuffer: async () => body, json: async () => JSON.parse(data.toString("utf8")),
           text: async () => data.toString("utf8") }
}

/* fetch() of the bundle a URL belongs to (its packedFetch over diskFetch) */
function bundleFetch(url, init) {
  const prefix = [...bundles.keys()].find(p => String(url).startsWith(p))
  return prefix ? bundles.get(prefix).fetch(url, init) : diskFetch(url)
}

async function openBundle(bundleFolder) {
  const folder = path.resolve(bundleFolder)
  const log = []
  const base = `http://zhkb.invalid/${bundles.size}/`
  bundles.set(base, { folder, log })
  const zhkb = require(path.join(folder, "zhkb", "zhkb-search.js"))
  const rules = JSON.parse(fs.readFileSync(path.join(folder, "zhkb", "rules.json"), "utf8"))
  /* As the site's worker does: fragments come from their packs (one process may open several bundles,
     each with its own pack count: each prefix's requests go through its own packedFetch) */
  bundles.get(base).fetch = zhkb.packedFetch(diskFetch, rules.fragmentPacks, rules.fragmentPackTag)
  globalThis.fetch = bundleFetch
  const pagefind = await import(pathToFileURL(path.join(folder, "pagefind.js")).href)
  await pagefind.options({ basePath: base, baseUrl: "/", metaCacheTag: "test" })
  await pagefind.init()
  const pageCount = rules.pageCount
  const fetchBucket = n => JSON.parse(fs.readFileSync(path.join(folder, "zhkb", "lexicon", `${n}.json`), "utf8"))
  const engine = zhkb.createSearch({ pagefind, rules, fetchBucket, pageCount })
  return {
    engine,
    log,
    pagefind_search: term => pagefind.search(term),
    pagefind_preload: term => pagefind.preload(term),
    async search(query) {
      const { plan, results } = await engine.search(query)
      const shown = results.flatMap(page => [page, ...page.tips.filter(tip => !tip.folded)])
      return {
        query,
        concepts: plan.concepts.map(c => c.display),
        links: shown.map(r => ({ location: r.url, title: r.title.replace(/<[^>]*>/g, ""), score: r.score })),
        terms: shown.length ? shown[0].terms : {},
        texts: shown.map(r => r.text)
      }
    }
  }
}

async function main() {
  const bundle = await openBundle(process.argv[2])
  const queries = JSON.parse(fs.readFileSync(0, "utf8"))
  const results = []
  for (const query of queries)
    results.push(await bundle.search(query))
  process.stdout.write(JSON.stringify(results))
}

module.exports = { openBundle }

if (require.main === module)
  main().catch(error => {
    console.error(error)
    process.exit(1)
  })
