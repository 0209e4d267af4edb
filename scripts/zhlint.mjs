// Chinese typography check of the generated Markdown (make lint), with zhlint 0.8.2.
//
//     node scripts/zhlint.mjs docs            # every .md file under docs/
//     node scripts/zhlint.mjs docs/index.md   # one file
//
// zhlint's own command line catches every exception and exits 0, so a file it crashed on passed the
// check unseen. This runs the same checks (zhlint's readRc, runWithConfig and report, with .zhlintrc)
// file by file, and fails, naming the file, when zhlint throws or a file cannot be read.
//
// Heading anchors ({#t12}, Python-Markdown's attr_list) are not text: zhlint, which does not know the
// syntax, would take the space before them for a space outside a closing quote. They are cut off the
// end of their line before the check (line and column numbers of the text stay right).
//
// .zhlintrc is zhlint's default configuration with one change: ranges are written with the full-width
// tilde (9～10 点, GB/T 15834), so ～ is the form that ~ is unified to, not the other way round.
import fs from 'node:fs'
import path from 'node:path'
import { readRc, report, runWithConfig } from 'zhlint'

const markdownFiles = (target) =>
  fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()
    ? fs.readdirSync(target).sort().flatMap((name) => markdownFiles(path.join(target, name)))
    : target.endsWith('.md') || !fs.existsSync(target) ? [target] : []

const files = process.argv.slice(2).flatMap(markdownFiles)
if (files.length === 0) {
  console.error('zhlint.mjs: no files to check')
  process.exit(2)
}
const config = readRc(process.cwd(), '.zhlintrc')
const results = []
let crashed = 0
for (const file of files) {
  try {
    const origin = fs.readFileSync(file, { encoding: 'utf8' })
    const text = origin.replace(/ \{#[A-Za-z0-9_-]+\}$/gm, '')
    const { result, validations } = runWithConfig(text, config)
    results.push({ file, origin: text, result, validations })
  } catch (error) {
    crashed += 1
    console.error(`${file}: zhlint failed on this file: ${error && error.stack ? error.stack : error}`)
  }
}
const status = report(results)
if (crashed) {
  console.error(`zhlint.mjs: zhlint crashed on ${crashed} of ${files.length} files`)
}
process.exit(crashed ? 3 : status ? 1 : 0)
