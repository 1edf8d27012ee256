'use strict'
// Mends the doc comments of native.d.ts after `napi build`. A doc comment that
// passed through a `macro_rules!` (src/define.rs writes most native functions)
// reaches napi-derive as a raw string literal (`r" text"`, or `r#" text "#`
// when it holds a quote), and napi-derive 3.7 copies the literal's `r"` into
// the JSDoc (the same bug as madonoharu/tsify#73). Each JSDoc line then starts
// `r" ` (or `r#" `, ending `"#`), and an empty doc line is `r"` (or `r""`):
// this strips exactly that, nothing else, and running it again changes
// nothing. It fails (exit 1) if a JSDoc line still starts with `r"` after
// that, and so do npm's build and pack (`prepack`) and pack.sh;
// `__test__/surface.test.cjs` checks the build's file too.
//
//   node scripts/dts-docs.js [native.d.ts]   # run by npm's postbuild and prepack hooks and pack.sh
const fs = require('node:fs')
const path = require('node:path')

const file = process.argv[2] ?? path.join(__dirname, '..', 'native.d.ts')
const text = fs.readFileSync(file, 'utf8')
const mended = text.replace(/^(\s*(?:\/\*\*|\*) )r(#*)"(?: (.*?))?(?:"\2)?( \*\/)?$/gm, (_, lead, hashes, body, end) => {
  if (!body) return end ? `${lead}${end.trimStart()}` : lead.trimEnd() // an empty line
  const closed = hashes ? body.replace(new RegExp(`"${hashes}$`), '') : body
  return `${lead}${closed}${end ?? ''}`
})
if (mended !== text) fs.writeFileSync(file, mended)
const left = mended.split('\n').filter((line) => /^\s*(\/\*\*|\*) r#*"/.test(line))
if (left.length > 0) {
  console.error(`${file}: doc comments still start with a raw string's r":\n${left.join('\n')}`)
  process.exit(1)
}
