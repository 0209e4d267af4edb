/*
 * Run a built site's search worker in Node, as the browser runs it: our
 * wrapper (zhkb-search.js), which loads the site's query rules and Material's
 * worker, fed with the site's search index.  For fast tests of the whole
 * query path without a browser; the browser tests drive the real search box.
 *
 *   node worker_harness.js <variant site folder>  < ["query", ...]  > [result, ...]
 *
 * Each result lists the links Material's result list shows, in order (each
 * page's link, then its best sections; not those folded under "more"), and
 * the terms Material reports for the first link.
 */
"use strict"

const fs = require("fs")
const path = require("path")
const vm = require("vm")

const WORKERS = "assets/javascripts/workers"

/* A worker global scope running the site's search worker */
function startWorker(siteDir) {
  const folder = path.join(siteDir, WORKERS)
  const listeners = []
  const posted = []
  const scope = {
    console,
    URL,
    location: new URL(`http://localhost/${WORKERS}/zhkb-search.js`),
    importScripts(...urls) {
      for (const url of urls) {
        const file = path.resolve(folder, url)
        vm.runInContext(fs.readFileSync(file, "utf8"), scope, { filename: file })
      }
    },
    addEventListener(type, listener) {
      if (type === "message")
        listeners.push(listener)
    },
    postMessage(message) {
      posted.push(message)
    }
  }
  scope.self = scope
  vm.createContext(scope)
  scope.importScripts("zhkb-search.js")

  /* Post a message and wait for the worker's answer */
  async function send(message) {
    const before = posted.length
    const event = { data: message }
    for (const listener of listeners)
      listener(event)
    while (posted.length === before)
      await new Promise(resolve => setImmediate(resolve))
    return posted[posted.length - 1]
  }
  return { send, scope }
}

/* The links Material's result list shows (templates/search: renderSearchResultItem) */
function shownLinks(groups) {
  const links = []
  for (const group of groups) {
    const threshold = group[0].score
    const docs = [...group]
    const article = docs.splice(docs.findIndex(doc => !doc.location.includes("#")), 1)[0]
    let best = docs.findIndex(doc => doc.score < threshold)
    if (best === -1)
      best = docs.length
    for (const doc of [article, ...docs.slice(0, best)])
      links.push({ location: doc.location, title: doc.title.replace(/<[^>]*>/g, ""), score: doc.score })
  }
  return links
}

async function openSite(siteDir) {
  const index = JSON.parse(fs.readFileSync(path.join(siteDir, "search", "search_index.json"), "utf8"))
  const worker = startWorker(siteDir)
  /* Material's message numbers, as the site's rules give them to our worker */
  const MESSAGE = worker.scope.zhkbQueryRules.materialMessages
  const ready = await worker.send({
    type: MESSAGE.SETUP,
    data: { config: index.config, docs: index.docs, options: { suggest: false } }
  })
  if (ready.type !== MESSAGE.READY)
    throw new Error(`worker answered setup with ${JSON.stringify(ready)}`)
  return {
    async search(query) {
      const answer = await worker.send({ type: MESSAGE.QUERY, data: query })
      const groups = answer.data.items
      return {
        query,
        links: shownLinks(groups),
        terms: groups.length ? groups[0][0].terms : {},
        texts: groups.length ? groups.flat().map(doc => doc.text) : []
      }
    }
  }
}

async function main() {
  const site = await openSite(process.argv[2])
  const queries = JSON.parse(fs.readFileSync(0, "utf8"))
  const results = []
  for (const query of queries)
    results.push(await site.search(query))
  process.stdout.write(JSON.stringify(results))
}

module.exports = { openSite, startWorker, shownLinks }

if (require.main === module)
  main().catch(error => {
    console.error(error)
    process.exit(1)
  })
